// The archive as a DICOM node, against real peers: DCMTK's echoscu,
// storescu, findscu, movescu (to a storescp) and getscu, a hand-made SCU that
// sends a broken data set, a SIGKILL in the middle of an ingest, and Orthanc
// querying, pulling from and pushing to it (checked through Orthanc's REST API).

#include "OrthancPeer.h"
#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <set>

using namespace lightbox;

namespace {

const QString kAet = "LIGHTBOX";

// Everything after the file meta group: what "identical data set" means.
QByteArray dataSetBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QByteArray all = f.readAll();
    if (all.size() < 144 || all.mid(128, 4) != "DICM") return all;
    // (0002,0000) UL group length right after the prefix.
    const auto* p = reinterpret_cast<const unsigned char*>(all.constData()) + 140;
    const quint32 groupLength = quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
    return all.mid(144 + qsizetype(groupLength));
}

QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> rows;
    for (const QByteArray& line : out.split('\n'))
        if (!line.trimmed().isEmpty()) rows << QJsonDocument::fromJson(line).object();
    return rows;
}

}  // namespace

class TestArchiveNode : public QObject {
    Q_OBJECT
    QTemporaryDir work;
    QString synth;        // synthetic patients (20-slice CTs)
    QString root;         // the archive
    quint16 port = 0;
    quint16 destinationPort = 0;
    quint16 orthancDicomPort = 0;
    std::unique_ptr<test::BackgroundProcess> node;
    QString destinationDir;
    std::unique_ptr<test::BackgroundProcess> destination;  // storescp DEST, held from the start

    QStringList peersFile() {
        const QString path = work.filePath("peers.txt");
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(QString("# known peers\nDEST 127.0.0.1 %1\nSTORESCU 127.0.0.1 1\nFINDSCU 127.0.0.1 1\nMOVESCU 127.0.0.1 1\n"
                        "GETSCU 127.0.0.1 1\nECHOSCU 127.0.0.1 1\nTESTSCU 127.0.0.1 1\nORTHANC 127.0.0.1 %2\n")
                    .arg(destinationPort)
                    .arg(orthancDicomPort)
                    .toUtf8());
        return {"--peers", path};
    }

    void startNode() {
        node = std::make_unique<test::BackgroundProcess>(
            QString(LIGHTBOX_CLI), QStringList{"archive", "--root", root, "serve", "--aet", kAet, "--port", QString::number(port)} + peersFile());
        QVERIFY2(test::waitForPort(port), node->output().constData());
    }

    test::ProcessResult query(const QStringList& args) {
        return test::runCli(QStringList{"archive", "--root", root, "query"} + args + QStringList{"--json"});
    }

private slots:
    void initTestCase() {
        for (const char* tool : {"echoscu", "storescu", "findscu", "movescu", "getscu", "storescp"})
            if (!test::haveProgram(tool)) QSKIP(qPrintable(QString("%1 not installed (scripts/install-deps.sh)").arg(tool)));
        synth = work.filePath("synth");
        test::ProcessResult r = test::runCli({"synth", "--out", synth, "--slices", "20"}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        root = work.filePath("archive");
        port = test::freeTcpPort();
        destinationPort = test::freeTcpPort();
        orthancDicomPort = test::freeTcpPort();
        // The C-MOVE destination listens from the start, so no other process can take its port.
        destinationDir = work.filePath("moved");
        QDir().mkpath(destinationDir);
        destination = std::make_unique<test::BackgroundProcess>(
            "storescp", QStringList{"-aet", "DEST", "+B", "-od", destinationDir, QString::number(destinationPort)});
        QVERIFY(test::waitForPort(destinationPort));
        startNode();
    }

    void cleanupTestCase() {
        if (node) QCOMPARE(node->terminate(), 0);  // SIGTERM: finishes and exits 0
    }

    void echo() {
        QCOMPARE(test::run("echoscu", {"-aet", "ECHOSCU", "-aec", kAet, "127.0.0.1", QString::number(port)}).exitCode, 0);
        // A called AE title that is not ours is rejected.
        QVERIFY(test::run("echoscu", {"-aet", "ECHOSCU", "-aec", "SOMEONE", "127.0.0.1", QString::number(port)}).exitCode != 0);
        // An unknown calling AE title is rejected when a peers file is given.
        QVERIFY(test::run("echoscu", {"-aet", "STRANGER", "-aec", kAet, "127.0.0.1", QString::number(port)}).exitCode != 0);
    }

    void storeSyntheticPatients() {
        const QStringList files = test::dicomFilesUnder(synth);
        QVERIFY(files.size() > 100);
        test::ProcessResult r = test::run("storescu", QStringList{"-aet", "STORESCU", "-aec", kAet, "+sd", "+r", "-nh",
                                                                  "127.0.0.1", QString::number(port), synth}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        test::ProcessResult images = query({"--level", "image"});
        QCOMPARE(images.exitCode, 0);
        std::set<QString> stored;
        for (const QJsonObject& o : jsonLines(images.out)) stored.insert(o["SOPInstanceUID"].toString());
        for (const QString& f : files) QVERIFY2(stored.count(test::sopInstanceUid(f)), qPrintable("not stored: " + f));
    }

    void storeEveryStorableSharedFile() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        // storescu itself refuses files it cannot parse; everything it sends
        // successfully must then be in the archive.
        test::ProcessResult r = test::run("storescu", QStringList{"-v", "-aet", "STORESCU", "-aec", kAet, "+sd", "+r", "-nh",
                                                                  "127.0.0.1", QString::number(port), test::sharedDataDir()}, 600000);
        const QString log = QString::fromUtf8(r.err + r.out);
        static const QRegularExpression sending("Sending file: (.+)\\n");
        QStringList sent;
        QString current;
        for (const QString& line : log.split('\n')) {
            if (line.startsWith("I: Sending file: ")) current = line.mid(17).trimmed();
            if (line.contains("Received Store Response (Success)") && !current.isEmpty()) sent << current;
        }
        QVERIFY2(sent.size() > 200, qPrintable(QString("only %1 files sent").arg(sent.size())));
        test::ProcessResult images = query({"--level", "image"});
        std::set<QString> stored;
        for (const QJsonObject& o : jsonLines(images.out)) stored.insert(o["SOPInstanceUID"].toString());
        for (const QString& f : sent) {
            const QString uid = test::sopInstanceUid(f);
            if (!uid.isEmpty()) QVERIFY2(stored.count(uid), qPrintable("acknowledged but not found: " + f));
        }
    }

    void findAtEveryLevel() {
        QTemporaryDir out;
        // Study level, Study Root: the chest CT patient has 3 studies.
        test::ProcessResult r = test::run("findscu", {"-aet", "FINDSCU", "-aec", kAet, "-S", "-X", "-od", out.path(),
                                                      "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=LBX-CT-001",
                                                      "-k", "StudyInstanceUID", "-k", "StudyDate", "-k", "ModalitiesInStudy",
                                                      "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        QStringList responses = QDir(out.path()).entryList({"rsp*.dcm"});
        QCOMPARE(responses.size(), 3);
        for (const QString& name : responses) {
            core::DicomFile f = core::DicomFile::open(out.filePath(name).toStdString());
            QCOMPARE(QString::fromStdString(f.stringOr(core::tags::Modality, "CT")), QString("CT"));
            QVERIFY(f.hasValue(core::tags::StudyInstanceUID));
            QVERIFY(f.integer(core::Tag(0x0020, 0x1208)).value_or(0) > 0);  // NumberOfStudyRelatedInstances
        }
        // Patient level, Patient Root, wildcard and case-insensitive name.
        QTemporaryDir out2;
        r = test::run("findscu", {"-aet", "FINDSCU", "-aec", kAet, "-P", "-X", "-od", out2.path(), "-k",
                                  "QueryRetrieveLevel=PATIENT", "-k", "PatientName=phantom*", "-k", "PatientID",
                                  "127.0.0.1", QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QDir(out2.path()).entryList({"rsp*.dcm"}).size(), 1);
        // Series and image level under one study.
        const QJsonObject study = jsonLines(query({"--level", "study", "--patient-id", "LBX-CT-001", "--study-date", "20261120"}).out).value(0);
        const QString studyUid = study["StudyInstanceUID"].toString();
        QVERIFY(!studyUid.isEmpty());
        QTemporaryDir out3;
        r = test::run("findscu", {"-aet", "FINDSCU", "-aec", kAet, "-S", "-X", "-od", out3.path(), "-k", "QueryRetrieveLevel=IMAGE",
                                  "-k", "StudyInstanceUID=" + studyUid, "-k", "SeriesInstanceUID", "-k", "SOPInstanceUID",
                                  "127.0.0.1", QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QDir(out3.path()).entryList({"rsp*.dcm"}).size(), 20);
    }

    // Combined date-time range matching is agreed by SOP Class Extended
    // Negotiation (findscu cannot ask for it; the test SCU does). From
    // 4 July 22:00 to 2 October 09:00 there are three synthetic studies; the
    // same keys matched separately (a time >= 22:00 and <= 09:00) find none.
    void combinedDateTimeByExtendedNegotiation() {
        const QStringList keys = {"127.0.0.1", QString::number(port), kAet, "20260704-20261002", "2200-0900"};
        test::ProcessResult combined = test::run(LIGHTBOX_TEST_SCU, QStringList{"find-combined"} + keys);
        QVERIFY2(combined.exitCode == 0, combined.err.constData());
        QStringList lines = QString::fromUtf8(combined.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QString("agreed: yes"));
        QStringList found = lines.mid(1);
        found.sort();
        QStringList expected;
        for (const QJsonObject& o : jsonLines(query({"--level", "study", "--study-date", "20260704-20261002", "--study-time",
                                                     "2200-0900", "--combined-datetime"}).out))
            expected << o["StudyInstanceUID"].toString();
        expected.sort();
        QCOMPARE(found.size(), 3);
        QCOMPARE(found, expected);

        test::ProcessResult plain = test::run(LIGHTBOX_TEST_SCU, QStringList{"find-plain"} + keys);
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        lines = QString::fromUtf8(plain.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QString("agreed: no"));
        QCOMPARE(lines.size(), 1);  // no study matches both conditions separately
    }

    void moveToStorescpIsIdentical() {
        QDir received(destinationDir);
        const QJsonObject study = jsonLines(query({"--level", "study", "--patient-id", "LBX-CT-001", "--study-date", "20251118"}).out).value(0);
        test::ProcessResult r = test::run("movescu", {"-aet", "MOVESCU", "-aec", kAet, "-aem", "DEST", "-S", "-k",
                                                      "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study["StudyInstanceUID"].toString(),
                                                      "127.0.0.1", QString::number(port)}, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList got = QDir(received.path()).entryList(QDir::Files);
        QCOMPARE(got.size(), 20);
        // Each received data set equals the synthesised original's, byte for byte.
        std::map<QString, QString> originals;
        for (const QString& f : test::dicomFilesUnder(synth)) originals[test::sopInstanceUid(f)] = f;
        for (const QString& name : got) {
            const QString path = received.filePath(name);
            const QString uid = test::sopInstanceUid(path);
            QVERIFY(originals.count(uid));
            QVERIFY2(dataSetBytes(path) == dataSetBytes(originals[uid]), qPrintable("data set differs: " + name));
        }
        // An unknown destination is refused with A801.
        r = test::run("movescu", {"-aet", "MOVESCU", "-aec", kAet, "-aem", "NOWHERE", "-S", "-k", "QueryRetrieveLevel=STUDY",
                                  "-k", "StudyInstanceUID=" + study["StudyInstanceUID"].toString(), "127.0.0.1", QString::number(port)});
        QVERIFY(QString::fromUtf8(r.err + r.out).contains("a801", Qt::CaseInsensitive) || r.exitCode != 0);
    }

    // A broken data set gets a failure status; the node stays up and an
    // association running at the same time is not affected.
    void brokenDataSetsAreRefused() {
        test::BackgroundProcess parallel("storescu", {"-aet", "STORESCU", "-aec", kAet, "+sd", "+r", "127.0.0.1",
                                                      QString::number(port), synth + "/LBX-MR-002"});
        test::ProcessResult garbage = test::run(LIGHTBOX_TEST_SCU, {"garbage", "127.0.0.1", QString::number(port), kAet});
        QCOMPARE(garbage.exitCode, 0);
        QVERIFY2(garbage.out.startsWith("0xC") || garbage.out.startsWith("0xA"), garbage.out.constData());
        const QString ct = test::dicomFilesUnder(synth + "/LBX-CT-001").value(0);
        test::ProcessResult truncated = test::run(LIGHTBOX_TEST_SCU, {"truncated", "127.0.0.1", QString::number(port), kAet, ct});
        QCOMPARE(truncated.exitCode, 0);
        QVERIFY2(truncated.out.startsWith("0xC") || truncated.out.startsWith("0xA"), truncated.out.constData());
        QCOMPARE(parallel.wait(120000), 0);
        QCOMPARE(test::run("echoscu", {"-aet", "ECHOSCU", "-aec", kAet, "127.0.0.1", QString::number(port)}).exitCode, 0);
        // The truncated copy did not replace the good instance.
        QTemporaryDir received;
        const QString uid = test::sopInstanceUid(ct);
        test::ProcessResult r = test::run("getscu", {"-aet", "GETSCU", "-aec", kAet, "+B", "-S", "-od", received.path(), "-k",
                                                     "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" +
                                                         QString::fromStdString(core::DicomFile::open(ct.toStdString()).stringOr(core::tags::StudyInstanceUID, "")),
                                                     "-k", "SeriesInstanceUID=" +
                                                         QString::fromStdString(core::DicomFile::open(ct.toStdString()).stringOr(core::tags::SeriesInstanceUID, "")),
                                                     "-k", "SOPInstanceUID=" + uid, "127.0.0.1", QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        const QStringList got = QDir(received.path()).entryList(QDir::Files);
        QCOMPARE(got.size(), 1);
        QVERIFY(dataSetBytes(received.filePath(got.front())) == dataSetBytes(ct));
    }

    // An association aborted in the middle of a data set: nothing of it is
    // stored (the data set is received into memory and handed on only when
    // whole), no spool file is left, and the node keeps serving.
    void abortedDataSetLeavesNothing() {
        const QString ct = test::dicomFilesUnder(synth + "/LBX-CT-001").value(0);
        test::ProcessResult aborted = test::run(LIGHTBOX_TEST_SCU, {"abort", "127.0.0.1", QString::number(port), kAet, ct});
        QCOMPARE(aborted.exitCode, 0);
        QVERIFY2(aborted.out.startsWith("aborted"), aborted.out.constData());
        QCOMPARE(test::run("echoscu", {"-aet", "ECHOSCU", "-aec", kAet, "127.0.0.1", QString::number(port)}).exitCode, 0);
        const core::DicomFile original = core::DicomFile::open(ct.toStdString());
        QTemporaryDir received;
        test::ProcessResult r = test::run(
            "getscu", {"-aet", "GETSCU", "-aec", kAet, "+B", "-S", "-od", received.path(), "-k", "QueryRetrieveLevel=IMAGE",
                       "-k", "StudyInstanceUID=" + QString::fromStdString(original.stringOr(core::tags::StudyInstanceUID, "")),
                       "-k", "SeriesInstanceUID=" + QString::fromStdString(original.stringOr(core::tags::SeriesInstanceUID, "")),
                       "-k", "SOPInstanceUID=1.2.826.0.1.3680043.2.1125.1.997", "127.0.0.1", QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QDir(received.path()).entryList(QDir::Files).size(), 0);
        QVERIFY2(QDir(root + "/incoming/network").entryList(QDir::Files).isEmpty(),
                 qPrintable(QDir(root + "/incoming/network").entryList(QDir::Files).join(", ")));
    }

    // Orthanc (configured with the archive as a modality) queries it, pulls
    // from it and pushes to it; every result is read back through its REST API.
    void orthancQueriesPullsAndPushes() {
        if (!test::haveProgram("Orthanc") || !test::haveProgram("curl")) QSKIP("Orthanc or curl not installed (scripts/install-deps.sh)");
        QTemporaryDir dir;
        // Its DICOM port is the one the archive's peers file already names.
        test::OrthancPeer orthanc(dir.filePath("orthanc"),
                                  {{"DicomPort", orthancDicomPort}, {"DicomCheckCalledAet", false}, {"Plugins", QJsonArray()},
                                   {"DicomModalities", QJsonObject{{"lightbox", QJsonArray{kAet, "127.0.0.1", port}}}}});
        QVERIFY2(orthanc.start(), orthanc.output().constData());
        auto rest = [&](const QString& method, const QString& path, const QByteArray& body = {}) {
            return orthanc.rest(method, path, body);
        };
        // C-FIND from Orthanc.
        QJsonObject q = rest("POST", "/modalities/lightbox/query",
                             R"({"Level":"Study","Query":{"PatientID":"LBX-CT-001","StudyDate":""}})").object();
        const QString queryId = q["ID"].toString();
        QVERIFY2(!queryId.isEmpty(), "Orthanc's C-FIND failed");
        const QJsonArray answers = rest("GET", "/queries/" + queryId + "/answers").array();
        QCOMPARE(answers.size(), 3);
        // C-MOVE: Orthanc pulls the three studies into itself.
        const QJsonDocument retrieved = rest("POST", "/queries/" + queryId + "/retrieve",
                                             R"({"TargetAet":"ORTHANC","Synchronous":true})");
        const int expected = int(jsonLines(query({"--level", "image", "--patient-id", "LBX-CT-001"}).out).size());
        QVERIFY(expected >= 40);
        const QJsonObject stats = rest("GET", "/statistics").object();
        QVERIFY2(stats["CountStudies"].toInt() == 3,
                 (QJsonDocument(stats).toJson() + retrieved.toJson() + orthanc.output().right(3000)).constData());
        QCOMPARE(stats["CountInstances"].toInt(), expected);
        // C-STORE from Orthanc: an object the archive has not seen (fresh UIDs).
        QTemporaryDir fresh;
        const QString file = fresh.filePath("new.dcm");
        core::DatasetBuilder b;
        b.text(core::tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
            .text(core::tags::SOPInstanceUID, "UI", core::generateUid())
            .text(core::tags::StudyInstanceUID, "UI", core::generateUid())
            .text(core::tags::SeriesInstanceUID, "UI", core::generateUid())
            .text(core::tags::PatientID, "LO", "ORTHANC-PUSH").text(core::tags::PatientName, "PN", "PUSHED^BY^ORTHANC")
            .text(core::tags::Modality, "CS", "OT")
            .us(core::tags::Rows, 4).us(core::tags::Columns, 4).us(core::tags::SamplesPerPixel, 1)
            .text(core::tags::PhotometricInterpretation, "CS", "MONOCHROME2")
            .us(core::tags::BitsAllocated, 8).us(core::tags::BitsStored, 8).us(core::tags::HighBit, 7).us(core::tags::PixelRepresentation, 0)
            .binary(core::tags::PixelData, "OB", std::vector<std::uint8_t>(16, 7));
        b.write(file.toStdString());
        const QString orthancId = rest("POST", "/instances", "@" + file.toUtf8()).object()["ID"].toString();
        QVERIFY(!orthancId.isEmpty());
        const QJsonObject pushed = rest("POST", "/modalities/lightbox/store",
                                        QString(R"({"Resources":["%1"],"Synchronous":true})").arg(orthancId).toUtf8()).object();
        QCOMPARE(pushed["FailedInstancesCount"].toInt(), 0);
        const QString uid = test::sopInstanceUid(file);
        bool found = false;
        for (const QJsonObject& o : jsonLines(query({"--level", "image"}).out)) found |= o["SOPInstanceUID"].toString() == uid;
        QVERIFY2(found, "the object Orthanc pushed is not in the archive");
    }

    // SIGKILL in the middle of a 1,000-instance ingest: after restart, verify
    // passes and every instance whose C-STORE was acknowledged is there, identical.
    void killedMidIngestLosesNothingAcknowledged() {
        QTemporaryDir dir;
        const QString source = dir.filePath("ct1000");
        QCOMPARE(test::runCli({"synth", "--out", source, "--only", "ct-current", "--slices", "1000", "--matrix", "128"}, 600000).exitCode, 0);
        const QString killRoot = dir.filePath("archive");
        const quint16 killPort = test::freeTcpPort();
        auto server = std::make_unique<test::BackgroundProcess>(
            QString(LIGHTBOX_CLI), QStringList{"archive", "--root", killRoot, "serve", "--aet", kAet, "--port", QString::number(killPort)});
        QVERIFY(test::waitForPort(killPort));
        test::BackgroundProcess sender("storescu", {"-v", "-aet", "STORESCU", "-aec", kAet, "+sd", "+r", "127.0.0.1",
                                                    QString::number(killPort), source});
        auto acknowledged = [&]() {
            QStringList acked;
            QString current;
            for (const QString& line : QString::fromUtf8(sender.output()).split('\n')) {
                if (line.startsWith("I: Sending file: ")) current = line.mid(17).trimmed();
                if (line.contains("Received Store Response (Success)") && !current.isEmpty()) acked << current;
            }
            return acked;
        };
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged().size() >= 300, 300000);
        ::kill(pid_t(server->pid()), SIGKILL);
        sender.wait(60000);
        const QStringList acked = acknowledged();
        QVERIFY(acked.size() >= 300 && acked.size() < 1000);
        server.reset();  // reaps the killed process

        // Restart: the archive opens, verify passes, the acknowledged objects are all there.
        test::ProcessResult verify = test::runCli({"archive", "--root", killRoot, "verify"}, 600000);
        QVERIFY2(verify.exitCode == 0, verify.out + verify.err);
        std::set<QString> stored;
        for (const QJsonObject& o : jsonLines(test::runCli({"archive", "--root", killRoot, "query", "--level", "image", "--json"}).out))
            stored.insert(o["SOPInstanceUID"].toString());
        for (const QString& f : acked) QVERIFY2(stored.count(test::sopInstanceUid(f)), qPrintable("acknowledged, then lost: " + f));
        // ... and identical: export the study and compare data sets.
        const QString studyUid = QString::fromStdString(core::DicomFile::open(acked.front().toStdString()).stringOr(core::tags::StudyInstanceUID, ""));
        const QString exported = dir.filePath("export");
        QCOMPARE(test::runCli({"archive", "--root", killRoot, "export", "--study", studyUid, "--out", exported}, 300000).exitCode, 0);
        std::map<QString, QString> byUid;
        for (const QString& f : test::dicomFilesUnder(exported)) byUid[test::sopInstanceUid(f)] = f;
        for (const QString& f : acked) {
            const QString uid = test::sopInstanceUid(f);
            QVERIFY2(byUid.count(uid) && dataSetBytes(byUid[uid]) == dataSetBytes(f), qPrintable("differs after the crash: " + f));
        }
    }

    void getIsIdentical() {
        QTemporaryDir received;
        const QJsonObject series = jsonLines(query({"--level", "series", "--patient-id", "LBX-MG-005"}).out).value(0);
        QVERIFY(!series.isEmpty());
        test::ProcessResult r = test::run("getscu", {"-aet", "GETSCU", "-aec", kAet, "+B", "-S", "-od", received.path(), "-k",
                                                     "QueryRetrieveLevel=SERIES", "-k", "SeriesInstanceUID=" + series["SeriesInstanceUID"].toString(),
                                                     "127.0.0.1", QString::number(port)}, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList got = QDir(received.path()).entryList(QDir::Files);
        QVERIFY(!got.isEmpty());
        std::map<QString, QString> originals;
        for (const QString& f : test::dicomFilesUnder(synth)) originals[test::sopInstanceUid(f)] = f;
        for (const QString& name : got) {
            const QString uid = test::sopInstanceUid(received.filePath(name));
            QVERIFY(originals.count(uid));
            QVERIFY2(dataSetBytes(received.filePath(name)) == dataSetBytes(originals[uid]), qPrintable("data set differs: " + name));
        }
    }
};

QTEST_GUILESS_MAIN(TestArchiveNode)
#include "tst_archive_node.moc"
