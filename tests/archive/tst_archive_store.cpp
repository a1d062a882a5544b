// Storing into the archive: new objects are durable and findable, the same
// object again is a no-op, different content under a taken SOP Instance UID
// is kept aside as a conflict, bad input is rejected with a reason, and
// concurrent callers (as network associations are) all get the right answer.

#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/Sha256.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace lightbox;
using archive::StoreStatus;

namespace {

test::ObjectSpec object(int study, int series, int instance) {
    test::ObjectSpec s;
    const std::string base = "1.2.826.0.1.3680043.10.543.99." + std::to_string(study);
    s.patientId = "PID" + std::to_string(study % 3);
    s.studyUid = base;
    s.seriesUid = base + "." + std::to_string(series);
    s.sopUid = base + "." + std::to_string(series) + "." + std::to_string(instance);
    s.instanceNumber = instance;
    s.modality = series % 2 ? "CT" : "MR";
    return s;
}

std::size_t countInstances(archive::Archive& a) { return a.statistics().instances; }

}  // namespace

class TestArchiveStore : public QObject {
    Q_OBJECT

private slots:
    void sha256KnownAnswers() {
        using archive::Sha256;
        QCOMPARE(archive::toHex(Sha256::of("")),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(archive::toHex(Sha256::of("abc")),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(archive::toHex(Sha256::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Sha256 incremental;  // a million 'a', fed unevenly across block boundaries
        const std::string chunk(999, 'a');
        for (int i = 0; i < 1002; ++i) incremental.update(chunk.data(), i == 1001 ? 1 : chunk.size());
        QCOMPARE(archive::toHex(incremental.finish()),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void storesAndFinds() {
        QTemporaryDir dir;
        auto a = archive::Archive::open(dir.path().toStdString());
        QCOMPARE(a->schemaVersion(), 2);
        const std::string bytes = test::makeObject(object(1, 1, 1));
        archive::StoreResult r = a->store(bytes, {"test", {}});
        QCOMPARE(r.status, StoreStatus::Stored);
        QCOMPARE(r.sopInstanceUid, object(1, 1, 1).sopUid);
        QVERIFY(std::filesystem::exists(r.path));
        QCOMPARE(test::readBytes(QString::fromStdString(r.path.string())), bytes);
        // The file is named by its checksum and filed per study.
        QVERIFY(r.path.filename().string() == archive::toHex(archive::Sha256::of(bytes)) + ".dcm");
        QVERIFY(r.path.string().find("/store/") != std::string::npos);
        // Nothing staged is left behind: the staging folder holds only empty,
        // pre-made slots while the archive is open...
        for (const auto& e : std::filesystem::directory_iterator(dir.path().toStdString() + "/incoming"))
            QCOMPARE(std::filesystem::file_size(e.path()), std::uintmax_t(0));
        a.reset();
        // ... and nothing at all once it is closed.
        QVERIFY(std::filesystem::is_empty(dir.path().toStdString() + "/incoming"));
        // Reopened: still there, schema unchanged.
        a = archive::Archive::open(dir.path().toStdString());
        QCOMPARE(countInstances(*a), std::size_t(1));
        auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", r.sopInstanceUid}});
        QCOMPARE(located.size(), std::size_t(1));
        QCOMPARE(a->read(located[0]), bytes);
        QCOMPARE(located[0].transferSyntaxUid, std::string("1.2.840.10008.1.2.1"));
    }

    void duplicatesAreNoOps() {
        auto a = archive::Archive::openInMemory();
        const std::string bytes = test::makeObject(object(1, 1, 1));
        QCOMPARE(a->store(bytes, {}).status, StoreStatus::Stored);
        QCOMPARE(a->store(bytes, {}).status, StoreStatus::Duplicate);
        // The same data set under another file meta header (another sender's
        // Source Application Entity Title) is the same object.
        std::string rewritten = bytes;
        const std::size_t ae = rewritten.find("LIGHTBOX");
        QVERIFY(ae != std::string::npos && ae < core::part10DataSetOffset(bytes));
        rewritten.replace(ae, 8, "OTHER_AE");
        QCOMPARE(a->store(rewritten, {}).status, StoreStatus::Duplicate);
        QCOMPARE(countInstances(*a), std::size_t(1));
        QCOMPARE(a->conflicts().size(), std::size_t(0));
    }

    void conflictsAreKeptAside() {
        QTemporaryDir dir;
        auto a = archive::Archive::open(dir.path().toStdString());
        test::ObjectSpec spec = object(1, 1, 1);
        const std::string original = test::makeObject(spec);
        QCOMPARE(a->store(original, {"first", {}}).status, StoreStatus::Stored);
        spec.comment = "changed content, same SOP Instance UID";
        const std::string other = test::makeObject(spec);
        archive::StoreResult r = a->store(other, {"second", {}});
        QCOMPARE(r.status, StoreStatus::Conflict);
        QVERIFY(!r.reason.empty());
        QVERIFY(r.path.string().find("/conflicts/") != std::string::npos);
        QCOMPARE(test::readBytes(QString::fromStdString(r.path.string())), other);
        // The archived object is untouched.
        auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", spec.sopUid}});
        QCOMPARE(located.size(), std::size_t(1));
        QCOMPARE(a->read(located[0]), original);
        auto conflicts = a->conflicts();
        QCOMPARE(conflicts.size(), std::size_t(1));
        QCOMPARE(conflicts[0].sopInstanceUid, spec.sopUid);
        QCOMPARE(conflicts[0].source, std::string("second"));
        // The same conflicting object again: still a conflict, not kept twice.
        QCOMPARE(a->store(other, {}).status, StoreStatus::Conflict);
        QCOMPARE(a->conflicts().size(), std::size_t(1));
        QCOMPARE(countInstances(*a), std::size_t(1));
        QVERIFY(a->verify().ok());
    }

    // A person decides a conflict: keep the archived version (the received one
    // is discarded), or keep the received one (it becomes the archived object,
    // index rows follow its attributes, and the old version is kept aside).
    void conflictsAreResolved() {
        QTemporaryDir dir;
        auto a = archive::Archive::open(dir.path().toStdString());
        test::ObjectSpec first = object(1, 1, 1), neighbour = object(1, 1, 2);
        const std::string original = test::makeObject(first);
        QCOMPARE(a->store(original, {"first", {}}).status, StoreStatus::Stored);
        QCOMPARE(a->store(test::makeObject(neighbour), {"first", {}}).status, StoreStatus::Stored);
        test::ObjectSpec moved = first;  // same SOP Instance UID, filed in another study of another patient
        moved.patientId = "P2";
        moved.studyUid = "1.2.3.9";
        moved.seriesUid = "1.2.3.9.1";
        moved.modality = "MR";
        const std::string received = test::makeObject(moved);
        const archive::StoreResult kept = a->store(received, {"second", {}});
        QCOMPARE(kept.status, StoreStatus::Conflict);
        QVERIFY_THROWS_EXCEPTION(core::Error, a->resolveConflict(12345, archive::ConflictResolution::KeepArchived));

        a->resolveConflict(a->conflicts().at(0).id, archive::ConflictResolution::KeepReceived);
        auto located = a->locate(archive::Level::Instance, {{"SOPInstanceUID", first.sopUid}});
        QCOMPARE(located.size(), std::size_t(1));
        QCOMPARE(a->read(located[0]), received);
        QCOMPARE(located[0].studyInstanceUid, moved.studyUid);
        QCOMPARE(located[0].patientId, std::string("P2"));
        archive::ArchiveStatistics s = a->statistics();
        QCOMPARE(s.instances, std::uint64_t(2));
        QCOMPARE(s.patients, std::uint64_t(2));
        QCOMPARE(s.studies, std::uint64_t(2));
        QCOMPARE(s.conflicts, std::uint64_t(1));  // the formerly archived version, kept aside
        auto aside = a->conflicts();
        QCOMPARE(test::readBytes(QString::fromStdString(aside.at(0).path.string())), original);
        QVERIFY(!std::filesystem::exists(kept.path));
        QVERIFY(a->verify().ok());

        // And back: discard the old version for good.
        a->resolveConflict(aside.at(0).id, archive::ConflictResolution::KeepArchived);
        QCOMPARE(a->conflicts().size(), std::size_t(0));
        QVERIFY(!std::filesystem::exists(aside.at(0).path));
        QCOMPARE(a->statistics().instances, std::uint64_t(2));
        QVERIFY(a->verify().ok());
        a.reset();
        a = archive::Archive::open(dir.path().toStdString());  // the journal left nothing to replay wrongly
        QVERIFY(a->verify().ok());
        QCOMPARE(a->statistics().instances, std::uint64_t(2));
    }

    void rejectsWithReasons() {
        auto a = archive::Archive::openInMemory();
        archive::StoreResult r = a->store(std::string(400, 'x'), {"garbage", {}});
        QCOMPARE(r.status, StoreStatus::Rejected);
        QVERIFY2(r.reason.find("not a DICOM") != std::string::npos, r.reason.c_str());
        QCOMPARE(a->store("", {}).status, StoreStatus::Rejected);

        test::ObjectSpec noSop = object(1, 1, 1);
        noSop.sopUid = "";
        r = a->store(test::makeObject(noSop), {});
        QCOMPARE(r.status, StoreStatus::Rejected);
        QVERIFY2(r.reason.find("SOP Instance UID") != std::string::npos, r.reason.c_str());

        test::ObjectSpec noStudy = object(1, 1, 1);
        noStudy.studyUid = "";
        r = a->store(test::makeObject(noStudy), {});
        QCOMPARE(r.status, StoreStatus::Rejected);
        QVERIFY2(r.reason.find("Study Instance UID") != std::string::npos, r.reason.c_str());

        // Truncated inside the pixel value: a full parse would pad it silently.
        std::string truncated = test::makeObject(object(2, 1, 1));
        truncated.resize(truncated.size() - 6);
        r = a->store(truncated, {"truncated", {}});
        QCOMPARE(r.status, StoreStatus::Rejected);
        QVERIFY2(r.reason.find("truncated") != std::string::npos, r.reason.c_str());
        // Cut in the middle of the header.
        r = a->store(test::makeObject(object(3, 1, 1)).substr(0, 200), {});
        QCOMPARE(r.status, StoreStatus::Rejected);
        QCOMPARE(countInstances(*a), std::size_t(0));
    }

    void rejectsSharedMalformedFiles() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        auto a = archive::Archive::openInMemory();
        for (const char* f : {"pydicom/src/pydicom/data/test_files/MR_truncated.dcm",
                              "pydicom/src/pydicom/data/test_files/rtplan_truncated.dcm",
                              "pydicom-data/data_store/data/emri_small_jpeg_2k_lossless_too_short.dcm",
                              "pydicom/src/pydicom/data/test_files/dicomdirtests/DICOMDIR"}) {
            const std::string bytes = test::readBytes(test::sharedFile(f));
            QVERIFY2(!bytes.empty(), f);
            archive::StoreResult r = a->store(bytes, {f, {}});
            QVERIFY2(r.status == StoreStatus::Rejected, f);
            QVERIFY2(!r.reason.empty(), f);
        }
        QCOMPARE(countInstances(*a), std::size_t(0));
    }

    void concurrentStoresShareCommits() {
        QTemporaryDir dir;
        auto a = archive::Archive::open(dir.path().toStdString());
        constexpr int kThreads = 8, kPerThread = 40;
        std::vector<std::string> objects;
        for (int t = 0; t < kThreads; ++t)
            for (int i = 0; i < kPerThread; ++i) objects.push_back(test::makeObject(object(t, i % 4, i)));
        std::atomic<int> stored{0}, duplicates{0}, other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    // Every thread also re-sends a neighbour's object: a duplicate or a race for it.
                    for (const std::string* bytes : {&objects[std::size_t(t * kPerThread + i)],
                                                     &objects[std::size_t(((t + 1) % kThreads) * kPerThread + i)]}) {
                        switch (a->store(*bytes, {"thread", {}}).status) {
                            case StoreStatus::Stored: ++stored; break;
                            case StoreStatus::Duplicate: ++duplicates; break;
                            default: ++other; break;
                        }
                    }
                }
            });
        for (auto& t : threads) t.join();
        QCOMPARE(stored.load(), kThreads * kPerThread);
        QCOMPARE(duplicates.load(), kThreads * kPerThread);
        QCOMPARE(other.load(), 0);
        QCOMPARE(countInstances(*a), std::size_t(kThreads * kPerThread));
        QCOMPARE(a->statistics().studies, std::uint64_t(kThreads));
        QVERIFY(a->verify().ok());
    }

    void nonAsciiNamesAndIssuer() {
        auto a = archive::Archive::openInMemory();
        test::ObjectSpec s = object(5, 1, 1);
        s.characterSet = "ISO_IR 192";
        s.patientName = "Müller^Zoë";
        s.issuer = "HOSPITAL-A";
        QCOMPARE(a->store(test::makeObject(s), {}).status, StoreStatus::Stored);
        archive::Query q;
        q.level = archive::Level::Patient;
        q.match = {{"PatientName", "MÜLLER*"}, {"IssuerOfPatientID", ""}};
        auto rows = a->query(q);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0]["PatientName"], std::string("Müller^Zoë"));
        QCOMPARE(rows[0]["IssuerOfPatientID"], std::string("HOSPITAL-A"));
    }
};

QTEST_GUILESS_MAIN(TestArchiveStore)
#include "tst_archive_store.moc"
