#include "DisplayOutputPass.h"

#include <QOpenGLShaderProgram>
#include <QOpenGLVertexArrayObject>

#include <algorithm>

namespace lightbox::viewer {

namespace {

constexpr int kLutRow = 4096;

// One triangle that covers the viewport, from the vertex index alone.
const char* kVertexShader = R"GLSL(#version 150 core
void main()
{
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
)GLSL";

const char* kFragmentShader = R"GLSL(#version 150 core
uniform sampler2D image;     // R: P-value high byte, G: low byte, B: 1 on image pixels (or a colour frame)
uniform sampler2D overlays;  // premultiplied colour and coverage
uniform sampler2D lut;       // normalised DDLs, kLutRow per row
uniform int lutSize;         // 0: identity
uniform int colourFrame;     // 1: `image` is a finished colour frame, calibrated channel by channel
out vec4 colour;

float calibrated(float y)
{
  if (lutSize == 0) return y;
  int i = int(floor(y * float(lutSize - 1) + 0.5));
  return texelFetch(lut, ivec2(i % 4096, i / 4096), 0).r;
}

void main()
{
  ivec2 p = ivec2(gl_FragCoord.xy);
  vec4 e = texelFetch(image, p, 0);
  if (colourFrame != 0) {
    colour = vec4(calibrated(e.r), calibrated(e.g), calibrated(e.b), 1.0);
    return;
  }
  float y = 0.0;
  if (e.b > 0.5) {
    float q = floor(e.r * 255.0 + 0.5) * 256.0 + floor(e.g * 255.0 + 0.5);
    y = calibrated(q / 65535.0);
  }
  vec4 o = texelFetch(overlays, p, 0);
  colour = vec4(o.rgb + (1.0 - o.a) * vec3(y), 1.0);
}
)GLSL";

void configureTexture(QOpenGLExtraFunctions* f) {
    f->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    f->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    f->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    f->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace

DisplayOutputPass::DisplayOutputPass() = default;
DisplayOutputPass::~DisplayOutputPass() = default;

void DisplayOutputPass::setCalibration(const render::CalibrationTable& table) {
    lutSize_ = int(table.ddl.size());
    const int rows = std::max(1, (lutSize_ + kLutRow - 1) / kLutRow);
    const float top = float((1 << table.ddlBits) - 1);
    lut_.assign(std::size_t(rows) * kLutRow, 0.0f);
    for (std::size_t i = 0; i < table.ddl.size(); ++i) lut_[i] = float(table.ddl[i]) / top;
    lutDirty_ = true;
}

void DisplayOutputPass::ensure(QOpenGLExtraFunctions* f, int width, int height) {
    if (!program_) {
        program_ = std::make_unique<QOpenGLShaderProgram>();
        program_->addShaderFromSourceCode(QOpenGLShader::Vertex, kVertexShader);
        program_->addShaderFromSourceCode(QOpenGLShader::Fragment, kFragmentShader);
        if (!program_->link()) qWarning("DisplayOutputPass: the output shader does not build: %s", qPrintable(program_->log()));
        vao_ = std::make_unique<QOpenGLVertexArrayObject>();
        vao_->create();
        GLuint textures[3];
        f->glGenTextures(3, textures);
        imageTexture_ = textures[0];
        overlayTexture_ = textures[1];
        lutTexture_ = textures[2];
        width_ = height_ = 0;
        lutDirty_ = true;
    }
    if (width != width_ || height != height_) {
        for (const unsigned texture : {imageTexture_, overlayTexture_}) {
            f->glBindTexture(GL_TEXTURE_2D, texture);
            f->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
            configureTexture(f);
        }
        width_ = width;
        height_ = height;
    }
    if (lutDirty_) {
        f->glBindTexture(GL_TEXTURE_2D, lutTexture_);
        if (lut_.empty()) lut_.assign(kLutRow, 0.0f);
        const int rows = int(lut_.size()) / kLutRow;
        f->glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, kLutRow, rows, 0, GL_RED, GL_FLOAT, lut_.data());
        configureTexture(f);
        lutDirty_ = false;
    }
    f->glBindTexture(GL_TEXTURE_2D, 0);
}

void DisplayOutputPass::capture(QOpenGLExtraFunctions* f, unsigned texture, unsigned fbo, int width, int height) {
    f->glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    f->glReadBuffer(GL_COLOR_ATTACHMENT0);
    f->glBindTexture(GL_TEXTURE_2D, texture);
    f->glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 0, 0, width, height);
    f->glBindTexture(GL_TEXTURE_2D, 0);
}

void DisplayOutputPass::captureImage(QOpenGLExtraFunctions* f, unsigned fbo, int width, int height) {
    ensure(f, width, height);
    capture(f, imageTexture_, fbo, width, height);
}

void DisplayOutputPass::captureOverlays(QOpenGLExtraFunctions* f, unsigned fbo, int width, int height) {
    ensure(f, width, height);
    capture(f, overlayTexture_, fbo, width, height);
}

void DisplayOutputPass::compose(QOpenGLExtraFunctions* f, unsigned target, int width, int height, Input input) {
    ensure(f, width, height);
    f->glBindFramebuffer(GL_FRAMEBUFFER, target);
    const GLenum buffer = target ? GL_COLOR_ATTACHMENT0 : GL_BACK;
    f->glDrawBuffers(1, &buffer);
    f->glViewport(0, 0, width, height);
    f->glDisable(GL_SCISSOR_TEST);
    f->glDisable(GL_BLEND);
    f->glDisable(GL_DEPTH_TEST);
    f->glDisable(GL_CULL_FACE);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    program_->bind();
    f->glActiveTexture(GL_TEXTURE0);
    f->glBindTexture(GL_TEXTURE_2D, imageTexture_);
    f->glActiveTexture(GL_TEXTURE1);
    f->glBindTexture(GL_TEXTURE_2D, overlayTexture_);
    f->glActiveTexture(GL_TEXTURE2);
    f->glBindTexture(GL_TEXTURE_2D, lutTexture_);
    program_->setUniformValue("image", 0);
    program_->setUniformValue("overlays", 1);
    program_->setUniformValue("lut", 2);
    program_->setUniformValue("lutSize", lutSize_);
    program_->setUniformValue("colourFrame", input == Input::ColourFrame ? 1 : 0);
    vao_->bind();
    f->glDrawArrays(GL_TRIANGLES, 0, 3);
    vao_->release();
    program_->release();
    for (const GLenum unit : {GL_TEXTURE2, GL_TEXTURE1, GL_TEXTURE0}) {
        f->glActiveTexture(unit);
        f->glBindTexture(GL_TEXTURE_2D, 0);
    }
}

void DisplayOutputPass::release(QOpenGLExtraFunctions* f) {
    if (!program_) return;
    const GLuint textures[3] = {imageTexture_, overlayTexture_, lutTexture_};
    f->glDeleteTextures(3, textures);
    vao_.reset();
    program_.reset();
    imageTexture_ = overlayTexture_ = lutTexture_ = 0;
    width_ = height_ = 0;
    lutDirty_ = true;
}

}  // namespace lightbox::viewer
