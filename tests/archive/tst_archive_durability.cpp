// Nothing acknowledged is ever lost: `lightbox-cli archive import` of 1,000
// synthetic CT instances is killed with SIGKILL in the middle; afterwards
// (and after the index was deleted and `repair` rebuilt it) verify passes and
// every object it had reported as stored is present and byte-identical to its
// source. The import then completes on a rerun.
//
// A power cut is simulated by putting back the files as they were on disk at
// the time: the object log as it was while the archive was open (its records
// of acknowledged objects are flushed before the acknowledgement), an index
// from before the objects' commits (which are not flushed: the log is their
// redo log), object files short or missing (flushed later, in batches).


#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/Query.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <map>
#include <thread>
#include <vector>

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;

namespace {

namespace fs = std::filesystem;

// A copy of the object log as it is now (what the disk holds after its last
// flush, for an archive whose stores have returned).
void snapshotLog(const std::string& root) {
    fs::copy_file(root + "/objects.log", root + "/objects.log.crash", fs::copy_options::overwrite_existing);
}

void restoreLog(const std::string& root) {
    fs::rename(root + "/objects.log.crash", root + "/objects.log");
}

void snapshotIndex(const std::string& root) {
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(root + "/index.sqlite" + suffix))
            fs::copy_file(root + "/index.sqlite" + suffix, root + "/index.crash" + suffix,
                          fs::copy_options::overwrite_existing);
}

void restoreIndex(const std::string& root) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(root + "/index.sqlite" + suffix);
        if (fs::exists(root + "/index.crash" + suffix)) fs::rename(root + "/index.crash" + suffix, root + "/index.sqlite" + suffix);
    }
}

// The disk refuses to take more than `bytes` of any file (RLIMIT_FSIZE, as
// a full disk refuses writes: EFBIG instead of ENOSPC) while it lives.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);  // the write fails instead of killing the process
        ::getrlimit(RLIMIT_FSIZE, &previous_);
        rlimit limit = previous_;
        limit.rlim_cur = bytes;
        ok_ = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    bool ok() const { return ok_; }

private:
    rlimit previous_{};
    void (*previousHandler_)(int) = nullptr;
    bool ok_ = false;
};

}  // namespace

class TestArchiveDurability : public QObject {
    Q_OBJECT
    QTemporaryDir synth;

private slots:
    void initTestCase() {
        QVERIFY(synth.isValid());
        QVERIFY(test::synthesize(synth.path(), 1000, "ct-current"));
    }

    void killedMidIngest_data() {
        QTest::addColumn<int>("killAfter");
        QTest::addColumn<bool>("indexLost");
        QTest::newRow("early") << 50 << false;
        QTest::newRow("middle") << 400 << false;
        QTest::newRow("middle, index deleted, repaired") << 300 << true;
    }

    void killedMidIngest() {
        QFETCH(int, killAfter);
        QFETCH(bool, indexLost);
        QTemporaryDir dir;
        const QString root = dir.filePath("archive");
        QProcess p;
        p.setProcessChannelMode(QProcess::SeparateChannels);
        p.start(LIGHTBOX_CLI, {"archive", "--root", root, "import", synth.path(), "--json", "--threads", "2"});
        QVERIFY(p.waitForStarted(10000));
        // Acknowledged objects as the process reported them, complete lines only.
        std::map<std::string, std::string> stored;  // SOP Instance UID -> source file
        QByteArray pending;
        bool finished = false;
        while (int(stored.size()) < killAfter) {
            if (!p.waitForReadyRead(30000)) {
                finished = p.state() == QProcess::NotRunning;
                break;
            }
            pending += p.readAllStandardOutput();
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QJsonObject o = QJsonDocument::fromJson(pending.left(newline)).object();
                pending.remove(0, newline + 1);
                if (o["status"].toString() == "stored")
                    stored[o["SOPInstanceUID"].toString().toStdString()] = o["source"].toString().toStdString();
            }
        }
        QVERIFY2(!finished, "the import ended before it could be killed");
        p.kill();  // SIGKILL: no cleanup of any kind
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QVERIFY(int(stored.size()) >= killAfter);

        if (indexLost) {
            // The index is gone: repair rebuilds it from the files and the object log.
            for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(root.toStdString() + "/index.sqlite" + suffix);
            test::ProcessResult r = test::runCli({"archive", "--root", root, "repair"}, 120000);
            QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        }
        // After the crash: the archive opens, recovers, and is intact.
        test::ProcessResult v = test::runCli({"archive", "--root", root, "verify"}, 120000);
        QVERIFY2(v.exitCode == 0, (v.out + v.err).constData());
        auto a = archive::Archive::open(root.toStdString());
        QVERIFY(a->verify().ok());
        QVERIFY(a->statistics().instances >= stored.size());
        QVERIFY(a->statistics().instances < 1000);  // it really was killed mid-ingest
        for (const auto& [sop, source] : stored) {
            auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", sop}});
            QVERIFY2(located.size() == 1, sop.c_str());
            QVERIFY2(a->read(located[0]) == test::readBytes(QString::fromStdString(source)), sop.c_str());
        }
        QDir incoming(root + "/incoming");
        QVERIFY(incoming.entryList(QDir::Files).isEmpty());  // nothing half-written left behind
        a.reset();

        // The rerun completes the ingest: the acknowledged ones are duplicates.
        test::ProcessResult rerun = test::runCli({"archive", "--root", root, "import", synth.path(), "--json"}, 300000);
        QCOMPARE(rerun.exitCode, 0);
        const QJsonObject summary =
            QJsonDocument::fromJson(rerun.out.trimmed().split('\n').last()).object()["summary"].toObject();
        QCOMPARE(summary["imported"].toInt() + summary["duplicates"].toInt(), 1000);
        QVERIFY(summary["duplicates"].toInt() >= int(stored.size()));
        a = archive::Archive::open(root.toStdString());
        QCOMPARE(a->statistics().instances, std::uint64_t(1000));
        QVERIFY(a->verify().ok());
    }

    // An object's data is flushed while its index row commits, and it is
    // acknowledged only after both. A crash in between leaves a committed row
    // whose file is short or missing: recovery must take such an object back
    // (rows, counts, files) and replay the moves of intact ones.
    void unflushedObjectsAreTakenBack() {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        test::ObjectSpec lone;  // alone in its patient and study: those rows must go too
        lone.patientId = "LONE";
        lone.studyUid = "1.2.9.1";
        lone.seriesUid = "1.2.9.1.1";
        lone.sopUid = "1.2.9.1.1.1";
        lone.modality = "MR";
        test::ObjectSpec kept, staged, intact;
        kept.sopUid = "1.2.3.1.1.1";
        staged.sopUid = "1.2.3.1.1.2";
        intact.sopUid = "1.2.3.1.1.3";
        std::map<std::string, std::string> paths;  // SOP Instance UID -> archived file
        {
            auto a = archive::Archive::open(root);
            for (const auto* spec : {&lone, &kept, &staged, &intact}) {
                archive::StoreResult r = a->store(test::makeObject(*spec), {"test", {}});
                QCOMPARE(r.status, archive::StoreStatus::Stored);
                paths[spec->sopUid] = r.path.string();
            }
            QCOMPARE(a->statistics().patients, std::uint64_t(2));
        }
        auto key = [&](const std::string& sop) {
            return QString::fromStdString(std::filesystem::relative(paths[sop], root).generic_string());
        };
        // Nothing of these objects reached the object log either (see
        // loggedObjectsAreRestored for the objects that did).
        QVERIFY(std::filesystem::exists(root + "/objects.log"));
        std::filesystem::remove(root + "/objects.log");
        // The lone object: published, but only half of its data reached the disk.
        std::filesystem::resize_file(paths[lone.sopUid], std::filesystem::file_size(paths[lone.sopUid]) / 2);
        // Another: still staged, data short. The third: staged and intact.
        std::filesystem::rename(paths[staged.sopUid], root + "/incoming/short.tmp");
        std::filesystem::resize_file(root + "/incoming/short.tmp", 100);
        std::filesystem::rename(paths[intact.sopUid], root + "/incoming/intact.tmp");
        QString sql = "INSERT INTO pending_files (owner, action, token, key, sop_uid) VALUES "
                      "('crashed', 'publish', 'gone.tmp', '%1', '%2'), "
                      "('crashed', 'publish', 'short.tmp', '%3', '%4'), "
                      "('crashed', 'publish', 'intact.tmp', '%5', '%6');";
        sql = sql.arg(key(lone.sopUid), QString::fromStdString(lone.sopUid), key(staged.sopUid),
                      QString::fromStdString(staged.sopUid), key(intact.sopUid), QString::fromStdString(intact.sopUid));
        QProcess sqlite;
        sqlite.start("sqlite3", {QString::fromStdString(root + "/index.sqlite"), sql});
        QVERIFY(sqlite.waitForFinished(30000));
        QVERIFY2(sqlite.exitCode() == 0, sqlite.readAllStandardError().constData());

        auto a = archive::Archive::open(root);
        QVERIFY(a->verify().ok());
        const archive::ArchiveStatistics stats = a->statistics();
        QCOMPARE(stats.instances, std::uint64_t(2));
        QCOMPARE(stats.patients, std::uint64_t(1));  // LONE's patient, study and series went with it
        QCOMPARE(stats.studies, std::uint64_t(1));
        QCOMPARE(stats.series, std::uint64_t(1));
        QVERIFY(a->locate(archive::Level::Instance, {{"SOPInstanceUID", lone.sopUid}}).empty());
        QVERIFY(a->locate(archive::Level::Instance, {{"SOPInstanceUID", staged.sopUid}}).empty());
        QVERIFY(!std::filesystem::exists(paths[lone.sopUid]));
        for (const auto* spec : {&kept, &intact}) {
            auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", spec->sopUid}});
            QCOMPARE(located.size(), std::size_t(1));
            QCOMPARE(a->read(located[0]), test::makeObject(*spec));
        }
        QVERIFY(QDir(dir.filePath("incoming")).entryList(QDir::Files).isEmpty());
        archive::Query q;
        q.level = archive::Level::Study;
        q.returnKeys = {"ModalitiesInStudy", "NumberOfStudyRelatedInstances"};
        const auto studies = a->query(q);
        QCOMPARE(studies.size(), std::size_t(1));
        QCOMPARE(studies[0].at("ModalitiesInStudy"), std::string("CT"));
        QCOMPARE(studies[0].at("NumberOfStudyRelatedInstances"), std::string("2"));
        // The taken-back objects can be sent again.
        QCOMPARE(a->store(test::makeObject(lone), {"test", {}}).status, archive::StoreStatus::Stored);
        QCOMPARE(a->store(test::makeObject(staged), {"test", {}}).status, archive::StoreStatus::Stored);
        QVERIFY(a->verify().ok());
    }

    // An object is acknowledged once it is in the object log; its own file
    // is flushed later. A crash in between leaves the file short (or, for
    // one still staged, missing): recovery restores it from the log. Bytes
    // received into page-aligned memory (a network receive) are written to
    // the log from there, padded in place: the padding must not become part
    // of the object.
    void loggedObjectsAreRestored_data() {
        QTest::addColumn<bool>("pageAligned");
        QTest::newRow("copied into the record") << false;
        QTest::newRow("written from page-aligned memory") << true;
    }

    void loggedObjectsAreRestored() {
        QFETCH(bool, pageAligned);
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        test::ObjectSpec published, staged;
        published.sopUid = "1.2.3.1.1.1";
        staged.sopUid = "1.2.3.1.1.2";
        std::map<std::string, std::string> paths;
        {
            auto a = archive::Archive::open(root);
            for (const auto* spec : {&published, &staged}) {
                const std::string object = test::makeObject(*spec);
                // Page-aligned memory whose last page carries other bytes past the object.
                constexpr std::size_t kPage = 4096;
                const std::size_t capacity = (object.size() + kPage - 1) / kPage * kPage + kPage;
                std::unique_ptr<char, decltype(&std::free)> memory(
                    static_cast<char*>(std::aligned_alloc(kPage, capacity)), &std::free);
                QVERIFY(memory);
                std::memset(memory.get(), 0xA5, capacity);
                std::memcpy(memory.get(), object.data(), object.size());
                archive::StoreContext context{"test", {}};
                context.pageAligned = pageAligned;
                archive::StoreResult r =
                    a->store(pageAligned ? std::string_view(memory.get(), object.size()) : std::string_view(object), context);
                QCOMPARE(r.status, archive::StoreStatus::Stored);
                paths[spec->sopUid] = r.path.string();
            }
            snapshotLog(root);  // the crash: the log as it is before its records are released
        }
        restoreLog(root);
        auto key = [&](const std::string& sop) {
            return QString::fromStdString(std::filesystem::relative(paths[sop], root).generic_string());
        };
        std::filesystem::resize_file(paths[published.sopUid], 10);
        std::filesystem::remove(paths[staged.sopUid]);  // the crash came before its move, its slot is empty
        std::ofstream(root + "/incoming/empty.tmp").close();
        QString sql = "INSERT INTO pending_files (owner, action, token, key, sop_uid) VALUES "
                      "('crashed', 'publish', 'gone.tmp', '%1', '%2'), "
                      "('crashed', 'publish', 'empty.tmp', '%3', '%4');";
        sql = sql.arg(key(published.sopUid), QString::fromStdString(published.sopUid), key(staged.sopUid),
                      QString::fromStdString(staged.sopUid));
        QProcess sqlite;
        sqlite.start("sqlite3", {QString::fromStdString(root + "/index.sqlite"), sql});
        QVERIFY(sqlite.waitForFinished(30000));
        QVERIFY2(sqlite.exitCode() == 0, sqlite.readAllStandardError().constData());

        auto a = archive::Archive::open(root);
        QVERIFY(a->verify().ok());
        QCOMPARE(a->statistics().instances, std::uint64_t(2));
        for (const auto* spec : {&published, &staged}) {
            auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", spec->sopUid}});
            QCOMPARE(located.size(), std::size_t(1));
            QCOMPARE(a->read(located[0]), test::makeObject(*spec));
        }
        QVERIFY(!std::filesystem::exists(root + "/incoming/empty.tmp"));
    }

    // The index commits of logged objects are not flushed: a power cut may
    // take them back. Recovery indexes every object of the log's live records
    // again - archived, duplicate or conflict, as store() decided - and
    // restores files that did not reach the disk.
    void indexCommitsAreReplayedFromTheLog() {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        test::ObjectSpec before, fresh, lone, conflicting;
        before.sopUid = "1.2.3.1.1.1";
        fresh.sopUid = "1.2.3.1.1.2";
        lone.patientId = "LONE";
        lone.studyUid = "1.2.9.1";
        lone.seriesUid = "1.2.9.1.1";
        lone.sopUid = "1.2.9.1.1.1";
        lone.modality = "MR";
        conflicting = before;
        conflicting.comment = "other content, same SOP Instance UID";
        std::map<std::string, std::string> paths;  // SOP Instance UID -> archived file
        {
            auto a = archive::Archive::open(root);
            QCOMPARE(a->store(test::makeObject(before), {"test", {}}).status, archive::StoreStatus::Stored);
        }
        snapshotIndex(root);  // what the disk holds of the index at the cut
        std::string conflictPath;
        {
            auto a = archive::Archive::open(root);
            for (const auto* spec : {&fresh, &lone}) {
                archive::StoreResult r = a->store(test::makeObject(*spec), {"sender", {}});
                QCOMPARE(r.status, archive::StoreStatus::Stored);
                paths[spec->sopUid] = r.path.string();
            }
            archive::StoreResult c = a->store(test::makeObject(conflicting), {"sender", {}});
            QCOMPARE(c.status, archive::StoreStatus::Conflict);
            conflictPath = c.path.string();
            snapshotLog(root);
        }
        restoreIndex(root);
        restoreLog(root);
        fs::remove(paths[fresh.sopUid]);                      // never reached the disk
        fs::resize_file(paths[lone.sopUid], 100);             // half-written
        fs::remove(conflictPath);
        {
            auto a = archive::Archive::open(root);
            QVERIFY(a->verify().ok());
            const archive::ArchiveStatistics stats = a->statistics();
            QCOMPARE(stats.instances, std::uint64_t(3));
            QCOMPARE(stats.patients, std::uint64_t(2));
            QCOMPARE(stats.conflicts, std::uint64_t(1));
            for (const auto* spec : {&before, &fresh, &lone}) {
                auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", spec->sopUid}});
                QCOMPARE(located.size(), std::size_t(1));
                QCOMPARE(a->read(located[0]), test::makeObject(*spec));
            }
            const auto conflicts = a->conflicts();
            QCOMPARE(conflicts.size(), std::size_t(1));
            QCOMPARE(test::readBytes(QString::fromStdString(conflicts[0].path.string())),
                     test::makeObject(conflicting));
            QCOMPARE(conflicts[0].source, std::string("sender"));  // the record's provenance
        }
        // Replayed once: the records were released.
        auto a = archive::Archive::open(root);
        QCOMPARE(a->statistics().instances, std::uint64_t(3));
        QCOMPARE(a->conflicts().size(), std::size_t(1));
        QVERIFY(a->verify().ok());
    }

    // After a change of stored objects (reconciliation) no live log record of
    // the old version is left: replayed, it would bring that version back (as
    // a conflict). The archive releases the records before the change.
    void reconciledObjectsAreNotReplayed() {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        test::ObjectSpec spec;
        {
            auto a = archive::Archive::open(root);
            QCOMPARE(a->store(test::makeObject(spec), {"test", {}}).status, archive::StoreStatus::Stored);
            archive::PatientUpdate update;
            update.patientId = spec.patientId;
            update.newPatientName = "DOE^JANE";
            QCOMPARE(a->reconcile(update).instancesRewritten, std::size_t(1));
            snapshotLog(root);
        }
        restoreLog(root);
        auto a = archive::Archive::open(root);
        QVERIFY(a->conflicts().empty());
        QCOMPARE(a->statistics().instances, std::uint64_t(1));
        archive::Query q;
        q.level = archive::Level::Patient;
        q.returnKeys = {"PatientName"};
        const auto patients = a->query(q);
        QCOMPARE(patients.size(), std::size_t(1));
        QCOMPARE(patients[0].at("PatientName"), std::string("DOE^JANE"));
        QVERIFY(a->verify().ok());
    }

    // repair rebuilds the index from the files - and from the object log,
    // which holds acknowledged objects whose own file did not reach the disk.
    void repairRestoresFromTheLog() {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        test::ObjectSpec kept, lost;
        kept.sopUid = "1.2.3.1.1.1";
        lost.sopUid = "1.2.3.1.1.2";
        std::string lostPath;
        {
            auto a = archive::Archive::open(root);
            QCOMPARE(a->store(test::makeObject(kept), {"test", {}}).status, archive::StoreStatus::Stored);
            archive::StoreResult r = a->store(test::makeObject(lost), {"sender", {}});
            QCOMPARE(r.status, archive::StoreStatus::Stored);
            lostPath = r.path.string();
            snapshotLog(root);
        }
        restoreLog(root);
        fs::remove(lostPath);
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(root + "/index.sqlite" + suffix);
        const archive::RepairReport report = archive::Archive::repair(root);
        QCOMPARE(report.restoredFromLog, std::size_t(1));
        QCOMPARE(report.instancesIndexed, std::size_t(2));
        QVERIFY(report.quarantined.empty());
        auto a = archive::Archive::open(root);
        QVERIFY(a->verify().ok());
        for (const auto* spec : {&kept, &lost}) {
            auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", spec->sopUid}});
            QCOMPARE(located.size(), std::size_t(1));
            QCOMPARE(a->read(located[0]), test::makeObject(*spec));
        }
    }

    // The index records a received object while its data is written; when
    // the disk refuses the data (here: a file size limit, as a full disk),
    // the store fails with the disk's words, nothing of it is committed -
    // nor of the objects that would have shared its commit - and the archive
    // goes on: once the disk takes data again the same objects are stored.
    void unwrittenObjectsAreNotStored_data() {
        QTest::addColumn<bool>("pageAligned");
        QTest::addColumn<bool>("withLog");
        QTest::newRow("logged, copied into the record") << false << true;
        QTest::newRow("logged, written from page-aligned memory") << true << true;
        QTest::newRow("no object log (another process holds it)") << true << false;
    }

    void unwrittenObjectsAreNotStored() {
        QFETCH(bool, pageAligned);
        QFETCH(bool, withLog);
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        // Another process's archive on the same folder holds the log: objects are flushed one by one.
        const int logHolder = withLog ? -1 : ::open((root + "/objects.log").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        QVERIFY(withLog || (logHolder >= 0 && ::flock(logHolder, LOCK_EX | LOCK_NB) == 0));
        struct Close {
            int fd;
            ~Close() {
                if (fd >= 0) ::close(fd);
            }
        } closeHolder{logHolder};
        // A 512x512 CT slice: past the limit below, which the index's own
        // writes (a few pages a commit) stay well within.
        const QString slices = dir.path() + "/synth";
        test::ProcessResult made =
            test::runCli({"synth", "--out", slices, "--slices", "1", "--matrix", "512", "--only", "ct-current"}, 300000);
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QDirIterator it(slices, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        const std::string large = test::readBytes(it.next());
        QVERIFY(large.size() > (384u << 10));
        std::vector<std::string> small;
        for (int i = 0; i < 6; ++i) {
            test::ObjectSpec spec;
            spec.sopUid = "1.2.3.1.1." + std::to_string(100 + i);
            small.push_back(test::makeObject(spec));
        }
        auto isArchived = [](archive::Archive& a, const std::string& object) {
            const std::string sop = core::DicomFile::fromBytes(object, "object").stringOr(core::tags::SOPInstanceUID, "");
            auto located = a.locate(archive::Level::Instance, {{"SOPInstanceUID", sop}});
            return located.size() == 1 && a.read(located[0]) == object;
        };
        // As the network receive hands objects over: page-aligned, the memory
        // up to the next page boundary the archive's to overwrite.
        auto store = [&](archive::Archive& into, const std::string& object) {
            constexpr std::size_t kPage = 4096;
            const std::size_t capacity = (object.size() + kPage - 1) / kPage * kPage + kPage;
            std::unique_ptr<char, decltype(&std::free)> memory(static_cast<char*>(std::aligned_alloc(kPage, capacity)),
                                                               &std::free);
            if (!memory) throw std::bad_alloc();
            std::memcpy(memory.get(), object.data(), object.size());
            archive::StoreContext context{"test", {}};
            context.pageAligned = pageAligned;
            return into.store(pageAligned ? std::string_view(memory.get(), object.size()) : std::string_view(object),
                              context);
        };
        auto a = archive::Archive::open(root);
        QCOMPARE(store(*a, small[0]).status, archive::StoreStatus::Stored);
        {
            FileSizeLimit limit(256u << 10);
            QVERIFY(limit.ok());
            // Another association's objects meanwhile: each is stored whole or not at all.
            std::vector<int> outcome(small.size(), -1);  // 1 stored, 0 failed
            std::thread other([&] {
                for (std::size_t i = 1; i < small.size(); ++i) {
                    try {
                        outcome[i] = store(*a, small[i]).status == archive::StoreStatus::Stored ? 1 : -1;
                    } catch (const core::Error&) {
                        outcome[i] = 0;
                    }
                }
            });
            std::string error;
            try {
                store(*a, large);
            } catch (const core::Error& e) {
                error = e.what();
            }
            other.join();
            QVERIFY2(error.find("File too large") != std::string::npos, error.c_str());
            for (std::size_t i = 1; i < small.size(); ++i) {
                QVERIFY(outcome[i] != -1);
                QCOMPARE(isArchived(*a, small[i]), outcome[i] == 1);
            }
        }
        QVERIFY(!isArchived(*a, large));
        QVERIFY(a->verify().ok());
        // The disk takes data again: everything is stored, and survives a reopen.
        QCOMPARE(store(*a, large).status, archive::StoreStatus::Stored);
        for (const std::string& object : small) {
            const archive::StoreStatus status = store(*a, object).status;
            QVERIFY(status == archive::StoreStatus::Stored || status == archive::StoreStatus::Duplicate);
        }
        a.reset();
        a = archive::Archive::open(root);
        QVERIFY(a->verify().ok());
        QCOMPARE(a->statistics().instances, std::uint64_t(small.size() + 1));
        QVERIFY(isArchived(*a, large));
        for (const std::string& object : small) QVERIFY(isArchived(*a, object));
    }

    // Stored with deferred durability (a retrieve): acknowledged before the
    // data is flushed; flush() makes them durable, and they are whole.
    void deferredObjectsAreFlushed() {
        QTemporaryDir dir;
        auto a = archive::Archive::open(dir.path().toStdString());
        archive::StoreContext context{"test", {}};
        context.deferDurability = true;
        for (int i = 1; i <= 40; ++i) {
            test::ObjectSpec spec;
            spec.sopUid = "1.2.3.1.1." + std::to_string(i);
            QCOMPARE(a->store(test::makeObject(spec), context).status, archive::StoreStatus::Stored);
        }
        a->flush();
        QCOMPARE(a->statistics().instances, std::uint64_t(40));
        QVERIFY(a->verify().ok());
    }
};

QTEST_GUILESS_MAIN(TestArchiveDurability)
#include "tst_archive_durability.moc"
