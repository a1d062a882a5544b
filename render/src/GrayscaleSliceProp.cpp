#include "GrayscaleSliceProp.h"

#include <vtkObjectFactory.h>
#include <vtkOpenGLQuadHelper.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLShaderCache.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkShaderProgram.h>
#include <vtkTextureObject.h>
#include <vtk_glew.h>

#include <algorithm>
#include <cmath>
#include <string>

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

// Compiled once per chain shape with VOI_MODE, INVERSE, TABLE and
// ENCODE_PVALUE defined: branches on uniforms would make llvmpipe run every
// stage (and its texture fetches) for every pixel.
const char* kFragmentShaderBody = R"GLSL(
in vec2 texCoord;
uniform sampler2D sliceTexture;  // nearest filtering: one texel per output pixel at 1:1
uniform float linearScale;      // rescale and window folded: y = stored * scale + offset
uniform float linearOffset;
uniform float rescaleSlope;     // for the threshold, SIGMOID and the VOI LUT, which need the modality value
uniform float rescaleIntercept;
uniform float windowCenter;
uniform float windowWidth;
uniform sampler2D lut;          // the table stages, folded into one (VOI LUT first when there is one)
uniform int lutSize;
uniform float lutFirst;         // the VOI LUT's first mapped value
//VTK::Output::Dec

const int kLutRow = 4096;

float lutAt(int index)
{
  return texelFetch(lut, ivec2(index % kLutRow, index / kLutRow), 0).r;
}

void main()
{
  float stored = texture(sliceTexture, texCoord).r;
  float y;
#if VOI_MODE == 0
  // PS3.3 C.11.2.1.2 LINEAR and C.11.2.1.3.2 LINEAR_EXACT: the clamped line.
  y = clamp(stored * linearScale + linearOffset, 0.0, 1.0);
#elif VOI_MODE == 1
  y = stored * rescaleSlope + rescaleIntercept < windowCenter - 0.5 ? 0.0 : 1.0;
#elif VOI_MODE == 2
  // PS3.3 C.11.2.1.3.1 SIGMOID.
  float x = stored * rescaleSlope + rescaleIntercept;
  y = 1.0 / (1.0 + exp(-4.0 * (x - windowCenter) / windowWidth));
#else
  // The VOI LUT with every later table stage folded in.
  float x = stored * rescaleSlope + rescaleIntercept;
  y = lutAt(clamp(int(floor(x) - lutFirst), 0, lutSize - 1));
#endif
#if INVERSE
  y = 1.0 - y;
#endif
#if TABLE
  y = lutAt(int(floor(y * float(lutSize - 1) + 0.5)));
#endif
#if ENCODE_PVALUE
  // An 8-bit framebuffer holds the P-value exactly in two channels; the
  // output pass decodes it and applies the calibration at the display's depth.
  float q = floor(y * 65535.0 + 0.5);
  float high = floor(q / 256.0);
  gl_FragData[0] = vec4(high / 255.0, (q - high * 256.0) / 255.0, 1.0, 1.0);  // blue: an image pixel
#else
  gl_FragData[0] = vec4(y, y, y, 1.0);
#endif
}
)GLSL";

constexpr int kLutRow = 4096;

std::vector<float> normalisedEntries(const core::LookupTable& lut) {
    std::vector<float> out(lut.entries.size());
    const double max = lut.maxOutput();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = float(double(lut.entries[i]) / max);
    return out;
}

// The shader's table step, in the shader's single precision: the entry at
// round(y * (size - 1)).
float tableAt(const std::vector<float>& table, float y) {
    const int last = int(table.size()) - 1;
    const int index = int(std::floor(y * float(last) + 0.5f));
    return table[std::size_t(std::clamp(index, 0, last))];
}

}  // namespace

// One table for everything after the window (or for the VOI LUT and
// everything after it), in rows of kLutRow texels.
struct GrayscaleSliceProp::FoldedLut {
    std::vector<float> values;  // padded to whole rows
    int size = 0;
    bool valid = false;      // values match the chain
    bool uploaded = false;   // the texture holds values
    vtkTextureObject* texture = nullptr;

    void set(std::vector<float> table) {
        size = int(table.size());
        const int rows = std::max(1, (size + kLutRow - 1) / kLutRow);
        const float pad = table.empty() ? 0.0f : table.back();
        table.resize(std::size_t(rows) * kLutRow, pad);
        values = std::move(table);
        valid = true;
        uploaded = false;
    }
    void upload(vtkOpenGLRenderWindow* win) {
        if (!texture) {
            texture = vtkTextureObject::New();
            texture->SetContext(win);
            uploaded = false;
        }
        if (uploaded) return;
        const int rows = int(values.size()) / kLutRow;
        texture->Create2DFromRaw(unsigned(kLutRow), unsigned(rows), 1, VTK_FLOAT, values.data());
        texture->SetMinificationFilter(vtkTextureObject::Nearest);
        texture->SetMagnificationFilter(vtkTextureObject::Nearest);
        uploaded = true;
    }
    void release(vtkWindow* window) {
        if (texture) {
            texture->ReleaseGraphicsResources(window);
            texture->Delete();
            texture = nullptr;
        }
        uploaded = false;
    }
};

vtkStandardNewMacro(GrayscaleSliceProp);

GrayscaleSliceProp::GrayscaleSliceProp()
    : folded_{std::make_unique<FoldedLut>(), std::make_unique<FoldedLut>()} {}

GrayscaleSliceProp::~GrayscaleSliceProp() {
    // The context may be gone by now; VTK's resource callbacks release what
    // is still registered. Drop our references.
    for (auto& lut : folded_)
        if (lut->texture) lut->texture->Delete();
    if (sliceTexture_) sliceTexture_->Delete();
}

void GrayscaleSliceProp::setSlice(int width, int height, const std::vector<float>* values) {
    width_ = width;
    height_ = height;
    values_ = values;
    sliceDirty_ = true;
    Modified();
}

void GrayscaleSliceProp::invalidateTables() {
    for (auto& lut : folded_) lut->valid = false;
}

void GrayscaleSliceProp::setChain(const DisplayChain& chain) {
    chain_ = chain;
    invalidateTables();
    Modified();
}

void GrayscaleSliceProp::setWindow(double center, double width) {
    chain_.window.center = center;
    chain_.window.width = width;
    if (chain_.voiLut) {
        chain_.voiLut.reset();
        invalidateTables();  // the VOI LUT was the first table stage
    }
    Modified();
}

void GrayscaleSliceProp::setCalibration(const CalibrationTable& table) {
    calibration_ = table;
    invalidateTables();
    Modified();
}

GrayscaleSliceProp::Shape GrayscaleSliceProp::shape() const {
    Shape s;
    s.encode = encodePValue_;
    if (chain_.voiLut && !chain_.voiLut->empty()) {
        s.voiMode = 3;  // presentation and calibration are folded into the VOI LUT's table
        return s;
    }
    if (chain_.window.function == core::VoiFunction::Sigmoid) s.voiMode = 2;
    else if (chain_.window.function == core::VoiFunction::LinearExact) s.voiMode = 0;
    else if (std::max(chain_.window.width, 1.0) <= 1.0) s.voiMode = 1;
    else s.voiMode = 0;
    const bool presentationTable = chain_.presentation == core::PresentationShape::Table && chain_.presentationLut &&
                                   !chain_.presentationLut->empty();
    s.inverse = chain_.presentation == core::PresentationShape::Inverse;
    s.table = presentationTable || (!s.encode && !calibration_.isIdentity());
    return s;
}

GrayscaleSliceProp::FoldedLut& GrayscaleSliceProp::foldedLut() {
    FoldedLut& lut = *folded_[encodePValue_ ? 1 : 0];
    if (lut.valid) return lut;
    // The stages as the unfolded shader ran them, each entry in single
    // precision: VOI LUT -> INVERSE or presentation LUT -> calibration.
    std::vector<float> calibration;
    if (!encodePValue_ && !calibration_.isIdentity()) {
        calibration.resize(calibration_.ddl.size());
        const double max = double((1 << calibration_.ddlBits) - 1);
        for (std::size_t i = 0; i < calibration.size(); ++i) calibration[i] = float(double(calibration_.ddl[i]) / max);
    }
    std::vector<float> presentation;
    if (chain_.presentation == core::PresentationShape::Table && chain_.presentationLut &&
        !chain_.presentationLut->empty())
        presentation = normalisedEntries(*chain_.presentationLut);
    std::vector<float> table;
    if (chain_.voiLut && !chain_.voiLut->empty()) {
        table = normalisedEntries(*chain_.voiLut);
        const bool inverse = chain_.presentation == core::PresentationShape::Inverse;
        for (float& v : table) {
            if (inverse) v = 1.0f - v;
            else if (!presentation.empty()) v = tableAt(presentation, v);
            if (!calibration.empty()) v = tableAt(calibration, v);
        }
    } else if (!presentation.empty()) {
        table = std::move(presentation);
        if (!calibration.empty())
            for (float& v : table) v = tableAt(calibration, v);
    } else {
        table = std::move(calibration);
    }
    if (table.empty()) table = {0.0f};  // a placeholder: no shape without a table reads it
    lut.set(std::move(table));
    return lut;
}

vtkOpenGLQuadHelper* GrayscaleSliceProp::program(vtkOpenGLRenderWindow* win, const Shape& shape) {
    std::unique_ptr<vtkOpenGLQuadHelper>& quad = programs_[std::size_t(shape.key())];
    if (!quad) {
        const std::string fragment = "//VTK::System::Dec\n#define VOI_MODE " + std::to_string(shape.voiMode) +
                                     "\n#define INVERSE " + (shape.inverse ? "1" : "0") + "\n#define TABLE " +
                                     (shape.table ? "1" : "0") + "\n#define ENCODE_PVALUE " +
                                     (shape.encode ? "1" : "0") + "\n" + kFragmentShaderBody;
        quad = std::make_unique<vtkOpenGLQuadHelper>(win, kVertexShader, fragment.c_str(), "");
    } else {
        win->GetShaderCache()->ReadyShaderProgram(quad->Program);
    }
    return quad->Program ? quad.get() : nullptr;
}

int GrayscaleSliceProp::RenderOpaqueGeometry(vtkViewport* viewport) {
    if (!values_ || width_ <= 0 || height_ <= 0 || values_->size() < std::size_t(width_) * std::size_t(height_))
        return 0;
    auto* renderer = vtkRenderer::SafeDownCast(viewport);
    if (!renderer) return 0;
    auto* win = vtkOpenGLRenderWindow::SafeDownCast(renderer->GetRenderWindow());
    if (!win) return 0;

    const Shape shape = this->shape();
    vtkOpenGLQuadHelper* quad = program(win, shape);
    if (!quad) return 0;
    vtkShaderProgram* program = quad->Program;

    // The slice: a new texture when its size changes, else updated in place.
    if (!sliceTexture_) {
        sliceTexture_ = vtkTextureObject::New();
        sliceTexture_->SetContext(win);
        sliceDirty_ = true;
    }
    if (sliceDirty_ && (sliceTexture_->GetHandle() == 0 || int(sliceTexture_->GetWidth()) != width_ ||
                        int(sliceTexture_->GetHeight()) != height_)) {
        sliceTexture_->Create2DFromRaw(unsigned(width_), unsigned(height_), 1, VTK_FLOAT,
                                       const_cast<float*>(values_->data()));
        sliceTexture_->SetMinificationFilter(vtkTextureObject::Nearest);
        sliceTexture_->SetMagnificationFilter(vtkTextureObject::Nearest);
        sliceDirty_ = false;
        ++sliceUploads_;
    }
    sliceTexture_->Activate();
    if (sliceDirty_) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // as Create2DFromRaw sets it (Qt may leave another value)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_, height_, GL_RED, GL_FLOAT, values_->data());
        sliceDirty_ = false;
        ++sliceUploads_;
    }
    program->SetUniformi("sliceTexture", sliceTexture_->GetTextureUnit());

    FoldedLut* lut = nullptr;
    if (shape.voiMode == 3 || shape.table) {
        lut = &foldedLut();
        lut->upload(win);
        lut->texture->Activate();
        program->SetUniformi("lut", lut->texture->GetTextureUnit());
        program->SetUniformi("lutSize", lut->size);
    }

    const double c = chain_.window.center, w = chain_.window.width;
    const double slope = chain_.rescaleSlope, intercept = chain_.rescaleIntercept;
    switch (shape.voiMode) {
    case 0: {
        // The window as a clamped line on the stored value (rescale folded in,
        // in double precision here): one multiply-add per pixel on the GPU.
        double a = 0, b = 0;  // y = modality * a + b
        if (chain_.window.function == core::VoiFunction::LinearExact) {
            const double ww = w > 0 ? w : 1e-9;
            a = 1 / ww;
            b = 0.5 - c / ww;
        } else {
            a = 1 / (w - 1);
            b = 0.5 - (c - 0.5) / (w - 1);
        }
        program->SetUniformf("linearScale", float(slope * a));
        program->SetUniformf("linearOffset", float(intercept * a + b));
        break;
    }
    case 3:
        program->SetUniformf("lutFirst", float(chain_.voiLut->firstMapped));
        [[fallthrough]];
    default:
        program->SetUniformf("rescaleSlope", float(slope));
        program->SetUniformf("rescaleIntercept", float(intercept));
        program->SetUniformf("windowCenter", float(c));
        program->SetUniformf("windowWidth", float(w != 0 ? w : 1e-9));
        break;
    }

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

    {
        // Opaque and flat: every fragment replaces what is there, so blending
        // (a framebuffer read per pixel) and the depth test are work for nothing.
        vtkOpenGLState* state = win->GetState();
        vtkOpenGLState::ScopedglEnableDisable blend(state, GL_BLEND);
        vtkOpenGLState::ScopedglEnableDisable depth(state, GL_DEPTH_TEST);
        state->vtkglDisable(GL_BLEND);
        state->vtkglDisable(GL_DEPTH_TEST);
        quad->Render();
    }

    if (lut) lut->texture->Deactivate();
    sliceTexture_->Deactivate();
    return 1;
}

void GrayscaleSliceProp::ReleaseGraphicsResources(vtkWindow* window) {
    for (auto& quad : programs_) {
        if (quad) quad->ReleaseGraphicsResources(window);
        quad.reset();
    }
    if (sliceTexture_) {
        sliceTexture_->ReleaseGraphicsResources(window);
        sliceTexture_->Delete();
        sliceTexture_ = nullptr;
    }
    sliceDirty_ = values_ != nullptr;
    for (auto& lut : folded_) lut->release(window);
}

}  // namespace lightbox::render
