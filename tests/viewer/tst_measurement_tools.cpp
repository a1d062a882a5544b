// The measurement tools in real viewports under Xvfb, driven by mouse and
// keys as a user would: a length across the beads of the synthetic DX
// calibration image (truth.json: their distance in mm at the patient plane,
// the image has only Imager Pixel Spacing and a magnification factor), an
// ellipse and a rectangle ROI in the synthetic CT's fat sphere (known HU), a
// probe, an angle, undo and redo, moving a whole annotation with Select, the
// same measurement drawn in a second viewport showing the image,
// a length on an MPR plane in patient mm, and the display saved as a GSPS
// that passes dciodvfy and reads back with the same measurements.

#include "TestSupport.h"
#include "ViewportTestKit.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Measurement.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateExport.h"
#include "lightbox/viewer/Viewport.h"

#include <QUndoStack>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace lightbox;

namespace {

bool isAnnotationColour(const QColor& c) {
    const bool yellow = c.red() > 150 && c.green() > 120 && c.blue() < 80;
    const bool selectedBlue = c.red() < 140 && c.green() > 150 && c.blue() > 200;
    return yellow || selectedBlue;
}

// Pixels of the framebuffer in the annotations' colours (yellow, light blue when selected).
int yellowPixels(const QImage& image) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (isAnnotationColour(image.pixelColor(x, y))) ++n;
    return n;
}

// LIGHTBOX_KEEP_SCREENSHOTS=DIR keeps a picture of what the test saw.
void keep(const QImage& shot, const QString& name) {
    if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
        shot.save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/" + name + ".png");
}

}  // namespace

class TestMeasurementTools : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::SyntheticSeries> dx_, ct_;
    std::shared_ptr<viewer::LoadedSeries> dxLoaded_, ctLoaded_;

    // The DX in a viewport at 1:1 with the beads' midpoint in the middle.
    void showDx(viewer::Viewport& view) {
        QVERIFY(test::showPlain(view, dxLoaded_, dxLoaded_->acquisitionPlane(), QSize(900, 700)));
        view.oneToOne();
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target && target->isImage());
        const auto beads = dx_->seriesTruth["calibration"]["beads"]["centersPixel"];
        const QPointF a = view.measurementTools()->toScreen(*target, {beads[0][0].get<double>() + 0.5, beads[0][1].get<double>() + 0.5, 0});
        const QPointF b = view.measurementTools()->toScreen(*target, {beads[1][0].get<double>() + 0.5, beads[1][1].get<double>() + 0.5, 0});
        const QPointF shift = QPointF(view.width() / 2.0, view.height() / 2.0) - (a + b) / 2;
        const double dpr = view.devicePixelRatioF();
        view.sliceView()->pan(shift.x() * dpr, shift.y() * dpr);
        view.update();
    }

    QPointF beadOnScreen(viewer::Viewport& view, int index) {
        const auto bead = dx_->seriesTruth["calibration"]["beads"]["centersPixel"][index];
        return view.measurementTools()->toScreen(*view.measurementTools()->currentTarget(),
                                                 {bead[0].get<double>() + 0.5, bead[1].get<double>() + 0.5, 0});
    }

private slots:
    void initTestCase() {
        dx_ = test::writeSynthetic("dx-calibration", 40, 256);
        QVERIFY2(!dx_->series.slices.empty(), "the synthetic DX was not found");
        dxLoaded_ = viewer::loadSeries(dx_->series);
        ct_ = test::writeSynthetic("ct-current", 40, 256);
        QVERIFY(ct_->series.isVolume());
        ctLoaded_ = viewer::loadSeries(ct_->series);
    }

    void lengthAcrossTheBeadsInMm() {
        viewer::Viewport view;
        showDx(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_L);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::Length);
        test::drag(&view, test::rounded(beadOnScreen(view, 0)), test::rounded(beadOnScreen(view, 1)));
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        const viewer::Annotation& a = layer->annotations().front();
        QCOMPARE(a.tool, viewer::MeasurementTool::Length);

        // The value through core's calibration of the file: the magnification-corrected spacing.
        const core::DicomFile header = core::DicomFile::open(dx_->series.slices.front().path, core::DicomFile::Extent::HeaderOnly);
        const core::Calibration c = core::Calibration::of(header);
        QCOMPARE(c.basis, core::CalibrationBasis::MagnificationCorrected);
        const double mm = core::distance({a.points[0][0], a.points[0][1]}, {a.points[1][0], a.points[1][1]}, c);
        const double truth = dx_->seriesTruth["calibration"]["beads"]["distanceMm"].get<double>();
        const double tolerance = std::max(0.5, std::max(c.rowSpacing, c.columnSpacing));
        QVERIFY2(std::abs(mm - truth) < tolerance, qPrintable(QString("measured %1 mm, truth %2 mm").arg(mm).arg(truth)));
        // The label states value, unit and basis.
        const QString label = QString::fromStdString(a.label);
        QVERIFY2(label.contains(QString::number(mm, 'f', 1) + " mm"), qPrintable(label));
        QVERIFY2(label.contains("magnification corrected"), qPrintable(label));
        // And it is drawn: yellow pixels appear on the image.
        QVERIFY(yellowPixels(view.grabFramebuffer()) > 100);
        keep(view.grabFramebuffer(), "measurement-tools-length");
    }

    void undoRedoDeleteAndEdit() {
        viewer::Viewport view;
        showDx(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_L);
        const QPoint from = test::rounded(beadOnScreen(view, 0)), to = test::rounded(beadOnScreen(view, 1));
        test::drag(&view, from, to);
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        const std::string firstLabel = layer->annotations().front().label;
        QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(layer->annotations().size(), std::size_t(0));
        QCOMPARE(yellowPixels(view.grabFramebuffer()), 0);
        QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        QVERIFY(yellowPixels(view.grabFramebuffer()) > 100);

        // Drag the second handle half way back: the length halves, undo restores it.
        QTest::keyClick(&view, Qt::Key_S);
        const QPoint middle = (from + to) / 2;
        test::drag(&view, to, middle);
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        const QString edited = QString::fromStdString(layer->annotations().front().label);
        const double before = QString::fromStdString(firstLabel).section(' ', 0, 0).toDouble();
        const double after = edited.section(' ', 0, 0).toDouble();
        QVERIFY2(std::abs(after - before / 2) < 1.0, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
        QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(layer->annotations().front().label, firstLabel);

        // Select by clicking the line, Delete removes it; undo brings it back.
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, (from * 3 + to) / 4);
        QVERIFY(layer->selected().has_value());
        QTest::keyClick(&view, Qt::Key_Delete);
        QCOMPARE(layer->annotations().size(), std::size_t(0));
        layer->undoStack()->undo();
        QCOMPARE(layer->annotations().size(), std::size_t(1));
    }

    void angleByThreeClicks() {
        viewer::Viewport view;
        showDx(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_A);
        // A right angle on screen (square pixels): 100 px right, then 100 px down.
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 200));
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 200), 300);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 300), 300);
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        const QString label = QString::fromStdString(layer->annotations().front().label);
        QVERIFY2(label.startsWith("90.0"), qPrintable(label));
    }

    // The annotation stays on its image point whatever the view does: the
    // bead (bright metal) lies under the length's end on screen after a
    // rotation, a flip and a zoom to fit, and the end is drawn there.
    void staysOnTheImageUnderZoomRotateFlip() {
        viewer::Viewport view;
        showDx(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_L);
        test::drag(&view, test::rounded(beadOnScreen(view, 0)), test::rounded(beadOnScreen(view, 1)));
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        layer->select(std::nullopt);
        QTest::keyClick(&view, Qt::Key_Q);
        QTest::keyClick(&view, Qt::Key_R);
        QTest::keyClick(&view, Qt::Key_V);
        QTest::keyClick(&view, Qt::Key_F);  // fit: another zoom, no pan
        const double dpr = view.devicePixelRatioF();
        for (int bead = 0; bead < 2; ++bead) {
            const QPointF at = beadOnScreen(view, bead) * dpr;
            QVERIFY(view.rect().contains(test::rounded(at / dpr)));
            layer->undoStack()->undo();  // the image alone: the bead is there
            const QImage plain = view.grabFramebuffer();
            QVERIFY2(qGray(plain.pixel(test::rounded(at))) > 200, qPrintable(QString("gray %1").arg(qGray(plain.pixel(test::rounded(at))))));
            layer->undoStack()->redo();  // and the line's end is drawn on it
            const QImage drawn = view.grabFramebuffer();
            bool near = false;
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx) near = near || isAnnotationColour(drawn.pixelColor(test::rounded(at) + QPoint(dx, dy)));
            QVERIFY(near);
        }
    }

    void polylinePolygonCobbAndFreehand() {
        viewer::Viewport view;
        showDx(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        // Polyline: clicks, Enter ends; 100 + 100 screen pixels = 200 image pixels at 1:1.
        QTest::keyClick(&view, Qt::Key_P);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(200, 100), 300);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200), 300);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        QCOMPARE(layer->annotations().back().points.size(), std::size_t(3));
        const core::DicomFile header = core::DicomFile::open(dx_->series.slices.front().path, core::DicomFile::Extent::HeaderOnly);
        const core::Calibration c = core::Calibration::of(header);
        const double pixel = view.sliceView()->image().plane.spacing / dxLoaded_->volume.spacing[0];  // image pixels per screen pixel at 1:1
        const double expected = 200 * pixel * c.columnSpacing;
        const double got = QString::fromStdString(layer->annotations().back().label).section(' ', 0, 0).toDouble();
        QVERIFY2(std::abs(got - expected) < 2 * c.columnSpacing, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));

        // Polygon: three clicks and a double click on the fourth corner.
        QTest::keyClick(&view, Qt::Key_Y);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 300));
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 300), 300);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 400), 300);
        QTest::mouseDClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 400), 300);
        QCOMPARE(layer->annotations().size(), std::size_t(2));
        QCOMPARE(layer->annotations().back().tool, viewer::MeasurementTool::PolygonRoi);
        QVERIFY2(layer->annotations().back().points.size() == 4, qPrintable(QString::number(layer->annotations().back().points.size())));
        QVERIFY2(QString::fromStdString(layer->annotations().back().label).contains("area"), layer->annotations().back().label.c_str());

        // Cobb: two lines at 30 degrees to each other.
        QTest::keyClick(&view, Qt::Key_B);
        const QPoint clicks[] = {{100, 500}, {300, 500}, {100, 600}, {100 + 173, 600 - 100}};
        for (const QPoint& p : clicks) QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, p, 300);
        QCOMPARE(layer->annotations().size(), std::size_t(3));
        const QString cobb = QString::fromStdString(layer->annotations().back().label);
        QVERIFY2(cobb.startsWith("Cobb"), qPrintable(cobb));
        QVERIFY2(std::abs(cobb.section(' ', 1, 1).remove(QString::fromUtf8("°")).toDouble() - 30) < 0.5, qPrintable(cobb));

        // Freehand: a drag.
        QTest::keyClick(&view, Qt::Key_D);
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(600, 300));
        for (int i = 1; i <= 24; ++i) {
            const double t = i * 2 * M_PI / 24;
            const QPointF at(600 + 40 * std::sin(t), 340 - 40 * std::cos(t));
            QMouseEvent move(QEvent::MouseMove, at, view.mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&view, &move);
        }
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(600, 300));
        QCOMPARE(layer->annotations().size(), std::size_t(4));
        QCOMPARE(layer->annotations().back().tool, viewer::MeasurementTool::FreehandRoi);
        QVERIFY(layer->annotations().back().points.size() > 10);
        // Four undos take them all back.
        for (int i = 0; i < 4; ++i) QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(layer->annotations().empty());
    }

    void roiOnTheCtPhantomInHu() {
        nlohmann::json fat;
        for (const auto& o : ct_->seriesTruth["objects"])
            if (o["name"] == "fat") fat = o;
        QVERIFY(!fat.is_null());
        const core::Vec3 centre{fat["center"][0].get<double>(), fat["center"][1].get<double>(), fat["center"][2].get<double>()};
        const double radius = fat["radius"].get<double>(), hu = fat["value"].get<double>();
        const double sigma = ct_->seriesTruth["noiseSigma"].get<double>();

        viewer::Viewport view;
        view.resize(600, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(ctLoaded_, render::PlaneKind::Axial, 0);
        view.moveTo(centre);
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target && target->isImage());
        const double dpr = view.devicePixelRatioF();
        const auto c = view.sliceView()->patientToScreen(centre, int(view.width() * dpr), int(view.height() * dpr));
        const QPointF middle(c[0] / dpr, c[1] / dpr);
        // A circle of half the sphere's radius (in screen pixels from the zoom and spacing).
        const double r = radius / 2 / view.sliceView()->image().plane.spacing * view.sliceView()->zoom() / dpr;
        QVERIFY(r > 5);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_E);
        test::drag(&view, test::rounded(middle - QPointF(r, r)), test::rounded(middle + QPointF(r, r)));
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        const QString label = QString::fromStdString(layer->annotations().front().label);
        QVERIFY2(label.contains("HU"), qPrintable(label));
        const double mean = label.section("mean ", 1).section(' ', 0, 0).toDouble();
        const double sd = label.section(" SD ", 1).section(' ', 0, 0).toDouble();
        QVERIFY2(std::abs(mean - hu) < 3, qPrintable(label));
        QVERIFY2(sd > 0 && sd < 3 * sigma, qPrintable(label));
        QVERIFY2(label.contains("mm2"), qPrintable(label));
        keep(view.grabFramebuffer(), "measurement-tools-roi");

        // A probe at the centre reads the sphere's value (within the noise bound).
        QTest::keyClick(&view, Qt::Key_X);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, test::rounded(middle));
        QCOMPARE(layer->annotations().size(), std::size_t(2));
        const double probe = QString::fromStdString(layer->annotations().back().label).section(' ', 0, 0).toDouble();
        QVERIFY2(std::abs(probe - hu) <= 3.5 * sigma, qPrintable(QString::fromStdString(layer->annotations().back().label)));
    }

    // A rectangle ROI in the fat sphere (zoomed in, so that handles lie apart)
    // reads its HU; with Select a drag inside it moves the whole rectangle.
    void rectangleRoiInHuAndMovedWhole() {
        nlohmann::json fat;
        for (const auto& o : ct_->seriesTruth["objects"])
            if (o["name"] == "fat") fat = o;
        QVERIFY(!fat.is_null());
        const core::Vec3 centre{fat["center"][0].get<double>(), fat["center"][1].get<double>(), fat["center"][2].get<double>()};
        const double radius = fat["radius"].get<double>(), hu = fat["value"].get<double>();
        viewer::Viewport view;
        view.resize(600, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(ctLoaded_, render::PlaneKind::Axial, 0);
        view.moveTo(centre);
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target && target->isImage());
        const double dpr = view.devicePixelRatioF();
        view.sliceView()->setZoom(view.sliceView()->zoom() * 4);
        auto c = view.sliceView()->patientToScreen(centre, int(view.width() * dpr), int(view.height() * dpr));
        view.sliceView()->pan(view.width() * dpr / 2 - c[0], view.height() * dpr / 2 - c[1]);
        view.update();
        c = view.sliceView()->patientToScreen(centre, int(view.width() * dpr), int(view.height() * dpr));
        const QPointF middle(c[0] / dpr, c[1] / dpr);
        const double r = radius / 2 / view.sliceView()->image().plane.spacing * view.sliceView()->zoom() / dpr;
        QVERIFY2(r > 20, qPrintable(QString("radius %1 px").arg(r)));
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.setFocus();
        // The square inscribed in a circle of half the sphere's radius.
        QTest::keyClick(&view, Qt::Key_G);
        const double h = r / std::sqrt(2.0);
        test::drag(&view, test::rounded(middle - QPointF(h, h)), test::rounded(middle + QPointF(h, h)));
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        QCOMPARE(layer->annotations().back().tool, viewer::MeasurementTool::RectangleRoi);
        const QString rectLabel = QString::fromStdString(layer->annotations().back().label);
        QVERIFY2(std::abs(rectLabel.section("mean ", 1).section(' ', 0, 0).toDouble() - hu) < 3 && rectLabel.contains("HU"), qPrintable(rectLabel));

        // Select, then a drag inside it moves the whole rectangle (every point by the drag); undo puts it back.
        QTest::keyClick(&view, Qt::Key_S);
        const viewer::Annotation before = layer->annotations().back();
        const QPointF press = middle + QPointF(h * 0.5, 0), delta(12, 8);  // clear of the corners' handles
        test::drag(&view, test::rounded(press), test::rounded(press + delta));
        const viewer::Annotation& moved = layer->annotations().back();
        QCOMPARE(moved.id, before.id);
        const QPointF actual = QPointF(test::rounded(press + delta) - test::rounded(press));
        for (std::size_t i = 0; i < before.points.size(); ++i) {
            const core::Vec3 want = view.measurementTools()->fromScreen(*target, view.measurementTools()->toScreen(*target, before.points[i]) + actual);
            QVERIFY2(std::abs(moved.points[i][0] - want[0]) < 0.01 && std::abs(moved.points[i][1] - want[1]) < 0.01,
                     qPrintable(QString("point %1: %2,%3 vs %4,%5").arg(i).arg(moved.points[i][0]).arg(moved.points[i][1]).arg(want[0]).arg(want[1])));
        }
        QVERIFY(std::abs(moved.points[0][0] - before.points[0][0]) > 1);  // it did move
        layer->undoStack()->undo();
        QCOMPARE(layer->annotations().back().points, before.points);
    }

    void shownInEveryViewportOfTheImage() {
        viewer::AnnotationLayer shared;
        viewer::Viewport first, second;
        first.setAnnotationLayer(&shared);
        second.setAnnotationLayer(&shared);
        showDx(first);
        second.resize(400, 400);
        second.move(first.x() + first.width() + 10, first.y());
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        second.showPlane(dxLoaded_, dxLoaded_->acquisitionPlane(), 0);
        second.setOverlaysVisible(false);
        QVERIFY(second.measurementTools()->currentTarget()->sameAs(*first.measurementTools()->currentTarget()));
        const int before = yellowPixels(second.grabFramebuffer());
        first.setFocus();
        QTest::keyClick(&first, Qt::Key_L);
        test::drag(&first, test::rounded(beadOnScreen(first, 0)), test::rounded(beadOnScreen(first, 1)));
        QCOMPARE(shared.annotations().size(), std::size_t(1));
        // The second viewport (fit zoom, another scale) draws it between the beads' places there.
        const QImage shot = second.grabFramebuffer();
        QVERIFY2(yellowPixels(shot) > before + 20, qPrintable(QString("%1 -> %2").arg(before).arg(yellowPixels(shot))));
        const QPointF mid = (beadOnScreen(second, 0) + beadOnScreen(second, 1)) / 2 * second.devicePixelRatioF();
        bool lineNearMiddle = false;
        for (int dy = -3; dy <= 3; ++dy) {
            lineNearMiddle = lineNearMiddle || isAnnotationColour(shot.pixelColor(int(mid.x()), int(mid.y()) + dy));
        }
        QVERIFY(lineNearMiddle);
        // Undo in either viewport removes it from both.
        second.setFocus();
        QTest::keyClick(&second, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(shared.annotations().size(), std::size_t(0));
    }

    void lengthOnAnMprPlaneInPatientMm() {
        viewer::Viewport view;
        view.resize(600, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(ctLoaded_, render::PlaneKind::Coronal, 0);
        view.setPosition(0);  // on the slice grid, where scrolling lands
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target && !target->isImage());
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_L);
        test::drag(&view, QPoint(150, 300), QPoint(450, 300));
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        QCOMPARE(layer->annotations().size(), std::size_t(1));
        const viewer::Annotation& a = layer->annotations().front();
        const double mm = core::patientDistance(a.points[0], a.points[1]);
        // 300 screen pixels at the view's zoom and the plane's spacing.
        const double expected = 300 * view.devicePixelRatioF() / view.sliceView()->zoom() * view.sliceView()->image().plane.spacing;
        QVERIFY2(std::abs(mm - expected) < 2 * view.sliceView()->image().plane.spacing, qPrintable(QString("%1 vs %2").arg(mm).arg(expected)));
        QVERIFY2(QString::fromStdString(a.label) == QString::number(mm, 'f', 1) + " mm", a.label.c_str());
        // Another coronal position does not show it; back on the plane it is there.
        view.scrollBy(5);
        QVERIFY(layer->on(*view.measurementTools()->currentTarget()).empty());
        view.scrollBy(-5);
        QCOMPARE(layer->on(*view.measurementTools()->currentTarget()).size(), std::size_t(1));
    }

    void savedPresentationStatePassesDciodvfyAndRoundTrips() {
        viewer::Viewport view;
        showDx(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();
        view.measurementTools()->setTextPrompt([] { return QStringLiteral("bead check"); });
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_L);
        test::drag(&view, test::rounded(beadOnScreen(view, 0)), test::rounded(beadOnScreen(view, 1)));
        QTest::keyClick(&view, Qt::Key_G);
        test::drag(&view, QPoint(200, 150), QPoint(320, 260));
        QTest::keyClick(&view, Qt::Key_N);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(600, 500));
        QTest::keyClick(&view, Qt::Key_K);
        test::drag(&view, QPoint(500, 400), QPoint(560, 460));
        QCOMPARE(layer->annotations().size(), std::size_t(4));
        // A double click on the note with Select edits its text (undoably).
        QTest::keyClick(&view, Qt::Key_S);
        view.measurementTools()->setTextPrompt([] { return QStringLiteral("beads 80 mm apart"); });
        QTest::mouseDClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(600, 500));
        QCOMPARE(layer->annotations()[2].text, std::string("beads 80 mm apart"));
        QCOMPARE(layer->annotations()[2].label, std::string("beads 80 mm apart"));
        view.setWindow(1800, 2500);
        QTest::keyClick(&view, Qt::Key_Q);
        QTest::keyClick(&view, Qt::Key_R);  // rotate a quarter turn
        QTest::keyClick(&view, Qt::Key_H);  // and flip

        const viewer::SavedPresentationState saved = viewer::presentationStateOf(view, *layer, "measured");
        QCOMPARE(saved.annotations, 4);
        QTemporaryDir dir;
        const QString path = dir.filePath("PR.dcm");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(saved.part10.data(), qint64(saved.part10.size()));
        }
        if (!test::haveProgram("dciodvfy")) QFAIL("dciodvfy (dicom3tools) is not installed");
        const QStringList errors = test::dciodvfyErrors(path);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        if (test::haveProgram("dcmpschk")) {
            const QString failure = test::dcmpschkFailure(path);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        keep(view.grabFramebuffer(), "measurement-tools-gsps");

        // Read back with core: the same window, transform and measurements.
        const core::PresentationState ps = core::PresentationState::read(path.toStdString());
        QCOMPARE(ps.vois.size(), std::size_t(1));
        QVERIFY(ps.vois[0].window.has_value());
        QCOMPARE(ps.vois[0].window->center, 1800.0);
        QCOMPARE(ps.vois[0].window->width, 2500.0);
        QVERIFY(ps.spatial.rotation == 90 || ps.spatial.rotation == 270);
        QVERIFY(ps.spatial.flip);
        // Zoom and pan: at 1:1 the displayed area is the viewport in image
        // pixels, its sides swapped by the quarter turn.
        QCOMPARE(ps.displayedAreas.size(), std::size_t(1));
        const double perPixel = view.sliceView()->image().plane.spacing / dxLoaded_->volume.spacing[0];
        QVERIFY2(std::abs(ps.displayedAreas[0].width() - view.height() * perPixel) <= 2 &&
                     std::abs(ps.displayedAreas[0].height() - view.width() * perPixel) <= 2,
                 qPrintable(QString("%1 x %2 for a %3 x %4 viewport").arg(ps.displayedAreas[0].width()).arg(ps.displayedAreas[0].height())
                                .arg(view.width()).arg(view.height())));
        QCOMPARE(ps.contentDescription, std::string("measured"));
        QVERIFY(ps.layer("MEASUREMENTS") && ps.layer("ANNOTATIONS"));
        const std::string sop = dx_->series.slices.front().sopInstanceUid;
        QVERIFY(ps.references(sop));
        QCOMPARE(ps.annotations.size(), std::size_t(4));
        for (std::size_t i = 0; i < 4; ++i) {
            const viewer::Annotation& a = layer->annotations()[i];
            const core::GraphicAnnotation& g = ps.annotations[i];
            QVERIFY(g.subset.appliesTo(sop, 1));
            QCOMPARE(g.layer, std::string(a.tool == viewer::MeasurementTool::Text || a.tool == viewer::MeasurementTool::Arrow
                                              ? "ANNOTATIONS" : "MEASUREMENTS"));
            QCOMPARE(g.texts.empty() ? std::string() : g.texts.front().text,
                     a.tool == viewer::MeasurementTool::Text ? a.text : [&] {
                         std::string s = a.label;
                         for (auto at = s.find('\n'); at != std::string::npos; at = s.find('\n', at)) s.replace(at, 1, "; ");
                         return s;
                     }());
            if (a.tool == viewer::MeasurementTool::Length) {
                QCOMPARE(g.graphics.size(), std::size_t(1));
                QCOMPARE(g.graphics[0].type, core::GraphicType::Polyline);
                QCOMPARE(g.graphics[0].points.size(), std::size_t(2));
                for (std::size_t k = 0; k < 2; ++k) {
                    QVERIFY(std::abs(g.graphics[0].points[k].x - a.points[k][0]) < 1e-3);
                    QVERIFY(std::abs(g.graphics[0].points[k].y - a.points[k][1]) < 1e-3);
                }
                // The value recomputed from the stored points is the label's.
                const core::DicomFile header = core::DicomFile::open(dx_->series.slices.front().path, core::DicomFile::Extent::HeaderOnly);
                const core::Calibration c = core::Calibration::of(header);
                const double mm = core::distance(g.graphics[0].points[0], g.graphics[0].points[1], c);
                QVERIFY(QString::fromStdString(g.texts.front().text).startsWith(QString::number(mm, 'f', 1) + " mm"));
            }
            if (a.tool == viewer::MeasurementTool::RectangleRoi) {
                QCOMPARE(g.graphics[0].points.size(), std::size_t(5));  // closed
                QCOMPARE(g.graphics[0].points.front(), g.graphics[0].points.back());
            }
        }
    }
};

QTEST_MAIN(TestMeasurementTools)
#include "tst_measurement_tools.moc"
