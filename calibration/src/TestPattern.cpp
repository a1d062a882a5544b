// The pattern catalogue: names, PS3.16 codes (CID 8301), bit depths, and the
// shared parts of every pattern (label, window, files). The drawings are in
// TestPatternDrawings.cpp.

#include "lightbox/calibration/TestPattern.h"

#include "PatternCanvas.h"
#include "PatternDrawings.h"

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace lightbox::calibration {
namespace {

using core::Error;
using core::ErrorCode;

std::string upper(std::string s) {
    for (auto& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string twoDigits(int k) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", k);
    return buf;
}

// "QC" -> "TG18-QC", "tg270-sqc" -> "TG270-sQC"; empty when unknown.
std::string canonicalName(const std::string& requested) {
    std::string u = upper(requested);
    if (u == "TG270-SQC" || u == "SQC") return "TG270-sQC";
    if (u == "TG270-PQC" || u == "PQC") return "TG270-pQC";
    if (u.rfind("TG270-", 0) == 0) u = u.substr(6);
    else if (u.rfind("TG18-", 0) == 0) u = u.substr(5);
    for (const auto& name : patternNames()) {
        std::string bare = upper(name);
        bare = bare.substr(bare.find('-') + 1);
        if (bare == u) return name;
    }
    // Aliases for the families whose default contrast level the issue names without a number.
    if (u == "RH" || u == "RV" || u == "NS") return "TG18-" + u + "50";
    return {};
}

}  // namespace

std::vector<std::string> patternNames() {
    std::vector<std::string> names = {"TG18-QC", "TG18-CT"};
    for (int k = 1; k <= 18; ++k) names.push_back("TG18-LN8-" + twoDigits(k));
    for (int k = 1; k <= 18; ++k) names.push_back("TG18-LN12-" + twoDigits(k));
    for (const char* n : {"UN10", "UN80", "UNL10", "UNL80", "AD", "MP", "RH10", "RH50", "RH89", "RV10", "RV50",
                          "RV89", "CX", "LPH10", "LPH50", "LPH89", "LPV10", "LPV50", "LPV89", "AFC", "NS10", "NS50",
                          "NS89", "GV", "GVN", "GQ", "GQN", "GQB"})
        names.push_back(std::string("TG18-") + n);
    names.push_back("TG270-sQC");
    names.push_back("TG270-pQC");
    for (int k = 1; k <= 18; ++k) names.push_back("TG270-ULN8-" + twoDigits(k));
    for (int k = 1; k <= 18; ++k) names.push_back("TG270-ULN10-" + twoDigits(k));
    return names;
}

const PatternRegion* TestPattern::region(const std::string& name) const {
    for (const auto& r : regions_)
        if (r.name == name) return &r;
    return nullptr;
}

std::vector<std::uint16_t> TestPattern::windowed(int outBits) const {
    if (outBits != 8 && outBits != 16) throw Error(ErrorCode::InvalidArgument, "windowed pattern: 8 or 16 bits");
    const double top = outBits == 8 ? 255.0 : 65535.0;
    const double c = windowCenter_, w = windowWidth_;
    std::vector<std::uint16_t> out(pixels_.size());
    // One lookup per stored value (at most 4096).
    std::vector<std::uint16_t> lut(std::size_t(maxValue()) + 1);
    for (std::size_t v = 0; v < lut.size(); ++v) {
        const double t = (double(v) - (c - 0.5)) / (w - 1) + 0.5;
        lut[v] = std::uint16_t(std::lround(std::clamp(t, 0.0, 1.0) * top));
    }
    std::transform(pixels_.begin(), pixels_.end(), out.begin(), [&](std::uint16_t v) { return lut[v]; });
    return out;
}

void TestPattern::writeDicom(const std::filesystem::path& path) const {
    using namespace core;
    constexpr Tag ContentDate{0x0008, 0x0023}, ContentTime{0x0008, 0x0033};
    constexpr Tag ConversionType{0x0008, 0x0064};
    constexpr Tag DerivationDescription{0x0008, 0x2111};
    constexpr Tag PatientOrientation{0x0020, 0x0020};
    constexpr Tag ImageComments{0x0020, 0x4000};
    constexpr Tag ManufacturerModelName{0x0008, 0x1090};
    constexpr Tag SoftwareVersions{0x0018, 0x1020};
    constexpr Tag BurnedInAnnotation{0x0028, 0x0301};

    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char date[16], time[16];
    std::strftime(date, sizeof date, "%Y%m%d", &tm);
    std::strftime(time, sizeof time, "%H%M%S", &tm);

    std::vector<std::uint8_t> bytes;
    if (bits_ == 8) {
        bytes.assign(pixels_.begin(), pixels_.end());
    } else {
        bytes.resize(pixels_.size() * 2);
        for (std::size_t i = 0; i < pixels_.size(); ++i) {
            bytes[2 * i] = std::uint8_t(pixels_[i] & 0xFF);
            bytes[2 * i + 1] = std::uint8_t(pixels_[i] >> 8);
        }
    }
    const std::string description = name_ + " (" + title_ + ")";
    DatasetBuilder ds;
    ds.text(tags::SpecificCharacterSet, "CS", "ISO_IR 192")
        .text(tags::ImageType, "CS", "DERIVED\\SECONDARY")
        .text(tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
        .text(tags::SOPInstanceUID, "UI", generateUid())
        .text(tags::StudyDate, "DA", date)
        .text(tags::StudyTime, "TM", time)
        .text(ContentDate, "DA", date)
        .text(ContentTime, "TM", time)
        .empty(tags::AccessionNumber, "SH")
        .text(tags::Modality, "CS", "OT")
        .empty(tags::Laterality, "CS")  // Type 2C: dciodvfy requires it when Image Laterality is absent
        .text(ConversionType, "CS", "SYN")
        .text(tags::Manufacturer, "LO", "Lightbox")
        .text(ManufacturerModelName, "LO", "lightbox qc pattern")
        .empty(tags::ReferringPhysicianName, "PN")
        .text(tags::StudyDescription, "LO", "Display QC test patterns")
        .text(tags::SeriesDescription, "LO", description.substr(0, 64))
        .text(DerivationDescription, "ST", label_)
        .text(tags::PatientName, "PN", "QC^Test Pattern")
        .text(tags::PatientID, "LO", "LIGHTBOX-QC")
        .empty(tags::PatientBirthDate, "DA")
        .empty(tags::PatientSex, "CS")
        .text(SoftwareVersions, "LO", "Lightbox")
        .text(tags::StudyInstanceUID, "UI", generateUid())
        .text(tags::SeriesInstanceUID, "UI", generateUid())
        .text(tags::StudyID, "SH", "QC")
        .text(tags::SeriesNumber, "IS", "1")
        .text(tags::InstanceNumber, "IS", "1")
        .empty(PatientOrientation, "CS")
        .text(ImageComments, "LT",
              label_ + (codeValue_.empty() ? std::string() : "; PS3.16 (DCM, " + codeValue_ + ") " + name_ + " Pattern"))
        .text(BurnedInAnnotation, "CS", "NO")
        .us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, std::uint16_t(height_))
        .us(tags::Columns, std::uint16_t(width_))
        .us(tags::BitsAllocated, std::uint16_t(bits_ == 8 ? 8 : 16))
        .us(tags::BitsStored, std::uint16_t(bits_))
        .us(tags::HighBit, std::uint16_t(bits_ - 1))
        .us(tags::PixelRepresentation, 0)
        .text(tags::WindowCenter, "DS", formatDs(windowCenter_))
        .text(tags::WindowWidth, "DS", formatDs(windowWidth_))
        .text(tags::WindowCenterWidthExplanation, "LO", "TEST PATTERN")
        .binary(tags::PixelData, bits_ == 8 ? "OB" : "OW", bytes);
    ds.write(path);
}

TestPattern generatePattern(const PatternRequest& request) {
    const std::string name = canonicalName(request.name);
    if (name.empty())
        throw Error(ErrorCode::InvalidArgument, "unknown test pattern '" + request.name + "' (see qc pattern --list)");
    if (request.width < 256 || request.height < 256 || request.width > 8192 || request.height > 8192)
        throw Error(ErrorCode::InvalidArgument, "pattern size must be 256 to 8192 pixels a side, got " +
                                                    std::to_string(request.width) + "x" +
                                                    std::to_string(request.height));
    const bool ln12 = name.rfind("TG18-LN12-", 0) == 0;
    const bool uln10 = name.rfind("TG270-ULN10-", 0) == 0;
    const int bits = request.bits.value_or(ln12 ? 12 : uln10 ? 10 : 8);
    if (bits != 8 && bits != 10 && bits != 12)
        throw Error(ErrorCode::InvalidArgument, "pattern bits must be 8, 10 or 12, got " + std::to_string(bits));
    if (ln12 && bits != 12) throw Error(ErrorCode::InvalidArgument, name + " is a 12-bit pattern (--bits 12)");
    if (uln10 && bits < 10) throw Error(ErrorCode::InvalidArgument, name + " needs 10 or 12 bits");

    TestPattern p;
    p.name_ = name;
    p.width_ = request.width;
    p.height_ = request.height;
    p.bits_ = bits;
    p.scaled_ = !(p.width_ == p.height_ && (p.width_ == 1024 || p.width_ == 2048));
    const bool tg270 = name.rfind("TG270-", 0) == 0;
    p.label_ = std::string("Synthetic pattern based on the ") +
               (tg270 ? "AAPM Report 270 description" : "TG18 description (AAPM On-Line Report 03)") +
               (p.scaled_ ? ", scaled" : "");
    p.codeValue_ = detail::patternCode(name);
    detail::drawPattern(p, p.title_);
    return p;
}

std::vector<MeasuringPoint> measuringPoints(int count, int width, int height) {
    auto at = [&](double fx, double fy) { return std::pair{int(std::lround(fx * width)), int(std::lround(fy * height))}; };
    std::vector<MeasuringPoint> points;
    if (count == 5) {
        const std::pair<const char*, std::pair<double, double>> five[] = {
            {"centre", {0.5, 0.5}}, {"tl", {0.15, 0.15}}, {"tr", {0.85, 0.15}}, {"bl", {0.15, 0.85}}, {"br", {0.85, 0.85}}};
        for (const auto& [n, f] : five) {
            const auto [x, y] = at(f.first, f.second);
            points.push_back({n, x, y});
        }
    } else if (count == 9) {
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) {
                const auto [x, y] = at((1 + 2 * c) / 6.0, (1 + 2 * r) / 6.0);
                points.push_back({std::to_string(r * 3 + c + 1), x, y});
            }
    } else {
        throw Error(ErrorCode::InvalidArgument, "uniformity is measured at 5 or 9 points");
    }
    return points;
}

}  // namespace lightbox::calibration
