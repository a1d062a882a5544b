// Presentation states against the real peers: every state Lightbox writes
// passes dicom3tools' dciodvfy (no errors) and DCMTK's dcmpschk, and
// `lightbox-cli render IMAGE --pstate PR --graphics off` agrees with DCMTK's
// `dcmp2pgm -p PR IMAGE` within one gray level on 99.9 % of the pixels - for
// states written by Lightbox, by DCMTK (dcmpsmk) and by others (the OFFIS /
// Clunie combined-LUT state in weasis-dicom-tools). DCMTK 3.6.7 applies VOI,
// presentation LUT, rotation and flip, so the states compared here display
// the whole image.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/SyntheticRods.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <random>

using namespace lightbox;
using namespace lightbox::core;

namespace {

const QString kWeasis = "weasis-dicom-tools/weasis-dicom-tools/src/test/resources/org/dcm4che3/img/";

void writeBytes(const QString& path, const std::string& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), qint64(bytes.size()));
}

// A VOI LUT (gamma 0.7 over 12 bits) and a presentation LUT (inverse-ish
// S curve, 8 bits): the LUT paths of the pipeline.
LookupTable voiLut() {
    LookupTable l;
    l.firstMapped = 0;
    l.bits = 16;
    l.explanation = "gamma 0.7";
    for (int i = 0; i < 4096; ++i) l.entries.push_back(std::int32_t(std::lround(65535.0 * std::pow(i / 4095.0, 0.7))));
    return l;
}

LookupTable presentationLut() {
    LookupTable l;
    l.bits = 8;
    l.explanation = "S curve";
    for (int i = 0; i < 256; ++i) l.entries.push_back(std::int32_t(std::lround(255.0 * (0.5 - 0.5 * std::cos(M_PI * i / 255.0)))));
    return l;
}

}  // namespace

class TestGspsDcmtk : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

    QString image(const QString& name, RodPhantomKind kind) {
        const QString path = dir.filePath(name);
        if (!QFile::exists(path)) writeBytes(path, makeRodPhantom(kind, 40.0).part10);
        return path;
    }

    // Lightbox writes PR with the command line; returns its path.
    QString cliState(const QString& imagePath, const QStringList& options, const QString& name) {
        const QString out = dir.filePath(name);
        const test::ProcessResult r = test::runCli(QStringList{"gsps", "create", "--image", imagePath, "--out", out} + options);
        if (r.exitCode != 0) qWarning("%s", r.err.constData());
        return r.exitCode == 0 ? out : QString();
    }

    QString libraryState(const QString& imagePath, const std::function<void(CurrentDisplay&)>& change, const QString& name) {
        const DicomFile f = DicomFile::open(imagePath.toStdString(), DicomFile::Extent::HeaderOnly);
        CurrentDisplay d;
        change(d);
        const QString out = dir.filePath(name);
        writePresentationState(presentationStateFor(d, {f}), f, out.toStdString());
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        for (const char* tool : {"dciodvfy", "dcmpschk", "dcmp2pgm", "dcmpsmk"})
            if (!test::haveProgram(tool)) QSKIP(qPrintable(QString("%1 not installed (scripts/install-deps.sh)").arg(tool)));
    }

    void writtenStatesPassValidators_data() {
        QTest::addColumn<QString>("state");
        const QString ct = image("ct.dcm", RodPhantomKind::Ct), dx = image("dx.dcm", RodPhantomKind::ProjectionMagnified);
        for (int rotation : {0, 90, 180, 270})
            for (bool flip : {false, true}) {
                QStringList options{"--window", "40,400", "--area", "10,20,200,180", "--line", "10,10,100,120", "--text", "30,40,Größe 5°"};
                if (rotation) options << "--rotate" << QString::number(rotation);
                if (flip) options << "--flip";
                QTest::addRow("cli rot %d%s", rotation, flip ? " flip" : "")
                    << cliState(ct, options, QString("cli-%1-%2.dcm").arg(rotation).arg(flip));
            }
        QTest::newRow("cli minimal dx") << cliState(dx, {"--window", "1500,3000"}, "cli-dx.dcm");
        QTest::newRow("library luts, shutters, every graphic") << libraryState(dx, [](CurrentDisplay& d) {
            d.voiLut = voiLut();
            d.presentationShape = PresentationShape::Table;
            d.presentationLut = presentationLut();
            d.measurements.push_back({GraphicType::Ellipse, {{100, 100}, {200, 100}, {150, 80}, {150, 120}}, false, "ellipse 1.2 cm2"});
            d.measurements.push_back({GraphicType::Circle, {{300, 300}, {320, 300}}, true, ""});
            d.measurements.push_back({GraphicType::Interpolated, {{10, 10}, {50, 80}, {90, 20}}, false, "curve"});
            d.measurements.push_back({GraphicType::Point, {{256, 256}}, false, "512 HU"});
            d.measurements.push_back({GraphicType::Polyline, {{1, 1}, {60, 1}, {60, 60}, {1, 1}}, false, "closed"});
            d.shutters.rectangular = true;
            d.shutters.left = 10, d.shutters.right = 500, d.shutters.upper = 12, d.shutters.lower = 490;
            d.shutters.circular = true;
            d.shutters.circleCentre = {256, 256};
            d.shutters.circleRadius = 240;
            d.shutters.polygonal = true;
            d.shutters.polygon = {{5, 5}, {505, 5}, {505, 505}, {5, 505}};
        }, "lib-all.dcm");
        QTest::newRow("library true size") << libraryState(ct, [](CurrentDisplay& d) {
            d.sizeMode = PresentationSizeMode::TrueSize;
            d.presentationShape = PresentationShape::Inverse;
        }, "lib-true-size.dcm");
        QTest::newRow("library magnify, zoom and pan") << libraryState(ct, [](CurrentDisplay& d) {
            d.sizeMode = PresentationSizeMode::Magnify;
            d.magnification = 2.5;
            d.area = zoomPanArea(256, 256, 400, 300, 2.5, {100, 140});  // inside the image: see the report on negative corners
        }, "lib-magnify.dcm");
    }

    void writtenStatesPassValidators() {
        QFETCH(QString, state);
        QVERIFY(!state.isEmpty());
        const QStringList errors = test::dciodvfyErrors(state);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        const QString failure = test::dcmpschkFailure(state);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    // A synthetic CT slice with square pixels (DCMTK's dcmp2pgm does not
    // apply the displayed area, so neither its pixel aspect ratio: the
    // comparisons use square pixels; the rod phantoms' are not).
    QString squareCt() {
        const QString folder = dir.filePath("synth-ct");
        if (!QDir(folder).exists()) {
            SynthOptions o;
            o.only = "ct-current";
            o.slices = 1;
            o.matrix = 128;
            writeSyntheticPatients(folder.toStdString(), o);
        }
        QDirIterator it(folder, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    // `gsps create --shutter`: the three shapes together pass both checkers,
    // and `render --pstate` shows black exactly outside their intersection,
    // computed here from the options (pixel indices 1-based, open where the
    // pixel's centre is inside every shape). The window makes every open
    // pixel white, so a shut pixel cannot pass for an open dark one.
    void cliShutters() {
        const QString ct = squareCt();
        QVERIFY(!ct.isEmpty());
        const QStringList shutters{"--shutter", "rect:20,30,100,110", "--shutter", "circle:64,64,50", "--shutter",
                                   "poly:10,10,120,20,110,120,15,100"};
        const QString state = cliState(ct, QStringList{"--window", "-3000,100"} + shutters, "cli-shutters.dcm");
        QVERIFY(!state.isEmpty());
        const QStringList errors = test::dciodvfyErrors(state);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        const QString failure = test::dcmpschkFailure(state);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const PresentationState ps = PresentationState::read(state.toStdString());
        QVERIFY(ps.shutters.rectangular && ps.shutters.circular && ps.shutters.polygonal);
        QCOMPARE(ps.shutters.left, 20);
        QCOMPARE(ps.shutters.lower, 110);
        QCOMPARE(ps.shutters.circleRadius, 50.0);
        QCOMPARE(int(ps.shutters.polygon.size()), 4);

        const QString png = dir.filePath("cli-shutters.png");
        const test::ProcessResult r = test::runCli({"render", ct, "--pstate", state, "--graphics", "off", "--out", png});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage out = QImage(png).convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(out.size(), QSize(128, 128));
        const std::vector<std::array<double, 2>> poly{{10, 10}, {120, 20}, {110, 120}, {15, 100}};
        auto edgeDistance = [&](double x, double y) {
            double best = 1e9;
            for (std::size_t i = 0; i < poly.size(); ++i) {
                const auto a = poly[i], b = poly[(i + 1) % poly.size()];
                const double dx = b[0] - a[0], dy = b[1] - a[1];
                const double t = std::clamp(((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
                best = std::min(best, std::hypot(x - a[0] - t * dx, y - a[1] - t * dy));
            }
            return best;
        };
        auto insidePoly = [&](double x, double y) {
            bool in = false;
            for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++)
                if ((poly[i][1] > y) != (poly[j][1] > y) && x < (poly[j][0] - poly[i][0]) * (y - poly[i][1]) / (poly[j][1] - poly[i][1]) + poly[i][0])
                    in = !in;
            return in;
        };
        int open = 0, shut = 0, wrong = 0;
        for (int row = 1; row <= 128; ++row)
            for (int column = 1; column <= 128; ++column) {
                const double d = std::hypot(column - 64.0, row - 64.0);
                if (std::abs(d - 50) < 1 || edgeDistance(column, row) < 1) continue;  // on an edge: either way
                const bool expectOpen = column >= 20 && column <= 100 && row >= 30 && row <= 110 && d <= 50 && insidePoly(column, row);
                const int got = qGray(out.pixel(column - 1, row - 1));
                (expectOpen ? open : shut) += 1;
                if (got != (expectOpen ? 255 : 0) && ++wrong <= 10) qInfo("pixel %d,%d: %d, expected %s", column, row, got, expectOpen ? "open" : "shut");
            }
        qInfo("%d open and %d shut pixels as computed", open, shut);
        QVERIFY(open > 3000 && shut > 5000);
        QCOMPARE(wrong, 0);

        // Bad shutter options: one clear usage error each, nothing written.
        for (const QString bad : {"rect:1,2,3", "circle:10,10,0", "poly:1,1,5,5", "star:1,2,3", "rect:1.5,2,3,4"}) {
            const test::ProcessResult e = test::runCli(
                {"gsps", "create", "--image", ct, "--window", "40,400", "--shutter", bad, "--out", dir.filePath("bad.dcm")});
            QVERIFY2(e.exitCode == 2 && e.err.contains("--shutter"), qPrintable(bad + ": " + QString::fromUtf8(e.err)));
            QVERIFY(!QFile::exists(dir.filePath("bad.dcm")));
        }
    }

    void pixelsAgreeWithDcmtk_data() {
        QTest::addColumn<QString>("imagePath");
        QTest::addColumn<QString>("state");
        const QString ct = squareCt(), dx = image("dx.dcm", RodPhantomKind::ProjectionMagnified);
        const QString mr = dx;  // square pixels, unsigned, no rescale
        // Written by Lightbox, on the synthetic phantoms.
        for (int rotation : {0, 90, 180, 270})
            for (bool flip : {false, true}) {
                QStringList options{"--window", "300,1200"};
                if (rotation) options << "--rotate" << QString::number(rotation);
                if (flip) options << "--flip";
                QTest::addRow("lightbox ct rot %d%s", rotation, flip ? " flip" : "")
                    << ct << cliState(ct, options, QString("px-ct-%1-%2.dcm").arg(rotation).arg(flip));
            }
        QTest::newRow("lightbox dx") << dx << cliState(dx, {"--window", "1700,2600", "--rotate", "90"}, "px-dx.dcm");
        QTest::newRow("lightbox dx luts") << mr << libraryState(mr, [](CurrentDisplay& d) {
            d.voiLut = voiLut();
            d.presentationShape = PresentationShape::Table;
            d.presentationLut = presentationLut();
            d.spatial = {180, true};
        }, "px-mr-luts.dcm");
        QTest::newRow("lightbox ct no voi (identity)") << ct << libraryState(ct, [](CurrentDisplay& d) { d.spatial = {270, false}; },
                                                                         "px-ct-novoi.dcm");
        QTest::newRow("lightbox dx no voi (identity)") << mr << libraryState(mr, [](CurrentDisplay&) {}, "px-mr-novoi.dcm");
        QTest::newRow("lightbox dx inverse") << mr << libraryState(mr, [](CurrentDisplay& d) {
            WindowLevel w;
            w.center = 500, w.width = 700;
            d.window = w;
            d.presentationShape = PresentationShape::Inverse;
        }, "px-mr-inverse.dcm");
        if (test::sharedDataDir().isEmpty()) return;
        // Written by others.
        QTest::newRow("OFFIS/Clunie prLUTs (dcm4che test data)")
            << test::sharedFile(kWeasis + "imageForPrLUTs.dcm") << test::sharedFile(kWeasis + "prLUTs.dcm");
        const QStringList others{"pydicom/src/pydicom/data/test_files/CT_small.dcm", "dcm_qa_ts/In/1.dcm",
                                 "highdicom/data/test_files/dx_image.dcm", "pydicom/src/pydicom/data/test_files/examples_overlay.dcm"};
        for (const QString& rel : others) {
            const QString img = test::sharedFile(rel);
            const QString pr = dir.filePath(QFileInfo(rel).baseName() + "-dcmpsmk.dcm");
            const test::ProcessResult r = test::run("dcmpsmk", {img, pr});
            QTest::addRow("dcmpsmk %s", qPrintable(QFileInfo(rel).fileName())) << img << (r.exitCode == 0 ? pr : QString());
            // And Lightbox's on the same real image, rotated and flipped.
            QTest::addRow("lightbox %s", qPrintable(QFileInfo(rel).fileName()))
                << img << cliState(img, {"--window", "600,1500", "--rotate", "270", "--flip"}, QFileInfo(rel).baseName() + "-lb.dcm");
        }
    }

    void pixelsAgreeWithDcmtk() {
        QFETCH(QString, imagePath);
        QFETCH(QString, state);
        QVERIFY(!state.isEmpty());
        const QString ours = dir.filePath("ours.png"), theirs = dir.filePath("theirs.pgm");
        QFile::remove(ours);
        QFile::remove(theirs);
        const test::ProcessResult r = test::runCli({"render", imagePath, "--pstate", state, "--graphics", "off", "--out", ours});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const test::ProcessResult d = test::run("dcmp2pgm", {"-p", state, imagePath, theirs});
        QVERIFY2(d.exitCode == 0, (d.out + d.err).constData());
        const QImage a = QImage(ours).convertToFormat(QImage::Format_Grayscale8);
        const QImage b = QImage(theirs).convertToFormat(QImage::Format_Grayscale8);
        QVERIFY(!a.isNull() && !b.isNull());
        const test::ImageDifference diff = test::compareImages(a, b, 1);
        QVERIFY2(diff.comparable, qPrintable(diff.why));
        QVERIFY2(diff.fractionWithin() >= 0.999,
                 qPrintable(QString("%1 % within 1 gray level, max difference %2").arg(100 * diff.fractionWithin()).arg(diff.maxDifference)));
    }

    // Damaged states (truncated anywhere, bytes flipped): `render --pstate`
    // and `gsps show` answer with success or one line, never a crash or hang.
    void damagedStatesAreRefusedGracefully() {
        const QString ct = image("ct.dcm", RodPhantomKind::Ct);
        const QString source = libraryState(ct, [](CurrentDisplay& d) {
            WindowLevel w;
            w.center = 40, w.width = 400;
            d.window = w;
            d.spatial = {90, false};
            d.area = std::array{10, 10, 200, 220};
            d.measurements.push_back({GraphicType::Polyline, {{10, 10}, {100, 120}}, false, "12 mm"});
            d.measurements.push_back({GraphicType::Ellipse, {{50, 50}, {90, 50}, {70, 40}, {70, 60}}, true, "area"});
            d.measurements.push_back({GraphicType::Interpolated, {{10, 10}, {50, 80}, {90, 20}}, false, "curve"});
            d.labels.push_back({{40, 40}, "label"});
            d.shutters.circular = true;
            d.shutters.circleCentre = {128, 128};
            d.shutters.circleRadius = 100;
        }, "damage-source.dcm");
        QFile f(source);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll();
        std::mt19937 rng(7);
        const QString damaged = dir.filePath("damaged.dcm");
        for (int variant = 0; variant < 120; ++variant) {
            QByteArray bytes = original;
            if (variant < 40) {
                bytes.truncate(int(std::uniform_int_distribution<int>(132, int(original.size()) - 1)(rng)));
            } else {
                for (int k = 0; k < 1 + variant % 4; ++k) {
                    const int at = std::uniform_int_distribution<int>(132, int(bytes.size()) - 1)(rng);
                    bytes[at] = char(std::uniform_int_distribution<int>(0, 255)(rng));
                }
            }
            QFile out(damaged);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes);
            out.close();
            for (const QStringList& args : {QStringList{"render", ct, "--pstate", damaged, "--out", dir.filePath("d.png")},
                                            QStringList{"gsps", "show", damaged}}) {
                const test::ProcessResult r = test::runCli(args, 30000);
                QVERIFY2(!r.timedOut && !r.crashed, qPrintable(QString("variant %1 %2: crashed or hung").arg(variant).arg(args[0])));
                if (r.exitCode != 0)
                    QVERIFY2(!r.err.trimmed().isEmpty() && !r.err.trimmed().contains('\n'),
                             qPrintable(QString("variant %1 %2: %3").arg(variant).arg(args[0]).arg(QString::fromUtf8(r.err))));
            }
        }
    }

    // The command line: one clear line and a non-zero status for a state that
    // does not belong to the image or is no state at all.
    void cliErrors() {
        const QString ct = image("ct.dcm", RodPhantomKind::Ct), mr = image("mr.dcm", RodPhantomKind::Mr);
        const QString pr = cliState(ct, {"--window", "40,400"}, "err.dcm");
        test::ProcessResult r = test::runCli({"render", mr, "--pstate", pr, "--out", dir.filePath("x.png")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not reference") && r.err.count('\n') == 1, r.err.constData());
        r = test::runCli({"render", ct, "--pstate", mr, "--out", dir.filePath("x.png")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a Grayscale Softcopy Presentation State"), r.err.constData());
        r = test::runCli({"render", ct, "--pstate", pr, "--graphics", "maybe", "--out", dir.filePath("x.png")});
        QCOMPARE(r.exitCode, 2);
        r = test::runCli({"gsps", "create", "--image", ct, "--window", "40,400", "--rotate", "45", "--out", dir.filePath("y.dcm")});
        QCOMPARE(r.exitCode, 2);
        r = test::runCli({"gsps", "create", "--image", ct, "--window", "40", "--out", dir.filePath("y.dcm")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(dir.filePath("y.dcm")));
    }
};

QTEST_GUILESS_MAIN(TestGspsDcmtk)
#include "tst_gsps_dcmtk.moc"
