#include "lightbox/calibration/Conformance.h"

#include "TextFiles.h"

#include "lightbox/calibration/Gsdf.h"
#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace lightbox::calibration {
namespace {

double distance(double u1, double v1, double u2, double v2) { return std::hypot(u1 - u2, v1 - v2); }

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

DisplayFigures measureOne(const std::string& display, const std::vector<const Reading*>& rows, double ambient) {
    DisplayFigures f;
    f.display = display;
    std::vector<const Reading*> response;
    std::map<double, std::vector<const Reading*>> fields;  // uniformity fields by gray level
    for (const Reading* r : rows) {
        if (r->position.empty()) response.push_back(r);
        else fields[r->level.value_or(r->ddl)].push_back(r);
    }
    std::stable_sort(response.begin(), response.end(), [](const Reading* a, const Reading* b) { return a->ddl < b->ddl; });

    if (response.size() >= 2) {
        const double lmin = response.front()->luminance + ambient, lmax = response.back()->luminance + ambient;
        f.blackWithoutAmbient = response.front()->luminance;
        f.lmin = lmin;
        f.lmax = lmax;
        if (lmin > 0) {
            f.luminanceRatio = lmax / lmin;
            const double jmin = gsdf::jndIndex(lmin), jmax = gsdf::jndIndex(lmax);
            f.totalJnd = jmax - jmin;
            const double span = response.back()->ddl - response.front()->ddl;
            double worst = 0;
            for (size_t i = 1; i < response.size() && span > 0; ++i) {
                ContrastInterval c;
                c.ddlLow = response[i - 1]->ddl;
                c.ddlHigh = response[i]->ddl;
                c.lumLow = response[i - 1]->luminance + ambient;
                c.lumHigh = response[i]->luminance + ambient;
                c.measured = 2 * (c.lumHigh - c.lumLow) / (c.lumHigh + c.lumLow);
                c.jnds = (jmax - jmin) * (c.ddlHigh - c.ddlLow) / span;
                c.expected = gsdf::contrastPerJnd((c.lumHigh + c.lumLow) / 2) * c.jnds;
                c.deviation = c.expected > 0 ? c.measured / c.expected - 1 : 0;
                worst = std::max(worst, std::fabs(c.deviation));
                f.intervals.push_back(c);
            }
            if (!f.intervals.empty()) f.maxDeviation = worst;
        }
    } else if (response.size() == 1) {
        f.lmax = f.lmin = response.front()->luminance + ambient;
        f.blackWithoutAmbient = response.front()->luminance;
    }

    // Uniformity on the display's own luminance (ambient adds the same to
    // every point and would only flatter the figure). MLD on any field (TG18
    // measures 5 points); LUDM only on 9-point fields, its median is
    // meaningless on TG18's centre-and-corners set.
    for (const auto& [level, points] : fields) {
        if (points.size() < 2) continue;
        std::vector<double> lum;
        for (const Reading* r : points) lum.push_back(r->luminance);
        const auto [lo, hi] = std::minmax_element(lum.begin(), lum.end());
        if (*hi + *lo > 0) f.mld = std::max(f.mld.value_or(0), 200 * (*hi - *lo) / (*hi + *lo));
        const double med = median(lum);
        if (med > 0 && points.size() >= 9) {
            double ludm = 0;
            for (double l : lum) ludm = std::max(ludm, 100 * std::fabs(l - med) / med);
            f.ludm = std::max(f.ludm.value_or(0), ludm);
        }
    }

    // Chromaticity: within = the largest distance between any two points of
    // the display that carry u'v' (uniformity points, else response rows);
    // the display's colour for matching = the mean at its brightest level.
    std::vector<const Reading*> coloured;
    for (const Reading* r : rows)
        if (r->u && !r->position.empty()) coloured.push_back(r);
    if (coloured.empty())
        for (const Reading* r : rows)
            if (r->u) coloured.push_back(r);
    if (!coloured.empty()) {
        double within = 0;
        for (size_t i = 0; i < coloured.size(); ++i)
            for (size_t k = i + 1; k < coloured.size(); ++k)
                within = std::max(within, distance(*coloured[i]->u, *coloured[i]->v, *coloured[k]->u, *coloured[k]->v));
        if (coloured.size() >= 2) f.chromaticityWithin = within;
        double top = -1;
        for (const Reading* r : coloured) top = std::max(top, r->level.value_or(r->ddl));
        double su = 0, sv = 0;
        int n = 0;
        for (const Reading* r : coloured)
            if (r->level.value_or(r->ddl) == top) su += *r->u, sv += *r->v, ++n;
        f.meanU = su / n;
        f.meanV = sv / n;
    }
    return f;
}

}  // namespace

const char* verdictName(Verdict v) {
    switch (v) {
        case Verdict::Pass: return "pass";
        case Verdict::Fail: return "fail";
        case Verdict::NotEvaluated: return "not evaluated";
    }
    return "?";
}

std::vector<DisplayFigures> measureDisplays(const ReadingSet& readings, double ambient) {
    std::vector<DisplayFigures> out;
    for (const auto& name : readings.displays()) {
        std::vector<const Reading*> rows;
        for (const auto& r : readings.readings)
            if (r.display == name) rows.push_back(&r);
        out.push_back(measureOne(name, rows, ambient));
    }
    return out;
}

bool Evaluation::passed() const {
    return std::none_of(criteria.begin(), criteria.end(),
                        [](const CriterionResult& c) { return c.verdict == Verdict::Fail && !c.limit.advisory; });
}

Evaluation evaluateReadings(const ReadingSet& readings, const CriteriaProfile& profile,
                            const EvaluationOptions& options) {
    if (!(options.ambient >= 0) || !std::isfinite(options.ambient))
        throw core::Error(core::ErrorCode::InvalidArgument, "ambient luminance must be >= 0 cd/m2");
    if (profile.kind == "constancy" && !options.baseline)
        throw core::Error(core::ErrorCode::InvalidArgument,
                          "profile " + profile.name + " is a constancy test: give the acceptance baseline");
    Evaluation e;
    e.profile = profile.name;
    e.profileTitle = profile.title;
    e.ambient = options.ambient;
    e.displays = measureDisplays(readings, options.ambient);
    const bool several = e.displays.size() > 1;

    auto add = [&](const std::string& id, const std::string& display, const char* description, const char* unit,
                   std::optional<double> value, std::string whyMissing) {
        const Limit* limit = profile.limit(id);
        if (!limit) return;
        CriterionResult c;
        c.id = id;
        c.display = display;
        c.description = description;
        c.unit = unit;
        c.value = value;
        c.limit = *limit;
        if (value) c.verdict = limit->accepts(*value) ? Verdict::Pass : Verdict::Fail;
        else c.detail = std::move(whyMissing);
        e.criteria.push_back(std::move(c));
    };

    for (const auto& f : e.displays) {
        const std::string& d = f.display;
        const char* noResponse = "no luminance-response readings (rows without a position)";
        add("contrastResponse", d, "contrast response: max |dL/L deviation| from the GSDF", "fraction",
            f.maxDeviation, "needs at least two luminance-response readings");
        add("lmax", d, "L'max (with ambient)", "cd/m2", f.lmax, noResponse);
        add("lmin", d, "L'min (with ambient)", "cd/m2", f.lmin, noResponse);
        add("luminanceRatio", d, "LR' = L'max / L'min", "", f.luminanceRatio, noResponse);
        std::optional<double> ambientRatio;
        if (f.blackWithoutAmbient && *f.blackWithoutAmbient > 0) ambientRatio = options.ambient / *f.blackWithoutAmbient;
        add("ambientRatio", d, "ambient: Lamb / Lmin", "", ambientRatio, noResponse);
        add("ambientRatioRecommended", d, "ambient (recommended): Lamb / Lmin", "", ambientRatio, noResponse);
        add("uniformityMld", d, "uniformity: TG18 MLD, worst field", "%", f.mld, "no uniformity readings (position column)");
        add("uniformityLudm", d, "uniformity: TG270 LUDM, worst field", "%", f.ludm, "no uniformity readings (position column)");
        add("chromaticityWithin", d, "chromaticity du'v' within the display", "", f.chromaticityWithin,
            "needs u,v on at least two readings");
        if (options.baseline) {
            auto it = options.baseline->displays.find(d);
            const DisplayFigures* b = it == options.baseline->displays.end() ? nullptr : &it->second;
            auto change = [](std::optional<double> now, const std::optional<double>& base) -> std::optional<double> {
                if (!now || !base || *base == 0) return std::nullopt;
                return 100 * std::fabs(*now - *base) / *base;
            };
            const char* noBase = "the baseline has no figures for this display";
            add("lmaxChange", d, "constancy: L'max change from baseline", "%", b ? change(f.lmax, b->lmax) : std::nullopt, noBase);
            add("lminChange", d, "constancy: L'min change from baseline", "%", b ? change(f.lmin, b->lmin) : std::nullopt, noBase);
            add("luminanceRatioChange", d, "constancy: LR' change from baseline", "%",
                b ? change(f.luminanceRatio, b->luminanceRatio) : std::nullopt, noBase);
        }
    }

    // Workstation-wide: only meaningful with several displays.
    std::optional<double> between, match;
    if (several) {
        double hi = -1, lo = -1, worst = 0;
        bool colour = false;
        for (size_t i = 0; i < e.displays.size(); ++i) {
            const auto& a = e.displays[i];
            if (a.lmax) {
                hi = hi < 0 ? *a.lmax : std::max(hi, *a.lmax);
                lo = lo < 0 ? *a.lmax : std::min(lo, *a.lmax);
            }
            for (size_t k = i + 1; k < e.displays.size(); ++k) {
                const auto& b = e.displays[k];
                if (a.meanU && b.meanU) {
                    colour = true;
                    worst = std::max(worst, distance(*a.meanU, *a.meanV, *b.meanU, *b.meanV));
                }
            }
        }
        if (hi > 0 && lo > 0) match = 200 * (hi - lo) / (hi + lo);
        if (colour) between = worst;
    }
    const char* single = "needs readings from two or more displays (display column)";
    add("lmaxMatch", "", "L'max match between displays", "%", match, single);
    add("chromaticityBetween", "", "chromaticity du'v' between displays", "", between, single);
    if (e.criteria.empty() && !e.displays.empty() && !e.displays.front().lmax && !e.displays.front().mld)
        throw core::Error(core::ErrorCode::InvalidArgument, "the readings hold nothing this profile evaluates");
    if (!several)
        for (auto& c : e.criteria) c.display.clear();
    return e;
}

namespace {

nlohmann::json optionalNumber(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::optional<double> readOptional(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<double>();
}

}  // namespace

std::string Evaluation::toJson() const {
    nlohmann::json j;
    j["profile"] = profile;
    j["profileTitle"] = profileTitle;
    j["ambient"] = ambient;
    j["passed"] = passed();
    j["criteria"] = nlohmann::json::array();
    for (const auto& c : criteria) {
        nlohmann::json cj = {{"id", c.id}, {"description", c.description}, {"unit", c.unit},
                             {"value", optionalNumber(c.value)}, {"limit", c.limit.describe()},
                             {"min", optionalNumber(c.limit.min)}, {"max", optionalNumber(c.limit.max)},
                             {"verdict", verdictName(c.verdict)}, {"advisory", c.limit.advisory},
                             {"limitToBeChecked", c.limit.check}};
        if (!c.display.empty()) cj["display"] = c.display;
        if (!c.detail.empty()) cj["detail"] = c.detail;
        if (!c.limit.note.empty()) cj["note"] = c.limit.note;
        j["criteria"].push_back(cj);
    }
    j["displays"] = nlohmann::json::array();
    for (const auto& f : displays) {
        nlohmann::json dj = {{"display", f.display}, {"lmax", optionalNumber(f.lmax)}, {"lmin", optionalNumber(f.lmin)},
                             {"luminanceRatio", optionalNumber(f.luminanceRatio)},
                             {"totalJnd", optionalNumber(f.totalJnd)},
                             {"blackWithoutAmbient", optionalNumber(f.blackWithoutAmbient)},
                             {"maxDeviation", optionalNumber(f.maxDeviation)}, {"mld", optionalNumber(f.mld)},
                             {"ludm", optionalNumber(f.ludm)},
                             {"chromaticityWithin", optionalNumber(f.chromaticityWithin)},
                             {"u", optionalNumber(f.meanU)}, {"v", optionalNumber(f.meanV)}};
        dj["intervals"] = nlohmann::json::array();
        for (const auto& c : f.intervals)
            dj["intervals"].push_back({{"ddlLow", c.ddlLow}, {"ddlHigh", c.ddlHigh}, {"lumLow", c.lumLow},
                                       {"lumHigh", c.lumHigh}, {"measured", c.measured}, {"jnds", c.jnds},
                                       {"expected", c.expected}, {"deviation", c.deviation}});
        j["displays"].push_back(dj);
    }
    return j.dump(2) + "\n";
}

Baseline Baseline::read(const std::filesystem::path& path, double ambient) {
    Baseline b;
    if (path.extension() == ".csv") {
        for (auto& f : measureDisplays(ReadingSet::readCsv(path), ambient)) b.displays[f.display] = f;
        return b;
    }
    try {
        const auto j = nlohmann::json::parse(detail::readTextFile(path));
        for (const auto& dj : j.at("displays")) {
            DisplayFigures f;
            f.display = dj.value("display", "");
            f.lmax = readOptional(dj, "lmax");
            f.lmin = readOptional(dj, "lmin");
            f.luminanceRatio = readOptional(dj, "luminanceRatio");
            b.displays[f.display] = f;
        }
    } catch (const nlohmann::json::exception& e) {
        throw core::Error(core::ErrorCode::InvalidArgument,
                          path.string() + ": not an evaluation JSON (lightbox-cli qc evaluate --json): " + e.what());
    }
    return b;
}

}  // namespace lightbox::calibration
