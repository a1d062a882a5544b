// verify() finds what went wrong on disk - a changed byte, a missing file, a
// file the index does not know - and repair() rebuilds the index from the
// files: misplaced files put back, unreadable ones quarantined, the old
// index's rows without files dropped, even with the index deleted.

#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace lightbox;
using Kind = archive::IntegrityProblem::Kind;

namespace {

bool hasProblem(const archive::VerifyReport& r, Kind kind, const std::string& pathPart) {
    for (const auto& p : r.problems)
        if (p.kind == kind && p.path.find(pathPart) != std::string::npos) return true;
    return false;
}

}  // namespace

class TestArchiveIntegrity : public QObject {
    Q_OBJECT
    QTemporaryDir synth;

private slots:
    void initTestCase() { QVERIFY(test::synthesize(synth.path(), 4)); }

    void verifyFindsDamageAndRepairRebuilds() {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        auto a = archive::Archive::open(root);
        const archive::ImportSummary imported = a->importPaths({synth.path().toStdString()});
        const std::size_t total = imported.imported;
        QVERIFY(total > 40);
        QVERIFY(a->verify().ok());

        auto all = a->locate(archive::Level::Patient, {{"PatientID", "LBX-CT-001"}});
        QVERIFY(all.size() >= 3);
        // 1. A changed byte inside the pixel data.
        std::string corrupted = a->read(all[0]);
        corrupted[corrupted.size() - 10] ^= 0x5A;
        QVERIFY(test::writeBytes(QString::fromStdString(all[0].path.string()), corrupted));
        // 2. A missing file.
        std::filesystem::remove(all[1].path);
        // 3. A file the index does not know, and 4. an unreadable one.
        std::filesystem::create_directories(root + "/store/00/00");
        QVERIFY(test::writeBytes(dir.filePath("store/00/00/stray.dcm"), a->read(all[2])));
        QVERIFY(test::writeBytes(dir.filePath("store/00/00/garbage.dcm"), std::string(500, 'g')));

        archive::VerifyReport r = a->verify();
        QVERIFY(!r.ok());
        QVERIFY(hasProblem(r, Kind::HashMismatch, all[0].storageKey));
        QVERIFY(hasProblem(r, Kind::MissingFile, all[1].storageKey));
        QVERIFY(hasProblem(r, Kind::OrphanFile, "stray.dcm"));
        QVERIFY(hasProblem(r, Kind::OrphanFile, "garbage.dcm"));
        QCOMPARE(r.problems.size(), std::size_t(4));
        QCOMPARE(r.instancesChecked, total);
        // The command line says so with its exit status.
        test::ProcessResult cli = test::runCli({"archive", "--root", dir.path(), "verify", "--json"}, 60000);
        QCOMPARE(cli.exitCode, 1);
        QVERIFY(cli.out.contains("hash-mismatch") && cli.out.contains("missing-file") && cli.out.contains("orphan-file"));

        // Repair needs the archive to itself.
        QVERIFY_THROWS_EXCEPTION(core::Error, archive::Archive::repair(root));
        a.reset();
        archive::RepairReport rep = archive::Archive::repair(root);
        QCOMPARE(rep.rowsWithoutFiles, std::size_t(1));                // the deleted file
        QCOMPARE(rep.instancesIndexed, total - 1);
        QCOMPARE(rep.quarantined.size(), std::size_t(1));              // the garbage
        QVERIFY(rep.filesMoved >= 1);                                  // the changed file has a new checksum
        QVERIFY(std::filesystem::exists(root + "/quarantine/garbage.dcm"));
        a = archive::Archive::open(root);
        QVERIFY(a->verify().ok());
        QCOMPARE(std::size_t(a->statistics().instances), total - 1);
        QCOMPARE(test::filesUnder(dir.filePath("store")), total - 1);
        // Counts and derived attributes are rebuilt too.
        archive::Query q;
        q.level = archive::Level::Patient;
        q.match = {{"PatientID", "LBX-CT-001"}};
        q.returnKeys = {"NumberOfPatientRelatedInstances"};
        QCOMPARE(std::size_t(std::stoul(a->query(q).at(0).at("NumberOfPatientRelatedInstances"))), all.size() - 1);
    }

    void repairWithoutAnIndex() {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        std::size_t total = 0;
        archive::ArchiveStatistics before;
        {
            auto a = archive::Archive::open(root);
            total = a->importPaths({synth.path().toStdString()}).imported;
            // A conflict too: it must come back as a conflict.
            test::ObjectSpec spec;
            QCOMPARE(a->store(test::makeObject(spec), {}).status, archive::StoreStatus::Stored);
            spec.comment = "other content";
            QCOMPARE(a->store(test::makeObject(spec), {}).status, archive::StoreStatus::Conflict);
            before = a->statistics();
        }
        for (const char* f : {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm"}) std::filesystem::remove(root + "/" + f);
        test::ProcessResult cli = test::runCli({"archive", "--root", dir.path(), "repair", "--json"}, 120000);
        QCOMPARE(cli.exitCode, 0);
        auto a = archive::Archive::open(root);
        const archive::ArchiveStatistics after = a->statistics();
        QCOMPARE(after.instances, before.instances);
        QCOMPARE(after.instances, std::uint64_t(total + 1));
        QCOMPARE(after.studies, before.studies);
        QCOMPARE(after.series, before.series);
        QCOMPARE(after.patients, before.patients);
        QCOMPARE(after.conflicts, std::uint64_t(1));
        QVERIFY(a->verify().ok());
        archive::Query q;
        q.match = {{"PatientName", "phantom*"}};
        QCOMPARE(a->query(q).size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestArchiveIntegrity)
#include "tst_archive_integrity.moc"
