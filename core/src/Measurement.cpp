#include "lightbox/core/Measurement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace lightbox::core {

namespace {

constexpr Tag SequenceOfUltrasoundRegions{0x0018, 0x6011};
constexpr Tag RegionLocationMinX0{0x0018, 0x6018};
constexpr Tag RegionLocationMinY0{0x0018, 0x601A};
constexpr Tag RegionLocationMaxX1{0x0018, 0x601C};
constexpr Tag RegionLocationMaxY1{0x0018, 0x601E};
constexpr Tag PhysicalUnitsXDirection{0x0018, 0x6024};
constexpr Tag PhysicalUnitsYDirection{0x0018, 0x6026};
constexpr Tag PhysicalDeltaX{0x0018, 0x602C};
constexpr Tag PhysicalDeltaY{0x0018, 0x602E};

// PS3.3 C.8.5.5.1.15: 3 = cm; we measure in mm.
std::optional<double> ultrasoundMm(long long units, double delta) {
    if (units == 3 && delta > 0) return delta * 10.0;
    return std::nullopt;
}

std::string number(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

std::string Calibration::qualifier() const {
    switch (basis) {
        case CalibrationBasis::Detector: return "at detector";
        case CalibrationBasis::UltrasoundRegion: return "US region";
        case CalibrationBasis::MagnificationCorrected: return "magnification corrected";
        case CalibrationBasis::PixelSpacing:
        case CalibrationBasis::Pixels: break;
    }
    return "";
}

Calibration Calibration::of(const Dataset& image, int frameIndex, std::optional<Point2> where) {
    Calibration c;
    const ImageGeometry g = ImageGeometry::from(image, frameIndex);
    switch (g.spacingSource) {
        case SpacingSource::PixelSpacing: c.basis = CalibrationBasis::PixelSpacing; break;
        case SpacingSource::ImagerPixelSpacingCorrected: c.basis = CalibrationBasis::MagnificationCorrected; break;
        case SpacingSource::ImagerPixelSpacing: c.basis = CalibrationBasis::Detector; break;
        case SpacingSource::Unknown: c.basis = CalibrationBasis::Pixels; break;
    }
    if (c.basis != CalibrationBasis::Pixels) {
        c.rowSpacing = g.rowSpacing;
        c.columnSpacing = g.columnSpacing;
        return c;
    }
    for (const Dataset& region : image.items(SequenceOfUltrasoundRegions)) {
        const double x0 = region.number(RegionLocationMinX0).value_or(0), y0 = region.number(RegionLocationMinY0).value_or(0);
        const double x1 = region.number(RegionLocationMaxX1).value_or(-1), y1 = region.number(RegionLocationMaxY1).value_or(-1);
        if (where) {
            // Region corners are pixel indices (0-based, inclusive).
            const double px = std::floor(where->x), py = std::floor(where->y);
            if (px < x0 || px > x1 || py < y0 || py > y1) continue;
        }
        auto dx = ultrasoundMm(region.integer(PhysicalUnitsXDirection).value_or(0), region.number(PhysicalDeltaX).value_or(0));
        auto dy = ultrasoundMm(region.integer(PhysicalUnitsYDirection).value_or(0), region.number(PhysicalDeltaY).value_or(0));
        if (dx && dy) {
            c.basis = CalibrationBasis::UltrasoundRegion;
            c.columnSpacing = *dx;
            c.rowSpacing = *dy;
            return c;
        }
        if (where) break;  // the point's region has no physical calibration
    }
    return c;
}

std::string formatLength(double value, const Calibration& c) {
    std::string s = number(value, c.isPhysical() ? 1 : 1) + " " + c.unit();
    if (const std::string q = c.qualifier(); !q.empty() && c.basis != CalibrationBasis::MagnificationCorrected) s += " (" + q + ")";
    return s;
}

std::string formatArea(double value, const Calibration& c) {
    std::string s = number(value, 1) + " " + c.unit() + "2";
    if (const std::string q = c.qualifier(); !q.empty() && c.basis != CalibrationBasis::MagnificationCorrected) s += " (" + q + ")";
    return s;
}

double distance(Point2 a, Point2 b, const Calibration& c) {
    return std::hypot((b.x - a.x) * c.columnSpacing, (b.y - a.y) * c.rowSpacing);
}

double polylineLength(const std::vector<Point2>& points, const Calibration& c) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) sum += distance(points[i], points[i + 1], c);
    return sum;
}

double angleDegrees(Point2 a, Point2 vertex, Point2 b, const Calibration& c) {
    const double ux = (a.x - vertex.x) * c.columnSpacing, uy = (a.y - vertex.y) * c.rowSpacing;
    const double vx = (b.x - vertex.x) * c.columnSpacing, vy = (b.y - vertex.y) * c.rowSpacing;
    const double angle = std::atan2(std::fabs(ux * vy - uy * vx), ux * vx + uy * vy);
    return angle * 180.0 / std::numbers::pi;
}

double cobbAngleDegrees(Point2 a1, Point2 a2, Point2 b1, Point2 b2, const Calibration& c) {
    const double ux = (a2.x - a1.x) * c.columnSpacing, uy = (a2.y - a1.y) * c.rowSpacing;
    const double vx = (b2.x - b1.x) * c.columnSpacing, vy = (b2.y - b1.y) * c.rowSpacing;
    double angle = std::atan2(std::fabs(ux * vy - uy * vx), ux * vx + uy * vy) * 180.0 / std::numbers::pi;
    if (angle > 90) angle = 180 - angle;  // lines, not rays
    return angle;
}

double patientDistance(const Vec3& a, const Vec3& b) { return norm(b - a); }

std::vector<Point2> ellipseRoi(Point2 centre, double radiusColumns, double radiusRows) {
    const int n = std::clamp(int(std::ceil(2 * std::numbers::pi * std::max(radiusColumns, radiusRows))), 32, 4096);
    std::vector<Point2> out;
    for (int i = 0; i < n; ++i) {
        const double t = 2 * std::numbers::pi * i / n;
        out.push_back({centre.x + radiusColumns * std::cos(t), centre.y + radiusRows * std::sin(t)});
    }
    return out;
}

std::vector<Point2> rectangleRoi(Point2 a, Point2 b) {
    return {{a.x, a.y}, {b.x, a.y}, {b.x, b.y}, {a.x, b.y}};
}

RoiStatistics roiStatistics(const Frame& frame, const ModalityTransform& modality, const std::vector<Point2>& outline,
                            const Calibration& c) {
    RoiStatistics s;
    s.valueUnit = modality.rescaleType;
    if (outline.size() < 3 || frame.values.empty()) return s;
    for (const Point2& p : outline)
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return s;
    double twiceArea = 0;
    double minY = outline[0].y, maxY = outline[0].y;
    for (std::size_t i = 0; i < outline.size(); ++i) {
        const Point2& p = outline[i];
        const Point2& q = outline[(i + 1) % outline.size()];
        twiceArea += p.x * q.y - q.x * p.y;
        minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
    s.area = std::fabs(twiceArea) / 2 * c.rowSpacing * c.columnSpacing;
    // Scan lines through pixel centres; Welford's running mean and variance.
    double mean = 0, m2 = 0;
    std::vector<double> crossings;
    const int spp = frame.samplesPerPixel;
    const int firstRow = int(std::max(0.0, std::floor(minY))), lastRow = int(std::min(double(frame.rows - 1), std::ceil(maxY)));
    for (int row = firstRow; row <= lastRow; ++row) {
        const double yc = row + 0.5;
        crossings.clear();
        for (std::size_t i = 0; i < outline.size(); ++i) {
            const Point2& p = outline[i];
            const Point2& q = outline[(i + 1) % outline.size()];
            if ((p.y <= yc) != (q.y <= yc)) crossings.push_back(p.x + (yc - p.y) * (q.x - p.x) / (q.y - p.y));
        }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
            const int xa = int(std::max(0.0, std::ceil(crossings[k] - 0.5)));
            const int xb = int(std::min(double(frame.columns - 1), std::ceil(crossings[k + 1] - 0.5) - 1));
            for (int col = xa; col <= xb; ++col) {
                const double v = modality.apply(frame.values[(std::size_t(row) * std::size_t(frame.columns) + std::size_t(col)) * std::size_t(spp)]);
                if (s.pixels == 0) s.minimum = s.maximum = v;
                ++s.pixels;
                const double d = v - mean;
                mean += d / double(s.pixels);
                m2 += d * (v - mean);
                s.minimum = std::min(s.minimum, v), s.maximum = std::max(s.maximum, v);
            }
        }
    }
    s.mean = mean;
    s.standardDeviation = s.pixels > 1 ? std::sqrt(m2 / double(s.pixels - 1)) : 0.0;
    return s;
}

std::optional<double> probe(const Frame& frame, const ModalityTransform& modality, Point2 p) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    if (p.x < 0 || p.y < 0 || p.x >= frame.columns || p.y >= frame.rows) return std::nullopt;
    const int col = int(std::floor(p.x)), row = int(std::floor(p.y));
    if (col < 0 || row < 0 || col >= frame.columns || row >= frame.rows) return std::nullopt;
    return modality.apply(frame.values[(std::size_t(row) * std::size_t(frame.columns) + std::size_t(col)) * std::size_t(frame.samplesPerPixel)]);
}

std::string modalityValueUnit(const Dataset& image, const ModalityTransform& modality) {
    if (!modality.rescaleType.empty()) return modality.rescaleType;
    if (image.stringOr(tags::Modality, "") == "CT") return "HU";
    return "";
}

}  // namespace lightbox::core
