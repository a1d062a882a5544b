// DICOMweb against a PACS that wants a bearer token, STOW-RS to a PACS that
// refuses compressed transfer syntaxes, and the relevant-prior prefetch
// (ranking order, --max, progress, cancel and resume) - all against a real
// Orthanc whose Python plugin (Debian's orthanc-python) checks the token and
// the transfer syntax of what it is given (OrthancPeer::bearerGate), and
// checked through Orthanc's REST API and the local archive.

#include "ArchiveNodeServices.h"
#include "OrthancPeer.h"
#include "PacsTestKit.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomWebClient.h"
#include "lightbox/pacsclient/Priors.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>

using namespace lightbox;

namespace {

const QString kToken = "lightbox-test-token-7f3a";
const QString kExplicitLittleEndian = "1.2.840.10008.1.2.1";
const QString kImplicitLittleEndian = "1.2.840.10008.1.2";

using test::archivedSops;
using test::jsonLines;
using test::runPacs;
using test::MadeStudy;

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString transferSyntaxOf(const QString& file) {
    return QString::fromStdString(core::DicomFile::open(file.toStdString(), core::DicomFile::Extent::HeaderOnly).transferSyntaxUid());
}

// Consecutive repeats collapsed: the order in which studies arrived.
QStringList runs(const std::vector<std::string>& arrivals) {
    QStringList out;
    for (const std::string& s : arrivals)
        if (out.isEmpty() || out.last() != QString::fromStdString(s)) out << QString::fromStdString(s);
    return out;
}

}  // namespace

class TestPacsWeb : public QObject {
    Q_OBJECT
    QTemporaryDir work;
    std::unique_ptr<test::OrthancPeer> orthanc;
    // The priors patient: the current CT chest and four priors of mixed
    // modalities (and a namesake from another issuer that is no prior).
    QString current, ctThorax, ctChestOld, crChest, mrKnee, otherIssuer;
    static constexpr int kPriorInstances = 120;

    QStringList web(const QString& token = kToken) const {
        QStringList node{"--url", orthanc->dicomWebUrl()};
        if (!token.isEmpty()) node << "--bearer" << token;
        return node;
    }
    int instancesInOrthanc(const QString& study) {
        return int(orthanc->rest("POST", "/tools/find", QString(R"({"Level":"Instance","Query":{"StudyInstanceUID":"%1"}})").arg(study).toUtf8())
                       .array()
                       .size());
    }
    pacs::RemoteNode node(pacs::RetrieveMethod method) const {
        pacs::RemoteNode n;
        n.name = "gated";
        n.aeTitle = orthanc->aeTitle().toStdString();
        n.host = "127.0.0.1";
        n.port = orthanc->dicomPort();
        n.dicomWeb.baseUrl = orthanc->dicomWebUrl().toStdString();
        n.dicomWeb.auth = pacs::DicomWebSettings::Auth::Bearer;
        n.dicomWeb.token = kToken.toStdString();
        n.retrieveMethod = method;
        return n;
    }

private slots:
    void initTestCase() {
        if (!test::OrthancPeer::available()) QSKIP("Orthanc, its DICOMweb plugin or curl not installed (scripts/install-deps.sh)");
        if (!test::OrthancPeer::pythonAvailable()) QSKIP("Orthanc's Python plugin (orthanc-python) not installed (scripts/install-deps.sh)");
        const QString dir = work.filePath("orthanc");
        QJsonObject config = test::OrthancPeer::bearerGate(dir, kToken, {kExplicitLittleEndian, kImplicitLittleEndian});
        // C-FIND and C-GET from our AE title (the gate is on HTTP only).
        config["DicomModalities"] = QJsonObject{{"lightbox", QJsonArray{"LIGHTBOX", "127.0.0.1", test::freeTcpPort()}}};
        orthanc = std::make_unique<test::OrthancPeer>(dir, config);
        QVERIFY2(orthanc->start(), orthanc->output().right(3000).constData());

        const QString p = work.filePath("priors");
        current = test::makeStudy(p, {"WEB-PRI-1", "HOSP-A", "CT", "CHEST", "20260110", "CT CHEST CURRENT", 2, 16}).studyUid;
        ctThorax = test::makeStudy(p, {"WEB-PRI-1", "HOSP-A", "CT", "THORAX", "20230301", "CT THORAX", kPriorInstances, 128}).studyUid;
        ctChestOld = test::makeStudy(p, {"WEB-PRI-1", "HOSP-A", "CT", "CHEST", "20190505", "CT CHEST OLD", kPriorInstances, 128}).studyUid;
        crChest = test::makeStudy(p, {"WEB-PRI-1", "HOSP-A", "CR", "CHEST", "20250901", "XR CHEST", kPriorInstances, 128}).studyUid;
        mrKnee = test::makeStudy(p, {"WEB-PRI-1", "HOSP-A", "MR", "KNEE", "20251201", "MR KNEE", 4, 64}).studyUid;
        otherIssuer = test::makeStudy(p, {"WEB-PRI-1", "HOSP-B", "CT", "CHEST", "20251230", "CT CHEST OTHER HOSPITAL", 2, 16}).studyUid;
        const QStringList files = test::dicomFilesUnder(p);
        QCOMPARE(orthanc->upload(files), files.size());
    }

    // The gate itself: without the token Orthanc answers 403 to everything on HTTP.
    void gateRefusesWithoutToken() {
        const QString url = QString("http://127.0.0.1:%1/system").arg(orthanc->httpPort());
        QCOMPARE(test::run("curl", {"-s", "-o", "/dev/null", "-w", "%{http_code}", url}).out, QByteArray("403"));
        QCOMPARE(test::run("curl", {"-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer " + kToken, url}).out,
                 QByteArray("200"));
    }

    // With the token: test connection, QIDO-RS, WADO-RS and STOW-RS work (by
    // the command-line options and from a nodes file). Without it, or with a
    // wrong one: one error naming the node and the HTTP status in words, no
    // retries, nothing retrieved and nothing stored.
    void bearerAuthentication() {
        QTemporaryDir dir;
        test::ProcessResult r = runPacs(web(), {"echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("QIDO-RS"));

        pacs::RemoteNode n = node(pacs::RetrieveMethod::Wado);
        n.aeTitle.clear();
        n.host.clear();
        const QString nodesFile = dir.filePath("nodes.json");
        pacs::writeRemoteNodes(nodesFile.toStdString(), {n});
        QVERIFY(readAll(nodesFile).contains("\"bearer\""));
        r = runPacs({"--nodes", nodesFile, "--node", "gated"}, {"echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = runPacs(web(), {"find", "--level", "image", "--study", mrKnee, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(int(jsonLines(r.out).size()), 4);

        const QString root = dir.filePath("archive");
        r = runPacs({"--nodes", nodesFile, "--node", "gated"}, {"retrieve", "--study", mrKnee, "--into", root});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(int(archivedSops(root, mrKnee).size()), 4);

        const MadeStudy sent = test::makeStudy(dir.filePath("send"), {"WEB-SEND", "HOSP-A", "OT", "CHEST", "20260301", "SENT WITH TOKEN", 3, 32});
        r = runPacs(web(), QStringList{"send"} + sent.files);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonLines(r.out).value(0)["sent"].toInt(), 3);
        for (const QString& f : sent.files) {
            const QString id = orthanc->instanceId(test::sopInstanceUid(f));
            QVERIFY2(!id.isEmpty(), qPrintable(f + " did not land"));
            QVERIFY(test::dataSetBytes(orthanc->restBytes("/instances/" + id + "/file")) == test::dataSetBytesOfFile(f));
        }

        const MadeStudy refused = test::makeStudy(dir.filePath("refused"), {"WEB-REFUSED", "HOSP-A", "OT", "CHEST", "20260302", "NOT SENT", 2, 32});
        const QByteArray url = orthanc->dicomWebUrl().toUtf8();
        struct Bad {
            QStringList node;
            QByteArray why;
        };
        for (const Bad& bad : {Bad{web(QString()), "no credentials were sent"}, Bad{web("not-the-token"), "the bearer token was refused"}}) {
            const QByteArray what = bad.why;
            auto refusedClearly = [&](const test::ProcessResult& result, const char* operation) {
                QCOMPARE(result.exitCode, 1);
                QVERIFY2(result.err.contains(url) && result.err.contains(operation) && result.err.contains("HTTP 403 Forbidden") &&
                             result.err.contains(what),
                         result.err.constData());
                QVERIFY2(result.err.count("HTTP 403") == 1, result.err.constData());  // one error, not one per attempt
            };
            refusedClearly(runPacs(bad.node, {"echo"}), "QIDO-RS check failed");
            refusedClearly(runPacs(bad.node, {"find", "--level", "study", "--patient-id", "WEB-PRI-1", "--json"}), "QIDO-RS failed");
            const QString badRoot = dir.filePath("refused-archive");
            test::ProcessResult rr = runPacs(bad.node, {"retrieve", "--study", ctThorax, "--into", badRoot, "--method", "wado"});
            refusedClearly(rr, "WADO-RS failed");
            QVERIFY2(!rr.err.contains("resume"), rr.err.constData());
            QVERIFY(archivedSops(badRoot).isEmpty());
            refusedClearly(runPacs(bad.node, QStringList{"send"} + refused.files), "STOW-RS failed");
            for (const QString& f : refused.files) QVERIFY(orthanc->instanceId(test::sopInstanceUid(f)).isEmpty());
        }
    }

    // STOW-RS to a node that takes only uncompressed syntaxes. Sent as they
    // are, the compressed objects are refused (Orthanc leaves them, and what
    // followed them in the request, out of its answer) and go again
    // converted by core; what landed decodes to the same pixels as the
    // original, the uncompressed one lands as it was. With the node's
    // acceptedTransferSyntaxes they are converted before the first attempt.
    void stowConvertsForUncompressedPeer() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        QTemporaryDir dir;
        const QString reference = test::sharedFile("dcm_qa_ts/In/1.dcm");  // Explicit VR Little Endian
        QVERIFY(test::runCli({"decode", reference, "--out", dir.filePath("reference.raw")}).exitCode == 0);
        const QByteArray referencePixels = readAll(dir.filePath("reference.raw"));
        QVERIFY(!referencePixels.isEmpty());
        const bool haveDciodvfy = test::haveProgram("dciodvfy");
        auto dciodvfyErrors = [](const QString& file) {
            QStringList errors = test::dciodvfyErrors(file);
            errors.sort();
            return errors;
        };
        const QStringList referenceErrors = haveDciodvfy ? dciodvfyErrors(reference) : QStringList();
        // RLE, JPEG lossless, the uncompressed original (behind a refused object), JPEG-LS, JPEG 2000.
        QStringList files;
        for (const QString name : {"4.dcm", "5.dcm", "1.dcm", "7.dcm", "9.dcm"}) files << test::sharedFile("dcm_qa_ts/In/" + name);

        auto landed = [&](const QString& file) {
            const QString id = orthanc->instanceId(test::sopInstanceUid(file));
            if (id.isEmpty()) return QString();
            const QString copy = dir.filePath(QFileInfo(file).fileName() + ".landed.dcm");
            QFile out(copy);
            if (!out.open(QIODevice::WriteOnly)) return QString();
            out.write(orthanc->restBytes("/instances/" + id + "/file"));
            return copy;
        };
        auto checkLanded = [&](const QString& file) {
            const QString copy = landed(file);
            QVERIFY2(!copy.isEmpty(), qPrintable(file + " did not land in Orthanc"));
            if (file == reference) {
                QCOMPARE(transferSyntaxOf(copy), kExplicitLittleEndian);
                QVERIFY(test::dataSetBytesOfFile(copy) == test::dataSetBytesOfFile(reference));  // not converted
                return;
            }
            QCOMPARE(transferSyntaxOf(copy), kExplicitLittleEndian);
            QVERIFY(test::runCli({"decode", copy, "--out", copy + ".raw"}).exitCode == 0);
            QVERIFY2(readAll(copy + ".raw") == referencePixels, qPrintable(file + ": pixels differ after conversion"));
            if (haveDciodvfy) QCOMPARE(dciodvfyErrors(copy), referenceErrors);
        };
        const auto refusals = [&] { return orthanc->restBytes("/lightbox-gate/refusals").trimmed().toInt(); };
        // Sends every file; all five land, four converted, and the peer refused
        // a compressed object first or never.
        auto sendAndCheck = [&](const QStringList& nodeArgs, const QStringList& send, bool refusalExpected) {
            for (const QString& f : files)
                if (const QString id = orthanc->instanceId(test::sopInstanceUid(f)); !id.isEmpty()) orthanc->rest("DELETE", "/instances/" + id);
            const int before = refusals();
            const test::ProcessResult r = runPacs(nodeArgs, send + files);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QJsonObject outcome = jsonLines(r.out).value(0);
            QCOMPARE(outcome["sent"].toInt(), 5);
            QCOMPARE(outcome["failed"].toInt(), 0);
            QVERIFY2(outcome["status"].toString().contains("4 object(s) converted to Explicit VR Little Endian"),
                     qPrintable(outcome["status"].toString()));
            if (refusalExpected)
                QVERIFY2(refusals() > before, "the peer never refused a compressed object");
            else
                QCOMPARE(refusals(), before);
            for (const QString& f : files) checkLanded(f);
        };

        // Refused, then converted.
        sendAndCheck(web(), {"send"}, true);

        // Known beforehand (the node's acceptedTransferSyntaxes): converted before the first attempt.
        pacs::RemoteNode n = node(pacs::RetrieveMethod::Wado);
        n.dicomWeb.acceptedTransferSyntaxes = {kExplicitLittleEndian.toStdString()};
        const QString nodesFile = dir.filePath("nodes.json");
        pacs::writeRemoteNodes(nodesFile.toStdString(), {n});
        QCOMPARE(pacs::readRemoteNodes(nodesFile.toStdString()).at(0).dicomWeb.acceptedTransferSyntaxes, n.dicomWeb.acceptedTransferSyntaxes);
        sendAndCheck({"--nodes", nodesFile, "--node", "gated"}, {"send", "--method", "stow"}, false);
    }

    // lightbox-cli pacs priors over DICOMweb with the token: ranked, the top
    // N fetched most relevant first (the progress lines name the study being
    // fetched), and no more than N.
    void priorsPrefetchInRankingOrder() {
        QTemporaryDir dir;
        const QString root = dir.filePath("archive");
        test::ProcessResult r = runPacs(web(), {"priors", "--study", current, "--into", root, "--max", "2", "--json", "--progress"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QJsonObject> lines = jsonLines(r.out);
        QVERIFY(!lines.isEmpty());
        const QJsonObject summary = lines.takeLast();
        QStringList ranked;
        for (const QJsonObject& o : lines) ranked << o["StudyInstanceUID"].toString();
        QCOMPARE(ranked, (QStringList{ctThorax, ctChestOld, crChest, mrKnee}));
        QCOMPARE(summary["fetched"].toInt(), 2);
        QCOMPARE(summary["of"].toInt(), 2);
        // Progress: "priors: study K/N UID PHASE HELD/EXPECTED", studies in ranking order, each to its end.
        QStringList order;
        QMap<QString, int> lastHeld;
        for (const QByteArray& line : r.err.split('\n')) {
            if (!line.startsWith("priors: study ")) continue;
            const QList<QByteArray> words = line.simplified().split(' ');
            QVERIFY2(words.size() >= 5, line.constData());
            const QString uid = QString::fromLatin1(words[3]);
            const QList<QByteArray> held = words.last().split('/');
            QCOMPARE(held.size(), 2);
            if (held[0].toInt() == 0) continue;
            if (order.isEmpty() || order.last() != uid) order << uid;
            QVERIFY2(held[0].toInt() >= lastHeld.value(uid), line.constData());
            lastHeld[uid] = held[0].toInt();
        }
        QCOMPARE(order, (QStringList{ctThorax, ctChestOld}));
        QCOMPARE(lastHeld.value(ctThorax), kPriorInstances);
        QCOMPARE(lastHeld.value(ctChestOld), kPriorInstances);
        QCOMPARE(archivedSops(root, ctThorax).size(), kPriorInstances);
        QCOMPARE(archivedSops(root, ctChestOld).size(), kPriorInstances);
        QCOMPARE(archivedSops(root).size(), 2 * kPriorInstances);  // nothing of the others
    }

    void prefetchCancelAndResume_data() {
        QTest::addColumn<int>("method");
        QTest::newRow("C-GET") << int(pacs::RetrieveMethod::Get);
        QTest::newRow("WADO-RS") << int(pacs::RetrieveMethod::Wado);
    }

    // The background prefetch (as the GUI runs it) into a real archive:
    // cancelled while the most relevant prior is arriving, it stops there -
    // no other study is begun, the archive holds only complete, verified
    // objects - and a later prefetch resumes that study and fetches the
    // rest, the studies arriving in the archive in ranking order, with
    // progress throughout.
    void prefetchCancelAndResume() {
        QFETCH(int, method);
        const pacs::RemoteNode n = node(pacs::RetrieveMethod(method));
        pacs::PriorSearch search;
        try {
            search = pacs::findPriors(current.toStdString(), {n}, "LIGHTBOX", pacs::defaultRelevanceRules());
        } catch (const core::Error& e) {
            QFAIL(e.what());
        }
        QVERIFY2(search.nodeErrors.empty(), search.nodeErrors.empty() ? "" : search.nodeErrors.front().c_str());
        QStringList ranked;
        for (const auto& p : search.priors) ranked << QString::fromStdString(p.study.studyInstanceUid);
        QCOMPARE(ranked, (QStringList{ctThorax, ctChestOld, crChest, mrKnee}));

        QTemporaryDir dir;
        const std::filesystem::path root = dir.filePath("archive").toStdString();
        auto localArchive = [&](app::ArchiveNodeServices& services) {
            pacs::LocalArchive local;
            local.services = &services;
            local.spoolDirectory = root / "incoming" / "network";
            std::filesystem::create_directories(local.spoolDirectory);
            return local;
        };
        std::mutex mutex;
        std::vector<std::string> arrivals;  // study of every object the archive stored, in order
        std::vector<pacs::PrefetchStatus> statuses;

        // Cancelled once a few objects of the first prior are in the archive.
        std::size_t heldWhenCancelled = 0;
        {
            auto archive = archive::Archive::open(root);
            app::ArchiveNodeServices services(*archive);
            services.onStored([&](const archive::StoreResult& s) {
                std::lock_guard lock(mutex);
                arrivals.push_back(s.studyInstanceUid);
            });
            pacs::PriorPrefetcher prefetcher({n}, localArchive(services));
            bool cancelRequested = false;
            prefetcher.start(search.priors, 3, [&](const pacs::PrefetchStatus& s) {
                std::lock_guard lock(mutex);
                statuses.push_back(s);
                if (!cancelRequested && s.current.held >= 3) {
                    cancelRequested = true;
                    heldWhenCancelled = s.current.held;
                    prefetcher.cancel();
                }
            });
            const pacs::PrefetchStatus done = prefetcher.wait();
            QVERIFY(cancelRequested);
            QVERIFY(done.finished);
            QVERIFY(done.cancelled);
            QCOMPARE(done.studiesDone, std::size_t(0));
            QVERIFY2(done.errors.empty(), done.errors.empty() ? "" : done.errors.front().c_str());
            QVERIFY(statuses.back().finished && statuses.back().cancelled);
            // Nothing of any other study was begun.
            QCOMPARE(runs(arrivals), QStringList{ctThorax});
            const archive::VerifyReport verify = archive->verify();
            QVERIFY(verify.ok());
            QCOMPARE(verify.instancesChecked, arrivals.size());
        }
        const int partial = int(archivedSops(QString::fromStdString(root.string()), ctThorax).size());
        qInfo("cancelled at %zu object(s) held; %d of %d in the archive after the cancel", heldWhenCancelled, partial, kPriorInstances);
        // Promptly: beyond what was held, at most the objects the store workers had begun (4 each stage).
        QVERIFY(partial >= int(heldWhenCancelled) && partial <= int(heldWhenCancelled) + 8);
        QCOMPARE(archivedSops(QString::fromStdString(root.string())).size(), partial);

        // A later prefetch finishes: the first study resumed, then the next two, in ranking order.
        arrivals.clear();
        statuses.clear();
        {
            auto archive = archive::Archive::open(root);
            app::ArchiveNodeServices services(*archive);
            services.onStored([&](const archive::StoreResult& s) {
                std::lock_guard lock(mutex);
                arrivals.push_back(s.studyInstanceUid);
            });
            pacs::PriorPrefetcher prefetcher({n}, localArchive(services));
            prefetcher.start(search.priors, 3, [&](const pacs::PrefetchStatus& s) {
                std::lock_guard lock(mutex);
                statuses.push_back(s);
            });
            const pacs::PrefetchStatus done = prefetcher.wait();
            QVERIFY(done.finished);
            QVERIFY(!done.cancelled);
            QVERIFY2(done.errors.empty(), done.errors.empty() ? "" : done.errors.front().c_str());
            QCOMPARE(done.studiesDone, std::size_t(3));
            QCOMPARE(done.studiesTotal, std::size_t(3));
            const QStringList arrived = runs(arrivals);
            QCOMPARE(arrived, (partial < kPriorInstances ? QStringList{ctThorax, ctChestOld, crChest} : QStringList{ctChestOld, crChest}));
            QVERIFY(archive->verify().ok());
        }
        for (const QString& study : {ctThorax, ctChestOld, crChest}) {
            QCOMPARE(int(archivedSops(QString::fromStdString(root.string()), study).size()), kPriorInstances);
            QCOMPARE(instancesInOrthanc(study), kPriorInstances);
        }
        QVERIFY(archivedSops(QString::fromStdString(root.string()), mrKnee).isEmpty());  // beyond the top 3
        // Progress: studies counted up one by one, each study's count only grows and reaches what the node holds.
        std::size_t lastDone = 0;
        QMap<QString, std::size_t> lastHeld;
        for (const pacs::PrefetchStatus& s : statuses) {
            QVERIFY(s.studiesDone >= lastDone && s.studiesDone <= 3);
            lastDone = s.studiesDone;
            QCOMPARE(s.studiesTotal, std::size_t(3));
            const QString uid = QString::fromStdString(s.studyInstanceUid);
            QVERIFY(s.current.held >= lastHeld.value(uid));
            lastHeld[uid] = s.current.held;
        }
        QCOMPARE(lastDone, std::size_t(3));
        QVERIFY(statuses.back().finished);
        for (const QString& study : {ctThorax, ctChestOld, crChest}) QCOMPARE(lastHeld.value(study), std::size_t(kPriorInstances));
    }
};

QTEST_GUILESS_MAIN(TestPacsWeb)
#include "tst_pacs_web.moc"
