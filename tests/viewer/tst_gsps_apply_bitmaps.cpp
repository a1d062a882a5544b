// Applying the pixel-level parts of a presentation state in a real viewport
// under Xvfb, checked pixel by pixel against expectations computed here
// from what was read back from the viewport's framebuffer:
// - a bitmap display shutter (an overlay group of the state, shut where its
//   bits are set, in the Shutter Presentation Value) and an overlay the
//   state carries and activates in a layer, drawn in the layer's CIELab
//   colour; the state is written by core's writer (and passes dciodvfy and
//   dcmpschk) for a synthetic CT;
// - an overlay of the image itself (pydicom's examples_overlay.dcm, group
//   6000) activated by a state written here;
// - the state's own Modality LUT: a Rescale that overrides the CT's, and a
//   Modality LUT Sequence (Clunie's prLUTs.dcm with its image, which also has
//   a VOI LUT and a Presentation LUT), against core's CPU render (itself
//   checked against DCMTK's dcmp2pgm in tst_gsps_dcmtk) within one level;
// - an image made here whose own modality transform is a Modality LUT
//   Sequence (a table the volume cannot invert by a rescale), overridden by
//   a state's Rescale and by a state's own table, against the CPU render.

#include "TestSupport.h"
#include "ViewportTestKit.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Overlay.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/Tag.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateApply.h"
#include "lightbox/viewer/Viewport.h"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace lightbox;

namespace {

std::array<std::uint16_t, 3> cielab(double l, double a, double b) {
    auto scale = [](double v) { return std::uint16_t(std::lround(std::clamp(v, 0.0, 1.0) * 65535)); };
    return {scale(l / 100), scale((a + 128) / 255), scale((b + 128) / 255)};
}

// A series of the given files, copied into a temporary folder of its own.
struct CopiedSeries {
    QTemporaryDir dir;
    std::shared_ptr<viewer::LoadedSeries> loaded;
};

std::unique_ptr<CopiedSeries> loadCopies(const QStringList& files) {
    auto s = std::make_unique<CopiedSeries>();
    for (const QString& f : files)
        if (!QFile::copy(f, s->dir.filePath(QFileInfo(f).fileName()))) return nullptr;
    const core::ScanResult scan = core::scanForSeries(s->dir.path().toStdString());
    if (scan.series.size() != 1) return nullptr;
    s->loaded = viewer::loadSeries(scan.series.front());
    return s;
}

// Every device pixel of the viewport's frame whose centre falls well inside
// an image pixel (not within 5 % of its edges), with that pixel's 0-based
// column and row; `check` returns false for a mismatch (counted, the first
// few printed by it).
struct Scan {
    int compared = 0, mismatched = 0;
};
Scan forEachImagePixel(viewer::Viewport& view, const QImage& frame, int columns, int rows,
                       const std::function<bool(int column, int row, QRgb got)>& check) {
    const auto target = view.measurementTools()->currentTarget();
    const double dpr = frame.width() / double(view.width());
    Scan scan;
    for (int y = 0; y < frame.height(); ++y)
        for (int x = 0; x < frame.width(); ++x) {
            const core::Vec3 u = view.measurementTools()->fromScreen(*target, QPointF((x + 0.5) / dpr, (y + 0.5) / dpr));
            const double fx = u[0] - std::floor(u[0]), fy = u[1] - std::floor(u[1]);
            if (fx < 0.05 || fx > 0.95 || fy < 0.05 || fy > 0.95) continue;
            const int column = int(std::floor(u[0])), row = int(std::floor(u[1]));
            if (column < 0 || row < 0 || column >= columns || row >= rows) continue;
            ++scan.compared;
            if (!check(column, row, frame.pixel(x, y))) ++scan.mismatched;
        }
    return scan;
}

// The viewport's gray levels against core's CPU render of the same state
// (pixel stages only), within one level.
Scan compareWithCpu(viewer::Viewport& view, const core::DicomFile& image, const core::PresentationState& ps, int* worst) {
    core::PixelDecoder decoder(image);
    core::PresentationRenderOptions options;
    options.graphics = false;
    options.displayedArea = false;
    const core::DisplayImage cpu = core::renderWithPresentationState(decoder.decode(0), image, ps, 1, options);
    *worst = 0;
    int printed = 0;
    return forEachImagePixel(view, test::frameOf(view), cpu.width, cpu.height, [&](int column, int row, QRgb got) {
        const int expected = cpu.samples[std::size_t(row) * std::size_t(cpu.width) + std::size_t(column)];
        const int d = std::abs(qRed(got) - expected);
        *worst = std::max(*worst, d);
        if (d > 1 && printed++ < 8) qInfo("image pixel %d,%d: viewport %d, CPU %d", column, row, qRed(got), expected);
        return d <= 1;
    });
}

// The state as written by core and read back, as one from the archive arrives.
std::shared_ptr<const core::PresentationState> writtenAndReadBack(const core::PresentationState& ps, const core::DicomFile& image) {
    return std::make_shared<const core::PresentationState>(
        core::PresentationState::from(core::DicomFile::fromBytes(core::presentationStateBytes(ps, image))));
}

// The share of an image's pixels (CPU render, pixel stages only) that differ
// by more than 8 levels when the state's Modality LUT is dropped: what shows
// that its override is seen at all.
double differingWithoutModalityOverride(const core::DicomFile& image, const core::PresentationState& state) {
    core::PresentationState plain = state;
    plain.modality.reset();
    core::PixelDecoder decoder(image);
    core::PresentationRenderOptions options;
    options.graphics = false;
    const core::DisplayImage a = core::renderWithPresentationState(decoder.decode(0), image, state, 1, options);
    const core::DisplayImage b = core::renderWithPresentationState(decoder.decode(0), image, plain, 1, options);
    int differing = 0;
    for (std::size_t i = 0; i < a.samples.size(); ++i) differing += std::abs(int(a.samples[i]) - int(b.samples[i])) > 8;
    return a.samples.empty() ? 0.0 : double(differing) / double(a.samples.size());
}

// A 128 x 128 secondary-capture image, 12 of 16 bits stored (values 0..4095
// over the image), whose modality transform is a Modality LUT Sequence:
// stored s -> s + s^2/8192 (strictly increasing, not a rescale), and a
// window over its output.
core::DatasetBuilder lutItem(std::uint16_t entries, std::uint16_t first, std::uint16_t bits, const std::vector<std::uint16_t>& data) {
    core::DatasetBuilder item;
    item.usValues(core::tags::LUTDescriptor, {entries, first, bits});
    std::vector<std::uint8_t> bytes;
    for (std::uint16_t v : data) bytes.push_back(std::uint8_t(v & 0xFF)), bytes.push_back(std::uint8_t(v >> 8));
    item.binary(core::tags::LUTData, "OW", bytes);
    return item;
}

std::string imageWithModalityTable() {
    using namespace core;
    DatasetBuilder b;
    b.text(tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
        .text(tags::SOPInstanceUID, "UI", generateUid())
        .text(tags::StudyInstanceUID, "UI", generateUid())
        .text(tags::SeriesInstanceUID, "UI", generateUid())
        .text(tags::Modality, "CS", "OT")
        .text(tags::PatientName, "PN", "TEST^MODALITY^TABLE")
        .text(tags::PatientID, "LO", "MLUT1")
        .text(tags::InstanceNumber, "IS", "1")
        .text(tags::ImagePositionPatient, "DS", "0\\0\\0")
        .text(tags::ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
        .text(tags::PixelSpacing, "DS", "1\\1")
        .us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, 128)
        .us(tags::Columns, 128)
        .us(tags::BitsAllocated, 16)
        .us(tags::BitsStored, 12)
        .us(tags::HighBit, 11)
        .us(tags::PixelRepresentation, 0)
        .text(tags::WindowCenter, "DS", "3000")
        .text(tags::WindowWidth, "DS", "6000");
    std::vector<std::uint16_t> table(4096);
    for (int i = 0; i < 4096; ++i) table[std::size_t(i)] = std::uint16_t(i + i * i / 8192);
    DatasetBuilder m = lutItem(4096, 0, 16, table);
    m.text(tags::ModalityLUTType, "LO", "US");
    b.sequence(tags::ModalityLUTSequence, {m});
    std::vector<std::uint8_t> pixels;
    for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 128; ++x) {
            const std::uint16_t v = std::uint16_t(((y * 128 + x) * 4095) / (128 * 128 - 1));
            pixels.push_back(std::uint8_t(v & 0xFF)), pixels.push_back(std::uint8_t(v >> 8));
        }
    b.binary(tags::PixelData, "OW", pixels);
    return b.toBytes();
}

}  // namespace

class TestGspsApplyBitmaps : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        synth_ = test::smallCt();
        QVERIFY(!synth_->series.slices.empty());
        ct_ = viewer::loadSeries(synth_->series);
        QVERIFY(ct_);
    }

    // A bitmap shutter and an activated overlay, both carried by the state.
    void bitmapShutterAndStateOverlay() {
        viewer::Viewport view;
        QVERIFY(test::showPlain(view, ct_, render::PlaneKind::Axial, QSize(300, 300)));
        const auto target = view.measurementTools()->currentTarget();
        QVERIFY(target && target->isImage());
        const core::DicomFile image = core::DicomFile::open(test::pathOf(ct_->series, target->sopInstanceUid));
        const int columns = int(image.integer(core::tags::Columns).value_or(0)), rows = int(image.integer(core::tags::Rows).value_or(0));

        core::CurrentDisplay display;
        display.window = core::WindowLevel{40, 400, core::VoiFunction::Linear, {}};
        core::PresentationState ps = core::presentationStateFor(display, {image});
        // 6000: a square, columns 40..59 and rows 50..69 (0-based), shown in layer OVERLAY in red.
        core::OverlayPlane square;
        square.group = 0x6000, square.rows = rows, square.columns = columns;
        square.bits.assign(std::size_t(rows) * std::size_t(columns), 0);
        auto inSquare = [](int c, int r) { return c >= 40 && c < 60 && r >= 50 && r < 70; };
        // 6002: the bitmap shutter, the top 16 rows and the right 20 columns, shown mid gray.
        core::OverlayPlane shutter = square;
        shutter.group = 0x6002;
        auto shut = [&](int c, int r) { return r < 16 || c >= columns - 20; };
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < columns; ++c) {
                square.bits[std::size_t(r) * std::size_t(columns) + std::size_t(c)] = inSquare(c, r) ? 1 : 0;
                shutter.bits[std::size_t(r) * std::size_t(columns) + std::size_t(c)] = shut(c, r) ? 1 : 0;
            }
        ps.overlays = {square, shutter};
        ps.overlayActivations = {{0x6000, "OVERLAY"}};
        ps.layers.push_back(core::GraphicLayer{"OVERLAY", 1, {std::uint16_t(0x8000), cielab(53.24, 80.09, 67.20)}, "red"});
        ps.shutters.bitmapOverlayGroup = 0x6002;
        ps.shutters.presentationValue = 0x8080;  // P-value 0.502: gray 128 of 255

        // Written by core and read back, as a state from the archive arrives; valid DICOM.
        QTemporaryDir dir;
        const QString file = dir.filePath("PR.dcm");
        core::writePresentationState(ps, image, file.toStdString());
        const QStringList errors = test::dciodvfyErrors(file);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        if (test::haveProgram("dcmpschk")) {
            const QString failure = test::dcmpschkFailure(file);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        auto read = std::make_shared<const core::PresentationState>(core::PresentationState::read(file.toStdString()));
        QCOMPARE(read->shutters.bitmapOverlayGroup.value_or(0), std::uint16_t(0x6002));
        QCOMPARE(read->overlays.size(), std::size_t(2));
        QCOMPARE(read->overlayActivations.size(), std::size_t(1));
        QVERIFY(read->overlays[0].bits == square.bits);

        QVERIFY(viewer::applyPresentationState(view, read));
        int shutCount = 0, squareCount = 0, imageCount = 0, worst = 0, printed = 0;
        core::PixelDecoder decoder(image);
        core::PresentationRenderOptions options;
        options.graphics = false;
        options.shutters = false;
        const core::DisplayImage cpu = core::renderWithPresentationState(decoder.decode(0), image, *read, 1, options);
        const Scan scan = forEachImagePixel(view, test::frameOf(view), columns, rows, [&](int c, int r, QRgb got) {
            bool ok = false;
            if (shut(c, r)) {
                ++shutCount;
                ok = qRed(got) == 128 && qGreen(got) == 128 && qBlue(got) == 128;
            } else if (inSquare(c, r)) {
                ++squareCount;
                ok = qRed(got) >= 250 && qGreen(got) <= 5 && qBlue(got) <= 5;
            } else {
                ++imageCount;
                const int expected = cpu.samples[std::size_t(r) * std::size_t(cpu.width) + std::size_t(c)];
                worst = std::max(worst, std::abs(qRed(got) - expected));
                ok = std::abs(qRed(got) - expected) <= 1 && qRed(got) == qGreen(got) && qGreen(got) == qBlue(got);
            }
            if (!ok && printed++ < 8)
                qInfo("image pixel %d,%d: viewport %d,%d,%d", c, r, qRed(got), qGreen(got), qBlue(got));
            return ok;
        });
        qInfo("%d device pixels: %d shut, %d overlay, %d image (largest difference %d)", scan.compared, shutCount, squareCount,
              imageCount, worst);
        QVERIFY(shutCount > 1000 && squareCount > 1000 && imageCount > 10000);
        QCOMPARE(scan.mismatched, 0);
    }

    // A Shutter Presentation Color CIELab Value (as a colour-aware system
    // may send it): a colour display (the viewport) shows shut pixels in that
    // colour, not the gray P-value.
    void shutterColour() {
        viewer::Viewport view;
        QVERIFY(test::showPlain(view, ct_, render::PlaneKind::Axial, QSize(300, 300)));
        const auto target = view.measurementTools()->currentTarget();
        const core::DicomFile image = core::DicomFile::open(test::pathOf(ct_->series, target->sopInstanceUid));
        const int columns = int(image.integer(core::tags::Columns).value_or(0)), rows = int(image.integer(core::tags::Rows).value_or(0));
        core::CurrentDisplay display;
        display.window = core::WindowLevel{40, 400, core::VoiFunction::Linear, {}};
        display.shutters.rectangular = true;
        display.shutters.left = 21, display.shutters.right = columns - 20, display.shutters.upper = 21, display.shutters.lower = rows - 20;
        display.shutters.presentationValue = 0x8080;
        display.shutters.presentationColourCielab = cielab(32.30, 79.19, -107.86);  // sRGB blue
        // As another system may send it (our writer gives a grayscale state's P-value only, and stays valid).
        core::PresentationState ps = core::presentationStateFor(display, {image});
        QTemporaryDir dir;
        const QString file = dir.filePath("PR.dcm");
        core::writePresentationState(ps, image, file.toStdString());
        const QStringList errors = test::dciodvfyErrors(file);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QVERIFY(!core::PresentationState::read(file.toStdString()).shutters.presentationColourCielab);
        auto read = std::make_shared<const core::PresentationState>(ps);
        QVERIFY(viewer::applyPresentationState(view, read));
        int shut = 0, open = 0;
        const Scan scan = forEachImagePixel(view, test::frameOf(view), columns, rows, [&](int c, int r, QRgb got) {
            const bool closed = c < 20 || r < 20 || c >= columns - 20 || r >= rows - 20;
            const bool blue = qBlue(got) >= 250 && qRed(got) <= 5 && qGreen(got) <= 5;
            (closed ? shut : open) += 1;
            return closed ? blue : qRed(got) == qGreen(got) && qGreen(got) == qBlue(got);
        });
        QVERIFY(shut > 1000 && open > 10000);
        QCOMPARE(scan.mismatched, 0);
    }

    // An overlay of the image (not of the state) activated by the state.
    void imageOverlayActivated() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        const QString file = test::sharedFile("pydicom/src/pydicom/data/test_files/examples_overlay.dcm");
        QVERIFY(QFile::exists(file));
        auto copied = loadCopies({file});
        QVERIFY(copied && copied->loaded);
        const core::DicomFile image = core::DicomFile::open(file.toStdString());
        const std::vector<core::OverlayPlane> planes = core::readOverlays(image);
        QVERIFY(!planes.empty());
        const core::OverlayPlane& plane = planes.front();
        const int columns = int(image.integer(core::tags::Columns).value_or(0)), rows = int(image.integer(core::tags::Rows).value_or(0));

        core::CurrentDisplay display;
        display.window = core::WindowLevel{600, 1600, core::VoiFunction::Linear, {}};
        core::PresentationState ps = core::presentationStateFor(display, {image});
        ps.overlayActivations = {{plane.group, "IMAGE OVERLAY"}};
        ps.layers.push_back(core::GraphicLayer{"IMAGE OVERLAY", 1, {std::uint16_t(0xFFFF), cielab(87.73, -86.18, 83.18)}, "green"});
        auto read = writtenAndReadBack(ps, image);
        QVERIFY(read->overlays.empty());  // the bitmap comes from the image

        viewer::Viewport view;
        // The whole image at about two screen pixels per image pixel: every overlay bit is seen.
        QVERIFY(test::showPlain(view, copied->loaded, copied->loaded->acquisitionPlane(), QSize(980, 610)));
        QVERIFY(viewer::applyPresentationState(view, read));
        int on = 0, off = 0, printed = 0;
        const Scan scan = forEachImagePixel(view, test::frameOf(view), columns, rows, [&](int c, int r, QRgb got) {
            const int pr = r - (plane.originRow - 1), pc = c - (plane.originColumn - 1);
            const bool bit = pr >= 0 && pc >= 0 && pr < plane.rows && pc < plane.columns &&
                             plane.bits[std::size_t(pr) * std::size_t(plane.columns) + std::size_t(pc)];
            const bool green = qGreen(got) >= 250 && qRed(got) <= 5 && qBlue(got) <= 5;
            (bit ? on : off) += 1;
            const bool ok = bit == green;
            if (!ok && printed++ < 8) qInfo("image pixel %d,%d: bit %d, viewport %d,%d,%d", c, r, int(bit), qRed(got), qGreen(got), qBlue(got));
            return ok;
        });
        qInfo("%d device pixels: %d under the overlay's bits, %d not", scan.compared, on, off);
        QVERIFY(on > 100 && off > 100000);
        QCOMPARE(scan.mismatched, 0);
    }

    // The state's Rescale overrides the CT's own (a state saying "slope 1,
    // intercept 0" for an image stored with intercept -1024 shows the image
    // 1024 units brighter under the same window).
    void stateRescaleOverridesTheImages() {
        viewer::Viewport view;
        QVERIFY(test::showPlain(view, ct_, render::PlaneKind::Axial, QSize(300, 300)));
        const auto target = view.measurementTools()->currentTarget();
        const core::DicomFile image = core::DicomFile::open(test::pathOf(ct_->series, target->sopInstanceUid));
        QVERIFY(image.number(core::tags::RescaleIntercept).value_or(0) != 0);
        core::CurrentDisplay display;
        display.window = core::WindowLevel{1000, 400, core::VoiFunction::Linear, {}};
        core::PresentationState ps = core::presentationStateFor(display, {image});
        QVERIFY(ps.modality);
        ps.modality->slope = 1.0;
        ps.modality->intercept = 0.0;
        auto state = writtenAndReadBack(ps, image);
        QCOMPARE(state->modality->intercept, 0.0);
        QVERIFY(viewer::applyPresentationState(view, state));
        int worst = 0;
        const Scan scan = compareWithCpu(view, image, *state, &worst);
        qInfo("rescale override: %d device pixels, largest difference %d", scan.compared, worst);
        QVERIFY(scan.compared > 10000);
        QCOMPARE(scan.mismatched, 0);

        // The same window without the override gives a different picture (the test can fail).
        const double differing = differingWithoutModalityOverride(image, *state);
        qInfo("%.1f %% of the pixels differ by more than 8 levels without the override", differing * 100);
        QVERIFY(differing > 0.05);
    }

    // Clunie's prLUTs.dcm: a Modality LUT Sequence, a VOI LUT and a Presentation LUT, all scrambled.
    void modalityLutSequenceOfAnotherSystem() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        const QString folder = test::sharedFile("weasis-dicom-tools/weasis-dicom-tools/src/test/resources/org/dcm4che3/img");
        auto copied = loadCopies({folder + "/imageForPrLUTs.dcm"});
        QVERIFY(copied && copied->loaded);
        auto state = std::make_shared<const core::PresentationState>(
            core::PresentationState::read((folder + "/prLUTs.dcm").toStdString()));
        QVERIFY(state->modality && state->modality->lut);
        const core::DicomFile image = core::DicomFile::open((folder + "/imageForPrLUTs.dcm").toStdString());

        viewer::Viewport view;
        QVERIFY(test::showPlain(view, copied->loaded, copied->loaded->acquisitionPlane(), QSize(300, 300)));
        QVERIFY(viewer::applyPresentationState(view, state));
        int worst = 0;
        const Scan scan = compareWithCpu(view, image, *state, &worst);
        qInfo("prLUTs.dcm: %d device pixels, largest difference %d", scan.compared, worst);
        QVERIFY(scan.compared > 10000);
        QCOMPARE(scan.mismatched, 0);
    }

    // The state's Modality LUT overrides an image whose own is a table: the
    // state's Rescale (slope 2, intercept -100), then the state's own table
    // (4095 - s), each with its window; the viewport against the CPU render
    // (which applies the state's transform to the stored values).
    void stateOverridesAnImagesModalityTable() {
        QTemporaryDir dir;
        const QString path = dir.filePath("table.dcm");
        {
            const std::string bytes = imageWithModalityTable();
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.data(), qint64(bytes.size()));
        }
        const core::ScanResult scan = core::scanForSeries(dir.path().toStdString());
        QCOMPARE(scan.series.size(), std::size_t(1));
        QVERIFY(scan.series.front().slices.front().hasModalityLut);
        auto loaded = viewer::loadSeries(scan.series.front());
        QVERIFY(loaded);
        const core::DicomFile image = core::DicomFile::open(path.toStdString());

        viewer::Viewport view;
        QVERIFY(test::showPlain(view, loaded, loaded->acquisitionPlane(), QSize(300, 300)));

        core::CurrentDisplay display;
        display.window = core::WindowLevel{3500, 5000, core::VoiFunction::Linear, {}};
        core::PresentationState rescale = core::presentationStateFor(display, {image});
        QVERIFY(rescale.modality && rescale.modality->lut);  // the image's table, copied
        rescale.modality = core::ModalityTransform{2.0, -100.0, std::nullopt, "US"};
        core::PresentationState table = rescale;
        core::LookupTable reversed;
        reversed.bits = 12;
        for (int i = 0; i < 4096; ++i) reversed.entries.push_back(4095 - i);
        table.modality = core::ModalityTransform{1.0, 0.0, reversed, "US"};
        QCOMPARE(int(table.vois.size()), 1);
        table.vois[0].window = core::WindowLevel{1500, 2000, core::VoiFunction::Linear, {}};
        core::PresentationState noVoi = table;
        noVoi.vois.clear();  // the identity over the table's output range

        for (const auto& [name, ps] : {std::pair{"rescale", rescale}, std::pair{"table", table}, std::pair{"table without VOI", noVoi}}) {
            auto state = writtenAndReadBack(ps, image);
            QVERIFY(state->modality);
            QVERIFY(viewer::applyPresentationState(view, state));
            int worst = 0;
            const Scan result = compareWithCpu(view, image, *state, &worst);
            qInfo("%s over the image's table: %d device pixels, largest difference %d", name, result.compared, worst);
            QVERIFY(result.compared > 10000);
            QCOMPARE(result.mismatched, 0);

            // Without the override the picture differs (the test can fail).
            const double differing = differingWithoutModalityOverride(image, *state);
            QVERIFY2(differing > 0.10, qPrintable(QString("%1 %% differ").arg(differing * 100)));
        }
    }

private:
    std::unique_ptr<test::SyntheticSeries> synth_;
    std::shared_ptr<viewer::LoadedSeries> ct_;
};

QTEST_MAIN(TestGspsApplyBitmaps)
#include "tst_gsps_apply_bitmaps.moc"
