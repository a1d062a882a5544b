#pragma once
// The P-value -> DDL calibration LUT that makes a display follow the GSDF
// between target luminances (PS3.14; AAPM TG18 section 3).

#include "lightbox/calibration/CharacteristicCurve.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

struct LutRequest {
    double ambient = 0;                 // reflected ambient luminance added to every reading, cd/m2
    std::optional<double> lmax;         // target L'max (with ambient); default: the brightest L'
    std::optional<double> lmin;         // target L'min (with ambient); or
    std::optional<double> ratio;        // target LR' = L'max / L'min; default: the darkest L'
    int pBits = 8;                      // 8, 10 or 12
    int ddlBits = 8;                    // 8 or 10
    // Use PS3.14's plain j(L) polynomial for the JND range instead of the
    // refined inverse (what DCMTK does); only for reproducing such tools.
    bool unrefinedInverse = false;
};

struct CalibrationLut {
    std::vector<std::uint16_t> ddl;  // one per P-value
    int pBits = 8;
    int ddlBits = 8;
    double ambient = 0;
    double lmin = 0, lmax = 0;        // effective targets L'min, L'max (with ambient) after clamping
    double jmin = 0, jmax = 0;
    double totalJnd = 0;              // jmax - jmin
    double jndPerStep = 0;            // per P-value step
    int ddlsUsed = 0;                 // distinct DDLs in the table
    bool unrefinedInverse = false;
    std::vector<std::string> warnings;  // targets moved to what the display can reach

    // Target luminance (with ambient) of P-value p.
    double targetLuminance(int p) const;

    // {"ddl": [...], "pBits", "ddlBits", ..., figures}; .txt: one DDL per line after '#' comments.
    std::string toJson() const;
    std::string toText() const;
    void write(const std::filesystem::path& path) const;  // by extension: .json or text
};

// Builds the LUT. Throws core::Error(InvalidArgument) for impossible requests
// (bits out of range, L'min >= L'max, non-positive targets).
CalibrationLut buildCalibrationLut(const CharacteristicCurve& curve, const LutRequest& request);

}  // namespace lightbox::calibration
