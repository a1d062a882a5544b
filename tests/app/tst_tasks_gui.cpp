// The main window's task panel with its real jobs, cancelled by the user:
// an import of a folder of synthetic CT files and a retrieve (C-GET) from a
// real Orthanc, each cancelled through its row's Cancel button part-way.
// The job stops before it has done everything, the panel says it was
// cancelled, and the archive holds only complete objects (verified, each
// object's data set identical to the one sent). And the Settings dialog's
// Display page: what it offers, and that its buttons open the QC tools.

#include "MainWindow.h"
#include "ArchiveTasks.h"
#include "OrthancPeer.h"
#include "SettingsDialog.h"
#include "TaskPanel.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/Integrity.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/Tag.h"
#include "lightbox/viewer/ShortcutMap.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace lightbox;

namespace {

constexpr const char* kLocalAet = "LBXTASKS";

// SOP Instance UID -> the data set as sent, for every file below `dir`.
std::map<std::string, QByteArray> dataSetsBySop(const QString& dir) {
    std::map<std::string, QByteArray> out;
    for (const QString& f : test::dicomFilesUnder(dir)) out[test::sopInstanceUid(f).toStdString()] = test::dataSetBytesOfFile(f);
    return out;
}

// Every object of `studyUid` in the archive is complete: the archive
// verifies (hashes, index and files agree), no pixel data is cut short and
// each data set is byte for byte the one sent. Returns how many there are
// (-1 after a failed QVERIFY).
int checkOnlyCompleteObjects(const archive::Archive& archive, const std::string& studyUid,
                             const std::map<std::string, QByteArray>& sent) {
    const archive::VerifyReport report = archive.verify();
    if (!report.ok()) {
        QTest::qFail(qPrintable("archive verify: " + QString::fromStdString(report.problems.front().detail)), __FILE__, __LINE__);
        return -1;
    }
    int count = 0;
    for (const archive::LocatedInstance& i : archive.locate(archive::Level::Study, {{"StudyInstanceUID", studyUid}})) {
        const std::string bytes = archive.read(i);
        const core::DicomFile file = core::DicomFile::fromBytes(bytes, i.sopInstanceUid);
        if (file.pixelDataTruncated() || !file.pixelDataPresent()) {
            QTest::qFail(qPrintable("incomplete pixel data in " + QString::fromStdString(i.sopInstanceUid)), __FILE__, __LINE__);
            return -1;
        }
        const auto original = sent.find(i.sopInstanceUid);
        if (original == sent.end() ||
            test::dataSetBytes(QByteArray(bytes.data(), qsizetype(bytes.size()))) != original->second) {
            QTest::qFail(qPrintable("not the object sent: " + QString::fromStdString(i.sopInstanceUid)), __FILE__, __LINE__);
            return -1;
        }
        ++count;
    }
    return count;
}

// Clicks the Cancel button of the job's row in the panel, as a user would.
bool clickCancel(app::TaskPanel& tasks, int job) {
    auto* row = tasks.findChild<QWidget*>(QString("task%1").arg(job));
    auto* button = row ? row->findChild<QAbstractButton*>("cancel") : nullptr;
    if (!button || !button->isVisible()) return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

// Waits until the job has stored something, clicks its Cancel button and waits
// for the job to end: it must end Cancelled, part-way, the panel saying so.
void cancelPartWay(app::TaskPanel& tasks, int job, qint64 total, QSignalSpy& finished, int timeoutMs, const char* what) {
    QTRY_VERIFY_WITH_TIMEOUT(tasks.done(job) >= 1 || tasks.state(job) != app::TaskPanel::State::Running, timeoutMs);
    QVERIFY2(tasks.state(job) == app::TaskPanel::State::Running,
             qPrintable(QString("the %1 ended before it could be cancelled: ").arg(what) + tasks.statusText(job) + " " +
                        tasks.errors(job).join('\n')));
    QCOMPARE(tasks.total(job), total);
    QElapsedTimer stopping;
    stopping.start();
    QVERIFY(clickCancel(tasks, job));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), timeoutMs);
    qInfo("%s: cancelled after %lld of %lld objects, stopped %lld ms after the click", what, tasks.done(job), total,
          stopping.elapsed());
    QCOMPARE(finished.front().at(0).toInt(), job);
    QCOMPARE(tasks.state(job), app::TaskPanel::State::Cancelled);
    QVERIFY2(tasks.statusText(job).startsWith("Cancelled"), qPrintable(tasks.statusText(job)));
    QCOMPARE(tasks.runningCount(), 0);
}

}  // namespace

class TestTasksGui : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("settings"));
        qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());
        qputenv("LIGHTBOX_QC_HISTORY", dir_.filePath("qc-history.sqlite").toUtf8());  // never the user's
        QCoreApplication::setOrganizationName("LightboxTest");
        QCoreApplication::setApplicationName("tst_tasks_gui");
    }

    // Import of a folder (1,500 small CT slices) cancelled as soon as it has stored some.
    void importCancelledFromThePanel() {
        const QString source = dir_.filePath("import-source");
        core::SynthOptions options;
        options.only = "ct-current";
        options.slices = 1500;
        options.matrix = 64;
        const auto truth = core::writeSyntheticPatients(source.toStdString(), options);
        QFile::remove(source + "/truth.json");  // not DICOM: the import would list it as rejected
        const std::map<std::string, QByteArray> sent = dataSetsBySop(source);
        QCOMPARE(int(sent.size()), 1500);
        const std::string studyUid = core::DicomFile::open(test::dicomFilesUnder(source).front().toStdString(),
                                                           core::DicomFile::Extent::HeaderOnly)
                                         .stringOr(core::tags::StudyInstanceUID, "");

        auto archive = archive::Archive::open(dir_.filePath("import-archive").toStdString());
        {
            app::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setArchive(archive.get());
            app::TaskPanel& tasks = *window.taskPanel();
            QSignalSpy finished(&tasks, &app::TaskPanel::jobFinished);
            bool done = false;
            window.importIntoArchive({source}, [&] { done = true; });
            const int job = tasks.jobs().back();
            QCOMPARE(tasks.state(job), app::TaskPanel::State::Running);
            cancelPartWay(tasks, job, 1500, finished, 60000, "import");
            if (QTest::currentTestFailed()) return;
            QVERIFY2(tasks.errors(job).isEmpty(), qPrintable(tasks.errors(job).join('\n')));
            QTRY_VERIFY_WITH_TIMEOUT(done, 15000);  // the browser reloaded
            // The row now offers to remove it; the job is not running any more.
            auto* row = tasks.findChild<QWidget*>(QString("task%1").arg(job));
            QVERIFY(row);
        }
        const int held = checkOnlyCompleteObjects(*archive, studyUid, sent);
        QVERIFY(held >= 0);
        QVERIFY2(held < 1500, qPrintable(QString("%1 of 1500 objects imported: not cancelled part-way").arg(held)));
        qInfo("import: %d complete objects in the archive", held);
        // The next import of the same folder completes the study.
        const archive::ImportSummary again = archive->importPaths({source.toStdString()});
        QCOMPARE(int(again.imported + again.duplicates), 1500);
        QCOMPARE(checkOnlyCompleteObjects(*archive, studyUid, sent), 1500);
    }

    // Retrieve (C-GET) of a 1,000-image study from a real Orthanc, cancelled
    // from the panel as soon as part of it has arrived.
    void retrieveCancelledFromThePanel() {
        if (!test::OrthancPeer::available()) QSKIP("Orthanc, its DICOMweb plugin or curl not installed (scripts/install-deps.sh)");
        const quint16 localPort = test::freeTcpPort();
        test::OrthancPeer orthanc(dir_.filePath("orthanc"),
                                  QJsonObject{{"DicomModalities", QJsonObject{{"lightbox", QJsonArray{kLocalAet, "127.0.0.1", localPort}}}}});
        QVERIFY2(orthanc.start(), orthanc.output().right(3000).constData());
        const QString source = dir_.filePath("retrieve-source");
        core::SynthOptions options;
        options.only = "ct-prior";
        options.slices = 1000;
        options.matrix = 256;
        core::writeSyntheticPatients(source.toStdString(), options);
        const QStringList files = test::dicomFilesUnder(source);
        QCOMPARE(files.size(), 1000);
        QCOMPARE(orthanc.upload(files), files.size());
        const std::map<std::string, QByteArray> sent = dataSetsBySop(source);
        const std::string studyUid =
            core::DicomFile::open(files.front().toStdString(), core::DicomFile::Extent::HeaderOnly).stringOr(core::tags::StudyInstanceUID, "");

        pacs::RemoteNode node;
        node.name = "orthanc";
        node.aeTitle = "ORTHANC";
        node.host = "127.0.0.1";
        node.port = orthanc.dicomPort();
        node.retrieveMethod = pacs::RetrieveMethod::Get;
        auto archive = archive::Archive::open(dir_.filePath("retrieve-archive").toStdString());
        {
            app::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setArchive(archive.get());
            app::TaskPanel& tasks = *window.taskPanel();
            QSignalSpy finished(&tasks, &app::TaskPanel::jobFinished);
            const int job = app::startRetrieveTask(tasks, *archive, node, QString::fromStdString(studyUid), "CT prior",
                                                   {kLocalAet, localPort});
            QVERIFY(tasks.title(job).contains("orthanc"));
            cancelPartWay(tasks, job, 1000, finished, 120000, "retrieve");
            if (QTest::currentTestFailed()) return;
        }
        const int held = checkOnlyCompleteObjects(*archive, studyUid, sent);
        QVERIFY(held >= 0);
        QVERIFY2(held < 1000, qPrintable(QString("%1 of 1000 objects retrieved: not cancelled part-way").arg(held)));
        qInfo("retrieve: %d complete objects in the archive", held);
        // Nothing half-received is left where the archive adopts from.
        const QDir spool(dir_.filePath("retrieve-archive/incoming/network"));
        QVERIFY2(spool.entryList(QDir::Files).isEmpty(), qPrintable(spool.entryList(QDir::Files).join(", ")));
    }

    // Settings > Display: the explanation and one button per QC tool, each
    // opening that tool (the calibration it saves is what the viewports apply).
    void displayPageOffersTheQcTools() {
        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QList<QAction*> actions;
        for (const char* name : {"qcWizard", "qcHistory"}) {
            auto* a = window.findChild<QAction*>(name);
            QVERIFY2(a, name);
            actions << a;
        }
        app::SettingsDialog dialog({}, viewer::ShortcutMap::global(), dir_.filePath("config/nodes.json").toStdString(), actions,
                                   &window);
        QTabWidget* pages = dialog.pages();
        int display = -1;
        for (int i = 0; i < pages->count(); ++i)
            if (pages->tabText(i).remove('&') == "Display") display = i;
        QVERIFY(display >= 0);
        QWidget* page = pages->widget(display);
        bool explained = false;
        for (QLabel* label : page->findChildren<QLabel*>())
            explained |= label->text().contains("Grayscale Standard Display Function");
        QVERIFY(explained);
        QStringList offered;
        for (QPushButton* b : page->findChildren<QPushButton*>()) offered << b->text();
        QCOMPARE(offered, (QStringList{"QC Wizard...", "QC History..."}));
        // Each button triggers its tool's action; the history opens as a window of its own.
        for (int k = 0; k < 2; ++k) {
            QSignalSpy triggered(actions[k], &QAction::triggered);
            QPushButton* button = page->findChildren<QPushButton*>().at(k);
            pages->setCurrentIndex(display);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QWidgetList before = QApplication::topLevelWidgets();
            QTest::mouseClick(button, Qt::LeftButton);
            QCOMPARE(triggered.count(), 1);
            QWidget* opened = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT([&] {
                for (QWidget* w : QApplication::topLevelWidgets())
                    if (!before.contains(w) && w->isVisible()) opened = w;
                return opened != nullptr;
            }(), 10000);
            opened->close();
        }
    }
};

QTEST_MAIN(TestTasksGui)
#include "tst_tasks_gui.moc"
