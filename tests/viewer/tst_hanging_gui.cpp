// Hanging protocols in the workstation (Xvfb): opening the demo CT chest
// from the archive hangs it by the CT chest protocol beside its prior, with
// the protocol's window presets; the stage keys switch to lung windows; a
// series thumbnail dropped on a viewport replaces what hangs there; and
// `lightbox --open STUDY_UID --screenshot` shows current and prior side by
// side (and prints its timings with --timing).

#include "MainWindow.h"
#include "RegistrationWiring.h"
#include "StudyPriors.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/render/RegistrationCache.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/ViewportSync.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/WindowPresets.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QOpenGLContext>
#include <QPointer>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace lightbox;

namespace {

struct Studies {
    std::string current, prior, head;                 // study UIDs
    std::string currentSeries, priorSeries;            // the chest CT series
};

// Mean gray level of a rectangle of an image.
double meanGray(const QImage& image, const QRect& area) {
    double sum = 0;
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); y += 2)
        for (int x = area.left(); x <= area.right(); x += 2, ++n) sum += qGray(image.pixel(x, y));
    return n ? sum / n : 0;
}

// The middle of an image of a series, in its patient coordinates.
core::Vec3 imageCentre(const core::SliceRef& image) {
    const core::ImageGeometry& g = image.geometry;
    using core::operator+, core::operator*;
    return *g.position + g.rowDirection * (g.columnSpacing * image.pixel.columns / 2.0) +
           g.columnDirection * (g.rowSpacing * image.pixel.rows / 2.0);
}

// How far the prior's image lies from the plane through the current's point
// carried by the registration (mm along the prior's normal) - worked out
// here, not by the sync - and the least such distance of any of its images.
struct PriorImageCheck {
    double distance = 1e9, best = 1e9;
};
PriorImageCheck priorImageCheck(const core::SeriesInfo& prior, const std::string& sop,
                                const core::RigidTransform& priorToCurrent, const core::Vec3& currentPoint) {
    const double along = core::dot(priorToCurrent.inverse().apply(currentPoint), prior.normal);
    PriorImageCheck c;
    for (const core::SliceRef& r : prior.slices) {
        const double d = std::abs(r.positionAlongNormal - along);
        c.best = std::min(c.best, d);
        if (r.sopInstanceUid == sop) c.distance = d;
    }
    return c;
}

std::size_t indexOf(const core::SeriesInfo& series, const std::string& sop) {
    for (std::size_t i = 0; i < series.slices.size(); ++i)
        if (series.slices[i].sopInstanceUid == sop) return i;
    return series.slices.size();
}

}  // namespace

class TestHangingGui : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString archiveDir_;
    Studies uids_;
    std::unique_ptr<archive::Archive> archive_;

    // The pair's registration in a cache folder under `root` (as a registration
    // that ran would leave it), keyed by the loaded volumes - which the
    // geometry from the headers alone must match. A made-up transform, so that
    // the registration, not the table position, decides the prior's slice.
    static core::RigidTransform seedRegistration(const core::SeriesInfo& current, const core::SeriesInfo& prior,
                                                 const QString& root) {
        const auto fixed = viewer::loadSeries(current), moving = viewer::loadSeries(prior);
        if (render::volumeGeometryHash(viewer::volumeGeometry(current)) != render::volumeGeometryHash(fixed->volume) ||
            render::volumeGeometryHash(viewer::volumeGeometry(prior)) != render::volumeGeometryHash(moving->volume))
            qFatal("volumeGeometry differs from the loaded volume's grid");
        render::CachedRegistration entry;
        entry.movingToFixed = core::RigidTransform::rotation({1, 0, 0}, 4.0, {3.0, -5.0, 13.0});
        render::RegistrationCache(app::RegistrationWiring::cacheFolderFor(root.toStdString()))
            .store(render::RegistrationPairKey::of(current.seriesInstanceUid, fixed->volume, prior.seriesInstanceUid, moving->volume),
                   entry);
        return entry.movingToFixed;
    }

    static void sendDrop(viewer::Viewport* target, const QByteArray& ids) {
        QMimeData mime;
        mime.setData(viewer::ReadingArea::seriesMimeType(), ids);
        const QPointF at(target->width() / 2.0, target->height() / 2.0);
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        QVERIFY(drop.isAccepted());
    }

private slots:
    void initTestCase() {
        qputenv("LIGHTBOX_HANGING_PROTOCOLS", dir_.filePath("no-user-protocols").toUtf8());
        qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());  // no remote nodes configured
        core::SynthOptions options;
        options.slices = 40;
        options.matrix = 128;
        const QString synth = dir_.filePath("synth");
        for (const char* item : {"ct-current", "ct-prior", "ct-head-tilt"}) {
            options.only = item;
            const auto truth = nlohmann::json::parse(core::writeSyntheticPatients(synth.toStdString() + "/" + item, options));
            const auto& study = truth["patients"][0]["studies"][0];
            const std::string uid = study["studyInstanceUid"], series = study["series"][0]["seriesInstanceUid"];
            if (study["item"] == "ct-current") uids_.current = uid, uids_.currentSeries = series;
            if (study["item"] == "ct-prior") uids_.prior = uid, uids_.priorSeries = series;
            if (study["item"] == "ct-head-tilt") uids_.head = uid;
        }
        archiveDir_ = dir_.filePath("archive");
        archive_ = archive::Archive::open(archiveDir_.toStdString());
        const auto summary = archive_->importPaths({synth.toStdString()});
        QVERIFY(summary.error.empty());
        QCOMPARE(summary.imported, std::size_t(40 + 40 + 36));
    }

    void opensByProtocolWithPrior() {
        app::MainWindow window;
        window.setArchive(archive_.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool done = false;
        QString error = "not called";
        window.openStudy(QString::fromStdString(uids_.current), {}, [&](const QString& e) {
            done = true;
            error = e;
        });
        viewer::ReadingArea* area = window.readingArea();
        // Hung before openStudy returns, from the archive index: the window's next
        // paint shows the current's middle image; the prior waits for its headers.
        QVERIFY(area->isHanging());
        QCOMPARE(area->currentHang()->protocol, std::string("CT chest"));
        QCOMPARE(area->viewports().size(), std::size_t(2));
        QVERIFY(!area->viewports()[0]->isEmpty());
        QCOMPARE(area->viewports()[0]->series()->volume.slices, 1);
        QCOMPARE(area->viewports()[0]->series()->series.studyInstanceUid, uids_.current);
        QVERIFY(area->viewports()[1]->isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        QCOMPARE(error, QString());

        QVERIFY(area->isHanging());
        QCOMPARE(area->currentHang()->protocol, std::string("CT chest"));
        const auto& viewports = area->viewports();
        QCOMPARE(viewports.size(), std::size_t(2));
        QVERIFY(!viewports[0]->isEmpty());
        QVERIFY(!viewports[1]->isEmpty());
        // Current on the left, the chest prior (not the head CT) on the right.
        QCOMPARE(viewports[0]->series()->series.studyInstanceUid, uids_.current);
        QCOMPARE(viewports[1]->series()->series.studyInstanceUid, uids_.prior);
        QCOMPARE(viewports[0]->series()->series.seriesInstanceUid, uids_.currentSeries);
        QCOMPARE(area->studyOfViewport(viewports[0]), 0);
        QCOMPARE(area->studyOfViewport(viewports[1]), 1);
        QCOMPARE(viewports[0]->series()->volume.slices, 40);  // the whole series, not the early middle slice
        // The protocol's first stage: mediastinal windows on both.
        const viewer::WindowPreset mediastinum = viewer::ctWindowPresets()[std::size_t(viewer::windowPresetIndex("mediastinum"))];
        for (auto* v : viewports) {
            QCOMPARE(v->windowCenter(), mediastinum.center);
            QCOMPARE(v->windowWidth(), mediastinum.width);
        }

        // On screen: both viewports show the phantom's body in the mediastinal
        // window (soft tissue mid-gray), not an empty black viewport.
        const QImage shown = window.grab().toImage();
        for (auto* v : viewports) {
            const QPoint centre = v->mapTo(&window, QPoint(v->width() / 2, v->height() / 2));
            const double gray = meanGray(shown, QRect(centre - QPoint(20, 20), QSize(40, 40)));
            QVERIFY2(gray > 30, qPrintable(QString::number(gray)));
        }

        // Shift+PgDown: stage 2, lung windows; Shift+PgUp back.
        QApplication::setActiveWindow(&window);
        viewports[0]->setFocus();
        QTest::keyClick(viewports[0], Qt::Key_PageDown, Qt::ShiftModifier);
        QCOMPARE(area->currentHang()->stage, 1);
        auto* protocolLabel = area->findChild<QLabel*>("hangingProtocol");
        QVERIFY(protocolLabel && protocolLabel->isVisible());
        QVERIFY2(protocolLabel->text().contains("CT chest - Lung (stage 2 of 3"), qPrintable(protocolLabel->text()));
        const viewer::WindowPreset lung = viewer::ctWindowPresets()[std::size_t(viewer::windowPresetIndex("lung"))];
        QCOMPARE(area->viewports().size(), std::size_t(2));
        for (auto* v : area->viewports()) {
            QCOMPARE(v->windowCenter(), lung.center);
            QCOMPARE(v->windowWidth(), lung.width);
        }
        QCOMPARE(area->viewports()[1]->series()->series.studyInstanceUid, uids_.prior);
        QTest::keyClick(area->viewports()[0], Qt::Key_PageUp, Qt::ShiftModifier);
        QCOMPARE(area->currentHang()->stage, 0);
        QCOMPARE(area->viewports()[0]->windowCenter(), mediastinum.center);

        // The strip offers current and prior series; a thumbnail drags the series' UID.
        auto* strip = area->findChild<QListWidget*>();
        QVERIFY(strip);
        QCOMPARE(strip->count(), 3);  // the current series and two priors' series
        std::unique_ptr<QMimeData> dragged(strip->model()->mimeData({strip->model()->index(0, 0)}));
        QVERIFY(dragged);
        QCOMPARE(dragged->data(viewer::ReadingArea::seriesMimeType()), QByteArray::fromStdString(uids_.currentSeries));

        // Dropped on the prior's viewport: the current series replaces the prior there.
        sendDrop(area->viewports()[1], dragged->data(viewer::ReadingArea::seriesMimeType()));
        QTRY_COMPARE_WITH_TIMEOUT(area->studyOfViewport(area->viewports()[1]), 0, 60000);
        QCOMPARE(area->viewports()[1]->series()->series.seriesInstanceUid, uids_.currentSeries);
        QCOMPARE(area->viewports()[1]->windowCenter(), mediastinum.center);  // CT keeps the stage's preset
        // Something that is not a series is refused.
        QMimeData text;
        text.setText("hello");
        QDragEnterEvent refuse(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(area->viewports()[1], &refuse);
        QVERIFY(!refuse.isAccepted());

        // The explicit layout still overrides the protocol. The viewports are
        // kept (with their OpenGL contexts, whose first frame is the slowest
        // step of opening): the 2x2 layout reuses both and adds two.
        const QPointer<viewer::Viewport> left = area->viewports()[0], right = area->viewports()[1];
        QOpenGLContext* leftContext = left->context();
        QVERIFY(leftContext);
        done = false;
        window.openStudy(QString::fromStdString(uids_.current), "2x2", [&](const QString& e) {
            done = true;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        QCOMPARE(error, QString());
        QVERIFY(!area->isHanging());
        QVERIFY(!protocolLabel->isVisible());
        QCOMPARE(area->viewports().size(), std::size_t(4));
        QVERIFY(left && right);
        QCOMPARE(area->viewports()[0], left.data());
        QCOMPARE(area->viewports()[1], right.data());
        QCOMPARE(left->context(), leftContext);
        QVERIFY(!left->findChild<QLabel*>("hangingLabel")->isVisible());  // the hang's labels went with it
        QCOMPARE(area->studyOfViewport(left), -1);
        QCOMPARE(left->series()->series.studyInstanceUid, uids_.current);  // what the 2x2 layout shows

        // Back to the protocol's 1x2: the same two viewports, the two others hidden, not destroyed.
        const QPointer<viewer::Viewport> third = area->viewports()[2];
        done = false;
        window.openStudy(QString::fromStdString(uids_.current), {}, [&](const QString& e) {
            done = true;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        QCOMPARE(error, QString());
        QCOMPARE(area->viewports().size(), std::size_t(2));
        QCOMPARE(area->viewports()[0], left.data());
        QCOMPARE(area->viewports()[1], right.data());
        QVERIFY(third && !third->isVisible() && third->isEmpty());
        QCOMPARE(area->viewports()[1]->series()->series.studyInstanceUid, uids_.prior);
        QVERIFY(area->sync()->members('A').size() == 2);  // only the layout's viewports are synchronised
    }

    // Opening fast: the middle slice is on the viewport when hangStudies()
    // returns (so the layout's first paint shows it), and the whole volumes
    // load only after that image's first frame is on screen.
    void middleSliceInTheLayoutsTurnVolumesAfterItsFrame() {
        auto seriesOf = [this](const std::string& study) {
            std::vector<std::filesystem::path> files;
            for (const auto& i : archive_->locate(archive::Level::Study, {{"StudyInstanceUID", study}})) files.push_back(i.path);
            return core::scanFiles(files).series;
        };
        viewer::ReadingArea area;
        area.resize(900, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QStringList order;
        connect(&area, &viewer::ReadingArea::currentImageShown, &area, [&] { order << "first image on screen"; });
        connect(&area, &viewer::ReadingArea::openingStep, &area, [&](const QString& step) { order << step; });
        bool shown = false;
        QString error = "not emitted";
        connect(&area, &viewer::ReadingArea::hangShown, &area, [&](const QString& e) {
            shown = true;
            error = e;
        });
        area.hangStudies(viewer::HangingStudy::from(seriesOf(uids_.current)), {viewer::HangingStudy::from(seriesOf(uids_.prior))});
        QCOMPARE(area.currentHang()->protocol, std::string("CT chest"));
        viewer::Viewport* current = area.viewports()[0];
        QVERIFY(!current->isEmpty());
        QCOMPARE(current->series()->volume.slices, 1);  // the middle slice alone, decoded in this call
        QCOMPARE(current->series()->series.slices.front().sopInstanceUid,
                 seriesOf(uids_.current).front().slices[20].sopInstanceUid);
        // The prior (its headers read) shows one image too: by the table position
        // here, with no registration to ask; its in-place signal waits for one.
        QCOMPARE(area.viewports()[1]->series()->volume.slices, 1);
        QCOMPARE(order, (QStringList{"middle slice of the current series decoded", "synced slice of the prior decoded"}));

        QTRY_VERIFY_WITH_TIMEOUT(shown, 120000);
        QCOMPARE(error, QString());
        QCOMPARE(current->series()->volume.slices, 40);
        const qsizetype image = order.indexOf("first image on screen"), volume = order.indexOf("current series loaded");
        QVERIFY2(image > 0 && volume > image, qPrintable(order.join(", ")));
        QVERIFY2(order.indexOf("first prior series loaded") > image, qPrintable(order.join(", ")));
    }

    // The first hang from the archive index, before every header is read:
    // the middle image by Instance Number is on screen in the protocol's
    // window; when the headers are read the hang is completed, not redone
    // (the same image stays, its first frame is not reported again), and the
    // volume replaces it at that very slice - the picture does not move.
    void firstHangFromTheIndexKeepsItsImage() {
        const std::optional<viewer::HangingStudy> early = app::readStudyFromIndex(*archive_, uids_.current);
        QVERIFY(early);
        QCOMPARE(early->headersPending, std::set<std::string>{uids_.currentSeries});
        const std::vector<core::SeriesInfo> full = app::readStudySeries(*archive_, uids_.current);
        const std::string firstImage = early->series.front().slices.front().sopInstanceUid;
        const auto fullIndex = std::find_if(full.front().slices.begin(), full.front().slices.end(),
                                            [&](const core::SliceRef& r) { return r.sopInstanceUid == firstImage; }) -
                               full.front().slices.begin();
        viewer::HangingStudy pendingPrior;
        pendingPrior.studyInstanceUid = uids_.prior;
        pendingPrior.modalities = {"CT"};

        viewer::ReadingArea area;
        area.resize(900, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        int currentShown = 0;
        connect(&area, &viewer::ReadingArea::currentImageShown, &area, [&] { ++currentShown; });
        bool shown = false;
        QString error = "not emitted";
        connect(&area, &viewer::ReadingArea::hangShown, &area, [&](const QString& e) {
            shown = true;
            error = e;
        });
        area.hangStudies(*early, {pendingPrior});
        QCOMPARE(area.currentHang()->protocol, std::string("CT chest"));
        QCOMPARE(area.viewports().size(), std::size_t(2));
        viewer::Viewport* v = area.viewports()[0];
        QVERIFY(!v->isEmpty());
        QCOMPARE(v->series()->volume.slices, 1);
        QCOMPARE(v->series()->series.slices.front().sopInstanceUid, firstImage);
        const viewer::WindowPreset mediastinum = viewer::ctWindowPresets()[std::size_t(viewer::windowPresetIndex("mediastinum"))];
        QCOMPARE(v->windowCenter(), mediastinum.center);  // the protocol's preset from the first image on
        QCOMPARE(v->windowWidth(), mediastinum.width);
        QTRY_COMPARE_WITH_TIMEOUT(currentShown, 1, 60000);
        const viewer::LoadedSeries* firstData = v->series();
        const QImage before = v->grabFramebuffer();

        area.hangStudies(viewer::HangingStudy::from(full), {viewer::HangingStudy::from(app::readStudySeries(*archive_, uids_.prior))});
        QCOMPARE(area.viewports()[0], v);
        QCOMPARE(v->series(), firstData);  // not decoded again
        QTRY_VERIFY_WITH_TIMEOUT(shown, 120000);
        QCOMPARE(error, QString());
        QCOMPARE(currentShown, 1);
        QCOMPARE(v->series()->volume.slices, 40);
        QCOMPARE(v->sliceIndex(), int(fullIndex));  // the slice shown first
        QCOMPARE(v->windowCenter(), mediastinum.center);
        QCOMPARE(area.viewports()[1]->series()->series.studyInstanceUid, uids_.prior);
        // The picture itself: the middle of the viewport (the corner text counts slices) is unchanged.
        const QImage after = v->grabFramebuffer();
        QCOMPARE(after.size(), before.size());
        const QRect middle(before.width() / 4, before.height() / 4, before.width() / 2, before.height() / 2);
        int worst = 0;
        for (int y = middle.top(); y <= middle.bottom(); ++y)
            for (int x = middle.left(); x <= middle.right(); ++x)
                worst = std::max(worst, std::abs(qGray(before.pixel(x, y)) - qGray(after.pixel(x, y))));
        QVERIFY2(worst <= 1, qPrintable(QString::number(worst)));
        QVERIFY(meanGray(after, middle) > 30);  // the phantom, not an empty viewport

        // Whichever image came first (here the 8th by position), the volume opens at it.
        viewer::HangingStudy odd = viewer::HangingStudy::from(full);
        odd.series.front().slices = {full.front().slices[7]};
        odd.series.front().instanceCount = 40;
        odd.headersPending = {uids_.currentSeries};
        viewer::ReadingArea other;
        other.resize(600, 400);
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        bool otherShown = false;
        connect(&other, &viewer::ReadingArea::hangShown, &other, [&] { otherShown = true; });
        other.hangStudies(odd, {});
        QCOMPARE(other.viewports()[0]->series()->series.slices.front().sopInstanceUid, full.front().slices[7].sopInstanceUid);
        other.hangStudies(viewer::HangingStudy::from(full), {});
        QTRY_VERIFY_WITH_TIMEOUT(otherShown, 120000);
        QCOMPARE(other.viewports()[0]->series()->volume.slices, 40);
        QCOMPARE(other.viewports()[0]->sliceIndex(), 7);
    }

    // The prior in place before its volume loads: with its headers read and
    // the pair's registration in the cache, the prior's viewport shows at once
    // - from one decoded image - the slice that the registration puts at the
    // current's slice, in the protocol's window; that frame is "prior in place";
    // the volume then opens at that very slice.
    void priorShowsItsSyncedSliceBeforeItsVolume() {
        const std::vector<core::SeriesInfo> current = app::readStudySeries(*archive_, uids_.current),
                                            prior = app::readStudySeries(*archive_, uids_.prior);
        QTemporaryDir cacheRoot;
        const core::RigidTransform priorToCurrent = seedRegistration(current.front(), prior.front(), cacheRoot.path());

        viewer::ReadingArea area;
        app::installRegistrationWiring(&area)->setArchiveRoot(cacheRoot.path().toStdString());
        area.resize(900, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        int slicesWhenInPlace = -1;
        std::string imageWhenInPlace;
        connect(&area, &viewer::ReadingArea::priorInPlace, &area, [&] {
            const viewer::Viewport* p = area.viewports()[1];
            slicesWhenInPlace = p->series()->volume.slices;
            imageWhenInPlace = p->series()->series.slices.front().sopInstanceUid;
        });
        bool shown = false;
        connect(&area, &viewer::ReadingArea::hangShown, &area, [&] { shown = true; });
        area.hangStudies(viewer::HangingStudy::from(current), {viewer::HangingStudy::from(prior)});
        viewer::Viewport *cur = area.viewports()[0], *pri = area.viewports()[1];
        QCOMPARE(cur->series()->volume.slices, 1);  // the current's middle image
        QCOMPARE(pri->series()->volume.slices, 1);  // the prior's synced image, decoded in this call
        QCOMPARE(pri->series()->series.seriesInstanceUid, uids_.priorSeries);
        const std::string middle = cur->series()->series.slices.front().sopInstanceUid;
        const std::string synced = pri->series()->series.slices.front().sopInstanceUid;
        const PriorImageCheck check =
            priorImageCheck(prior.front(), synced, priorToCurrent, imageCentre(current.front().slices[indexOf(current.front(), middle)]));
        QVERIFY2(check.distance <= check.best + 0.1, qPrintable(QString("%1 mm off, the nearest %2 mm").arg(check.distance).arg(check.best)));
        QVERIFY(area.sync()->inStep(cur, pri));  // by the cached registration, not the table position
        const viewer::WindowPreset mediastinum = viewer::ctWindowPresets()[std::size_t(viewer::windowPresetIndex("mediastinum"))];
        QCOMPARE(pri->windowCenter(), mediastinum.center);
        QCOMPARE(pri->windowWidth(), mediastinum.width);

        QTRY_VERIFY_WITH_TIMEOUT(slicesWhenInPlace > 0, 60000);
        QCOMPARE(slicesWhenInPlace, 1);  // in place before its volume
        QCOMPARE(imageWhenInPlace, synced);
        QTRY_VERIFY_WITH_TIMEOUT(shown, 120000);
        QCOMPARE(pri->series()->volume.slices, int(prior.front().slices.size()));
        QCOMPARE(cur->series()->volume.slices, int(current.front().slices.size()));
        // No jump: the volumes opened at the images shown first.
        QCOMPARE(pri->sliceIndex(), int(indexOf(prior.front(), synced)));
        QCOMPARE(cur->sliceIndex(), int(indexOf(current.front(), middle)));
        QCOMPARE(pri->windowCenter(), mediastinum.center);
    }

    // Scrolling the current while the prior shows one image: the prior's image
    // follows (the one the registration puts there, decoded again), never the
    // stale one; its volume then opens where the current is.
    void priorPreviewFollowsScrollingBeforeItsVolume() {
        const std::vector<core::SeriesInfo> current = app::readStudySeries(*archive_, uids_.current),
                                            prior = app::readStudySeries(*archive_, uids_.prior);
        QTemporaryDir cacheRoot;
        const core::RigidTransform priorToCurrent = seedRegistration(current.front(), prior.front(), cacheRoot.path());
        viewer::HangingStudy pendingPrior;
        pendingPrior.studyInstanceUid = uids_.prior;
        pendingPrior.modalities = {"CT"};

        viewer::ReadingArea area;
        app::installRegistrationWiring(&area)->setArchiveRoot(cacheRoot.path().toStdString());
        area.resize(900, 600);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        bool shown = false;
        connect(&area, &viewer::ReadingArea::hangShown, &area, [&] { shown = true; });
        QSignalSpy inPlace(&area, &viewer::ReadingArea::priorInPlace);
        area.hangStudies(viewer::HangingStudy::from(current), {pendingPrior});
        QTRY_VERIFY_WITH_TIMEOUT(shown, 120000);  // the current's volume; the prior not local yet
        viewer::Viewport *cur = area.viewports()[0], *pri = area.viewports()[1];
        QCOMPARE(cur->series()->volume.slices, int(current.front().slices.size()));
        QVERIFY(pri->isEmpty());
        cur->scrollBy(-6);

        auto expectSynced = [&](const char* when) {
            QCOMPARE(pri->series()->volume.slices, 1);
            const std::string image = pri->series()->series.slices.front().sopInstanceUid;
            const PriorImageCheck check = priorImageCheck(prior.front(), image, priorToCurrent,
                                                          imageCentre(current.front().slices[std::size_t(cur->sliceIndex())]));
            QVERIFY2(check.distance <= check.best + 0.1,
                     qPrintable(QString("%1: %2 mm off, the nearest %3 mm").arg(when).arg(check.distance).arg(check.best)));
        };
        shown = false;
        area.updatePrior(0, viewer::HangingStudy::from(prior));  // its headers read: its synced image at once
        expectSynced("arrived");
        const std::string first = pri->series()->series.slices.front().sopInstanceUid;
        cur->scrollBy(4);  // before its volume loads
        expectSynced("scrolled");
        QVERIFY(pri->series()->series.slices.front().sopInstanceUid != first);  // 4 slices on: another image
        const std::string last = pri->series()->series.slices.front().sopInstanceUid;
        QVERIFY(inPlace.count() <= 1);

        QTRY_COMPARE_WITH_TIMEOUT(pri->series()->volume.slices, int(prior.front().slices.size()), 120000);
        QCOMPARE(pri->sliceIndex(), int(indexOf(prior.front(), last)));  // no jump
        QTRY_COMPARE_WITH_TIMEOUT(inPlace.count(), 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(shown, 120000);
    }

    // Closing the reading while the prior shows its one image and the volumes
    // load: nothing left behind calls into the closed window; the next opening
    // of the same study completes.
    void closingMidLoadIsClean() {
        auto window = std::make_unique<app::MainWindow>();
        window->setArchive(archive_.get());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        bool priorImage = false;
        connect(window->readingArea(), &viewer::ReadingArea::openingStep, window.get(), [&](const QString& step) {
            if (step == "synced slice of the prior decoded") priorImage = true;
        });
        window->openStudy(QString::fromStdString(uids_.current), {}, [](const QString&) {});
        QTRY_VERIFY_WITH_TIMEOUT(priorImage, 60000);
        window.reset();  // mid-load: the volumes' threads still run
        QTest::qWait(300);  // their results arrive for a window that is gone

        app::MainWindow again;
        again.setArchive(archive_.get());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        bool done = false;
        QString error = "not called";
        again.openStudy(QString::fromStdString(uids_.current), {}, [&](const QString& e) {
            done = true;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        QCOMPARE(error, QString());
        QCOMPARE(again.readingArea()->viewports()[1]->series()->series.studyInstanceUid, uids_.prior);
        QVERIFY(again.readingArea()->viewports()[1]->series()->volume.slices > 1);
    }

    // A study of small series only (chest radiographs): the first hang from
    // the index already has every header, and is the hang.
    void radiographsHangFromTheIndexAlone() {
        QTemporaryDir dir;
        core::SynthOptions options;
        options.matrix = 64;
        std::string current;
        for (const char* item : {"cr-current", "cr-prior"}) {
            options.only = item;
            const auto truth = nlohmann::json::parse(core::writeSyntheticPatients(dir.filePath("synth").toStdString() + "/" + item, options));
            if (std::string(item) == "cr-current") current = truth["patients"][0]["studies"][0]["studyInstanceUid"];
        }
        auto archive = archive::Archive::open(dir.filePath("archive").toStdString());
        QVERIFY(archive->importPaths({dir.filePath("synth").toStdString()}).error.empty());
        const std::optional<viewer::HangingStudy> early = app::readStudyFromIndex(*archive, current);
        QVERIFY(early && early->headersPending.empty());

        app::MainWindow window;
        window.setArchive(archive.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool done = false;
        QString error = "not called";
        QSignalSpy inPlace(window.readingArea(), &viewer::ReadingArea::priorInPlace);
        window.openStudy(QString::fromStdString(current), {}, [&](const QString& e) {
            done = true;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        QCOMPARE(error, QString());
        // Radiographs in other frames of reference: in place as they are (nothing to register).
        QTRY_COMPARE_WITH_TIMEOUT(inPlace.count(), 1, 60000);
        viewer::ReadingArea* area = window.readingArea();
        QCOMPARE(area->currentHang()->protocol, std::string("Chest X-ray PA and lateral"));
        QCOMPARE(area->viewports().size(), std::size_t(4));
        for (std::size_t i = 0; i < 4; ++i) {
            QVERIFY(!area->viewports()[i]->isEmpty());
            QCOMPARE(area->studyOfViewport(area->viewports()[i]), int(i % 2));  // current left, prior right
        }
    }

    // `lightbox --open` hangs from the index first (its timing says so).
    void screenshotShowsCurrentBesidePrior() {
        const QString shot = dir_.filePath("hung.png");
        const auto r = test::run(LIGHTBOX_GUI_EXE, {"--archive", archiveDir_, "--open", QString::fromStdString(uids_.current),
                                                    "--screenshot", shot, "--timing"},
                                 180000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("lightbox timing: first image of the current study on screen"));
        const qsizetype index = r.err.indexOf("lightbox timing: current study's index read"),
                        laidOut = r.err.indexOf("lightbox timing: protocol chosen, viewports laid out"),
                        headers = r.err.indexOf("lightbox timing: current study's headers read");
        QVERIFY2(index >= 0 && laidOut > index && headers > laidOut, r.err.constData());
        QVERIFY(r.err.contains("lightbox timing: first prior image on screen"));
        const QImage image(shot);
        QVERIFY(!image.isNull());
        // Side by side: along a row through the viewports' middle, the span of
        // black viewport background holds two bodies, one in each half, in the
        // mediastinal window (soft tissue mid-gray; the lung window would make it near white).
        const int y = image.height() * 2 / 5;
        std::vector<int> gray(std::size_t(image.width()));
        for (int x = 0; x < image.width(); ++x) gray[std::size_t(x)] = qGray(image.pixel(x, y));
        auto runs = [&](int from, int to, auto inside) {  // runs of at least 20 pixels
            std::vector<std::pair<int, int>> out;
            for (int x = from; x < to;) {
                int end = x;
                while (end < to && inside(gray[std::size_t(end)])) ++end;
                if (end - x >= 20) out.emplace_back(x, end);
                x = std::max(end, x + 1);
            }
            return out;
        };
        const auto black = runs(0, image.width(), [](int g) { return g < 8; });
        QVERIFY2(!black.empty(), "no viewport background on the row");
        const int left = black.front().first, right = black.back().second, middle = (left + right) / 2;
        QVERIFY(right - left > image.width() / 3);
        auto tissue = [](int g) { return g > 60 && g < 180; };
        QVERIFY2(!runs(left, middle, tissue).empty(), "no body in the left viewport");
        QVERIFY2(!runs(middle, right, tissue).empty(), "no body in the right viewport");
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) image.save(QDir::temp().filePath("lightbox-hung-ct-chest.png"));
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(viewer::Viewport::surfaceFormat());
    QApplication app(argc, argv);
    TestHangingGui test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_hanging_gui.moc"
