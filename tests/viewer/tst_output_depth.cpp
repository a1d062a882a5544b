// The 10-bit output path (issue 8): on a 30-bit screen (Xvfb -screen WxHx30,
// Mesa llvmpipe) the viewport writes its frame into a 10/10/10/2 framebuffer
// through the output pass, the TG18-MP pattern reads back with all 1,024
// levels, and the calibration LUT's 10-bit DDLs arrive exactly. On a 24-bit
// screen (or LIGHTBOX_OUTPUT_BITS=8) the check says plainly that only 8 bits
// reach the screen. The same binary runs in both set-ups (tests/viewer/CMakeLists).
#include "OutputDepthDialog.h"
#include "lightbox/viewer/OutputDepthCheck.h"
#include "lightbox/viewer/Viewport.h"

#include <QApplication>
#include <QLabel>
#include <QScreen>
#include <QSignalSpy>
#include <QtTest>

#include <set>

using namespace lightbox;
using namespace lightbox::viewer;

namespace {

bool thirtyBitScreen() { return QGuiApplication::primaryScreen()->depth() >= 30; }

// Paints `viewport` now and waits for the frame.
void paint(Viewport& viewport) {
    viewport.update();
    QSignalSpy swapped(&viewport, &QOpenGLWidget::frameSwapped);
    QVERIFY(swapped.wait(10000) || swapped.count() > 0);
}

}  // namespace

class TestOutputDepth : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QSurfaceFormat::setDefaultFormat(Viewport::surfaceFormat(Viewport::preferredOutputBits())); }

    void tg18MpReadsBackAtTheScreensDepth() {
        Viewport viewport;
        viewport.resize(520, 520);
        viewport.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewport));
        showOutputDepthPattern(viewport);
        paint(viewport);
        const OutputDepthReport report = measureOutputDepth(viewport);
        qInfo().noquote() << report.summary();
        QCOMPARE(report.levelsShown, 1024);
        if (thirtyBitScreen() && qEnvironmentVariable("LIGHTBOX_OUTPUT_BITS") != "8") {
            QCOMPARE(report.outputPathBits, 10);
            QCOMPARE(report.framebufferBits, 10);
            QCOMPARE(report.levelsSeen, 1024);
            QVERIFY(report.tenBitsReachScreen());
            QVERIFY(report.summary().startsWith("10 bits reach the screen"));
        } else {
            QVERIFY(report.levelsSeen <= 256);
            QVERIFY(report.levelsSeen >= 200);  // the ramps are there, in 8-bit steps
            QVERIFY(!report.tenBitsReachScreen());
            QVERIFY(report.summary().startsWith("Only 8 bits reach the screen"));
        }
    }

    // A 10-bit P-value ramp through a 10-bit calibration LUT: each pixel's
    // output is exactly the LUT's DDL for its P-value (or its 8-bit rounding).
    void calibrationLutArrivesAtTenBits() {
        Viewport viewport;
        viewport.resize(1100, 120);
        viewport.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewport));
        // One column per P-value 0..1023, 1:1.
        const int width = 1024, height = 64;
        std::vector<std::uint16_t> ramp(std::size_t(width) * height);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) ramp[std::size_t(y) * width + std::size_t(x)] = std::uint16_t(x);
        // A compressive LUT that keeps every DDL distinct at 10 bits but not at 8.
        render::CalibrationTable lut;
        lut.ddlBits = 10;
        for (int p = 0; p < 1024; ++p) lut.ddl.push_back(std::uint16_t(100 + (p * 800) / 1023));
        viewport.showPlane(imageSeries(width, height, ramp, 512, 1024, "ramp"), render::PlaneKind::Axial);
        viewport.setOverlaysVisible(false);
        viewport.setCalibration(lut);
        viewport.oneToOne();
        paint(viewport);
        const int deviceHeight = int(viewport.height() * viewport.devicePixelRatioF());
        const std::vector<int> row = viewport.readBackLevels(deviceHeight / 2);
        QVERIFY(row.size() >= 1024);
        // The ramp's first column: where the LUT's first DDL appears.
        const int x0 = (int(row.size()) - width) / 2;
        const bool tenBit = viewport.outputBits() == 10 && viewport.framebufferBits() == 10;
        int exact = 0;
        for (int x = 1; x < width - 1; ++x) {
            const int expected = lut.ddl[std::size_t(x)];
            const int got = row[std::size_t(x0 + x)];
            const int tolerance = tenBit ? 0 : 3;  // 8-bit: the DDL rounded to 256 levels, read back as 10 bits
            if (std::abs(got - expected) <= tolerance) ++exact;
        }
        qInfo() << "output bits" << viewport.outputBits() << "framebuffer bits" << viewport.framebufferBits()
                << "columns matching the LUT" << exact << "of" << width - 2;
        QCOMPARE(exact, width - 2);
        std::set<int> distinct(row.begin() + x0, row.begin() + x0 + width);
        if (tenBit) QCOMPARE(int(distinct.size()), 801);  // 100..900: every DDL the LUT uses
        else QVERIFY(distinct.size() <= 256);
    }

    // Display QC > 10-bit Output Check: the dialog measures and says it plainly.
    void dialogStatesWhatReachesTheScreen() {
        app::OutputDepthDialog dialog;
        QSignalSpy measured(&dialog, &app::OutputDepthDialog::measured);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(measured.wait(20000) || measured.count() > 0);
        QVERIFY(dialog.report().has_value());
        auto* verdict = dialog.findChild<QLabel*>("outputDepthVerdict");
        QVERIFY(verdict);
        const bool tenBit = thirtyBitScreen() && qEnvironmentVariable("LIGHTBOX_OUTPUT_BITS") != "8";
        QCOMPARE(dialog.report()->tenBitsReachScreen(), tenBit);
        QVERIFY2(verdict->text().startsWith(tenBit ? "10 bits reach the screen" : "Only 8 bits reach the screen"),
                 qPrintable(verdict->text()));
        if (const QString shot = qEnvironmentVariable("LIGHTBOX_OUTPUT_DEPTH_SHOT"); !shot.isEmpty())
            dialog.grab().save(shot);
    }

    // Overlays still draw over the image on the 10-bit path.
    void overlaysAreComposedOverTheImage() {
        Viewport viewport;
        viewport.resize(400, 400);
        viewport.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewport));
        std::vector<std::uint16_t> flat(256 * 256, 0);
        viewport.showPlane(imageSeries(256, 256, flat, 512, 1024, "flat"), render::PlaneKind::Axial);
        viewport.setOverlaysVisible(false);
        paint(viewport);
        const QImage without = viewport.grabFramebuffer();
        viewport.setOverlaysVisible(true);
        paint(viewport);
        const QImage with = viewport.grabFramebuffer();
        QCOMPARE(with.size(), without.size());
        int changed = 0;
        for (int y = 0; y < with.height(); ++y)
            for (int x = 0; x < with.width(); ++x) changed += with.pixel(x, y) != without.pixel(x, y);
        QVERIFY2(changed > 100, qPrintable(QString("overlay pixels: %1").arg(changed)));
    }
};

QTEST_MAIN(TestOutputDepth)
#include "tst_output_depth.moc"
