// The PACS client against real peers: Orthanc (with its DICOMweb plugin) for
// find, retrieve by C-MOVE / C-GET / WADO-RS, send by C-STORE / STOW-RS,
// relevant priors, a PACS stopped in the middle of a retrieve and DICOM TLS;
// DCMTK's storescp/echoscu with TLS. Everything is checked through Orthanc's
// REST API and the local archive (lightbox-cli archive query / verify).

#include "OrthancPeer.h"
#include "PacsTestKit.h"
#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomWebClient.h"
#include "lightbox/pacsclient/Priors.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

using namespace lightbox;

namespace {

const QString kLocalAet = "LIGHTBOX";

using test::archivedSops;
using test::jsonLines;
using test::runPacs;
using test::MadeStudy;

// A CA, and a server and a client certificate it signed (RSA 2048, SHA-256: BCP 195).
bool makeCertificates(const QString& dir) {
    auto openssl = [&](const QStringList& args) { return test::run("openssl", args, 120000).exitCode == 0; };
    if (!openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/ca.key", "-out", dir + "/ca.crt", "-days", "2",
                  "-subj", "/CN=Lightbox Test CA"}))
        return false;
    for (const QString name : {"server", "client"}) {
        if (!openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/" + name + ".key", "-out", dir + "/" + name + ".csr",
                      "-subj", "/CN=" + name}) ||
            !openssl({"x509", "-req", "-in", dir + "/" + name + ".csr", "-CA", dir + "/ca.crt", "-CAkey", dir + "/ca.key",
                      "-CAcreateserial", "-out", dir + "/" + name + ".crt", "-days", "2"}))
            return false;
    }
    return true;
}

// Runs lightbox-cli (output dropped); its exit code and peak resident memory in KiB.
std::pair<int, long> runCliMeasured(const QStringList& arguments) {
    std::vector<std::string> words{LIGHTBOX_CLI};
    for (const QString& a : arguments) words.push_back(a.toStdString());
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, LIGHTBOX_CLI, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return {-1, 0};
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) != pid) return {-1, 0};
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, usage.ru_maxrss};
}

}  // namespace

class TestPacsClient : public QObject {
    Q_OBJECT
    QTemporaryDir work;
    QString synth;
    quint16 localPort = 0;
    std::unique_ptr<test::OrthancPeer> orthanc;
    QString ctStudy;      // LBX-CT-001's current CT
    int ctInstances = 0;
    QString mrStudy;      // LBX-MR-002: two series
    int mrInstances = 0;
    // The priors patient: current CT chest and four others.
    QString priorsCurrent, priorCtRecent, priorCtOld, priorCrChest, priorMrKnee, otherIssuer;

    QStringList dimse() const {
        return {"--aet", orthanc->aeTitle(), "--host", "127.0.0.1", "--port", QString::number(orthanc->dicomPort()),
                "--local-aet", kLocalAet, "--local-port", QString::number(localPort)};
    }
    QStringList web() const { return {"--url", orthanc->dicomWebUrl()}; }
    QStringList both() const { return dimse() + web(); }

    // Every archived object of `study` is byte-identical (data set) to Orthanc's copy.
    void compareWithOrthanc(const QString& root, const QString& study, int expected) {
        const QStringList files = test::dicomFilesUnder(root + "/store");
        int compared = 0;
        for (const QString& f : files) {
            const QString sop = test::sopInstanceUid(f);
            const QString id = orthanc->instanceId(sop);
            QVERIFY2(!id.isEmpty(), qPrintable(sop + " is not in Orthanc"));
            const QByteArray theirs = test::dataSetBytes(orthanc->restBytes("/instances/" + id + "/file"));
            QVERIFY2(!theirs.isEmpty(), "Orthanc did not return the file");
            QVERIFY2(test::dataSetBytesOfFile(f) == theirs, qPrintable(f + " differs from Orthanc's " + id));
            ++compared;
        }
        QCOMPARE(compared, expected);
        QCOMPARE(archivedSops(root, study).size(), expected);
    }

private slots:
    void initTestCase() {
        if (!test::OrthancPeer::available()) QSKIP("Orthanc, its DICOMweb plugin or curl not installed (scripts/install-deps.sh)");
        synth = work.filePath("synth");
        test::ProcessResult r = test::runCli({"synth", "--out", synth, "--slices", "6", "--matrix", "64"}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        localPort = test::freeTcpPort();
        orthanc = std::make_unique<test::OrthancPeer>(
            work.filePath("orthanc"),
            QJsonObject{{"DicomModalities", QJsonObject{{"lightbox", QJsonArray{kLocalAet, "127.0.0.1", localPort}}}}});
        QVERIFY2(orthanc->start(), orthanc->output().right(3000).constData());

        // The priors patient: five studies of mixed modalities, and one of a
        // namesake from another issuer (same Patient ID) that must not count.
        const QString p = work.filePath("priors");
        priorsCurrent = test::makeStudy(p, {"PRI-1", "HOSP-A", "CT", "CHEST", "20260110", "CT CHEST CURRENT"}).studyUid;
        priorCtRecent = test::makeStudy(p, {"PRI-1", "HOSP-A", "CT", "THORAX", "20230301", "CT THORAX"}).studyUid;
        priorCtOld = test::makeStudy(p, {"PRI-1", "HOSP-A", "CT", "CHEST", "20190505", "CT CHEST OLD"}).studyUid;
        priorCrChest = test::makeStudy(p, {"PRI-1", "HOSP-A", "CR", "CHEST", "20250901", "XR CHEST"}).studyUid;
        priorMrKnee = test::makeStudy(p, {"PRI-1", "HOSP-A", "MR", "KNEE", "20251201", "MR KNEE"}).studyUid;
        otherIssuer = test::makeStudy(p, {"PRI-1", "HOSP-B", "CT", "CHEST", "20251230", "CT CHEST OTHER HOSPITAL"}).studyUid;

        const QStringList files = test::dicomFilesUnder(synth) + test::dicomFilesUnder(p);
        QCOMPARE(orthanc->upload(files), files.size());
        const QJsonArray found = orthanc->rest("POST", "/tools/find", R"({"Level":"Study","Query":{"PatientID":"LBX-CT-001"},"Expand":true})").array();
        QVERIFY(!found.isEmpty());
        for (const QJsonValue& s : found) {
            const QJsonObject study = s.toObject();
            if (study["MainDicomTags"].toObject()["StudyDescription"].toString().contains("CURRENT", Qt::CaseInsensitive) ||
                ctStudy.isEmpty()) {
                ctStudy = study["MainDicomTags"].toObject()["StudyInstanceUID"].toString();
                ctInstances = 0;
                for (const QJsonValue& series : study["Series"].toArray())
                    ctInstances += int(orthanc->rest("GET", "/series/" + series.toString()).object()["Instances"].toArray().size());
            }
        }
        QVERIFY(ctInstances >= 6);
        const QJsonArray mr = orthanc->rest("POST", "/tools/find", R"({"Level":"Study","Query":{"PatientID":"LBX-MR-002"},"Expand":true})").array();
        QCOMPARE(mr.size(), 1);
        mrStudy = mr[0].toObject()["MainDicomTags"].toObject()["StudyInstanceUID"].toString();
        QVERIFY(mr[0].toObject()["Series"].toArray().size() >= 2);
        mrInstances = int(orthanc->rest("GET", "/studies/" + mr[0].toObject()["ID"].toString() + "/instances").array().size());
    }

    // The nodes file: written and read back; a malformed one is one clear error.
    void nodesFile() {
        pacs::RemoteNode n;
        n.name = "pacs";
        n.aeTitle = "ORTHANC";
        n.host = "127.0.0.1";
        n.port = orthanc->dicomPort();
        n.retrieveMethod = pacs::RetrieveMethod::Get;
        n.dicomWeb.baseUrl = orthanc->dicomWebUrl().toStdString();
        n.dicomWeb.auth = pacs::DicomWebSettings::Auth::Bearer;
        n.dicomWeb.token = "t0ken";
        n.tls.enabled = false;
        n.dimseTimeoutSeconds = 17;
        const QString file = work.filePath("nodes/nodes.json");
        pacs::writeRemoteNodes(file.toStdString(), {n});
        const auto back = pacs::readRemoteNodes(file.toStdString());
        QCOMPARE(back.size(), std::size_t(1));
        QCOMPARE(back[0].name, n.name);
        QCOMPARE(back[0].port, n.port);
        QVERIFY(back[0].retrieveMethod == pacs::RetrieveMethod::Get);
        QCOMPARE(back[0].dicomWeb.token, std::string("t0ken"));
        QCOMPARE(back[0].dimseTimeoutSeconds, 17);
        QVERIFY((QFile::permissions(file) & (QFileDevice::ReadOther | QFileDevice::ReadGroup)) == 0);  // may hold secrets

        // The CLI reaches the node by name.
        test::ProcessResult r = runPacs({"--nodes", file, "--node", "pacs", "--local-aet", kLocalAet}, {"echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("C-ECHO") && r.out.contains("QIDO-RS"));
        r = runPacs({"--nodes", file, "--node", "nosuch"}, {"echo"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no node named 'nosuch'"), r.err.constData());

        QFile bad(work.filePath("nodes/bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"nodes":[{"name":"x","aeTitle":"AN_AE_TITLE_TOO_LONG","host":"h","port":104}]})");
        bad.close();
        QVERIFY_THROWS_EXCEPTION(core::Error, pacs::readRemoteNodes(bad.fileName().toStdString()));
        r = runPacs({"--nodes", bad.fileName(), "--node", "x"}, {"echo"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("node 1") && r.err.contains("longer than 16"), r.err.constData());
    }

    // Test connection: C-ECHO and a QIDO-RS check; failures name the node and the status in words.
    void echoAndErrors() {
        test::ProcessResult r = runPacs(both(), {"echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const quint16 closed = test::freeTcpPort();
        r = runPacs({"--aet", "ORTHANC", "--host", "127.0.0.1", "--port", QString::number(closed)}, {"echo"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QString("ORTHANC@127.0.0.1:%1").arg(closed).toUtf8()) && r.err.contains("C-ECHO failed"), r.err.constData());
        // Orthanc checks the called AE title: a wrong one is a rejected association.
        r = runPacs({"--aet", "NOTORTHANC", "--host", "127.0.0.1", "--port", QString::number(orthanc->dicomPort())}, {"echo"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("rejected"), r.err.constData());
        r = runPacs({"--url", QString("http://127.0.0.1:%1/no-dicom-web").arg(orthanc->httpPort())}, {"echo"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("HTTP 404"), r.err.constData());
    }

    // find returns what Orthanc holds, over DIMSE and QIDO-RS alike, in the
    // archive query schema (the same keys as `archive query --json`).
    void findMatchesOrthanc() {
        const QJsonArray studies = orthanc->rest("POST", "/tools/find", R"({"Level":"Study","Query":{"PatientID":"LBX-*"}})").array();
        QSet<QString> expected;
        for (const QJsonValue& id : studies)
            expected << orthanc->rest("GET", "/studies/" + id.toString()).object()["MainDicomTags"].toObject()["StudyInstanceUID"].toString();
        QVERIFY(expected.size() >= 5);
        for (const QStringList& node : {dimse(), web()}) {
            test::ProcessResult r = runPacs(node, {"find", "--level", "study", "--patient-id", "LBX-*", "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QSet<QString> got;
            for (const QJsonObject& o : jsonLines(r.out)) got << o["StudyInstanceUID"].toString();
            QCOMPARE(got, expected);
        }
        // Series and image level below one study.
        const int seriesCount = int(orthanc->rest("POST", "/tools/find",
                                                  QString(R"({"Level":"Series","Query":{"StudyInstanceUID":"%1"}})").arg(ctStudy).toUtf8())
                                        .array()
                                        .size());
        for (const QStringList& node : {dimse(), web()}) {
            test::ProcessResult r = runPacs(node, {"find", "--level", "series", "--study", ctStudy, "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(int(jsonLines(r.out).size()), seriesCount);
            r = runPacs(node, {"find", "--level", "image", "--study", ctStudy, "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(int(jsonLines(r.out).size()), ctInstances);
        }
        // Same schema as the archive: import the same objects locally and compare keys.
        const QString root = work.filePath("schema-archive");
        QCOMPARE(test::runCli({"archive", "--root", root, "import", synth}, 300000).exitCode, 0);
        for (const char* level : {"patient", "study", "series", "image"}) {
            const auto local = jsonLines(test::runCli({"archive", "--root", root, "query", "--level", level, "--patient-id", "LBX-CT-001", "--json"}).out);
            test::ProcessResult r = runPacs(dimse(), {"find", "--level", level, "--patient-id", "LBX-CT-001", "--json"});
            const auto remote = jsonLines(r.out);
            QVERIFY2(!local.isEmpty() && !remote.isEmpty(), r.err.constData());
            QCOMPARE(remote.size(), local.size());
            QStringList localKeys = local.front().keys(), remoteKeys = remote.front().keys();
            QCOMPARE(remoteKeys, localKeys);
        }
    }

    // WADO-RS metadata and DICOM JSON as the library reads it.
    void dicomWebMetadataAndJson() {
        pacs::RemoteNode node;
        node.name = "orthanc-web";
        node.dicomWeb.baseUrl = orthanc->dicomWebUrl().toStdString();
        node.retrieveMethod = pacs::RetrieveMethod::Wado;
        const QJsonArray metadata =
            QJsonDocument::fromJson(QByteArray::fromStdString(pacs::DicomWebClient(node).metadata(ctStudy.toStdString()))).array();
        QCOMPARE(int(metadata.size()), ctInstances);
        for (const QJsonValue& item : metadata) {
            const pacs::QueryMatch m = pacs::queryMatchFromDicomJson(QJsonDocument(item.toObject()).toJson().toStdString());
            QCOMPARE(QString::fromStdString(m.at("StudyInstanceUID")), ctStudy);
            QVERIFY(!orthanc->instanceId(QString::fromStdString(m.at("SOPInstanceUID"))).isEmpty());
        }
        const pacs::QueryMatch pn = pacs::queryMatchFromDicomJson(
            R"({"00100010":{"vr":"PN","Value":[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"}]},)"
            R"("00280010":{"vr":"US","Value":[512]},"00180050":{"vr":"DS","Value":[0.625]},"00080060":{"vr":"CS","Value":["CT","PT"]}})");
        QCOMPARE(QString::fromStdString(pn.at("PatientName")), QString("Yamada^Tarou=山田^太郎=やまだ^たろう"));
        QCOMPARE(pn.at("Rows"), std::string("512"));
        QCOMPARE(pn.at("SliceThickness"), std::string("0.625"));
        QCOMPARE(pn.at("Modality"), std::string("CT\\PT"));
        // A study the server does not have: the HTTP status in words.
        QVERIFY_THROWS_EXCEPTION(core::Error, pacs::DicomWebClient(node).metadata("1.2.3.4"));
        try {
            pacs::DicomWebClient(node).metadata("1.2.3.4");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("HTTP 404"), e.what());
        }
    }

    void retrieveByteIdentical_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("parallel");
        QTest::newRow("C-MOVE") << "move" << 1;
        QTest::newRow("C-GET") << "get" << 1;
        QTest::newRow("WADO-RS") << "wado" << 1;
        QTest::newRow("C-GET, series in parallel") << "get" << 3;
        QTest::newRow("C-MOVE, series in parallel") << "move" << 3;
        QTest::newRow("WADO-RS, series in parallel") << "wado" << 3;
    }

    // Each method brings exactly Orthanc's objects; a second run fetches nothing again.
    void retrieveByteIdentical() {
        QFETCH(QString, method);
        QFETCH(int, parallel);
        const QString study = parallel > 1 ? mrStudy : ctStudy;
        const int instances = parallel > 1 ? mrInstances : ctInstances;
        const QString root = work.filePath(QString("retrieve-%1-%2").arg(method).arg(parallel));
        test::ProcessResult r = runPacs(both(), {"retrieve", "--study", study, "--into", root, "--method", method, "--parallel",
                                              QString::number(parallel), "--progress"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Progress as objects arrive, ending with all of them (C-MOVE/C-GET also know the total from the peer's counts).
        QVERIFY2(r.err.contains(QString("retrieve: retrieving 1/").toUtf8()), r.err.constData());
        if (method != "wado" && parallel == 1)
            QVERIFY2(r.err.contains(QString("retrieving %1/%1").arg(instances).toUtf8()), r.err.constData());
        QJsonObject outcome = jsonLines(r.out).value(0);
        QCOMPARE(outcome["expected"].toInt(), instances);
        QCOMPARE(outcome["retrieved"].toInt(), instances);
        compareWithOrthanc(root, study, instances);
        QCOMPARE(test::runCli({"archive", "--root", root, "verify", "--json"}).exitCode, 0);
        r = runPacs(both(), {"retrieve", "--study", study, "--into", root, "--method", method});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        outcome = jsonLines(r.out).value(0);
        QCOMPARE(outcome["alreadyHeld"].toInt(), instances);
        QCOMPARE(outcome["retrieved"].toInt(), 0);
        QCOMPARE(outcome["attempts"].toInt(), 0);
    }

    void retrieveOneSeries_data() {
        QTest::addColumn<QString>("method");
        QTest::newRow("C-MOVE") << "move";
        QTest::newRow("C-GET") << "get";
        QTest::newRow("WADO-RS") << "wado";
    }

    // retrieve --series: that series alone, byte-identical, by each method.
    void retrieveOneSeries() {
        QFETCH(QString, method);
        const QJsonArray found =
            orthanc->rest("POST", "/tools/find", QString(R"({"Level":"Series","Query":{"StudyInstanceUID":"%1"},"Expand":true})").arg(mrStudy).toUtf8())
                .array();
        QVERIFY(found.size() >= 2);
        const QJsonObject series = found[1].toObject();
        const QString seriesUid = series["MainDicomTags"].toObject()["SeriesInstanceUID"].toString();
        const int instances = int(series["Instances"].toArray().size());
        QVERIFY(instances > 0 && instances < mrInstances);
        const QString root = work.filePath("series-" + method);
        test::ProcessResult r = runPacs(both(), {"retrieve", "--study", mrStudy, "--series", seriesUid, "--into", root, "--method", method});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject outcome = jsonLines(r.out).value(0);
        QCOMPARE(outcome["retrieved"].toInt(), instances);
        compareWithOrthanc(root, mrStudy, instances);
        const QList<QJsonObject> held = jsonLines(test::runCli({"archive", "--root", root, "query", "--level", "series", "--json"}).out);
        QCOMPARE(held.size(), 1);
        QCOMPARE(held[0]["SeriesInstanceUID"].toString(), seriesUid);
    }

    // A DICOMweb node behind basic authentication (Orthanc's registered
    // users): the right credentials search and retrieve; wrong or missing
    // ones are refused with the node and the HTTP status in words.
    void dicomWebBasicAuthentication() {
        QTemporaryDir dir;
        test::OrthancPeer peer(dir.filePath("orthanc"),
                               QJsonObject{{"AuthenticationEnabled", true}, {"RegisteredUsers", QJsonObject{{"reader", "s3cret:x"}}}});
        QVERIFY2(peer.start(), peer.output().right(3000).constData());
        const QStringList files = test::dicomFilesUnder(synth + "/LBX-MR-002");
        QCOMPARE(peer.upload(files), files.size());
        const QStringList url{"--url", peer.dicomWebUrl()};
        const QStringList good = url + QStringList{"--basic", "reader:s3cret:x"};  // the password may hold ':'
        test::ProcessResult r = runPacs(good, {"find", "--level", "image", "--patient-id", "LBX-MR-002", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(int(jsonLines(r.out).size()), int(files.size()));
        const QString root = dir.filePath("archive");
        r = runPacs(good, {"retrieve", "--study", mrStudy, "--into", root, "--method", "wado"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(int(archivedSops(root, mrStudy).size()), int(files.size()));
        for (const QStringList& bad : {url + QStringList{"--basic", "reader:wrong"}, url}) {
            r = runPacs(bad, {"echo"});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(peer.dicomWebUrl().toUtf8()) && r.err.contains("HTTP 401"), r.err.constData());
        }
    }

    // A peer that takes the connection and never answers: an error naming
    // the node once the timeout has passed, never a hang.
    void silentPeerTimesOut() {
        QTcpServer silent;  // the kernel accepts connections; nobody ever reads them
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString port = QString::number(silent.serverPort());
        test::ProcessResult r = runPacs({"--aet", "SILENT", "--host", "127.0.0.1", "--port", port, "--timeout", "2"}, {"echo"}, 120000);
        QVERIFY(!r.timedOut);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(("SILENT@127.0.0.1:" + port).toUtf8()) && r.err.contains("timeout"), r.err.constData());
        const QString url = "http://127.0.0.1:" + port + "/dicom-web";
        r = runPacs({"--url", url, "--timeout", "2"}, {"find", "--level", "study", "--patient-id", "X", "--json"}, 120000);
        QVERIFY(!r.timedOut);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(url.toUtf8()) && r.err.contains("timeout"), r.err.constData());
    }

    // C-MOVE while the archive's own `serve` holds the local port: it receives.
    void moveIntoRunningServe() {
        const QString root = work.filePath("served-archive");
        test::BackgroundProcess serve(LIGHTBOX_CLI, {"archive", "--root", root, "serve", "--aet", kLocalAet, "--port", QString::number(localPort)});
        QVERIFY2(test::waitForPort(localPort), serve.output().constData());
        test::ProcessResult r = runPacs(dimse(), {"retrieve", "--study", ctStudy, "--into", root, "--method", "move"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject outcome = jsonLines(r.out).value(0);
        QCOMPARE(outcome["storageScp"].toString(), QString("running"));
        QCOMPARE(outcome["retrieved"].toInt(), ctInstances);
        QCOMPARE(serve.terminate(), 0);
        compareWithOrthanc(root, ctStudy, ctInstances);
    }

    void sendLandsInOrthanc_data() {
        QTest::addColumn<QString>("method");
        QTest::newRow("C-STORE") << "store";
        QTest::newRow("STOW-RS") << "stow";
    }

    void sendLandsInOrthanc() {
        QFETCH(QString, method);
        const MadeStudy made = test::makeStudy(work.filePath("send-" + method), {QString("SEND-") + method.toUpper(), "HOSP-A", "OT", "CHEST",
                                         "20260101", "SENT BY " + method, 3});
        test::ProcessResult r = runPacs(method == "store" ? dimse() : web(), QStringList{"send"} + made.files + QStringList{"--method", method});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonLines(r.out).value(0)["sent"].toInt(), 3);
        for (const QString& f : made.files) {
            const QString id = orthanc->instanceId(test::sopInstanceUid(f));
            QVERIFY2(!id.isEmpty(), qPrintable(f + " did not land in Orthanc"));
            QVERIFY(test::dataSetBytes(orthanc->restBytes("/instances/" + id + "/file")) == test::dataSetBytesOfFile(f));
        }
        // A file that is not DICOM: one clear error, nothing sent.
        QFile junk(work.filePath("junk-" + method + ".dcm"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not dicom");
        junk.close();
        r = runPacs(method == "store" ? dimse() : web(), {"send", junk.fileName(), "--method", method});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a DICOM"), r.err.constData());
    }

    // A peer that accepts only uncompressed syntaxes (storescp's default):
    // RLE, JPEG lossless, JPEG-LS (DCMTK's codecs) and JPEG 2000 (through
    // core) objects are decoded on the way and land with the same pixels.
    void sendConvertsForUncompressedPeer() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        if (!test::haveProgram("storescp")) QSKIP("storescp not installed");
        QTemporaryDir dir;
        const quint16 port = test::freeTcpPort();
        test::BackgroundProcess scp("storescp", {"-aet", "PLAIN", "-od", dir.path(), QString::number(port)});
        QVERIFY(test::waitForPort(port));
        const QStringList node{"--aet", "PLAIN", "--host", "127.0.0.1", "--port", QString::number(port)};
        const QString reference = test::sharedFile("dcm_qa_ts/In/1.dcm");
        QVERIFY(test::runCli({"decode", reference, "--out", dir.filePath("reference.raw")}).exitCode == 0);
        QFile ref(dir.filePath("reference.raw"));
        QVERIFY(ref.open(QIODevice::ReadOnly));
        const QByteArray referencePixels = ref.readAll();
        // dciodvfy finds nothing in a converted object that it does not find in the uncompressed original.
        auto dciodvfyErrors = [](const QString& file) {
            QStringList errors = test::dciodvfyErrors(file);
            errors.sort();
            return errors;
        };
        const bool haveDciodvfy = test::haveProgram("dciodvfy");
        const QStringList referenceErrors = haveDciodvfy ? dciodvfyErrors(reference) : QStringList();
        // RLE, JPEG lossless SV1, JPEG-LS lossless (DCMTK's codecs); JPEG 2000 lossless (core: DCMTK has no codec).
        for (const QString name : {"4.dcm", "5.dcm", "7.dcm", "9.dcm"}) {
            const QString file = test::sharedFile("dcm_qa_ts/In/" + name);
            test::ProcessResult r = runPacs(node, {"send", file});
            QVERIFY2(r.exitCode == 0, qPrintable(name + ": " + r.err));
            const QString received = QDir(dir.path()).filePath("MR." + test::sopInstanceUid(file));
            QVERIFY2(QFile::exists(received), qPrintable(received));
            const QString ts = QString::fromStdString(core::DicomFile::open(received.toStdString(), core::DicomFile::Extent::HeaderOnly)
                                                          .transferSyntaxUid());
            QVERIFY2(ts == "1.2.840.10008.1.2.1" || ts == "1.2.840.10008.1.2", qPrintable(name + " arrived as " + ts));
            QVERIFY(test::runCli({"decode", received, "--out", dir.filePath(name + ".raw")}).exitCode == 0);
            QFile got(dir.filePath(name + ".raw"));
            QVERIFY(got.open(QIODevice::ReadOnly));
            QVERIFY2(got.readAll() == referencePixels, qPrintable(name + ": pixels differ after conversion"));
            if (haveDciodvfy) QCOMPARE(dciodvfyErrors(received), referenceErrors);
            QFile::remove(received);
        }
        // Not an image at all: one clear error naming the file, nothing sent.
        QFile junk(dir.filePath("junk.dcm"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(300, 'x'));
        junk.close();
        test::ProcessResult r = runPacs(node, {"send", junk.fileName()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("junk.dcm"), r.err.constData());
    }

    // A study from the local archive goes out by C-STORE.
    void sendStudyFromArchive() {
        const QString root = work.filePath("send-archive");
        const MadeStudy made = test::makeStudy(work.filePath("send-archive-files"), {"SEND-ARCHIVE", "HOSP-A", "CT", "HEAD", "20260202", "FROM ARCHIVE", 4});
        QCOMPARE(test::runCli(QStringList{"archive", "--root", root, "import"} + made.files).exitCode, 0);
        test::ProcessResult r = runPacs(dimse(), {"send", "--study", made.studyUid, "--from", root});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonLines(r.out).value(0)["sent"].toInt(), 4);
        const QJsonArray inOrthanc = orthanc->rest("POST", "/tools/find",
                                                   QString(R"({"Level":"Instance","Query":{"StudyInstanceUID":"%1"}})").arg(made.studyUid).toUtf8())
                                         .array();
        QCOMPARE(inOrthanc.size(), 4);
    }

    // The ranking itself, from the rules file (no network).
    void priorsRanking() {
        const pacs::RelevanceRules rules = pacs::defaultRelevanceRules();
        pacs::StudySummary current{"n", "cur", "P", "I", "20260101", "", "", {"CT"}, {"CHEST"}, 0};
        std::vector<pacs::StudySummary> candidates = {
            {"n", "mr-knee", "P", "I", "20251201", "", "", {"MR"}, {"KNEE"}, 0},
            {"n", "ct-old", "P", "I", "20190101", "", "", {"CT"}, {"CHEST"}, 0},
            {"n", "cr-chest", "P", "I", "20250101", "", "", {"CR"}, {"CHEST"}, 0},
            {"n", "ct-thorax", "P", "I", "20230101", "", "", {"CT"}, {"THORAX"}, 0},  // a synonym of CHEST
            {"n", "ct-head", "P", "I", "20251101", "", "", {"CT"}, {"HEAD"}, 0},
            {"n", "sr-only", "P", "I", "20251231", "", "", {"SR"}, {}, 0},             // not imaging
            {"n", "other-issuer", "P", "J", "20251230", "", "", {"CT"}, {"CHEST"}, 0},
            {"n", "cur", "P", "I", "20260101", "", "", {"CT"}, {"CHEST"}, 0},          // the current study itself
        };
        QStringList order;
        for (const auto& p : pacs::rankPriors(current, candidates, rules)) order << QString::fromStdString(p.study.studyInstanceUid);
        QCOMPARE(order, (QStringList{"ct-thorax", "ct-old", "cr-chest", "ct-head", "mr-knee"}));
    }

    // Five studies of mixed modalities in Orthanc: ranked by the rules, the top two fetched.
    void priorsRankedAndFetched() {
        const QString root = work.filePath("priors-archive");
        test::ProcessResult r = runPacs(dimse(), {"priors", "--study", priorsCurrent, "--into", root, "--max", "2", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QStringList order;
        QList<QJsonObject> lines = jsonLines(r.out);
        QVERIFY(!lines.isEmpty());
        const QJsonObject summary = lines.takeLast();
        for (const QJsonObject& o : lines) order << o["StudyInstanceUID"].toString();
        // Same modality and body part (THORAX is CHEST), most recent first; then
        // same body part; then the rest. The namesake from another issuer is no prior.
        QCOMPARE(order, (QStringList{priorCtRecent, priorCtOld, priorCrChest, priorMrKnee}));
        QCOMPARE(summary["fetched"].toInt(), 2);
        QSet<QString> studies;
        for (const QJsonObject& o : jsonLines(test::runCli({"archive", "--root", root, "query", "--level", "study", "--json"}).out))
            studies << o["StudyInstanceUID"].toString();
        QCOMPARE(studies, (QSet<QString>{priorCtRecent, priorCtOld}));
        // Over DICOMweb alone the same ranking comes back.
        r = runPacs(web(), {"priors", "--study", priorsCurrent, "--dry-run", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QStringList webOrder;
        for (const QJsonObject& o : jsonLines(r.out)) webOrder << o["StudyInstanceUID"].toString();
        QCOMPARE(webOrder, order);
    }

    // DIMSE over TLS against DCMTK's storescp (+tls), checked first with DCMTK's own echoscu.
    void tlsAgainstStorescp() {
        if (!test::haveProgram("openssl") || !test::haveProgram("storescp") || !test::haveProgram("echoscu"))
            QSKIP("openssl or the DCMTK tools not installed (scripts/install-deps.sh)");
        QTemporaryDir dir;
        QVERIFY(makeCertificates(dir.path()));
        const QString received = dir.filePath("received");
        QDir().mkpath(received);
        const quint16 port = test::freeTcpPort();
        test::BackgroundProcess scp("storescp", {"+tls", dir.filePath("server.key"), dir.filePath("server.crt"), "+cf", dir.filePath("ca.crt"),
                                                 "-aet", "STORESCP", "-od", received, QString::number(port)});
        QVERIFY(test::waitForPort(port));
        QCOMPARE(test::run("echoscu", {"+tls", dir.filePath("client.key"), dir.filePath("client.crt"), "+cf", dir.filePath("ca.crt"),
                                       "-aec", "STORESCP", "127.0.0.1", QString::number(port)})
                     .exitCode,
                 0);
        const QStringList plain{"--aet", "STORESCP", "--host", "127.0.0.1", "--port", QString::number(port), "--timeout", "5"};
        const QStringList tls = plain + QStringList{"--tls", "--tls-cert", dir.filePath("client.crt"), "--tls-key", dir.filePath("client.key"),
                                                    "--tls-ca", dir.filePath("ca.crt")};
        test::ProcessResult r = runPacs(tls, {"echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList files = test::dicomFilesUnder(synth + "/LBX-MR-002").mid(0, 3);
        r = runPacs(tls, QStringList{"send"} + files);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const QString& f : files)
            QVERIFY(test::dataSetBytesOfFile(QDir(received).filePath("MR." + test::sopInstanceUid(f))) == test::dataSetBytesOfFile(f));
        // Without TLS, or without a client certificate the server requires: refused, clearly.
        r = runPacs(plain, {"echo"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("STORESCP@127.0.0.1") && r.err.contains("C-ECHO failed"), r.err.constData());
        r = runPacs(plain + QStringList{"--tls", "--tls-ca", dir.filePath("ca.crt")}, {"echo"});
        QCOMPARE(r.exitCode, 1);
        // A server certificate from a CA we do not trust is refused.
        QTemporaryDir other;
        QVERIFY(makeCertificates(other.path()));
        r = runPacs(plain + QStringList{"--tls", "--tls-cert", dir.filePath("client.crt"), "--tls-key", dir.filePath("client.key"), "--tls-ca",
                                     other.filePath("ca.crt")},
                 {"echo"});
        QCOMPARE(r.exitCode, 1);
        // A key that does not match its certificate is named.
        r = runPacs(plain + QStringList{"--tls", "--tls-cert", dir.filePath("client.crt"), "--tls-key", dir.filePath("server.key")}, {"echo"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not match"), r.err.constData());
    }

    // Orthanc with DICOM TLS (client certificates required): echo, find and C-GET.
    void tlsAgainstOrthanc() {
        if (!test::haveProgram("openssl")) QSKIP("openssl not installed");
        QTemporaryDir dir;
        QVERIFY(makeCertificates(dir.path()));
        test::OrthancPeer peer(dir.filePath("orthanc"),
                               QJsonObject{{"DicomTlsEnabled", true},
                                           {"DicomTlsCertificate", dir.filePath("server.crt")},
                                           {"DicomTlsPrivateKey", dir.filePath("server.key")},
                                           {"DicomTlsTrustedCertificates", dir.filePath("ca.crt")},
                                           {"DicomTlsRemoteCertificateRequired", true},
                                           {"DicomModalities", QJsonObject{{"lightbox", QJsonArray{kLocalAet, "127.0.0.1", localPort}}}}});
        QVERIFY2(peer.start(), peer.output().right(3000).constData());
        const QStringList files = test::dicomFilesUnder(synth + "/LBX-MR-002");
        QCOMPARE(peer.upload(files), files.size());
        const QString study = QString::fromStdString(
            core::DicomFile::open(files.front().toStdString(), core::DicomFile::Extent::HeaderOnly).stringOr(core::tags::StudyInstanceUID, ""));
        const QStringList plain{"--aet", "ORTHANC", "--host", "127.0.0.1", "--port", QString::number(peer.dicomPort()), "--local-aet", kLocalAet,
                                "--timeout", "5"};
        const QStringList tls = plain + QStringList{"--tls", "--tls-cert", dir.filePath("client.crt"), "--tls-key", dir.filePath("client.key"),
                                                    "--tls-ca", dir.filePath("ca.crt")};
        test::ProcessResult r = runPacs(tls, {"echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runPacs(tls, {"find", "--level", "image", "--study", study, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(int(jsonLines(r.out).size()), int(files.size()));
        const QString root = dir.filePath("archive");
        r = runPacs(tls, {"retrieve", "--study", study, "--into", root, "--method", "get"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(int(archivedSops(root, study).size()), int(files.size()));
        r = runPacs(plain, {"echo"});
        QCOMPARE(r.exitCode, 1);  // plain DICOM is not spoken there
    }

    // WADO-RS never holds a study in memory: complete parts wait for the
    // archive in a bounded queue, and the answer is not read on while the
    // archive is behind. A 400-image study (210 MB) costs the retrieve less
    // than half its size in peak memory above that of a plain `echo`.
    void wadoRetrieveMemoryBounded() {
        QTemporaryDir dir;
        test::OrthancPeer peer(dir.filePath("orthanc"));
        QVERIFY2(peer.start(), peer.output().right(3000).constData());
        const QString big = dir.filePath("big");
        QCOMPARE(test::runCli({"synth", "--out", big, "--only", "ct-prior", "--slices", "400", "--matrix", "512"}, 300000).exitCode, 0);
        const QStringList files = test::dicomFilesUnder(big);
        QCOMPARE(peer.upload(files), files.size());
        qint64 studyBytes = 0;
        for (const QString& f : files) studyBytes += QFileInfo(f).size();
        QVERIFY(studyBytes > 200'000'000);
        const QString study = QString::fromStdString(
            core::DicomFile::open(files.front().toStdString(), core::DicomFile::Extent::HeaderOnly).stringOr(core::tags::StudyInstanceUID, ""));
        const QStringList node{"pacs", "--url", peer.dicomWebUrl()};
        const auto [echoCode, echoKiB] = runCliMeasured(node + QStringList{"echo"});
        QCOMPARE(echoCode, 0);
        const QString root = dir.filePath("archive");
        const auto [code, retrieveKiB] = runCliMeasured(node + QStringList{"retrieve", "--study", study, "--into", root, "--method", "wado"});
        QCOMPARE(code, 0);
        QCOMPARE(int(archivedSops(root, study).size()), int(files.size()));
        const qint64 extraBytes = qint64(retrieveKiB - echoKiB) * 1024;
        qInfo("peak memory: echo %ld KiB, retrieve of %lld bytes %ld KiB", echoKiB, studyBytes, retrieveKiB);
        QVERIFY2(extraBytes < studyBytes / 2, qPrintable(QString("the retrieve took %1 MB more than echo").arg(extraBytes / 1000000)));
    }

    // Cancelled in the middle of a retrieve: C-CANCEL (or the HTTP request
    // aborted), complete objects kept. Orthanc killed in the middle of a
    // retrieve: a clear error, only complete verified objects in the archive,
    // and the next retrieve finishes the study.
    void stoppedMidRetrieve_data() {
        QTest::addColumn<QString>("method");
        QTest::newRow("C-GET") << "get";
        QTest::newRow("WADO-RS") << "wado";
    }

    void stoppedMidRetrieve() {
        QFETCH(QString, method);
        QTemporaryDir dir;
        const quint16 port = test::freeTcpPort();
        auto peer = std::make_unique<test::OrthancPeer>(
            dir.filePath("orthanc"), QJsonObject{{"DicomModalities", QJsonObject{{"lightbox", QJsonArray{kLocalAet, "127.0.0.1", port}}}}});
        QVERIFY2(peer->start(), peer->output().right(3000).constData());
        const QString big = dir.filePath("big");
        QCOMPARE(test::runCli({"synth", "--out", big, "--only", "ct-prior", "--slices", "400", "--matrix", "512"}, 300000).exitCode, 0);
        const QStringList files = test::dicomFilesUnder(big);
        QCOMPARE(peer->upload(files), files.size());
        const QString study = QString::fromStdString(
            core::DicomFile::open(files.front().toStdString(), core::DicomFile::Extent::HeaderOnly).stringOr(core::tags::StudyInstanceUID, ""));
        const QStringList node{"--aet", "ORTHANC", "--host", "127.0.0.1", "--port", QString::number(peer->dicomPort()), "--url",
                               peer->dicomWebUrl(), "--local-port", QString::number(port), "--timeout", "5"};
        // Cancelled (SIGINT: C-CANCEL, or the HTTP request aborted): complete objects kept, exit 1.
        {
            const QString cancelled = dir.filePath("cancelled");
            test::BackgroundProcess retrieve(LIGHTBOX_CLI, QStringList{"pacs"} + node +
                                                               QStringList{"retrieve", "--study", study, "--into", cancelled, "--method", method});
            int held = 0;
            for (int i = 0; i < 600 && held < 10; ++i) {
                QThread::msleep(20);
                held = int(archivedSops(cancelled, study).size());
            }
            QVERIFY2(held >= 10 && held < files.size(), qPrintable(QString("held %1 when cancelling").arg(held)));
            ::kill(pid_t(retrieve.pid()), SIGINT);
            QCOMPARE(retrieve.wait(120000), 1);
            QVERIFY2(retrieve.output().contains("\"cancelled\":true"), retrieve.output().constData());
            QVERIFY(archivedSops(cancelled, study).size() < files.size());
            QCOMPARE(test::runCli({"archive", "--root", cancelled, "verify", "--json"}).exitCode, 0);
        }

        const QString root = dir.filePath("archive");
        test::BackgroundProcess retrieve(LIGHTBOX_CLI, QStringList{"pacs"} + node +
                                                           QStringList{"retrieve", "--study", study, "--into", root, "--method", method});
        // Stop the PACS once part of the study has arrived.
        int held = 0;
        for (int i = 0; i < 600 && held < 20; ++i) {
            QThread::msleep(20);
            held = int(archivedSops(root, study).size());
        }
        QVERIFY2(held >= 20 && held < files.size(), qPrintable(QString("held %1 when stopping").arg(held)));
        peer->kill();
        QCOMPARE(retrieve.wait(120000), 1);
        const QByteArray err = retrieve.output();
        QVERIFY2(err.contains("ORTHANC@127.0.0.1") && err.contains("still missing") && err.contains("resume"), err.constData());
        const QJsonObject verify = QJsonDocument::fromJson(test::runCli({"archive", "--root", root, "verify", "--json"}).out).object();
        QVERIFY2(verify["ok"].toBool(), QJsonDocument(verify).toJson().constData());
        const int partial = int(archivedSops(root, study).size());
        QVERIFY(partial >= held && partial < files.size());

        // Orthanc back (same storage, same ports): the next retrieve resumes and completes.
        QVERIFY2(peer->start(), peer->output().right(3000).constData());
        test::ProcessResult r = test::runCli(QStringList{"pacs"} + node + QStringList{"retrieve", "--study", study, "--into", root, "--method", method}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject outcome = jsonLines(r.out).value(0);
        QCOMPARE(outcome["alreadyHeld"].toInt(), partial);
        QCOMPARE(outcome["retrieved"].toInt(), int(files.size()) - partial);
        QCOMPARE(int(archivedSops(root, study).size()), int(files.size()));
        QCOMPARE(test::runCli({"archive", "--root", root, "verify", "--json"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestPacsClient)
#include "tst_pacs_client.moc"
