#include "lightbox/calibration/CharacteristicCurve.h"

#include "TextFiles.h"

#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace lightbox::calibration {
namespace {

[[noreturn]] void bad(const std::string& origin, const std::string& what) {
    throw core::Error(core::ErrorCode::InvalidArgument, origin + ": " + what);
}

}  // namespace

CharacteristicCurve::CharacteristicCurve(std::vector<CurvePoint> points, int maxDdl, std::optional<double> ambient)
    : points_(std::move(points)), maxDdl_(maxDdl), ambient_(ambient) {
    if (points_.size() < 2) bad("characteristic curve", "needs at least two readings");
    if (maxDdl_ < 1) bad("characteristic curve", "maximum DDL must be at least 1");
    std::sort(points_.begin(), points_.end(), [](const CurvePoint& a, const CurvePoint& b) { return a.ddl < b.ddl; });
    for (size_t i = 0; i < points_.size(); ++i) {
        const auto& p = points_[i];
        if (!std::isfinite(p.ddl) || !std::isfinite(p.luminance) || p.luminance < 0)
            bad("characteristic curve", "reading at DDL " + std::to_string(p.ddl) + " is not a valid luminance");
        if (i > 0 && p.ddl == points_[i - 1].ddl)
            bad("characteristic curve", "two readings at DDL " + std::to_string(p.ddl));
    }
    if (ambient_ && (*ambient_ < 0 || !std::isfinite(*ambient_))) bad("characteristic curve", "ambient must be >= 0");

    // Fritsch-Carlson tangents: secant slopes, harmonic-mean interior
    // tangents, zero where the data turns; this keeps each interval monotone
    // when its end points are.
    const size_t n = points_.size();
    std::vector<double> secant(n - 1);
    for (size_t i = 0; i + 1 < n; ++i)
        secant[i] = (points_[i + 1].luminance - points_[i].luminance) / (points_[i + 1].ddl - points_[i].ddl);
    slopes_.assign(n, 0.0);
    slopes_[0] = secant[0];
    slopes_[n - 1] = secant[n - 2];
    for (size_t i = 1; i + 1 < n; ++i) {
        if (secant[i - 1] * secant[i] <= 0) continue;
        const double h0 = points_[i].ddl - points_[i - 1].ddl, h1 = points_[i + 1].ddl - points_[i].ddl;
        const double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;
        slopes_[i] = (w1 + w2) / (w1 / secant[i - 1] + w2 / secant[i]);
    }
    // End tangents must not exceed three times the secant (Fritsch-Carlson condition).
    for (size_t end : {size_t{0}, n - 1}) {
        const double s = secant[end == 0 ? 0 : n - 2];
        if (s == 0 || slopes_[end] * s < 0) slopes_[end] = 0;
        else if (std::fabs(slopes_[end]) > 3 * std::fabs(s)) slopes_[end] = 3 * s;
    }
}

double CharacteristicCurve::luminanceAt(double ddl) const {
    if (points_.empty()) return 0;
    if (ddl <= points_.front().ddl) return points_.front().luminance;
    if (ddl >= points_.back().ddl) return points_.back().luminance;
    auto it = std::upper_bound(points_.begin(), points_.end(), ddl,
                               [](double d, const CurvePoint& p) { return d < p.ddl; });
    const size_t i = size_t(it - points_.begin()) - 1;
    const double h = points_[i + 1].ddl - points_[i].ddl;
    const double t = (ddl - points_[i].ddl) / h;
    const double t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * points_[i].luminance + (t3 - 2 * t2 + t) * h * slopes_[i] +
           (-2 * t3 + 3 * t2) * points_[i + 1].luminance + (t3 - t2) * h * slopes_[i + 1];
}

CharacteristicCurve CharacteristicCurve::parseDcmtk(const std::string& text, const std::string& origin) {
    std::istringstream in(text);
    std::string line;
    std::optional<int> maxDdl;
    std::optional<double> ambient;
    std::vector<CurvePoint> points;
    int lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        std::string first;
        if (!(words >> first)) continue;
        const std::string where = origin + " line " + std::to_string(lineNumber);
        if (first == "max") {
            long v = 0;
            if (!(words >> v) || v < 1 || v > 65535) bad(where, "`max` needs the largest DDL (1..65535)");
            maxDdl = int(v);
        } else if (first == "amb") {
            double v = 0;
            if (!(words >> v) || v < 0) bad(where, "`amb` needs a non-negative luminance");
            ambient = v;
        } else if (first == "lum" || first == "ord") {
            // illumination (printers) and polynomial order: not used for monitors
        } else {
            CurvePoint p;
            std::istringstream pair(line);
            if (!(pair >> p.ddl >> p.luminance)) bad(where, "expected `DDL luminance`, got '" + first + "'");
            points.push_back(p);
        }
    }
    if (!maxDdl) bad(origin, "no `max` line (largest DDL)");
    return CharacteristicCurve(std::move(points), *maxDdl, ambient);
}

CharacteristicCurve CharacteristicCurve::readDcmtk(const std::filesystem::path& path) {
    return parseDcmtk(detail::readTextFile(path), path.string());
}

std::string CharacteristicCurve::toDcmtk() const {
    std::ostringstream out;
    out << "# Monitor characteristic file (DCMTK format, written by Lightbox)\n\n# maximum DDL value\n\n  max   "
        << maxDdl_ << "\n\n";
    char buf[96];
    if (ambient_) {
        std::snprintf(buf, sizeof buf, "%.9g", *ambient_);
        out << "# ambient light (optional)\n\n  amb   " << buf << "\n\n";
    }
    out << "# DDL   LumVal\n\n";
    for (const auto& p : points_) {
        std::snprintf(buf, sizeof buf, "%5.10g %.17g\n", p.ddl, p.luminance);
        out << buf;
    }
    out << "\n# eof of file\n";
    return out.str();
}

void CharacteristicCurve::writeDcmtk(const std::filesystem::path& path) const { detail::writeTextFile(path, toDcmtk()); }

CharacteristicCurve CharacteristicCurve::parseJson(const std::string& text, const std::string& origin) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
        std::vector<CurvePoint> points;
        for (const auto& p : j.at("points")) points.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
        std::optional<double> ambient;
        if (j.contains("ambient") && !j["ambient"].is_null()) ambient = j["ambient"].get<double>();
        return CharacteristicCurve(std::move(points), j.value("maxDdl", 255), ambient);
    } catch (const nlohmann::json::exception& e) {
        bad(origin, std::string("not a characteristic curve JSON: ") + e.what());
    }
}

CharacteristicCurve CharacteristicCurve::readJson(const std::filesystem::path& path) {
    return parseJson(detail::readTextFile(path), path.string());
}

std::string CharacteristicCurve::toJson() const {
    nlohmann::json j;
    j["maxDdl"] = maxDdl_;
    if (ambient_) j["ambient"] = *ambient_;
    j["points"] = nlohmann::json::array();
    for (const auto& p : points_) j["points"].push_back({p.ddl, p.luminance});
    return j.dump(1) + "\n";
}

void CharacteristicCurve::writeJson(const std::filesystem::path& path) const { detail::writeTextFile(path, toJson()); }

CharacteristicCurve CharacteristicCurve::read(const std::filesystem::path& path) {
    return path.extension() == ".json" ? readJson(path) : readDcmtk(path);
}

}  // namespace lightbox::calibration
