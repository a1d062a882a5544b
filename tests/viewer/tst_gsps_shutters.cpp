// The display shutter tools in a real viewport under Xvfb, driven by keys and
// mouse as a user would: a rectangle dragged, a circle dragged from its
// centre, a polygon clicked; the image black outside their intersection at
// once (pixels read back from the viewport against the shapes computed
// here), on every image of the series; undo / redo, a second rectangle
// replacing the first, a corner dragged, a shutter deleted; none on an MPR
// plane. Saved as the state Ctrl+S writes, the Display Shutter module gives
// back the drawn geometry, passes dciodvfy and dcmpschk, and applied to a
// fresh viewport shows the same shutters - which also agree with core's
// CPU render of the saved state.

#include "TestSupport.h"
#include "ViewportTestKit.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateApply.h"
#include "lightbox/viewer/PresentationStateExport.h"
#include "lightbox/viewer/Viewport.h"

#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <functional>

using namespace lightbox;

namespace {

// Distance from p to the segment ab.
double segmentDistance(core::Point2 p, core::Point2 a, core::Point2 b) {
    const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

// Whether the image point `u` (PIXEL coordinates, continuous) lies open
// under the shutters, as PS3.3 C.7.6.11 places them (1-based indices: the
// rectangle's edges between pixels, circle and polygon through pixel
// centres); nullopt within `margin` image pixels of an edge.
std::optional<bool> openAt(const core::Shutters& s, core::Point2 u, double margin) {
    bool open = true;
    if (s.rectangular) {
        const core::Point2 corners[4] = {{s.left - 1.0, s.upper - 1.0}, {double(s.right), s.upper - 1.0},
                                         {double(s.right), double(s.lower)}, {s.left - 1.0, double(s.lower)}};
        for (int i = 0; i < 4; ++i)
            if (segmentDistance(u, corners[i], corners[(i + 1) % 4]) < margin) return std::nullopt;
        open = open && u.x > corners[0].x && u.x < corners[2].x && u.y > corners[0].y && u.y < corners[2].y;
    }
    if (s.circular) {
        const double d = std::hypot(u.x - (s.circleCentre.x - 0.5), u.y - (s.circleCentre.y - 0.5));
        if (std::abs(d - s.circleRadius) < margin) return std::nullopt;
        open = open && d < s.circleRadius;
    }
    if (s.polygonal) {
        std::vector<core::Point2> p;
        for (const core::Point2& v : s.polygon) p.push_back({v.x - 0.5, v.y - 0.5});
        bool inside = false;
        for (std::size_t i = 0, j = p.size() - 1; i < p.size(); j = i++) {
            if (segmentDistance(u, p[i], p[j]) < margin) return std::nullopt;
            if ((p[i].y > u.y) != (p[j].y > u.y) && u.x < (p[j].x - p[i].x) * (u.y - p[i].y) / (p[j].y - p[i].y) + p[i].x) inside = !inside;
        }
        open = open && inside;
    }
    return open;
}

struct Check {
    int open = 0, shut = 0, wrong = 0;
};

// Every device pixel over the image: white where open, black where shut
// (the window makes every pixel of the CT white).
Check checkShutters(viewer::Viewport& view, const core::Shutters& s) {
    const QImage frame = test::frameOf(view);
    const auto target = view.measurementTools()->currentTarget();
    const double dpr = frame.width() / double(view.width());
    const int columns = view.series()->volume.columns, rows = view.series()->volume.rows;
    Check c;
    for (int y = 0; y < frame.height(); ++y)
        for (int x = 0; x < frame.width(); ++x) {
            const core::Vec3 u = view.measurementTools()->fromScreen(*target, QPointF((x + 0.5) / dpr, (y + 0.5) / dpr));
            if (u[0] < 0.5 || u[1] < 0.5 || u[0] > columns - 0.5 || u[1] > rows - 0.5) continue;
            const auto open = openAt(s, {u[0], u[1]}, 1.0);
            if (!open) continue;
            const QRgb got = frame.pixel(x, y);
            const bool ok = *open ? (qRed(got) == 255 && qGreen(got) == 255 && qBlue(got) == 255)
                                  : (qRed(got) == 0 && qGreen(got) == 0 && qBlue(got) == 0);
            (*open ? c.open : c.shut) += 1;
            if (!ok && ++c.wrong <= 8)
                qInfo("device pixel %d,%d (image %.2f,%.2f): %d,%d,%d, expected %s", x, y, u[0], u[1], qRed(got), qGreen(got), qBlue(got),
                      *open ? "open" : "shut");
        }
    return c;
}

std::vector<const viewer::Annotation*> shuttersIn(const viewer::AnnotationLayer& layer) {
    std::vector<const viewer::Annotation*> out;
    for (const viewer::Annotation& a : layer.annotations())
        if (viewer::isShutter(a.tool)) out.push_back(&a);
    return out;
}

const viewer::Annotation* shutterOf(const viewer::AnnotationLayer& layer, viewer::MeasurementTool tool) {
    for (const viewer::Annotation& a : layer.annotations())
        if (a.tool == tool) return &a;
    return nullptr;
}

}  // namespace

class TestGspsShutters : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::SyntheticSeries> synth_;
    std::shared_ptr<viewer::LoadedSeries> ct_;

    void showCt(viewer::Viewport& view) {
        QVERIFY(test::showPlain(view, ct_, render::PlaneKind::Axial, QSize(320, 300)));
        view.setWindow(-3000, 100);  // every CT value white: open is white, shut black
        view.setFocus();
    }

private slots:
    void initTestCase() {
        synth_ = test::smallCt();
        QVERIFY(!synth_->series.slices.empty());
        ct_ = viewer::loadSeries(synth_->series);
        QVERIFY(ct_);
    }

    void drawEditUndoSaveAndApply() {
        viewer::Viewport view;
        showCt(view);
        viewer::AnnotationLayer* layer = view.measurementTools()->layer();

        // Rectangle: Shift+R, a drag from image point (20,30) to (110,100).
        QTest::keyClick(&view, Qt::Key_R, Qt::ShiftModifier);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::RectangleShutter);
        test::drag(&view, test::screenPointOf(view, 20, 30), test::screenPointOf(view, 110, 100));
        QCOMPARE(int(shuttersIn(*layer).size()), 1);
        core::Shutters expected;
        expected.rectangular = true;
        // The drawn corners, through the screen, to the pixel edges nearest them.
        const viewer::Annotation* rect = shutterOf(*layer, viewer::MeasurementTool::RectangleShutter);
        QVERIFY(rect);
        QVERIFY(std::abs(rect->points[0][0] - 20) < 0.5 && std::abs(rect->points[1][1] - 100) < 0.5);
        expected.left = int(std::lround(rect->points[0][0])) + 1, expected.right = int(std::lround(rect->points[1][0]));
        expected.upper = int(std::lround(rect->points[0][1])) + 1, expected.lower = int(std::lround(rect->points[1][1]));
        QTest::keyClick(&view, Qt::Key_Q);  // no tool: no edges drawn over the pixels
        layer->select(std::nullopt);
        Check c = checkShutters(view, expected);
        qInfo("rectangle: %d open, %d shut device pixels", c.open, c.shut);
        QVERIFY(c.open > 10000 && c.shut > 10000);
        QCOMPARE(c.wrong, 0);

        // Circle from its centre (64,64) out to radius 45; polygon by four clicks and a double click.
        QTest::keyClick(&view, Qt::Key_C, Qt::ShiftModifier);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::CircleShutter);
        test::drag(&view, test::screenPointOf(view, 64, 64), test::screenPointOf(view, 109, 64));
        QTest::keyClick(&view, Qt::Key_P, Qt::ShiftModifier);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::PolygonShutter);
        const std::vector<core::Point2> vertices{{10, 12}, {118, 20}, {112, 118}, {30, 110}};
        for (std::size_t i = 0; i + 1 < vertices.size(); ++i)
            QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, test::screenPointOf(view, vertices[i].x, vertices[i].y), 300);
        QTest::mouseDClick(&view, Qt::LeftButton, Qt::NoModifier, test::screenPointOf(view, vertices.back().x, vertices.back().y), 300);
        QCOMPARE(int(shuttersIn(*layer).size()), 3);
        const viewer::Annotation* circle = shutterOf(*layer, viewer::MeasurementTool::CircleShutter);
        const viewer::Annotation* polygon = shutterOf(*layer, viewer::MeasurementTool::PolygonShutter);
        QVERIFY(circle && polygon);
        QCOMPARE(int(polygon->points.size()), 4);
        expected.circular = true;
        expected.circleCentre = {double(std::lround(circle->points[0][0] + 0.5)), double(std::lround(circle->points[0][1] + 0.5))};
        expected.circleRadius = double(std::lround(std::hypot(circle->points[1][0] - circle->points[0][0], circle->points[1][1] - circle->points[0][1])));
        QVERIFY(std::abs(expected.circleRadius - 45) <= 1);
        expected.polygonal = true;
        for (const core::Vec3& p : polygon->points) expected.polygon.push_back({double(std::lround(p[0] + 0.5)), double(std::lround(p[1] + 0.5))});
        QTest::keyClick(&view, Qt::Key_Q);
        layer->select(std::nullopt);
        c = checkShutters(view, expected);
        qInfo("three shapes: %d open, %d shut device pixels", c.open, c.shut);
        QVERIFY(c.open > 5000 && c.shut > 20000);
        QCOMPARE(c.wrong, 0);

        // Another image of the series: the same shutters.
        view.scrollBy(2);
        QVERIFY(view.measurementTools()->currentTarget()->sopInstanceUid != rect->target.sopInstanceUid);
        QCOMPARE(checkShutters(view, expected).wrong, 0);
        view.scrollBy(-2);

        // Undo takes the polygon away, redo brings it back.
        QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(int(shuttersIn(*layer).size()), 2);
        core::Shutters withoutPolygon = expected;
        withoutPolygon.polygonal = false;
        QCOMPARE(checkShutters(view, withoutPolygon).wrong, 0);
        QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(int(shuttersIn(*layer).size()), 3);

        // A second rectangle replaces the first, in one undo step.
        QTest::keyClick(&view, Qt::Key_R, Qt::ShiftModifier);
        test::drag(&view, test::screenPointOf(view, 40, 40), test::screenPointOf(view, 90, 90));
        QCOMPARE(int(shuttersIn(*layer).size()), 3);
        QVERIFY(std::abs(shutterOf(*layer, viewer::MeasurementTool::RectangleShutter)->points[0][0] - 40) < 0.5);
        QTest::keyClick(&view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(int(shuttersIn(*layer).size()), 3);
        QVERIFY(std::abs(shutterOf(*layer, viewer::MeasurementTool::RectangleShutter)->points[0][0] - 20) < 0.5);

        // Select: the rectangle's lower right corner dragged from (110,100) to (100,104).
        QTest::keyClick(&view, Qt::Key_S);
        test::drag(&view, test::screenPointOf(view, 110, 100), test::screenPointOf(view, 100, 104));
        rect = shutterOf(*layer, viewer::MeasurementTool::RectangleShutter);
        QVERIFY2(std::abs(rect->points[1][0] - 100) < 0.5 && std::abs(rect->points[1][1] - 104) < 0.5,
                 qPrintable(QString("%1,%2").arg(rect->points[1][0]).arg(rect->points[1][1])));
        expected.right = int(std::lround(rect->points[1][0])), expected.lower = int(std::lround(rect->points[1][1]));
        QTest::keyClick(&view, Qt::Key_Q);
        layer->select(std::nullopt);
        QCOMPARE(checkShutters(view, expected).wrong, 0);

        // Saved as Ctrl+S saves it: the Display Shutter module holds what was on screen.
        const viewer::SavedPresentationState saved = viewer::presentationStateOf(view, *layer);
        const QString file = synth_->dir.filePath("shutters.dcm");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(saved.part10.data(), qint64(saved.part10.size()));
        }
        if (test::haveProgram("dciodvfy")) {
            const QStringList errors = test::dciodvfyErrors(file);
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        }
        if (test::haveProgram("dcmpschk")) {
            const QString failure = test::dcmpschkFailure(file);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        QCOMPARE(saved.annotations, 0);  // shutters are no graphic annotations
        QCOMPARE(saved.shutters, 3);  // rectangle, circle and polygon
        auto state = std::make_shared<const core::PresentationState>(core::PresentationState::read(file.toStdString()));
        const core::Shutters& s = state->shutters;
        QVERIFY(s.rectangular && s.circular && s.polygonal && !s.bitmapOverlayGroup);
        QCOMPARE(s.left, expected.left);
        QCOMPARE(s.right, expected.right);
        QCOMPARE(s.upper, expected.upper);
        QCOMPARE(s.lower, expected.lower);
        QCOMPARE(s.circleCentre, expected.circleCentre);
        QCOMPARE(s.circleRadius, expected.circleRadius);
        QCOMPARE(s.polygon, expected.polygon);
        QCOMPARE(int(s.presentationValue), 0);

        // Applied to a fresh viewport (no shutter annotations there): the same shutters.
        viewer::Viewport fresh;
        showCt(fresh);
        QVERIFY(fresh.measurementTools()->layer()->annotations().empty());
        QVERIFY(viewer::applyPresentationState(fresh, state, viewer::PresentationStateMode::GraphicsOnly));
        c = checkShutters(fresh, expected);
        qInfo("applied again: %d open, %d shut device pixels", c.open, c.shut);
        QVERIFY(c.open > 5000 && c.shut > 20000);
        QCOMPARE(c.wrong, 0);

        // And core's CPU render of the saved state shuts the same pixels
        // (its window: the state's, which is the viewport's -3000/100).
        const auto target = fresh.measurementTools()->currentTarget();
        std::string imagePath;
        for (const core::SliceRef& r : ct_->series.slices)
            if (r.sopInstanceUid == target->sopInstanceUid) imagePath = r.path;
        const core::DicomFile image = core::DicomFile::open(imagePath);
        core::PresentationRenderOptions options;
        options.graphics = false;
        options.displayedArea = false;
        const core::DisplayImage cpu = core::renderWithPresentationState(core::PixelDecoder(image).decode(0), image, *state, 1, options);
        int cpuWrong = 0, cpuCompared = 0;
        for (int row = 0; row < cpu.height; ++row)
            for (int column = 0; column < cpu.width; ++column) {
                const auto open = openAt(expected, {column + 0.5, row + 0.5}, 0.75);
                if (!open) continue;
                ++cpuCompared;
                const int got = cpu.samples[std::size_t(row) * std::size_t(cpu.width) + std::size_t(column)];
                if (got != (*open ? 255 : 0) && ++cpuWrong <= 8) qInfo("CPU pixel %d,%d: %d", column, row, got);
            }
        QVERIFY(cpuCompared > 10000);
        QCOMPARE(cpuWrong, 0);

        // Delete: a click on the circle's rim (its right side, clear of the other edges) with Select, then Del.
        QTest::keyClick(&view, Qt::Key_S);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier,
                          test::screenPointOf(view, expected.circleCentre.x - 0.5 + expected.circleRadius, expected.circleCentre.y - 0.5), 300);
        QVERIFY(layer->selected());
        QCOMPARE(layer->find(*layer->selected())->tool, viewer::MeasurementTool::CircleShutter);
        QTest::keyClick(&view, Qt::Key_Delete);
        QCOMPARE(int(shuttersIn(*layer).size()), 2);
        QVERIFY(!shutterOf(*layer, viewer::MeasurementTool::CircleShutter));
    }

    // An MPR plane is no stored image: the shutter tools draw nothing there.
    void noShutterOnAnMprPlane() {
        viewer::Viewport view;
        QVERIFY(test::showPlain(view, ct_, render::PlaneKind::Coronal, QSize(300, 300)));
        view.setFocus();
        QVERIFY(view.measurementTools()->currentTarget() && !view.measurementTools()->currentTarget()->isImage());
        QTest::keyClick(&view, Qt::Key_R, Qt::ShiftModifier);
        test::drag(&view, QPoint(60, 60), QPoint(200, 200));
        QVERIFY(view.measurementTools()->layer()->annotations().empty());
    }
};

QTEST_MAIN(TestGspsShutters)
#include "tst_gsps_shutters.moc"
