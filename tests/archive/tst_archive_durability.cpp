// Nothing acknowledged is ever lost: `lightbox-cli archive import` of 1,000
// synthetic CT instances is killed with SIGKILL in the middle; afterwards
// verify passes and every object it had reported as stored is present and
// byte-identical to its source. The import then completes on a rerun.

#include "ArchiveTestSupport.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;

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
        QTest::newRow("early") << 50;
        QTest::newRow("middle") << 400;
    }

    void killedMidIngest() {
        QFETCH(int, killAfter);
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
};

QTEST_GUILESS_MAIN(TestArchiveDurability)
#include "tst_archive_durability.moc"
