#include "GrayscaleSliceProp.h"

#include <vtkObjectFactory.h>
#include <vtkOpenGLQuadHelper.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLShaderCache.h>
#include <vtkRenderer.h>
#include <vtkShaderProgram.h>
#include <vtkTextureObject.h>
#include <vtk_glew.h>

#include <algorithm>
#include <cmath>

namespace lightbox::render {

namespace {

// GLSL 1.50 (OpenGL 3.2 core): what Mesa llvmpipe and every GPU driver runs.
// The quad helper feeds ndCoordIn / texCoordIn over the whole viewport; we
// scale and move it to where the image lies and turn the texture coordinates
// for flips and rotations.
const char* kVertexShader = R"GLSL(//VTK::System::Dec
in vec4 ndCoordIn;
in vec2 texCoordIn;
out vec2 texCoord;
uniform vec2 quadScale;
uniform vec2 quadOffset;
uniform int quarterTurns;
uniform int flipHorizontal;
uniform int flipVertical;
void main()
{
  gl_Position = vec4(ndCoordIn.xy * quadScale + quadOffset, 0.0, 1.0);
  vec2 c = texCoordIn - vec2(0.5);      // screen: x right, y up
  if (flipHorizontal != 0) c.x = -c.x;
  if (flipVertical != 0) c.y = -c.y;
  for (int k = 0; k < quarterTurns; ++k) c = vec2(-c.y, c.x);
  texCoord = vec2(c.x, -c.y) + vec2(0.5); // image: row 0 at the top
}
)GLSL";

const char* kFragmentShader = R"GLSL(//VTK::System::Dec
in vec2 texCoord;
uniform sampler2D sliceTexture;  // nearest filtering: one texel per output pixel at 1:1
uniform int voiMode;            // 0 linear window, 1 threshold (LINEAR, width <= 1), 2 SIGMOID, 3 VOI LUT
uniform float linearScale;      // rescale and window folded: y = stored * scale + offset
uniform float linearOffset;
uniform float rescaleSlope;     // for SIGMOID and the VOI LUT, which need the modality value
uniform float rescaleIntercept;
uniform float windowCenter;
uniform float windowWidth;
uniform sampler2D voiLut;
uniform int voiLutSize;
uniform float voiLutFirst;
uniform int presentation;       // 0 IDENTITY, 1 INVERSE, 2 table
uniform sampler2D presentationLut;
uniform int presentationLutSize;
uniform int calibrated;         // 0: identity calibration
uniform sampler2D calibrationLut;
uniform int calibrationLutSize;
uniform int encodePValue;       // 1: write the P-value in 16 bits (R high byte, G low byte) for a later pass
//VTK::Output::Dec

const int kLutRow = 4096;

float lutAt(sampler2D lut, int index)
{
  return texelFetch(lut, ivec2(index % kLutRow, index / kLutRow), 0).r;
}

void main()
{
  float stored = texture(sliceTexture, texCoord).r;
  float y;
  if (voiMode == 0) {
    // PS3.3 C.11.2.1.2 LINEAR and C.11.2.1.3.2 LINEAR_EXACT: the clamped line.
    y = clamp(stored * linearScale + linearOffset, 0.0, 1.0);
  } else if (voiMode == 1) {
    y = stored * rescaleSlope + rescaleIntercept < windowCenter - 0.5 ? 0.0 : 1.0;
  } else if (voiMode == 2) {
    // PS3.3 C.11.2.1.3.1 SIGMOID.
    float x = stored * rescaleSlope + rescaleIntercept;
    y = 1.0 / (1.0 + exp(-4.0 * (x - windowCenter) / windowWidth));
  } else {
    float x = stored * rescaleSlope + rescaleIntercept;
    y = lutAt(voiLut, clamp(int(floor(x) - voiLutFirst), 0, voiLutSize - 1));
  }
  if (presentation == 1) y = 1.0 - y;
  else if (presentation == 2) y = lutAt(presentationLut, int(floor(y * float(presentationLutSize - 1) + 0.5)));
  if (encodePValue != 0) {
    // An 8-bit framebuffer holds the P-value exactly in two channels; the
    // output pass decodes it and applies the calibration at the display's depth.
    float q = floor(y * 65535.0 + 0.5);
    float high = floor(q / 256.0);
    gl_FragData[0] = vec4(high / 255.0, (q - high * 256.0) / 255.0, 1.0, 1.0);  // blue: an image pixel
    return;
  }
  if (calibrated != 0) y = lutAt(calibrationLut, int(floor(y * float(calibrationLutSize - 1) + 0.5)));
  gl_FragData[0] = vec4(y, y, y, 1.0);
}
)GLSL";

constexpr int kLutRow = 4096;

}  // namespace

struct GrayscaleSliceProp::LutTexture {
    std::vector<float> values;  // normalised outputs, padded to whole rows
    int size = 0;
    bool dirty = false;
    vtkTextureObject* texture = nullptr;

    void set(const std::vector<float>& normalised) {
        size = int(normalised.size());
        const int rows = std::max(1, (size + kLutRow - 1) / kLutRow);
        values.assign(std::size_t(rows) * kLutRow, normalised.empty() ? 0.0f : normalised.back());
        std::copy(normalised.begin(), normalised.end(), values.begin());
        dirty = true;
    }
    void release(vtkWindow* window) {
        if (texture) {
            texture->ReleaseGraphicsResources(window);
            texture->Delete();
            texture = nullptr;
        }
        dirty = !values.empty();
    }
};

vtkStandardNewMacro(GrayscaleSliceProp);

GrayscaleSliceProp::GrayscaleSliceProp()
    : voiLut_(std::make_unique<LutTexture>()), presentationLut_(std::make_unique<LutTexture>()),
      calibrationLut_(std::make_unique<LutTexture>()) {
    // Placeholders so every sampler has a texture bound.
    voiLut_->set({0.0f});
    presentationLut_->set({0.0f});
    calibrationLut_->set({0.0f});
}

GrayscaleSliceProp::~GrayscaleSliceProp() {
    // The context may be gone by now; VTK's resource callbacks release what
    // is still registered. Drop our references.
    for (LutTexture* lut : {voiLut_.get(), presentationLut_.get(), calibrationLut_.get()})
        if (lut->texture) lut->texture->Delete();
    if (sliceTexture_) sliceTexture_->Delete();
}

void GrayscaleSliceProp::setSlice(int width, int height, std::vector<float> values) {
    width_ = width;
    height_ = height;
    values_ = std::move(values);
    sliceDirty_ = true;
    Modified();
}

namespace {
std::vector<float> normalisedEntries(const core::LookupTable& lut) {
    std::vector<float> out(lut.entries.size());
    const double max = lut.maxOutput();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = float(double(lut.entries[i]) / max);
    return out;
}
}  // namespace

void GrayscaleSliceProp::setChain(const DisplayChain& chain) {
    const bool voiChanged = bool(chain.voiLut) != bool(chain_.voiLut) ||
                            (chain.voiLut && (chain.voiLut->entries != chain_.voiLut->entries ||
                                              chain.voiLut->firstMapped != chain_.voiLut->firstMapped));
    const bool presentationChanged =
        bool(chain.presentationLut) != bool(chain_.presentationLut) ||
        (chain.presentationLut && chain.presentationLut->entries != chain_.presentationLut->entries);
    chain_ = chain;
    if (voiChanged && chain_.voiLut && !chain_.voiLut->empty()) voiLut_->set(normalisedEntries(*chain_.voiLut));
    if (presentationChanged && chain_.presentationLut && !chain_.presentationLut->empty())
        presentationLut_->set(normalisedEntries(*chain_.presentationLut));
    Modified();
}

void GrayscaleSliceProp::setWindow(double center, double width) {
    chain_.window.center = center;
    chain_.window.width = width;
    chain_.voiLut.reset();
    Modified();
}

void GrayscaleSliceProp::setCalibration(const CalibrationTable& table) {
    calibration_ = table;
    if (!table.isIdentity()) {
        std::vector<float> v(table.ddl.size());
        const double max = double((1 << table.ddlBits) - 1);
        for (std::size_t i = 0; i < v.size(); ++i) v[i] = float(double(table.ddl[i]) / max);
        calibrationLut_->set(v);
    }
    Modified();
}

void GrayscaleSliceProp::uploadLut(vtkWindow* window, LutTexture& lut) {
    auto* win = static_cast<vtkOpenGLRenderWindow*>(window);
    if (!lut.texture) {
        lut.texture = vtkTextureObject::New();
        lut.texture->SetContext(win);
        lut.dirty = true;
    }
    if (!lut.dirty) return;
    const int rows = int(lut.values.size()) / kLutRow;
    lut.texture->Create2DFromRaw(unsigned(kLutRow), unsigned(rows), 1, VTK_FLOAT, lut.values.data());
    lut.texture->SetMinificationFilter(vtkTextureObject::Nearest);
    lut.texture->SetMagnificationFilter(vtkTextureObject::Nearest);
    lut.dirty = false;
}

int GrayscaleSliceProp::RenderOpaqueGeometry(vtkViewport* viewport) {
    if (values_.empty() || width_ <= 0 || height_ <= 0) return 0;
    auto* renderer = vtkRenderer::SafeDownCast(viewport);
    if (!renderer) return 0;
    auto* win = vtkOpenGLRenderWindow::SafeDownCast(renderer->GetRenderWindow());
    if (!win) return 0;

    if (!quad_) {
        quad_ = std::make_unique<vtkOpenGLQuadHelper>(win, kVertexShader, kFragmentShader, "");
    } else {
        win->GetShaderCache()->ReadyShaderProgram(quad_->Program);
    }
    vtkShaderProgram* program = quad_->Program;
    if (!program) return 0;

    if (!sliceTexture_) {
        sliceTexture_ = vtkTextureObject::New();
        sliceTexture_->SetContext(win);
        sliceDirty_ = true;
    }
    if (sliceDirty_) {
        sliceTexture_->Create2DFromRaw(unsigned(width_), unsigned(height_), 1, VTK_FLOAT, values_.data());
        sliceTexture_->SetMinificationFilter(vtkTextureObject::Nearest);
        sliceTexture_->SetMagnificationFilter(vtkTextureObject::Nearest);
        sliceDirty_ = false;
        ++sliceUploads_;
    }
    uploadLut(win, *voiLut_);
    uploadLut(win, *presentationLut_);
    uploadLut(win, *calibrationLut_);

    sliceTexture_->Activate();
    voiLut_->texture->Activate();
    presentationLut_->texture->Activate();
    calibrationLut_->texture->Activate();
    program->SetUniformi("sliceTexture", sliceTexture_->GetTextureUnit());
    program->SetUniformi("voiLut", voiLut_->texture->GetTextureUnit());
    program->SetUniformi("presentationLut", presentationLut_->texture->GetTextureUnit());
    program->SetUniformi("calibrationLut", calibrationLut_->texture->GetTextureUnit());

    // The window as a clamped line on the stored value (rescale folded in,
    // in double precision here): one multiply-add per pixel on the GPU.
    const bool useVoiLut = chain_.voiLut && !chain_.voiLut->empty();
    const double c = chain_.window.center, w = chain_.window.width;
    const double slope = chain_.rescaleSlope, intercept = chain_.rescaleIntercept;
    int voiMode = 0;
    double a = 0, b = 0;  // y = modality * a + b
    if (useVoiLut) {
        voiMode = 3;
    } else if (chain_.window.function == core::VoiFunction::Sigmoid) {
        voiMode = 2;
    } else if (chain_.window.function == core::VoiFunction::LinearExact) {
        const double ww = w > 0 ? w : 1e-9;
        a = 1 / ww;
        b = 0.5 - c / ww;
    } else if (std::max(w, 1.0) <= 1.0) {
        voiMode = 1;
    } else {
        a = 1 / (w - 1);
        b = 0.5 - (c - 0.5) / (w - 1);
    }
    program->SetUniformi("voiMode", voiMode);
    program->SetUniformf("linearScale", float(slope * a));
    program->SetUniformf("linearOffset", float(intercept * a + b));
    program->SetUniformf("rescaleSlope", float(slope));
    program->SetUniformf("rescaleIntercept", float(intercept));
    program->SetUniformf("windowCenter", float(c));
    program->SetUniformf("windowWidth", float(w != 0 ? w : 1e-9));
    program->SetUniformi("voiLutSize", voiLut_->size);
    program->SetUniformf("voiLutFirst", useVoiLut ? float(chain_.voiLut->firstMapped) : 0.0f);
    int presentation = 0;
    if (chain_.presentation == core::PresentationShape::Inverse) presentation = 1;
    else if (chain_.presentation == core::PresentationShape::Table && chain_.presentationLut &&
             !chain_.presentationLut->empty())
        presentation = 2;
    program->SetUniformi("presentation", presentation);
    program->SetUniformi("presentationLutSize", presentationLut_->size);
    program->SetUniformi("calibrated", calibration_.isIdentity() ? 0 : 1);
    program->SetUniformi("calibrationLutSize", calibrationLut_->size);
    program->SetUniformi("encodePValue", encodePValue_ ? 1 : 0);

    // Where the image lies: centred, zoomed, panned, in the viewport's pixels.
    int vw = 0, vh = 0, vx = 0, vy = 0;
    renderer->GetTiledSizeAndOrigin(&vw, &vh, &vx, &vy);
    double halfW = width_ * transform_.zoom / 2, halfH = height_ * transform_.zoom / 2;
    if (transform_.quarterTurns % 2) std::swap(halfW, halfH);
    const float scale[2] = {float(2 * halfW / std::max(vw, 1)), float(2 * halfH / std::max(vh, 1))};
    const float offset[2] = {float(2 * transform_.panX / std::max(vw, 1)), float(-2 * transform_.panY / std::max(vh, 1))};
    program->SetUniform2f("quadScale", scale);
    program->SetUniform2f("quadOffset", offset);
    program->SetUniformi("quarterTurns", ((transform_.quarterTurns % 4) + 4) % 4);
    program->SetUniformi("flipHorizontal", transform_.flipHorizontal ? 1 : 0);
    program->SetUniformi("flipVertical", transform_.flipVertical ? 1 : 0);

    quad_->Render();

    calibrationLut_->texture->Deactivate();
    presentationLut_->texture->Deactivate();
    voiLut_->texture->Deactivate();
    sliceTexture_->Deactivate();
    return 1;
}

void GrayscaleSliceProp::ReleaseGraphicsResources(vtkWindow* window) {
    if (quad_) quad_->ReleaseGraphicsResources(window);
    quad_.reset();
    if (sliceTexture_) {
        sliceTexture_->ReleaseGraphicsResources(window);
        sliceTexture_->Delete();
        sliceTexture_ = nullptr;
    }
    sliceDirty_ = !values_.empty();
    voiLut_->release(window);
    presentationLut_->release(window);
    calibrationLut_->release(window);
}

}  // namespace lightbox::render
