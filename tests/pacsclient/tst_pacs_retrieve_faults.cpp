// A DIMSE retrieve interrupted on purpose, against a real Orthanc:
// - the user cancels (SIGINT) in the middle of a C-MOVE or C-GET: the peer
//   gets a C-CANCEL and confirms it, the command ends with a "cancelled"
//   outcome, the archive holds only complete verified objects, and the next
//   retrieve finishes the study;
// - the network drops the association in the middle (a relay between us and
//   Orthanc cuts the connection): the same command resumes what is missing
//   and ends with the whole study.

#include "OrthancPeer.h"
#include "PacsTestKit.h"
#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>

using namespace lightbox;

namespace {

const QString kLocalAet = "LIGHTBOX";

using test::archivedSops;
using test::jsonLines;

// A TCP relay on a loopback port in front of Orthanc's DICOM port. The first
// connection over which more than `cutAfter` bytes have come from Orthanc is
// cut there (both sides shut down), as a network failure would; every other
// connection is relayed untouched.
class CuttingRelay {
public:
    CuttingRelay(quint16 target, qint64 cutAfter) : target_(target), cutAfter_(cutAfter) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 16) != 0) return;
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { acceptLoop(); });
    }
    ~CuttingRelay() {
        stopping_ = true;
        if (acceptor_.joinable()) acceptor_.join();
        std::lock_guard lock(mutex_);
        for (auto& t : relays_) t.join();
        ::close(listener_);
    }
    quint16 port() const { return port_; }
    int cuts() const { return cut_.load() ? 1 : 0; }
    int connections() const { return connections_.load(); }

private:
    void acceptLoop() {
        while (!stopping_) {
            pollfd p{listener_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) continue;
            ++connections_;
            std::lock_guard lock(mutex_);
            relays_.emplace_back([this, client] { relay(client); });
        }
    }
    void relay(int client) {
        const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(target_);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(server);
            ::close(client);
            return;
        }
        qint64 fromServer = 0;
        char buffer[65536];
        bool open = true;
        while (open && !stopping_) {
            pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (::poll(p, 2, 100) <= 0) continue;
            for (int i = 0; i < 2 && open; ++i) {
                if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const ssize_t n = ::read(p[i].fd, buffer, sizeof buffer);
                if (n <= 0) {
                    open = false;
                    break;
                }
                const int to = i == 0 ? server : client;
                for (ssize_t done = 0; done < n;) {
                    const ssize_t w = ::write(to, buffer + done, std::size_t(n - done));
                    if (w <= 0) {
                        open = false;
                        break;
                    }
                    done += w;
                }
                if (i == 1 && (fromServer += n) > cutAfter_ && !cut_.exchange(true)) open = false;  // cut here
            }
        }
        ::shutdown(client, SHUT_RDWR);
        ::shutdown(server, SHUT_RDWR);
        ::close(client);
        ::close(server);
    }

    quint16 target_;
    qint64 cutAfter_;
    int listener_ = -1;
    quint16 port_ = 0;
    std::atomic<bool> stopping_{false}, cut_{false};
    std::atomic<int> connections_{0};
    std::thread acceptor_;
    std::mutex mutex_;
    std::list<std::thread> relays_;
};

}  // namespace

class TestPacsRetrieveFaults : public QObject {
    Q_OBJECT
    QTemporaryDir work;
    quint16 localPort = 0;
    std::unique_ptr<test::OrthancPeer> orthanc;
    QString study;
    int instances = 0;

    QStringList node(quint16 dicomPort) const {
        return {"--aet", "ORTHANC", "--host", "127.0.0.1", "--port", QString::number(dicomPort), "--local-aet", kLocalAet,
                "--local-port", QString::number(localPort), "--timeout", "10"};
    }

private slots:
    void initTestCase() {
        if (!test::OrthancPeer::available()) QSKIP("Orthanc, its DICOMweb plugin or curl not installed (scripts/install-deps.sh)");
        localPort = test::freeTcpPort();
        orthanc = std::make_unique<test::OrthancPeer>(
            work.filePath("orthanc"), QJsonObject{{"DicomModalities", QJsonObject{{"lightbox", QJsonArray{kLocalAet, "127.0.0.1", localPort}}}}});
        QVERIFY2(orthanc->start(), orthanc->output().right(3000).constData());
        // 400 CT images of 512x512 (210 MB): long enough to be interrupted in the middle.
        const QString big = work.filePath("big");
        QCOMPARE(test::runCli({"synth", "--out", big, "--only", "ct-prior", "--slices", "400", "--matrix", "512"}, 300000).exitCode, 0);
        const QStringList files = test::dicomFilesUnder(big);
        QCOMPARE(orthanc->upload(files), files.size());
        instances = int(files.size());
        study = QString::fromStdString(
            core::DicomFile::open(files.front().toStdString(), core::DicomFile::Extent::HeaderOnly).stringOr(core::tags::StudyInstanceUID, ""));
        QVERIFY(!study.isEmpty());
    }

    void cancelMidRetrieve_data() {
        QTest::addColumn<QString>("method");
        QTest::newRow("C-MOVE") << "move";
        QTest::newRow("C-GET") << "get";
    }

    // SIGINT in the middle: C-CANCEL, which Orthanc confirms (status Cancel),
    // exit code 1 with "cancelled": only complete, verified objects are kept,
    // well short of the study; the next retrieve fetches just the rest.
    void cancelMidRetrieve() {
        QFETCH(QString, method);
        const QString root = work.filePath("cancelled-" + method);
        const QStringList args = QStringList{"pacs"} + node(orthanc->dicomPort()) +
                                 QStringList{"retrieve", "--study", study, "--into", root, "--method", method};
        test::BackgroundProcess retrieve(LIGHTBOX_CLI, args + QStringList{"--progress"});
        int held = 0;  // from the progress lines ("retrieve: retrieving N/M")
        while (held < 10 && retrieve.wait(5) == -1 && retrieve.isRunning()) {
            const QByteArray out = retrieve.output();
            const qsizetype at = out.lastIndexOf("retrieving ");
            if (at >= 0) held = out.mid(at + 11, out.indexOf('/', at) - at - 11).toInt();
        }
        QVERIFY2(held >= 10 && held < instances, qPrintable(QString("held %1 of %2 when cancelling").arg(held).arg(instances)));
        ::kill(pid_t(retrieve.pid()), SIGINT);
        QCOMPARE(retrieve.wait(120000), 1);
        const QByteArray out = retrieve.output();
        const QJsonObject outcome = jsonLines(out.mid(out.indexOf('{'))).value(0);
        QVERIFY2(outcome["cancelled"].toBool(), out.constData());
        QVERIFY2(outcome["cancelConfirmed"].toBool(), out.constData());  // the peer stopped on our C-CANCEL
        const int partial = int(archivedSops(root).size());
        QCOMPARE(outcome["retrieved"].toInt(), partial);
        QVERIFY2(partial >= held && partial < instances, qPrintable(QString("%1 of %2 held after the cancel").arg(partial).arg(instances)));
        QVERIFY(test::archiveVerifies(root));

        // The next retrieve completes the study, fetching only what is missing.
        test::ProcessResult r = test::runCli(args, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject next = jsonLines(r.out).value(0);
        QCOMPARE(next["alreadyHeld"].toInt(), partial);
        QCOMPARE(next["retrieved"].toInt(), instances - partial);
        QCOMPARE(int(archivedSops(root).size()), instances);
        QVERIFY(test::archiveVerifies(root));
    }

    void droppedAssociationIsResumed_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<qint64>("cutAfter");  // bytes from Orthanc on the retrieve's association
        // C-MOVE: its association carries the pending responses (~200 bytes each), the objects come on another.
        QTest::newRow("C-MOVE") << "move" << qint64(10000);
        // C-GET: the objects come on the association itself.
        QTest::newRow("C-GET") << "get" << qint64(40'000'000);
    }

    // The association dropped in the middle of the retrieve (the relay cuts
    // it): the same command lists what is missing and fetches it - exit code
    // 0, the whole study held and verified, more than one attempt.
    void droppedAssociationIsResumed() {
        QFETCH(QString, method);
        QFETCH(qint64, cutAfter);
        CuttingRelay relay(orthanc->dicomPort(), cutAfter);
        QVERIFY(relay.port() != 0);
        const QString root = work.filePath("dropped-" + method);
        test::ProcessResult r = test::runCli(QStringList{"pacs"} + node(relay.port()) +
                                                 QStringList{"retrieve", "--study", study, "--into", root, "--method", method},
                                             600000);
        QCOMPARE(relay.cuts(), 1);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject outcome = jsonLines(r.out).value(0);
        QCOMPARE(outcome["expected"].toInt(), instances);
        QCOMPARE(outcome["retrieved"].toInt(), instances);
        QVERIFY2(outcome["attempts"].toInt() >= 2, r.out.constData());
        QCOMPARE(int(archivedSops(root).size()), instances);
        QVERIFY(test::archiveVerifies(root));
    }
};

QTEST_GUILESS_MAIN(TestPacsRetrieveFaults)
#include "tst_pacs_retrieve_faults.moc"
