// The remote nodes settings dialog: nodes added and edited in the form are
// written to the nodes file lightbox-cli reads; "Test Connection" runs off
// the GUI thread against a real peer (DCMTK's storescp answers C-ECHO) and
// reports failures with the node and the reason.

#include "RemoteNodesDialog.h"
#include "TestSupport.h"

#include "lightbox/pacsclient/RemoteNode.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;

class TestRemoteNodesDialog : public QObject {
    Q_OBJECT

    template <typename T>
    static T* child(QWidget& w, const char* name) {
        T* c = w.findChild<T*>(name);
        if (!c) qFatal("no child %s", name);
        return c;
    }

private slots:
    void editSaveAndTest() {
        if (!test::haveProgram("storescp")) QSKIP("storescp not installed (scripts/install-deps.sh)");
        QTemporaryDir dir;
        const quint16 port = test::freeTcpPort();
        test::BackgroundProcess scp("storescp", {"-aet", "ECHOPEER", "-od", dir.path(), QString::number(port)});
        QVERIFY(test::waitForPort(port));

        const std::filesystem::path file = dir.filePath("config/nodes.json").toStdString();
        app::RemoteNodesDialog dialog(file, "LIGHTBOX");
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(child<QPushButton>(dialog, "addNode"), Qt::LeftButton);
        QCOMPARE(child<QListWidget>(dialog, "nodeList")->count(), 1);
        child<QLineEdit>(dialog, "name")->setText("echo peer");
        child<QLineEdit>(dialog, "aeTitle")->setText("ECHOPEER");
        child<QLineEdit>(dialog, "host")->setText("127.0.0.1");
        child<QSpinBox>(dialog, "port")->setValue(port);
        child<QComboBox>(dialog, "retrieveMethod")->setCurrentIndex(1);  // C-GET
        child<QSpinBox>(dialog, "connectTimeout")->setValue(5);

        QSignalSpy finished(&dialog, &app::RemoteNodesDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "testConnection"), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
        QVERIFY(child<QLabel>(dialog, "testResult")->text().contains("C-ECHO"));

        // A port nobody listens on: a failure naming the node, the GUI never blocked.
        const quint16 closed = test::freeTcpPort();
        child<QSpinBox>(dialog, "port")->setValue(closed);
        finished.clear();
        QTest::mouseClick(child<QPushButton>(dialog, "testConnection"), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.front().at(0).toBool());
        QVERIFY2(finished.front().at(1).toString().contains(QString("ECHOPEER@127.0.0.1:%1").arg(closed)),
                 qPrintable(finished.front().at(1).toString()));

        child<QSpinBox>(dialog, "port")->setValue(port);
        QString error;
        QVERIFY2(dialog.save(true, &error), qPrintable(error));
        const auto nodes = pacs::readRemoteNodes(file);
        QCOMPARE(nodes.size(), std::size_t(1));
        QCOMPARE(nodes[0].name, std::string("echo peer"));
        QCOMPARE(nodes[0].port, int(port));
        QVERIFY(nodes[0].retrieveMethod == pacs::RetrieveMethod::Get);
        QCOMPARE(nodes[0].connectTimeoutSeconds, 5);

        // lightbox-cli reaches the node the dialog wrote.
        test::ProcessResult r = test::runCli({"pacs", "--nodes", dir.filePath("config/nodes.json"), "--node", "echo peer", "echo"});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // An invalid node is refused with the reason, and nothing is written.
        child<QLineEdit>(dialog, "aeTitle")->setText("");
        child<QLineEdit>(dialog, "host")->setText("");
        QVERIFY(!dialog.save(true, &error));
        QVERIFY2(error.contains("neither an AE title"), qPrintable(error));
        QCOMPARE(pacs::readRemoteNodes(file).front().aeTitle, std::string("ECHOPEER"));

        // Reopened, the dialog shows what was saved.
        app::RemoteNodesDialog again(file, "LIGHTBOX");
        QCOMPARE(child<QListWidget>(again, "nodeList")->count(), 1);
        QCOMPARE(child<QLineEdit>(again, "aeTitle")->text(), QString("ECHOPEER"));
        QCOMPARE(child<QComboBox>(again, "retrieveMethod")->currentData().toString(), QString("get"));
    }

    // A peer that accepts the TCP connection and never answers: the test
    // would wait out the timeouts; Cancel Test stops waiting at once, and
    // closing the dialog afterwards does not wait for the attempt either.
    void testConnectionCanBeCancelled() {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QTemporaryDir dir;
        auto dialog = std::make_unique<app::RemoteNodesDialog>(dir.filePath("nodes.json").toStdString(), "LIGHTBOX");
        dialog->show();
        QTest::mouseClick(child<QPushButton>(*dialog, "addNode"), Qt::LeftButton);
        child<QLineEdit>(*dialog, "name")->setText("silent");
        child<QLineEdit>(*dialog, "aeTitle")->setText("SILENT");
        child<QLineEdit>(*dialog, "host")->setText("127.0.0.1");
        child<QSpinBox>(*dialog, "port")->setValue(silent.serverPort());
        child<QSpinBox>(*dialog, "connectTimeout")->setValue(120);
        child<QSpinBox>(*dialog, "dimseTimeout")->setValue(120);
        QPushButton* cancel = child<QPushButton>(*dialog, "cancelTest");
        QVERIFY(!cancel->isVisible());

        QSignalSpy finished(dialog.get(), &app::RemoteNodesDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(*dialog, "testConnection"), Qt::LeftButton);
        QVERIFY(dialog->isTesting());
        QVERIFY(cancel->isVisible());
        QVERIFY(!child<QPushButton>(*dialog, "testConnection")->isEnabled());
        QTRY_VERIFY(silent.hasPendingConnections() || silent.waitForNewConnection(0));  // the attempt reached the peer
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(finished.count(), 1);  // at once, not after the timeout
        QVERIFY(!finished.front().at(0).toBool());
        QVERIFY(child<QLabel>(*dialog, "testResult")->text().contains("cancelled"));
        QVERIFY(!dialog->isTesting());
        QVERIFY(child<QPushButton>(*dialog, "testConnection")->isEnabled());
        QVERIFY(!cancel->isVisible());
        dialog.reset();  // returns although the abandoned attempt still waits on the silent peer
        silent.close();
    }
};

QTEST_MAIN(TestRemoteNodesDialog)
#include "tst_remote_nodes_dialog.moc"
