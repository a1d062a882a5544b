// The Storage SCP's receive path (pacsclient/src/StoreReceiver.h), in
// process, against DCMTK's storescu and a misbehaving SCU: a data set is
// received into memory behind a file meta header the node builds and handed
// over page-aligned; one over the in-memory limit continues in a spool
// file; a receiver without an in-memory path gets a spool file as before; a
// data set cut off by an abort is never handed over and leaves no file.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"
#include "lightbox/pacsclient/DicomNode.h"
#include "lightbox/pacsclient/NodeServices.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <mutex>

using namespace lightbox;

namespace {

std::string readAll(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string dataSetOf(const std::string& part10) { return part10.substr(core::part10DataSetOffset(part10)); }

// What the node handed over, and by which path.
struct Received {
    std::string bytes;
    bool inMemory = false;
    bool pageAligned = false;  // as storeReceived's contract says
    bool fileExisted = false;
};

class Capture : public pacs::NodeServices {
public:
    explicit Capture(bool inMemoryPath) : inMemoryPath_(inMemoryPath) {}

    pacs::StoreOutcome store(const std::string& bytes, const pacs::StoreContext&) override {
        return keep({bytes, false, false, false});
    }
    pacs::StoreOutcome storeFile(const pacs::StoreContext& context) override {
        const QString path = QString::fromStdString(context.receivedFile.string());
        return keep({readAll(path), false, false, QFile::exists(path)});
    }
    pacs::StoreOutcome storeReceived(std::string_view bytes, const pacs::StoreContext& context) override {
        if (!inMemoryPath_) return NodeServices::storeReceived(bytes, context);
        const bool aligned = reinterpret_cast<std::uintptr_t>(bytes.data()) % 4096 == 0;
        return keep({std::string(bytes), true, aligned, false});
    }
    std::vector<pacs::QueryMatch> find(const pacs::QueryRequest&) override { return {}; }
    std::vector<pacs::StoredObject> locate(const pacs::QueryRequest&) override { return {}; }

    std::vector<Received> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

private:
    pacs::StoreOutcome keep(Received r) {
        std::lock_guard lock(mutex_);
        received_.push_back(std::move(r));
        return {pacs::StoreOutcome::Status::Stored, {}};
    }
    bool inMemoryPath_;
    std::mutex mutex_;
    std::vector<Received> received_;
};

}  // namespace

class TestStoreReceive : public QObject {
    Q_OBJECT
    QTemporaryDir work;
    QStringList files;  // synthetic CT slices

    struct Node {
        QTemporaryDir spool;
        Capture services;
        std::unique_ptr<pacs::DicomNode> node;
        Node(bool inMemoryPath, std::size_t limit) : services(inMemoryPath) {
            pacs::NodeConfig config;
            config.aeTitle = "RECEIVER";
            config.port = test::freeTcpPort();
            config.spoolDirectory = spool.path().toStdString();
            config.maxInMemoryObject = limit;
            node = std::make_unique<pacs::DicomNode>(config, services);
            node->start();
        }
        ~Node() {
            node->stop();
            node->wait();
        }
        QString port() const { return QString::number(node->port()); }
        // Once every association has ended (DicomNode::wait()).
        QStringList spoolFilesAfterStop() {
            node->stop();
            node->wait();
            return QDir(spool.path()).entryList(QDir::Files);
        }
    };

    // Sends the files with storescu; every one must be acknowledged.
    void send(const Node& node, const QStringList& which) {
        test::ProcessResult r = test::run("storescu", QStringList{"-aet", "SENDER", "-aec", "RECEIVER", "127.0.0.1", node.port()} + which);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // Each received object holds the sent file's data set bit for bit, behind
    // a meta header naming its SOP Instance and transfer syntax.
    void checkIdentical(const std::vector<Received>& got, const QStringList& sent) {
        QCOMPARE(got.size(), std::size_t(sent.size()));
        for (const QString& path : sent) {
            const std::string original = readAll(path);
            const core::DicomFile file = core::DicomFile::open(path.toStdString(), core::DicomFile::Extent::HeaderOnly);
            const std::string uid = file.stringOr(core::tags::SOPInstanceUID, "");
            bool found = false;
            for (const Received& r : got) {
                const core::DicomFile parsed = core::DicomFile::fromView(r.bytes, "received", core::DicomFile::Extent::HeaderOnly);
                if (parsed.stringOr(core::tags::SOPInstanceUID, "") != uid) continue;
                found = true;
                QCOMPARE(r.bytes.substr(128, 4), std::string("DICM"));
                QCOMPARE(parsed.meta().stringOr(core::Tag{0x0002, 0x0003} /* Media Storage SOP Instance UID */, ""), uid);
                QCOMPARE(parsed.transferSyntaxUid(), file.transferSyntaxUid());
                QVERIFY(dataSetOf(r.bytes) == dataSetOf(original));
            }
            QVERIFY2(found, qPrintable("not received: " + path));
        }
    }

private slots:
    void initTestCase() {
        for (const char* tool : {"storescu", "echoscu"})
            if (!test::haveProgram(tool)) QSKIP(qPrintable(QString("%1 not installed (scripts/install-deps.sh)").arg(tool)));
        const QString synth = work.filePath("synth");
        test::ProcessResult r = test::runCli({"synth", "--out", synth, "--slices", "3", "--only", "ct-current"}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        files = test::dicomFilesUnder(synth);
        QVERIFY(files.size() >= 3);
    }

    void receivesIntoMemoryWithItsChecksum() {
        Node node(true, 8u << 20);
        send(node, files);
        const std::vector<Received> got = node.services.received();
        checkIdentical(got, files);
        for (const Received& r : got) {
            QVERIFY(r.inMemory);
            QVERIFY(r.pageAligned);
        }
        QVERIFY(node.spoolFilesAfterStop().isEmpty());
        QCOMPARE(node.node->statistics().stored, std::uint64_t(files.size()));
    }

    // Every DICOM object we write passes dciodvfy: the meta header we build is one.
    void receivedObjectPassesDciodvfy() {
        if (!test::haveProgram("dciodvfy")) QSKIP("dciodvfy not installed (scripts/install-deps.sh)");
        Node node(true, 8u << 20);
        send(node, files.mid(0, 1));
        const std::vector<Received> got = node.services.received();
        QCOMPARE(got.size(), std::size_t(1));
        const QString written = work.filePath("received.dcm");
        QFile out(written);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(got.front().bytes.data(), qint64(got.front().bytes.size()));
        out.close();
        const QStringList errors = test::dciodvfyErrors(written);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join("\n")));
    }

    // Past the in-memory limit the data set continues in a spool file, which
    // the receiver gets through storeFile(); the file is gone afterwards.
    void largeObjectsContinueInASpoolFile() {
        Node node(true, 16u << 10);
        send(node, files);
        const std::vector<Received> got = node.services.received();
        checkIdentical(got, files);
        for (const Received& r : got) {
            QVERIFY(!r.inMemory);
            QVERIFY(r.fileExisted);
        }
        const QStringList left = node.spoolFilesAfterStop();
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
    }

    // A receiver made for spool files (NodeServices' default storeReceived)
    // gets one, with the same bytes; the node removes it afterwards.
    void receiversWithoutAnInMemoryPathGetASpoolFile() {
        Node node(false, 8u << 20);
        send(node, files);
        const std::vector<Received> got = node.services.received();
        checkIdentical(got, files);
        for (const Received& r : got) QVERIFY(r.fileExisted);
        const QStringList left = node.spoolFilesAfterStop();
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
    }

    // An association aborted in the middle of a data set: nothing is handed
    // over, no spool file is left, the node keeps serving.
    void abortedDataSetIsNeverHandedOver_data() {
        QTest::addColumn<int>("limit");
        QTest::newRow("in memory") << (8 << 20);
        QTest::newRow("spilled to a spool file") << (16 << 10);
    }
    void abortedDataSetIsNeverHandedOver() {
        QFETCH(int, limit);
        Node node(true, std::size_t(limit));
        test::ProcessResult aborted = test::run(LIGHTBOX_TEST_SCU, {"abort", "127.0.0.1", node.port(), "RECEIVER", files.front()});
        QCOMPARE(aborted.exitCode, 0);
        QVERIFY2(aborted.out.startsWith("aborted"), aborted.out.constData());
        // The node still answers, and a whole object still arrives.
        QCOMPARE(test::run("echoscu", {"-aet", "SENDER", "-aec", "RECEIVER", "127.0.0.1", node.port()}).exitCode, 0);
        send(node, files.mid(1, 1));
        const std::vector<Received> got = node.services.received();
        checkIdentical(got, files.mid(1, 1));
        const QStringList left = node.spoolFilesAfterStop();
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestStoreReceive)
#include "tst_store_receive.moc"
