#include "lightbox/calibration/QcHistory.h"

#include "SqliteDb.h"

#include "lightbox/core/Error.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

namespace lightbox::calibration {

using core::Error;
using core::ErrorCode;
using detail::SqliteDb;
using detail::Statement;

namespace {

// Numbered schema migrations (PRAGMA user_version is the number applied).
const char* const kMigrations[] = {
    R"(CREATE TABLE displays(
         id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, manufacturer TEXT, product_code INTEGER,
         serial_number INTEGER, serial_text TEXT, model TEXT, week INTEGER, year INTEGER,
         width_cm INTEGER, height_cm INTEGER, native_width INTEGER, native_height INTEGER,
         connector TEXT, edid BLOB, location TEXT, first_seen TEXT NOT NULL);
       CREATE TABLE curves(
         id INTEGER PRIMARY KEY, display_id INTEGER NOT NULL REFERENCES displays(id),
         measured_at TEXT NOT NULL, ambient REAL, curve_json TEXT NOT NULL);
       CREATE TABLE luts(
         id INTEGER PRIMARY KEY, display_id INTEGER NOT NULL REFERENCES displays(id), created_at TEXT NOT NULL,
         p_bits INTEGER NOT NULL, ddl_bits INTEGER NOT NULL, ambient REAL, lmin REAL, lmax REAL, jmin REAL,
         jmax REAL, total_jnd REAL, jnd_per_step REAL, ddls_used INTEGER, unrefined INTEGER NOT NULL,
         ddl BLOB NOT NULL, active INTEGER NOT NULL DEFAULT 0);
       CREATE TABLE sessions(
         id INTEGER PRIMARY KEY, display_id INTEGER NOT NULL REFERENCES displays(id),
         performed_at TEXT NOT NULL, test TEXT NOT NULL CHECK (test IN ('acceptance','constancy','visual')),
         profile TEXT NOT NULL, person TEXT NOT NULL, meter TEXT NOT NULL, ambient REAL NOT NULL,
         ambient_lux REAL, notes TEXT, passed INTEGER NOT NULL, lmax REAL, lmin REAL, luminance_ratio REAL,
         max_deviation REAL);
       CREATE TABLE readings(
         id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         seq INTEGER NOT NULL, ddl REAL NOT NULL, luminance REAL NOT NULL, u REAL, v REAL, position TEXT,
         level REAL, display TEXT);
       CREATE TABLE results(
         id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
         seq INTEGER NOT NULL, criterion TEXT NOT NULL, display TEXT, description TEXT, unit TEXT, value REAL,
         limit_min REAL, limit_max REAL, strict INTEGER, advisory INTEGER, check_limit INTEGER, note TEXT,
         verdict TEXT NOT NULL, detail TEXT);
       CREATE INDEX sessions_by_display ON sessions(display_id, performed_at);
       CREATE INDEX readings_by_session ON readings(session_id, seq);
       CREATE INDEX results_by_session ON results(session_id, seq);)",
};

Verdict verdictFromName(const std::string& name) {
    for (Verdict v : {Verdict::Pass, Verdict::Fail, Verdict::NotEvaluated})
        if (name == verdictName(v)) return v;
    return Verdict::NotEvaluated;
}

std::optional<std::chrono::sys_days> parseDate(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (text.size() < 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd};
}

std::string formatDate(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buf;
}

std::optional<std::int64_t> optionalInt(const Statement& s, int c) {
    return s.isNull(c) ? std::nullopt : std::optional<std::int64_t>(s.integer(c));
}

}  // namespace

std::string nowIso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

QcSession QcSession::fromEvaluation(const std::string& displayKey, const std::string& test, const std::string& person,
                                    const std::string& meter, const ReadingSet& readings, const Evaluation& e) {
    QcSession s;
    s.displayKey = displayKey;
    s.performedAt = nowIso8601();
    s.test = test;
    s.profile = e.profile;
    s.person = person;
    s.meter = meter;
    s.ambient = e.ambient;
    s.passed = e.passed();
    s.readings = readings;
    s.results = e.criteria;
    if (!e.displays.empty()) {
        const auto& d = e.displays.front();
        s.lmax = d.lmax;
        s.lmin = d.lmin;
        s.luminanceRatio = d.luminanceRatio;
        s.maxDeviation = d.maxDeviation;
    }
    return s;
}

QcHistory::QcHistory(const std::filesystem::path& path) : db_(std::make_unique<SqliteDb>(path.string())) {
    db_->exec("PRAGMA foreign_keys=ON");
    if (path != ":memory:") db_->exec("PRAGMA journal_mode=WAL");
    Statement version = db_->prepare("PRAGMA user_version");
    version.step();
    const auto applied = version.integer(0);
    const auto known = std::int64_t(std::size(kMigrations));
    if (applied > known)
        throw Error(ErrorCode::InvalidArgument,
                    path.string() + ": QC history from a newer Lightbox (schema " + std::to_string(applied) + ")");
    for (auto n = applied; n < known; ++n) {
        db_->exec("BEGIN IMMEDIATE");
        try {
            db_->exec(kMigrations[n]);
            db_->exec("PRAGMA user_version=" + std::to_string(n + 1));
            db_->exec("COMMIT");
        } catch (...) {
            db_->exec("ROLLBACK");
            throw;
        }
    }
}

QcHistory::~QcHistory() = default;

std::int64_t QcHistory::addDisplay(const DisplayIdentity& d, const std::string& location) {
    Statement s = db_->prepare(
        "INSERT INTO displays(key, manufacturer, product_code, serial_number, serial_text, model, week, year, width_cm,"
        " height_cm, native_width, native_height, connector, edid, location, first_seen)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)"
        " ON CONFLICT(key) DO UPDATE SET connector=excluded.connector, native_width=excluded.native_width,"
        " native_height=excluded.native_height, edid=coalesce(excluded.edid, edid),"
        " location=CASE WHEN excluded.location <> '' THEN excluded.location ELSE location END");
    s.bind(1, d.key()).bind(2, d.manufacturer).bind(3, int(d.productCode)).bind(4, std::int64_t(d.serialNumber));
    s.bind(5, d.serialText).bind(6, d.modelName).bind(7, d.week).bind(8, d.year).bind(9, d.widthCm);
    s.bind(10, d.heightCm).bind(11, d.nativeWidth).bind(12, d.nativeHeight).bind(13, d.connector);
    if (d.edid.empty()) s.bindNull(14);
    else s.bindBlob(14, d.edid);
    s.bind(15, location).bind(16, nowIso8601());
    s.run();
    return displayId(d.key());
}

std::int64_t QcHistory::displayId(const std::string& key) const {
    Statement s = db_->prepare("SELECT id FROM displays WHERE key=?1");
    s.bind(1, key);
    if (!s.step()) throw Error(ErrorCode::InvalidArgument, "QC history: no display '" + key + "'");
    return s.integer(0);
}

namespace {
DisplayRecord displayFrom(const Statement& s) {
    DisplayRecord r;
    r.id = s.integer(0);
    r.key = s.text(1);
    auto& d = r.identity;
    d.manufacturer = s.text(2);
    d.productCode = std::uint16_t(s.integer(3));
    d.serialNumber = std::uint32_t(s.integer(4));
    d.serialText = s.text(5);
    d.modelName = s.text(6);
    d.week = int(s.integer(7));
    d.year = int(s.integer(8));
    d.widthCm = int(s.integer(9));
    d.heightCm = int(s.integer(10));
    d.nativeWidth = int(s.integer(11));
    d.nativeHeight = int(s.integer(12));
    d.connector = s.text(13);
    d.edid = s.blob(14);
    r.location = s.text(15);
    r.firstSeen = s.text(16);
    return r;
}
constexpr const char* kDisplayColumns =
    "SELECT id, key, manufacturer, product_code, serial_number, serial_text, model, week, year, width_cm, height_cm,"
    " native_width, native_height, connector, edid, location, first_seen FROM displays";
}  // namespace

std::optional<DisplayRecord> QcHistory::display(const std::string& key) const {
    Statement s = db_->prepare(std::string(kDisplayColumns) + " WHERE key=?1");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return displayFrom(s);
}

std::vector<DisplayRecord> QcHistory::displays() const {
    Statement s = db_->prepare(std::string(kDisplayColumns) + " ORDER BY id");
    std::vector<DisplayRecord> all;
    while (s.step()) all.push_back(displayFrom(s));
    return all;
}

std::int64_t QcHistory::addCurve(const std::string& key, const CharacteristicCurve& curve, const std::string& at) {
    Statement s = db_->prepare("INSERT INTO curves(display_id, measured_at, ambient, curve_json) VALUES(?1,?2,?3,?4)");
    s.bind(1, displayId(key)).bind(2, at).bind(3, curve.ambient()).bind(4, curve.toJson());
    s.run();
    return db_->lastInsertId();
}

std::optional<CharacteristicCurve> QcHistory::latestCurve(const std::string& key) const {
    Statement s = db_->prepare("SELECT curve_json FROM curves WHERE display_id=?1 ORDER BY measured_at DESC, id DESC LIMIT 1");
    s.bind(1, displayId(key));
    if (!s.step()) return std::nullopt;
    return CharacteristicCurve::parseJson(s.text(0), "QC history curve");
}

std::int64_t QcHistory::addLut(const std::string& key, const CalibrationLut& lut, bool activate, const std::string& at) {
    const auto id = displayId(key);
    std::vector<std::uint8_t> bytes(lut.ddl.size() * 2);
    for (std::size_t i = 0; i < lut.ddl.size(); ++i) {
        bytes[2 * i] = std::uint8_t(lut.ddl[i] & 0xFF);
        bytes[2 * i + 1] = std::uint8_t(lut.ddl[i] >> 8);
    }
    db_->exec("BEGIN IMMEDIATE");
    try {
        if (activate) db_->prepare("UPDATE luts SET active=0 WHERE display_id=?1").bind(1, id).run();
        Statement s = db_->prepare(
            "INSERT INTO luts(display_id, created_at, p_bits, ddl_bits, ambient, lmin, lmax, jmin, jmax, total_jnd,"
            " jnd_per_step, ddls_used, unrefined, ddl, active) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)");
        s.bind(1, id).bind(2, at).bind(3, lut.pBits).bind(4, lut.ddlBits).bind(5, lut.ambient).bind(6, lut.lmin);
        s.bind(7, lut.lmax).bind(8, lut.jmin).bind(9, lut.jmax).bind(10, lut.totalJnd).bind(11, lut.jndPerStep);
        s.bind(12, lut.ddlsUsed).bind(13, int(lut.unrefinedInverse)).bindBlob(14, bytes).bind(15, int(activate));
        s.run();
        const auto lutId = db_->lastInsertId();
        db_->exec("COMMIT");
        return lutId;
    } catch (...) {
        db_->exec("ROLLBACK");
        throw;
    }
}

std::optional<CalibrationLut> QcHistory::activeLut(const std::string& key) const {
    Statement s = db_->prepare(
        "SELECT p_bits, ddl_bits, ambient, lmin, lmax, jmin, jmax, total_jnd, jnd_per_step, ddls_used, unrefined, ddl"
        " FROM luts JOIN displays ON displays.id = luts.display_id WHERE displays.key=?1 AND active=1"
        " ORDER BY luts.id DESC LIMIT 1");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    CalibrationLut lut;
    lut.pBits = int(s.integer(0));
    lut.ddlBits = int(s.integer(1));
    lut.ambient = s.real(2);
    lut.lmin = s.real(3);
    lut.lmax = s.real(4);
    lut.jmin = s.real(5);
    lut.jmax = s.real(6);
    lut.totalJnd = s.real(7);
    lut.jndPerStep = s.real(8);
    lut.ddlsUsed = int(s.integer(9));
    lut.unrefinedInverse = s.integer(10) != 0;
    const auto bytes = s.blob(11);
    if (bytes.size() != (std::size_t(1) << lut.pBits) * 2)
        throw Error(ErrorCode::Io, "QC history: the stored LUT of '" + key + "' is damaged");
    lut.ddl.resize(bytes.size() / 2);
    for (std::size_t i = 0; i < lut.ddl.size(); ++i) lut.ddl[i] = std::uint16_t(bytes[2 * i] | bytes[2 * i + 1] << 8);
    return lut;
}

std::optional<std::string> QcHistory::activeLutCreatedAt(const std::string& key) const {
    Statement s = db_->prepare(
        "SELECT luts.created_at FROM luts JOIN displays ON displays.id = luts.display_id"
        " WHERE displays.key=?1 AND active=1 ORDER BY luts.id DESC LIMIT 1");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

std::int64_t QcHistory::addSession(const QcSession& q) {
    if (q.test != "acceptance" && q.test != "constancy" && q.test != "visual")
        throw Error(ErrorCode::InvalidArgument, "QC session test must be acceptance, constancy or visual");
    if (q.person.empty()) throw Error(ErrorCode::InvalidArgument, "QC session: who performed the test?");
    const auto display = displayId(q.displayKey);
    db_->exec("BEGIN IMMEDIATE");
    try {
        Statement s = db_->prepare(
            "INSERT INTO sessions(display_id, performed_at, test, profile, person, meter, ambient, ambient_lux, notes,"
            " passed, lmax, lmin, luminance_ratio, max_deviation) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
        s.bind(1, display).bind(2, q.performedAt.empty() ? nowIso8601() : q.performedAt).bind(3, q.test);
        s.bind(4, q.profile).bind(5, q.person).bind(6, q.meter).bind(7, q.ambient).bind(8, q.ambientLux);
        s.bind(9, q.notes).bind(10, int(q.passed)).bind(11, q.lmax).bind(12, q.lmin).bind(13, q.luminanceRatio);
        s.bind(14, q.maxDeviation);
        s.run();
        const auto id = db_->lastInsertId();
        Statement r = db_->prepare(
            "INSERT INTO readings(session_id, seq, ddl, luminance, u, v, position, level, display)"
            " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
        int seq = 0;
        for (const auto& x : q.readings.readings) {
            r.reset();
            r.bind(1, id).bind(2, seq++).bind(3, x.ddl).bind(4, x.luminance).bind(5, x.u).bind(6, x.v);
            r.bind(7, x.position).bind(8, x.level).bind(9, x.display);
            r.run();
        }
        Statement c = db_->prepare(
            "INSERT INTO results(session_id, seq, criterion, display, description, unit, value, limit_min, limit_max,"
            " strict, advisory, check_limit, note, verdict, detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)");
        seq = 0;
        for (const auto& x : q.results) {
            c.reset();
            c.bind(1, id).bind(2, seq++).bind(3, x.id).bind(4, x.display).bind(5, x.description).bind(6, x.unit);
            c.bind(7, x.value).bind(8, x.limit.min).bind(9, x.limit.max).bind(10, int(x.limit.strict));
            c.bind(11, int(x.limit.advisory)).bind(12, int(x.limit.check)).bind(13, x.limit.note);
            c.bind(14, std::string(verdictName(x.verdict))).bind(15, x.detail);
            c.run();
        }
        db_->exec("COMMIT");
        return id;
    } catch (...) {
        db_->exec("ROLLBACK");
        throw;
    }
}

std::vector<QcSession> QcHistory::sessions(const std::string& key) const {
    std::vector<QcSession> all;
    Statement s = db_->prepare(
        "SELECT id, performed_at, test, profile, person, meter, ambient, ambient_lux, notes, passed, lmax, lmin,"
        " luminance_ratio, max_deviation FROM sessions WHERE display_id=?1 ORDER BY performed_at, id");
    s.bind(1, displayId(key));
    while (s.step()) {
        QcSession q;
        q.id = s.integer(0);
        q.displayKey = key;
        q.performedAt = s.text(1);
        q.test = s.text(2);
        q.profile = s.text(3);
        q.person = s.text(4);
        q.meter = s.text(5);
        q.ambient = s.real(6);
        q.ambientLux = s.optionalReal(7);
        q.notes = s.text(8);
        q.passed = s.integer(9) != 0;
        q.lmax = s.optionalReal(10);
        q.lmin = s.optionalReal(11);
        q.luminanceRatio = s.optionalReal(12);
        q.maxDeviation = s.optionalReal(13);
        all.push_back(std::move(q));
    }
    for (auto& q : all) {
        Statement r = db_->prepare(
            "SELECT ddl, luminance, u, v, position, level, display FROM readings WHERE session_id=?1 ORDER BY seq");
        r.bind(1, q.id);
        while (r.step()) {
            Reading x;
            x.ddl = r.real(0);
            x.luminance = r.real(1);
            x.u = r.optionalReal(2);
            x.v = r.optionalReal(3);
            x.position = r.text(4);
            x.level = r.optionalReal(5);
            x.display = r.text(6);
            q.readings.readings.push_back(std::move(x));
        }
        Statement c = db_->prepare(
            "SELECT criterion, display, description, unit, value, limit_min, limit_max, strict, advisory, check_limit,"
            " note, verdict, detail FROM results WHERE session_id=?1 ORDER BY seq");
        c.bind(1, q.id);
        while (c.step()) {
            CriterionResult x;
            x.id = c.text(0);
            x.display = c.text(1);
            x.description = c.text(2);
            x.unit = c.text(3);
            x.value = c.optionalReal(4);
            x.limit.min = c.optionalReal(5);
            x.limit.max = c.optionalReal(6);
            x.limit.strict = optionalInt(c, 7).value_or(0) != 0;
            x.limit.advisory = optionalInt(c, 8).value_or(0) != 0;
            x.limit.check = optionalInt(c, 9).value_or(0) != 0;
            x.limit.note = c.text(10);
            x.verdict = verdictFromName(c.text(11));
            x.detail = c.text(12);
            q.results.push_back(std::move(x));
        }
    }
    return all;
}

std::vector<TrendPoint> QcHistory::trend(const std::string& key) const {
    std::vector<TrendPoint> points;
    Statement s = db_->prepare(
        "SELECT performed_at, test, lmax, luminance_ratio, max_deviation, ambient, passed FROM sessions"
        " WHERE display_id=?1 AND test <> 'visual' ORDER BY performed_at, id");
    s.bind(1, displayId(key));
    while (s.step())
        points.push_back({s.text(0), s.text(1), s.optionalReal(2), s.optionalReal(3), s.optionalReal(4), s.real(5),
                          s.integer(6) != 0});
    return points;
}

std::vector<DueDate> QcHistory::dueDates(const std::string& key, const CriteriaProfile& profile,
                                         const std::string& today, int reminderDays) const {
    const auto now = parseDate(today);
    if (!now) throw Error(ErrorCode::InvalidArgument, "a date is YYYY-MM-DD, got '" + today + "'");
    const auto id = displayId(key);
    std::vector<DueDate> due;
    for (const auto& item : profile.schedule) {
        // The latest session that satisfies this test (an acceptance test also does a constancy test's job).
        Statement s = db_->prepare(
            "SELECT max(performed_at) FROM sessions WHERE display_id=?1 AND (test=?2 OR (?2='constancy' AND test='acceptance'))");
        s.bind(1, id).bind(2, item.test);
        s.step();
        DueDate d;
        d.displayKey = key;
        d.test = item.test;
        d.everyDays = item.everyDays;
        const auto last = s.isNull(0) ? std::nullopt : parseDate(s.text(0));
        if (last) {
            d.lastDone = formatDate(*last);
            const auto dueDay = *last + std::chrono::days(item.everyDays);
            d.due = formatDate(dueDay);
            d.daysLeft = int((dueDay - *now).count());
        } else {
            d.due = today;  // never done: due now
            d.daysLeft = 0;
        }
        d.reminder = !last || d.daysLeft <= reminderDays;
        due.push_back(std::move(d));
    }
    return due;
}

std::vector<DueDate> QcHistory::reminders(const std::string& today, const std::string& defaultProfile,
                                          int reminderDays) const {
    if (!parseDate(today)) throw Error(ErrorCode::InvalidArgument, "a date is YYYY-MM-DD, got '" + today + "'");
    std::vector<DueDate> out;
    for (const auto& display : displays()) {
        const std::string& key = display.key;
        Statement s = db_->prepare(
            "SELECT profile FROM sessions WHERE display_id=?1 AND test <> 'visual' ORDER BY performed_at DESC LIMIT 1");
        s.bind(1, display.id);
        std::string profileName = s.step() ? s.text(0) : defaultProfile;
        // A constancy profile's schedule is the same family's: use it as it is.
        for (auto& d : dueDates(key, CriteriaProfile::load(profileName), today, reminderDays))
            if (d.reminder) out.push_back(std::move(d));
    }
    return out;
}

}  // namespace lightbox::calibration
