// The study browser of the main window against a real archive filled from
// the synthetic patients: search by name (wildcards, any case), date range,
// modality and accession; a study arriving over C-STORE (DCMTK's storescu to
// the window's own listener) or stored behind the window's back appears in
// the open browser without losing the selection; series thumbnails; the
// task panel runs imports side by side and cancels; recent studies persist.

#include "MainWindow.h"
#include "RecentStudies.h"
#include "StudySearchPanel.h"
#include "TaskPanel.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/Tag.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <set>
#include <thread>

using namespace lightbox;
using namespace lightbox::core;

namespace {

// One 16 x 16 CT slice of a study that is not in the synthetic set.
void writeSlice(const QString& path, int n, const std::string& study, const std::string& name, const std::string& date) {
    DatasetBuilder b;
    b.text(tags::SpecificCharacterSet, "CS", "ISO_IR 192")
        .text(tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text(tags::SOPInstanceUID, "UI", uidFromName(study + std::to_string(n)))
        .text(tags::StudyInstanceUID, "UI", uidFromName(study))
        .text(tags::SeriesInstanceUID, "UI", uidFromName(study + "/series"))
        .text(tags::StudyDate, "DA", date)
        .text(tags::StudyDescription, "LO", "CT " + study)
        .text(tags::AccessionNumber, "SH", "ACC-" + study)
        .text(tags::SeriesDescription, "LO", "Axial")
        .text(tags::SeriesNumber, "IS", "2")
        .text(tags::Modality, "CS", "CT")
        .text(tags::PatientName, "PN", name)
        .text(tags::PatientID, "LO", "ID-" + study)
        .text(tags::InstanceNumber, "IS", std::to_string(n))
        .text(tags::ImagePositionPatient, "DS", formatDsList({0, 0, double(n) * 3}))
        .text(tags::ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
        .text(tags::PixelSpacing, "DS", "1\\1")
        .text(tags::RescaleIntercept, "DS", "-1024").text(tags::RescaleSlope, "DS", "1")
        .us(tags::SamplesPerPixel, 1).text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, 16).us(tags::Columns, 16)
        .us(tags::BitsAllocated, 16).us(tags::BitsStored, 12).us(tags::HighBit, 11).us(tags::PixelRepresentation, 0);
    std::vector<std::uint8_t> px(512, 0);
    for (std::size_t i = 0; i < px.size(); i += 2) px[i] = std::uint8_t(n * 20);
    px[1] = 4;
    b.binary(tags::PixelData, "OW", px);
    b.write(path.toStdString());
}

app::StudySearch byName(const QString& name) {
    app::StudySearch s;
    s.patientName = name;
    return s;
}

struct Study {
    std::string uid, patientId, patientName, date, accession, modality;
};

}  // namespace

class TestStudyBrowser : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<archive::Archive> archive_;
    std::vector<Study> studies_;  // what truth.json says was written

    std::set<std::string> found(const app::StudySearchPanel& panel) const {
        std::set<std::string> uids;
        for (const auto& r : panel.rows()) uids.insert(r.value("StudyInstanceUID").toStdString());
        return uids;
    }
    template <typename Pred>
    std::set<std::string> expected(Pred pred) const {
        std::set<std::string> uids;
        for (const auto& s : studies_)
            if (pred(s)) uids.insert(s.uid);
        return uids;
    }
    // Sets the fields and waits for the local answer.
    static bool searchFor(app::StudySearchPanel& panel, const app::StudySearch& search) {
        QSignalSpy done(&panel, &app::StudySearchPanel::localResultsChanged);
        panel.setSearch(search);
        panel.runSearch();
        return done.wait(15000);
    }

private slots:
    void initTestCase() {
        // Settings and the nodes file of this test only, never the user's.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("settings"));
        qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());
        QCoreApplication::setOrganizationName("LightboxTest");
        QCoreApplication::setApplicationName("tst_study_browser");

        core::SynthOptions options;
        options.slices = 6;
        options.matrix = 48;
        const auto truth = nlohmann::json::parse(core::writeSyntheticPatients(dir_.filePath("synth").toStdString(), options));
        for (const auto& p : truth["patients"])
            for (const auto& s : p["studies"])
                studies_.push_back({s["studyInstanceUid"], p["patientId"], p["patientName"], s["studyDate"],
                                    s["accessionNumber"], s["modality"]});
        QVERIFY(studies_.size() >= 10);
        archive_ = archive::Archive::open(dir_.filePath("archive").toStdString());
        const archive::ImportSummary summary = archive_->importPaths({dir_.filePath("synth").toStdString()});
        for (const auto& r : summary.rejected)  // truth.json is not DICOM; everything else must go in
            QVERIFY2(r.source.ends_with("truth.json"), r.reason.c_str());
        QVERIFY(summary.imported > 0);
    }

    void searchByNameDateModalityAccession() {
        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool loaded = false;
        window.setArchive(archive_.get(), [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 15000);
        app::StudySearchPanel& panel = *window.studySearch();

        // Everything: one row per study, local.
        QVERIFY(searchFor(panel, {}));
        QCOMPARE(found(panel), expected([](const Study&) { return true; }));
        for (const auto& r : panel.rows()) QVERIFY(r.node.isEmpty());
        QCOMPARE(panel.resultsView()->topLevelItemCount(), int(studies_.size()));

        // Name: lower case, no wildcard = prefix; UTF-8 names as typed.
        QVERIFY(searchFor(panel, byName(QString::fromUtf8("müller"))));
        auto mueller = expected([](const Study& s) { return s.patientName.rfind("MÜLLER", 0) == 0; });
        QVERIFY(!mueller.empty());
        QCOMPARE(found(panel), mueller);
        QCOMPARE(panel.resultsView()->topLevelItem(0)->text(0), QString::fromUtf8("MÜLLER, ANNA"));
        // Wildcards * and ? anywhere.
        QVERIFY(searchFor(panel, byName("ph?nt*chest")));
        auto phantom = expected([](const Study& s) { return s.patientName == "PHANTOM^CHEST"; });
        QVERIFY(phantom.size() >= 2);
        QCOMPARE(found(panel), phantom);
        QVERIFY(searchFor(panel, byName("*anna")));
        QCOMPARE(found(panel), mueller);
        QVERIFY(searchFor(panel, byName("nobody")));
        QVERIFY(panel.rows().empty());

        // Date range (inclusive), with and without a name.
        app::StudySearch range;
        range.from = QDate(2026, 1, 1);
        range.to = QDate(2026, 11, 20);
        QVERIFY(searchFor(panel, range));
        auto in2026 = expected([](const Study& s) { return s.date >= "20260101" && s.date <= "20261120"; });
        QVERIFY(in2026.size() >= 3);
        QCOMPARE(found(panel), in2026);
        // The quick ranges set the date fields relative to today.
        panel.setDateRangeDays(7);
        QCOMPARE(*panel.search().from, QDate::currentDate().addDays(-7));
        QCOMPARE(*panel.search().to, QDate::currentDate());
        panel.setDateRangeDays(-1);
        QVERIFY(!panel.search().from && !panel.search().to);

        // Modality (Modalities in Study).
        app::StudySearch mg;
        mg.modality = "mg";
        QVERIFY(searchFor(panel, mg));
        auto mammo = expected([](const Study& s) { return s.modality == "MG"; });
        QCOMPARE(mammo.size(), std::size_t(2));
        QCOMPARE(found(panel), mammo);

        // Accession number: exactly that study.
        const Study& one = studies_[studies_.size() / 2];
        app::StudySearch byAccession;
        byAccession.accession = QString::fromStdString(one.accession);
        QVERIFY(searchFor(panel, byAccession));
        QCOMPARE(found(panel), std::set<std::string>{one.uid});

        // Patient ID with a date range: both must hold.
        app::StudySearch both;
        both.patientId = "LBX-CT-001";
        both.from = QDate(2026, 1, 1);
        QVERIFY(searchFor(panel, both));
        QCOMPARE(found(panel), expected([](const Study& s) { return s.patientId == "LBX-CT-001" && s.date >= "20260101"; }));

        // The selected study's series with a thumbnail each (decoded in the background).
        QVERIFY(searchFor(panel, {}));
        QVERIFY(panel.selectStudy(QString::fromStdString(*phantom.begin())));
        QTRY_VERIFY_WITH_TIMEOUT(panel.seriesView()->count() >= 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.thumbnailCount() >= panel.seriesView()->count(), 30000);
        QVERIFY(!panel.seriesView()->item(0)->icon().isNull());
        // A real image (the phantom's bright bone), not the "no image" placeholder.
        const QImage thumb = panel.thumbnail(panel.seriesView()->item(0)->data(Qt::UserRole).toString());
        QVERIFY(!thumb.isNull());
        QVERIFY(thumb.width() <= 96 && thumb.height() <= 96 && std::max(thumb.width(), thumb.height()) == 96);
        int brightest = 0;
        for (int y = 0; y < thumb.height(); ++y)
            for (int x = 0; x < thumb.width(); ++x) brightest = std::max(brightest, qGray(thumb.pixel(x, y)));
        QVERIFY2(brightest > 180, qPrintable(QString::number(brightest)));
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) {
            QTest::qWait(200);
            window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/study-browser.png");
        }
    }

    // A study sent with storescu to the window's listener appears in the
    // open search (which was waiting for it by name), and a broader search
    // keeps its selection while rows arrive.
    void studyArrivingOverCStoreAppears() {
        if (!test::haveProgram("storescu")) QSKIP("storescu not installed (scripts/install-deps.sh)");
        app::MainWindow window;
        window.show();
        bool loaded = false;
        window.setArchive(archive_.get(), [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 15000);
        app::StudySearchPanel& panel = *window.studySearch();
        QVERIFY(searchFor(panel, {}));
        const std::size_t before = panel.rows().size();
        const QString keep = QString::fromStdString(studies_.back().uid);
        QVERIFY(panel.selectStudy(keep));

        const quint16 port = test::freeTcpPort();
        QString error;
        QVERIFY2(window.startListening("LIGHTBOX", port, &error), qPrintable(error));
        QTemporaryDir incoming;
        for (int n = 0; n < 3; ++n) writeSlice(incoming.filePath(QString("n%1.dcm").arg(n)), n, "arrival", "NEWCOMER^NINA", "20261128");
        const test::ProcessResult sent = test::run("storescu", {"-aec", "LIGHTBOX", "+sd", "+sp", "*.dcm", "127.0.0.1",
                                                                QString::number(port), incoming.path()});
        QCOMPARE(sent.exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), before + 1, 15000);
        QCOMPARE(panel.selectedStudy(), keep);  // the selection stayed

        // Searching for the newcomer finds it with its accession and date.
        QVERIFY(searchFor(panel, byName("newcomer")));
        QCOMPARE(panel.rows().size(), std::size_t(1));
        QCOMPARE(panel.rows().front().value("AccessionNumber"), QString("ACC-arrival"));
        QCOMPARE(panel.resultsView()->topLevelItem(0)->text(2), QString("2026-11-28"));
        window.stopListening();
    }

    // Objects stored by someone else (here the test, through the archive
    // directly - as another process would) reach the open search through the
    // watch on the archive's index; the selection stays.
    void studyStoredBehindTheWindowAppears() {
        app::MainWindow window;
        window.show();
        bool loaded = false;
        window.setArchive(archive_.get(), [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 15000);
        app::StudySearchPanel& panel = *window.studySearch();
        QVERIFY(searchFor(panel, byName("late*")));
        QVERIFY(panel.rows().empty());
        QTemporaryDir incoming;
        for (int n = 0; n < 2; ++n) writeSlice(incoming.filePath(QString("l%1.dcm").arg(n)), n, "late", "LATECOMER^LEO", "20261129");
        archive_->importPaths({incoming.path().toStdString()});
        QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), std::size_t(1), 15000);
        QCOMPARE(panel.selectedStudy(), QString::fromStdString(uidFromName("late")));
    }

    // Imports run as tasks side by side with progress; errors are listed;
    // Cancel stops a running job.
    void taskPanelRunsImportsAndCancels() {
        app::MainWindow window;
        window.show();
        window.setArchive(archive_.get());
        app::TaskPanel& tasks = *window.taskPanel();

        QTemporaryDir source;
        for (int n = 0; n < 4; ++n) writeSlice(source.filePath(QString("t%1.dcm").arg(n)), n, "tasked", "TASK^TINA", "20261101");
        QFile junk(source.filePath("notes.dcm"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a DICOM file at all");
        junk.close();

        // A job that runs until it is cancelled, beside a real import.
        std::atomic<bool> spinning{false};
        const int spinner = tasks.start("spin", [&spinning](app::TaskContext& context) {
            for (qint64 i = 0; !context.cancelled(); ++i) {
                spinning = true;
                context.progress(i % 100, 100, QString("step %1").arg(i));
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            return QString("stopped");
        });
        QTRY_VERIFY(spinning.load());
        bool imported = false;
        window.importIntoArchive({source.path()}, [&] { imported = true; });
        const int import = tasks.jobs().back();
        QVERIFY(import != spinner);
        QTRY_VERIFY_WITH_TIMEOUT(imported, 20000);
        QCOMPARE(tasks.state(import), app::TaskPanel::State::Succeeded);
        QVERIFY2(tasks.statusText(import).startsWith("4 imported"), qPrintable(tasks.statusText(import)));
        QCOMPARE(tasks.errors(import).size(), 1);
        QVERIFY2(tasks.errors(import).front().contains("notes.dcm"), qPrintable(tasks.errors(import).front()));
        QCOMPARE(tasks.runningCount(), 1);  // the spinner still runs

        // Cancel through its button, as a user would.
        QSignalSpy finished(&tasks, &app::TaskPanel::jobFinished);
        auto* row = tasks.findChild<QWidget*>(QString("task%1").arg(spinner));
        QVERIFY(row);
        QTest::mouseClick(row->findChild<QAbstractButton*>("cancel"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(tasks.state(spinner), app::TaskPanel::State::Cancelled);
        QCOMPARE(tasks.runningCount(), 0);
        tasks.clearFinished();
        QVERIFY(tasks.jobs().isEmpty());

        // A failing job says why.
        const int failing = tasks.start("fail", [](app::TaskContext&) -> QString { throw std::runtime_error("disk on fire"); });
        QTRY_COMPARE_WITH_TIMEOUT(tasks.state(failing), app::TaskPanel::State::Failed, 10000);
        QCOMPARE(tasks.errors(failing), QStringList{"disk on fire"});
    }

    // Opening a study puts it first in the recent list, which survives a restart.
    void recentStudiesPersist() {
        {
            app::RecentStudies recent(3);
            recent.clear();
            for (const char* uid : {"1.1", "1.2", "1.3", "1.4"}) recent.add(uid, QString("study %1").arg(uid));
            recent.add("1.2", "study 1.2");
            QCOMPARE(recent.entries().size(), 3);
            QCOMPARE(recent.entries().front().studyUid, QString("1.2"));
        }
        app::RecentStudies again(3);
        QCOMPARE(again.entries().size(), 3);
        QCOMPARE(again.entries()[0].studyUid, QString("1.2"));
        QCOMPARE(again.entries()[1].studyUid, QString("1.4"));
        QCOMPARE(again.entries()[2].studyUid, QString("1.3"));

        // Through the window: opening from the browser records it.
        app::MainWindow window;
        window.show();
        bool loaded = false;
        window.setArchive(archive_.get(), [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 15000);
        app::StudySearchPanel& panel = *window.studySearch();
        QVERIFY(searchFor(panel, byName("phantom")));
        const QString uid = panel.selectedStudy();
        QVERIFY(!uid.isEmpty());
        panel.openSelected();
        QTRY_COMPARE_WITH_TIMEOUT(window.recentStudies()->entries().front().studyUid, uid, 30000);
        QVERIFY(window.recentStudies()->entries().front().label.contains("PHANTOM"));

        // Next study (Ctrl+PgDown by default): the next row is selected and opened.
        QAction* next = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->property("shortcutId").toString() == "study.next") next = a;
        QVERIFY(next);
        QCOMPARE(next->shortcut(), QKeySequence("Ctrl+PgDown"));
        next->trigger();
        const QString second = panel.selectedStudy();
        QVERIFY(!second.isEmpty() && second != uid);
        QTRY_COMPARE_WITH_TIMEOUT(window.recentStudies()->entries().front().studyUid, second, 30000);
    }

    // A remote node (a second archive served by lightbox-cli: C-FIND, C-GET)
    // is searched beside the local archive, its rows marked with its name;
    // Retrieve brings the study into the local archive as a task, and the
    // local search then lists it.
    void remoteNodeSearchAndRetrieve() {
        QTemporaryDir remoteDir;
        QTemporaryDir source;
        for (int n = 0; n < 3; ++n) writeSlice(source.filePath(QString("r%1.dcm").arg(n)), n, "remote", "FARAWAY^FRIDA", "20261015");
        const test::ProcessResult imported = test::runCli({"archive", "--root", remoteDir.filePath("archive"), "import", source.path()});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const quint16 port = test::freeTcpPort();
        test::BackgroundProcess peer(LIGHTBOX_CLI, {"archive", "--root", remoteDir.filePath("archive"), "serve", "--aet", "FARPEER",
                                                    "--port", QString::number(port)});
        QVERIFY(test::waitForPort(port));
        pacs::RemoteNode node;
        node.name = "far peer";
        node.aeTitle = "FARPEER";
        node.host = "127.0.0.1";
        node.port = port;
        node.retrieveMethod = pacs::RetrieveMethod::Get;
        const std::filesystem::path nodes = remoteDir.filePath("nodes.json").toStdString();
        pacs::writeRemoteNodes(nodes, {node});

        app::MainWindow window;
        window.show();
        bool loaded = false;
        window.setArchive(archive_.get(), [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 15000);
        app::StudySearchPanel& panel = *window.studySearch();
        panel.setRemoteNodesFile(nodes);
        panel.setScope("*");
        QCOMPARE(panel.scope(), QString("*"));
        QSignalSpy finished(&panel, &app::StudySearchPanel::searchFinished);
        panel.setSearch(byName("far*"));
        panel.runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && panel.rows().size() == 1, 20000);
        const auto& row = panel.rows().front();
        QCOMPARE(row.node, QString("far peer"));
        QCOMPARE(row.value("StudyInstanceUID"), QString::fromStdString(uidFromName("remote")));
        QCOMPARE(panel.resultsView()->topLevelItem(0)->text(4), QString("far peer"));  // the Location column
        QVERIFY(panel.selectStudy(row.value("StudyInstanceUID"), "far peer"));
        QVERIFY(panel.findChild<QPushButton*>("retrieve")->isEnabled());
        QVERIFY(!panel.findChild<QPushButton*>("open")->isEnabled());

        QSignalSpy ended(window.taskPanel(), &app::TaskPanel::jobFinished);
        panel.retrieveSelected();
        QVERIFY(ended.wait(60000));
        const int job = ended.front().at(0).toInt();
        QVERIFY2(window.taskPanel()->state(job) == app::TaskPanel::State::Succeeded,
                 qPrintable(window.taskPanel()->errors(job).join('\n')));
        QVERIFY2(window.taskPanel()->statusText(job).startsWith("3 retrieved"), qPrintable(window.taskPanel()->statusText(job)));
        // Now local too: the archive watch adds the local row beside the remote one.
        QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), std::size_t(2), 15000);
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
            window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/study-browser-remote.png");
        int local = 0;
        for (const auto& r : panel.rows()) local += r.node.isEmpty();
        QCOMPARE(local, 1);

        // A node that does not answer is named with the reason; the local results stay.
        node.port = test::freeTcpPort();
        node.connectTimeoutSeconds = 5;
        pacs::writeRemoteNodes(nodes, {node});
        finished.clear();
        panel.runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QCOMPARE(panel.rows().size(), std::size_t(1));
        const QString status = panel.findChild<QLabel*>("searchStatus")->text();
        QVERIFY2(status.contains("far peer failed") && status.contains("FARPEER@127.0.0.1"), qPrintable(status));
    }

    void cleanupTestCase() { archive_.reset(); }
};

QTEST_MAIN(TestStudyBrowser)
#include "tst_study_browser.moc"
