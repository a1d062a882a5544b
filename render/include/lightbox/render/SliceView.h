#pragma once
// One 2-D view of a slice (an original image or an MPR plane): the GPU
// grayscale pass, the view transform (zoom, pan, flips, rotation) and the
// overlays - four-corner text, orientation letters, a scale bar in mm. The
// view lives in a vtkRenderer that any render window can hold: an offscreen
// window (lightbox-cli, tests) or the viewer's Qt viewport.

#include "lightbox/render/DisplayChain.h"
#include "lightbox/render/SlicePlane.h"

#include <array>
#include <memory>
#include <optional>
#include <string>

class vtkRenderer;

namespace lightbox::render {

struct ViewTransform;

// What the corner text says (empty fields are left out).
struct OverlayInfo {
    std::string patientName, patientId, studyDate, studyDescription;
    std::string seriesDescription, modality;
    int seriesNumber = 0;
    std::string imageLabel;  // "Im 70/140" or "MPR coronal"
    std::string syncLabel;   // sync group and state (viewer's ViewportSync), above W/L in the lower left
};

// Patient-direction letters for a direction in LPS: L/R, P/A, H/F, the
// strongest component first ("LP", "H").
std::string orientationLetters(const Vec3& direction);

class SliceView {
public:
    SliceView();
    ~SliceView();
    SliceView(const SliceView&) = delete;
    SliceView& operator=(const SliceView&) = delete;

    vtkRenderer* renderer() const;

    void setImage(const SliceImage& image);
    void setImage(SliceImage&& image);  // takes the values without copying them (scrolling)
    const SliceImage& image() const { return image_; }
    void setChain(const DisplayChain& chain);
    const DisplayChain& chain() const;
    // W/L: only uniforms change.
    void setWindow(double center, double width);
    void setCalibration(const CalibrationTable& table);
    // Texture uploads of the slice since creation.
    int sliceUploads() const;

    // View transform. zoom = screen pixels per slice pixel.
    double zoom() const;
    void setZoom(double zoom);
    void pan(double dx, double dy);
    void setPan(double x, double y);
    std::array<double, 2> panOffset() const;  // screen pixels (x right, y down)
    void rotateQuarterTurns(int turns);
    void flipHorizontal();
    void flipVertical();
    void resetTransform();
    // The zoom at which the slice fills the viewport (aspect kept).
    double fitZoom(int viewportWidth, int viewportHeight) const;
    // Screen pixel (x right, y down, from the viewport's top left) -> patient point.
    Vec3 screenToPatient(double x, double y, int viewportWidth, int viewportHeight) const;
    std::array<double, 2> patientToScreen(const Vec3& p, int viewportWidth, int viewportHeight) const;
    // Patient direction of screen right and screen down.
    Vec3 screenRight() const;
    Vec3 screenDown() const;

    void setOverlaysVisible(bool visible);
    bool overlaysVisible() const { return overlaysVisible_; }

    // What a render draws. The 10-bit output path renders twice: the image
    // alone with its P-values encoded in 16 bits (ImagePValues), then the
    // overlays alone on a transparent background (OverlaysOnly), and composes
    // the two at the display's depth. All is the ordinary single pass.
    enum class Layers { All, ImagePValues, OverlaysOnly };
    void setLayers(Layers layers);
    void setOverlayInfo(const OverlayInfo& info);
    const OverlayInfo& overlayInfo() const;
    // Refreshes corner text, letters and the scale bar for the viewport size;
    // call before each render (cheap).
    void updateOverlays(int viewportWidth, int viewportHeight);
    std::array<std::string, 4> cornerText() const;  // upper left, upper right, lower left, lower right
    // A crosshair through a patient point (MPR), drawn whether or not the
    // text overlays are on; nullopt hides it.
    void setCrosshair(std::optional<Vec3> point);

private:
    // Sizes and cuts the corner text so that it stays clear of the edge letters and the scale bar.
    void fitCornerText(int viewportWidth, int viewportHeight, double scaleBarHalfWidth);

    struct Impl;
    std::unique_ptr<Impl> d_;
    SliceImage image_;
    bool overlaysVisible_ = false;
};

}  // namespace lightbox::render
