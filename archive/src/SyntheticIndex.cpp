// Archive::generateSyntheticIndex: index rows for the query benchmark
// (100,000 studies / 10 million instances in a couple of minutes): plain
// INSERTs in key order - UIDs that sort in generation order, so every unique
// index grows at its end - in large transactions without fsync, counts
// written final instead of incremented.

#include "ArchiveImpl.h"
#include "Normalize.h"

#include "lightbox/core/Error.h"

#include <array>
#include <random>

namespace lightbox::archive {
namespace {

// Synthetic rows only ever live in benchmark indexes on the machine that made them.
constexpr const char* kUidRoot = "1.2.826.0.1.3680043.10.543";

const std::array<const char*, 40> kFamilyStart = {
    "AB", "AL", "AN", "BA", "BE", "BR", "CA", "CH", "CO", "DA", "DE", "DU", "EL", "FA", "FE", "GA", "GO", "HA", "HE", "HO",
    "IV", "JA", "JO", "KA", "KO", "LA", "LE", "MA", "MI", "MO", "NA", "NO", "OL", "PA", "PE", "RA", "RO", "SA", "SMI", "WE"};
const std::array<const char*, 50> kFamilyEnd = {
    "BERG", "BERT", "CHEZ", "DAHL", "DEZ", "DORF", "FIELD", "FORD", "GARD", "HAM", "HART", "KINS", "LAND", "LER",
    "LEY", "LING", "LOW", "MANN", "MONT", "NELL", "NEZ", "NING", "OVA", "OVIC", "QUIST", "RIGUEZ", "RO", "ROS",
    "SEN", "SON", "STEIN", "STON", "TER", "TH", "TON", "TTI", "VALL", "VEZ", "WELL", "WICK", "WOOD", "YAMA", "ZEK",
    "ZINI", "KOVA", "NIAK", "RANI", "SHAW", "TANI", "UCCI"};
const std::array<const char*, 30> kGiven = {
    "ANNA", "BEN", "CARLA", "DAVID", "EMMA", "FELIX", "GRETA", "HUGO", "IRIS", "JONAS", "KARIN", "LUCA", "MARIA",
    "NOAH", "OLGA", "PAUL", "ROSA", "SIMON", "TINA", "UWE", "VERA", "WILL", "XENIA", "YUSUF", "ZOE", "AMIR", "BEA",
    "CHEN", "DARIA", "EMIL"};
const std::array<const char*, 8> kModalities = {"CT", "MR", "CR", "DX", "US", "MG", "NM", "PT"};
const std::array<const char*, 8> kSopClasses = {
    "1.2.840.10008.5.1.4.1.1.2",   "1.2.840.10008.5.1.4.1.1.4",     "1.2.840.10008.5.1.4.1.1.1",
    "1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.6.1",   "1.2.840.10008.5.1.4.1.1.1.2",
    "1.2.840.10008.5.1.4.1.1.20",  "1.2.840.10008.5.1.4.1.1.128"};

// Fixed-width numbers keep lexicographic order equal to generation order.
std::size_t widthFor(std::size_t count) {
    std::size_t w = 1;
    for (std::size_t n = count; n >= 10; n /= 10) ++w;
    return w;
}

std::string fixed(std::size_t value, std::size_t width) {
    std::string s = std::to_string(value);
    return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

std::string dateFromDay(int day) {  // days since 2010-01-01, in a 365-day calendar of 12 x 28..31 days
    static const int monthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = 2010 + day / 365, d = day % 365, month = 0;
    while (d >= monthDays[month]) d -= monthDays[month++];
    char text[40];
    std::snprintf(text, sizeof text, "%04d%02d%02d", year, month + 1, d + 1);
    return text;
}

}  // namespace

void Archive::generateSyntheticIndex(const SyntheticIndexSpec& spec,
                                     const std::function<void(std::size_t)>& progress) {
    if (spec.studies == 0 || spec.seriesPerStudy == 0 || spec.instancesPerSeries == 0 || spec.studiesPerPatient == 0)
        throw core::Error(core::ErrorCode::InvalidArgument, "synthetic index: every count must be at least 1");
    Impl& impl = *impl_;
    ConnectionPool::Lease db = impl.pool->writer();
    std::int64_t firstStudy = 0;
    {
        sql::Statement count = db->prepare("SELECT coalesce(max(id), 0) FROM studies");
        count.step();
        firstStudy = count.integer(0);
    }
    db->exec("PRAGMA synchronous=OFF");
    struct RestoreSync {
        sql::Connection& db;
        ~RestoreSync() {
            try {
                db.exec("PRAGMA synchronous=FULL");
            } catch (...) {
            }
        }
    } restore{*db};

    sql::Statement patient = db->prepare(
        "INSERT INTO patients (patient_id, name, name_alpha, birth_date, sex, num_studies, num_series, num_instances) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    sql::Statement study = db->prepare(
        "INSERT INTO studies (patient_fk, study_uid, study_date, study_time, accession, study_id, description, "
        "referring, referring_norm, institution, modalities, num_series, num_instances, size_bytes) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    sql::Statement series = db->prepare(
        "INSERT INTO series (study_fk, series_uid, modality, series_number, description, series_date, series_time, "
        "body_part, num_instances) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    sql::Statement instance = db->prepare(
        "INSERT INTO instances (series_fk, sop_uid, sop_class_uid, instance_number, transfer_syntax, size, sha256, "
        "received, source) VALUES (?1, ?2, ?3, ?4, '1.2.840.10008.1.2.1', ?5, ?6, ?7, 'synthetic')");

    std::mt19937_64 rng(spec.seed);
    const std::size_t studyWidth = widthFor(std::size_t(firstStudy) + spec.studies) + 1;
    const std::size_t seriesWidth = widthFor(spec.seriesPerStudy) + 1;
    const std::size_t instanceWidth = widthFor(spec.instancesPerSeries) + 1;
    const std::string root = std::string(kUidRoot) + "." + std::to_string(spec.seed) + ".";
    const std::int64_t imageSize = 525312;  // a 512 x 512 CT slice with its header
    const std::int64_t received = nowMs();
    std::optional<sql::Transaction> tx;
    std::int64_t patientRow = 0;
    for (std::size_t s = 0; s < spec.studies; ++s) {
        if (!tx) tx.emplace(*db);
        const std::size_t number = std::size_t(firstStudy) + s + 1;
        if (s % spec.studiesPerPatient == 0) {
            const std::string family = std::string(kFamilyStart[rng() % kFamilyStart.size()]) +
                                       kFamilyEnd[rng() % kFamilyEnd.size()];
            const std::string name = family + "^" + kGiven[rng() % kGiven.size()];
            const std::size_t studies = std::min(spec.studiesPerPatient, spec.studies - s);
            patient.bind(1, "SYN" + fixed(number, studyWidth)).bind(2, name).bind(3, upperCase(name));
            patient.bind(4, dateFromDay(int(rng() % (365 * 80))).replace(0, 4, std::to_string(1930 + rng() % 80)));
            patient.bind(5, std::string_view(rng() % 2 ? "F" : "M")).bind(6, std::int64_t(studies));
            patient.bind(7, std::int64_t(studies * spec.seriesPerStudy));
            patient.bind(8, std::int64_t(studies * spec.seriesPerStudy * spec.instancesPerSeries)).run();
            patientRow = db->lastInsertId();
        }
        const std::size_t m = rng() % kModalities.size();
        const std::string studyUid = root + fixed(number, studyWidth);
        const std::string date = dateFromDay(int(rng() % (365 * 16)));
        char time[40];
        std::snprintf(time, sizeof time, "%02d%02d%02d", int(7 + rng() % 12), int(rng() % 60), int(rng() % 60));
        study.bind(1, patientRow).bind(2, studyUid).bind(3, date).bind(4, std::string_view(time));
        study.bind(5, "A" + fixed(number, 9)).bind(6, std::to_string(number)).bind(7, std::string(kModalities[m]) + " study");
        study.bind(8, std::string_view("REFERRER^ALEX")).bind(9, std::string_view("REFERRER^ALEX"));
        study.bind(10, std::string_view("SYNTHETIC HOSPITAL")).bind(11, std::string_view(kModalities[m]));
        study.bind(12, std::int64_t(spec.seriesPerStudy)).bind(13, std::int64_t(spec.seriesPerStudy * spec.instancesPerSeries));
        study.bind(14, std::int64_t(spec.seriesPerStudy * spec.instancesPerSeries) * imageSize).run();
        const std::int64_t studyRow = db->lastInsertId();
        for (std::size_t k = 0; k < spec.seriesPerStudy; ++k) {
            const std::string seriesUid = studyUid + "." + fixed(k + 1, seriesWidth);
            series.bind(1, studyRow).bind(2, seriesUid).bind(3, std::string_view(kModalities[m]));
            series.bind(4, std::to_string(k + 1)).bind(5, "series " + std::to_string(k + 1)).bind(6, date);
            series.bind(7, std::string_view(time)).bind(8, std::string_view("CHEST"));
            series.bind(9, std::int64_t(spec.instancesPerSeries)).run();
            const std::int64_t seriesRow = db->lastInsertId();
            for (std::size_t i = 0; i < spec.instancesPerSeries; ++i) {
                std::array<std::uint64_t, 4> sha{rng(), rng(), rng(), rng()};
                instance.bind(1, seriesRow).bind(2, seriesUid + "." + fixed(i + 1, instanceWidth));
                instance.bind(3, std::string_view(kSopClasses[m])).bind(4, std::int64_t(i + 1)).bind(5, imageSize);
                instance.bindBlob(6, sha.data(), 32).bind(7, received).run();
            }
        }
        if ((s + 1) % 1000 == 0 || s + 1 == spec.studies) {
            tx->commit();
            tx.reset();
            if (progress) progress(s + 1);
        }
    }
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace lightbox::archive
