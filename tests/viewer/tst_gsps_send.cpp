// Settings keep the default destinations of saved presentation states;
// sending saved presentation states to a real Orthanc (with its DICOMweb
// plugin) from the reading area, each send a job of the Tasks panel:
// - Ctrl+S with the settings' default list ("orthanc" by C-STORE),
// - Save & Send with the dialog's choice ("orthanc" by STOW-RS),
// - an annotated MPR plane saved as a derived image with its own state,
//   both sent by STOW-RS;
// - a destination the node cannot take (STOW-RS to a node without a DICOMweb
//   address) fails with its reason in the Tasks panel;
// Orthanc's REST API then says what it received: each state, byte for byte
// the data set the archive stored.

#include "OrthancPeer.h"
#include "ArchivedCt.h"
#include "TestSupport.h"

#include "PresentationStateSaving.h"
#include "PresentationStateSending.h"
#include "SettingsDialog.h"
#include "TaskPanel.h"
#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QtTest>

using namespace lightbox;

namespace {

using test::ArchivedCt;

std::unique_ptr<ArchivedCt> archivedCt() { return test::archivedCt(4); }

void drawLength(viewer::Viewport* view, int dy) {
    view->setFocus();
    QTest::keyClick(view, Qt::Key_L);
    const QPoint from = view->rect().center() - QPoint(50, dy), to = view->rect().center() + QPoint(50, dy);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
}

}  // namespace

class TestGspsSend : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings under a test location
        QSettings().clear();
    }

    // Settings > Network lists every method of every node; the checked ones
    // become the default list (what Ctrl+S sends to).
    void settingsKeepTheDefaultList() {
        QTemporaryDir dir;
        pacs::RemoteNode both, web;
        both.name = "pacs", both.aeTitle = "PACS", both.host = "127.0.0.1", both.port = 104;
        both.dicomWeb.baseUrl = "http://127.0.0.1:8042/dicom-web";
        web.name = "cloud", web.dicomWeb.baseUrl = "https://example.invalid/dicomweb";
        web.retrieveMethod = pacs::RetrieveMethod::Wado;
        const std::filesystem::path nodes = dir.filePath("nodes.json").toStdString();
        pacs::writeRemoteNodes(nodes, {both, web});
        {
            QSettings settings;
            app::saveDefaultPresentationStateDestinations(settings, {{"cloud", app::PresentationStateDestination::Method::StowRs}});
        }
        app::SettingsDialog dialog({}, viewer::ShortcutMap::global(), nodes, {});
        auto* list = dialog.findChild<app::PresentationStateDestinationsWidget*>();
        QVERIFY(list);
        QCOMPARE(list->rowCount(), 3);  // pacs: C-STORE and STOW-RS; cloud: STOW-RS
        QCOMPARE(list->destinations(), app::PresentationStateDestinations({{"cloud", app::PresentationStateDestination::Method::StowRs}}));
        list->setChecked({"pacs", app::PresentationStateDestination::Method::CStore}, true);
        list->setChecked({"cloud", app::PresentationStateDestination::Method::StowRs}, false);
        dialog.accept();
        QCOMPARE(app::defaultPresentationStateDestinations(),
                 app::PresentationStateDestinations({{"pacs", app::PresentationStateDestination::Method::CStore}}));
        QSettings().remove("presentationStates/sendTo");
    }

    void sentByCStoreAndStowRs() {
        if (!test::OrthancPeer::available()) QSKIP("Orthanc, its DICOMweb plugin or curl not installed (scripts/install-deps.sh)");
        auto ct = archivedCt();
        QVERIFY(ct);
        QTemporaryDir dir;
        test::OrthancPeer orthanc(dir.filePath("orthanc"));
        QVERIFY2(orthanc.start(), orthanc.output().constData());

        pacs::RemoteNode node;
        node.name = "orthanc";
        node.aeTitle = orthanc.aeTitle().toStdString();
        node.host = "127.0.0.1";
        node.port = orthanc.dicomPort();
        node.dicomWeb.baseUrl = orthanc.dicomWebUrl().toStdString();
        pacs::RemoteNode dimseOnly = node;
        dimseOnly.name = "dimse-only";
        dimseOnly.dicomWeb.baseUrl.clear();

        {
            QSettings settings;
            app::saveDefaultPresentationStateDestinations(settings, {{"orthanc", app::PresentationStateDestination::Method::CStore}});
        }
        QCOMPARE(app::defaultPresentationStateDestinations().size(), 1);

        viewer::ReadingArea area;
        QStatusBar bar;
        app::TaskPanel tasks;
        QList<QPair<QString, QString>> sent;  // destination, problem
        app::PresentationStateSaving how;
        how.openArchive = [&] { return ct->store.get(); };
        how.remoteNodes = [&] { return std::vector<pacs::RemoteNode>{node, dimseOnly}; };
        how.tasks = &tasks;
        how.sent = [&](const app::PresentationStateDestination& d, const QString& problem) { sent.push_back({d.key(), problem}); };
        QAction* saveAndSend = app::installPresentationStateSaving(&area, &bar, how);
        QVERIFY(saveAndSend);
        area.resize(700, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.setStudySeries({ct->series});
        QSignalSpy shown(&area, &viewer::ReadingArea::seriesShown);
        area.showSeries(ct->series);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        viewer::Viewport* view = area.viewports().front();

        // 1. Ctrl+S: the default list, C-STORE.
        drawLength(view, 0);
        QSignalSpy saved(&area, &viewer::ReadingArea::presentationStateSaved);
        area.savePresentationState();
        QCOMPARE(saved.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 60000);
        QCOMPARE(sent[0].first, QString("store:orthanc"));
        QCOMPARE(sent[0].second, QString());
        QCOMPARE(tasks.jobs().size(), 1);
        QCOMPARE(tasks.state(tasks.jobs().front()), app::TaskPanel::State::Succeeded);
        const core::PresentationState first =
            core::PresentationState::from(core::DicomFile::fromBytes(saved[0][0].toByteArray().toStdString()));

        // 2. Save & Send: the dialog, with STOW-RS to orthanc and STOW-RS to a
        //    node without DICOMweb (not offered: only C-STORE is listed for it).
        drawLength(view, 30);
        bool dialogSeen = false;
        int rows = 0;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<app::SaveAndSendDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            dialogSeen = true;
            rows = dialog->destinationsWidget()->rowCount();
            QCOMPARE(dialog->destinations().size(), 1);  // the default is checked
            dialog->destinationsWidget()->setChecked({"orthanc", app::PresentationStateDestination::Method::CStore}, false);
            dialog->destinationsWidget()->setChecked({"orthanc", app::PresentationStateDestination::Method::StowRs}, true);
            dialog->accept();
        });
        saveAndSend->trigger();
        QVERIFY(dialogSeen);
        QCOMPARE(rows, 3);  // orthanc: C-STORE and STOW-RS; dimse-only: C-STORE
        QCOMPARE(saved.count(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 2, 60000);
        QCOMPARE(sent[1].first, QString("stow:orthanc"));
        QCOMPARE(sent[1].second, QString());
        const core::PresentationState second =
            core::PresentationState::from(core::DicomFile::fromBytes(saved[1][0].toByteArray().toStdString()));
        QVERIFY(first.sopInstanceUid != second.sopInstanceUid);
        QCOMPARE(app::defaultPresentationStateDestinations().size(), 1);  // "keep as default" was not checked

        // What Orthanc holds: both states, the data sets that were saved.
        for (int i = 0; i < 2; ++i) {
            const core::PresentationState& ps = i == 0 ? first : second;
            const QString id = orthanc.instanceId(QString::fromStdString(ps.sopInstanceUid));
            QVERIFY2(!id.isEmpty(), ps.sopInstanceUid.c_str());
            const QJsonObject tags = orthanc.rest("GET", "/instances/" + id + "/simplified-tags").object();
            QCOMPARE(tags["Modality"].toString(), QString("PR"));
            QCOMPARE(tags["SOPClassUID"].toString(), QString(core::kGrayscaleSoftcopyPresentationStateStorage));
            QCOMPARE(test::dataSetBytes(orthanc.restBytes("/instances/" + id + "/file")), test::dataSetBytes(saved[i][0].toByteArray()));
        }

        // 3. A length on a coronal plane (no stored image takes it) saved as a
        //    derived image with its own state, both stored and sent by STOW-RS.
        const core::Volume& volume = area.viewports().front()->series()->volume;
        viewer::Annotation onPlane;
        onPlane.tool = viewer::MeasurementTool::Length;
        onPlane.target.seriesInstanceUid = ct->series.seriesInstanceUid;
        onPlane.target.planeNormal = {0, 1, 0};
        onPlane.target.planePoint = volume.patientPoint(volume.columns / 2.0, volume.rows / 2.0, volume.slices / 2.0);
        onPlane.points = {volume.patientPoint(20, volume.rows / 2.0, 1), volume.patientPoint(80, volume.rows / 2.0, 2)};
        onPlane.label = "length";
        area.annotations()->add(onPlane);
        const int sentBefore = int(sent.size());
        QCOMPARE(app::savePlaneImages(&area, how, &bar, {{"orthanc", app::PresentationStateDestination::Method::StowRs}}), 1);
        QTRY_COMPARE_WITH_TIMEOUT(int(sent.size()), sentBefore + 2, 60000);  // the image, then its state
        for (int i = sentBefore; i < sentBefore + 2; ++i) QCOMPARE(sent[i].second, QString());
        int derivedImages = 0, states = 0;
        for (const QJsonValue& one : orthanc.rest("GET", "/series?expand").array()) {
            const QJsonObject tags = one.toObject()["MainDicomTags"].toObject();
            const int instances = int(one.toObject()["Instances"].toArray().size());
            if (tags["Modality"].toString() == "CT" && tags["SeriesDescription"].toString() == "MPR (Lightbox)") derivedImages += instances;
            if (tags["Modality"].toString() == "PR") states += instances;
        }
        QCOMPARE(derivedImages, 1);
        QCOMPARE(states, 3);  // Ctrl+S, Save & Send, the plane's own
        area.annotations()->clear();

        // 4. A destination the node cannot take: the job fails and says why.
        how.destinations = [] {
            return app::PresentationStateDestinations{{"dimse-only", app::PresentationStateDestination::Method::StowRs}};
        };
        QAction* again = app::installPresentationStateSaving(&area, &bar, how);
        Q_UNUSED(again);
        QSignalSpy finished(&tasks, &app::TaskPanel::jobFinished);
        drawLength(view, -30);
        area.savePresentationState();
        // Both installations react to the save: the first sends by the
        // defaults (C-STORE to orthanc), the second to dimse-only.
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        bool failedWithReason = false;
        for (int id : tasks.jobs())
            if (tasks.state(id) == app::TaskPanel::State::Failed)
                failedWithReason = tasks.statusText(id).contains("DICOMweb") ||
                                   tasks.errors(id).join(' ').contains("DICOMweb");
        QVERIFY(failedWithReason);
        QTRY_COMPARE_WITH_TIMEOUT(int(sent.size()), sentBefore + 4, 10000);
    }
};

QTEST_MAIN(TestGspsSend)
#include "tst_gsps_send.moc"
