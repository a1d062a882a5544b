#include "QueryEngine.h"

#include "InstanceRecord.h"
#include "Normalize.h"
#include "Sqlite.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

namespace lightbox::archive {
namespace {

using core::Error;
using core::ErrorCode;

enum class Kind {
    Text,        // exact or wildcard, case-sensitive
    PersonName,  // case-insensitive, per component group
    Date,        // DA: exact or range
    Time,        // TM: prefix or range
    Uid,         // exact or list
    Integer,     // IS stored as a number
    Count,       // derived count (IS): exact number, or a list of numbers
    Modalities,  // ModalitiesInStudy: any series of the study
};

struct Attribute {
    const char* keyword;
    Level level;
    Kind kind;
    const char* column;       // the value returned
    const char* alpha = nullptr;  // person names: the upper-cased group columns
    const char* ideo = nullptr;
    const char* phon = nullptr;
};

const std::vector<Attribute>& attributes() {
    static const std::vector<Attribute> table = {
        {"PatientID", Level::Patient, Kind::Text, "p.patient_id"},
        {"IssuerOfPatientID", Level::Patient, Kind::Text, "p.issuer"},
        {"PatientName", Level::Patient, Kind::PersonName, "p.name", "p.name_alpha", "p.name_ideo", "p.name_phon"},
        {"PatientBirthDate", Level::Patient, Kind::Date, "p.birth_date"},
        {"PatientSex", Level::Patient, Kind::Text, "p.sex"},
        {"NumberOfPatientRelatedStudies", Level::Patient, Kind::Count, "p.num_studies"},
        {"NumberOfPatientRelatedSeries", Level::Patient, Kind::Count, "p.num_series"},
        {"NumberOfPatientRelatedInstances", Level::Patient, Kind::Count, "p.num_instances"},
        {"StudyInstanceUID", Level::Study, Kind::Uid, "s.study_uid"},
        {"StudyDate", Level::Study, Kind::Date, "s.study_date"},
        {"StudyTime", Level::Study, Kind::Time, "s.study_time"},
        {"AccessionNumber", Level::Study, Kind::Text, "s.accession"},
        {"StudyID", Level::Study, Kind::Text, "s.study_id"},
        {"StudyDescription", Level::Study, Kind::Text, "s.description"},
        {"ReferringPhysicianName", Level::Study, Kind::PersonName, "s.referring", "s.referring_norm"},
        {"InstitutionName", Level::Study, Kind::Text, "s.institution"},
        {"ModalitiesInStudy", Level::Study, Kind::Modalities, "s.modalities"},
        {"NumberOfStudyRelatedSeries", Level::Study, Kind::Count, "s.num_series"},
        {"NumberOfStudyRelatedInstances", Level::Study, Kind::Count, "s.num_instances"},
        {"SeriesInstanceUID", Level::Series, Kind::Uid, "se.series_uid"},
        {"Modality", Level::Series, Kind::Text, "se.modality"},
        {"SeriesNumber", Level::Series, Kind::Text, "se.series_number"},
        {"SeriesDescription", Level::Series, Kind::Text, "se.description"},
        {"SeriesDate", Level::Series, Kind::Date, "se.series_date"},
        {"SeriesTime", Level::Series, Kind::Time, "se.series_time"},
        {"BodyPartExamined", Level::Series, Kind::Text, "se.body_part"},
        {"NumberOfSeriesRelatedInstances", Level::Series, Kind::Count, "se.num_instances"},
        {"SOPInstanceUID", Level::Instance, Kind::Uid, "i.sop_uid"},
        {"SOPClassUID", Level::Instance, Kind::Uid, "i.sop_class_uid"},
        {"InstanceNumber", Level::Instance, Kind::Integer, "i.instance_number"},
        {"TransferSyntaxUID", Level::Instance, Kind::Uid, "i.transfer_syntax"},
    };
    return table;
}

const Attribute* findAttribute(const std::string& keyword) {
    for (const Attribute& a : attributes())
        if (keyword == a.keyword) return &a;
    return nullptr;
}

const char* uniqueKey(Level level) {
    switch (level) {
        case Level::Patient: return "PatientID";
        case Level::Study: return "StudyInstanceUID";
        case Level::Series: return "SeriesInstanceUID";
        case Level::Instance: return "SOPInstanceUID";
    }
    return "";
}

// FROM clause for a level: the level's table joined up to the patient.
// `patientsFirst`: when only patient attributes are matched ("the studies of
// SMITH*", "*STEIN*"), drive the join from the patients table - SQLite would
// otherwise walk every study in date order to satisfy ORDER BY and look each
// patient up (a full scan of the studies instead of one of the far smaller
// patients table). CROSS JOIN is SQLite's way to fix the join order.
std::string fromClause(Level level, bool patientsFirst = false) {
    if (patientsFirst && level != Level::Patient) {
        std::string from = "patients p CROSS JOIN studies s ON s.patient_fk = p.id";
        if (level == Level::Study) return from;
        from += " CROSS JOIN series se ON se.study_fk = s.id";
        if (level == Level::Series) return from;
        return from + " CROSS JOIN instances i ON i.series_fk = se.id";
    }
    switch (level) {
        case Level::Patient: return "patients p";
        case Level::Study: return "studies s JOIN patients p ON p.id = s.patient_fk";
        case Level::Series:
            return "series se JOIN studies s ON s.id = se.study_fk JOIN patients p ON p.id = s.patient_fk";
        case Level::Instance:
            return "instances i JOIN series se ON se.id = i.series_fk JOIN studies s ON s.id = se.study_fk "
                   "JOIN patients p ON p.id = s.patient_fk";
    }
    return "";
}

// For a key below the query level: the entities below that have a match.
std::pair<std::string, std::string> existsWrapper(Level queryLevel, Level keyLevel) {
    static const char* tables[] = {"patients p", "studies s", "series se", "instances i"};
    static const char* links[] = {"", "s.patient_fk = p.id", "se.study_fk = s.id", "i.series_fk = se.id"};
    const int from = int(queryLevel) + 1, to = int(keyLevel);
    std::string sqlText = "EXISTS (SELECT 1 FROM ";
    for (int l = from; l <= to; ++l) sqlText += std::string(l == from ? "" : ", ") + tables[l];
    sqlText += " WHERE ";
    for (int l = from; l <= to; ++l) sqlText += std::string(links[l]) + " AND ";
    return {sqlText, ")"};
}

struct Builder {
    std::vector<std::string> params;
    std::string param(std::string value) {
        params.push_back(std::move(value));
        return "?" + std::to_string(params.size());
    }
};

bool isUniversal(const std::string& value) {
    return std::all_of(value.begin(), value.end(), [](char c) { return c == '*'; });
}

bool hasWildcard(const std::string& value) { return value.find_first_of("*?") != std::string::npos; }

std::vector<std::string> splitValues(const std::string& value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = value.find('\\', start);
        out.push_back(trimmed(value.substr(start, end == std::string::npos ? std::string::npos : end - start)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

// DICOM wildcards -> SQLite GLOB (escaping GLOB's own [ and ]); a literal
// prefix becomes an index range so "SMI*" does not scan the table.
std::string globCondition(Builder& b, const std::string& column, const std::string& pattern) {
    std::string glob, prefix;
    bool inPrefix = true;
    for (char c : pattern) {
        if (c == '*' || c == '?') inPrefix = false;
        if (inPrefix) prefix += c;
        if (c == '[') glob += "[[]";
        else if (c == ']') glob += "[]]";
        else glob += c;
    }
    std::string condition = column + " GLOB " + b.param(glob);
    if (!prefix.empty()) {
        std::string upper = prefix;
        while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xFF) upper.pop_back();
        if (!upper.empty()) {
            upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
            condition = "(" + column + " >= " + b.param(prefix) + " AND " + column + " < " + b.param(upper) +
                        " AND " + condition + ")";
        }
    }
    return condition;
}

std::string textCondition(Builder& b, const std::string& column, const std::string& value) {
    if (hasWildcard(value)) return globCondition(b, column, value);
    return column + " = " + b.param(value);
}

// Date and time ranges compare as text. An upper time bound is padded with
// '~' (after every digit and '.') so "1100" includes 11:00:59.
std::string rangeCondition(Builder& b, const std::string& column, const std::string& value, bool isTime) {
    const auto dash = value.find('-');
    auto norm = [&](const std::string& v) { return isTime ? normalizeTime(v) : normalizeDate(v); };
    if (dash == std::string::npos) {
        const std::string v = norm(value);
        if (isTime) return "(" + column + " >= " + b.param(v) + " AND " + column + " <= " + b.param(v + "~") + ")";
        return column + " = " + b.param(v);
    }
    const std::string lo = norm(value.substr(0, dash)), hi = norm(value.substr(dash + 1));
    std::string c = "(" + column + " <> ''";
    if (!lo.empty()) c += " AND " + column + " >= " + b.param(lo);
    if (!hi.empty()) c += " AND " + column + " <= " + b.param(isTime ? hi + "~" : hi);
    return c + ")";
}

std::string nameCondition(Builder& b, const Attribute& a, const std::string& value) {
    const NameGroups q = normalizedName(value);
    auto one = [&](const char* column, const std::string& pattern, bool guardEmpty) -> std::string {
        if (!column) return {};
        std::string c = textCondition(b, column, pattern);
        return guardEmpty ? "(" + std::string(column) + " <> '' AND " + c + ")" : c;
    };
    if (value.find('=') != std::string::npos) {
        // Group by group; an empty group in the query matches anything.
        std::vector<std::string> parts;
        if (!q.alphabetic.empty() && !isUniversal(q.alphabetic)) parts.push_back(one(a.alpha, q.alphabetic, false));
        if (!q.ideographic.empty() && !isUniversal(q.ideographic)) parts.push_back(one(a.ideo, q.ideographic, false));
        if (!q.phonetic.empty() && !isUniversal(q.phonetic)) parts.push_back(one(a.phon, q.phonetic, false));
        std::string c;
        for (const auto& p : parts)
            if (!p.empty()) c += (c.empty() ? "" : " AND ") + p;
        return c.empty() ? "1" : "(" + c + ")";
    }
    const std::string& pattern = q.alphabetic;
    std::string c = one(a.alpha, pattern, false);
    if (a.ideo) c += " OR " + one(a.ideo, pattern, true);
    if (a.phon) c += " OR " + one(a.phon, pattern, true);
    return "(" + c + ")";
}

std::string elementCondition(Builder& b, const Attribute& a, const std::string& element) {
    switch (a.kind) {
        case Kind::Text: return textCondition(b, a.column, element);
        case Kind::Uid: return textCondition(b, a.column, element);
        case Kind::PersonName: return nameCondition(b, a, element);
        case Kind::Date: return rangeCondition(b, a.column, element, false);
        case Kind::Time: return rangeCondition(b, a.column, element, true);
        case Kind::Integer:
            if (hasWildcard(element)) return globCondition(b, std::string("CAST(") + a.column + " AS TEXT)", element);
            return std::string(a.column) + " = CAST(" + b.param(element) + " AS INTEGER)";
        case Kind::Modalities:
            return "EXISTS (SELECT 1 FROM series x WHERE x.study_fk = s.id AND " +
                   textCondition(b, "x.modality", element) + ")";
        case Kind::Count: {
            const std::string v = trimmed(element);
            if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw Error(ErrorCode::InvalidArgument, std::string(a.keyword) + ": '" + element +
                                                            "' is not a number (count attributes match exact numbers)");
            return std::string(a.column) + " = " + b.param(v) + " + 0";
        }
    }
    return "1";
}

// Combined date-time range matching (PS3.4 C.2.2.2.5): "" when the pair does
// not qualify (a key missing or universal, a list, no range in either).
std::string combinedDateTimeCondition(Builder& b, const std::string& dateColumn, const std::string& timeColumn,
                                      const std::string& dateValue, const std::string& timeValue) {
    const std::string date = trimmed(dateValue), time = trimmed(timeValue);
    if (date.empty() || time.empty() || isUniversal(date) || isUniversal(time)) return {};
    if (date.find('\\') != std::string::npos || time.find('\\') != std::string::npos) return {};
    if (date.find('-') == std::string::npos && time.find('-') == std::string::npos) return {};
    auto bounds = [](const std::string& v) {
        const auto dash = v.find('-');
        if (dash == std::string::npos) return std::pair{v, v};
        return std::pair{v.substr(0, dash), v.substr(dash + 1)};
    };
    const auto [d1, d2] = bounds(date);
    const auto [t1, t2] = bounds(time);
    const std::string column = "(" + dateColumn + " || " + timeColumn + ")";
    std::string c = "(" + dateColumn + " <> ''";
    const std::string lo = normalizeDate(d1), hi = normalizeDate(d2);
    if (!lo.empty()) c += " AND " + dateColumn + " >= " + b.param(lo) + " AND " + column + " >= " + b.param(lo + normalizeTime(t1));
    if (!hi.empty()) c += " AND " + dateColumn + " <= " + b.param(hi) + " AND " + column + " <= " + b.param(hi + normalizeTime(t2) + "~");
    return c + ")";
}

// The WHERE term for one key, or "" for universal matching.
std::string keyCondition(Builder& b, const Attribute& a, const std::string& value) {
    if (isUniversal(trimmed(value))) return {};
    std::vector<std::string> elements = splitValues(value);
    elements.erase(std::remove_if(elements.begin(), elements.end(), [](const std::string& e) { return e.empty(); }),
                   elements.end());
    if (elements.empty()) return {};
    for (const auto& e : elements)
        if (isUniversal(e)) return {};
    if (a.kind == Kind::Uid && std::none_of(elements.begin(), elements.end(), hasWildcard) && elements.size() > 1) {
        std::string list;
        for (const auto& e : elements) list += (list.empty() ? "" : ", ") + b.param(e);
        return std::string(a.column) + " IN (" + list + ")";
    }
    std::string c;
    for (const auto& e : elements) c += (c.empty() ? "" : " OR ") + elementCondition(b, a, e);
    return elements.size() > 1 ? "(" + c + ")" : c;
}

std::string orderBy(Level level) {
    switch (level) {
        case Level::Patient: return "p.name_alpha, p.patient_id, p.id";
        case Level::Study: return "s.study_date DESC, s.study_time DESC, s.id";
        case Level::Series: return "s.id, CAST(se.series_number AS INTEGER), se.id";
        case Level::Instance: return "se.id, i.instance_number, i.id";
    }
    return "1";
}

// WHERE clause for all keys; keys below `level` become EXISTS subqueries.
// `matchedLevels` (optional) collects the levels that actually constrain.
std::string whereClause(Builder& b, Level level, const std::vector<std::pair<std::string, std::string>>& keys,
                        std::set<Level>* matchedLevels = nullptr, bool combinedDateTime = false) {
    std::string where;
    std::set<std::string> combined;  // date and time keys already matched as one range
    if (combinedDateTime) {
        auto valueOf = [&](const char* keyword) -> std::optional<std::string> {
            for (const auto& [k, v] : keys)
                if (k == keyword) return v;
            return std::nullopt;
        };
        for (const char* prefix : {"Study", "Series"}) {
            const std::string dateKey = std::string(prefix) + "Date", timeKey = std::string(prefix) + "Time";
            const auto date = valueOf(dateKey.c_str()), time = valueOf(timeKey.c_str());
            if (!date || !time) continue;
            const Attribute* da = findAttribute(dateKey);
            const Attribute* ta = findAttribute(timeKey);
            std::string c = combinedDateTimeCondition(b, da->column, ta->column, *date, *time);
            if (c.empty()) continue;
            if (matchedLevels) matchedLevels->insert(da->level);
            if (int(da->level) > int(level)) {
                auto [open, close] = existsWrapper(level, da->level);
                c = open + c + close;
            }
            where += (where.empty() ? "" : " AND ") + c;
            combined.insert(dateKey);
            combined.insert(timeKey);
        }
    }
    for (const auto& [keyword, value] : keys) {
        if (keyword == "QueryRetrieveLevel" || keyword == "SpecificCharacterSet" || combined.count(keyword)) continue;
        const Attribute* a = findAttribute(keyword);
        if (!a) {
            if (trimmed(value).empty()) continue;
            throw Error(ErrorCode::InvalidArgument, "cannot match on " + keyword + ": not an attribute the archive indexes");
        }
        std::string c = keyCondition(b, *a, value);
        if (c.empty()) continue;
        if (matchedLevels) matchedLevels->insert(a->level);
        if (int(a->level) > int(level)) {
            auto [open, close] = existsWrapper(level, a->level);
            c = open + c + close;
        }
        where += (where.empty() ? "" : " AND ") + c;
    }
    return where;
}

}  // namespace

std::vector<QueryRow> runQuery(sql::Connection& db, const Query& query) {
    Builder b;
    // Output: unique keys of this level and above, then match keys, then return keys.
    std::vector<std::string> keys = {"PatientID"};
    for (int l = 1; l <= int(query.level); ++l) keys.push_back(uniqueKey(Level(l)));
    auto add = [&](const std::string& k) {
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    for (const auto& [k, v] : query.match) add(k);
    for (const auto& k : query.returnKeys) add(k);

    std::string select;
    std::vector<std::string> columns;  // keyword per selected column
    QueryRow constants;
    for (const std::string& k : keys) {
        const Attribute* a = findAttribute(k);
        if (k == "QueryRetrieveLevel") constants[k] = std::string(levelName(query.level));
        else if (k == "SpecificCharacterSet") constants[k] = "ISO_IR 192";  // the index holds UTF-8
        else if (!a || int(a->level) > int(query.level)) constants[k] = "";
        else {
            select += (select.empty() ? "" : ", ") + std::string(a->kind == Kind::Integer
                                                                     ? std::string("coalesce(CAST(") + a->column + " AS TEXT), '')"
                                                                     : std::string(a->column));
            columns.push_back(k);
        }
    }
    std::set<Level> matched;
    const std::string where = whereClause(b, query.level, query.match, &matched, query.combinedDateTime);
    const bool patientsFirst = matched.count(Level::Patient) && matched.size() == 1;
    std::string sqlText = "SELECT " + select + " FROM " + fromClause(query.level, patientsFirst);
    if (!where.empty()) sqlText += " WHERE " + where;
    sqlText += " ORDER BY " + orderBy(query.level);
    if (query.limit > 0 || query.offset > 0)
        sqlText += " LIMIT " + std::to_string(query.limit > 0 ? std::int64_t(query.limit) : std::int64_t(-1)) +
                   " OFFSET " + std::to_string(query.offset);

    sql::Statement st = db.prepare(sqlText);
    st.bindAll(b.params);
    std::vector<QueryRow> rows;
    while (st.step()) {
        QueryRow row = constants;
        for (int c = 0; c < int(columns.size()); ++c) row[columns[std::size_t(c)]] = st.text(c);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<LocatedInstance> runLocate(sql::Connection& db, Level level,
                                       const std::vector<std::pair<std::string, std::string>>& uniqueKeys) {
    const std::string required = uniqueKey(level);
    bool present = false;
    for (const auto& [k, v] : uniqueKeys) {
        if (!findAttribute(k) || (findAttribute(k)->kind != Kind::Uid && k != "PatientID"))
            throw Error(ErrorCode::InvalidArgument, "retrieve keys are unique keys only, not " + k);
        if (k == required && !isUniversal(trimmed(v))) present = true;
    }
    if (!present)
        throw Error(ErrorCode::InvalidArgument,
                    "a " + std::string(levelName(level)) + "-level retrieve needs " + required);
    Builder b;
    const std::string where = whereClause(b, Level::Instance, uniqueKeys);
    sql::Statement st = db.prepare(
        "SELECT i.sop_class_uid, i.sop_uid, i.transfer_syntax, s.study_uid, se.series_uid, p.patient_id, i.size, "
        "i.sha256 FROM " + fromClause(Level::Instance) + " WHERE " + where + " ORDER BY " + orderBy(Level::Instance));
    st.bindAll(b.params);
    std::vector<LocatedInstance> out;
    while (st.step()) {
        LocatedInstance l;
        l.sopClassUid = st.text(0);
        l.sopInstanceUid = st.text(1);
        l.transferSyntaxUid = st.text(2);
        l.studyInstanceUid = st.text(3);
        l.seriesInstanceUid = st.text(4);
        l.patientId = st.text(5);
        l.size = std::uint64_t(st.integer(6));
        Digest sha{};
        const std::string blob = st.blob(7);
        if (blob.size() == sha.size()) std::memcpy(sha.data(), blob.data(), sha.size());
        l.storageKey = instanceKey(l.studyInstanceUid, sha);
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace lightbox::archive
