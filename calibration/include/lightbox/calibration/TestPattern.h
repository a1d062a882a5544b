#pragma once
// Display test patterns generated in code: synthetic look-alikes of the AAPM
// TG18 patterns (On-Line Report 03, 2005) and the AAPM Report 270 patterns,
// at 1k, 2k or a screen's native size, 8, 10 or 12 bits.
//
// The TG18 licence allows such patterns when they cite the report, say that
// they are synthetic ("scaled" when resized) and do not copy the TG18 label:
// every pattern carries that statement (label()), draws it small at its
// bottom edge and writes it into its files.
//
// Gray levels. Patterns are described in 8-bit levels, as in the reports, and
// generated at B bits in one of two ways:
//   full range   v8 * (2^B - 1) / 255, rounded; window 2^B / 2^(B-1)
//                (TG18: WW 4096 / WL 2048 at 12 bits, 256 / 128 at 8)
//   shifted      v8 * 2^(B-8); window 255 * 2^(B-8) / half of it
//                (TG18 LN, PQC, AFC: WW 4080 / WL 2040 at 12 bits)
// so LN12-01..18 are 0, 240, .., 4080 and UN80 is 204 at 8 bits, 3276 at 12.
// Targets finer than one 8-bit level (TG18-MP's 10-bit markers, TG270-pQC)
// are drawn in native levels.
//
// Each pattern lists its measurement fields and targets (regions()) with the
// exact value they hold, so a test - or a physicist - can find them.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

// A rectangle of uniform value inside a pattern (pixels, half-open).
struct PatternRegion {
    std::string name;  // "patch-8", "measure", "target+4-tl", "point-centre" ...
    int x = 0, y = 0, width = 0, height = 0;
    int value = 0;     // native level
};

struct PatternRequest {
    std::string name;        // TG18-QC, QC, LN8-01, TG18-LN12-05, UN80, TG270-sQC, TG270-ULN10-07 ...
    int width = 1024;
    int height = 1024;
    std::optional<int> bits;  // 8, 10 or 12; default: the pattern's own depth (LN12: 12, ULN10: 10, else 8)
};

class TestPattern {
public:
    const std::string& name() const { return name_; }         // canonical, e.g. "TG18-LN8-01"
    const std::string& title() const { return title_; }       // what it is for
    const std::string& label() const { return label_; }       // the synthetic-pattern statement
    const std::string& codeValue() const { return codeValue_; }  // PS3.16 CID 8301 (DCM), "" for TG270
    int width() const { return width_; }
    int height() const { return height_; }
    int bits() const { return bits_; }
    int maxValue() const { return (1 << bits_) - 1; }
    double windowCenter() const { return windowCenter_; }
    double windowWidth() const { return windowWidth_; }
    bool scaled() const { return scaled_; }  // not one of the report's own sizes (1k, 2k)
    const std::vector<std::uint16_t>& pixels() const { return pixels_; }
    const std::vector<PatternRegion>& regions() const { return regions_; }
    const PatternRegion* region(const std::string& name) const;

    int at(int x, int y) const { return pixels_[std::size_t(y) * std::size_t(width_) + std::size_t(x)]; }

    // The pattern as shown through its window (PS3.3 C.11.2.1.2 linear), to
    // `outBits` (8 or 16): what a PNG holds. 8-bit patterns at 8 bits are unchanged.
    std::vector<std::uint16_t> windowed(int outBits) const;

    // DICOM Secondary Capture (Conversion Type SYN) with the pattern's window.
    void writeDicom(const std::filesystem::path& path) const;

private:
    friend class PatternCanvas;
    friend TestPattern generatePattern(const PatternRequest&);
    std::string name_, title_, label_, codeValue_;
    int width_ = 0, height_ = 0, bits_ = 8;
    double windowCenter_ = 128, windowWidth_ = 256;
    bool scaled_ = false;
    std::vector<std::uint16_t> pixels_;
    std::vector<PatternRegion> regions_;
};

// Throws core::Error(InvalidArgument) for an unknown name, a size below 256 or
// above 8192 pixels, or bits other than 8/10/12 (LN12 needs 12, ULN10 10 or 12).
TestPattern generatePattern(const PatternRequest& request);

// Every canonical pattern name, in report order.
std::vector<std::string> patternNames();

// Centres of the uniformity measuring points on a width x height screen:
// 5 (TG18: centre, tl, tr, bl, br) or 9 (TG270: 1..9 row by row), named as
// the readings CSV names them.
struct MeasuringPoint {
    std::string position;
    int x = 0, y = 0;
};
std::vector<MeasuringPoint> measuringPoints(int count, int width, int height);

}  // namespace lightbox::calibration
