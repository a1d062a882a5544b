#pragma once
// The reading viewport: a QOpenGLWidget that drives a
// vtkGenericOpenGLRenderWindow in Qt's context (VTK renders into its own
// framebuffer, which is then blitted into the widget's - the way VTK's own
// Qt widget works; Debian's VTK Qt module is built for Qt 5, so we do not
// link it). Shows one MPR plane of a loaded series through the GPU grayscale
// pass, or the 3-D view.
//
// Mouse: left drag window/level, right drag zoom, middle drag pan,
// Ctrl+left drag or the wheel scroll, Shift+click (or a click in MPR) picks
// a point. Keys (the defaults: ShortcutMap holds them and users remap
// them; keyPressEvent asks it what a key means): 1-6 CT presets (brain,
// lung, mediastinum, bone, abdomen, liver), 7-9 and 0 the file's windows,
// Up/Down (or Left/Right) and PgUp/PgDn scroll,
// Home/End, F fit, 1:1 with '=', T true size, I invert, H/V flip,
// R rotate, M magnifier, C cine (+/- rate), Esc reset. With a measurement
// tool chosen the left button draws instead (MeasurementTools.h lists its keys).

#include "lightbox/render/DisplayChain.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/render/VolumeView.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/PresentationStateApply.h"

#include <QOpenGLWidget>
#include <QSurfaceFormat>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QOpenGLExtraFunctions;
class QTimer;
class vtkGenericOpenGLRenderWindow;

namespace lightbox::render {
class SliceView;
}

namespace lightbox::viewer {

class DisplayOutputPass;
class AnnotationLayer;
class MeasurementTools;

class Viewport : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit Viewport(QWidget* parent = nullptr);
    ~Viewport() override;

    // OpenGL 3.2 core, no multisampling, 8 or 10 bits per channel: set as
    // the application default before the first widget is created.
    static QSurfaceFormat surfaceFormat(int bitsPerChannel = 8);
    // 10 when the primary screen is 30 bits deep (or LIGHTBOX_OUTPUT_BITS=10),
    // else 8: the depth viewports ask for and write their output at.
    static int preferredOutputBits();

    // The output path: 10 - the image's P-values are calibrated and written
    // by a final pass into a 10/10/10/2 framebuffer; 8 - the single VTK pass.
    int outputBits() const { return outputBits_; }
    // Bits per channel of the framebuffer the viewport's frame is written to
    // (what the output pass got, not what was asked for).
    int framebufferBits();
    // The red channel of one row (device pixels, from the top) of the last
    // frame, as 10-bit levels (the TG18-MP check counts them).
    std::vector<int> readBackLevels(int row);

    // Shows `plane` (or the oblique `normal`) of the series, `positionMm`
    // from the volume centre along the plane normal.
    void showPlane(std::shared_ptr<const LoadedSeries> series, render::PlaneKind plane, double positionMm = 0,
                   core::Vec3 obliqueNormal = {0, 0, 1});
    void show3D(std::shared_ptr<const LoadedSeries> series, render::VrPreset preset = render::VrPreset::Bone);
    void clearView();
    bool isEmpty() const { return !data_; }
    bool is3D() const { return vr_ != nullptr; }
    const LoadedSeries* series() const { return data_.get(); }
    std::shared_ptr<const LoadedSeries> sharedSeries() const { return data_; }
    core::Vec3 planeNormal() const { return normal_; }
    render::SliceView* sliceView() const { return slice_.get(); }

    // Scrolling along the plane normal.
    double position() const { return positionMm_; }
    void setPosition(double mm);
    void scrollBy(int steps);
    int sliceIndex() const;
    int sliceCount() const;
    // Moves the plane so that it passes through `patient`.
    void moveTo(const core::Vec3& patient);

    void setWindow(double center, double width);
    double windowCenter() const;
    double windowWidth() const;
    bool applyPresetKey(int digit);  // 0-9
    void setInverted(bool inverted);
    bool inverted() const { return inverted_; }

    // Zoom (screen pixels per slice pixel) and pan (screen pixels), as a
    // synchronised viewport receives them; emits zoomPanChanged.
    void setZoomPan(double zoom, double panX, double panY);
    double zoom() const;
    std::array<double, 2> pan() const;
    void fit();
    void oneToOne();
    void trueSize();
    void resetView();
    void setOverlaysVisible(bool visible);

    void setCineRate(double framesPerSecond);
    double cineRate() const { return cineRate_; }
    void setCineRunning(bool running);
    bool cineRunning() const;
    void setMagnifier(bool on);
    bool magnifier() const { return magnifierOn_; }

    // The display's calibration LUT (P-value -> DDL), the last stage of the
    // grayscale pass; kept across series and planes. Identity by default.
    void setCalibration(const render::CalibrationTable& table);
    const render::CalibrationTable& calibration() const { return calibration_; }

    void setCrosshair(std::optional<core::Vec3> point);
    // A line or two in the overlay about synchronisation (ViewportSync sets it).
    void setSyncLabel(const QString& text);
    QString syncLabel() const { return syncLabel_; }
    void setActive(bool active);

    // Measurements and annotations: the tools of this viewport, drawing into
    // `layer` (shared by the viewports of a reading area; not owned).
    MeasurementTools* measurementTools() const { return tools_; }
    void setAnnotationLayer(AnnotationLayer* layer);

    // The presentation state drawn over the image (shutters, annotations:
    // PresentationStateApply.h applies the rest); cleared when another
    // series is shown.
    void setPresentationState(AppliedPresentationState applied);
    const AppliedPresentationState& presentationState() const { return pstate_; }

signals:
    void positionChanged(double mm);
    void windowChanged(double center, double width);
    void zoomPanChanged(double zoom, double panX, double panY);
    // showPlane, show3D or clearView changed what the viewport shows.
    void viewShown();
    void pointPicked(const lightbox::core::Vec3& patient);
    void activated(lightbox::viewer::Viewport* viewport);

protected:
    void initializeGL() override;
    void paintGL() override;
    void resizeGL(int w, int h) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void reslice();
    void attachRenderers();
    void paintTenBit(QOpenGLExtraFunctions* f, int w, int h);
    void paintCalibratedColour(QOpenGLExtraFunctions* f, int w, int h);
    void updateMagnifier(const QPoint& at);
    double halfExtent() const;
    double step() const;
    int deviceWidth() const;
    int deviceHeight() const;
    void emitZoomPan();

    std::shared_ptr<const LoadedSeries> data_;
    std::unique_ptr<render::SliceView> slice_;
    std::unique_ptr<render::VolumeView> vr_;
    vtkGenericOpenGLRenderWindow* window_ = nullptr;
    bool glReady_ = false;
    std::unique_ptr<DisplayOutputPass> output_;
    int outputBits_ = 8;

    render::PlaneKind plane_ = render::PlaneKind::Axial;
    core::Vec3 normal_{0, 0, 1};
    double positionMm_ = 0;
    bool fitMode_ = true;
    bool inverted_ = false;
    bool active_ = false;
    render::CalibrationTable calibration_;
    QString syncLabel_;

    Qt::MouseButton dragButton_ = Qt::NoButton;
    Qt::KeyboardModifiers dragModifiers_;
    QPoint lastPos_, pressPos_;
    double scrollRemainder_ = 0;

    QTimer* cine_ = nullptr;
    double cineRate_ = 10;
    bool magnifierOn_ = false;
    QLabel* magnifierLabel_ = nullptr;
    MeasurementTools* tools_ = nullptr;
    AppliedPresentationState pstate_;
};

}  // namespace lightbox::viewer
