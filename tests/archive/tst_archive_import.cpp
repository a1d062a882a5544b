// Import of folders, zip archives, DICOMDIR media and the shared real files:
// the right counts, duplicates on a second run, rejected files listed with a
// reason, the source untouched, progress and cancel; and the command line
// (`lightbox-cli archive import` / `query --json`) on the same data.

#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/Sha256.h"
#include "lightbox/core/Dicomdir.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace lightbox;

namespace {

struct Truth {
    std::size_t patients = 0, studies = 0, series = 0, instances = 0;
    std::map<std::string, std::size_t> instancesPerStudy;
};

Truth readTruth(const QString& folder) {
    Truth t;
    const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(test::readBytes(folder + "/truth.json"))).object();
    for (const QJsonValue& p : root["patients"].toArray()) {
        ++t.patients;
        for (const QJsonValue& s : p.toObject()["studies"].toArray()) {
            ++t.studies;
            for (const QJsonValue& se : s.toObject()["series"].toArray()) {
                ++t.series;
                const auto images = std::size_t(se.toObject()["images"].toInt());
                t.instances += images;
                t.instancesPerStudy[s.toObject()["studyInstanceUid"].toString().toStdString()] += images;
            }
        }
    }
    return t;
}

// Checksum and modification time of every file under a folder.
std::map<QString, std::pair<std::string, QDateTime>> fingerprint(const QString& folder) {
    std::map<QString, std::pair<std::string, QDateTime>> out;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        out[f] = {archive::toHex(archive::Sha256::of(test::readBytes(f))), QFileInfo(f).lastModified()};
    }
    return out;
}

}  // namespace

class TestArchiveImport : public QObject {
    Q_OBJECT
    QTemporaryDir synth;
    Truth truth;

private slots:
    void initTestCase() {
        QVERIFY(synth.isValid());
        QVERIFY(test::synthesize(synth.path(), 6));
        truth = readTruth(synth.path());
        QCOMPARE(truth.patients, std::size_t(6));
        QVERIFY(truth.instances > 50);
    }

    void importsSyntheticPatients() {
        QTemporaryDir dir;
        const auto before = fingerprint(synth.path());
        auto a = archive::Archive::open(dir.path().toStdString());
        std::size_t calls = 0, lastDone = 0;
        archive::ImportOptions options;
        options.progress = [&](const archive::ImportProgress& p) {
            ++calls;
            lastDone = p.done;
            QVERIFY(p.result && p.done <= p.total);
        };
        archive::ImportSummary s = a->importPaths({synth.path().toStdString()}, options);
        QCOMPARE(s.imported, truth.instances);
        QCOMPARE(s.found, truth.instances + 1);  // + truth.json
        QCOMPARE(s.rejected.size(), std::size_t(1));
        QVERIFY(s.rejected[0].source.find("truth.json") != std::string::npos);
        QVERIFY(s.rejected[0].reason.find("not a DICOM file") != std::string::npos);
        QCOMPARE(s.duplicates, std::size_t(0));
        QVERIFY(s.conflicts.empty());
        QVERIFY(!s.cancelled);
        QCOMPARE(calls, s.found);
        QCOMPARE(lastDone, s.found);
        const archive::ArchiveStatistics st = a->statistics();
        QCOMPARE(std::size_t(st.patients), truth.patients);
        QCOMPARE(std::size_t(st.studies), truth.studies);
        QCOMPARE(std::size_t(st.series), truth.series);
        QCOMPARE(std::size_t(st.instances), truth.instances);
        archive::Query q;
        q.returnKeys = {"NumberOfStudyRelatedInstances"};
        for (const auto& row : a->query(q))
            QCOMPARE(std::stoul(row.at("NumberOfStudyRelatedInstances")), truth.instancesPerStudy.at(row.at("StudyInstanceUID")));
        // Again: all duplicates, nothing new.
        s = a->importPaths({synth.path().toStdString()});
        QCOMPARE(s.imported, std::size_t(0));
        QCOMPARE(s.duplicates, truth.instances);
        QCOMPARE(std::size_t(a->statistics().instances), truth.instances);
        // The source is only read.
        QVERIFY(before == fingerprint(synth.path()));
        QVERIFY(a->verify().ok());
    }

    void importsZipArchives() {
        if (!test::haveProgram("zip")) QSKIP("the zip program is not installed");
        QTemporaryDir dir;
        const QString zipPath = dir.filePath("mr.zip");
        test::ProcessResult r = test::run("sh", {"-c", "cd '" + synth.path() + "' && zip -q -r '" + zipPath + "' LBX-MR-002"});
        QCOMPARE(r.exitCode, 0);
        const std::string zipBefore = test::readBytes(zipPath);
        auto a = archive::Archive::openInMemory();
        archive::ImportSummary s = a->importPaths({zipPath.toStdString()});
        std::size_t mr = 0;
        QDirIterator it(synth.path() + "/LBX-MR-002", QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++mr;
        }
        QCOMPARE(s.imported, mr);
        QVERIFY(s.rejected.empty());
        QCOMPARE(test::readBytes(zipPath), zipBefore);
        // Not a zip inside: a clear rejection.
        QVERIFY(test::writeBytes(dir.filePath("broken.zip"), "PK\x03\x04 this is not really a zip"));
        s = a->importPaths({dir.filePath("broken.zip").toStdString()});
        QCOMPARE(s.imported, std::size_t(0));
        QCOMPARE(s.rejected.size(), std::size_t(1));
    }

    void importsDicomdirMedia() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        const QString dicomdir = test::sharedFile("pydicom/src/pydicom/data/test_files/dicomdirtests/DICOMDIR");
        const core::Dicomdir media = core::readDicomdir(dicomdir.toStdString());
        QVERIFY(!media.referencedFiles.empty());
        auto a = archive::Archive::openInMemory();
        archive::ImportSummary s = a->importPaths({dicomdir.toStdString()});
        QCOMPARE(s.found, media.referencedFiles.size());
        QCOMPARE(s.imported + s.duplicates, media.referencedFiles.size());
        QCOMPARE(std::size_t(a->statistics().instances), s.imported);
    }

    void importsSharedDataWithReasons() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        QTemporaryDir dir;
        auto a = archive::Archive::open(dir.path().toStdString());
        archive::ImportSummary s = a->importPaths({test::sharedDataDir().toStdString()});
        QVERIFY(s.imported > 300);
        QVERIFY(s.mediaDirectories > 0);  // DICOMDIRs and Philips DIRFILEs are indexes, not objects
        auto reasonFor = [&](const char* name) -> std::string {
            for (const auto& r : s.rejected)
                if (r.source.find(name) != std::string::npos) return r.reason;
            return {};
        };
        QVERIFY2(reasonFor("MR_truncated.dcm").find("truncated") != std::string::npos, reasonFor("MR_truncated.dcm").c_str());
        QVERIFY(!reasonFor("rtplan_truncated.dcm").empty());
        QVERIFY(!reasonFor("no_meta.dcm").empty());
        for (const auto& r : s.rejected) QVERIFY2(!r.reason.empty(), r.source.c_str());
        // Objects sharing a SOP Instance UID in several encodings are conflicts, not overwrites.
        for (const auto& c : s.conflicts) QVERIFY(c.reason.find("different content") != std::string::npos);
        QCOMPARE(std::size_t(a->statistics().instances), s.imported);
        QCOMPARE(s.imported + s.duplicates + s.conflicts.size() + s.rejected.size() + s.mediaDirectories >= s.found, true);
        QVERIFY(a->verify().ok());
    }

    void cancelStops() {
        auto a = archive::Archive::openInMemory();
        std::atomic<bool> cancel{false};
        archive::ImportOptions options;
        options.threads = 1;
        options.cancel = &cancel;
        options.progress = [&](const archive::ImportProgress& p) {
            if (p.done == 5) cancel = true;
        };
        archive::ImportSummary s = a->importPaths({synth.path().toStdString()}, options);
        QVERIFY(s.cancelled);
        QVERIFY(s.imported <= 5);
        s = a->importPaths({"/nonexistent/folder"});
        QCOMPARE(s.rejected.size(), std::size_t(1));
        QVERIFY(s.rejected[0].reason.find("no such file") != std::string::npos);
    }

    void commandLine() {
        QTemporaryDir dir;
        const QString root = dir.filePath("archive");
        test::ProcessResult r = test::runCli({"archive", "--root", root, "import", synth.path(), "--json"}, 120000);
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(std::size_t(lines.size()), truth.instances + 2);  // one per object, truth.json, the summary
        const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object()["summary"].toObject();
        QCOMPARE(std::size_t(summary["imported"].toInt()), truth.instances);

        r = test::runCli({"archive", "--root", root, "query", "--level", "study", "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(std::size_t(r.out.trimmed().split('\n').size()), truth.studies);
        for (const QByteArray& line : r.out.trimmed().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY(o["StudyInstanceUID"].isString() && o["PatientID"].isString() && o["StudyDate"].isString());
            QVERIFY(o["NumberOfStudyRelatedInstances"].isString() && o["ModalitiesInStudy"].isString());
        }
        r = test::runCli({"archive", "--root", root, "query", "--patient-name", "phantom*", "--json"});
        QCOMPARE(r.out.trimmed().split('\n').size(), 3);  // current, prior and head CT
        r = test::runCli({"archive", "--root", root, "query", "--modality", "MR", "--study-date", "20260101-", "--json"});
        QCOMPARE(r.exitCode, 0);
        for (const QByteArray& line : r.out.trimmed().split('\n'))
            QVERIFY(QJsonDocument::fromJson(line).object()["ModalitiesInStudy"].toString().contains("MR"));
        r = test::runCli({"archive", "--root", root, "query", "--level", "image", "--patient-id", "LBX-DX-004", "--json"});
        QCOMPARE(r.out.trimmed().split('\n').size(), 1);
        QVERIFY(QJsonDocument::fromJson(r.out.trimmed()).object()["SOPInstanceUID"].isString());
        r = test::runCli({"archive", "--root", root, "query", "--level", "galaxy"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        r = test::runCli({"archive", "import", synth.path()});
        QCOMPARE(r.exitCode, 2);  // no --root
    }
};

QTEST_GUILESS_MAIN(TestArchiveImport)
#include "tst_archive_import.moc"
