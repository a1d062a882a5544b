// The scroll-sync mapping without widgets: which slice of viewport B follows
// the plane of viewport A - one frame of reference, different slice spacings,
// a stack written the other way round, a rigid transform between frames,
// the manual offset, and the table-position guess.

#include "lightbox/core/RigidTransform.h"
#include "lightbox/viewer/SyncMapping.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace lightbox;
using namespace lightbox::viewer;
using core::operator+;
using core::operator*;

namespace {

// An axial stack of `slices` images `step` mm apart whose middle lies at
// `centre`; `headFirst` false writes it feet to head (instance 1 lowest).
core::Volume axialStack(int slices, double step, core::Vec3 centre, bool headFirst = true, int matrix = 64,
                        double pixel = 2.0) {
    core::Volume v;
    v.columns = v.rows = matrix;
    v.slices = slices;
    v.spacing = {pixel, pixel, step};
    v.axisZ = headFirst ? core::Vec3{0, 0, -1} : core::Vec3{0, 0, 1};
    const double half = (matrix - 1) * pixel / 2.0, halfStack = (slices - 1) * step / 2.0;
    v.origin = {centre[0] - half, centre[1] - half, centre[2] - (headFirst ? -halfStack : halfStack)};
    return v;
}

sync::ScrollAxis axial(const core::Volume& v) { return sync::scrollAxis(v, {0, 0, 1}, v.spacing[2]); }

// The z of the plane a target puts on screen.
double planeZ(const sync::ScrollAxis& axis, const sync::SliceTarget& t) { return (axis.centre + axis.normal * t.positionMm)[2]; }

}  // namespace

class TestSyncMapping : public QObject {
    Q_OBJECT

private slots:
    void axisOfAStack() {
        const sync::ScrollAxis a = axial(axialStack(40, 2.5, {0, 0, 0}));
        QCOMPARE(a.sliceCount(), 40);
        QCOMPARE(a.halfExtent, 39 * 2.5 / 2);
        // Snapping lands on the slices and clamps beyond the ends.
        QCOMPARE(sync::snap(a, -a.halfExtent).sliceIndex, 0);
        QCOMPARE(sync::snap(a, a.halfExtent).sliceIndex, 39);
        QCOMPARE(sync::snap(a, 1.0).positionMm, -a.halfExtent + 20 * 2.5);
        const sync::SliceTarget beyond = sync::snap(a, 500);
        QVERIFY(beyond.outside);
        QCOMPARE(beyond.sliceIndex, 39);
        QVERIFY(!sync::snap(a, a.halfExtent + 1.0).outside);  // half a slice is still the end slice
    }

    void sameFrameSameGrid() {
        const sync::ScrollAxis a = axial(axialStack(40, 2.5, {0, 0, 0}));
        const sync::ScrollAxis b = axial(axialStack(40, 2.5, {0, 0, 0}));
        for (int k : {0, 7, 20, 39}) {
            const double z = -a.halfExtent + k * 2.5;
            const sync::SliceTarget t = sync::follow(a, {12, -30, z}, b, core::RigidTransform());
            QCOMPARE(t.sliceIndex, k);
            QVERIFY(std::abs(planeZ(b, t) - z) < 1e-9);
        }
    }

    void differentSliceSpacing() {
        // 2.5 mm current against a 5 mm prior offset by 1 mm: the nearest
        // prior slice is never more than half its spacing away.
        const sync::ScrollAxis a = axial(axialStack(60, 2.5, {0, 0, 0}));
        const sync::ScrollAxis b = axial(axialStack(30, 5.0, {0, 0, 1.0}));
        for (int k = 0; k < 60; ++k) {
            const double z = -a.halfExtent + k * 2.5;
            const sync::SliceTarget t = sync::follow(a, {0, 0, z}, b, core::RigidTransform());
            QVERIFY2(std::abs(planeZ(b, t) - z) <= 2.5 + 1e-9,
                     qPrintable(QString("z %1 -> %2").arg(z).arg(planeZ(b, t))));
        }
        // And back: every 5 mm slice finds a 2.5 mm one within 1.25 mm.
        for (int k = 0; k < 30; ++k) {
            const double z = 1.0 - b.halfExtent + k * 5.0;
            const sync::SliceTarget t = sync::follow(b, {0, 0, z}, a, core::RigidTransform());
            QVERIFY(std::abs(planeZ(a, t) - z) <= 1.25 + 1e-9);
        }
    }

    void reversedStack() {
        // The same anatomy written head to feet and feet to head: slice k of
        // one is slice n-1-k of the other in file order, but the planes match
        // in patient space whatever the scroll direction (normal +z or -z).
        const core::Volume headFirst = axialStack(40, 2.5, {0, 0, 0}, true);
        const core::Volume feetFirst = axialStack(40, 2.5, {0, 0, 0}, false);
        const sync::ScrollAxis a = axial(headFirst);
        const sync::ScrollAxis up = axial(feetFirst);
        const sync::ScrollAxis down = sync::scrollAxis(feetFirst, {0, 0, -1}, 2.5);
        for (int k : {0, 3, 25, 39}) {
            const double z = -a.halfExtent + k * 2.5;
            const sync::SliceTarget t = sync::follow(a, {0, 0, z}, up, core::RigidTransform());
            QVERIFY(std::abs(planeZ(up, t) - z) < 1e-9);
            const sync::SliceTarget r = sync::follow(a, {0, 0, z}, down, core::RigidTransform());
            QVERIFY(std::abs(planeZ(down, r) - z) < 1e-9);
            QCOMPARE(r.sliceIndex, 39 - k);  // scrolling down the other way
        }
    }

    void throughARigidTransform() {
        // The demo prior: p_prior = R_z(5 deg) p_current + (10, -5, 20); its
        // stack centred where the body lies. The lesion's plane in the current
        // brings the prior to the lesion's plane there.
        const core::RigidTransform priorFromCurrent = core::RigidTransform::rotationZ(5.0, {10, -5, 20});
        const sync::ScrollAxis current = axial(axialStack(40, 2.5, {0, 0, 0}));
        const sync::ScrollAxis prior = axial(axialStack(40, 2.5, priorFromCurrent.apply({0, 0, 0})));
        const core::Vec3 lesion{-80, -20, 10};
        const core::Vec3 lesionPrior = priorFromCurrent.apply(lesion);
        const sync::SliceTarget t = sync::follow(current, lesion, prior, priorFromCurrent);
        QVERIFY(std::abs(planeZ(prior, t) - lesionPrior[2]) <= 1.25 + 1e-9);
        // Without the transform (identity) the prior would be 20 mm off.
        const sync::SliceTarget wrong = sync::follow(current, lesion, prior, core::RigidTransform());
        QVERIFY(std::abs(planeZ(prior, wrong) - lesionPrior[2]) > 15);
        // And back through the inverse.
        const sync::SliceTarget back = sync::follow(prior, lesionPrior, current, priorFromCurrent.inverse());
        QVERIFY(std::abs(planeZ(current, back) - lesion[2]) <= 1.25 + 1e-9);

        // A tilted rotation (about x): the point matters, not only the plane.
        const core::RigidTransform tilted = core::RigidTransform::rotation({1, 0, 0}, 10.0, {0, 0, 0});
        const sync::ScrollAxis tiltedPrior = axial(axialStack(80, 1.0, {0, 0, 0}));
        const core::Vec3 anterior{0, -100, 0};
        const sync::SliceTarget ta = sync::follow(current, anterior, tiltedPrior, tilted);
        QVERIFY(std::abs(planeZ(tiltedPrior, ta) - tilted.apply(anterior)[2]) <= 0.5 + 1e-9);
        QVERIFY(std::abs(tilted.apply(anterior)[2]) > 10);
    }

    void orientationsTooFarApartDoNotScroll() {
        const core::Volume v = axialStack(40, 2.5, {0, 0, 0});
        const sync::ScrollAxis a = axial(v);
        const sync::ScrollAxis sagittal = sync::scrollAxis(v, {-1, 0, 0}, 2.0);
        QVERIFY(sync::planesComparable(a, a, core::RigidTransform()));
        QVERIFY(!sync::planesComparable(a, sagittal, core::RigidTransform()));
        QVERIFY(sync::planesComparable(a, sync::scrollAxis(v, {0, 0, -1}, 2.5), core::RigidTransform()));
        // An oblique plane 30 degrees off axial still scrolls with the axial one; 70 degrees does not.
        const double r30 = 30 * std::numbers::pi / 180, r70 = 70 * std::numbers::pi / 180;
        QVERIFY(sync::planesComparable(a, sync::scrollAxis(v, {0, std::sin(r30), std::cos(r30)}, 2.0), core::RigidTransform()));
        QVERIFY(!sync::planesComparable(a, sync::scrollAxis(v, {0, std::sin(r70), std::cos(r70)}, 2.0), core::RigidTransform()));
        // A transform's rotation counts: axial against sagittal after a 90 degree turn about y.
        QVERIFY(sync::planesComparable(a, sagittal, core::RigidTransform::rotation({0, 1, 0}, 90, {0, 0, 0})));
    }

    void manualOffset() {
        const sync::ScrollAxis current = axial(axialStack(40, 2.5, {0, 0, 0}));
        const sync::ScrollAxis prior = axial(axialStack(30, 5.0, {0, 0, 0}));
        const core::Vec3 p{0, 0, 0.0};
        const sync::SliceTarget plain = sync::follow(current, p, prior, core::RigidTransform());
        // The prior one slice further: +5 mm kept as its offset.
        const double offset = sync::offsetFor(p, prior, core::RigidTransform(), plain.positionMm + 5.0);
        QVERIFY(std::abs(offset - (plain.positionMm + 5.0 - 0.0)) < 1e-9);
        const sync::SliceTarget nudged = sync::follow(current, p, prior, core::RigidTransform(), 0, offset);
        QCOMPARE(nudged.sliceIndex, plain.sliceIndex + 1);
        // Scrolling the current on keeps the offset.
        const core::Vec3 q{0, 0, 20.0};
        const sync::SliceTarget later = sync::follow(current, q, prior, core::RigidTransform(), 0, offset);
        QVERIFY(std::abs(planeZ(prior, later) - (20.0 + 5.0)) <= 2.5 + 1e-9);
        // The other way, the offset comes off the prior before mapping: the
        // current returns to the plane it came from.
        const core::Vec3 priorPlane = prior.centre + prior.normal * nudged.positionMm;
        const sync::SliceTarget back = sync::follow(prior, priorPlane, current, core::RigidTransform(), offset, 0);
        QVERIFY(std::abs(planeZ(current, back) - p[2]) <= 1.25 + 1e-9);
    }

    void tablePositionGuess() {
        const sync::ScrollAxis a = axial(axialStack(40, 2.5, {0, 0, 0}));
        // Overlapping stacks: slice locations at face value.
        const sync::ScrollAxis overlapping = axial(axialStack(40, 2.5, {0, 0, 30}));
        const core::RigidTransform same = sync::tablePositionGuess(a, overlapping);
        QCOMPARE(same.apply({1, 2, 3}), (core::Vec3{1, 2, 3}));
        // A prior in a frame whose origin lies 1 m away: the stack centres meet.
        const sync::ScrollAxis far = axial(axialStack(40, 2.5, {0, 0, 1000}));
        const core::RigidTransform guess = sync::tablePositionGuess(a, far);
        const sync::SliceTarget middle = sync::follow(a, a.centre, far, guess);
        QCOMPARE(middle.sliceIndex, sync::snap(far, 0).sliceIndex);
        QVERIFY(!middle.outside);
        const sync::SliceTarget top = sync::follow(a, a.centre + a.normal * a.halfExtent, far, guess);
        QCOMPARE(top.sliceIndex, 39);
    }

    void theOlderStudyIsTheMovingOne() {
        core::SeriesInfo current, prior;
        current.studyDate = "20261120";
        current.seriesInstanceUid = "1.2.3";
        prior.studyDate = "20251118";
        prior.seriesInstanceUid = "1.2.4";
        QVERIFY(sync::isMovingOf(prior, current));
        QVERIFY(!sync::isMovingOf(current, prior));
        // The same day: decided by UIDs, one way only.
        prior.studyDate = current.studyDate;
        QVERIFY(sync::isMovingOf(prior, current) != sync::isMovingOf(current, prior));
    }
};

QTEST_APPLESS_MAIN(TestSyncMapping)
#include "tst_sync_mapping.moc"
