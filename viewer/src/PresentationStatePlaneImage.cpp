#include "PresentationStatePlaneImage.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"
#include "lightbox/render/SliceView.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace lightbox::viewer {

namespace {

using core::Tag;
constexpr Tag ConversionType{0x0008, 0x0064};
constexpr Tag ContentDate{0x0008, 0x0023};
constexpr Tag ContentTime{0x0008, 0x0033};
constexpr Tag DerivationDescription{0x0008, 0x2111};
constexpr Tag Kvp{0x0018, 0x0060};
constexpr Tag AcquisitionNumber{0x0020, 0x0012};
constexpr Tag PatientOrientation{0x0020, 0x0020};
constexpr Tag PositionReferenceIndicator{0x0020, 0x1040};
constexpr Tag Laterality{0x0020, 0x0060};
constexpr Tag BodyPartExamined{0x0018, 0x0015};
constexpr Tag PatientPosition{0x0018, 0x5100};
constexpr const char* kCtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
constexpr const char* kSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";

bool isAscii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string vectorText(const core::Vec3& v) {
    return core::formatDsList({v[0], v[1], v[2]});
}

}  // namespace

PlaneImage derivedPlaneImage(const LoadedSeries& series, const render::SliceImage& slice, const core::WindowLevel& window,
                             const std::string& seriesInstanceUid, int seriesNumber, int instanceNumber) {
    const render::SlicePlane& plane = slice.plane;
    if (plane.width <= 0 || plane.height <= 0 || slice.values.size() != std::size_t(plane.width) * std::size_t(plane.height))
        throw core::Error(core::ErrorCode::InvalidArgument, "the MPR plane holds no image");
    if (series.series.slices.empty()) throw core::Error(core::ErrorCode::InvalidArgument, "the series has no images");
    const core::DicomFile source = core::DicomFile::open(series.series.slices.front().path, core::DicomFile::Extent::HeaderOnly);
    const bool ct = series.series.modality == "CT";

    PlaneImage out;
    out.sopClassUid = ct ? kCtImageStorage : kSecondaryCaptureImageStorage;
    out.sopInstanceUid = core::generateUid();
    out.seriesInstanceUid = seriesInstanceUid;

    // Stored values: 16 bits through Rescale Slope / Intercept (slope 1 when
    // the range fits, as it does for CT numbers and most MR values).
    const auto [lo, hi] = std::minmax_element(slice.values.begin(), slice.values.end());
    const double low = std::floor(double(*lo)), high = std::ceil(double(*hi));
    const bool isSigned = ct;
    const double slope = std::max(1.0, (high - low) / 65535.0);
    const double intercept = isSigned ? (low >= -32768 && high <= 32767 && slope == 1.0 ? 0.0 : low + 32768 * slope) : low;
    std::vector<std::uint8_t> pixels(slice.values.size() * 2);
    for (std::size_t i = 0; i < slice.values.size(); ++i) {
        const double stored = std::round((double(slice.values[i]) - intercept) / slope);
        const std::uint16_t word = isSigned ? std::uint16_t(std::int16_t(std::clamp(stored, -32768.0, 32767.0)))
                                            : std::uint16_t(std::clamp(stored, 0.0, 65535.0));
        pixels[2 * i] = std::uint8_t(word & 0xFF);
        pixels[2 * i + 1] = std::uint8_t(word >> 8);
    }

    core::DatasetBuilder b;
    std::vector<std::pair<Tag, std::string>> copied;
    for (Tag t : {core::tags::PatientName, core::tags::PatientID, core::tags::PatientBirthDate, core::tags::PatientSex,
                  core::tags::StudyDate, core::tags::StudyTime, core::tags::ReferringPhysicianName, core::tags::StudyID,
                  core::tags::AccessionNumber})
        copied.push_back({t, source.stringOr(t, "")});
    const std::string description = "MPR of series " + std::to_string(series.series.seriesNumber) + " (" +
                                    series.series.seriesDescription + "), plane normal " + vectorText(plane.normal);
    const bool ascii = isAscii(description) &&
                       std::all_of(copied.begin(), copied.end(), [](const auto& c) { return isAscii(c.second); });
    if (!ascii) b.text(core::tags::SpecificCharacterSet, "CS", "ISO_IR 192");
    b.text(core::tags::SOPClassUID, "UI", out.sopClassUid);
    b.text(core::tags::SOPInstanceUID, "UI", out.sopInstanceUid);
    const char* vrs[] = {"PN", "LO", "DA", "CS", "DA", "TM", "PN", "SH", "SH"};
    for (std::size_t i = 0; i < copied.size(); ++i) {
        if (copied[i].second.empty()) b.empty(copied[i].first, vrs[i]);
        else b.text(copied[i].first, vrs[i], copied[i].second);
    }
    b.text(core::tags::StudyInstanceUID, "UI", series.series.studyInstanceUid);
    if (auto d = source.string(core::tags::StudyDescription)) b.text(core::tags::StudyDescription, "LO", *d);
    // General Series: a new series of the study.
    b.text(core::tags::Modality, "CS", ct ? "CT" : series.series.modality.empty() ? "OT" : series.series.modality);
    b.text(core::tags::SeriesInstanceUID, "UI", seriesInstanceUid);
    b.text(core::tags::SeriesNumber, "IS", std::to_string(seriesNumber));
    b.text(core::tags::SeriesDescription, "LO", "MPR (Lightbox)");
    // Laterality (Type 2C, for paired body parts) and the body part, as the source series says.
    const std::optional<std::string> part = source.string(BodyPartExamined);
    if (auto l = source.string(Laterality); l && !l->empty()) b.text(Laterality, "CS", *l);
    else if (!part || part->empty()) b.empty(Laterality, "CS");  // unknown whether the part is paired
    if (part && !part->empty()) b.text(BodyPartExamined, "CS", *part);
    if (ct) {  // Patient Position: Type 2C for CT and MR images
        if (auto position = source.string(PatientPosition); position && !position->empty()) b.text(PatientPosition, "CS", *position);
        else b.empty(PatientPosition, "CS");
    }
    b.text(core::tags::Manufacturer, "LO", "Lightbox");
    // General Image.
    b.text(core::tags::InstanceNumber, "IS", std::to_string(instanceNumber));
    b.text(core::tags::ImageType, "CS", "DERIVED\\SECONDARY\\REFORMATTED");
    b.text(DerivationDescription, "ST", description);
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char date[16], time[16];
    std::strftime(date, sizeof date, "%Y%m%d", &local);
    std::strftime(time, sizeof time, "%H%M%S", &local);
    b.text(ContentDate, "DA", date);
    b.text(ContentTime, "TM", time);
    const std::string spacing = core::formatDsList({plane.spacing, plane.spacing});
    if (ct) {
        // Frame of Reference and Image Plane: where the plane lies in the patient.
        b.text(core::tags::FrameOfReferenceUID, "UI",
               series.series.frameOfReferenceUid.empty() ? core::generateUid() : series.series.frameOfReferenceUid);
        b.empty(PositionReferenceIndicator, "LO");
        b.text(core::tags::PixelSpacing, "DS", spacing);
        b.text(core::tags::ImageOrientationPatient, "DS",
               core::formatDsList({plane.right[0], plane.right[1], plane.right[2], plane.down[0], plane.down[1], plane.down[2]}));
        b.text(core::tags::ImagePositionPatient, "DS", vectorText(plane.pixelToPatient(0, 0)));
        b.text(core::tags::SliceThickness, "DS", core::formatDs(std::max(plane.spacing, slice.slabStepMm * slice.slabSamples)));
        b.empty(Kvp, "DS");
        b.empty(AcquisitionNumber, "IS");
        b.text(core::tags::RescaleType, "LO", "HU");
    } else {
        // Secondary Capture: no Image Plane module; the rows' and columns' directions and the spacing.
        b.text(ConversionType, "CS", "WSD");
        b.text(PatientOrientation, "CS", render::orientationLetters(plane.right) + "\\" + render::orientationLetters(plane.down));
        b.text(core::tags::PixelSpacing, "DS", spacing);
    }
    // Image Pixel, Modality LUT, VOI LUT.
    b.us(core::tags::SamplesPerPixel, 1);
    b.text(core::tags::PhotometricInterpretation, "CS", "MONOCHROME2");
    b.us(core::tags::Rows, std::uint16_t(plane.height));
    b.us(core::tags::Columns, std::uint16_t(plane.width));
    b.us(core::tags::BitsAllocated, 16);
    b.us(core::tags::BitsStored, 16);
    b.us(core::tags::HighBit, 15);
    b.us(core::tags::PixelRepresentation, isSigned ? 1 : 0);
    b.text(core::tags::RescaleIntercept, "DS", core::formatDs(intercept));
    b.text(core::tags::RescaleSlope, "DS", core::formatDs(slope));
    if (!ct) b.text(core::tags::RescaleType, "LO", "US");
    b.text(core::tags::WindowCenter, "DS", core::formatDs(window.center));
    b.text(core::tags::WindowWidth, "DS", core::formatDs(std::max(window.width, 1.0)));
    b.binary(core::tags::PixelData, "OW", pixels);
    out.part10 = b.toBytes();
    return out;
}

}  // namespace lightbox::viewer
