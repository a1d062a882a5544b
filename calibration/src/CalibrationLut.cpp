#include "lightbox/calibration/CalibrationLut.h"

#include "TextFiles.h"

#include "lightbox/calibration/Gsdf.h"
#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace lightbox::calibration {
namespace {

[[noreturn]] void bad(const std::string& what) {
    throw core::Error(core::ErrorCode::InvalidArgument, "calibration LUT: " + what);
}

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

double CalibrationLut::targetLuminance(int p) const {
    const double steps = double(ddl.size() > 1 ? ddl.size() - 1 : 1);
    return gsdf::luminance(jmin + double(p) * (jmax - jmin) / steps);
}

CalibrationLut buildCalibrationLut(const CharacteristicCurve& curve, const LutRequest& request) {
    if (request.pBits != 8 && request.pBits != 10 && request.pBits != 12) bad("P-value bits must be 8, 10 or 12");
    if (request.ddlBits != 8 && request.ddlBits != 10) bad("DDL bits must be 8 or 10");
    if (!(request.ambient >= 0)) bad("ambient luminance must be >= 0");
    if (request.lmin && request.ratio) bad("give L'min or LR', not both");

    CalibrationLut lut;
    lut.pBits = request.pBits;
    lut.ddlBits = request.ddlBits;
    lut.ambient = request.ambient;
    lut.unrefinedInverse = request.unrefinedInverse;

    // L' per output DDL. A curve measured on another DDL range (an 8-bit
    // characteristic for a 10-bit output) is read at the same fraction of
    // full scale. The running maximum keeps the table monotone when noise
    // makes neighbouring readings dip.
    const int ddlCount = 1 << request.ddlBits;
    std::vector<double> lumWithAmbient(static_cast<size_t>(ddlCount));
    const double scale = double(curve.maxDdl()) / double(ddlCount - 1);
    double running = 0;
    for (int d = 0; d < ddlCount; ++d) {
        running = std::max(running, curve.luminanceAt(d * scale) + request.ambient);
        lumWithAmbient[size_t(d)] = running;
    }
    const double darkest = lumWithAmbient.front(), brightest = lumWithAmbient.back();
    if (!(darkest > 0)) bad("the display's darkest L' is 0 cd/m2; the GSDF needs a positive L'min (add ambient)");

    double lmax = request.lmax.value_or(brightest);
    if (!(lmax > 0)) bad("L'max must be positive");
    if (lmax > brightest * (1 + 1e-12)) {
        lut.warnings.push_back("L'max " + number(lmax) + " cd/m2 is above what the display reaches; using " +
                               number(brightest));
        lmax = brightest;
    }
    double lmin = request.lmin ? *request.lmin : request.ratio ? lmax / *request.ratio : darkest;
    if (request.ratio && !(*request.ratio > 1)) bad("LR' must be greater than 1");
    if (!(lmin > 0)) bad("L'min must be positive");
    if (lmin < darkest * (1 - 1e-12)) {
        lut.warnings.push_back("L'min " + number(lmin) + " cd/m2 is below the display's black (with ambient); using " +
                               number(darkest));
        lmin = darkest;
    }
    if (!(lmin < lmax)) bad("L'min (" + number(lmin) + ") must be below L'max (" + number(lmax) + ")");
    lut.lmin = lmin;
    lut.lmax = lmax;

    auto jOf = [&](double l) { return request.unrefinedInverse ? gsdf::jndIndexUnrefined(l) : gsdf::jndIndex(l); };
    lut.jmin = jOf(lmin);
    lut.jmax = jOf(lmax);
    lut.totalJnd = lut.jmax - lut.jmin;
    const int pCount = 1 << request.pBits;
    lut.jndPerStep = lut.totalJnd / double(pCount - 1);

    // Each P-value takes the DDL whose L' is nearest its GSDF target (by
    // luminance, as dcmdspfn does). Targets rise with P and L' is monotone,
    // so the choice is monotone too.
    lut.ddl.resize(size_t(pCount));
    std::set<std::uint16_t> used;
    for (int p = 0; p < pCount; ++p) {
        const double target = gsdf::luminance(lut.jmin + double(p) * lut.totalJnd / double(pCount - 1));
        auto it = std::lower_bound(lumWithAmbient.begin(), lumWithAmbient.end(), target);
        size_t d = size_t(it - lumWithAmbient.begin());
        if (d >= lumWithAmbient.size()) d = lumWithAmbient.size() - 1;
        else if (d > 0 && target - lumWithAmbient[d - 1] <= lumWithAmbient[d] - target) --d;
        // Flat stretches (equal L') resolve to their first DDL above; keep monotone.
        if (p > 0 && d < lut.ddl[size_t(p - 1)]) d = lut.ddl[size_t(p - 1)];
        lut.ddl[size_t(p)] = std::uint16_t(d);
        used.insert(std::uint16_t(d));
    }
    lut.ddlsUsed = int(used.size());
    return lut;
}

std::string CalibrationLut::toJson() const {
    nlohmann::json j;
    j["pBits"] = pBits;
    j["ddlBits"] = ddlBits;
    j["ambient"] = ambient;
    j["lmin"] = lmin;
    j["lmax"] = lmax;
    j["luminanceRatio"] = lmax / lmin;
    j["jmin"] = jmin;
    j["jmax"] = jmax;
    j["totalJnd"] = totalJnd;
    j["jndPerStep"] = jndPerStep;
    j["ddlsUsed"] = ddlsUsed;
    j["inverse"] = unrefinedInverse ? "unrefined PS3.14 polynomial" : "refined (Newton on L(j))";
    j["warnings"] = warnings;
    j["ddl"] = ddl;
    return j.dump(1) + "\n";
}

std::string CalibrationLut::toText() const {
    std::ostringstream out;
    out << "# Lightbox GSDF calibration LUT: P-value -> DDL, one line per P-value\n"
        << "# P-value bits: " << pBits << ", DDL bits: " << ddlBits << "\n"
        << "# ambient " << number(ambient) << " cd/m2, L'min " << number(lmin) << ", L'max " << number(lmax)
        << " cd/m2\n"
        << "# JND " << number(jmin) << " .. " << number(jmax) << " (" << number(totalJnd) << " JNDs, "
        << number(jndPerStep) << " per P step), DDLs used " << ddlsUsed << ", inverse "
        << (unrefinedInverse ? "unrefined" : "refined") << "\n";
    for (const auto& w : warnings) out << "# warning: " << w << "\n";
    for (auto d : ddl) out << d << "\n";
    return out.str();
}

void CalibrationLut::write(const std::filesystem::path& path) const {
    detail::writeTextFile(path, path.extension() == ".json" ? toJson() : toText());
}

}  // namespace lightbox::calibration
