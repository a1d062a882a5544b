// Presentation states read, applied and written by core, against expectations
// computed here: the displayed area with every rotation and flip, shutters
// (rectangular, circular, polygonal, bitmap), graphic layers in order and in
// their colours, DISPLAY and PIXEL units, text, overlay activation, the round
// trip of a written state, clear errors for broken states, and the archive's
// list of the states that reference an image.

#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/PresentationStates.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Measurement.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/SyntheticRods.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>

using namespace lightbox;
using namespace lightbox::core;

namespace {

constexpr int kColumns = 64, kRows = 48;
const std::string kStudy = uidFromName("tst_presentation_state/study");
const std::string kSeries = uidFromName("tst_presentation_state/series");
const char* kScImage = "1.2.840.10008.5.1.4.1.1.7";

// A 64 x 48 image whose stored value is column + 64 row (12 bits), with an
// optional overlay plane in group 6000: a 5 x 5 square at rows 41-45, columns 51-55.
std::string testImage(const std::string& sop, bool withOverlay = false, const char* photometric = "MONOCHROME2") {
    DatasetBuilder b;
    b.text(tags::SOPClassUID, "UI", kScImage).text(tags::SOPInstanceUID, "UI", sop)
        .text(tags::StudyInstanceUID, "UI", kStudy).text(tags::SeriesInstanceUID, "UI", kSeries)
        .text(tags::PatientName, "PN", "TEST^GSPS").text(tags::PatientID, "LO", "LBX-GSPS")
        .text(tags::StudyDate, "DA", "20261101").text(tags::StudyTime, "TM", "101010")
        .text(tags::Modality, "CS", "OT").text(tags::SeriesNumber, "IS", "1").text(tags::InstanceNumber, "IS", "1")
        .us(tags::SamplesPerPixel, 1).text(tags::PhotometricInterpretation, "CS", photometric)
        .us(tags::Rows, kRows).us(tags::Columns, kColumns)
        .us(tags::BitsAllocated, 16).us(tags::BitsStored, 12).us(tags::HighBit, 11).us(tags::PixelRepresentation, 0)
        .text(tags::PixelSpacing, "DS", "0.5\\0.5");
    std::vector<std::uint8_t> px;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kColumns; ++c) {
            const int v = c + kColumns * r;
            px.push_back(std::uint8_t(v & 0xFF)), px.push_back(std::uint8_t(v >> 8));
        }
    b.binary(tags::PixelData, "OW", px);
    if (withOverlay) {
        std::vector<std::uint8_t> bits(kRows * kColumns / 8, 0);
        for (int r = 40; r < 45; ++r)
            for (int c = 50; c < 55; ++c) {
                const int i = r * kColumns + c;
                bits[std::size_t(i / 8)] |= std::uint8_t(1u << (i % 8));
            }
        b.us(Tag(0x6000, 0x0010), kRows).us(Tag(0x6000, 0x0011), kColumns).text(Tag(0x6000, 0x0040), "CS", "G");
        b.binary(Tag(0x6000, 0x0050), "SS", std::vector<std::uint8_t>{1, 0, 1, 0});
        b.us(Tag(0x6000, 0x0100), 1).us(Tag(0x6000, 0x0102), 0).binary(Tag(0x6000, 0x3000), "OW", bits);
    }
    return b.toBytes();
}

DatasetBuilder refImage(const std::string& sop) {
    DatasetBuilder i;
    i.text(Tag(0x0008, 0x1150), "UI", kScImage).text(Tag(0x0008, 0x1155), "UI", sop);
    return i;
}

// The minimum of a GSPS by hand (not through our writer): references, a
// window, IDENTITY, the whole image displayed.
DatasetBuilder handWrittenPr(const std::string& imageSop) {
    DatasetBuilder b;
    b.text(tags::SOPClassUID, "UI", kGrayscaleSoftcopyPresentationStateStorage).text(tags::SOPInstanceUID, "UI", generateUid())
        .text(tags::StudyInstanceUID, "UI", kStudy).text(tags::SeriesInstanceUID, "UI", generateUid()).text(tags::Modality, "CS", "PR");
    DatasetBuilder series;
    series.sequence(Tag(0x0008, 0x1140), {refImage(imageSop)}).text(tags::SeriesInstanceUID, "UI", kSeries);
    b.sequence(Tag(0x0008, 0x1115), {series});
    DatasetBuilder voi;
    voi.text(tags::WindowCenter, "DS", "4000").text(tags::WindowWidth, "DS", "8000");
    b.sequence(Tag(0x0028, 0x3110), {voi});
    b.text(tags::PresentationLUTShape, "CS", "IDENTITY");
    return b;
}

DatasetBuilder displayedArea(int l, int t, int r, int btm, const char* aspect = "1\\1") {
    DatasetBuilder a;
    std::vector<std::int32_t> tl{l, t}, br{r, btm};
    std::vector<std::uint8_t> tlb(8), brb(8);
    std::memcpy(tlb.data(), tl.data(), 8);
    std::memcpy(brb.data(), br.data(), 8);
    a.binary(Tag(0x0070, 0x0052), "SL", tlb).binary(Tag(0x0070, 0x0053), "SL", brb).text(Tag(0x0070, 0x0100), "CS", "SCALE TO FIT")
        .text(Tag(0x0070, 0x0102), "IS", aspect);
    return a;
}

DatasetBuilder layerItem(const std::string& name, int order, std::optional<std::uint16_t> gray,
                         std::optional<std::array<std::uint16_t, 3>> lab = std::nullopt) {
    DatasetBuilder l;
    l.text(Tag(0x0070, 0x0002), "CS", name).text(Tag(0x0070, 0x0062), "IS", std::to_string(order));
    if (gray) l.us(Tag(0x0070, 0x0066), *gray);
    if (lab) l.usValues(Tag(0x0070, 0x0401), {(*lab)[0], (*lab)[1], (*lab)[2]});
    return l;
}

DatasetBuilder graphic(const char* units, const char* type, const std::vector<float>& xy, bool filled = false) {
    DatasetBuilder g;
    g.text(Tag(0x0070, 0x0005), "CS", units).us(Tag(0x0070, 0x0020), 2).us(Tag(0x0070, 0x0021), std::uint16_t(xy.size() / 2))
        .fl(Tag(0x0070, 0x0022), xy).text(Tag(0x0070, 0x0023), "CS", type);
    if (filled || std::string(type) == "CIRCLE") g.text(Tag(0x0070, 0x0024), "CS", filled ? "Y" : "N");
    return g;
}

DatasetBuilder annotation(const std::string& layer, const std::vector<DatasetBuilder>& graphics,
                          const std::vector<DatasetBuilder>& texts = {}) {
    DatasetBuilder a;
    a.text(Tag(0x0070, 0x0002), "CS", layer);
    if (!graphics.empty()) a.sequence(Tag(0x0070, 0x0009), graphics);
    if (!texts.empty()) a.sequence(Tag(0x0070, 0x0008), texts);
    return a;
}

struct Image {
    DicomFile file;
    Frame frame;
};

Image openImage(const std::string& bytes) {
    Image i{DicomFile::fromBytes(bytes, "test image"), {}};
    i.frame = PixelDecoder(i.file).decode(0);
    return i;
}

DisplayImage render(const Image& image, const DatasetBuilder& pr, PresentationRenderOptions options = {}) {
    const DicomFile prFile = DicomFile::fromBytes(pr.toBytes(), "test pr");
    options.outputBits = 16;
    return renderWithPresentationState(image.frame, image.file, PresentationState::from(prFile), 1, options);
}

std::uint16_t at(const DisplayImage& d, int x, int y, int channel = 0) {
    return d.samples[(std::size_t(y) * std::size_t(d.width) + std::size_t(x)) * std::size_t(d.channels) + std::size_t(channel)];
}

// Where output pixel (ox, oy) comes from in the displayed area (u, v),
// written out per case (rotation clockwise, then horizontal flip).
std::pair<int, int> sourceOf(int ox, int oy, int w, int h, int rotation, bool flip) {
    const int outW = (rotation == 90 || rotation == 270) ? h : w;
    const int x = flip ? outW - 1 - ox : ox, y = oy;
    switch (rotation) {
        case 90: return {y, h - 1 - x};
        case 180: return {w - 1 - x, h - 1 - y};
        case 270: return {w - 1 - y, x};
        default: return {x, y};
    }
}

}  // namespace

class TestPresentationState : public QObject {
    Q_OBJECT

    const std::string imageSop = uidFromName("tst_presentation_state/image1");
    Image image = openImage(testImage(imageSop, true));
    DisplayImage base;  // the whole image through the hand-written state's pixel stages

private slots:
    void initTestCase() {
        base = render(image, handWrittenPr(imageSop));
        QCOMPARE(base.width, kColumns);
        QCOMPARE(base.height, kRows);
        // LINEAR window 4000 / 8000: strictly increasing, never white.
        QVERIFY(at(base, 1, 0) > at(base, 0, 0));
        QVERIFY(at(base, kColumns - 1, kRows - 1) < 65535);
    }

    void displayedAreaAndSpatialTransform_data() {
        QTest::addColumn<int>("rotation");
        QTest::addColumn<bool>("flip");
        QTest::addColumn<QList<int>>("area");
        for (int rotation : {0, 90, 180, 270})
            for (bool flip : {false, true}) {
                QTest::addRow("rot %d%s inside", rotation, flip ? " flip" : "") << rotation << flip << QList<int>{5, 7, 44, 40};
                QTest::addRow("rot %d%s beyond", rotation, flip ? " flip" : "") << rotation << flip << QList<int>{-3, 30, 70, 52};
            }
    }

    void displayedAreaAndSpatialTransform() {
        QFETCH(int, rotation);
        QFETCH(bool, flip);
        QFETCH(QList<int>, area);
        const int L = area[0], T = area[1], R = area[2], B = area[3];
        // Stored corners name the pixels shown top left / bottom right after the transformation.
        DatasetBuilder pr = handWrittenPr(imageSop);
        std::array<int, 4> c{};
        switch (rotation) {
            case 90: c = flip ? std::array{L, T, R, B} : std::array{L, B, R, T}; break;
            case 180: c = flip ? std::array{L, B, R, T} : std::array{R, B, L, T}; break;
            case 270: c = flip ? std::array{R, B, L, T} : std::array{R, T, L, B}; break;
            default: c = flip ? std::array{R, T, L, B} : std::array{L, T, R, B}; break;
        }
        pr.sequence(Tag(0x0070, 0x005A), {displayedArea(c[0], c[1], c[2], c[3])});
        pr.us(Tag(0x0070, 0x0042), std::uint16_t(rotation)).text(Tag(0x0070, 0x0041), "CS", flip ? "Y" : "N");
        const DisplayImage out = render(image, pr);
        const int w = R - L + 1, h = B - T + 1;
        const bool swap = rotation == 90 || rotation == 270;
        QCOMPARE(out.width, swap ? h : w);
        QCOMPARE(out.height, swap ? w : h);
        for (int oy = 0; oy < out.height; ++oy)
            for (int ox = 0; ox < out.width; ++ox) {
                const auto [u, v] = sourceOf(ox, oy, w, h, rotation, flip);
                const int col = L - 1 + u, row = T - 1 + v;
                const std::uint16_t expected = (col < 0 || row < 0 || col >= kColumns || row >= kRows) ? 0 : at(base, col, row);
                if (at(out, ox, oy) != expected)
                    QFAIL(qPrintable(QString("output (%1,%2): %3, expected %4 (image column %5 row %6)")
                                         .arg(ox).arg(oy).arg(at(out, ox, oy)).arg(expected).arg(col).arg(row)));
            }
    }

    // Presentation Pixel Aspect Ratio 2:1 (row : column): every pixel shown
    // twice as tall - after a quarter turn, twice as wide.
    void pixelAspectRatio() {
        DatasetBuilder pr = handWrittenPr(imageSop);
        pr.sequence(Tag(0x0070, 0x005A), {displayedArea(1, 1, kColumns, kRows, "2\\1")});
        DisplayImage out = render(image, pr);
        QCOMPARE(out.width, kColumns);
        QCOMPARE(out.height, 2 * kRows);
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x) QCOMPARE(at(out, x, y), at(base, x, y / 2));
        // A line along image row 10 (its centre, 10.5) lands on output row 21.
        pr.sequence(Tag(0x0070, 0x0060), {layerItem("L", 1, 0xFFFF)});
        pr.sequence(Tag(0x0070, 0x0001), {annotation("L", {graphic("PIXEL", "POLYLINE", {0.5f, 10.5f, 60.5f, 10.5f})})});
        out = render(image, pr);
        QCOMPARE(at(out, 30, 21), std::uint16_t(0xFFFF));
        QCOMPARE(at(out, 30, 19), at(base, 30, 9));
        // Rotated 90 degrees: 2 x 48 columns by 64 rows; output (x, y) shows area (y, 47 - x / 2).
        pr = handWrittenPr(imageSop);
        pr.sequence(Tag(0x0070, 0x005A), {displayedArea(1, kRows, kColumns, 1, "2\\1")});
        pr.us(Tag(0x0070, 0x0042), 90).text(Tag(0x0070, 0x0041), "CS", "N");
        out = render(image, pr);
        QCOMPARE(out.width, 2 * kRows);
        QCOMPARE(out.height, kColumns);
        for (int y = 0; y < out.height; ++y)
            for (int x = 0; x < out.width; ++x) QCOMPARE(at(out, x, y), at(base, y, kRows - 1 - x / 2));
    }

    void shutters() {
        // Rectangle and circle together: what lies outside either is shuttered.
        DatasetBuilder pr = handWrittenPr(imageSop);
        pr.text(Tag(0x0018, 0x1600), "CS", "RECTANGULAR\\CIRCULAR")
            .text(Tag(0x0018, 0x1602), "IS", "5").text(Tag(0x0018, 0x1604), "IS", "40")
            .text(Tag(0x0018, 0x1606), "IS", "6").text(Tag(0x0018, 0x1608), "IS", "30")
            .text(Tag(0x0018, 0x1610), "IS", "20\\22").text(Tag(0x0018, 0x1612), "IS", "15")
            .us(Tag(0x0018, 0x1622), 0xFFFF);
        DisplayImage out = render(image, pr);
        int shut = 0;
        for (int r = 0; r < kRows; ++r)
            for (int c = 0; c < kColumns; ++c) {
                const int c1 = c + 1, r1 = r + 1;
                const bool outside = c1 < 5 || c1 > 40 || r1 < 6 || r1 > 30 || (c1 - 22) * (c1 - 22) + (r1 - 20) * (r1 - 20) > 225;
                shut += outside;
                QCOMPARE(at(out, c, r), outside ? std::uint16_t(0xFFFF) : at(base, c, r));
            }
        QVERIFY(shut > 1000 && shut < kRows * kColumns - 300);

        // A polygon (a triangle), shutter value 0.
        pr = handWrittenPr(imageSop);
        pr.text(Tag(0x0018, 0x1600), "CS", "POLYGONAL").text(Tag(0x0018, 0x1620), "IS", "5\\5\\45\\5\\5\\60")  // row\column
            .us(Tag(0x0018, 0x1622), 0);
        out = render(image, pr);
        // Inside the triangle (columns 5..60 at row 5, narrowing to column 5 at row 45): half-plane tests.
        for (int r = 0; r < kRows; ++r)
            for (int c = 0; c < kColumns; ++c) {
                const double x = c + 1, y = r + 1;
                const bool inside = y > 5 && x > 5 && (x - 5) / 55.0 + (y - 5) / 40.0 < 1;
                const bool onEdge = std::fabs(y - 5) < 1e-9 || std::fabs(x - 5) < 1e-9 || std::fabs((x - 5) / 55.0 + (y - 5) / 40.0 - 1) < 0.03;
                if (onEdge) continue;
                QCOMPARE(at(out, c, r), inside ? at(base, c, r) : std::uint16_t(0));
            }

        // A bitmap shutter from an overlay plane the state carries (group 6002):
        // its set bits are shuttered.
        pr = handWrittenPr(imageSop);
        std::vector<std::uint8_t> bits(kRows * kColumns / 8, 0);
        for (int i = 0; i < kColumns * 10; ++i) bits[std::size_t(i / 8)] |= std::uint8_t(1u << (i % 8));  // the first 10 rows
        pr.us(Tag(0x6002, 0x0010), kRows).us(Tag(0x6002, 0x0011), kColumns).text(Tag(0x6002, 0x0040), "CS", "G")
            .binary(Tag(0x6002, 0x0050), "SS", std::vector<std::uint8_t>{1, 0, 1, 0})
            .us(Tag(0x6002, 0x0100), 1).us(Tag(0x6002, 0x0102), 0).binary(Tag(0x6002, 0x3000), "OW", bits)
            .text(Tag(0x0018, 0x1600), "CS", "BITMAP").us(Tag(0x0018, 0x1623), 0x6002).us(Tag(0x0018, 0x1622), 0x8000);
        out = render(image, pr);
        QCOMPARE(at(out, 7, 9), std::uint16_t(0x8000));
        QCOMPARE(at(out, 7, 10), at(base, 7, 10));
        // Shutters off: the pixels as they are.
        PresentationRenderOptions noShutters;
        noShutters.shutters = false;
        out = render(image, pr, noShutters);
        QCOMPARE(at(out, 7, 9), at(base, 7, 9));
    }

    // The state's Modality LUT replaces the image's own, also where the
    // image's is a Modality LUT Sequence (stored v -> v + v^2/8192): the
    // state's Rescale (2, -100), then the state's own table (4095 - v), each
    // under the state's window 4000/8000; without one, the image's table.
    void stateModalityOverridesTheImagesTable() {
        const std::string sop = uidFromName("tst_presentation_state/table-image");
        auto lutItem = [](int bits, const std::function<int(int)>& f) {
            DatasetBuilder item;
            item.usValues(tags::LUTDescriptor, {4096, 0, std::uint16_t(bits)});
            std::vector<std::uint8_t> bytes;
            for (int i = 0; i < 4096; ++i) bytes.push_back(std::uint8_t(f(i) & 0xFF)), bytes.push_back(std::uint8_t(f(i) >> 8));
            item.binary(tags::LUTData, "OW", bytes);
            item.text(tags::ModalityLUTType, "LO", "US");
            return item;
        };
        auto imageTable = [](int v) { return v + v * v / 8192; };
        DatasetBuilder b;  // testImage with a Modality LUT Sequence
        b.text(tags::SOPClassUID, "UI", kScImage).text(tags::SOPInstanceUID, "UI", sop)
            .text(tags::StudyInstanceUID, "UI", kStudy).text(tags::SeriesInstanceUID, "UI", kSeries)
            .text(tags::PatientName, "PN", "TEST^GSPS").text(tags::PatientID, "LO", "LBX-GSPS")
            .text(tags::Modality, "CS", "OT").text(tags::InstanceNumber, "IS", "1")
            .us(tags::SamplesPerPixel, 1).text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
            .us(tags::Rows, kRows).us(tags::Columns, kColumns)
            .us(tags::BitsAllocated, 16).us(tags::BitsStored, 12).us(tags::HighBit, 11).us(tags::PixelRepresentation, 0);
        b.sequence(tags::ModalityLUTSequence, {lutItem(16, imageTable)});
        std::vector<std::uint8_t> px;
        for (int r = 0; r < kRows; ++r)
            for (int c = 0; c < kColumns; ++c) {
                const int v = c + kColumns * r;
                px.push_back(std::uint8_t(v & 0xFF)), px.push_back(std::uint8_t(v >> 8));
            }
        b.binary(tags::PixelData, "OW", px);
        const Image tableImage = openImage(b.toBytes());
        QVERIFY(tableImage.file.has(tags::ModalityLUTSequence));

        auto windowed = [](double m) {  // LINEAR, C 4000, W 8000 (PS3.3 C.11.2.1.2.1), to 16 bits
            const double c = 4000, w = 8000;
            double y = (m - (c - 0.5)) / (w - 1) + 0.5;
            if (m <= c - 0.5 - (w - 1) / 2) y = 0;
            if (m > c - 0.5 + (w - 1) / 2) y = 1;
            return y * 65535;
        };
        DatasetBuilder withRescale = handWrittenPr(sop);
        withRescale.text(tags::RescaleSlope, "DS", "2").text(tags::RescaleIntercept, "DS", "-100").text(tags::RescaleType, "LO", "US");
        DatasetBuilder withTableState = handWrittenPr(sop);
        withTableState.sequence(tags::ModalityLUTSequence, {lutItem(12, [](int v) { return 4095 - v; })});
        const struct {
            const char* name;
            DatasetBuilder pr;
            std::function<double(int)> modality;
        } cases[] = {
            {"state rescale", withRescale, [](int v) { return 2.0 * v - 100; }},
            {"state table", withTableState, [](int v) { return 4095.0 - v; }},
            {"no state modality: the image's table", handWrittenPr(sop), [&](int v) { return double(imageTable(v)); }},
        };
        for (const auto& c : cases) {
            const DisplayImage out = render(tableImage, c.pr);
            int worst = 0;
            for (int r = 0; r < kRows; ++r)
                for (int col = 0; col < kColumns; ++col)
                    worst = std::max(worst, int(std::abs(at(out, col, r) - windowed(c.modality(col + kColumns * r)))));
            QVERIFY2(worst <= 1, qPrintable(QString("%1: largest difference %2 of 65535").arg(c.name).arg(worst)));
        }
    }

    void graphicLayersInOrderAndColour() {
        DatasetBuilder pr = handWrittenPr(imageSop);
        // Listed top first: the order attribute decides, not the sequence order.
        pr.sequence(Tag(0x0070, 0x0060), {layerItem("TOP", 2, 0xC000), layerItem("BOTTOM", 1, 0x4000)});
        pr.sequence(Tag(0x0070, 0x0001),
                    {annotation("TOP", {graphic("PIXEL", "POLYLINE", {20.5f, 0.5f, 20.5f, 40.5f}),
                                        graphic("PIXEL", "CIRCLE", {45.5f, 35.5f, 50.5f, 35.5f}, true)}),
                     annotation("BOTTOM", {graphic("PIXEL", "POLYLINE", {0.5f, 10.5f, 60.5f, 10.5f}),
                                           graphic("DISPLAY", "POINT", {0.5f, 0.5f})})});
        DisplayImage out = render(image, pr);
        QCOMPARE(at(out, 20, 10), std::uint16_t(0xC000));  // the crossing: top layer wins
        QCOMPARE(at(out, 40, 10), std::uint16_t(0x4000));
        QCOMPARE(at(out, 20, 30), std::uint16_t(0xC000));
        QCOMPARE(at(out, 45, 35), std::uint16_t(0xC000));  // filled circle: the centre
        QCOMPARE(at(out, 43, 34), std::uint16_t(0xC000));
        QCOMPARE(at(out, 32, 24), std::uint16_t(0x4000));  // DISPLAY (0.5, 0.5): the middle of the display
        QCOMPARE(at(out, 5, 5), at(base, 5, 5));
        QCOMPARE(at(out, 45, 28), at(base, 45, 28));       // outside the circle (radius 5)

        // Graphics off: the pixel stages only.
        PresentationRenderOptions off;
        off.graphics = false;
        const DisplayImage plain = render(image, pr, off);
        QVERIFY(plain.samples == base.samples);

        // Rotated 90 degrees: PIXEL graphics turn with the image. Image row 10
        // becomes output column 48 - 1 - 10 = 37.
        pr.us(Tag(0x0070, 0x0042), 90).text(Tag(0x0070, 0x0041), "CS", "N");
        out = render(image, pr);
        QCOMPARE(out.width, kRows);
        QCOMPARE(at(out, 37, 40), std::uint16_t(0x4000));
        QCOMPARE(at(out, 37, 20), std::uint16_t(0xC000));  // the crossing, image (20, 10)
    }

    void cielabLayerGivesColour() {
        DatasetBuilder pr = handWrittenPr(imageSop);
        // CIELab of sRGB red: L* 53.24, a* 80.09, b* 67.20 (scaled to 16 bits).
        const std::array<std::uint16_t, 3> red{std::uint16_t(std::lround(53.24 * 65535 / 100)),
                                               std::uint16_t(std::lround((80.09 + 128) * 65535 / 255)),
                                               std::uint16_t(std::lround((67.20 + 128) * 65535 / 255))};
        pr.sequence(Tag(0x0070, 0x0060), {layerItem("RED", 1, std::nullopt, red)});
        pr.sequence(Tag(0x0070, 0x0001), {annotation("RED", {graphic("PIXEL", "POLYLINE", {0.5f, 10.5f, 60.5f, 10.5f})})});
        const DisplayImage out = render(image, pr);
        QCOMPARE(out.channels, 3);
        QVERIFY(at(out, 30, 10, 0) > 64000);
        QVERIFY(at(out, 30, 10, 1) < 2000);
        QVERIFY(at(out, 30, 10, 2) < 2000);
        QCOMPARE(at(out, 30, 20, 0), at(base, 30, 20));  // gray stays gray
        QCOMPARE(at(out, 30, 20, 1), at(base, 30, 20));
    }

    void textInItsBoundingBox() {
        DatasetBuilder pr = handWrittenPr(imageSop);
        pr.sequence(Tag(0x0070, 0x0060), {layerItem("TEXT", 1, 0xFFFF)});
        DatasetBuilder text;
        text.text(Tag(0x0070, 0x0006), "ST", "AB 12").text(Tag(0x0070, 0x0003), "CS", "PIXEL")
            .fl(Tag(0x0070, 0x0010), {2, 30}).fl(Tag(0x0070, 0x0011), {40, 45}).text(Tag(0x0070, 0x0012), "CS", "LEFT");
        pr.sequence(Tag(0x0070, 0x0001), {annotation("TEXT", {}, {text})});
        const DisplayImage out = render(image, pr);
        int inside = 0, outside = 0;
        for (int r = 0; r < kRows; ++r)
            for (int c = 0; c < kColumns; ++c)
                if (at(out, c, r) == 0xFFFF) (c >= 2 && c < 40 && r >= 30 && r < 45 ? inside : outside)++;
        QVERIFY2(inside > 30, qPrintable(QString::number(inside)));
        QCOMPARE(outside, 0);
    }

    void overlayActivation() {
        // The image's overlay 6000 shows only when the state activates it, in its layer's colour.
        DatasetBuilder pr = handWrittenPr(imageSop);
        pr.sequence(Tag(0x0070, 0x0060), {layerItem("OVL", 1, 0x2000)});
        DisplayImage out = render(image, pr);
        QCOMPARE(at(out, 52, 42), at(base, 52, 42));
        pr.text(Tag(0x6000, 0x1001), "CS", "OVL");
        out = render(image, pr);
        QCOMPARE(at(out, 52, 42), std::uint16_t(0x2000));
        QCOMPARE(at(out, 50, 40), std::uint16_t(0x2000));
        QCOMPARE(at(out, 55, 45), at(base, 55, 45));
        PresentationRenderOptions off;
        off.graphics = false;
        out = render(image, pr, off);
        QCOMPARE(at(out, 52, 42), at(base, 52, 42));
    }

    // Overlays the state carries (one of two frames), their activation and a
    // bitmap shutter are written and read back as they were; a bitmap shutter
    // and a geometric one together are refused.
    void overlaysAndBitmapShutterRoundTrip() {
        PresentationState ps = presentationStateFor({}, {image.file});
        OverlayPlane two;
        two.group = 0x6002, two.rows = 5, two.columns = 7, two.originRow = -1, two.originColumn = 3, two.frames = 2;
        two.description = "two frames";
        for (int i = 0; i < 2 * 5 * 7; ++i) two.bits.push_back(std::uint8_t((i * 7 + i / 3) % 3 == 0));
        OverlayPlane shutter;
        shutter.group = 0x6004, shutter.rows = kRows, shutter.columns = kColumns;
        shutter.bits.assign(std::size_t(kRows) * std::size_t(kColumns), 0);
        shutter.bits[5] = 1;
        ps.overlays = {two, shutter};
        ps.overlayActivations = {{0x6002, "OVL"}};
        ps.layers = {GraphicLayer{"OVL", 1, {std::uint16_t(0x4000), std::nullopt}, "overlay"}};
        ps.shutters.bitmapOverlayGroup = 0x6004;
        ps.shutters.presentationValue = 0x1234;
        const PresentationState back = PresentationState::from(DicomFile::fromBytes(presentationStateBytes(ps, image.file), "pr"));
        QCOMPARE(back.overlays.size(), std::size_t(2));
        QCOMPARE(back.overlays[0].group, std::uint16_t(0x6002));
        QCOMPARE(back.overlays[0].frames, 2);
        QCOMPARE(back.overlays[0].originRow, -1);
        QCOMPARE(back.overlays[0].originColumn, 3);
        QCOMPARE(back.overlays[0].description, std::string("two frames"));
        QVERIFY(back.overlays[0].bits == two.bits);
        QVERIFY(back.overlays[1].bits == shutter.bits);
        QCOMPARE(back.overlayActivations.size(), std::size_t(1));
        QCOMPARE(back.overlayActivations[0].layer, std::string("OVL"));
        QCOMPARE(back.shutters.bitmapOverlayGroup.value_or(0), std::uint16_t(0x6004));
        QCOMPARE(back.shutters.presentationValue, std::uint16_t(0x1234));
        QVERIFY(!back.shutters.rectangular);
        ps.shutters.rectangular = true;
        ps.shutters.left = ps.shutters.upper = 1, ps.shutters.right = ps.shutters.lower = 10;
        QVERIFY_THROWS_EXCEPTION(Error, presentationStateBytes(ps, image.file));
    }

    // A Shutter Presentation Color CIELab Value another system sent is read.
    void shutterColourIsRead() {
        DatasetBuilder pr = handWrittenPr(imageSop);
        pr.text(Tag(0x0018, 0x1600), "CS", "RECTANGULAR").text(Tag(0x0018, 0x1602), "IS", "2").text(Tag(0x0018, 0x1604), "IS", "10");
        pr.text(Tag(0x0018, 0x1606), "IS", "2").text(Tag(0x0018, 0x1608), "IS", "10").usValues(Tag(0x0018, 0x1624), {100, 200, 300});
        const PresentationState ps = PresentationState::from(DicomFile::fromBytes(pr.toBytes(), "pr"));
        QVERIFY(ps.shutters.rectangular);
        QVERIFY(ps.shutters.presentationColourCielab);
        QCOMPARE((*ps.shutters.presentationColourCielab)[0], std::uint16_t(100));
        QCOMPARE((*ps.shutters.presentationColourCielab)[2], std::uint16_t(300));
    }

    // "Graphics only": the user's window with the state's geometry and graphics.
    void graphicsOnlyKeepsTheUsersWindow() {
        DatasetBuilder pr = handWrittenPr(imageSop);
        pr.sequence(Tag(0x0070, 0x0060), {layerItem("L", 1, 0xFFFF)});
        pr.sequence(Tag(0x0070, 0x0001), {annotation("L", {graphic("PIXEL", "POLYLINE", {0.5f, 10.5f, 60.5f, 10.5f})})});
        pr.us(Tag(0x0070, 0x0042), 180).text(Tag(0x0070, 0x0041), "CS", "N");
        WindowLevel user;
        user.center = 1536, user.width = 3072;
        PresentationRenderOptions options;
        options.userVoi = VoiSelection::explicitWindow(user);
        const DisplayImage out = render(image, pr, options);
        const DisplayImage state = render(image, pr);
        // Pixel (10, 20) of the image is shown at (63 - 10, 47 - 20) after 180 degrees.
        const int v = 10 + kColumns * 20;
        QCOMPARE(at(out, 53, 27), std::uint16_t(std::lround(user.apply(v) * 65535)));
        QVERIFY(at(out, 53, 27) != at(state, 53, 27));
        QCOMPARE(at(out, 30, 37), std::uint16_t(0xFFFF));  // image row 10 -> output row 37
    }

    // Module items restricted to some images and frames apply there only.
    void applicabilityByImageAndFrame() {
        ImageSubset all;
        QVERIFY(all.appliesTo("1.2.3", 7));
        ImageSubset some{{{kScImage, "1.2.3", {2, 4}}, {kScImage, "1.2.4", {}}}};
        QVERIFY(some.appliesTo("1.2.3", 2));
        QVERIFY(some.appliesTo("1.2.3", 4));
        QVERIFY(!some.appliesTo("1.2.3", 3));
        QVERIFY(some.appliesTo("1.2.4", 3));
        QVERIFY(!some.appliesTo("1.2.5", 1));
        // Two VOI items: the second for one image only; each image gets its own.
        DatasetBuilder pr = handWrittenPr(imageSop);
        DatasetBuilder general, specific;
        general.sequence(Tag(0x0008, 0x1140), {refImage("9.9.9")}).text(tags::WindowCenter, "DS", "100").text(tags::WindowWidth, "DS", "50");
        specific.sequence(Tag(0x0008, 0x1140), {refImage(imageSop)}).text(tags::WindowCenter, "DS", "2000").text(tags::WindowWidth, "DS", "10");
        pr.sequence(Tag(0x0028, 0x3110), {general, specific});
        const PresentationState ps = PresentationState::from(DicomFile::fromBytes(pr.toBytes(), "pr"));
        QCOMPARE(ps.voiFor(imageSop, 1)->window->center, 2000.0);
        QCOMPARE(ps.voiFor("9.9.9", 1)->window->center, 100.0);
        QVERIFY(!ps.voiFor("1.2.3", 1));
    }

    // A state saved from the default display of a MONOCHROME1 image says
    // INVERSE, and shows the image as the plain pipeline does.
    void monochrome1LooksTheSame() {
        const Image mono1 = openImage(testImage(uidFromName("tst_presentation_state/mono1"), false, "MONOCHROME1"));
        CurrentDisplay d;
        WindowLevel w;
        w.center = 1500, w.width = 2000;
        d.window = w;
        const PresentationState ps = PresentationState::from(
            DicomFile::fromBytes(presentationStateBytes(presentationStateFor(d, {mono1.file}), mono1.file), "pr"));
        QCOMPARE(int(ps.presentationShape), int(PresentationShape::Inverse));
        PresentationRenderOptions o;
        o.outputBits = 16;
        const DisplayImage withState = renderWithPresentationState(mono1.frame, mono1.file, ps, 1, o);
        const DisplayImage plain = renderGrayscale(mono1.frame, ImageLuts::from(mono1.file, Photometric::Monochrome1),
                                                   VoiSelection::explicitWindow(w), 16, true);
        QVERIFY(withState.samples == plain.samples);
        QVERIFY(at(plain, 0, 0) > at(plain, 63, 47));  // inverted: low values bright
    }

    // The written displayed area carries the image's pixel aspect ratio.
    void writtenAspectRatioFollowsTheImage() {
        const RodPhantom ct = makeRodPhantom(RodPhantomKind::Ct, 30.0);   // Pixel Spacing 0.7\0.8
        const RodPhantom dx = makeRodPhantom(RodPhantomKind::ProjectionMagnified, 30.0);  // 0.15\0.15
        for (const auto& [p, expected] : {std::pair{&ct, std::array{7, 8}}, std::pair{&dx, std::array{1, 1}}}) {
            const DicomFile f = DicomFile::fromBytes(p->part10, "phantom");
            const PresentationState ps =
                PresentationState::from(DicomFile::fromBytes(presentationStateBytes(presentationStateFor({}, {f}), f), "pr"));
            QCOMPARE(ps.displayedAreas.at(0).pixelAspectRatio, expected);
        }
    }

    // What the viewer saves comes back: windowing, transforms, area,
    // measurements (graphics and their text), labels and shutters.
    void roundTrip() {
        CurrentDisplay d;
        // emplace, not assignment: g++ 12 -O2 warns (falsely) that the
        // disengaged optional's string is read when a WindowLevel is assigned.
        d.window.emplace();
        d.window->center = 1234.5;
        d.window->width = 789;
        d.spatial = {270, true};
        d.area = zoomPanArea(kColumns, kRows, 200, 100, 4.0, {30.25, 20.5});
        const Calibration c = Calibration::of(image.file);
        const std::vector<Point2> line{{3.5, 4.25}, {40.75, 30.5}};
        d.measurements.push_back({GraphicType::Polyline, line, false, formatLength(distance(line[0], line[1], c), c)});
        d.measurements.push_back({GraphicType::Ellipse, {{10, 20}, {30, 20}, {20, 15}, {20, 25}}, false, "area 12.5 mm2"});
        d.measurements.push_back({GraphicType::Circle, {{10, 10}, {13, 14}}, true, ""});
        d.measurements.push_back({GraphicType::Polyline, {{1, 1}, {5, 1}, {5, 5}, {1, 1}}, true, "closed"});
        d.labels.push_back({{12.5, 13.5}, "Größe: 5°"});
        d.shutters.rectangular = true;
        d.shutters.left = 2, d.shutters.right = 60, d.shutters.upper = 3, d.shutters.lower = 45;
        d.shutters.circular = true;
        d.shutters.circleCentre = {30, 25};
        d.shutters.circleRadius = 20;
        d.shutters.presentationValue = 1000;
        d.contentLabel = "round-trip test";
        const PresentationState written = presentationStateFor(d, {image.file});
        QCOMPARE(QString::fromStdString(written.contentLabel), QString("ROUND_TRIP TEST"));
        const std::string bytes = presentationStateBytes(written, image.file);
        const PresentationState back = PresentationState::from(DicomFile::fromBytes(bytes, "written"));

        QCOMPARE(back.sopInstanceUid, written.sopInstanceUid);
        QVERIFY(back.references(imageSop));
        QVERIFY(!back.references("1.2.3"));
        const SoftcopyVoi* v = back.voiFor(imageSop, 1);
        QVERIFY(v && v->window);
        QCOMPARE(v->window->center, 1234.5);
        QCOMPARE(v->window->width, 789.0);
        QCOMPARE(back.spatial, d.spatial);
        const DisplayedArea* a = back.displayedAreaFor(imageSop, 1);
        QVERIFY(a);
        // 200 x 100 screen pixels at zoom 4 = 50 x 25 image pixels around (30.25, 20.5).
        QCOMPARE((std::array{a->topLeftColumn, a->topLeftRow, a->bottomRightColumn, a->bottomRightRow}), *d.area);
        QCOMPARE(*d.area, (std::array{6, 9, 56, 33}));  // rows 8.0 .. 33.0: 0-based rows 8 .. 32
        QCOMPARE(back.layers.size(), std::size_t(2));
        QCOMPARE(back.annotations.size(), std::size_t(2));
        const GraphicAnnotation& m = back.annotations[0];
        QCOMPARE(m.graphics.size(), d.measurements.size());
        for (std::size_t i = 0; i < d.measurements.size(); ++i) {
            QCOMPARE(int(m.graphics[i].type), int(d.measurements[i].type));
            QCOMPARE(m.graphics[i].filled, d.measurements[i].filled);
            QCOMPARE(m.graphics[i].points.size(), d.measurements[i].points.size());
            for (std::size_t k = 0; k < m.graphics[i].points.size(); ++k) {
                QVERIFY(std::fabs(m.graphics[i].points[k].x - d.measurements[i].points[k].x) < 1e-4);
                QVERIFY(std::fabs(m.graphics[i].points[k].y - d.measurements[i].points[k].y) < 1e-4);
            }
        }
        // The measurement recomputed from the reloaded graphic is the one written.
        QVERIFY(std::fabs(distance(m.graphics[0].points[0], m.graphics[0].points[1], c) - distance(line[0], line[1], c)) < 1e-4);
        QCOMPARE(m.texts.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(m.texts[0].text), QString::fromStdString(d.measurements[0].text));
        QCOMPARE(QString::fromStdString(back.annotations[1].texts.at(0).text), QString::fromUtf8("Größe: 5°"));
        QVERIFY(back.shutters.rectangular && back.shutters.circular);
        QCOMPARE(back.shutters.left, 2);
        QCOMPARE(back.shutters.lower, 45);
        QCOMPARE(back.shutters.circleCentre, (Point2{30, 25}));
        QCOMPARE(back.shutters.circleRadius, 20.0);
        QCOMPARE(int(back.shutters.presentationValue), 1000);
        // Written again from what was read: the same data set (UIDs and all).
        QVERIFY(presentationStateBytes(back, image.file) == bytes);
    }

    void brokenStatesGiveOneClearError_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("an image, not a state") << 0 << int(ErrorCode::InvalidAttribute) << "not a Grayscale Softcopy";
        QTest::newRow("no referenced series") << 1 << int(ErrorCode::MissingAttribute) << "references no series";
        QTest::newRow("annotation in an unknown layer") << 2 << int(ErrorCode::InvalidAttribute) << "Graphic Layer Sequence lacks";
        QTest::newRow("graphic data too short") << 3 << int(ErrorCode::InvalidAttribute) << "Graphic Data holds";
        QTest::newRow("rotation 45") << 4 << int(ErrorCode::InvalidAttribute) << "Image Rotation 45";
        QTest::newRow("unknown graphic type") << 5 << int(ErrorCode::InvalidAttribute) << "Graphic Type 'SPLINE'";
        QTest::newRow("rectangular shutter without edges") << 6 << int(ErrorCode::MissingAttribute) << "rectangular shutter";
        QTest::newRow("displayed area corner far away") << 7 << int(ErrorCode::InvalidAttribute) << "out of range";
        QTest::newRow("displayed area larger than any display") << 8 << int(ErrorCode::InvalidAttribute) << "larger than any display";
        QTest::newRow("graphic coordinate not a number") << 9 << int(ErrorCode::InvalidAttribute) << "not a finite number";
    }

    void brokenStatesGiveOneClearError() {
        QFETCH(int, which);
        QFETCH(int, code);
        QFETCH(QString, words);
        DatasetBuilder pr = handWrittenPr(imageSop);
        std::string bytes;
        switch (which) {
            case 0: bytes = testImage(imageSop); break;
            case 1: {
                DatasetBuilder b;
                b.text(tags::SOPClassUID, "UI", kGrayscaleSoftcopyPresentationStateStorage).text(tags::SOPInstanceUID, "UI", "1.2.3");
                bytes = b.toBytes();
                break;
            }
            case 2: pr.sequence(Tag(0x0070, 0x0001), {annotation("NOWHERE", {graphic("PIXEL", "POINT", {1, 1})})}); break;
            case 3: {
                DatasetBuilder g = graphic("PIXEL", "POLYLINE", {1, 1, 2, 2});
                g.us(Tag(0x0070, 0x0021), 5);
                pr.sequence(Tag(0x0070, 0x0060), {layerItem("L", 1, 0xFFFF)});
                pr.sequence(Tag(0x0070, 0x0001), {annotation("L", {g})});
                break;
            }
            case 4: pr.us(Tag(0x0070, 0x0042), 45); break;
            case 5:
                pr.sequence(Tag(0x0070, 0x0060), {layerItem("L", 1, 0xFFFF)});
                pr.sequence(Tag(0x0070, 0x0001), {annotation("L", {graphic("PIXEL", "SPLINE", {1, 1, 2, 2})})});
                break;
            case 6: pr.text(Tag(0x0018, 0x1600), "CS", "RECTANGULAR"); break;
            case 7: pr.sequence(Tag(0x0070, 0x005A), {displayedArea(-2000000000, 1, 64, 48)}); break;
            case 8: pr.sequence(Tag(0x0070, 0x005A), {displayedArea(-60000, -60000, 60000, 60000)}); break;
            case 9:
                pr.sequence(Tag(0x0070, 0x0060), {layerItem("L", 1, 0xFFFF)});
                pr.sequence(Tag(0x0070, 0x0001), {annotation("L", {graphic("PIXEL", "POLYLINE", {1, 1, std::nanf(""), 2})})});
                break;
        }
        if (bytes.empty()) bytes = pr.toBytes();
        try {
            PresentationState::from(DicomFile::fromBytes(bytes, "broken"));
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(int(e.code()), code);
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
    }

    void stateForAnotherImageIsRefused() {
        const Image other = openImage(testImage(uidFromName("tst_presentation_state/other")));
        const PresentationState ps = PresentationState::from(DicomFile::fromBytes(handWrittenPr(imageSop).toBytes(), "pr"));
        try {
            renderWithPresentationState(other.frame, other.file, ps, 1);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QVERIFY(QString(e.what()).contains("does not reference"));
        }
    }

    void archiveListsTheStatesOfAnImage() {
        auto archive = archive::Archive::openInMemory();
        const std::string second = uidFromName("tst_presentation_state/image2");
        const std::string img1 = testImage(imageSop), img2 = testImage(second);
        for (const std::string* b : {&img1, &img2}) QCOMPARE(archive->store(*b, {"test", ""}).status, archive::StoreStatus::Stored);
        const Image i2 = openImage(img2);
        CurrentDisplay d;
        d.contentLabel = "FIRST";
        const std::string pr1 = presentationStateBytes(presentationStateFor(d, {image.file}), image.file);
        d.contentLabel = "BOTH";
        const std::string pr2 = presentationStateBytes(presentationStateFor(d, {image.file, i2.file}), image.file);
        d.contentLabel = "SECOND";
        const std::string pr3 = presentationStateBytes(presentationStateFor(d, {i2.file}), i2.file);
        for (const std::string* b : {&pr1, &pr2, &pr3}) QCOMPARE(archive->store(*b, {"test", ""}).status, archive::StoreStatus::Stored);
        auto labels = [&](const std::string& sop) {
            QStringList out;
            for (const auto& e : archive::presentationStatesFor(*archive, sop)) out << QString::fromStdString(e.contentLabel);
            out.sort();
            return out;
        };
        QCOMPARE(labels(imageSop), (QStringList{"BOTH", "FIRST"}));
        QCOMPARE(labels(second), (QStringList{"BOTH", "SECOND"}));
        QCOMPARE(labels("1.2.3.4"), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestPresentationState)
#include "tst_presentation_state.moc"
