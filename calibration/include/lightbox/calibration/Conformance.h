#pragma once
// Evaluates a set of QC readings against a criteria profile: contrast
// response against the GSDF (TG18 section 4.3), L'max, L'min, LR', ambient
// ratio, uniformity (TG18 MLD, TG270 LUDM), chromaticity, L'max match between
// displays and, for constancy profiles, the change from the acceptance baseline.

#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/Readings.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

// One interval between consecutive luminance-response readings.
struct ContrastInterval {
    double ddlLow = 0, ddlHigh = 0;
    double lumLow = 0, lumHigh = 0;  // L' (with ambient)
    double measured = 0;             // 2 (Lh - Ll) / (Lh + Ll)
    double jnds = 0;                 // JNDs the interval should span (share of j(L'max) - j(L'min))
    double expected = 0;             // GSDF dL/L per JND at the mean L' times jnds
    double deviation = 0;            // measured / expected - 1
};

// What was measured on one display.
struct DisplayFigures {
    std::string display;
    std::optional<double> lmax, lmin, luminanceRatio, totalJnd;  // L' values, with ambient
    std::optional<double> blackWithoutAmbient;
    std::vector<ContrastInterval> intervals;
    std::optional<double> maxDeviation;  // max |deviation|
    std::optional<double> mld, ludm;     // worst uniformity field, %
    std::optional<double> chromaticityWithin;
    std::optional<double> meanU, meanV;  // at the brightest level with chromaticity
};

// Acceptance figures to compare a constancy test with, per display.
struct Baseline {
    std::map<std::string, DisplayFigures> displays;
    // An `evaluate --json` result, or a readings CSV evaluated with `ambient`.
    static Baseline read(const std::filesystem::path& path, double ambient);
};

enum class Verdict { Pass, Fail, NotEvaluated };
const char* verdictName(Verdict v);

struct CriterionResult {
    std::string id;
    std::string display;  // "" for workstation-wide criteria or single displays
    std::string description;
    std::string unit;
    std::optional<double> value;
    Limit limit;
    Verdict verdict = Verdict::NotEvaluated;
    std::string detail;  // why not evaluated, or which field was worst
};

struct EvaluationOptions {
    double ambient = 0;  // reflected ambient luminance, cd/m2
    std::optional<Baseline> baseline;
};

struct Evaluation {
    std::string profile;
    std::string profileTitle;
    double ambient = 0;
    std::vector<DisplayFigures> displays;
    std::vector<CriterionResult> criteria;

    // No non-advisory criterion failed (not-evaluated ones do not fail).
    bool passed() const;
    std::string toJson() const;
};

// Figures only (no verdicts) - also what a baseline holds.
std::vector<DisplayFigures> measureDisplays(const ReadingSet& readings, double ambient);

// Throws core::Error(InvalidArgument) when the set holds nothing to evaluate
// or a constancy profile has no baseline.
Evaluation evaluateReadings(const ReadingSet& readings, const CriteriaProfile& profile,
                            const EvaluationOptions& options);

}  // namespace lightbox::calibration
