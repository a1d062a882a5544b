// TG18 / TG270 test patterns: sizes, bit depths, gray levels and targets at
// their specified places (read back from the pixels), the synthetic label,
// PNG and DICOM output through lightbox-cli (the DICOM read back through the
// grayscale pipeline with its own window, and checked by dciodvfy).

#include "TestSupport.h"

#include "lightbox/calibration/TestPattern.h"
#include "lightbox/core/Error.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace lightbox;
using namespace lightbox::calibration;

namespace {

TestPattern make(const std::string& name, int w = 1024, int h = 1024, std::optional<int> bits = std::nullopt) {
    PatternRequest r;
    r.name = name;
    r.width = w;
    r.height = h;
    r.bits = bits;
    return generatePattern(r);
}

// Every pixel of every listed region holds the region's value.
QString checkRegions(const TestPattern& p) {
    for (const auto& r : p.regions()) {
        if (r.width <= 0 || r.height <= 0 || r.x < 0 || r.y < 0 || r.x + r.width > p.width() ||
            r.y + r.height > p.height())
            return QString("%1: region %2 outside the image").arg(p.name().c_str(), r.name.c_str());
        for (int y = r.y; y < r.y + r.height; ++y)
            for (int x = r.x; x < r.x + r.width; ++x)
                if (p.at(x, y) != r.value)
                    return QString("%1: region %2 at (%3,%4) holds %5, expected %6")
                        .arg(p.name().c_str(), r.name.c_str())
                        .arg(x)
                        .arg(y)
                        .arg(p.at(x, y))
                        .arg(r.value);
    }
    return {};
}

int valueAt(const TestPattern& p, const std::string& region) {
    const auto* r = p.region(region);
    return r ? p.at(r->x + r->width / 2, r->y + r->height / 2) : -1;
}

}  // namespace

class TestPatterns : public QObject {
    Q_OBJECT

private slots:
    void everyPatternAt1kWithItsRegions() {
        const auto names = patternNames();
        QVERIFY(names.size() >= 36 + 28 + 2 + 36);
        for (const auto& name : names) {
            const TestPattern p = make(name);
            QCOMPARE(p.width(), 1024);
            QCOMPARE(p.height(), 1024);
            QCOMPARE(p.pixels().size(), std::size_t(1024 * 1024));
            QVERIFY2(*std::max_element(p.pixels().begin(), p.pixels().end()) <= p.maxValue(), name.c_str());
            QVERIFY2(p.label().find("Synthetic pattern based on the") == 0, p.label().c_str());
            QVERIFY(!p.scaled());
            QVERIFY(p.label().find("scaled") == std::string::npos);
            const QString bad = checkRegions(p);
            QVERIFY2(bad.isEmpty(), qPrintable(bad));
            // The label is drawn: the bottom rows are not uniform.
            std::set<int> bottom;
            for (int y = 1000; y < 1024; ++y)
                for (int x = 0; x < 1024; x += 1) bottom.insert(p.at(x, y));
            QVERIFY2(bottom.size() >= 2, name.c_str());
        }
    }

    void sizesBitsAndScaledLabel() {
        const TestPattern k2 = make("TG18-QC", 2048, 2048);
        QCOMPARE(k2.width(), 2048);
        QVERIFY(!k2.scaled());
        QVERIFY(checkRegions(k2).isEmpty());
        const TestPattern native = make("UN80", 2560, 1440, 10);
        QCOMPARE(native.width(), 2560);
        QCOMPARE(native.height(), 1440);
        QCOMPARE(native.bits(), 10);
        QVERIFY(native.scaled());
        QVERIFY(native.label().find(", scaled") != std::string::npos);
        QCOMPARE(native.at(1280, 720), 818);  // 80 % of 1023
        QVERIFY(checkRegions(native).isEmpty());
        for (int bits : {8, 10, 12}) {
            const TestPattern p = make("TG18-QC", 1024, 1024, bits);
            QCOMPARE(p.maxValue(), (1 << bits) - 1);
            QCOMPARE(p.windowWidth(), double(1 << bits));      // TG18: WW 4096 / WL 2048 at 12 bits
            QCOMPARE(p.windowCenter(), double(1 << (bits - 1)));
            QVERIFY(checkRegions(p).isEmpty());
        }
        QVERIFY_THROWS_EXCEPTION(core::Error, make("TG18-LN12-01", 1024, 1024, 8));
        QVERIFY_THROWS_EXCEPTION(core::Error, make("TG18-QC", 100, 100));
        QVERIFY_THROWS_EXCEPTION(core::Error, make("TG18-QC", 1024, 1024, 9));
        QVERIFY_THROWS_EXCEPTION(core::Error, make("TG18-NOPE"));
        // Short names and case do not matter.
        QCOMPARE(make("ln8-03").name(), std::string("TG18-LN8-03"));
        QCOMPARE(make("sqc").name(), std::string("TG270-sQC"));
        QCOMPARE(make("TG18-LN8-01").codeValue(), std::string("109805"));
        QCOMPARE(make("TG18-LN12-18", 1024, 1024, 12).codeValue(), std::string("109840"));
        QCOMPARE(make("UNL80").codeValue(), std::string("109844"));
    }

    void luminanceResponsePatterns() {
        for (int k = 1; k <= 18; ++k) {
            char name[32];
            std::snprintf(name, sizeof name, "TG18-LN8-%02d", k);
            const TestPattern p = make(name);
            QCOMPARE(p.at(512, 512), 15 * (k - 1));
            QCOMPARE(p.at(20, 20), 51);  // the constant 20 % surround
            const auto* m = p.region("measure");
            QVERIFY(m);
            // One measurement square of 10 % of the area, centred.
            QVERIFY(std::abs(double(m->width) * m->height / (1024.0 * 1024.0) - 0.1) < 0.002);
            QCOMPARE(m->x + m->width / 2, 512);
            std::snprintf(name, sizeof name, "TG18-LN12-%02d", k);
            const TestPattern p12 = make(name);
            QCOMPARE(p12.bits(), 12);
            QCOMPARE(p12.at(512, 512), 240 * (k - 1));  // 0, 240, .., 4080
            QCOMPARE(p12.windowWidth(), 4080.0);
            QCOMPARE(p12.windowCenter(), 2040.0);
        }
        // TG270-ULN: full-field levels, nine measuring points.
        const TestPattern uln = make("TG270-ULN10-18");
        QCOMPARE(uln.bits(), 10);
        QCOMPARE(uln.at(100, 100), 1020);
        QCOMPARE(int(std::count_if(uln.regions().begin(), uln.regions().end(),
                                   [](const PatternRegion& r) { return r.name.rfind("point-", 0) == 0; })),
                 9);
    }

    void uniformityPatterns() {
        const TestPattern un10 = make("UN10"), un80 = make("UN80");
        QCOMPARE(un10.at(512, 512), 26);
        QCOMPARE(un80.at(512, 512), 204);
        QCOMPARE(un80.at(100, 900), 204);
        QCOMPARE(make("UN80", 1024, 1024, 12).at(512, 512), 3276);
        // UNL marks the five points (centre, tl, tr, bl, br) with lines, the points themselves stay uniform.
        const TestPattern unl = make("UNL10");
        const auto points = measuringPoints(5, 1024, 1024);
        QCOMPARE(int(points.size()), 5);
        for (const auto& pt : points) {
            const auto* r = unl.region("point-" + pt.position);
            QVERIFY(r);
            QCOMPARE(unl.at(pt.x, pt.y), 26);
            QCOMPARE(unl.at(r->x - 3, pt.y), 204);  // the marking line just outside
        }
        QCOMPARE(points[1].position, std::string("tl"));
        QCOMPARE(int(measuringPoints(9, 1024, 1024).size()), 9);
    }

    void qcPatternTargets() {
        const TestPattern p = make("TG18-QC");
        for (int l = 8; l <= 248; l += 16) {
            const std::string n = "patch-" + std::to_string(l);
            QCOMPARE(valueAt(p, n), l);
            QCOMPARE(valueAt(p, n + "-tl"), l + 4);
            QCOMPARE(valueAt(p, n + "-tr"), l - 4);
            QCOMPARE(valueAt(p, n + "-bl"), l - 4);
            QCOMPARE(valueAt(p, n + "-br"), l + 4);
        }
        QCOMPARE(valueAt(p, "black"), 0);
        QCOMPARE(valueAt(p, "black-5%"), 13);
        QCOMPARE(valueAt(p, "white"), 255);
        QCOMPARE(valueAt(p, "white-95%"), 242);
        // Ramp 0 .. 255 along y = 0.9, left to right, never decreasing.
        const int y = int(0.905 * 1024);
        QCOMPARE(p.at(int(0.1 * 1024) + 1, y), 0);
        QCOMPARE(p.at(int(0.9 * 1024) - 1, y), 255);
        for (int x = 104; x < 920; ++x) QVERIFY(p.at(x + 1, y) >= p.at(x, y));
        // Centre line pairs: alternate 0 / 255 column by column (left half) and row by row (right half).
        QVERIFY(p.at(490, 500) != p.at(491, 500));
        QCOMPARE(p.at(490, 500) + p.at(491, 500), 255);
        QCOMPARE(p.at(530, 500) + p.at(530, 501), 255);
        // Cx target at the centre: 1-pixel "x" elements, full contrast on black.
        const auto* cx = p.region("cx-centre");
        QVERIFY(cx);
        QCOMPARE(p.at(cx->x + 2, cx->y + 2), 255);  // the crossing
        QCOMPARE(p.at(cx->x + 4, cx->y), 255);      // a corner of the other diagonal
        QCOMPARE(p.at(cx->x + 2, cx->y), 0);
        QCOMPARE(p.at(cx->x + 5, cx->y + 2), 0);    // the gap between elements
        // TG270-sQC: 18 patches at the luminance-response levels.
        const TestPattern s = make("TG270-sQC");
        for (int l = 0; l <= 255; l += 15) QCOMPARE(valueAt(s, "patch-" + std::to_string(l)), l);
        // pQC at 10 bits: targets one native level from the patch (visible only when 10 bits reach the screen).
        const TestPattern pq = make("TG270-pQC", 1024, 1024, 10);
        QCOMPARE(valueAt(pq, "patch-120"), 480);
        QCOMPARE(valueAt(pq, "patch-120-bl"), 481);
        QCOMPARE(valueAt(pq, "patch-120-br"), 479);
        QCOMPARE(valueAt(pq, "patch-120-tl"), 484);
    }

    void linePairsResolutionAndBitDepth() {
        const TestPattern lph = make("LPH50");
        QCOMPARE(lph.at(300, 300), 128);
        QCOMPARE(lph.at(300, 301), 143);
        QCOMPARE(lph.at(301, 300), 128);
        const TestPattern lpv = make("LPV89");
        QCOMPARE(lpv.at(300, 300), 228);
        QCOMPARE(lpv.at(301, 300), 255);
        QCOMPARE(lpv.at(300, 301), 228);
        QCOMPARE(make("LPH10").at(0, 1), 29);
        // MP at 10 bits: 16 ramps cover every 10-bit level once, in order.
        const TestPattern mp = make("MP", 1024, 1024, 10);
        std::set<int> seen;
        int previous = -1;
        for (int k = 0; k < 16; ++k) {
            const int y = int(std::lround((0.04 + k * 0.058 + 0.02) * 1024));
            for (int x = int(0.05 * 1024) + 1; x < int(0.95 * 1024); ++x) {
                QVERIFY(mp.at(x, y) >= previous);
                previous = mp.at(x, y);
                seen.insert(previous);
            }
        }
        QCOMPARE(int(seen.size()), 1024);
        // AFC: each target at its contrast above the 128 background (shifted levels at 12 bits: x16).
        const TestPattern afc = make("AFC", 1024, 1024, 12);
        QCOMPARE(afc.at(5, 300), 128 * 16);
        QCOMPARE(valueAt(afc, "target-0-0"), (128 + 2) * 16);
        QCOMPARE(valueAt(afc, "target-3-47"), (128 + 6) * 16);
        // Glare: GQ is a black centre in a white disc.
        const TestPattern gq = make("GQ");
        QCOMPARE(valueAt(gq, "centre"), 0);
        QCOMPARE(gq.at(512 + 300, 512), 255);
        QCOMPARE(make("GQB").at(512, 512), 255);
        // CT: the half-moon targets are two levels either side of their zone.
        const TestPattern ct = make("CT");
        QCOMPARE(valueAt(ct, "zone-72"), 72);
        QCOMPARE(valueAt(ct, "zone-72-left"), 74);
        QCOMPARE(valueAt(ct, "zone-72-right"), 70);
    }

    void pngThroughCli() {
        QTemporaryDir dir;
        const QString png8 = dir.filePath("ln.png"), png16 = dir.filePath("ln12.png");
        auto r = test::runCli({"qc", "pattern", "TG18-LN8-05", "--out", png8});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage img(png8);
        QCOMPARE(img.format(), QImage::Format_Grayscale8);
        QCOMPARE(img.size(), QSize(1024, 1024));
        QCOMPARE(qGray(img.pixel(512, 512)), 60);
        QVERIFY(img.text("Description").startsWith("Synthetic pattern based on the TG18 description"));
        QCOMPARE(img.text("Title"), QString("TG18-LN8-05"));

        r = test::runCli({"qc", "pattern", "LN12-18", "--bits", "12", "--size", "2048", "--out", png16});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage img16(png16);
        QCOMPARE(img16.format(), QImage::Format_Grayscale16);
        const TestPattern p = make("LN12-18", 2048, 2048, 12);
        const auto expected = p.windowed(16);
        for (int y = 0; y < 2048; y += 7) {
            const auto* line = reinterpret_cast<const quint16*>(img16.constScanLine(y));
            for (int x = 0; x < 2048; x += 5) QCOMPARE(int(line[x]), int(expected[std::size_t(y) * 2048 + std::size_t(x)]));
        }
        QCOMPARE(int(reinterpret_cast<const quint16*>(img16.constScanLine(1024))[1024]), 65535);

        r = test::runCli({"qc", "pattern", "NOSUCH", "--out", png8});
        QCOMPARE(r.exitCode, 2);
        r = test::runCli({"qc", "pattern", "QC", "--size", "12x", "--out", png8});
        QCOMPARE(r.exitCode, 2);
    }

    void everyPatternAsDicomPassesDciodvfy() {
        if (!test::haveProgram("dciodvfy")) QSKIP("dicom3tools' dciodvfy is not installed");
        QTemporaryDir dir;
        QStringList failures;
        for (const auto& name : patternNames()) {
            const TestPattern p = make(name, 512, 384);  // the object is the same at any size; small is quick
            const QString file = dir.filePath(QString::fromStdString(name) + ".dcm");
            p.writeDicom(file.toStdString());
            const auto r = test::run("dciodvfy", {file});
            for (const QByteArray& line : (r.out + r.err).split('\n'))
                if (line.startsWith("Error")) failures << QString::fromStdString(name) + ": " + line;
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
    }

    void dicomThroughCliPassesDciodvfy() {
        QTemporaryDir dir;
        struct Case {
            const char* name;
            const char* bits;
        } cases[] = {{"TG18-QC", "8"}, {"TG18-LN12-09", "12"}, {"TG18-MP", "10"}, {"UNL80", "12"}, {"TG270-pQC", "10"}};
        for (const auto& c : cases) {
            const QString dcm = dir.filePath(QString(c.name) + ".dcm");
            auto r = test::runCli({"qc", "pattern", c.name, "--bits", c.bits, "--out", dcm});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            // Read back through the grayscale pipeline with the file's own window: the pattern as windowed.
            const QString png = dir.filePath(QString(c.name) + ".png");
            r = test::runCli({"render", dcm, "--out", png});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QImage shown(png);
            QVERIFY(!shown.isNull());
            const TestPattern p = make(c.name, 1024, 1024, std::atoi(c.bits));
            const auto expected = p.windowed(8);
            int worst = 0;
            for (int y = 0; y < 1024; y += 3)
                for (int x = 0; x < 1024; x += 3)
                    worst = std::max(worst, std::abs(qGray(shown.pixel(x, y)) - int(expected[std::size_t(y) * 1024 + std::size_t(x)])));
            QVERIFY2(worst <= 1, qPrintable(QString("%1: rendered differs by %2").arg(c.name).arg(worst)));
            if (!test::haveProgram("dciodvfy")) continue;
            r = test::run("dciodvfy", {dcm});
            QStringList errors;
            for (const QByteArray& line : (r.out + r.err).split('\n'))
                if (line.startsWith("Error")) errors << line;
            QVERIFY2(errors.isEmpty(), qPrintable(QString(c.name) + ":\n" + errors.join('\n')));
        }
        if (!test::haveProgram("dciodvfy")) QSKIP("dicom3tools' dciodvfy is not installed (pixels were checked)");
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "tst_patterns.moc"
