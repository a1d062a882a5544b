#include "lightbox/render/OffscreenRenderer.h"

#include "lightbox/core/Error.h"

#include <vtkAutoInit.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>
#include <vtkUnsignedCharArray.h>

#include <X11/Xlib.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

// The object factories of the OpenGL, text and volume modules: without these
// vtkRenderWindow::New() and friends return the abstract classes.
VTK_MODULE_INIT(vtkRenderingOpenGL2);
VTK_MODULE_INIT(vtkRenderingFreeType);
VTK_MODULE_INIT(vtkRenderingVolumeOpenGL2);

namespace lightbox::render {

namespace {

// A loaded X server (Xvfb on a busy machine) refuses connections now and
// then (EAGAIN on connect): try for a few seconds before giving up.
Display* openDisplay() {
    const char* name = std::getenv("DISPLAY");
    if (!name || !*name) return nullptr;
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (Display* display = XOpenDisplay(name)) return display;
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + 10 * attempt));
    }
    return nullptr;
}

}  // namespace

bool displayAvailable() {
    Display* display = openDisplay();
    if (!display) return false;
    XCloseDisplay(display);
    return true;
}

struct OffscreenRenderer::Impl {
    Display* display = nullptr;  // ours, handed to VTK (which would abort() when it cannot open one)
    vtkNew<vtkRenderWindow> window;
};

OffscreenRenderer::OffscreenRenderer(int width, int height) : width_(width), height_(height) {
    if (width < 1 || height < 1 || width > 16384 || height > 16384)
        throw core::Error(core::ErrorCode::InvalidArgument, "the image size must be between 1x1 and 16384x16384");
    // VTK's X render window aborts the process when it cannot open the
    // display: open it here and hand it over.
    Display* display = openDisplay();
    if (!display)
        throw core::Error(core::ErrorCode::Unsupported,
                          "rendering needs an X display for OpenGL (DISPLAY is unset or refuses connections); "
                          "run under Xvfb, e.g. scripts/with-xvfb.sh");
    d_ = std::make_unique<Impl>();
    d_->display = display;
    d_->window->SetDisplayId(display);
    d_->window->SetOffScreenRendering(1);
    d_->window->SetMultiSamples(0);
    d_->window->SetSize(width, height);
    d_->window->SetAlphaBitPlanes(0);
    if (!d_->window->SupportsOpenGL())
        throw core::Error(core::ErrorCode::Unsupported, "no OpenGL 3.2 context is available on this display");
}

OffscreenRenderer::~OffscreenRenderer() {
    if (!d_) return;
    d_->window->Finalize();
    Display* display = d_->display;
    d_.reset();
    if (display) XCloseDisplay(display);
}

vtkRenderWindow* OffscreenRenderer::window() const { return d_->window; }

void OffscreenRenderer::addRenderer(vtkRenderer* renderer, double x0, double y0, double x1, double y1) {
    renderer->SetViewport(x0, y0, x1, y1);
    d_->window->AddRenderer(renderer);
}

void OffscreenRenderer::removeRenderer(vtkRenderer* renderer) { d_->window->RemoveRenderer(renderer); }

void OffscreenRenderer::render() { d_->window->Render(); }

RgbImage OffscreenRenderer::capture() {
    d_->window->Render();
    vtkNew<vtkUnsignedCharArray> pixels;
    // front = 1: the finished frame (offscreen, VTK blits into its display framebuffer).
    d_->window->GetPixelData(0, 0, width_ - 1, height_ - 1, 1, pixels);
    RgbImage out;
    out.width = width_;
    out.height = height_;
    out.rgb.resize(std::size_t(width_) * std::size_t(height_) * 3);
    const unsigned char* src = pixels->GetPointer(0);
    const std::size_t rowBytes = std::size_t(width_) * 3;
    for (int y = 0; y < height_; ++y)  // OpenGL rows run bottom up
        std::memcpy(out.rgb.data() + std::size_t(y) * rowBytes, src + std::size_t(height_ - 1 - y) * rowBytes, rowBytes);
    return out;
}

}  // namespace lightbox::render
