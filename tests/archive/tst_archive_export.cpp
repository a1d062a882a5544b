// Export of a study: as received (byte-identical), and de-identified per the
// PS3.15 Basic Application Level Confidentiality Profile - no patient name or
// ID left, private attributes gone, UIDs remapped consistently, pixel data
// untouched, and dicom3tools' dciodvfy finds no new errors.

#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace lightbox;
namespace tags = core::tags;

namespace {

constexpr core::Tag kFrameOfReferenceUID{0x0020, 0x0052};

std::string pixels(const core::DicomFile& f) {
    auto b = f.bytes(tags::PixelData);
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

}  // namespace

class TestArchiveExport : public QObject {
    Q_OBJECT
    QTemporaryDir synth, dir;
    std::unique_ptr<archive::Archive> a;
    std::string ctStudy;

private slots:
    void initTestCase() {
        QVERIFY(test::synthesize(synth.path(), 5, "ct-current"));
        a = archive::Archive::open(dir.filePath("archive").toStdString());
        QCOMPARE(a->importPaths({synth.path().toStdString()}).imported, std::size_t(5));
        archive::Query q;
        q.match = {{"PatientID", "LBX-CT-001"}};
        ctStudy = a->query(q).at(0).at("StudyInstanceUID");
        // A small object with private attributes and more identifying text.
        test::ObjectSpec s;
        s.patientName = "SECRET^PERSON";
        s.patientId = "SECRET-ID-42";
        s.studyUid = "1.2.826.0.1.3680043.10.543.7";
        s.seriesUid = s.studyUid + ".1";
        s.sopUid = s.seriesUid + ".1";
        s.comment = "seen by Dr Secret";
        s.privateAttributes = true;
        QCOMPARE(a->store(test::makeObject(s), {}).status, archive::StoreStatus::Stored);
    }

    void asReceived() {
        QTemporaryDir out;
        archive::ExportReport r = a->exportStudy(ctStudy, out.path().toStdString(), false);
        QCOMPARE(r.files.size(), std::size_t(5));
        QCOMPARE(r.studyInstanceUid, ctStudy);
        std::set<std::string> originals;
        for (const auto& l : a->locate(archive::Level::Study, {{"StudyInstanceUID", ctStudy}})) originals.insert(a->read(l));
        for (const auto& f : r.files) QVERIFY(originals.count(test::readBytes(QString::fromStdString(f.string()))));
        // Never over files already there.
        QVERIFY_THROWS_EXCEPTION(core::Error, a->exportStudy(ctStudy, out.path().toStdString(), false));
        QVERIFY_THROWS_EXCEPTION(core::Error, a->exportStudy("1.2.3.404", out.filePath("x").toStdString(), false));
    }

    void anonymized() {
        QTemporaryDir out;
        archive::ExportReport r = a->exportStudy(ctStudy, out.path().toStdString(), true);
        QCOMPARE(r.files.size(), std::size_t(5));
        QVERIFY(r.studyInstanceUid != ctStudy);
        std::map<std::string, core::DicomFile> originals;
        for (const auto& l : a->locate(archive::Level::Study, {{"StudyInstanceUID", ctStudy}}))
            originals.emplace(l.sopInstanceUid, core::DicomFile::open(l.path));
        const core::DicomFile& first = originals.begin()->second;
        std::set<std::string> sops, studies, series, frames;
        for (const auto& path : r.files) {
            const std::string bytes = test::readBytes(QString::fromStdString(path.string()));
            for (const char* phi : {"PHANTOM", "LBX-CT-001", "REFERRER", "Synthetic Hospital", "Phantom Road", "SYNTH^OPERATOR"})
                QVERIFY2(bytes.find(phi) == std::string::npos, phi);
            core::DicomFile f = core::DicomFile::open(path);
            QVERIFY(f.stringOr(tags::PatientName, "") != first.stringOr(tags::PatientName, ""));
            QCOMPARE(f.stringOr(tags::PatientID, ""), r.patientId);
            QCOMPARE(f.stringOr(core::Tag(0x0012, 0x0062), ""), std::string("YES"));
            QVERIFY(f.hasValue(core::Tag(0x0012, 0x0063)));
            QVERIFY(!f.has(tags::PatientBirthDate) || !f.hasValue(tags::PatientBirthDate));
            QVERIFY(!f.has(tags::InstitutionName) && !f.has(core::Tag(0x0008, 0x1070)));
            QCOMPARE(f.stringOr(tags::SOPClassUID, ""), first.stringOr(tags::SOPClassUID, ""));
            QCOMPARE(f.transferSyntaxUid(), first.transferSyntaxUid());
            QCOMPARE(f.meta().stringOr(core::Tag(0x0002, 0x0003), ""), f.stringOr(tags::SOPInstanceUID, ""));
            sops.insert(f.stringOr(tags::SOPInstanceUID, ""));
            studies.insert(f.stringOr(tags::StudyInstanceUID, ""));
            series.insert(f.stringOr(tags::SeriesInstanceUID, ""));
            frames.insert(f.stringOr(kFrameOfReferenceUID, ""));
            // Same pixels as one of the originals (matched by instance number).
            bool samePixels = false;
            for (const auto& [uid, o] : originals) {
                QVERIFY(uid != f.stringOr(tags::SOPInstanceUID, ""));
                if (o.integer(tags::InstanceNumber) == f.integer(tags::InstanceNumber)) samePixels = pixels(o) == pixels(f);
            }
            QVERIFY(samePixels);
        }
        // Remapped, and consistently: one study, one series, one frame of reference.
        QCOMPARE(sops.size(), std::size_t(5));
        QCOMPARE(studies, std::set<std::string>{r.studyInstanceUid});
        QCOMPARE(series.size(), std::size_t(1));
        QVERIFY(*series.begin() != first.stringOr(tags::SeriesInstanceUID, ""));
        QCOMPARE(frames.size(), std::size_t(1));
        QVERIFY(*frames.begin() != first.stringOr(kFrameOfReferenceUID, ""));

        if (!test::haveProgram("dciodvfy")) QSKIP("dicom3tools' dciodvfy is not installed");
        for (const auto& path : r.files) {
            const QString file = QString::fromStdString(path.string());
            const qsizetype errors = test::dciodvfyErrors(file).size();
            QVERIFY2(errors <= test::dciodvfyErrors(QString::fromStdString(originals.begin()->second.path().string())).size(),
                     qPrintable(file));
            QCOMPARE(errors, qsizetype(0));
        }
    }

    void privateAttributesAndComments() {
        QTemporaryDir out;
        archive::ExportReport r = a->exportStudy("1.2.826.0.1.3680043.10.543.7", out.path().toStdString(), true);
        QCOMPARE(r.files.size(), std::size_t(1));
        const std::string bytes = test::readBytes(QString::fromStdString(r.files[0].string()));
        for (const char* phi : {"SECRET", "Dr Secret", "TEST HOSPITAL", "REF^DOCTOR", "LIGHTBOX TEST"}) QVERIFY2(bytes.find(phi) == std::string::npos, phi);
        core::DicomFile f = core::DicomFile::open(r.files[0]);
        bool privateLeft = false;
        f.visit([&](const core::Dataset::ElementInfo& e) { privateLeft = privateLeft || e.tag.isPrivate(); });
        QVERIFY(!privateLeft);
        QVERIFY(f.stringOr(tags::StudyInstanceUID, "") != "1.2.826.0.1.3680043.10.543.7");
    }

    void commandLine() {
        QTemporaryDir out;
        a.reset();
        test::ProcessResult r = test::runCli({"archive", "--root", dir.filePath("archive"), "export", "--study",
                                              QString::fromStdString(ctStudy), "--out", out.filePath("anon"), "--anonymize"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Exported 5 file(s)"));
        r = test::runCli({"archive", "--root", dir.filePath("archive"), "export", "--study", "1.2.3.404", "--out", out.filePath("none")});
        QCOMPARE(r.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestArchiveExport)
#include "tst_archive_export.moc"
