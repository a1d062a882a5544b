#pragma once
// Where an image lies in the patient (PS3.3 C.7.6.2): position of the first
// pixel's centre, row/column direction cosines, and pixel spacing - with the
// source of the spacing, because a distance is only as good as its basis.

#include "lightbox/core/Dataset.h"

#include <array>
#include <optional>
#include <string>

namespace lightbox::core {

using Vec3 = std::array<double, 3>;
inline Vec3 operator-(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
inline Vec3 operator+(const Vec3& a, const Vec3& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
inline Vec3 operator*(const Vec3& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
double dot(const Vec3& a, const Vec3& b);
Vec3 cross(const Vec3& a, const Vec3& b);
double norm(const Vec3& a);
Vec3 normalized(const Vec3& a);

enum class SpacingSource {
    PixelSpacing,                // (0028,0030): in the patient plane
    ImagerPixelSpacingCorrected, // (0018,1164) / Estimated Radiographic Magnification Factor
    ImagerPixelSpacing,          // (0018,1164) at the detector: not corrected for magnification
    Unknown,                     // no spacing: distances in pixels only
};
std::string spacingSourceName(SpacingSource s);

struct ImageGeometry {
    std::optional<Vec3> position;      // ImagePositionPatient
    Vec3 rowDirection{1, 0, 0};        // direction of increasing column index
    Vec3 columnDirection{0, 1, 0};     // direction of increasing row index
    bool hasOrientation = false;
    double rowSpacing = 1.0;           // mm between adjacent rows
    double columnSpacing = 1.0;        // mm between adjacent columns
    SpacingSource spacingSource = SpacingSource::Unknown;
    double sliceThickness = 0.0;

    Vec3 normal() const { return normalized(cross(rowDirection, columnDirection)); }
    bool hasPatientGeometry() const { return position.has_value() && hasOrientation; }
    // Patient coordinates (mm) of pixel (column, row), 0-based.
    Vec3 patientPoint(double column, double row) const;

    // Reads the top-level attributes, or for Enhanced objects the functional
    // groups of `frameIndex` (per-frame first, then shared).
    static ImageGeometry from(const Dataset& ds, int frameIndex = -1);
};

}  // namespace lightbox::core
