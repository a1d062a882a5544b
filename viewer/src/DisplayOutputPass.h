#pragma once
// The last stage of the 10-bit output path (docs/design.md, "Display").
//
// VTK 9.1 renders into an RGBA8 framebuffer, too shallow for a 10-bit
// calibrated display. So the viewport renders twice: the image alone with
// its P-values encoded in 16 bits over red and green (blue marks image
// pixels), then the overlays alone on a transparent background. This pass
// copies both frames into textures, decodes the P-value, applies the
// display's calibration LUT (P-value -> DDL) in floating point and writes
// the image under the overlays into the widget's own framebuffer, which is
// 10/10/10/2 when the display offers it.
//
// The 3-D view has no P-values: its finished colour frame is captured as
// the image and each channel goes through the LUT (as through a monitor's
// LUT), at either depth.

#include "lightbox/render/DisplayChain.h"

#include <QOpenGLExtraFunctions>

#include <memory>
#include <vector>

class QOpenGLShaderProgram;
class QOpenGLVertexArrayObject;

namespace lightbox::viewer {

class DisplayOutputPass {
public:
    DisplayOutputPass();
    ~DisplayOutputPass();
    DisplayOutputPass(const DisplayOutputPass&) = delete;
    DisplayOutputPass& operator=(const DisplayOutputPass&) = delete;

    // The calibration LUT (identity: the P-value goes out as it is).
    void setCalibration(const render::CalibrationTable& table);

    // All in the widget's current context. Copies `fbo`'s first colour
    // attachment (width x height) into the image or the overlay texture.
    void captureImage(QOpenGLExtraFunctions* f, unsigned fbo, int width, int height);
    void captureOverlays(QOpenGLExtraFunctions* f, unsigned fbo, int width, int height);
    // What the captured image holds: encoded P-values under captured
    // overlays, or a finished colour frame (no overlays).
    enum class Input { PValuesAndOverlays, ColourFrame };
    // Draws the composed frame into `target`.
    void compose(QOpenGLExtraFunctions* f, unsigned target, int width, int height,
                 Input input = Input::PValuesAndOverlays);
    // Frees the GL objects (the context must be current).
    void release(QOpenGLExtraFunctions* f);

private:
    void ensure(QOpenGLExtraFunctions* f, int width, int height);
    void capture(QOpenGLExtraFunctions* f, unsigned texture, unsigned fbo, int width, int height);

    std::unique_ptr<QOpenGLShaderProgram> program_;
    std::unique_ptr<QOpenGLVertexArrayObject> vao_;
    unsigned imageTexture_ = 0, overlayTexture_ = 0, lutTexture_ = 0;
    int width_ = 0, height_ = 0;
    std::vector<float> lut_;  // normalised DDLs, padded to whole rows
    int lutSize_ = 0;
    bool lutDirty_ = true;
};

}  // namespace lightbox::viewer
