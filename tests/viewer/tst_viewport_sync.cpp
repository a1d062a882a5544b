// Synchronised reading under Xvfb with the synthetic demo patient: the
// current chest CT and its prior (acquired shifted and rotated, in another
// frame of reference). Scrolling the current to the phantom's lesion brings
// the prior to its lesion once the registration (here the truth's
// transform, delivered late by the provider) arrives - the table position
// stands in meanwhile; the manual offset, W/L and zoom/pan toggles and the
// reading area's sync group and shortcuts.

#include "TestSupport.h"
#include "ViewportGeometry.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"

#include <QAction>
#include <QHBoxLayout>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <thread>

using namespace lightbox;

namespace {

using test::distanceFromPlane;
using test::sliceStep;
using test::vec;

// Two viewports side by side in one window.
struct Pair {
    QWidget window;
    viewer::Viewport* current = nullptr;
    viewer::Viewport* prior = nullptr;
    Pair() {
        auto* layout = new QHBoxLayout(&window);
        current = new viewer::Viewport(&window);
        prior = new viewer::Viewport(&window);
        layout->addWidget(current);
        layout->addWidget(prior);
        window.resize(640, 320);
    }
};

}  // namespace

class TestViewportSync : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    nlohmann::json phantom_;
    std::shared_ptr<viewer::LoadedSeries> current_, prior_, mr_;
    core::RigidTransform priorFromCurrent_;

    // A provider that hands out the truth's transform (what registration
    // recovers) once `release` is set; counts its calls.
    viewer::ViewportSync::RegistrationProvider truthProvider(std::shared_ptr<std::atomic<bool>> release,
                                                             std::shared_ptr<std::atomic<int>> calls) {
        const std::string currentFor = phantom_["currentFrameOfReferenceUid"];
        const core::RigidTransform currentFromPrior = priorFromCurrent_.inverse();
        return [release, calls, currentFor, currentFromPrior](const viewer::LoadedSeries& fixed, const viewer::LoadedSeries&,
                                                              const std::atomic<bool>& cancel) {
            ++*calls;
            while (!release->load() && !cancel.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            if (cancel.load()) throw core::Error(core::ErrorCode::Cancelled, "cancelled");
            if (fixed.series.frameOfReferenceUid != currentFor)
                throw core::Error(core::ErrorCode::InvalidArgument, "the fixed series should be the current study");
            return currentFromPrior;
        };
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        for (const char* item : {"ct-current", "ct-prior"}) {
            core::SynthOptions options;
            options.only = item;
            options.slices = 40;
            options.matrix = 64;
            const auto truth = nlohmann::json::parse(
                core::writeSyntheticPatients(dir_.filePath(item).toStdString(), options));
            phantom_ = truth["chestPhantom"];
            const core::ScanResult scan = core::scanForSeries(dir_.filePath(item).toStdString());
            for (const auto& s : scan.series)
                if (s.isVolume()) (std::string(item) == "ct-current" ? current_ : prior_) = viewer::loadSeries(s);
        }
        core::SynthOptions mr;
        mr.only = "mr-brain";
        mr.slices = 20;
        mr.matrix = 64;
        core::writeSyntheticPatients(dir_.filePath("mr").toStdString(), mr);
        for (const auto& s : core::scanForSeries(dir_.filePath("mr").toStdString()).series)
            if (s.isVolume() && !mr_) mr_ = viewer::loadSeries(s);
        QVERIFY(current_ && prior_ && mr_);
        QCOMPARE(QString::fromStdString(mr_->series.modality), QString("MR"));
        QVERIFY(current_->series.frameOfReferenceUid != prior_->series.frameOfReferenceUid);
        std::array<double, 16> m{};
        for (std::size_t i = 0; i < 16; ++i) m[i] = phantom_["priorFromCurrent"][i].get<double>();
        priorFromCurrent_ = core::RigidTransform::fromMatrix4x4(m);
    }

    void priorFollowsTheLesionOnceRegistered() {
        Pair pair;
        viewer::ViewportSync sync;
        sync.add(pair.current);
        sync.add(pair.prior);
        auto release = std::make_shared<std::atomic<bool>>(false);
        auto calls = std::make_shared<std::atomic<int>>(0);
        sync.setRegistrationProvider(truthProvider(release, calls));
        pair.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pair.window));
        pair.current->showPlane(current_, render::PlaneKind::Axial);
        pair.prior->showPlane(prior_, render::PlaneKind::Axial);
        QTRY_COMPARE(calls->load(), 1);
        QVERIFY(sync.registering(pair.current, pair.prior));
        QVERIFY2(sync.badgeText(pair.prior).contains("registering"), qPrintable(sync.badgeText(pair.prior)));
        QVERIFY(sync.badgeText(pair.current).startsWith(QString("Sync A: S W Z")));
        // The badge is in the viewport's overlay (lower left, above W/L).
        QTRY_VERIFY(QString::fromStdString(pair.prior->sliceView()->cornerText()[2]).startsWith(sync.badgeText(pair.prior)));

        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) {
            QTest::qWait(100);
            pair.window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/sync-registering.png");
        }
        const core::Vec3 lesionCurrent = vec(phantom_["lesion"]["centerCurrent"]);
        const core::Vec3 lesionPrior = vec(phantom_["lesion"]["centerPrior"]);
        const double step = sliceStep(*pair.prior);
        // Meanwhile the table position: slice locations at face value, which
        // for this patient (the table stood 20 mm elsewhere) is not the lesion.
        pair.current->moveTo(lesionCurrent);
        QVERIFY(std::abs(distanceFromPlane(*pair.current, lesionCurrent)) <= sliceStep(*pair.current) / 2 + 1e-6);
        QCOMPARE(sync.mapping(pair.current, pair.prior)->relation, viewer::sync::Relation::TablePosition);
        const double before = std::abs(distanceFromPlane(*pair.prior, lesionPrior));
        QVERIFY2(before > step, qPrintable(QString("table position already at the lesion: %1 mm").arg(before)));

        // The registration arrives: the prior moves to the lesion by itself.
        QSignalSpy finished(&sync, &viewer::ViewportSync::registrationFinished);
        release->store(true);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.front().front().toString(), QString());
        QCOMPARE(sync.mapping(pair.current, pair.prior)->relation, viewer::sync::Relation::Registered);
        QVERIFY2(sync.badgeText(pair.prior).contains("registered"), qPrintable(sync.badgeText(pair.prior)));
        double after = std::abs(distanceFromPlane(*pair.prior, lesionPrior));
        QVERIFY2(after <= step, qPrintable(QString("prior plane %1 mm from the lesion").arg(after)));
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) {
            QTest::qWait(100);
            pair.window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/sync-lesion.png");
        }

        // Scrolling away and back again; then the prior leads the current.
        pair.current->scrollBy(-12);
        QVERIFY(std::abs(distanceFromPlane(*pair.prior, lesionPrior)) > 5 * step);
        pair.current->moveTo(lesionCurrent);
        after = std::abs(distanceFromPlane(*pair.prior, lesionPrior));
        QVERIFY2(after <= step, qPrintable(QString("prior plane %1 mm from the lesion").arg(after)));
        pair.current->scrollBy(10);
        pair.prior->moveTo(lesionPrior);
        after = std::abs(distanceFromPlane(*pair.current, lesionCurrent));
        QVERIFY2(after <= sliceStep(*pair.current), qPrintable(QString("current plane %1 mm from the lesion").arg(after)));

        // Cached per pair: showing the series again does not register again.
        pair.prior->showPlane(prior_, render::PlaneKind::Axial);
        QTest::qWait(50);
        QCOMPARE(calls->load(), 1);

        // The manual offset: the prior one slice on, kept while the current scrolls.
        pair.current->moveTo(lesionCurrent);
        const int priorAt = pair.prior->sliceIndex(), currentAt = pair.current->sliceIndex();
        sync.nudge(pair.prior, 1);
        QCOMPARE(pair.prior->sliceIndex(), priorAt + 1);
        QCOMPARE(pair.current->sliceIndex(), currentAt);
        QVERIFY(std::abs(sync.manualOffsetMm(pair.current, pair.prior) - step) < step / 2);
        QVERIFY2(sync.badgeText(pair.prior).contains("offset +1"), qPrintable(sync.badgeText(pair.prior)));
        pair.current->scrollBy(-3);
        pair.current->scrollBy(3);
        QCOMPARE(pair.prior->sliceIndex(), priorAt + 1);
        // Nudging the current instead (the prior stays) takes the offset back.
        sync.nudge(pair.current, 1);
        QCOMPARE(pair.prior->sliceIndex(), priorAt + 1);
        QVERIFY(std::abs(sync.manualOffsetMm(pair.current, pair.prior)) < step / 2);
        sync.clearOffsets(pair.prior);
        QCOMPARE(sync.manualOffsetMm(pair.current, pair.prior), 0.0);
    }

    void windowAndZoomToggles() {
        Pair pair;
        viewer::ViewportSync sync;
        sync.add(pair.current);
        sync.add(pair.prior);
        pair.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pair.window));
        pair.current->showPlane(current_, render::PlaneKind::Axial);
        pair.prior->showPlane(prior_, render::PlaneKind::Axial);
        // Defaults: all on.
        QVERIFY(sync.toggles('A').scroll && sync.toggles('A').window && sync.toggles('A').zoomPan);

        pair.current->setWindow(-600, 1500);
        QCOMPARE(pair.prior->windowCenter(), -600.0);
        QCOMPARE(pair.prior->windowWidth(), 1500.0);
        // The prior's picture follows too (the shader's uniform, not only the number).
        const QImage lung = pair.prior->grabFramebuffer();
        pair.current->setWindow(40, 400);
        QVERIFY(pair.prior->grabFramebuffer() != lung);

        sync.setActiveViewport(pair.current);
        QAction* windowToggle = sync.actions().at(1);
        QCOMPARE(windowToggle->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_W));
        windowToggle->trigger();  // off
        QVERIFY(!sync.toggles('A').window);
        QVERIFY(sync.badgeText(pair.prior).startsWith(QString::fromUtf8("Sync A: S \u00B7 Z")));
        pair.current->setWindow(500, 2000);
        QCOMPARE(pair.prior->windowCenter(), 40.0);
        QCOMPARE(pair.prior->windowWidth(), 400.0);
        windowToggle->trigger();  // on again
        pair.prior->setWindow(60, 300);  // either side leads
        QCOMPARE(pair.current->windowCenter(), 60.0);
        // An MR in the same group keeps its own window: W/L follows only within a modality.
        {
            viewer::Viewport mr(&pair.window);
            pair.window.layout()->addWidget(&mr);
            sync.add(&mr);
            mr.showPlane(mr_, mr_->acquisitionPlane());
            const double mrCenter = mr.windowCenter(), mrWidth = mr.windowWidth();
            pair.current->setWindow(-500, 1200);
            QCOMPARE(pair.prior->windowCenter(), -500.0);
            QCOMPARE(mr.windowCenter(), mrCenter);
            QCOMPARE(mr.windowWidth(), mrWidth);
            mr.setWindow(mrCenter + 10, mrWidth);
            QCOMPARE(pair.current->windowCenter(), -500.0);
        }
        QCOMPARE(sync.members('A').size(), std::size_t(2));

        // Zoom/pan: the same magnification in screen pixels per mm, the same pan.
        pair.current->setZoomPan(3.0, 20, -10);
        const double ratio = pair.prior->sliceView()->image().plane.spacing / pair.current->sliceView()->image().plane.spacing;
        QVERIFY(std::abs(pair.prior->zoom() - 3.0 * ratio) < 1e-9);
        QCOMPARE(pair.prior->pan()[0], 20.0);
        QCOMPARE(pair.prior->pan()[1], -10.0);
        // A right drag (the mouse zoom) in the prior zooms the current.
        const double z0 = pair.current->zoom();
        QTest::mousePress(pair.prior, Qt::RightButton, Qt::NoModifier, QPoint(100, 100));
        QMouseEvent drag(QEvent::MouseMove, QPointF(100, 60), pair.prior->mapToGlobal(QPointF(100, 60)), Qt::NoButton,
                         Qt::RightButton, Qt::NoModifier);
        QApplication::sendEvent(pair.prior, &drag);
        QTest::mouseRelease(pair.prior, Qt::RightButton, Qt::NoModifier, QPoint(100, 60));
        QVERIFY(pair.current->zoom() > z0);
        sync.setZoomPanSync('A', false);
        const double z1 = pair.current->zoom();
        pair.prior->setZoomPan(1.0, 0, 0);
        QCOMPARE(pair.current->zoom(), z1);

        // Scroll sync off: the prior stays.
        sync.setScrollSync('A', false);
        const int at = pair.prior->sliceIndex();
        pair.current->scrollBy(5);
        QCOMPARE(pair.prior->sliceIndex(), at);
    }

    void differentFramesWithoutRegistration() {
        // No provider: the table position, said so in the overlay, and no crash.
        {
            Pair pair;
            viewer::ViewportSync sync;
            sync.add(pair.current);
            sync.add(pair.prior);
            pair.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&pair.window));
            pair.current->showPlane(current_, render::PlaneKind::Axial);
            pair.prior->showPlane(prior_, render::PlaneKind::Axial);
            QVERIFY2(sync.badgeText(pair.prior).contains("table position"), qPrintable(sync.badgeText(pair.prior)));
            // Slice locations at face value: the planes at the same z.
            for (int steps : {-100, 7, 100}) {
                pair.current->scrollBy(steps);
                const double z = pair.current->sliceView()->image().plane.centre[2];
                const double zPrior = pair.prior->sliceView()->image().plane.centre[2];
                QVERIFY2(std::abs(z - zPrior) <= sliceStep(*pair.prior) / 2 + 1e-6 ||
                             pair.prior->sliceIndex() == 0 || pair.prior->sliceIndex() == pair.prior->sliceCount() - 1,
                         qPrintable(QString("z %1 against %2").arg(z).arg(zPrior)));
            }
            // A sagittal current does not drag the axial prior about.
            const int at = pair.prior->sliceIndex();
            pair.current->showPlane(current_, render::PlaneKind::Sagittal);
            pair.current->scrollBy(10);
            QCOMPARE(pair.prior->sliceIndex(), at);
            // Nor does a 3-D view or an empty viewport.
            pair.current->show3D(current_);
            pair.current->clearView();
            pair.prior->scrollBy(3);
        }
        // A registration that fails: the overlay says so, the guess stays.
        {
            Pair pair;
            viewer::ViewportSync sync;
            sync.add(pair.current);
            sync.add(pair.prior);
            sync.setRegistrationProvider([](const viewer::LoadedSeries&, const viewer::LoadedSeries&,
                                            const std::atomic<bool>&) -> core::RigidTransform {
                throw core::Error(core::ErrorCode::InvalidArgument, "the volumes do not overlap");
            });
            pair.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&pair.window));
            QSignalSpy finished(&sync, &viewer::ViewportSync::registrationFinished);
            pair.current->showPlane(current_, render::PlaneKind::Axial);
            pair.prior->showPlane(prior_, render::PlaneKind::Axial);
            QTRY_COMPARE(finished.count(), 1);
            QVERIFY(finished.front().front().toString().contains("do not overlap"));
            QCOMPARE(sync.mapping(pair.prior, pair.current)->relation, viewer::sync::Relation::TablePosition);
            QVERIFY2(sync.badgeText(pair.current).contains("not registered"), qPrintable(sync.badgeText(pair.current)));
            pair.current->scrollBy(4);
        }
        // Destroyed while registering: the worker is told to stop.
        {
            auto release = std::make_shared<std::atomic<bool>>(false);
            auto calls = std::make_shared<std::atomic<int>>(0);
            Pair pair;
            pair.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&pair.window));
            {
                viewer::ViewportSync sync;
                sync.add(pair.current);
                sync.add(pair.prior);
                sync.setRegistrationProvider(truthProvider(release, calls));
                pair.current->showPlane(current_, render::PlaneKind::Axial);
                pair.prior->showPlane(prior_, render::PlaneKind::Axial);
                QTRY_COMPARE(calls->load(), 1);
            }
            QTest::qWait(50);  // the worker's late answer finds no sync object
        }
    }

    void readingAreaJoinsEveryViewport() {
        viewer::ReadingArea area;
        area.resize(800, 600);
        area.setLayoutMode(viewer::ReadingArea::Layout::TwoByTwo);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        viewer::ViewportSync* sync = area.sync();
        QVERIFY(sync);
        QCOMPARE(sync->members('A').size(), std::size_t(4));
        for (viewer::Viewport* v : area.viewports()) QCOMPARE(sync->groupOf(v), QChar('A'));
        // The shortcuts are the area's: Shift+S toggles scroll sync of the active viewport's group.
        QVERIFY(area.actions().contains(sync->actions().front()));
        area.activateWindow();
        if (QTest::qWaitForWindowActive(&area)) {
            area.viewports().front()->setFocus();
            QTest::keyClick(area.viewports().front(), Qt::Key_S, Qt::ShiftModifier);
            QVERIFY(!sync->toggles('A').scroll);
            QTest::keyClick(area.viewports().front(), Qt::Key_S, Qt::ShiftModifier);
            QVERIFY(sync->toggles('A').scroll);
            // Shift+G moves the active viewport to group B.
            QTest::keyClick(area.viewports().front(), Qt::Key_G, Qt::ShiftModifier);
            QCOMPARE(sync->groupOf(area.viewports().front()), QChar('B'));
            QCOMPARE(sync->members('A').size(), std::size_t(3));
        } else {
            qWarning("the window manager would not activate the window: shortcuts triggered directly");
            sync->actions().front()->trigger();
            QVERIFY(!sync->toggles('A').scroll);
        }
        // A new layout: the new viewports join, the old ones are gone.
        area.setLayoutMode(viewer::ReadingArea::Layout::OneByTwo);
        QCOMPARE(sync->members('A').size(), std::size_t(2));
        sync->setScrollSync('A', true);

        // Current and prior side by side (as a hanging protocol places them):
        // Alt+Down in the prior nudges it one slice against the current.
        viewer::Viewport* left = area.viewports()[0];
        viewer::Viewport* right = area.viewports()[1];
        left->showPlane(current_, render::PlaneKind::Axial);
        right->showPlane(prior_, render::PlaneKind::Axial);
        QTest::mouseClick(right, Qt::RightButton, Qt::NoModifier, QPoint(20, 20));
        QCOMPARE(area.activeViewport(), right);
        QCOMPARE(sync->activeViewport(), right);
        left->scrollBy(-5);
        const int leftAt = left->sliceIndex(), rightAt = right->sliceIndex();
        if (QTest::qWaitForWindowActive(&area)) {
            right->setFocus();
            QTest::keyClick(right, Qt::Key_Down, Qt::AltModifier);
        } else {
            sync->actions().at(5)->trigger();
        }
        QCOMPARE(right->sliceIndex(), rightAt + 1);
        QCOMPARE(left->sliceIndex(), leftAt);
        QVERIFY2(sync->badgeText(right).contains("offset +1"), qPrintable(sync->badgeText(right)));
        left->scrollBy(2);
        QCOMPARE(right->sliceIndex(), rightAt + 3);
        if (QTest::qWaitForWindowActive(&area)) QTest::keyClick(right, Qt::Key_0, Qt::AltModifier);
        else sync->actions().at(6)->trigger();
        QCOMPARE(sync->manualOffsetMm(left, right), 0.0);
        QCOMPARE(right->sliceIndex(), rightAt + 2);
    }
};

QTEST_MAIN(TestViewportSync)
#include "tst_viewport_sync.moc"
