#pragma once
// A QC criteria profile (AAPM TG18, TG270, ACR-AAPM-SIIM, DIN 6868-157 ...):
// which criteria apply and their limits. Profiles are data files
// (resources/qc-profiles/NAME.json) so that a physicist - or a corrected
// reading of a standard - changes a limit without a rebuild.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

// Criterion ids used in profile files and results:
//   contrastResponse      max |measured/expected - 1| of dL/L per interval (fraction, 0.10 = 10 %)
//   lmax, lmin            L' (with ambient), cd/m2
//   luminanceRatio        LR' = L'max / L'min
//   ambientRatio          Lamb / Lmin (Lmin = display black without ambient)
//   uniformityMld         TG18 MLD = 200 (Lmax - Lmin) / (Lmax + Lmin), %, worst field
//   uniformityLudm        TG270 LUDM = max 100 |Li - median| / median, %, worst field
//   chromaticityWithin    largest du'v' between points of one display
//   chromaticityBetween   largest du'v' between the displays of a workstation
//   lmaxMatch             200 (L'max hi - L'max lo) / (hi + lo) between displays, %
//   lmaxChange, lminChange, luminanceRatioChange   constancy: 100 |now - baseline| / baseline, %
struct Limit {
    std::optional<double> min, max;
    bool strict = false;    // min/max exclusive (e.g. ACR mammography 250 < LR' < 650)
    bool advisory = false;  // reported, but a failure does not fail the test (recommendations)
    bool check = false;     // number not yet verified against the primary text (display-qc.md "(check)")
    std::string note;

    bool accepts(double value) const;
    std::string describe() const;  // "<= 0.1", "> 250 and < 650"
};

// How often a test is due: `visual` (the daily check on TG18-QC / TG270-sQC),
// `constancy`, `acceptance`; days between tests.
struct ScheduleItem {
    std::string test;
    int everyDays = 0;
    bool check = false;
    std::string note;
};

struct CriteriaProfile {
    std::string name;   // file stem, e.g. aapm-tg18-primary
    std::string title;
    std::string source;
    std::string kind = "acceptance";  // or "constancy" (compares with a baseline)
    std::map<std::string, Limit> criteria;
    std::vector<std::string> notes;
    std::vector<ScheduleItem> schedule;

    const Limit* limit(const std::string& id) const;

    static CriteriaProfile parseJson(const std::string& text, const std::string& origin = "profile");
    // NAME (a file stem looked up in profileDirectories()) or a path to a .json file.
    static CriteriaProfile load(const std::string& nameOrPath);
    // LIGHTBOX_QC_PROFILES (environment), then ../share/lightbox/qc-profiles
    // beside the running executable, then the source tree's resources/qc-profiles.
    static std::vector<std::filesystem::path> profileDirectories();
    static std::vector<std::string> available();
};

}  // namespace lightbox::calibration
