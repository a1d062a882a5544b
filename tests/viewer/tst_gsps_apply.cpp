// Applying a presentation state in a real viewport under Xvfb: a GSPS written
// by core's writer for a synthetic CT image (window, rotate 90, flip, a
// displayed area, a length, a note, a rectangular shutter) is applied, and
// the viewport's window, its slice view's rotation and flip, the displayed
// area on screen, the line on screen, the shutter pixels and the image
// pixels (against core's CPU render of the same state) are checked; "none"
// returns to the plain display; a state saved from the viewport (what Ctrl+S
// writes) applied to a fresh viewport gives the same display.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/Tag.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateApply.h"
#include "lightbox/viewer/PresentationStateExport.h"
#include "lightbox/viewer/Viewport.h"

#include <QtTest>

#include <cmath>

using namespace lightbox;

namespace {

struct Synth {
    QTemporaryDir dir;
    core::SeriesInfo series;
};

std::unique_ptr<Synth> writeCt() {
    auto s = std::make_unique<Synth>();
    core::SynthOptions options;
    options.only = "ct-current";
    options.slices = 6;
    options.matrix = 128;
    core::writeSyntheticPatients(s->dir.filePath("synth").toStdString(), options);
    const core::ScanResult scan = core::scanForSeries(s->dir.filePath("synth").toStdString());
    if (scan.series.size() != 1) return nullptr;
    s->series = scan.series.front();
    return s;
}

std::string pathOf(const core::SeriesInfo& series, const std::string& sopUid) {
    for (const core::SliceRef& slice : series.slices)
        if (slice.sopInstanceUid == sopUid) return slice.path;
    return {};
}

// The state of the test: window 50/350, rotate 90, flip, displayed area
// columns 20..100, rows 30..90, a length (30,40)-(80,60), a note at (60,70),
// a rectangular shutter 25..95 x 35..85 shown white.
core::PresentationState testState(const core::Dataset& image) {
    core::CurrentDisplay display;
    display.window = core::WindowLevel{50, 350, core::VoiFunction::Linear, {}};
    display.spatial = {90, true};
    display.area = std::array<int, 4>{20, 30, 100, 90};
    display.measurements.push_back({core::GraphicType::Polyline, {{29.5, 39.5}, {79.5, 59.5}}, false, "line"});
    display.labels.push_back({{59.5, 69.5}, "note"});
    display.shutters.rectangular = true;
    display.shutters.left = 25, display.shutters.right = 95, display.shutters.upper = 35, display.shutters.lower = 85;
    display.shutters.presentationValue = 0xFFFF;
    core::PresentationState ps = core::presentationStateFor(display, {image});
    // Through the bytes, as a state from the archive arrives.
    return core::PresentationState::from(core::DicomFile::fromBytes(core::presentationStateBytes(ps, image)));
}

}  // namespace

class TestGspsApply : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        ct_ = writeCt();
        QVERIFY(ct_);
        loaded_ = viewer::loadSeries(ct_->series);
        QVERIFY(loaded_);
    }

    void appliesEveryStage() {
        viewer::Viewport view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(loaded_, render::PlaneKind::Axial, 0);
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target && target->isImage());
        const core::DicomFile image = core::DicomFile::open(pathOf(ct_->series, target->sopInstanceUid));
        auto ps = std::make_shared<const core::PresentationState>(testState(image));

        QVERIFY(viewer::applyPresentationState(view, ps));
        QCOMPARE(view.windowCenter(), 50.0);
        QCOMPARE(view.windowWidth(), 350.0);
        // Rotate 90 clockwise, then flip: the image's columns run down the screen, its rows to the right.
        const render::SliceView* slice = view.sliceView();
        QVERIFY(core::dot(core::normalized(loaded_->volume.axisX), slice->screenDown()) > 0.99);
        QVERIFY(core::dot(core::normalized(loaded_->volume.axisY), slice->screenRight()) > 0.99);

        // The displayed area fills the viewport: rows 30..90 (61 px) across,
        // columns 20..100 (81 px) down; height-limited at 300 px, centred.
        const QPointF a = view.measurementTools()->toScreen(*target, {19, 29, 0});
        const QPointF b = view.measurementTools()->toScreen(*target, {100, 90, 0});
        const QRectF area = QRectF(a, b).normalized();
        QVERIFY2(std::abs(area.top()) <= 1 && std::abs(area.bottom() - 300) <= 1,
                 qPrintable(QString("area %1,%2 %3x%4").arg(area.left()).arg(area.top()).arg(area.width()).arg(area.height())));
        QVERIFY(std::abs(area.center().x() - 200) <= 1);
        QVERIFY(std::abs(area.width() / area.height() - 61.0 / 81.0) < 0.02);

        QTest::qWait(50);
        const QImage frame = view.grabFramebuffer();
        const double dpr = frame.width() / double(view.width());
        // The line: yellow (the MEASUREMENTS layer's CIELab colour) on screen where its image points are.
        const QPointF p0 = view.measurementTools()->toScreen(*target, {29.5, 39.5, 0});
        const QPointF p1 = view.measurementTools()->toScreen(*target, {79.5, 59.5, 0});
        auto yellowNear = [&](QPointF at) {
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const QColor c = frame.pixelColor(int(at.x() * dpr) + dx, int(at.y() * dpr) + dy);
                    if (c.red() > 180 && c.green() > 180 && c.blue() < 100) return true;
                }
            return false;
        };
        QVERIFY(yellowNear((p0 + p1) / 2));
        QVERIFY(yellowNear(p0 + (p1 - p0) * 0.25));
        // The shutter: white outside columns 25..95 / rows 35..85 (inside the displayed area).
        for (const core::Point2 shut : {core::Point2{21.5, 50.5}, core::Point2{60.5, 31.5}, core::Point2{98.5, 88.5}}) {
            const QPointF at = view.measurementTools()->toScreen(*target, {shut.x, shut.y, 0});
            QCOMPARE(frame.pixelColor(int(at.x() * dpr), int(at.y() * dpr)), QColor(Qt::white));
        }

        // Image pixels inside the shutter against core's CPU render of the
        // same state, within one gray level: every device pixel whose centre
        // falls inside an image pixel (not within 5 % of its edge, where the
        // GPU's nearest-texel choice and the CPU's may round differently)
        // over the open part of the displayed area. The state is applied
        // again without its graphics so that only image pixels are compared.
        core::PresentationState bare = *ps;
        bare.annotations.clear();
        view.setOverlaysVisible(false);  // no corner text over the pixels
        QVERIFY(viewer::applyPresentationState(view, std::make_shared<const core::PresentationState>(bare)));
        QTest::qWait(50);
        const QImage plain = view.grabFramebuffer();
        core::PixelDecoder decoder(image);
        core::PresentationRenderOptions options;
        options.graphics = false;
        const core::DisplayImage cpu = core::renderWithPresentationState(decoder.decode(0), image, *ps, 1, options);
        const core::DisplayMapping map = core::DisplayMapping::make(*ps, target->sopInstanceUid, 1, int(image.integer(core::tags::Columns).value_or(0)),
                                                                   int(image.integer(core::tags::Rows).value_or(0)), true);
        auto cpuAt = [&](core::Point2 imagePoint) {
            const core::Point2 out = map.fromImage(imagePoint);
            const int cx = std::clamp(int(std::floor(out.x)), 0, cpu.width - 1), cy = std::clamp(int(std::floor(out.y)), 0, cpu.height - 1);
            return int(cpu.samples[std::size_t(cy) * std::size_t(cpu.width) + std::size_t(cx)]);
        };
        int compared = 0, outside = 0, worst = 0;
        for (int y = 0; y < plain.height(); ++y)
            for (int x = 0; x < plain.width(); ++x) {
                const core::Vec3 u = view.measurementTools()->fromScreen(*target, QPointF((x + 0.5) / dpr, (y + 0.5) / dpr));
                // Columns 26..94 and rows 36..84 (1-based) are open.
                if (u[0] < 25 || u[0] > 94 || u[1] < 35 || u[1] > 84) continue;
                const double fx = u[0] - std::floor(u[0]), fy = u[1] - std::floor(u[1]);
                if (fx < 0.05 || fx > 0.95 || fy < 0.05 || fy > 0.95) continue;
                const int expected = cpuAt({std::floor(u[0]) + 0.5, std::floor(u[1]) + 0.5});
                const int got = qRed(plain.pixel(x, y));
                worst = std::max(worst, std::abs(got - expected));
                if (std::abs(got - expected) > 1 && ++outside <= 10)
                    qInfo("device pixel %d,%d (image %.2f,%.2f): viewport %d, CPU %d", x, y, u[0], u[1], got, expected);
                ++compared;
            }
        qInfo("viewport vs CPU render: %d device pixels, largest difference %d levels", compared, worst);
        QVERIFY(compared > 10000);
        QCOMPARE(outside, 0);
        QVERIFY(worst <= 1);

        // "none": the plain display again.
        viewer::clearPresentationState(view);
        QVERIFY(!view.presentationState().state);
        QCOMPARE(view.windowCenter(), loaded_->defaults.chain.window.center);
        QVERIFY(core::dot(core::normalized(loaded_->volume.axisX), view.sliceView()->screenRight()) > 0.99);
    }

    void graphicsOnlyKeepsTheUsersWindow() {
        viewer::Viewport view;
        view.resize(300, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(loaded_, render::PlaneKind::Axial, 0);
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target);
        const core::DicomFile image = core::DicomFile::open(pathOf(ct_->series, target->sopInstanceUid));
        view.setWindow(-600, 1500);
        QVERIFY(viewer::applyPresentationState(view, std::make_shared<const core::PresentationState>(testState(image)),
                                               viewer::PresentationStateMode::GraphicsOnly));
        QCOMPARE(view.windowCenter(), -600.0);
        QCOMPARE(view.windowWidth(), 1500.0);
        QVERIFY(view.presentationState().state);
    }

    void aStateOfAnotherImageIsNotApplied() {
        viewer::Viewport view;
        view.resize(300, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(loaded_, render::PlaneKind::Axial, 0);
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target);
        std::string other;
        for (const core::SliceRef& s : ct_->series.slices)
            if (s.sopInstanceUid != target->sopInstanceUid) other = s.path;
        const core::DicomFile image = core::DicomFile::open(other);
        const double centre = view.windowCenter();
        QVERIFY(!viewer::applyPresentationState(view, std::make_shared<const core::PresentationState>(testState(image))));
        QCOMPARE(view.windowCenter(), centre);
        QVERIFY(!view.presentationState().state);
    }

    // What Ctrl+S saves from a viewport, applied to a fresh one, reproduces the display.
    void savedStateReproducesTheDisplay() {
        viewer::Viewport first;
        first.resize(360, 300);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        first.showPlane(loaded_, render::PlaneKind::Axial, 0);
        first.setWindow(80, 500);
        first.sliceView()->rotateQuarterTurns(1);
        first.sliceView()->flipHorizontal();
        first.fit();
        const viewer::SavedPresentationState saved = viewer::presentationStateOf(first, *first.measurementTools()->layer());
        auto ps = std::make_shared<const core::PresentationState>(
            core::PresentationState::from(core::DicomFile::fromBytes(saved.part10)));

        viewer::Viewport second;
        second.resize(360, 300);
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        second.showPlane(loaded_, render::PlaneKind::Axial, 0);
        QVERIFY(viewer::applyPresentationState(second, ps));
        QCOMPARE(second.windowCenter(), 80.0);
        QCOMPARE(second.windowWidth(), 500.0);
        QVERIFY(core::dot(first.sliceView()->screenRight(), second.sliceView()->screenRight()) > 0.99);
        QVERIFY(core::dot(first.sliceView()->screenDown(), second.sliceView()->screenDown()) > 0.99);
        // The same image point lands on the same screen point (within the
        // rounding of the displayed area to whole pixels).
        const auto target = first.measurementTools()->currentTarget();
        for (const core::Vec3 p : {core::Vec3{30.5, 40.5, 0}, core::Vec3{100.5, 90.5, 0}}) {
            const QPointF a = first.measurementTools()->toScreen(*target, p), b = second.measurementTools()->toScreen(*target, p);
            QVERIFY2(std::hypot(a.x() - b.x(), a.y() - b.y()) <= 3,
                     qPrintable(QString("%1,%2 vs %3,%4").arg(a.x()).arg(a.y()).arg(b.x()).arg(b.y())));
        }
    }

private:
    std::unique_ptr<Synth> ct_;
    std::shared_ptr<viewer::LoadedSeries> loaded_;
};

QTEST_MAIN(TestGspsApply)
#include "tst_gsps_apply.moc"
