// Matching with C-FIND semantics (PS3.4 C.2.2.2) at every level: universal,
// single value, wildcards (case-insensitive for person names, per component
// group), date and time ranges, UID lists, derived ModalitiesInStudy and the
// counts, return keys, limits, and locate() for retrieval.

#include "ArchiveTestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"

#include <QtTest>

#include <algorithm>
#include <set>

using namespace lightbox;
using archive::Level;

namespace {

struct StudyDef {
    std::string patientId, patientName, uid, date, time, accession;
    std::vector<std::pair<std::string, int>> series;  // modality, instances
};

const std::vector<StudyDef>& studies() {
    static const std::vector<StudyDef> defs = {
        {"P1", "Smith^John", "1.9.1", "20240315", "101500", "ACC-1", {{"CT", 3}, {"MR", 2}}},
        {"P1", "Smith^John", "1.9.2", "20231201", "080000", "ACC-2", {{"CR", 1}}},
        {"P2", "SMITH^JANE", "1.9.3", "20240601", "143000", "A[1]", {{"MG", 4}}},
        {"P3", "Smithson^Al", "1.9.4", "20250110", "120000", "X9", {{"CT", 1}}},
        {"P4", "Doe^John", "1.9.5", "20220101", "120000", "X10", {{"US", 1}}},
        {"P5", "Müller^Anna", "1.9.6", "20240101", "120000", "X11", {{"MR", 1}}},
        {"P6", "Yamada^Tarou=山田^太郎=やまだ^たろう", "1.9.7", "20240202", "235959", "X12", {{"CT", 1}}},
        {"P7", "NODATE^PAT", "1.9.8", "", "", "X13", {{"OT", 1}}},
    };
    return defs;
}

std::set<std::string> values(const std::vector<archive::QueryRow>& rows, const std::string& key) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r.at(key));
    return out;
}

}  // namespace

class TestArchiveQuery : public QObject {
    Q_OBJECT
    std::unique_ptr<archive::Archive> a;

    std::vector<archive::QueryRow> find(Level level, std::vector<std::pair<std::string, std::string>> match,
                                        std::vector<std::string> returnKeys = {}) {
        archive::Query q;
        q.level = level;
        q.match = std::move(match);
        q.returnKeys = std::move(returnKeys);
        return a->query(q);
    }
    std::set<std::string> studyUids(std::vector<std::pair<std::string, std::string>> match) {
        return values(find(Level::Study, std::move(match)), "StudyInstanceUID");
    }

private slots:
    void initTestCase() {
        a = archive::Archive::openInMemory();
        for (const StudyDef& d : studies()) {
            int seriesIndex = 0;
            for (const auto& [modality, count] : d.series) {
                ++seriesIndex;
                for (int i = 1; i <= count; ++i) {
                    test::ObjectSpec s;
                    s.patientId = d.patientId;
                    s.patientName = d.patientName;
                    s.characterSet = "ISO_IR 192";
                    s.studyUid = d.uid;
                    s.studyDate = d.date;
                    s.studyTime = d.time;
                    s.accession = d.accession;
                    s.seriesUid = d.uid + "." + std::to_string(seriesIndex);
                    s.seriesNumber = std::to_string(seriesIndex);
                    s.modality = modality;
                    s.sopUid = s.seriesUid + "." + std::to_string(i);
                    s.instanceNumber = count - i + 1;  // stored in reverse order on purpose
                    QCOMPARE(a->store(test::makeObject(s), {}).status, archive::StoreStatus::Stored);
                }
            }
        }
    }

    void universalMatching() {
        QCOMPARE(find(Level::Study, {}).size(), std::size_t(8));
        QCOMPARE(find(Level::Patient, {{"PatientName", ""}}).size(), std::size_t(7));
        QCOMPARE(find(Level::Study, {{"PatientName", "*"}, {"StudyDate", ""}}).size(), std::size_t(8));
        QCOMPARE(find(Level::Instance, {}).size(), std::size_t(15));
    }

    void personNamesCaseInsensitive() {
        QCOMPARE(studyUids({{"PatientName", "smith*"}}), (std::set<std::string>{"1.9.1", "1.9.2", "1.9.3", "1.9.4"}));
        QCOMPARE(values(find(Level::Patient, {{"PatientName", "smith*"}}), "PatientID"),
                 (std::set<std::string>{"P1", "P2", "P3"}));
        QCOMPARE(studyUids({{"PatientName", "SMITH^J*"}}), (std::set<std::string>{"1.9.1", "1.9.2", "1.9.3"}));
        QCOMPARE(studyUids({{"PatientName", "Smith^John"}}), (std::set<std::string>{"1.9.1", "1.9.2"}));
        QCOMPARE(studyUids({{"PatientName", "smith"}}), std::set<std::string>{});  // single value: the whole name
        QCOMPARE(studyUids({{"PatientName", "*SON*"}}), std::set<std::string>{"1.9.4"});
        QCOMPARE(studyUids({{"PatientName", "?oe^john"}}), std::set<std::string>{"1.9.5"});
        QCOMPARE(studyUids({{"PatientName", "müller*"}}), std::set<std::string>{"1.9.6"});
        // Ideographic and phonetic groups, alone or group by group.
        QCOMPARE(studyUids({{"PatientName", "山田*"}}), std::set<std::string>{"1.9.7"});
        QCOMPARE(studyUids({{"PatientName", "やまだ*"}}), std::set<std::string>{"1.9.7"});
        QCOMPARE(studyUids({{"PatientName", "YAMADA^TAROU=山田^太郎"}}), std::set<std::string>{"1.9.7"});
        QCOMPARE(studyUids({{"PatientName", "=山田^太郎"}}), std::set<std::string>{"1.9.7"});
        QCOMPARE(studyUids({{"PatientName", "YAMADA^TAROU=鈴木^一郎"}}), std::set<std::string>{});
        // The value comes back as stored.
        auto rows = find(Level::Study, {{"PatientName", "yamada*"}});
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0]["PatientName"], std::string("Yamada^Tarou=山田^太郎=やまだ^たろう"));
    }

    void dateAndTimeRanges() {
        QCOMPARE(studyUids({{"StudyDate", "20240101-20241231"}}),
                 (std::set<std::string>{"1.9.1", "1.9.3", "1.9.6", "1.9.7"}));
        QCOMPARE(studyUids({{"StudyDate", "-20231231"}}), (std::set<std::string>{"1.9.2", "1.9.5"}));
        QCOMPARE(studyUids({{"StudyDate", "20240601-"}}), (std::set<std::string>{"1.9.3", "1.9.4"}));
        QCOMPARE(studyUids({{"StudyDate", "20240315"}}), std::set<std::string>{"1.9.1"});
        QCOMPARE(studyUids({{"StudyDate", "20240315\\20220101"}}), (std::set<std::string>{"1.9.1", "1.9.5"}));
        QCOMPARE(studyUids({{"StudyTime", "0800-1100"}}), (std::set<std::string>{"1.9.1", "1.9.2"}));
        // An upper bound "2359" includes 23:59:59.
        QCOMPARE(studyUids({{"StudyTime", "2300-2359"}}), std::set<std::string>{"1.9.7"});
        QCOMPARE(studyUids({{"StudyDate", "20240101-20241231"}, {"StudyTime", "1400-"}}), (std::set<std::string>{"1.9.3", "1.9.7"}));
    }

    // PS3.4 C.2.2.2.5: with combined matching a date range and a time range
    // are one date-time range (from the first date at the first time to the
    // last date at the last time); without it, two separate conditions.
    void combinedDateTimeRanges() {
        auto combined = [&](std::vector<std::pair<std::string, std::string>> match, bool on = true) {
            archive::Query q;
            q.level = Level::Study;
            q.match = std::move(match);
            q.combinedDateTime = on;
            return values(a->query(q), "StudyInstanceUID");
        };
        // 15 March 10:15 (1.9.1) and 1 June 14:30 (1.9.3) lie between 15 March 10:00 and 1 June 14:00?
        // Only 1.9.1 does; separately, "1000-1400" on the time would drop 1.9.3 and 1.9.7 too.
        QCOMPARE(combined({{"StudyDate", "20240315-20240601"}, {"StudyTime", "1000-1400"}}), std::set<std::string>{"1.9.1"});
        // From 2 February 23:00 to 15 March 11:00: 1.9.7 (23:59:59 on the first day) and 1.9.1 (10:15 on the last).
        QCOMPARE(combined({{"StudyDate", "20240202-20240315"}, {"StudyTime", "2300-1100"}}),
                 (std::set<std::string>{"1.9.1", "1.9.7"}));
        // The same keys matched separately: no time is both >= 23:00 and <= 11:00.
        QCOMPARE(combined({{"StudyDate", "20240202-20240315"}, {"StudyTime", "2300-1100"}}, false), std::set<std::string>{});
        // Open ends: everything up to 1 January 2024 at noon (1.9.6 is exactly then), everything after 10 Jan 2025 11:00.
        QCOMPARE(combined({{"StudyDate", "-20240101"}, {"StudyTime", "-1200"}}),
                 (std::set<std::string>{"1.9.2", "1.9.5", "1.9.6"}));
        QCOMPARE(combined({{"StudyDate", "20250110-"}, {"StudyTime", "1100-"}}), std::set<std::string>{"1.9.4"});
        // A single date with a time range is that day between the two times.
        QCOMPARE(combined({{"StudyDate", "20240315"}, {"StudyTime", "1000-1100"}}), std::set<std::string>{"1.9.1"});
    }

    void uidListsAndSingleValues() {
        QCOMPARE(studyUids({{"StudyInstanceUID", "1.9.1\\1.9.3"}}), (std::set<std::string>{"1.9.1", "1.9.3"}));
        QCOMPARE(studyUids({{"StudyInstanceUID", "1.9.4"}}), std::set<std::string>{"1.9.4"});
        QCOMPARE(studyUids({{"PatientID", "P1"}}), (std::set<std::string>{"1.9.1", "1.9.2"}));
        QCOMPARE(studyUids({{"PatientID", "p1"}}), std::set<std::string>{});  // not a person name: case-sensitive
        QCOMPARE(studyUids({{"AccessionNumber", "A[1]"}}), std::set<std::string>{"1.9.3"});
        QCOMPARE(studyUids({{"AccessionNumber", "A[1*"}}), std::set<std::string>{"1.9.3"});
        QCOMPARE(studyUids({{"AccessionNumber", "X1?"}}), (std::set<std::string>{"1.9.5", "1.9.6", "1.9.7", "1.9.8"}));
    }

    void modalitiesAndCounts() {
        auto rows = find(Level::Study, {{"StudyInstanceUID", "1.9.1"}},
                         {"ModalitiesInStudy", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances"});
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0]["ModalitiesInStudy"], std::string("CT\\MR"));
        QCOMPARE(rows[0]["NumberOfStudyRelatedSeries"], std::string("2"));
        QCOMPARE(rows[0]["NumberOfStudyRelatedInstances"], std::string("5"));
        QCOMPARE(studyUids({{"ModalitiesInStudy", "MR"}}), (std::set<std::string>{"1.9.1", "1.9.6"}));
        QCOMPARE(studyUids({{"ModalitiesInStudy", "CT\\MG"}}), (std::set<std::string>{"1.9.1", "1.9.3", "1.9.4", "1.9.7"}));
        // A series-level key at study level: studies having such a series.
        QCOMPARE(studyUids({{"Modality", "CT"}}), (std::set<std::string>{"1.9.1", "1.9.4", "1.9.7"}));
        rows = find(Level::Patient, {{"PatientID", "P1"}},
                    {"NumberOfPatientRelatedStudies", "NumberOfPatientRelatedSeries", "NumberOfPatientRelatedInstances"});
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0]["NumberOfPatientRelatedStudies"], std::string("2"));
        QCOMPARE(rows[0]["NumberOfPatientRelatedSeries"], std::string("3"));
        QCOMPARE(rows[0]["NumberOfPatientRelatedInstances"], std::string("6"));
        // Count attributes are matching keys too (exact numbers, lists).
        QCOMPARE(studyUids({{"NumberOfStudyRelatedInstances", "4"}}), std::set<std::string>{"1.9.3"});
        QCOMPARE(studyUids({{"NumberOfStudyRelatedSeries", "2"}}), std::set<std::string>{"1.9.1"});
        QCOMPARE(studyUids({{"NumberOfStudyRelatedInstances", "4\\5"}}), (std::set<std::string>{"1.9.1", "1.9.3"}));
        QCOMPARE(values(find(Level::Patient, {{"NumberOfPatientRelatedStudies", "2"}}), "PatientID"),
                 std::set<std::string>{"P1"});
        QCOMPARE(values(find(Level::Series, {{"NumberOfSeriesRelatedInstances", "3"}}), "SeriesInstanceUID"),
                 std::set<std::string>{"1.9.1.1"});
        QVERIFY_THROWS_EXCEPTION(core::Error, find(Level::Study, {{"NumberOfStudyRelatedInstances", "many"}}));
    }

    void seriesAndImageLevels() {
        auto series = find(Level::Series, {{"StudyInstanceUID", "1.9.1"}}, {"Modality", "NumberOfSeriesRelatedInstances"});
        QCOMPARE(series.size(), std::size_t(2));
        QCOMPARE(series[0]["SeriesInstanceUID"], std::string("1.9.1.1"));
        QCOMPARE(series[0]["Modality"], std::string("CT"));
        QCOMPARE(series[0]["NumberOfSeriesRelatedInstances"], std::string("3"));
        QCOMPARE(series[1]["NumberOfSeriesRelatedInstances"], std::string("2"));
        QCOMPARE(series[1]["StudyInstanceUID"], std::string("1.9.1"));  // unique keys of the levels above
        QCOMPARE(find(Level::Series, {{"Modality", "CT"}}).size(), std::size_t(3));
        auto images = find(Level::Instance, {{"SeriesInstanceUID", "1.9.1.1"}}, {"InstanceNumber", "SOPClassUID"});
        QCOMPARE(images.size(), std::size_t(3));
        QCOMPARE(images[0]["InstanceNumber"], std::string("1"));  // ordered by Instance Number
        QCOMPARE(images[0]["SOPInstanceUID"], std::string("1.9.1.1.3"));
        QCOMPARE(images[2]["InstanceNumber"], std::string("3"));
        QCOMPARE(images[0]["SOPClassUID"], std::string("1.2.840.10008.5.1.4.1.1.7"));
        QCOMPARE(find(Level::Instance, {{"InstanceNumber", "2"}, {"StudyInstanceUID", "1.9.1"}}).size(), std::size_t(2));
    }

    void returnKeysOrderAndLimits() {
        auto rows = find(Level::Study, {}, {"StudyDate", "QueryRetrieveLevel", "NoSuchKeyword"});
        QCOMPARE(rows.size(), std::size_t(8));
        QCOMPARE(rows[0]["StudyDate"], std::string("20250110"));  // newest first
        QCOMPARE(rows[0]["QueryRetrieveLevel"], std::string("STUDY"));
        QVERIFY(rows[0].count("NoSuchKeyword") && rows[0]["NoSuchKeyword"].empty());
        QVERIFY(rows[0].count("PatientID"));
        archive::Query q;
        q.level = Level::Study;
        q.limit = 3;
        QCOMPARE(a->query(q).size(), std::size_t(3));
        q.offset = 6;
        q.limit = 10;
        QCOMPARE(a->query(q).size(), std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(core::Error, find(Level::Study, {{"NoSuchKeyword", "x"}}));
    }

    void locateForRetrieve() {
        auto all = a->locate(Level::Patient, {{"PatientID", "P1"}});
        QCOMPARE(all.size(), std::size_t(6));
        auto study = a->locate(Level::Study, {{"StudyInstanceUID", "1.9.1\\1.9.3"}});
        QCOMPARE(study.size(), std::size_t(9));
        for (const auto& l : study) {
            const std::string bytes = a->read(l);
            QVERIFY(!bytes.empty());
            QVERIFY(!l.sopClassUid.empty() && !l.transferSyntaxUid.empty());
        }
        QCOMPARE(a->locate(Level::Instance, {{"SOPInstanceUID", "1.9.1.2.1"}}).size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(core::Error, a->locate(Level::Study, {{"PatientID", "P1"}}));
    }
};

QTEST_GUILESS_MAIN(TestArchiveQuery)
#include "tst_archive_query.moc"
