// The GPU slice pass and the offscreen views (needs a display: Xvfb + Mesa):
// window/level pixel-exact against DCMTK's dcmj2pnm on real CT, the VOI
// functions, VOI LUT, presentation and calibration LUTs against the CPU
// reference, W/L without texture uploads, overlays, 3-D presets, and render
// regression baselines.

#include "RenderTestSupport.h"
#include "TestSupport.h"

#include "lightbox/render/OffscreenRenderer.h"
#include "lightbox/render/SeriesDisplay.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/render/VolumeView.h"

#include <QtTest>

#include <cmath>

using namespace lightbox;
using core::Vec3;
using core::operator+;
using core::operator-;
using core::operator*;

namespace {

QImage toQImage(const render::RgbImage& rgb) {
    QImage image(rgb.width, rgb.height, QImage::Format_RGB888);
    for (int y = 0; y < rgb.height; ++y)
        std::memcpy(image.scanLine(y), rgb.rgb.data() + std::size_t(y) * std::size_t(rgb.width) * 3,
                    std::size_t(rgb.width) * 3);
    return image;
}

// Pixels that are not gray: only overlays are coloured.
int colouredPixels(const render::RgbImage& rgb) {
    int n = 0;
    for (int y = 0; y < rgb.height; ++y)
        for (int x = 0; x < rgb.width; ++x)
            if (std::abs(int(rgb.at(x, y, 0)) - int(rgb.at(x, y, 2))) > 40) ++n;
    return n;
}

// A slice of values spanning CT's range: a ramp plus fine steps.
render::SliceImage rampSlice(int width, int height) {
    render::SliceImage s;
    s.plane.width = width;
    s.plane.height = height;
    s.values.resize(std::size_t(width) * std::size_t(height));
    for (int j = 0; j < height; ++j)
        for (int i = 0; i < width; ++i)
            s.values[std::size_t(j) * std::size_t(width) + std::size_t(i)] =
                float(-1100 + (j * width + i) * 4200 / (width * height) + (i % 3));
    return s;
}

QString baselineDir() { return QStringLiteral(LIGHTBOX_RENDER_BASELINES); }

}  // namespace

class TestRenderGpu : public QObject {
    Q_OBJECT

private:
    test::SyntheticSet chest_;
    core::SeriesInfo chestSeries_;
    core::Volume chestVolume_;

    // Renders `slice` at 1:1 and checks every pixel against the CPU chain.
    void compareWithCpu(const render::SliceImage& slice, const render::DisplayChain& chain,
                        const render::CalibrationTable& calibration = {}) {
        render::OffscreenRenderer offscreen(slice.plane.width, slice.plane.height);
        render::SliceView view;
        view.setImage(slice);
        view.setChain(chain);
        view.setCalibration(calibration);
        offscreen.addRenderer(view.renderer());
        const render::RgbImage out = offscreen.capture();
        int worst = 0;
        for (int j = 0; j < slice.plane.height; ++j)
            for (int i = 0; i < slice.plane.width; ++i) {
                double p = chain.pValue(slice.values[std::size_t(j) * std::size_t(slice.plane.width) + std::size_t(i)]);
                if (!calibration.isIdentity()) {
                    const std::size_t index = std::size_t(std::lround(p * double(calibration.ddl.size() - 1)));
                    p = calibration.ddl[index] / double((1 << calibration.ddlBits) - 1);
                }
                const int expected = int(std::lround(p * 255));
                worst = std::max(worst, std::abs(expected - int(out.at(i, j, 0))));
            }
        QVERIFY2(worst <= 1, qPrintable(QString("largest difference %1 gray levels").arg(worst)));
    }

private slots:
    void initTestCase() {
        if (!render::displayAvailable()) QSKIP("no X display (run under scripts/with-xvfb.sh)");
        chest_ = test::writeSynthetic("ct-current", 48, 128);
        chestSeries_ = test::loadSeriesInfo(test::seriesFolder(chest_, "ct-current"));
        QVERIFY(chestSeries_.isVolume());
        chestVolume_ = core::loadVolume(chestSeries_);
    }

    void windowMatchesDcmtk_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        for (const char* file : {"I10", "I150", "I280"})
            for (auto [c, w] : {std::pair{40.0, 80.0}, {0.0, 1000.0}, {300.0, 1500.0}, {-600.0, 1500.0}, {35.5, 7.0}})
                QTest::newRow(qPrintable(QString("%1 C%2 W%3").arg(file).arg(c).arg(w))) << file << c << w;
    }

    void windowMatchesDcmtk() {
        // Through lightbox-cli render --series (reslice at 1:1 + GPU pass)
        // against dcmj2pnm +Ww on the same file.
        QFETCH(QString, file);
        QFETCH(double, center);
        QFETCH(double, width);
        LIGHTBOX_REQUIRE_SHARED_DATA();
        if (!test::haveProgram("dcmj2pnm")) QSKIP("dcmj2pnm (DCMTK) not installed");
        const QString dir = test::sharedFile("dcm_qa_ct/In/Philips/S21570/S2010");
        static core::SeriesInfo series;
        static core::Vec3 centre;
        if (series.slices.empty()) {
            series = test::loadSeriesInfo(dir);
            const core::Volume v = core::loadVolume(series);
            centre = render::volumeCentre(v);
        }
        const core::SliceRef* slice = nullptr;
        for (const auto& s : series.slices)
            if (s.path.filename() == file.toStdString()) slice = &s;
        QVERIFY(slice);
        const double position = (*slice->geometry.position)[2] - centre[2];
        QTemporaryDir tmp;
        const QString ours = tmp.filePath("ours.png"), theirs = tmp.filePath("dcmtk.png");
        const QString window = QString("%1,%2").arg(center).arg(width);
        auto r = test::runCli({"render", "--series", dir, "--plane", "axial", "--position", QString::number(position, 'g', 17),
                               "--window", window, "--out", ours});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto d = test::run("dcmj2pnm", {"+Ww", QString::number(center), QString::number(width), "+on", "-il",
                                        dir + "/" + file, theirs});
        QVERIFY2(d.exitCode == 0, d.err.constData());
        const QImage a(ours), b(theirs);
        const test::ImageDifference diff = test::compareImages(a, b, 1);
        QVERIFY2(diff.comparable, qPrintable(diff.why));
        QVERIFY2(diff.withinTolerance == diff.samples,
                 qPrintable(QString("%1 of %2 samples differ by more than 1 (max %3)")
                                .arg(diff.samples - diff.withinTolerance).arg(diff.samples).arg(diff.maxDifference)));
    }

    void voiFunctionsMatchCpuReference_data() {
        QTest::addColumn<int>("function");
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        QTest::newRow("linear") << int(core::VoiFunction::Linear) << 40.0 << 400.0;
        QTest::newRow("linear narrow") << int(core::VoiFunction::Linear) << 40.5 << 2.0;
        QTest::newRow("linear exact") << int(core::VoiFunction::LinearExact) << -600.0 << 1500.0;
        QTest::newRow("sigmoid") << int(core::VoiFunction::Sigmoid) << 100.0 << 700.0;
    }

    void voiFunctionsMatchCpuReference() {
        QFETCH(int, function);
        QFETCH(double, center);
        QFETCH(double, width);
        render::DisplayChain chain;
        chain.window = {center, width, core::VoiFunction(function), {}};
        compareWithCpu(rampSlice(300, 200), chain);
        chain.presentation = core::PresentationShape::Inverse;
        compareWithCpu(rampSlice(300, 200), chain);
    }

    void voiLutPresentationLutAndRescale() {
        render::DisplayChain chain;
        chain.rescaleSlope = 2.0;
        chain.rescaleIntercept = -1024;
        core::LookupTable voi;  // a gamma-like VOI LUT over 6000 entries (more than one texture row)
        voi.firstMapped = -3000;
        voi.bits = 12;
        for (int i = 0; i < 6000; ++i) voi.entries.push_back(int(std::lround(4095 * std::pow(i / 5999.0, 0.6))));
        chain.voiLut = voi;
        core::LookupTable pres;
        pres.bits = 10;
        for (int i = 0; i < 256; ++i) pres.entries.push_back(int(std::lround(1023 * std::sqrt(i / 255.0))));
        chain.presentation = core::PresentationShape::Table;
        chain.presentationLut = pres;
        compareWithCpu(rampSlice(256, 256), chain);
    }

    void calibrationLutIsTheLastStage() {
        render::DisplayChain chain;
        chain.window = {0, 2000, core::VoiFunction::Linear, {}};
        calibration::CalibrationLut lut;  // 10-bit P-values to 8-bit DDLs, strongly non-linear
        lut.pBits = 10;
        lut.ddlBits = 8;
        for (int p = 0; p < 1024; ++p) lut.ddl.push_back(std::uint16_t(std::lround(255 * std::pow(p / 1023.0, 2.2))));
        const render::CalibrationTable table = render::CalibrationTable::from(lut);
        QCOMPARE(table.ddl.size(), std::size_t(1024));
        compareWithCpu(rampSlice(256, 256), chain, table);
    }

    void everyChainShapeMatchesCpuReference_data() {
        // The shader is compiled per chain shape and the table stages are folded
        // into one table: every combination of VOI, presentation and calibration.
        QTest::addColumn<bool>("voiLut");
        QTest::addColumn<int>("presentation");
        QTest::addColumn<bool>("calibrated");
        for (bool voiLut : {false, true})
            for (int presentation : {int(core::PresentationShape::Identity), int(core::PresentationShape::Inverse),
                                     int(core::PresentationShape::Table)})
                for (bool calibrated : {false, true})
                    QTest::newRow(qPrintable(QString("%1 %2 %3")
                                                 .arg(voiLut ? "voi-lut" : "window")
                                                 .arg(QStringList{"identity", "inverse", "table"}[presentation])
                                                 .arg(calibrated ? "calibrated" : "uncalibrated")))
                        << voiLut << presentation << calibrated;
    }

    void everyChainShapeMatchesCpuReference() {
        QFETCH(bool, voiLut);
        QFETCH(int, presentation);
        QFETCH(bool, calibrated);
        render::DisplayChain chain;
        chain.window = {-100, 1800, core::VoiFunction::Linear, {}};
        if (voiLut) {
            core::LookupTable voi;
            voi.firstMapped = -1200;
            voi.bits = 12;
            for (int i = 0; i < 4500; ++i) voi.entries.push_back(int(std::lround(4095 * std::pow(i / 4499.0, 0.7))));
            chain.voiLut = voi;
        }
        chain.presentation = core::PresentationShape(presentation);
        if (chain.presentation == core::PresentationShape::Table) {
            core::LookupTable pres;
            pres.bits = 12;
            for (int i = 0; i < 1024; ++i) pres.entries.push_back(int(std::lround(4095 * std::pow(i / 1023.0, 1.4))));
            chain.presentationLut = pres;
        }
        render::CalibrationTable table;
        if (calibrated) {
            table.ddlBits = 8;
            for (int p = 0; p < 4096; ++p) table.ddl.push_back(std::uint16_t(std::lround(255 * std::pow(p / 4095.0, 2.2))));
        }
        compareWithCpu(rampSlice(256, 256), chain, table);
    }

    void pValueOutputIsTheChainBeforeCalibration() {
        // The 10-bit output pass reads P-values (16 bits in red and green, blue
        // marking image pixels) and calibrates them itself.
        render::DisplayChain chain;
        chain.window = {200, 3000, core::VoiFunction::Linear, {}};
        chain.presentation = core::PresentationShape::Inverse;
        render::CalibrationTable table;
        table.ddlBits = 8;
        for (int p = 0; p < 1024; ++p) table.ddl.push_back(std::uint16_t(std::lround(255 * std::pow(p / 1023.0, 2.2))));
        const render::SliceImage slice = rampSlice(200, 160);
        render::OffscreenRenderer offscreen(200, 160);
        render::SliceView view;
        view.setImage(slice);
        view.setChain(chain);
        view.setCalibration(table);
        offscreen.addRenderer(view.renderer());
        const render::RgbImage calibrated = offscreen.capture();
        view.setLayers(render::SliceView::Layers::ImagePValues);
        const render::RgbImage encoded = offscreen.capture();
        int worst = 0;
        for (int j = 0; j < 160; ++j)
            for (int i = 0; i < 200; ++i) {
                const double p = chain.pValue(slice.values[std::size_t(j) * 200 + std::size_t(i)]);
                const int q = encoded.at(i, j, 0) * 256 + encoded.at(i, j, 1);
                QCOMPARE(int(encoded.at(i, j, 2)), 255);
                // Within one 8-bit level: the CPU reference runs in double precision.
                worst = std::max(worst, std::abs(q - int(std::lround(p * 65535))));
            }
        QVERIFY2(worst <= 257, qPrintable(QString("largest difference %1 of 65535").arg(worst)));
        // And back to the calibrated picture (the other shader variant, the other folded table).
        view.setLayers(render::SliceView::Layers::All);
        QVERIFY(offscreen.capture().rgb == calibrated.rgb);
    }

    void cornerTextStaysClearOfTheEdgeLetters_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QString>("patientName");
        QTest::addColumn<QString>("seriesDescription");
        // The demo study in one viewport of the 2x2 layout (where the series
        // description ran through the top letter), and lines too long for any
        // font (without spaces, so that gaps between words cannot pass for the
        // gap being checked).
        QTest::newRow("2x2 viewport") << 345 << 245 << "PHANTOM^CHEST" << "THORAX 2.5 MM STANDARD";
        QTest::newRow("long lines") << 260 << 300 << "PHANTOMWITHAVERYLONGNAME^CHESTANDABDOMEN"
                                    << "THORAXSTANDARDRECONSTRUCTIONWITHCONTRAST";
    }

    void cornerTextStaysClearOfTheEdgeLetters() {
        // The top orientation letter must stand alone, with clear columns on
        // both sides, and the corner text must still be there.
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QString, patientName);
        QFETCH(QString, seriesDescription);
        const int w = width, h = height;
        render::PlaneRequest request;  // axial: "A" at the top
        const render::SlicePlane plane = render::planeThroughVolume(chestVolume_, request);
        render::OffscreenRenderer offscreen(w, h);
        render::SliceView view;
        view.setImage(render::Reslicer(chestVolume_).reslice(plane));
        view.setWindow(30000, 10);  // black: the overlays alone are coloured
        view.setZoom(view.fitZoom(w, h));
        offscreen.addRenderer(view.renderer());
        render::OverlayInfo info;
        info.patientName = patientName.toStdString();
        info.patientId = "LBX-CT-001";
        info.seriesNumber = 2;
        info.seriesDescription = seriesDescription.toStdString();
        info.studyDescription = "CT THORAX WITH CONTRAST";
        info.studyDate = "2026-11-20";
        info.imageLabel = "Im 13/60";
        info.modality = "CT";
        view.setOverlayInfo(info);
        view.setOverlaysVisible(true);
        view.updateOverlays(w, h);
        QCOMPARE(render::orientationLetters(view.screenDown() * -1.0), std::string("A"));
        const render::RgbImage image = offscreen.capture();
        // Columns with overlay colour in the top band, where the first corner lines and the letter are.
        std::vector<bool> coloured(std::size_t(w), false);
        for (int y = 0; y < 24; ++y)
            for (int x = 0; x < w; ++x)
                if (std::abs(int(image.at(x, y, 0)) - int(image.at(x, y, 2))) > 40) coloured[std::size_t(x)] = true;
        // The letter: the coloured run nearest the centre.
        int left = w / 2, right = w / 2;
        while (left > w / 2 - 12 && !coloured[std::size_t(left)]) --left;
        QVERIFY2(coloured[std::size_t(left)] || coloured[std::size_t(w / 2 + 1)], "no letter at the top centre");
        if (!coloured[std::size_t(left)]) left = right = w / 2 + 1;
        right = std::max(right, left);
        while (left > 0 && coloured[std::size_t(left - 1)]) --left;
        while (right < w - 1 && coloured[std::size_t(right + 1)]) ++right;
        auto clearRun = [&](int from, int direction) {
            int n = 0;
            for (int x = from; x >= 0 && x < w && !coloured[std::size_t(x)]; x += direction) ++n;
            return n;
        };
        const int clearLeft = clearRun(left - 1, -1), clearRight = clearRun(right + 1, 1);
        QVERIFY2(right - left < 30, qPrintable(QString("the letter runs from column %1 to %2").arg(left).arg(right)));
        QVERIFY2(clearLeft >= 6 && clearRight >= 6,
                 qPrintable(QString("%1 clear columns left of the letter, %2 right").arg(clearLeft).arg(clearRight)));
        // The corner text is still shown at both top corners (cut, not dropped).
        QVERIFY(std::count(coloured.begin(), coloured.begin() + w / 4, true) > 20);
        QVERIFY(std::count(coloured.end() - w / 4, coloured.end(), true) > 20);
        // cornerText() keeps the whole lines.
        QVERIFY(view.cornerText()[1].find(info.seriesDescription) != std::string::npos);
    }

    void windowChangeOnlyChangesUniforms() {
        render::OffscreenRenderer offscreen(128, 128);
        render::SliceView view;
        view.setImage(rampSlice(128, 128));
        offscreen.addRenderer(view.renderer());
        const render::RgbImage first = offscreen.capture();
        QCOMPARE(view.sliceUploads(), 1);
        view.setWindow(500, 100);
        const render::RgbImage second = offscreen.capture();
        view.setWindow(-500, 3000);
        offscreen.render();
        QCOMPARE(view.sliceUploads(), 1);
        QVERIFY(first.rgb != second.rgb);  // and the picture did change
    }

    void aNewSliceOfTheSameSizeIsUpdatedInPlace() {
        // Scrolling: a slice of the same size goes into the existing texture
        // (glTexSubImage2D); the picture must be the new slice's, exactly as a
        // fresh view draws it. Odd width: rows not a multiple of 8 bytes.
        render::SliceImage first = rampSlice(131, 97), second = rampSlice(131, 97);
        for (float& v : second.values) v = -v * 0.5f + 300;
        render::OffscreenRenderer offscreen(131, 97);
        render::SliceView view;
        view.setImage(first);
        view.setWindow(0, 1500);
        offscreen.addRenderer(view.renderer());
        const render::RgbImage before = offscreen.capture();
        view.setImage(std::move(second));
        const render::RgbImage after = offscreen.capture();
        QCOMPARE(view.sliceUploads(), 2);
        QVERIFY(after.rgb != before.rgb);
        offscreen.removeRenderer(view.renderer());
        render::SliceView fresh;
        fresh.setImage(view.image());
        fresh.setWindow(0, 1500);
        offscreen.addRenderer(fresh.renderer());
        QVERIFY(offscreen.capture().rgb == after.rgb);
    }

    void viewTransformMovesTheImage() {
        // A single bright pixel at (10, 20) in a 64x48 slice; zoom 2, flips, rotation.
        render::SliceImage s;
        s.plane.width = 64;
        s.plane.height = 48;
        s.values.assign(64 * 48, 0.0f);
        s.values[20 * 64 + 10] = 1000;
        render::OffscreenRenderer offscreen(200, 160);
        render::SliceView view;
        view.setImage(s);
        view.setWindow(500, 1000);
        offscreen.addRenderer(view.renderer());
        auto brightAt = [&](const render::RgbImage& img) {
            std::vector<std::pair<int, int>> points;
            for (int y = 0; y < img.height; ++y)
                for (int x = 0; x < img.width; ++x)
                    if (img.at(x, y, 0) > 200) points.emplace_back(x, y);
            return points;
        };
        view.setZoom(2);
        auto points = brightAt(offscreen.capture());
        QCOMPARE(points.size(), std::size_t(4));
        // Image centre (32, 24) at the viewport centre (100, 80): pixel 10 -> 100 + (10 - 32) * 2 = 56.
        QCOMPARE(points.front(), std::make_pair(56, 80 + (20 - 24) * 2));
        const auto screen = view.patientToScreen(s.plane.pixelToPatient(10, 20), 200, 160);
        QVERIFY(std::abs(screen[0] - 57) < 1e-9 && std::abs(screen[1] - 73) < 1e-9);  // the pixel's centre
        view.flipHorizontal();
        points = brightAt(offscreen.capture());
        QCOMPARE(points.front(), std::make_pair(200 - 56 - 2, 72));
        view.flipHorizontal();
        view.rotateQuarterTurns(1);
        points = brightAt(offscreen.capture());
        QVERIFY(!points.empty());
        const auto rotated = view.patientToScreen(s.plane.pixelToPatient(10, 20), 200, 160);
        QCOMPARE(points.front(), std::make_pair(int(rotated[0]) - 1, int(rotated[1]) - 1));
        // Screen -> patient inverts patient -> screen.
        const Vec3 back = view.screenToPatient(rotated[0], rotated[1], 200, 160);
        QVERIFY(core::norm(back - s.plane.pixelToPatient(10, 20)) < 1e-9);
    }

    void overlaysOnlyWhenAsked() {
        render::PlaneRequest request;
        request.kind = render::PlaneKind::Coronal;
        const render::SlicePlane plane = render::planeThroughVolume(chestVolume_, request);
        render::OffscreenRenderer offscreen(256, 256);
        render::SliceView view;
        view.setImage(render::Reslicer(chestVolume_).reslice(plane));
        view.setChain(render::displayDefaults(chestSeries_, &chestVolume_).chain);
        view.setZoom(view.fitZoom(256, 256));
        offscreen.addRenderer(view.renderer());
        QCOMPARE(colouredPixels(offscreen.capture()), 0);
        view.setOverlayInfo(render::overlayInfo(chestSeries_));
        view.setOverlaysVisible(true);
        view.updateOverlays(256, 256);
        const render::RgbImage with = offscreen.capture();
        QVERIFY(colouredPixels(with) > 200);
        const auto text = view.cornerText();
        QVERIFY(text[0].find("LBX-CT-001") != std::string::npos);
        QVERIFY(text[2].find("W 400") != std::string::npos);
        // Coronal: patient's right on the screen's left, head at the top.
        QVERIFY(text[3].find("Pos") != std::string::npos);
        QCOMPARE(render::orientationLetters(view.screenRight()), std::string("L"));
        QCOMPARE(render::orientationLetters(view.screenDown() * -1.0), std::string("H"));
    }

    void volumePresetsRender_data() {
        QTest::addColumn<QString>("preset");
        for (const char* p : {"bone", "soft-tissue", "angio", "mip"}) QTest::newRow(p) << p;
    }

    void volumePresetsRender() {
        QFETCH(QString, preset);
        render::OffscreenRenderer offscreen(160, 160);
        render::VolumeView view(chestVolume_);
        view.setPreset(render::parseVrPreset(preset.toStdString()));
        offscreen.addRenderer(view.renderer());
        const render::RgbImage image = offscreen.capture();
        int lit = 0;
        for (std::size_t i = 0; i < image.rgb.size(); i += 3) lit += image.rgb[i] + image.rgb[i + 1] > 60 ? 1 : 0;
        QVERIFY2(lit > 160 * 160 / 200, qPrintable(QString("%1 lit pixels").arg(lit)));
        // The view turns: the picture changes.
        view.rotate(90, 0);
        QVERIFY(offscreen.capture().rgb != image.rgb);
    }

    void baselines_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"axial", "coronal", "sagittal", "oblique", "coronal-mip20", "vr-mip"}) QTest::newRow(n) << n;
    }

    void baselines() {
        // Render regression: each view at 128x128 against a committed PNG.
        // Tolerance: 2 gray levels per sample, on at least 99.5% of the samples
        // (Mesa versions may differ in the last bit of a sampled position);
        // the 3-D view, ray cast in floating point, 8 levels on 99%.
        QFETCH(QString, name);
        render::OffscreenRenderer offscreen(128, 128);
        render::SliceView view;
        std::unique_ptr<render::VolumeView> vr;
        if (name == "vr-mip") {
            vr = std::make_unique<render::VolumeView>(chestVolume_);
            vr->setPreset(render::VrPreset::Mip);
            offscreen.addRenderer(vr->renderer());
        } else {
            render::PlaneRequest request;
            request.size = std::array<int, 2>{128, 128};
            request.spacingMm = 3.0;
            render::ResliceOptions options;
            if (name == "axial") request.kind = render::PlaneKind::Axial, request.positionMm = 12.5;
            if (name == "coronal") request.kind = render::PlaneKind::Coronal, request.positionMm = 35;
            if (name == "sagittal") request.kind = render::PlaneKind::Sagittal, request.positionMm = -20;
            if (name == "oblique") request.kind = render::PlaneKind::Oblique, request.obliqueNormal = {0.3, 0.4, 0.8};
            if (name == "coronal-mip20") {
                request.kind = render::PlaneKind::Coronal;
                options.slabMm = 20;
            }
            const render::SlicePlane plane = render::planeThroughVolume(chestVolume_, request);
            view.setImage(render::Reslicer(chestVolume_).reslice(plane, options));
            view.setWindow(40, 400);
            offscreen.addRenderer(view.renderer());
        }
        const QImage actual = toQImage(offscreen.capture()).convertToFormat(QImage::Format_Grayscale8);
        const QString baseline = baselineDir() + "/" + name + ".png";
        if (qEnvironmentVariableIsSet("LIGHTBOX_UPDATE_BASELINES")) {
            QVERIFY(actual.save(baseline));
            QSKIP("baseline written");
        }
        const QImage expected(baseline);
        QVERIFY2(!expected.isNull(), qPrintable("no baseline " + baseline + " (LIGHTBOX_UPDATE_BASELINES=1 writes it)"));
        const bool vrView = name == "vr-mip";
        const test::ImageDifference diff = test::compareImages(actual, expected, vrView ? 8 : 2);
        const bool ok = diff.comparable && diff.fractionWithin() >= (vrView ? 0.99 : 0.995);
        if (!ok) {
            const QString actualPath = baselineDir() + "/" + name + ".actual.png";
            actual.save(actualPath);
            QFAIL(qPrintable(QString("%1 differs from its baseline (%2 of samples within tolerance, max %3); actual image: %4")
                                 .arg(name).arg(diff.fractionWithin()).arg(diff.maxDifference).arg(actualPath)));
        }
    }
};

QTEST_GUILESS_MAIN(TestRenderGpu)
#include "tst_render_gpu.moc"
