// Priors on open from a real PACS (Orthanc): the local archive holds only
// today's CT chest, Orthanc holds the patient's prior. Opening the study
// hangs it by the CT chest protocol at once (the prior viewport empty), finds
// the prior on the configured node, fetches it into the archive in the
// background (C-GET) and hangs it in the comparison viewport when it arrives.

#include "MainWindow.h"
#include "OrthancPeer.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/pacsclient/RemoteNode.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"

#include <QJsonArray>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lightbox;

class TestHangingRemote : public QObject {
    Q_OBJECT

private slots:
    void priorArrivesFromPacsAndIsHung() {
        if (!test::OrthancPeer::available()) QSKIP("Orthanc, its DICOMweb plugin or curl not installed (scripts/install-deps.sh)");
        QTemporaryDir dir;
        qputenv("LIGHTBOX_HANGING_PROTOCOLS", dir.filePath("no-user-protocols").toUtf8());
        qputenv("XDG_CONFIG_HOME", dir.filePath("config").toUtf8());
        core::SynthOptions options;
        options.slices = 30;
        options.matrix = 96;
        std::string current, prior;
        for (const char* item : {"ct-current", "ct-prior"}) {
            options.only = item;
            const auto truth = nlohmann::json::parse(
                core::writeSyntheticPatients(dir.filePath(item).toStdString(), options));
            (std::string(item) == "ct-current" ? current : prior) = truth["patients"][0]["studies"][0]["studyInstanceUid"];
        }
        // Orthanc answers C-FIND and C-GET to our AE title (known as a modality).
        test::OrthancPeer orthanc(dir.filePath("orthanc"),
                                  QJsonObject{{"DicomModalities",
                                               QJsonObject{{"lightbox", QJsonArray{"LIGHTBOX", "127.0.0.1", test::freeTcpPort()}}}}});
        QVERIFY2(orthanc.start(), orthanc.output().right(3000).constData());
        const QStringList priorFiles = test::dicomFilesUnder(dir.filePath("ct-prior"));
        QCOMPARE(orthanc.upload(priorFiles), priorFiles.size());

        pacs::RemoteNode node;
        node.name = "orthanc";
        node.aeTitle = orthanc.aeTitle().toStdString();
        node.host = "127.0.0.1";
        node.port = orthanc.dicomPort();
        node.retrieveMethod = pacs::RetrieveMethod::Get;
        pacs::writeRemoteNodes(pacs::defaultRemoteNodesFile(), {node});

        auto archive = archive::Archive::open(dir.filePath("archive").toStdString());
        QVERIFY(archive->importPaths({dir.filePath("ct-current").toStdString()}).error.empty());

        app::MainWindow window;
        window.setArchive(archive.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool shown = false;
        window.openStudy(QString::fromStdString(current), {}, [&](const QString&) { shown = true; });
        QTRY_VERIFY_WITH_TIMEOUT(shown, 120000);
        viewer::ReadingArea* area = window.readingArea();
        QCOMPARE(area->currentHang()->protocol, std::string("CT chest"));
        QCOMPARE(area->viewports()[0]->series()->series.studyInstanceUid, current);

        // The prior comes from Orthanc into the archive, then into the right viewport.
        QTRY_VERIFY_WITH_TIMEOUT(area->studyOfViewport(area->viewports()[1]) == 1, 180000);
        QCOMPARE(area->viewports()[1]->series()->series.studyInstanceUid, prior);
        // Its synced image first (one slice), then its whole volume.
        QTRY_COMPARE_WITH_TIMEOUT(area->viewports()[1]->series()->volume.slices, 30, 120000);
        archive::Query q;
        q.level = archive::Level::Study;
        q.match = {{"StudyInstanceUID", prior}};
        QCOMPARE(archive->query(q).size(), std::size_t(1));
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(viewer::Viewport::surfaceFormat());
    QApplication app(argc, argv);
    QApplication::setApplicationName("Lightbox");
    QApplication::setOrganizationName("Lightbox");
    TestHangingRemote test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_hanging_remote.moc"
