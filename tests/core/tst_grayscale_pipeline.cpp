// The grayscale pipeline against the PS3.3 C.11 formulas, on files generated
// here: LINEAR / LINEAR_EXACT / SIGMOID windows (DCMTK 3.6.7 has no
// LINEAR_EXACT or SIGMOID), rescale, Modality and VOI LUT sequences,
// MONOCHROME1 inversion, and Bits Stored masking.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PixelData.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace lightbox;
using namespace lightbox::core;

namespace {

// A 256 x 16 secondary-capture image whose stored values ramp 0..4095 along x
// (16 allocated, 12 stored); `extra` adds attributes.
DatasetBuilder rampImage(const std::function<void(DatasetBuilder&)>& extra, const std::string& photometric = "MONOCHROME2",
                         std::uint16_t highBitsGarbage = 0) {
    DatasetBuilder b;
    b.text(tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
        .text(tags::SOPInstanceUID, "UI", generateUid())
        .text(tags::Modality, "CS", "OT")
        .text(tags::PatientName, "PN", "TEST^PIPELINE")
        .us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", photometric)
        .us(tags::Rows, 16)
        .us(tags::Columns, 256)
        .us(tags::BitsAllocated, 16)
        .us(tags::BitsStored, 12)
        .us(tags::HighBit, 11)
        .us(tags::PixelRepresentation, 0);
    std::vector<std::uint8_t> pixels;
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 256; ++x) {
            const std::uint16_t v = std::uint16_t((x * 4095) / 255) | highBitsGarbage;
            pixels.push_back(std::uint8_t(v & 0xFF));
            pixels.push_back(std::uint8_t(v >> 8));
        }
    b.binary(tags::PixelData, "OW", pixels);
    extra(b);
    return b;
}

std::int32_t storedAt(int x) { return (x * 4095) / 255; }

DisplayImage renderFile(const QString& path, VoiSelection voi = {}, int bits = 16) {
    DicomFile f = DicomFile::open(path.toStdString());
    PixelDecoder d(f);
    Frame frame = d.decode(0);
    ImageLuts luts = ImageLuts::from(f, d.description().photometric, 0);
    return renderGrayscale(frame, luts, voi, bits, d.description().photometric == Photometric::Monochrome1);
}

// PS3.3 C.11.2.1.2.1
double linear(double x, double c, double w) {
    if (x <= c - 0.5 - (w - 1) / 2) return 0;
    if (x > c - 0.5 + (w - 1) / 2) return 1;
    return (x - (c - 0.5)) / (w - 1) + 0.5;
}
// PS3.3 C.11.2.1.3.2
double linearExact(double x, double c, double w) {
    if (x <= c - w / 2) return 0;
    if (x > c + w / 2) return 1;
    return (x - c) / w + 0.5;
}
// PS3.3 C.11.2.1.3.1
double sigmoid(double x, double c, double w) { return 1.0 / (1.0 + std::exp(-4.0 * (x - c) / w)); }

}  // namespace

class TestGrayscalePipeline : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    QString write(const QString& name, const DatasetBuilder& b) {
        const QString path = dir.filePath(name);
        b.write(path.toStdString());
        return path;
    }

    void checkFunction(const char* function, double (*formula)(double, double, double), double slope, double intercept) {
        const double c = 900, w = 1200;
        QString path = write(QString("voi_%1.dcm").arg(function), rampImage([&](DatasetBuilder& b) {
            b.text(tags::WindowCenter, "DS", formatDs(c)).text(tags::WindowWidth, "DS", formatDs(w))
                .text(tags::VOILUTFunction, "CS", function)
                .text(tags::RescaleSlope, "DS", formatDs(slope)).text(tags::RescaleIntercept, "DS", formatDs(intercept));
        }));
        DisplayImage img = renderFile(path);
        QCOMPARE(img.width, 256);
        for (int x = 0; x < 256; ++x) {
            const double modality = slope * storedAt(x) + intercept;
            const auto expected = std::uint16_t(std::lround(formula(modality, c, w) * 65535.0));
            QVERIFY2(std::abs(int(img.samples[std::size_t(x)]) - int(expected)) <= 1,
                     qPrintable(QString("%1 at x=%2: got %3, PS3.3 gives %4").arg(function).arg(x).arg(img.samples[std::size_t(x)]).arg(expected)));
        }
        // And through the command line, 16-bit PNG.
        test::ProcessResult r = test::runCli({"render", path, "--out", dir.filePath("out.png"), "--16bit"});
        QCOMPARE(r.exitCode, 0);
        QImage png(dir.filePath("out.png"));
        QCOMPARE(png.format(), QImage::Format_Grayscale16);
        const auto* row = reinterpret_cast<const quint16*>(png.constScanLine(0));
        for (int x = 0; x < 256; ++x) QVERIFY(std::abs(int(row[x]) - int(img.samples[std::size_t(x)])) == 0);
    }

private slots:
    void initTestCase() { QVERIFY(dir.isValid()); }

    void linearWindow() { checkFunction("LINEAR", linear, 1.0, 0.0); }
    void linearExactWindow() { checkFunction("LINEAR_EXACT", linearExact, 1.0, 0.0); }
    void sigmoidWindow() { checkFunction("SIGMOID", sigmoid, 1.0, 0.0); }
    void sigmoidWithRescale() { checkFunction("SIGMOID", sigmoid, 0.5, -100.0); }

    void windowFormulaEdges() {
        WindowLevel w{40, 400, VoiFunction::Linear, {}};
        QCOMPARE(w.apply(40 - 0.5 - 199.5), 0.0);   // at the lower bound: ymin
        QCOMPARE(w.apply(40 - 0.5 + 199.5 + 0.001), 1.0);
        QCOMPARE(w.apply(39.5), 0.5);
        WindowLevel e{0, 100, VoiFunction::LinearExact, {}};
        QCOMPARE(e.apply(-50), 0.0);
        QCOMPARE(e.apply(0), 0.5);
        QCOMPARE(e.apply(25), 0.75);
        WindowLevel s{0, 100, VoiFunction::Sigmoid, {}};
        QCOMPARE(s.apply(0), 0.5);
        QVERIFY(std::fabs(s.apply(25) - 1.0 / (1.0 + std::exp(-1.0))) < 1e-12);
    }

    void secondWindowByIndex() {
        QString path = write("two.dcm", rampImage([](DatasetBuilder& b) {
            b.text(tags::WindowCenter, "DS", "100\\2000").text(tags::WindowWidth, "DS", "50\\4000");
        }));
        VoiSelection second;
        second.kind = VoiSelection::Kind::WindowIndex;
        second.index = 1;
        DisplayImage img = renderFile(path, second);
        for (int x = 0; x < 256; x += 17)
            QCOMPARE(int(img.samples[std::size_t(x)]), int(std::lround(linear(storedAt(x), 2000, 4000) * 65535)));
        VoiSelection third = second;
        third.index = 2;
        QVERIFY_THROWS_EXCEPTION(lightbox::core::Error, renderFile(path, third));
        test::ProcessResult r = test::runCli({"render", path, "--out", dir.filePath("x.png"), "--voi-index", "3"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("window 3 requested"));
    }

    void minMaxWhenNoWindow() {
        QString path = write("minmax.dcm", rampImage([](DatasetBuilder&) {}));
        DisplayImage img = renderFile(path, {}, 8);
        QCOMPARE(int(img.samples[0]), 0);
        QCOMPARE(int(img.samples[255]), 255);
        QCOMPARE(int(img.samples[128]), int(std::lround(double(storedAt(128)) / 4095.0 * 255)));
    }

    void monochrome1IsInverted() {
        QString path = write("mono1.dcm", rampImage([](DatasetBuilder& b) {
            b.text(tags::WindowCenter, "DS", "2048").text(tags::WindowWidth, "DS", "4096");
        }, "MONOCHROME1"));
        DisplayImage img = renderFile(path, {}, 8);
        QVERIFY(img.samples[0] > 250);   // minimum stored value is white
        QVERIFY(img.samples[255] < 5);
    }

    void bitsAboveBitsStoredAreMasked() {
        // Bits 12-15 carry garbage (as overlay-in-pixel or sloppy writers do).
        QString path = write("garbage.dcm", rampImage([](DatasetBuilder& b) {
            b.text(tags::WindowCenter, "DS", "2048").text(tags::WindowWidth, "DS", "4096");
        }, "MONOCHROME2", 0xA000));
        DicomFile f = DicomFile::open(path.toStdString());
        Frame frame = PixelDecoder(f).decode(0);
        for (int x = 0; x < 256; ++x) QCOMPARE(frame.values[std::size_t(x)], storedAt(x));
    }

    void modalityAndVoiLutSequences() {
        // Modality LUT: stored v -> 4095 - v (12-bit); VOI LUT: 4096 entries, 8-bit output v/16.
        auto lutItem = [](std::uint16_t entries, std::uint16_t first, std::uint16_t bits, const std::vector<std::uint16_t>& data) {
            DatasetBuilder item;
            item.usValues(tags::LUTDescriptor, {entries, first, bits});
            std::vector<std::uint8_t> bytes;
            for (auto v : data) { bytes.push_back(std::uint8_t(v & 0xFF)); bytes.push_back(std::uint8_t(v >> 8)); }
            item.binary(tags::LUTData, "OW", bytes);
            return item;
        };
        std::vector<std::uint16_t> modality(4096), voi(4096);
        for (int i = 0; i < 4096; ++i) {
            modality[std::size_t(i)] = std::uint16_t(4095 - i);
            voi[std::size_t(i)] = std::uint16_t(i / 16);
        }
        QString path = write("luts.dcm", rampImage([&](DatasetBuilder& b) {
            DatasetBuilder m = lutItem(4096, 0, 12, modality);
            m.text(tags::ModalityLUTType, "LO", "US");
            b.sequence(tags::ModalityLUTSequence, {m});
            b.sequence(tags::VOILUTSequence, {lutItem(4096, 0, 8, voi)});
        }));
        DisplayImage img = renderFile(path, {}, 8);  // default: no window -> first VOI LUT
        for (int x = 0; x < 256; x += 5) {
            const int m = 4095 - storedAt(x);
            QCOMPARE(int(img.samples[std::size_t(x)]), int(std::lround(double(m / 16) / 255.0 * 255)));
        }
    }
};

QTEST_GUILESS_MAIN(TestGrayscalePipeline)
#include "tst_grayscale_pipeline.moc"
