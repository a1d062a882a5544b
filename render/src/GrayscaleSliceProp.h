#pragma once
// A vtkProp that draws one slice through our own GLSL pass: the slice's
// values as a 32-bit float texture (16-bit stored values and modality values
// are exact in it), then rescale -> VOI (window function or VOI LUT texture)
// -> presentation LUT -> calibration LUT (P-value -> DDL texture), written to
// the framebuffer (or the P-value in 16 bits, red and green, blue marking
// image pixels, for the 10-bit output pass). A window/level change only changes uniforms; the slice
// texture is uploaded when the slice changes, the LUT textures when a LUT does.

#include "lightbox/render/DisplayChain.h"

#include <vtkNew.h>
#include <vtkProp.h>

#include <memory>
#include <vector>

class vtkOpenGLQuadHelper;
class vtkTextureObject;
class vtkWindow;

namespace lightbox::render {

struct ViewTransform {
    double zoom = 1.0;            // screen pixels per slice pixel
    double panX = 0, panY = 0;    // screen pixels, y down
    int quarterTurns = 0;         // clockwise
    bool flipHorizontal = false;
    bool flipVertical = false;
};

class GrayscaleSliceProp : public vtkProp {
public:
    static GrayscaleSliceProp* New();
    vtkTypeMacro(GrayscaleSliceProp, vtkProp)

    void setSlice(int width, int height, std::vector<float> values);
    void setChain(const DisplayChain& chain);
    void setWindow(double center, double width);
    void setCalibration(const CalibrationTable& table);
    // Writes the P-value (before calibration) as 16 bits in red (high byte)
    // and green (low byte), for an output pass that calibrates to 10 bits.
    void setEncodePValue(bool encode) { encodePValue_ = encode; Modified(); }
    bool encodePValue() const { return encodePValue_; }
    void setTransform(const ViewTransform& t) { transform_ = t; Modified(); }
    const ViewTransform& transform() const { return transform_; }
    const DisplayChain& chain() const { return chain_; }
    int sliceWidth() const { return width_; }
    int sliceHeight() const { return height_; }
    const std::vector<float>& values() const { return values_; }
    // Texture uploads since creation (tests: W/L must not upload).
    int sliceUploads() const { return sliceUploads_; }

    int RenderOpaqueGeometry(vtkViewport* viewport) override;
    vtkTypeBool HasTranslucentPolygonalGeometry() override { return 0; }
    void ReleaseGraphicsResources(vtkWindow* window) override;

protected:
    GrayscaleSliceProp();
    ~GrayscaleSliceProp() override;

private:
    GrayscaleSliceProp(const GrayscaleSliceProp&) = delete;
    void operator=(const GrayscaleSliceProp&) = delete;

    struct LutTexture;
    void uploadLut(vtkWindow* window, LutTexture& lut);

    std::vector<float> values_;
    int width_ = 0, height_ = 0;
    bool sliceDirty_ = false;
    int sliceUploads_ = 0;
    DisplayChain chain_;
    CalibrationTable calibration_;
    bool encodePValue_ = false;
    ViewTransform transform_;
    std::unique_ptr<vtkOpenGLQuadHelper> quad_;
    vtkTextureObject* sliceTexture_ = nullptr;
    std::unique_ptr<LutTexture> voiLut_, presentationLut_, calibrationLut_;
};

}  // namespace lightbox::render
