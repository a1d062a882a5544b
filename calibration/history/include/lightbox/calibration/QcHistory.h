#pragma once
// The QC history of a workstation's displays, in SQLite: each display (keyed
// by its EDID identity), its characteristic curves, calibration LUTs (one
// active per display: what the render pass applies), and every test session
// with its date, person, meter, every reading and every criterion result.
// From it: trends (L'max, LR', contrast-response error, ambient), due dates
// per the profile's schedule with reminders, and a JSON export in the
// structure of the DICOM Display System modules (PS3.3 C.32).
//
// Thread-safety: one QcHistory per thread (SQLite serialises writers; a
// second connection to the same file waits up to 5 s for a lock).

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/CharacteristicCurve.h"
#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/DisplayIdentity.h"
#include "lightbox/calibration/Readings.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

namespace detail {
class SqliteDb;
}

struct DisplayRecord {
    std::int64_t id = 0;
    std::string key;
    DisplayIdentity identity;
    std::string location;  // "reading room 2, left"
    std::string firstSeen;
};

// One test: acceptance, constancy or the visual daily check.
struct QcSession {
    std::int64_t id = 0;
    std::string displayKey;
    std::string performedAt;  // ISO 8601 UTC, "2026-11-29T07:30:00Z"
    std::string test = "acceptance";  // acceptance | constancy | visual
    std::string profile;
    std::string person;
    std::string meter;
    double ambient = 0;                // reflected ambient luminance used, cd/m2
    std::optional<double> ambientLux;  // as measured
    std::string notes;
    bool passed = false;
    ReadingSet readings;
    std::vector<CriterionResult> results;
    // Headline figures (first display of the set) for trends.
    std::optional<double> lmax, lmin, luminanceRatio, maxDeviation;

    // A session from an evaluation (copies its results and headline figures).
    static QcSession fromEvaluation(const std::string& displayKey, const std::string& test, const std::string& person,
                                    const std::string& meter, const ReadingSet& readings, const Evaluation& evaluation);
};

struct TrendPoint {
    std::string performedAt;
    std::string test;
    std::optional<double> lmax, luminanceRatio, maxDeviation;
    double ambient = 0;
    bool passed = false;
};

struct DueDate {
    std::string displayKey;
    std::string test;          // visual | constancy | acceptance
    int everyDays = 0;
    std::string lastDone;      // date (YYYY-MM-DD), "" if never
    std::string due;           // date
    int daysLeft = 0;          // negative: overdue
    bool reminder = false;     // overdue, never done, or due within the reminder window
};

// The current UTC time as ISO 8601 ("2026-11-29T07:30:00Z").
std::string nowIso8601();

class QcHistory {
public:
    // Opens (creating and migrating as needed) the history at `path`; ":memory:" for tests.
    explicit QcHistory(const std::filesystem::path& path);
    ~QcHistory();
    QcHistory(const QcHistory&) = delete;
    QcHistory& operator=(const QcHistory&) = delete;

    // Adds the display or updates what is known of it (by key); returns its id.
    std::int64_t addDisplay(const DisplayIdentity& identity, const std::string& location = {});
    std::optional<DisplayRecord> display(const std::string& key) const;
    std::vector<DisplayRecord> displays() const;

    std::int64_t addCurve(const std::string& displayKey, const CharacteristicCurve& curve,
                          const std::string& measuredAt = nowIso8601());
    std::optional<CharacteristicCurve> latestCurve(const std::string& displayKey) const;

    // Stores a LUT; `activate` makes it the display's active LUT.
    std::int64_t addLut(const std::string& displayKey, const CalibrationLut& lut, bool activate = true,
                        const std::string& createdAt = nowIso8601());
    // The P-value -> DDL LUT to apply on this display (the render pass asks
    // this with the key of the screen a viewport is on); nullopt when the
    // display has not been calibrated here.
    std::optional<CalibrationLut> activeLut(const std::string& displayKey) const;
    // When the active LUT was stored (ISO 8601, as given to addLut); nullopt without one.
    std::optional<std::string> activeLutCreatedAt(const std::string& displayKey) const;

    std::int64_t addSession(const QcSession& session);
    // Oldest first, with readings and results.
    std::vector<QcSession> sessions(const std::string& displayKey) const;

    std::vector<TrendPoint> trend(const std::string& displayKey) const;

    // Due dates of each scheduled test of `profile` on a display, as of `today`
    // (YYYY-MM-DD). A later acceptance test also counts as a constancy test.
    std::vector<DueDate> dueDates(const std::string& displayKey, const CriteriaProfile& profile,
                                  const std::string& today, int reminderDays = 7) const;
    // Every display's reminders (each with the profile of its latest session,
    // or `defaultProfile` when it has none).
    std::vector<DueDate> reminders(const std::string& today, const std::string& defaultProfile,
                                   int reminderDays = 7) const;

    // JSON in the structure of the Display System modules (PS3.3 C.32: display
    // system and subsystems, target luminance characteristics, QA results),
    // with attribute keywords as names.
    std::string exportDisplaySystemJson(const std::string& displayKey, const std::string& institution = {}) const;

private:
    std::int64_t displayId(const std::string& key) const;  // throws InvalidArgument when unknown
    std::unique_ptr<detail::SqliteDb> db_;
};

}  // namespace lightbox::calibration
