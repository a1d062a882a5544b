#pragma once
// A display's characteristic curve: measured luminance (cd/m2, without
// ambient) per digital driving level (DDL), from any number of readings,
// interpolated monotonically (Fritsch-Carlson piecewise cubic Hermite) so that
// 18 TG18-LN readings give a curve with no overshoot between them.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

struct CurvePoint {
    double ddl = 0;
    double luminance = 0;  // cd/m2, display only (no ambient)
};

class CharacteristicCurve {
public:
    CharacteristicCurve() = default;
    // Points in any order; DDLs must be distinct, luminances positive.
    // maxDdl is the display's largest DDL (255 for 8-bit); the points need
    // not reach it (the curve is held flat beyond the last point).
    CharacteristicCurve(std::vector<CurvePoint> points, int maxDdl, std::optional<double> ambient = std::nullopt);

    const std::vector<CurvePoint>& points() const { return points_; }
    int maxDdl() const { return maxDdl_; }
    // The ambient luminance recorded with the curve (DCMTK's `amb`), if any.
    std::optional<double> ambient() const { return ambient_; }
    void setAmbient(std::optional<double> ambient) { ambient_ = ambient; }

    // Interpolated luminance at a (fractional) DDL, without ambient.
    double luminanceAt(double ddl) const;

    // DCMTK monitor characteristics file (dcmdspfn, dconvlum): `max N`,
    // optional `amb A`, then `DDL luminance` lines; '#' starts a comment.
    static CharacteristicCurve readDcmtk(const std::filesystem::path& path);
    static CharacteristicCurve parseDcmtk(const std::string& text, const std::string& origin = "curve");
    void writeDcmtk(const std::filesystem::path& path) const;
    std::string toDcmtk() const;

    // Our JSON: {"maxDdl": 255, "ambient": 0.5, "points": [[ddl, luminance], ...]}.
    static CharacteristicCurve readJson(const std::filesystem::path& path);
    static CharacteristicCurve parseJson(const std::string& text, const std::string& origin = "curve");
    void writeJson(const std::filesystem::path& path) const;
    std::string toJson() const;

    // By extension: .json is ours, anything else DCMTK's text format.
    static CharacteristicCurve read(const std::filesystem::path& path);

private:
    std::vector<CurvePoint> points_;
    std::vector<double> slopes_;  // Hermite tangents at each point
    int maxDdl_ = 255;
    std::optional<double> ambient_;
};

}  // namespace lightbox::calibration
