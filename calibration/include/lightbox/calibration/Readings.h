#pragma once
// Luminance meter readings of one QC session: the TG18-LN luminance response
// (rows without a position) and uniformity fields (rows with a position),
// optionally with chromaticity and for several displays of a workstation.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

struct Reading {
    double ddl = 0;                 // gray level shown (P-value / DDL of the pattern)
    double luminance = 0;           // cd/m2 from the display, without ambient
    std::optional<double> u, v;     // CIE 1976 u', v'
    std::string position;           // "" for the luminance response; centre/tl/tr/bl/br or 1..9
    std::optional<double> level;    // gray level of a uniformity field
    std::string display;            // "" for a single-display set
};

struct ReadingSet {
    std::vector<Reading> readings;

    // CSV with a header naming the columns: `ddl,luminance` required; `u`, `v`,
    // `position`, `level`, `display` optional. A uniformity row may leave ddl
    // empty when it gives level. Throws core::Error(InvalidArgument) naming
    // the line on bad input.
    static ReadingSet parseCsv(const std::string& text, const std::string& origin = "readings");
    static ReadingSet readCsv(const std::filesystem::path& path);
    std::string toCsv() const;

    // Display names in first-seen order ("" when the set has no display column).
    std::vector<std::string> displays() const;
};

}  // namespace lightbox::calibration
