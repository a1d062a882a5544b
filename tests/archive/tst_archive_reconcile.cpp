// IHE PIR: correcting a patient's demographics and merging two patients,
// in the index and in every stored object alike (re-read with core), with
// new checksums; refusals leave everything as it was.

#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;
namespace tags = core::tags;

namespace {

archive::QueryRow patient(archive::Archive& a, const std::string& id) {
    archive::Query q;
    q.level = archive::Level::Patient;
    q.match = {{"PatientID", id}};
    q.returnKeys = archive::levelKeywords(archive::Level::Patient);
    auto rows = a.query(q);
    return rows.empty() ? archive::QueryRow{} : rows.front();
}

}  // namespace

class TestArchiveReconcile : public QObject {
    Q_OBJECT
    QTemporaryDir synth, dir;
    std::unique_ptr<archive::Archive> a;
    std::size_t total = 0;

private slots:
    void initTestCase() {
        QVERIFY(test::synthesize(synth.path(), 4));
        a = archive::Archive::open(dir.path().toStdString());
        total = a->importPaths({synth.path().toStdString()}).imported;
        QVERIFY(total > 0);
    }

    void updatesDemographics() {
        const auto before = a->locate(archive::Level::Patient, {{"PatientID", "LBX-MR-002"}});
        QVERIFY(!before.empty());
        archive::PatientUpdate u;
        u.patientId = "LBX-MR-002";
        u.newPatientId = "LBX-MR-002B";
        u.newPatientName = "Meier^Anna-Lena";
        u.newBirthDate = "19790823";
        archive::ReconcileReport r = a->reconcile(u);
        QCOMPARE(r.instancesRewritten, before.size());
        QCOMPARE(r.patientId, std::string("LBX-MR-002B"));
        QVERIFY(patient(*a, "LBX-MR-002").empty());
        archive::QueryRow p = patient(*a, "LBX-MR-002B");
        QCOMPARE(p["PatientName"], std::string("Meier^Anna-Lena"));
        QCOMPARE(p["PatientBirthDate"], std::string("19790823"));
        QCOMPARE(p["NumberOfPatientRelatedInstances"], std::to_string(before.size()));
        archive::Query byName;
        byName.match = {{"PatientName", "MEIER*"}};
        QCOMPARE(a->query(byName).size(), std::size_t(1));
        // Every object of the patient says so too, under its new checksum.
        const auto after = a->locate(archive::Level::Patient, {{"PatientID", "LBX-MR-002B"}});
        QCOMPARE(after.size(), before.size());
        for (const auto& l : after) {
            core::DicomFile f = core::DicomFile::open(l.path);
            QCOMPARE(f.stringOr(tags::PatientID, ""), std::string("LBX-MR-002B"));
            QCOMPARE(f.stringOr(tags::PatientName, ""), std::string("Meier^Anna-Lena"));
            QCOMPARE(f.stringOr(tags::PatientBirthDate, ""), std::string("19790823"));
            QCOMPARE(f.transferSyntaxUid(), l.transferSyntaxUid);
            QVERIFY(f.hasPixelData());
        }
        for (const auto& old : before) QVERIFY(!std::filesystem::exists(old.path));
        QCOMPARE(test::filesUnder(dir.filePath("store")), total);
        QVERIFY(a->verify().ok());
    }

    void mergesPatients() {
        const auto cr = a->locate(archive::Level::Patient, {{"PatientID", "LBX-CR-003"}});
        const auto ct = a->locate(archive::Level::Patient, {{"PatientID", "LBX-CT-001"}});
        const archive::QueryRow target = patient(*a, "LBX-CT-001");
        archive::PatientUpdate u;
        u.patientId = "LBX-CR-003";
        u.mergeIntoPatientId = "LBX-CT-001";
        archive::ReconcileReport r = a->reconcile(u);
        QVERIFY(r.merged);
        QCOMPARE(r.studies, std::size_t(2));
        QVERIFY(patient(*a, "LBX-CR-003").empty());
        archive::QueryRow merged = patient(*a, "LBX-CT-001");
        QCOMPARE(merged["NumberOfPatientRelatedStudies"], std::string("5"));
        QCOMPARE(merged["NumberOfPatientRelatedInstances"], std::to_string(cr.size() + ct.size()));
        QCOMPARE(merged["PatientName"], target.at("PatientName"));
        for (const auto& l : a->locate(archive::Level::Patient, {{"PatientID", "LBX-CT-001"}})) {
            core::DicomFile f = core::DicomFile::open(l.path);
            QCOMPARE(f.stringOr(tags::PatientID, ""), std::string("LBX-CT-001"));
            QCOMPARE(f.stringOr(tags::PatientName, ""), target.at("PatientName"));
            QCOMPARE(f.stringOr(tags::PatientBirthDate, ""), target.at("PatientBirthDate"));
        }
        QCOMPARE(a->statistics().patients, std::uint64_t(5));
        QVERIFY(a->verify().ok());
    }

    void refusalsChangeNothing() {
        const archive::ArchiveStatistics before = a->statistics();
        archive::PatientUpdate unknown;
        unknown.patientId = "NOBODY";
        unknown.newPatientName = "X^Y";
        QVERIFY_THROWS_EXCEPTION(core::Error, a->reconcile(unknown));
        archive::PatientUpdate taken;
        taken.patientId = "LBX-DX-004";
        taken.newPatientId = "LBX-CT-001";  // someone else's: that is a merge
        QVERIFY_THROWS_EXCEPTION(core::Error, a->reconcile(taken));
        archive::PatientUpdate badDate;
        badDate.patientId = "LBX-DX-004";
        badDate.newBirthDate = "1971-04-30";
        QVERIFY_THROWS_EXCEPTION(core::Error, a->reconcile(badDate));
        archive::PatientUpdate self;
        self.patientId = "LBX-DX-004";
        self.mergeIntoPatientId = "LBX-DX-004";
        QVERIFY_THROWS_EXCEPTION(core::Error, a->reconcile(self));
        QCOMPARE(a->statistics().instances, before.instances);
        QCOMPARE(a->statistics().patients, before.patients);
        for (const QFileInfo& f : QDir(dir.filePath("incoming")).entryInfoList(QDir::Files))
            QCOMPARE(f.size(), 0);  // staged rewrites discarded (empty pre-made slots remain)
        QVERIFY(a->verify().ok());
    }

    void commandLine() {
        a.reset();  // the CLI opens the archive itself (shared access is fine, this keeps it simple)
        test::ProcessResult r = test::runCli({"archive", "--root", dir.path(), "reconcile", "--patient-id", "LBX-DX-004",
                                              "--name", "DUBOIS^CLAIRE^MARIE", "--birth-date", "19710501"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({"archive", "--root", dir.path(), "query", "--level", "patient", "--patient-id", "LBX-DX-004", "--json"});
        QVERIFY(r.out.contains("DUBOIS^CLAIRE^MARIE") && r.out.contains("19710501"));
        r = test::runCli({"archive", "--root", dir.path(), "reconcile", "--patient-id", "NOBODY", "--name", "X"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        r = test::runCli({"archive", "--root", dir.path(), "verify"});
        QCOMPARE(r.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestArchiveReconcile)
#include "tst_archive_reconcile.moc"
