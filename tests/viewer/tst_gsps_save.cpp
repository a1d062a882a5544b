// Saving a presentation state from the running GUI: a study of the
// archive opened in the reading area, a length drawn with the mouse, Ctrl+S
// in the viewport - the GSPS lands in the archive, references the image
// and carries the measurement; with a remote node as its destination it is
// sent there too; with no image on screen the user is told why.

#include "ArchivedCt.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "PresentationStateSaving.h"
#include "lightbox/archive/Archive.h"
#include "lightbox/archive/PresentationStates.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateChooser.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"

#include <QDir>
#include <QScreen>
#include <QStatusBar>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lightbox;

namespace {

using test::ArchivedCt;

std::unique_ptr<ArchivedCt> archivedCt() { return test::archivedCt(12); }

// A length across the middle of the viewport with the Length tool.
void drawLength(viewer::Viewport* view) {
    view->setFocus();
    QTest::keyClick(view, Qt::Key_L);
    const QPoint from = view->rect().center() - QPoint(60, 0), to = view->rect().center() + QPoint(60, 30);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
}

}  // namespace

class TestGspsSave : public QObject {
    Q_OBJECT

private slots:
    void ctrlSStoresTheDisplayInTheArchive() {
        auto ct = archivedCt();
        QVERIFY(ct);
        archive::Archive* store = ct->store.get();
        const std::string studyUid = ct->studyUid;

        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool loaded = false;
        window.setArchive(store, [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 20000);
        QString shownError = "not shown";
        window.openStudy(QString::fromStdString(studyUid), "1x1", [&](QString error) { shownError = error; });
        QTRY_COMPARE_WITH_TIMEOUT(shownError, QString(), 60000);

        viewer::ReadingArea* area = window.readingArea();
        viewer::Viewport* view = area->viewports().front();
        QVERIFY(view->measurementTools()->layer() == area->annotations());
        const auto target = view->measurementTools()->currentTarget();
        QVERIFY(target && target->isImage());
        drawLength(view);
        QCOMPARE(area->annotations()->annotations().size(), std::size_t(1));
        const std::string label = area->annotations()->annotations().front().label;
        QVERIFY2(QString::fromStdString(label).endsWith(" mm"), label.c_str());

        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) {
            QTest::qWait(300);  // only for the picture: the viewport repaints on screen
            window.screen()->grabWindow(window.winId()).save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/gsps-save-window.png");
        }
        QSignalSpy saved(area, &viewer::ReadingArea::presentationStateSaved);
        // The shortcut belongs to the reading area: the window must be active and the viewport focused.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(saved.count(), 1);
        const auto states = archive::presentationStatesFor(*store, target->sopInstanceUid);
        QCOMPARE(states.size(), std::size_t(1));
        const auto located = store->locate(archive::Level::Series, {{"StudyInstanceUID", studyUid},
                                                                    {"SeriesInstanceUID", states.front().seriesInstanceUid}});
        QCOMPARE(located.size(), std::size_t(1));
        const core::PresentationState ps = core::PresentationState::read(located.front().path);
        QCOMPARE(ps.annotations.size(), std::size_t(1));
        QVERIFY(ps.annotations.front().subset.appliesTo(target->sopInstanceUid, 1));
        QCOMPARE(ps.annotations.front().texts.front().text, label);
        QVERIFY(ps.vois.front().window.has_value());
        QCOMPARE(ps.vois.front().window->center, view->windowCenter());
        // The viewport fits the whole image: so does the displayed area.
        QCOMPARE(ps.displayedAreas.size(), std::size_t(1));
        QCOMPARE(ps.displayedAreas.front().topLeftColumn, 1);
        QCOMPARE(ps.displayedAreas.front().topLeftRow, 1);
        QCOMPARE(ps.displayedAreas.front().bottomRightColumn, 128);
        QCOMPARE(ps.displayedAreas.front().bottomRightRow, 128);
        QCOMPARE(ps.displayedAreas.front().sizeMode, core::PresentationSizeMode::ScaleToFit);
        if (test::haveProgram("dciodvfy")) {
            const test::ProcessResult r = test::run("dciodvfy", {QString::fromStdString(located.front().path.string())});
            for (const QString& line : QString::fromUtf8(r.out + r.err).split('\n')) QVERIFY2(!line.startsWith("Error"), qPrintable(line));
        }

        // The reading area lists the stored state for the image and applies it.
        viewer::PresentationStateChooser* chooser = area->presentationStates();
        QCOMPARE(chooser->count(), 1);
        QVERIFY(chooser->title(0).startsWith("LIGHTBOX"));
        const double centre = view->windowCenter();
        view->setWindow(centre + 300, 900);
        chooser->choose(0);
        QVERIFY(view->presentationState().state);
        QCOMPARE(view->presentationState().state->sopInstanceUid, ps.sopInstanceUid);
        QCOMPARE(view->windowCenter(), centre);
        chooser->choose(-1);  // none
        QVERIFY(!view->presentationState().state);
    }

    // With a remote node configured, the stored state also goes to it (C-STORE
    // to DCMTK's storescp) and arrives intact.
    void sentToTheConfiguredNode() {
        if (!test::haveProgram("storescp")) QSKIP("storescp (DCMTK) not installed");
        auto ct = archivedCt();
        QVERIFY(ct);
        const QString received = ct->dir.filePath("received");
        QVERIFY(QDir().mkpath(received));
        const quint16 port = test::freeTcpPort();
        test::BackgroundProcess peer("storescp", {"-aet", "PACS", "-od", received, QString::number(port)});
        QVERIFY(test::waitForPort(port));

        viewer::ReadingArea area;
        QStatusBar bar;
        bool sent = false;
        QString problem = "not sent";
        app::PresentationStateSaving how;
        how.openArchive = [&] { return ct->store.get(); };
        how.remoteNodes = [port] {
            pacs::RemoteNode node;
            node.name = "pacs";
            node.aeTitle = "PACS";
            node.host = "127.0.0.1";
            node.port = port;
            return std::vector<pacs::RemoteNode>{node};
        };
        how.destinations = [] { return app::PresentationStateDestinations{{"pacs", app::PresentationStateDestination::Method::CStore}}; };
        how.sent = [&](const app::PresentationStateDestination&, const QString& p) {
            problem = p;
            sent = true;
        };
        app::installPresentationStateSaving(&area, &bar, how);
        area.resize(700, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        const core::ScanResult scan = core::scanForSeries(ct->dir.filePath("synth").toStdString());
        QCOMPARE(scan.series.size(), std::size_t(1));
        area.setStudySeries(scan.series);
        QSignalSpy shown(&area, &viewer::ReadingArea::seriesShown);
        area.showSeries(scan.series.front());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        drawLength(area.viewports().front());
        QCOMPARE(area.annotations()->annotations().size(), std::size_t(1));
        QSignalSpy saved(&area, &viewer::ReadingArea::presentationStateSaved);
        area.savePresentationState();
        QCOMPARE(saved.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(sent, 30000);
        QCOMPARE(problem, QString());
        const QStringList files = QDir(received).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        const core::PresentationState got = core::PresentationState::read(QDir(received).filePath(files.front()).toStdString());
        const core::PresentationState mine =
            core::PresentationState::from(core::DicomFile::fromBytes(saved.front().front().toByteArray().toStdString()));
        QCOMPARE(got.sopInstanceUid, mine.sopInstanceUid);
        QCOMPARE(got.annotations.size(), std::size_t(1));
        QCOMPARE(got.annotations.front().texts.front().text, area.annotations()->annotations().front().label);
        QCOMPARE(got.annotations.front().graphics.front().points, mine.annotations.front().graphics.front().points);
    }

    // Switching series within the study keeps what was drawn; another study starts afresh.
    void annotationsLastAsLongAsTheStudy() {
        viewer::ReadingArea area;
        core::SeriesInfo a, b, other;
        a.studyInstanceUid = b.studyInstanceUid = "1.2.3";
        a.seriesInstanceUid = "1.2.3.1";
        b.seriesInstanceUid = "1.2.3.2";
        other.studyInstanceUid = "1.2.4";
        other.seriesInstanceUid = "1.2.4.1";
        area.setStudySeries({a, b});
        viewer::Annotation note;
        note.tool = viewer::MeasurementTool::Text;
        note.target.seriesInstanceUid = a.seriesInstanceUid;
        note.target.sopInstanceUid = "1.2.3.1.1";
        note.points = {{10, 10, 0}};
        note.text = note.label = "note";
        area.annotations()->add(note);
        area.setStudySeries({b, a});
        QCOMPARE(area.annotations()->annotations().size(), std::size_t(1));
        area.setStudySeries({other});
        QVERIFY(area.annotations()->annotations().empty());
    }

    void nothingOnScreenSaysWhyNot() {
        viewer::ReadingArea area;
        QSignalSpy failed(&area, &viewer::ReadingArea::presentationStateFailed);
        QSignalSpy saved(&area, &viewer::ReadingArea::presentationStateSaved);
        area.savePresentationState();  // nothing shown
        QCOMPARE(saved.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!failed.front().front().toString().isEmpty());
    }
};

QTEST_MAIN(TestGspsSave)
#include "tst_gsps_save.moc"
