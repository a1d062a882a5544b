// The reading viewport and layouts under Xvfb: what the viewport shows read
// back from its framebuffer equals the grayscale chain computed on the CPU,
// the keyboard and mouse do what the help says, the MPR crosshair links the
// planes, and `lightbox --open STUDY_UID --screenshot` shows the demo study
// in the 2x2 and MPR layouts with overlays.

#include "TestSupport.h"

#include "lightbox/core/Synthetic.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"

#include <QSurfaceFormat>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace lightbox;

namespace {

struct Demo {
    QTemporaryDir dir;
    nlohmann::json truth;
    core::SeriesInfo series;
    std::string studyUid;
};

std::unique_ptr<Demo> writeDemo() {
    auto demo = std::make_unique<Demo>();
    core::SynthOptions options;
    options.only = "ct-current";
    options.slices = 40;
    options.matrix = 128;
    demo->truth = nlohmann::json::parse(core::writeSyntheticPatients(demo->dir.filePath("synth").toStdString(), options));
    for (const auto& p : demo->truth["patients"])
        for (const auto& s : p["studies"])
            if (s["item"] == "ct-current") demo->studyUid = s["studyInstanceUid"].get<std::string>();
    core::ScanResult scan = core::scanForSeries(demo->dir.filePath("synth").toStdString());
    for (const auto& s : scan.series)
        if (s.isVolume()) demo->series = s;
    return demo;
}

// Pixels not gray: only the overlays are coloured.
int colouredPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - c.blue()) > 40) ++n;
        }
    return n;
}

int brightPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (qGray(image.pixel(x, y)) > 40) ++n;
    return n;
}

}  // namespace

class TestViewport : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Demo> demo_;
    std::shared_ptr<viewer::LoadedSeries> loaded_;

private slots:
    void initTestCase() {
        demo_ = writeDemo();
        QVERIFY(demo_->series.isVolume());
        loaded_ = viewer::loadSeries(demo_->series);
    }

    void readBackEqualsTheGrayscaleChain() {
        viewer::Viewport view;
        view.showPlane(loaded_, render::PlaneKind::Axial, 5.0);
        const render::SliceImage& image = view.sliceView()->image();
        view.setFixedSize(image.plane.width, image.plane.height);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setOverlaysVisible(false);
        view.oneToOne();
        for (auto [c, w] : {std::pair{40.0, 400.0}, {-600.0, 1500.0}, {1000.0, 200.0}}) {
            view.setWindow(c, w);
            const QImage shot = view.grabFramebuffer();
            QCOMPARE(shot.size(), QSize(image.plane.width, image.plane.height));
            render::DisplayChain chain = loaded_->defaults.chain;
            chain.window.center = c;
            chain.window.width = w;
            // The slice shown (re-sliced by the viewport) is the one its view holds.
            const auto& values = view.sliceView()->image().values;
            QVERIFY(!values.empty() || image.plane.width == 0);
            int worst = 0;
            for (int y = 0; y < shot.height(); ++y)
                for (int x = 0; x < shot.width(); ++x) {
                    const double p = chain.pValue(values.empty() ? 0 : values[std::size_t(y * shot.width() + x)]);
                    worst = std::max(worst, std::abs(qRed(shot.pixel(x, y)) - int(std::lround(p * 255))));
                }
            if (worst > 1 && qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
                shot.save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/readback.png");
            QVERIFY2(worst <= 1, qPrintable(QString("W %1 L %2: %3 gray levels off").arg(w).arg(c).arg(worst)));
        }
    }

    void keyboardAndMouse() {
        viewer::Viewport view;
        view.resize(300, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(loaded_, render::PlaneKind::Axial, 0);
        QCOMPARE(view.sliceCount(), 40);
        view.setFocus();
        // Presets: 1 brain, 2 lung; 0 the file's first window (mediastinum 40/400).
        QTest::keyClick(&view, Qt::Key_1);
        QCOMPARE(view.windowWidth(), 80.0);
        QTest::keyClick(&view, Qt::Key_2);
        QCOMPARE(view.windowCenter(), -600.0);
        QTest::keyClick(&view, Qt::Key_0);
        QCOMPARE(view.windowCenter(), 40.0);
        QCOMPARE(view.windowWidth(), 400.0);
        // Scrolling: Home, Down, End, PgUp, wheel.
        QSignalSpy moved(&view, &viewer::Viewport::positionChanged);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.sliceIndex(), 0);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.sliceIndex(), 1);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.sliceIndex(), 39);
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.sliceIndex(), 35);
        QWheelEvent wheel(QPointF(150, 150), view.mapToGlobal(QPointF(150, 150)), QPoint(), QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QCOMPARE(view.sliceIndex(), 33);
        QVERIFY(moved.count() >= 5);
        // W/L drag: right and down widens and raises.
        const double w0 = view.windowWidth(), c0 = view.windowCenter();
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QMouseEvent move(QEvent::MouseMove, QPointF(140, 130), view.mapToGlobal(QPointF(140, 130)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(140, 130));
        QVERIFY(view.windowWidth() > w0);
        QVERIFY(view.windowCenter() > c0);
        // Invert changes the picture; Esc resets to the file's window.
        const QImage before = view.grabFramebuffer();
        QTest::keyClick(&view, Qt::Key_I);
        QVERIFY(view.inverted());
        QVERIFY(view.grabFramebuffer() != before);
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.inverted());
        QCOMPARE(view.windowWidth(), 400.0);
        // 1:1 and fit.
        QTest::keyClick(&view, Qt::Key_Equal);
        QCOMPARE(view.sliceView()->zoom(), 1.0);
        QTest::keyClick(&view, Qt::Key_F);
        QVERIFY2(std::abs(view.sliceView()->zoom() - view.sliceView()->fitZoom(view.width(), view.height())) < 1e-9,
                 qPrintable(QString("zoom %1 in %2x%3").arg(view.sliceView()->zoom()).arg(view.width()).arg(view.height())));
        QVERIFY(view.sliceView()->zoom() > 1.5);
        // Cine advances on its own.
        view.setCineRate(30);
        const int at = view.sliceIndex();
        QTest::keyClick(&view, Qt::Key_C);
        QVERIFY(view.cineRunning());
        QTRY_VERIFY(view.sliceIndex() != at);
        QTest::keyClick(&view, Qt::Key_C);
        QVERIFY(!view.cineRunning());
    }

    void mprCrosshairLinksThePlanes() {
        viewer::ReadingArea area;
        area.resize(800, 700);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.setLayoutMode(viewer::ReadingArea::Layout::Mpr);
        area.setStudySeries({demo_->series});
        QSignalSpy shown(&area, &viewer::ReadingArea::seriesShown);
        area.showSeries(demo_->series);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QCOMPARE(shown.front().front().toString(), QString());
        const auto& v = area.viewports();
        QCOMPARE(v.size(), std::size_t(4));
        QVERIFY(v[3]->is3D());
        // Pick the calcification's centre (truth.json) in the axial view: the
        // coronal and sagittal planes move through it.
        core::Vec3 target{};
        for (const auto& p : demo_->truth["patients"])
            for (const auto& s : p["studies"])
                for (const auto& o : s["series"][0]["objects"])
                    if (o["name"] == "calcification")
                        target = {o["center"][0].get<double>(), o["center"][1].get<double>(), o["center"][2].get<double>()};
        v[0]->moveTo(target);
        QSignalSpy coronalMoved(v[1], &viewer::Viewport::positionChanged);
        const double dpr = v[0]->devicePixelRatioF();
        const auto screen = v[0]->sliceView()->patientToScreen(target, int(v[0]->width() * dpr), int(v[0]->height() * dpr));
        QTest::mouseClick(v[0], Qt::LeftButton, Qt::NoModifier, QPoint(int(screen[0] / dpr), int(screen[1] / dpr)));
        QVERIFY(coronalMoved.count() >= 1);
        const core::Vec3 centre = render::volumeCentre(loaded_->volume);
        // Coronal normal +y, sagittal -x; within a voxel of the target.
        const double voxel = std::max(loaded_->volume.spacing[0], loaded_->volume.spacing[2]);
        QVERIFY(std::abs(v[1]->position() - (target[1] - centre[1])) <= voxel);
        QVERIFY(std::abs(v[2]->position() - -(target[0] - centre[0])) <= voxel);
    }

    void screenshotOfTheDemoStudy_data() {
        QTest::addColumn<QString>("layout");
        QTest::newRow("2x2") << "2x2";
        QTest::newRow("mpr") << "mpr";
    }

    void screenshotOfTheDemoStudy() {
        QFETCH(QString, layout);
        const QString archive = demo_->dir.filePath("archive");
        static bool imported = false;
        if (!imported) {
            auto r = test::runCli({"archive", "--root", archive, "import", demo_->dir.filePath("synth")}, 120000);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            imported = true;
        }
        const QString shot = demo_->dir.filePath("shot-" + layout + ".png");
        auto r = test::run(LIGHTBOX_GUI_EXE, {"--archive", archive, "--open", QString::fromStdString(demo_->studyUid),
                                             "--layout", layout, "--screenshot", shot},
                           180000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        // A study the archive does not have, or a layout that does not exist: one line, exit status 1.
        if (layout == "mpr") {
            for (const QStringList& bad : {QStringList{"--open", "1.2.3.4.5.6.7", "--layout", "2x2"},
                                           QStringList{"--open", QString::fromStdString(demo_->studyUid), "--layout", "5x5"}}) {
                auto failed = test::run(LIGHTBOX_GUI_EXE, QStringList{"--archive", archive} + bad +
                                                              QStringList{"--screenshot", demo_->dir.filePath("bad.png")},
                                        60000);
                QCOMPARE(failed.exitCode, 1);
                QVERIFY(!QFileInfo::exists(demo_->dir.filePath("bad.png")));
            }
        }
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) image.save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/" + layout + ".png");
        // The four viewports fill the reading area's middle; each quadrant of
        // the window's central part has image pixels and overlay text.
        const QRect area(image.width() * 35 / 100, image.height() * 10 / 100, image.width() * 60 / 100, image.height() * 70 / 100);
        for (int q = 0; q < 4; ++q) {
            const QRect quadrant(area.left() + (q % 2) * area.width() / 2, area.top() + (q / 2) * area.height() / 2,
                                 area.width() / 2, area.height() / 2);
            const int bright = brightPixels(image, quadrant);
            QVERIFY2(bright > quadrant.width() * quadrant.height() / 50,
                     qPrintable(QString("quadrant %1: %2 image pixels").arg(q).arg(bright)));
            if (layout == "2x2" || q < 3)  // the 3-D view has no text
                QVERIFY2(colouredPixels(image, quadrant) > 50, qPrintable(QString("quadrant %1: no overlay text").arg(q)));
        }
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(viewer::Viewport::surfaceFormat());
    QApplication app(argc, argv);
    TestViewport test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_viewport.moc"
