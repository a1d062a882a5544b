#pragma once
// An offscreen OpenGL render window of a given size holding one or more
// renderers (slice views, 3-D views) side by side, read back as 8-bit RGB.
// Needs an X display (Xvfb with Mesa llvmpipe is enough); without one the
// constructor throws a clear error instead of letting VTK abort.

#include <cstdint>
#include <memory>
#include <vector>

class vtkRenderer;
class vtkRenderWindow;

namespace lightbox::render {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // row-major, top row first
    std::uint8_t at(int x, int y, int channel) const {
        return rgb[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3 + std::size_t(channel)];
    }
};

// Whether a display for OpenGL is reachable (DISPLAY set and accepting).
bool displayAvailable();

class OffscreenRenderer {
public:
    // Throws core::Error(Unsupported) when no display / OpenGL context.
    OffscreenRenderer(int width, int height);
    ~OffscreenRenderer();
    OffscreenRenderer(const OffscreenRenderer&) = delete;
    OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    vtkRenderWindow* window() const;
    // Places a renderer in the normalised viewport (x0, y0, x1, y1), origin bottom left.
    void addRenderer(vtkRenderer* renderer, double x0 = 0, double y0 = 0, double x1 = 1, double y1 = 1);
    void removeRenderer(vtkRenderer* renderer);
    void render();
    RgbImage capture();  // renders, then reads the frame back

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
    int width_, height_;
};

}  // namespace lightbox::render
