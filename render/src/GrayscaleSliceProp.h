#pragma once
// A vtkProp that draws one slice through our own GLSL pass: the slice's
// values as a 32-bit float texture (16-bit stored values and modality values
// are exact in it), then rescale -> VOI (window function or VOI LUT texture)
// -> presentation LUT -> calibration LUT (P-value -> DDL texture), written to
// the framebuffer (or the P-value in 16 bits, red and green, blue marking
// image pixels, for the 10-bit output pass). A window/level change only changes uniforms; the slice
// texture is uploaded when the slice changes, the LUT texture when a LUT does.
//
// Speed (Mesa llvmpipe shades every fragment on the CPU, and runs both sides
// of a branch for a whole block of pixels): the fragment shader is compiled
// per chain shape (window function, inverse, tables, P-value output), so a
// plain window runs one texture fetch and one multiply-add per pixel; the
// table stages after the window (VOI LUT, presentation LUT, calibration LUT)
// are folded on the CPU into one table, so no chain needs more than one
// dependent lookup. The quad is drawn without blending or depth test (it is
// opaque and 2-D), and a new slice of the same size updates the texture in
// place.

#include "lightbox/render/DisplayChain.h"

#include <vtkNew.h>
#include <vtkProp.h>

#include <array>
#include <memory>
#include <vector>

class vtkOpenGLQuadHelper;
class vtkOpenGLRenderWindow;
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

    // The values are not copied: `values` must outlive the prop or the next
    // setSlice (SliceView passes its own image's values).
    void setSlice(int width, int height, const std::vector<float>* values);
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

    // The shape of the chain, which selects a compiled shader variant.
    struct Shape {
        int voiMode = 0;       // 0 linear window, 1 threshold (LINEAR, width <= 1), 2 SIGMOID, 3 VOI LUT (folded table)
        bool inverse = false;  // INVERSE presentation, applied before the table
        bool table = false;    // a folded table (presentation LUT and/or calibration) after the window
        bool encode = false;   // P-value output
        int key() const { return voiMode | (inverse ? 4 : 0) | (table ? 8 : 0) | (encode ? 16 : 0); }
    };
    struct FoldedLut;
    Shape shape() const;
    FoldedLut& foldedLut();
    void invalidateTables();
    vtkOpenGLQuadHelper* program(vtkOpenGLRenderWindow* win, const Shape& shape);
    void uploadSlice(vtkOpenGLRenderWindow* win);

    const std::vector<float>* values_ = nullptr;
    int width_ = 0, height_ = 0;
    bool sliceDirty_ = false;
    int sliceUploads_ = 0;
    DisplayChain chain_;
    CalibrationTable calibration_;
    bool encodePValue_ = false;
    ViewTransform transform_;
    std::array<std::unique_ptr<vtkOpenGLQuadHelper>, 32> programs_;  // by Shape::key()
    vtkTextureObject* sliceTexture_ = nullptr;
    std::array<std::unique_ptr<FoldedLut>, 2> folded_;  // for colour output, for P-value output
};

}  // namespace lightbox::render
