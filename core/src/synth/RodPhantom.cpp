#include "lightbox/core/SyntheticRods.h"

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox::core {

namespace {

struct Spec {
    const char* sopClass;
    const char* modality;
    int size;
    double rowMm, columnMm;       // calibrated spacing (patient plane, detector or region)
    double magnification;         // object -> detector
    bool pixelSpacing, imagerSpacing, ermf, ultrasound, isSigned;
    double rod, background, slope, intercept;
};

Spec specFor(RodPhantomKind kind) {
    switch (kind) {
        case RodPhantomKind::Ct:
            return {"1.2.840.10008.5.1.4.1.1.2", "CT", 256, 0.7, 0.8, 1.0, true, false, false, false, true, 1000, 0, 1, -1024};
        case RodPhantomKind::Mr:
            return {"1.2.840.10008.5.1.4.1.1.4", "MR", 256, 1.1, 0.9, 1.0, true, false, false, false, false, 900, 100, 1, 0};
        case RodPhantomKind::ProjectionMagnified:
            return {"1.2.840.10008.5.1.4.1.1.1.1", "DX", 512, 0.15, 0.15, 1.25, false, true, true, false, false, 3000, 500, 1, 0};
        case RodPhantomKind::ProjectionDetectorOnly:
            return {"1.2.840.10008.5.1.4.1.1.1.1", "DX", 512, 0.15, 0.15, 1.25, false, true, false, false, false, 3000, 500, 1, 0};
        case RodPhantomKind::Ultrasound:
            return {"1.2.840.10008.5.1.4.1.1.6.1", "US", 400, 0.25, 0.2, 1.0, false, false, false, true, false, 200, 20, 1, 0};
    }
    throw Error(ErrorCode::InvalidArgument, "unknown rod phantom");
}

}  // namespace

std::string rodPhantomName(RodPhantomKind kind) {
    switch (kind) {
        case RodPhantomKind::Ct: return "CT";
        case RodPhantomKind::Mr: return "MR";
        case RodPhantomKind::ProjectionMagnified: return "DX magnification factor";
        case RodPhantomKind::ProjectionDetectorOnly: return "DX detector only";
        case RodPhantomKind::Ultrasound: return "US regions";
    }
    return "?";
}

RodPhantom makeRodPhantom(RodPhantomKind kind, double separationMm, double angleDegrees) {
    const Spec s = specFor(kind);
    RodPhantom p;
    p.separationMm = separationMm;
    p.rodRadiusMm = 3.0;
    p.rodValue = s.rod;
    p.backgroundValue = s.background;
    // Pixel sizes of the image in the object plane: the detector spacing
    // shrinks by the magnification.
    const double rowObj = s.rowMm / s.magnification, colObj = s.columnMm / s.magnification;
    // Where the measurement can know the magnification it reports the object
    // distance; with Imager Pixel Spacing alone it reports the detector distance.
    p.expectedMm = (kind == RodPhantomKind::ProjectionDetectorOnly) ? separationMm * s.magnification : separationMm;
    p.pixelMm = kind == RodPhantomKind::ProjectionDetectorOnly ? std::max(s.rowMm, s.columnMm) : std::max(rowObj, colObj);
    const double a = angleDegrees * std::numbers::pi / 180.0;
    const Point2 centre{s.size / 2.0 + 0.37, s.size / 2.0 - 0.21};  // off the pixel grid on purpose
    const double dxMm = separationMm / 2 * std::cos(a), dyMm = separationMm / 2 * std::sin(a);
    p.centres = {Point2{centre.x - dxMm / colObj, centre.y - dyMm / rowObj}, Point2{centre.x + dxMm / colObj, centre.y + dyMm / rowObj}};
    if (std::fabs(dxMm / colObj) * 2 > s.size - 40 || std::fabs(dyMm / rowObj) * 2 > s.size - 40)
        throw Error(ErrorCode::InvalidArgument, "rods " + std::to_string(separationMm) + " mm apart do not fit the image");

    // Rods with partial-volume edges: 4 x 4 samples per pixel.
    std::vector<std::uint8_t> pixels(std::size_t(s.size) * std::size_t(s.size) * 2);
    for (int row = 0; row < s.size; ++row)
        for (int col = 0; col < s.size; ++col) {
            int inside = 0;
            for (int sy = 0; sy < 4; ++sy)
                for (int sx = 0; sx < 4; ++sx) {
                    const double x = col + (sx + 0.5) / 4, y = row + (sy + 0.5) / 4;
                    for (const Point2& c : p.centres)
                        if (std::hypot((x - c.x) * colObj, (y - c.y) * rowObj) <= p.rodRadiusMm) ++inside;
                }
            const double value = s.background + (s.rod - s.background) * inside / 16.0;
            const double stored = std::round((value - s.intercept) / s.slope);
            const auto v = std::uint16_t(std::int16_t(stored));
            const std::size_t at = (std::size_t(row) * std::size_t(s.size) + std::size_t(col)) * 2;
            pixels[at] = std::uint8_t(v & 0xFF);
            pixels[at + 1] = std::uint8_t(v >> 8);
        }

    DatasetBuilder b;
    const std::string name = "rod-phantom/" + rodPhantomName(kind);
    b.text(tags::SOPClassUID, "UI", s.sopClass)
        .text(tags::SOPInstanceUID, "UI", uidFromName(name + "/image"))
        .text(tags::StudyInstanceUID, "UI", uidFromName(name + "/study"))
        .text(tags::SeriesInstanceUID, "UI", uidFromName(name + "/series"))
        .text(tags::StudyDate, "DA", "20261101").text(tags::StudyTime, "TM", "120000")
        .text(tags::Modality, "CS", s.modality)
        .text(tags::PatientName, "PN", "PHANTOM^RODS").text(tags::PatientID, "LO", "LBX-RODS")
        .text(tags::InstanceNumber, "IS", "1").text(tags::SeriesNumber, "IS", "1")
        .us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, std::uint16_t(s.size)).us(tags::Columns, std::uint16_t(s.size))
        .us(tags::BitsAllocated, 16).us(tags::BitsStored, 16).us(tags::HighBit, 15)
        .us(tags::PixelRepresentation, s.isSigned ? 1 : 0)
        .binary(tags::PixelData, "OW", pixels);
    if (s.isSigned || s.intercept != 0) {
        b.text(tags::RescaleIntercept, "DS", formatDs(s.intercept)).text(tags::RescaleSlope, "DS", formatDs(s.slope));
        if (kind == RodPhantomKind::Ct) b.text(tags::RescaleType, "LO", "HU");
    }
    if (s.pixelSpacing) {
        b.text(tags::PixelSpacing, "DS", formatDsList({s.rowMm, s.columnMm}))
            .text(tags::ImagePositionPatient, "DS", "-100\\-120\\35")
            .text(tags::ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
            .text(tags::FrameOfReferenceUID, "UI", uidFromName(name + "/frame"))
            .text(tags::SliceThickness, "DS", "2");
    }
    if (s.imagerSpacing) b.text(tags::ImagerPixelSpacing, "DS", formatDsList({s.rowMm, s.columnMm}));
    if (s.ermf) b.text(tags::EstimatedRadiographicMagnificationFactor, "DS", formatDs(s.magnification));
    if (s.ultrasound) {
        DatasetBuilder region;
        region.us(Tag(0x0018, 0x6012), 1)                     // Region Spatial Format: 2D
            .us(Tag(0x0018, 0x6014), 1)                       // Region Data Type: tissue
            .ul(Tag(0x0018, 0x6016), 0)                       // Region Flags
            .ul(Tag(0x0018, 0x6018), 0).ul(Tag(0x0018, 0x601A), 0)
            .ul(Tag(0x0018, 0x601C), std::uint32_t(s.size - 1)).ul(Tag(0x0018, 0x601E), std::uint32_t(s.size - 1))
            .us(Tag(0x0018, 0x6024), 3).us(Tag(0x0018, 0x6026), 3)  // cm
            .fd(Tag(0x0018, 0x602C), {s.columnMm / 10}).fd(Tag(0x0018, 0x602E), {s.rowMm / 10});
        b.sequence(Tag(0x0018, 0x6011), {region});
    }
    p.part10 = b.toBytes();
    return p;
}

}  // namespace lightbox::core
