#include "lightbox/viewer/Viewport.h"

#include "DisplayOutputPass.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/WindowPresets.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QPainter>
#include <QScreen>
#include <QTimer>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>

#include <algorithm>
#include <cmath>

namespace lightbox::viewer {

namespace {

// The plane's name in the overlay, in the reader's language (render names it
// in English, for files and the command line).
QString planeLabel(render::PlaneKind kind) {
    switch (kind) {
        case render::PlaneKind::Axial: return Viewport::tr("axial");
        case render::PlaneKind::Coronal: return Viewport::tr("coronal");
        case render::PlaneKind::Sagittal: return Viewport::tr("sagittal");
        case render::PlaneKind::Oblique: return Viewport::tr("oblique");
    }
    return QString::fromStdString(render::planeKindName(kind));
}

// VTK asks its window to make the context current and whether it is: answer
// with the widget's context.
void onWindowEvent(vtkObject*, unsigned long event, void* clientData, void* callData) {
    auto* self = static_cast<Viewport*>(clientData);
    if (event == vtkCommand::WindowMakeCurrentEvent) {
        // The context only: QOpenGLWidget::makeCurrent() would also bind the
        // widget's framebuffer behind VTK's back, in the middle of VTK's frame.
        if (QOpenGLContext* context = self->context(); context && QOpenGLContext::currentContext() != context)
            context->makeCurrent(context->surface());
    } else if (event == vtkCommand::WindowIsCurrentEvent) {
        *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == self->context();
    }
}

}  // namespace

int Viewport::preferredOutputBits() {
    bool ok = false;
    const int forced = qEnvironmentVariableIntValue("LIGHTBOX_OUTPUT_BITS", &ok);
    if (ok && (forced == 8 || forced == 10)) return forced;
    // A 30-bit X screen (DefaultDepth 30) drives its displays with 10 bits per channel.
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen && screen->depth() >= 30 ? 10 : 8;
}

QSurfaceFormat Viewport::surfaceFormat(int bitsPerChannel) {
    const int colour = bitsPerChannel >= 10 ? 10 : 8;
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setRedBufferSize(colour);
    format.setGreenBufferSize(colour);
    format.setBlueBufferSize(colour);
    format.setDepthBufferSize(8);
    format.setAlphaBufferSize(colour == 10 ? 2 : 8);
    format.setStencilBufferSize(0);
    format.setSamples(0);  // multisampling costs a lot on Mesa and blurs nothing we draw
    return format;
}

Viewport::Viewport(QWidget* parent) : QOpenGLWidget(parent), output_(std::make_unique<DisplayOutputPass>()) {
    outputBits_ = preferredOutputBits();
    setFormat(surfaceFormat(outputBits_));
    // The widget's own framebuffer, which the final pass writes, at the display's depth.
    if (outputBits_ >= 10) setTextureFormat(GL_RGB10_A2);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);
    cine_ = new QTimer(this);
    connect(cine_, &QTimer::timeout, this, [this] {
        if (sliceIndex() + 1 >= sliceCount()) setPosition(-halfExtent());
        else scrollBy(1);
    });
    tools_ = new MeasurementTools(this);
}

Viewport::~Viewport() {
    makeCurrent();
    slice_.reset();
    vr_.reset();
    if (context()) output_->release(context()->extraFunctions());
    if (window_) {
        window_->Finalize();
        window_->Delete();
    }
    doneCurrent();
}

void Viewport::initializeGL() {
    window_ = vtkGenericOpenGLRenderWindow::New();
    vtkNew<vtkCallbackCommand> callback;
    callback->SetCallback(onWindowEvent);
    callback->SetClientData(this);
    window_->AddObserver(vtkCommand::WindowMakeCurrentEvent, callback);
    window_->AddObserver(vtkCommand::WindowIsCurrentEvent, callback);
    window_->SetMultiSamples(0);
    window_->SetIsDirect(1);
    window_->SetSupportsOpenGL(1);
    window_->SetForceMaximumHardwareLineWidth(1);
    window_->SetReadyForRendering(true);
    window_->SetOwnContext(0);
    window_->SetFrameBlitModeToNoBlit();
    window_->OpenGLInitContext();
    window_->SetSize(deviceWidth(), deviceHeight());
    glReady_ = true;
    attachRenderers();
}

void Viewport::attachRenderers() {
    if (!window_) return;
    window_->GetRenderers()->RemoveAllItems();
    if (slice_) window_->AddRenderer(slice_->renderer());
    if (vr_) window_->AddRenderer(vr_->renderer());
}

int Viewport::deviceWidth() const { return std::max(1, int(std::lround(width() * devicePixelRatioF()))); }
int Viewport::deviceHeight() const { return std::max(1, int(std::lround(height() * devicePixelRatioF()))); }

void Viewport::resizeGL(int, int) {
    if (window_) window_->SetSize(deviceWidth(), deviceHeight());
    if (slice_ && fitMode_) slice_->setZoom(slice_->fitZoom(deviceWidth(), deviceHeight()));
}

void Viewport::paintGL() {
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    if (!window_ || (!slice_ && !vr_)) {
        f->glClearColor(0, 0, 0, 1);
        f->glClear(GL_COLOR_BUFFER_BIT);
        return;
    }
    const int w = deviceWidth(), h = deviceHeight();
    window_->SetSize(w, h);
    if (slice_) slice_->updateOverlays(w, h);
    // Qt has moved GL state (bindings above all) behind VTK's back since the
    // last frame: VTK must re-read it, or it binds by its stale cache and
    // attaches its buffers to Qt's framebuffer.
    if (outputBits_ >= 10 && slice_ && !vr_) {
        paintTenBit(f, w, h);
    } else if (vr_ && (outputBits_ >= 10 || !calibration_.isIdentity())) {
        paintCalibratedColour(f, w, h);
    } else {
        window_->GetState()->Reset();
        window_->Render();
        // Copy VTK's finished frame (its display framebuffer) into the widget's.
        vtkOpenGLFramebufferObject* source = window_->GetDisplayFramebuffer();
        if (!source) return;
        f->glBindFramebuffer(GL_READ_FRAMEBUFFER, source->GetFBOIndex());
        f->glReadBuffer(GL_COLOR_ATTACHMENT0);
        f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
        const GLenum buffer = GL_COLOR_ATTACHMENT0;
        f->glDrawBuffers(1, &buffer);
        f->glDisable(GL_SCISSOR_TEST);
        f->glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        // The frame is opaque: VTK leaves partial coverage in alpha (the 3-D
        // view's ray casting), through which the widget would show what lies
        // behind it.
        f->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
        f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
        f->glClearColor(0, 0, 0, 1);
        f->glClear(GL_COLOR_BUFFER_BIT);
        f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    }
    if (const GLenum error = f->glGetError(); error != GL_NO_ERROR && qEnvironmentVariableIsSet("LIGHTBOX_DEBUG"))
        qWarning("Viewport: output to the widget failed with GL error 0x%x", error);
    f->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
    window_->GetState()->ResetFramebufferBindings();
    window_->GetState()->ResetGLScissorState();
    if (slice_ && (tools_->hasSomethingToPaint() || pstate_.state)) {
        QPainter painter(this);
        if (pstate_.state) paintPresentationState(painter, *this, pstate_);
        tools_->paint(painter);
    }
}

void Viewport::paintTenBit(QOpenGLExtraFunctions* f, int w, int h) {
    // Two VTK frames - the image's P-values, then the overlays alone - composed
    // by the output pass at the framebuffer's depth (DisplayOutputPass.h).
    for (const auto layers : {render::SliceView::Layers::ImagePValues, render::SliceView::Layers::OverlaysOnly}) {
        slice_->setLayers(layers);
        window_->GetState()->Reset();
        window_->Render();
        vtkOpenGLFramebufferObject* source = window_->GetDisplayFramebuffer();
        if (!source) break;
        if (layers == render::SliceView::Layers::ImagePValues) output_->captureImage(f, source->GetFBOIndex(), w, h);
        else output_->captureOverlays(f, source->GetFBOIndex(), w, h);
    }
    slice_->setLayers(render::SliceView::Layers::All);
    output_->compose(f, defaultFramebufferObject(), w, h);
}

void Viewport::paintCalibratedColour(QOpenGLExtraFunctions* f, int w, int h) {
    // The 3-D view's frame, channel by channel through the LUT at the
    // framebuffer's depth (the slice prop applies it itself on the 8-bit path).
    window_->GetState()->Reset();
    window_->Render();
    vtkOpenGLFramebufferObject* source = window_->GetDisplayFramebuffer();
    if (!source) return;
    output_->captureImage(f, source->GetFBOIndex(), w, h);
    output_->compose(f, defaultFramebufferObject(), w, h, DisplayOutputPass::Input::ColourFrame);
}

int Viewport::framebufferBits() {
    if (!context()) return 0;
    makeCurrent();
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
    GLint red = 0;
    f->glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE, &red);
    doneCurrent();
    return int(red);
}

std::vector<int> Viewport::readBackLevels(int row) {
    std::vector<int> levels;
    if (!context()) return levels;
    const int w = deviceWidth(), h = deviceHeight();
    if (row < 0 || row >= h) return levels;
    makeCurrent();
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_READ_FRAMEBUFFER, defaultFramebufferObject());
    f->glReadBuffer(GL_COLOR_ATTACHMENT0);
    f->glPixelStorei(GL_PACK_ALIGNMENT, 4);
    std::vector<GLuint> packed(std::size_t(w), 0);
    // 2_10_10_10_REV: red in the low 10 bits. An 8-bit framebuffer reads back
    // as 8-bit levels scaled to 10 bits, so at most 256 distinct values.
    f->glReadPixels(0, h - 1 - row, w, 1, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, packed.data());
    levels.reserve(packed.size());
    for (const GLuint p : packed) levels.push_back(int(p & 0x3FFu));
    doneCurrent();
    return levels;
}

void Viewport::showPlane(std::shared_ptr<const LoadedSeries> series, render::PlaneKind plane, double positionMm,
                         core::Vec3 obliqueNormal) {
    makeCurrent();
    vr_.reset();
    const bool sameSeries = data_ == series && slice_;
    data_ = std::move(series);
    plane_ = plane;
    normal_ = plane == render::PlaneKind::Oblique ? core::normalized(obliqueNormal) : render::normalForPlane(plane);
    if (!sameSeries) {
        slice_ = std::make_unique<render::SliceView>();
        render::DisplayChain chain = data_->defaults.chain;
        if (inverted_)
            chain.presentation = chain.presentation == core::PresentationShape::Inverse ? core::PresentationShape::Identity
                                                                                         : core::PresentationShape::Inverse;
        slice_->setChain(chain);
        slice_->setCalibration(calibration_);
        render::OverlayInfo info = render::overlayInfo(data_->series);
        slice_->setOverlayInfo(info);
        slice_->setOverlaysVisible(true);
        fitMode_ = true;
        pstate_ = {};
    }
    // On the slice grid, as scrolling is: the acquisition plane then shows an
    // acquired image (which its measurements and a GSPS refer to), not a blend of two.
    const double h = halfExtent(), s = step();
    positionMm_ = std::clamp(-h + std::round((positionMm + h) / s) * s, -h, h);
    reslice();
    attachRenderers();
    doneCurrent();
    update();
    emit viewShown();
}

void Viewport::show3D(std::shared_ptr<const LoadedSeries> series, render::VrPreset preset) {
    makeCurrent();
    slice_.reset();
    data_ = std::move(series);
    vr_ = std::make_unique<render::VolumeView>(data_->volume);
    vr_->setPreset(preset);
    attachRenderers();
    doneCurrent();
    update();
    emit viewShown();
}

void Viewport::clearView() {
    makeCurrent();
    setCineRunning(false);
    slice_.reset();
    vr_.reset();
    data_.reset();
    attachRenderers();
    doneCurrent();
    update();
    emit viewShown();
}

double Viewport::halfExtent() const {
    if (!data_) return 0;
    const core::Volume& v = data_->volume;
    const core::Vec3 c = render::volumeCentre(v);
    double extent = 0;
    for (int corner = 0; corner < 8; ++corner) {
        const core::Vec3 p = v.patientPoint((corner & 1) ? v.columns - 1 : 0, (corner & 2) ? v.rows - 1 : 0,
                                            (corner & 4) ? v.slices - 1 : 0);
        extent = std::max(extent, std::abs(core::dot(core::operator-(p, c), normal_)));
    }
    return extent;
}

double Viewport::step() const { return data_ ? data_->reslicer->slabStep(normal_) : 1.0; }

int Viewport::sliceCount() const { return data_ ? int(std::floor(2 * halfExtent() / step() + 1e-6)) + 1 : 0; }

int Viewport::sliceIndex() const {
    return data_ ? int(std::lround((positionMm_ + halfExtent()) / step())) : 0;
}

void Viewport::reslice() {
    if (!data_ || !slice_) return;
    render::PlaneRequest request;
    request.kind = plane_;
    request.obliqueNormal = normal_;
    request.positionMm = positionMm_;
    // A plane parallel to the acquired slices is sampled on their own pixel
    // grid, so it shows the stored pixels (what a presentation state and
    // core's CPU render address) rather than a resampled copy at the
    // volume's finest spacing, which is the slice spacing when slices are
    // thinner than pixels.
    const core::Volume& v = data_->volume;
    const core::Vec3 sliceNormal = core::normalized(core::cross(v.axisX, v.axisY));
    const core::Vec3 n = plane_ == render::PlaneKind::Oblique ? normal_ : render::normalForPlane(plane_);
    if (core::norm(n) > 1e-9 && std::abs(core::dot(sliceNormal, core::normalized(n))) > 1 - 1e-6)
        request.spacingMm = std::min(v.spacing[0], v.spacing[1]);
    const render::SlicePlane plane = render::planeThroughVolume(data_->volume, request);
    slice_->setImage(data_->reslicer->reslice(plane));
    render::OverlayInfo info = render::overlayInfo(data_->series);
    const QString planeName = planeLabel(plane_);
    info.imageLabel = (plane_ == data_->acquisitionPlane() ? tr("Im %1/%2").arg(sliceIndex() + 1).arg(sliceCount())
                                                           : tr("MPR %1 %2/%3").arg(planeName).arg(sliceIndex() + 1).arg(sliceCount()))
                          .toStdString();
    info.syncLabel = syncLabel_.toStdString();
    slice_->setOverlayInfo(info);
    if (fitMode_) slice_->setZoom(slice_->fitZoom(deviceWidth(), deviceHeight()));
}

void Viewport::setPosition(double mm) {
    if (!slice_) return;
    // Positions on the slice grid: scrolling lands on the acquired slices.
    const double h = halfExtent(), s = step();
    const double snapped = -h + std::round((mm + h) / s) * s;
    const double clamped = std::clamp(snapped, -h, h);
    if (std::abs(clamped - positionMm_) < 1e-9 && slice_->image().values.size()) return;
    positionMm_ = clamped;
    makeCurrent();
    reslice();
    doneCurrent();
    update();
    emit positionChanged(positionMm_);
}

void Viewport::scrollBy(int steps) { setPosition(positionMm_ + steps * step()); }

void Viewport::moveTo(const core::Vec3& patient) {
    if (!data_ || !slice_) return;
    setPosition(core::dot(core::operator-(patient, render::volumeCentre(data_->volume)), normal_));
}

void Viewport::setWindow(double center, double width) {
    if (!slice_) return;
    slice_->setWindow(center, std::max(width, 1.0));
    update();
    emit windowChanged(center, std::max(width, 1.0));
}

double Viewport::windowCenter() const { return slice_ ? slice_->chain().window.center : 0; }
double Viewport::windowWidth() const { return slice_ ? slice_->chain().window.width : 0; }

bool Viewport::applyPresetKey(int digit) {
    if (!data_) return false;
    const auto presets = presetsForKeys(data_->defaults.fileWindows);
    // 1..9 -> index 0..8; 0 -> the first file window (index 6).
    const std::size_t index = digit == 0 ? 6 : std::size_t(digit - 1);
    if (index >= presets.size()) return false;
    setWindow(presets[index].center, presets[index].width);
    return true;
}

void Viewport::setInverted(bool inverted) {
    if (inverted == inverted_) return;
    inverted_ = inverted;
    if (!slice_) return;
    render::DisplayChain chain = slice_->chain();
    chain.presentation = chain.presentation == core::PresentationShape::Inverse ? core::PresentationShape::Identity
                                                                                 : core::PresentationShape::Inverse;
    slice_->setChain(chain);
    update();
}

void Viewport::setZoomPan(double zoom, double panX, double panY) {
    if (!slice_) return;
    fitMode_ = false;
    slice_->setZoom(zoom);
    slice_->setPan(panX, panY);
    update();
    emitZoomPan();
}

double Viewport::zoom() const { return slice_ ? slice_->zoom() : 1.0; }
std::array<double, 2> Viewport::pan() const { return slice_ ? slice_->panOffset() : std::array<double, 2>{0, 0}; }

void Viewport::emitZoomPan() {
    const auto [x, y] = pan();
    emit zoomPanChanged(zoom(), x, y);
}

void Viewport::fit() {
    if (!slice_) return;
    fitMode_ = true;
    slice_->setPan(0, 0);
    slice_->setZoom(slice_->fitZoom(deviceWidth(), deviceHeight()));
    update();
    emitZoomPan();
}

void Viewport::oneToOne() {
    if (!slice_) return;
    fitMode_ = false;
    slice_->setZoom(1.0);
    update();
    emitZoomPan();
}

void Viewport::trueSize() {
    if (!slice_) return;
    fitMode_ = false;
    // Screen pixels per slice pixel so that 10 mm in the patient are 10 mm on the glass.
    const QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    const double dotsPerMm = (s ? s->physicalDotsPerInchX() : 96.0) / 25.4;
    slice_->setZoom(slice_->image().plane.spacing * dotsPerMm);
    update();
    emitZoomPan();
}

void Viewport::resetView() {
    if (!slice_ || !data_) return;
    slice_->resetTransform();
    render::DisplayChain chain = data_->defaults.chain;
    inverted_ = false;
    slice_->setChain(chain);
    fit();
    emit windowChanged(chain.window.center, chain.window.width);
}

void Viewport::setOverlaysVisible(bool visible) {
    if (slice_) slice_->setOverlaysVisible(visible);
    update();
}

void Viewport::setCineRate(double fps) {
    cineRate_ = std::clamp(fps, 1.0, 60.0);
    cine_->setInterval(int(std::lround(1000.0 / cineRate_)));
}

void Viewport::setCineRunning(bool running) {
    if (running && slice_) {
        setCineRate(cineRate_);
        cine_->start();
    } else {
        cine_->stop();
    }
}

bool Viewport::cineRunning() const { return cine_->isActive(); }

void Viewport::setCrosshair(std::optional<core::Vec3> point) {
    if (slice_) slice_->setCrosshair(point);
    update();
}

void Viewport::setSyncLabel(const QString& text) {
    if (text == syncLabel_) return;
    syncLabel_ = text;
    if (!slice_) return;
    render::OverlayInfo info = slice_->overlayInfo();
    info.syncLabel = text.toStdString();
    slice_->setOverlayInfo(info);
    update();
}

void Viewport::setActive(bool active) { active_ = active; }

void Viewport::setAnnotationLayer(AnnotationLayer* layer) { tools_->setLayer(layer); }

void Viewport::setPresentationState(AppliedPresentationState applied) {
    pstate_ = std::move(applied);
    update();
}

void Viewport::setCalibration(const render::CalibrationTable& table) {
    calibration_ = table;
    output_->setCalibration(table);
    if (slice_) slice_->setCalibration(table);
    update();
}

void Viewport::setMagnifier(bool on) {
    magnifierOn_ = on;
    if (!on && magnifierLabel_) magnifierLabel_->hide();
}

void Viewport::updateMagnifier(const QPoint& at) {
    if (!magnifierOn_) return;
    if (!magnifierLabel_) {
        magnifierLabel_ = new QLabel(this);
        magnifierLabel_->setFrameStyle(QFrame::Box);
        magnifierLabel_->setAttribute(Qt::WA_TransparentForMouseEvents);
    }
    // Twice the size of a 100-pixel square around the cursor.
    const QImage frame = grabFramebuffer();
    const double dpr = devicePixelRatioF();
    const QRect source(int((at.x() - 50) * dpr), int((at.y() - 50) * dpr), int(100 * dpr), int(100 * dpr));
    magnifierLabel_->setPixmap(QPixmap::fromImage(frame.copy(source).scaled(200, 200, Qt::KeepAspectRatio, Qt::FastTransformation)));
    magnifierLabel_->resize(200, 200);
    magnifierLabel_->move(std::clamp(at.x() - 100, 0, std::max(0, width() - 200)), std::clamp(at.y() - 100, 0, std::max(0, height() - 200)));
    magnifierLabel_->show();
}

void Viewport::mousePressEvent(QMouseEvent* event) {
    emit activated(this);
    dragButton_ = event->button();
    dragModifiers_ = event->modifiers();
    lastPos_ = pressPos_ = event->position().toPoint();
    if (slice_ && tools_->mousePress(event)) {
        dragButton_ = Qt::NoButton;
        return;
    }
    if (slice_ && event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier)) {
        const double dpr = devicePixelRatioF();
        emit pointPicked(slice_->screenToPatient(event->position().x() * dpr, event->position().y() * dpr,
                                                 deviceWidth(), deviceHeight()));
        dragButton_ = Qt::NoButton;
    }
    updateMagnifier(lastPos_);
}

void Viewport::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - lastPos_;
    lastPos_ = pos;
    updateMagnifier(pos);
    if (slice_ && tools_->mouseMove(event)) return;
    if (dragButton_ == Qt::NoButton) return;
    if (vr_) {
        if (dragButton_ == Qt::LeftButton) {
            vr_->rotate(-delta.x() * 0.5, delta.y() * 0.5);
            update();
        }
        return;
    }
    if (!slice_) return;
    const double dpr = devicePixelRatioF();
    if (dragButton_ == Qt::LeftButton && (dragModifiers_ & Qt::ControlModifier)) {
        scrollRemainder_ += delta.y() / 4.0;  // 4 pixels per slice
        const int steps = int(scrollRemainder_);
        scrollRemainder_ -= steps;
        if (steps) scrollBy(steps);
    } else if (dragButton_ == Qt::LeftButton) {
        // Width with horizontal, level with vertical movement, in proportion to the window.
        const double w = windowWidth(), c = windowCenter();
        const double sensitivity = std::max(1.0, w / 256.0);
        setWindow(c + delta.y() * sensitivity, w + delta.x() * sensitivity);
    } else if (dragButton_ == Qt::RightButton) {
        fitMode_ = false;
        slice_->setZoom(slice_->zoom() * std::exp(-delta.y() / 200.0));
        update();
        emitZoomPan();
    } else if (dragButton_ == Qt::MiddleButton) {
        slice_->pan(delta.x() * dpr, delta.y() * dpr);
        update();
        emitZoomPan();
    }
}

void Viewport::mouseReleaseEvent(QMouseEvent* event) {
    if (slice_ && tools_->mouseRelease(event)) {
        dragButton_ = Qt::NoButton;
        return;
    }
    // A click without a drag picks the point (the MPR crosshair).
    if (slice_ && dragButton_ == Qt::LeftButton && (event->position().toPoint() - pressPos_).manhattanLength() < 3 &&
        !(dragModifiers_ & Qt::ControlModifier)) {
        const double dpr = devicePixelRatioF();
        emit pointPicked(slice_->screenToPatient(event->position().x() * dpr, event->position().y() * dpr,
                                                 deviceWidth(), deviceHeight()));
    }
    dragButton_ = Qt::NoButton;
}

void Viewport::mouseDoubleClickEvent(QMouseEvent* event) {
    if (slice_ && tools_->mouseDoubleClick(event)) return;
    QOpenGLWidget::mouseDoubleClickEvent(event);
}

void Viewport::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps) scrollBy(-steps);
    event->accept();
}

void Viewport::keyPressEvent(QKeyEvent* event) {
    if (slice_ && tools_->keyPress(event)) return;
    // The keys live in the shortcut map (user-configurable); here only what the actions do.
    const QString action = ShortcutMap::global().actionFor(event);
    if (action.startsWith(QLatin1String("window.preset")) && action.size() == 14) {
        applyPresetKey(action.back().digitValue());
        return;
    }
    const int page = std::max(1, sliceCount() / 10);
    if (action == QLatin1String("scroll.previous")) scrollBy(-1);
    else if (action == QLatin1String("scroll.next")) scrollBy(1);
    else if (action == QLatin1String("scroll.pageBack")) scrollBy(-page);
    else if (action == QLatin1String("scroll.pageForward")) scrollBy(page);
    else if (action == QLatin1String("scroll.first")) setPosition(-halfExtent());
    else if (action == QLatin1String("scroll.last")) setPosition(halfExtent());
    else if (action == QLatin1String("view.fit")) fit();
    else if (action == QLatin1String("view.oneToOne")) oneToOne();
    else if (action == QLatin1String("view.trueSize")) trueSize();
    else if (action == QLatin1String("window.invert")) setInverted(!inverted_);
    else if (action == QLatin1String("view.flipHorizontal")) { if (slice_) slice_->flipHorizontal(); update(); }
    else if (action == QLatin1String("view.flipVertical")) { if (slice_) slice_->flipVertical(); update(); }
    else if (action == QLatin1String("view.rotate")) { if (slice_) slice_->rotateQuarterTurns(1); update(); }
    else if (action == QLatin1String("view.magnifier")) setMagnifier(!magnifierOn_);
    else if (action == QLatin1String("cine.toggle")) setCineRunning(!cineRunning());
    else if (action == QLatin1String("cine.faster")) setCineRate(cineRate_ + 2);
    else if (action == QLatin1String("cine.slower")) setCineRate(cineRate_ - 2);
    else if (action == QLatin1String("view.reset")) resetView();
    else QOpenGLWidget::keyPressEvent(event);
}

}  // namespace lightbox::viewer
