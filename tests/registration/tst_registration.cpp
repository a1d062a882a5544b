// Rigid registration against known answers: the demo patient's prior CT
// (acquired rotated and shifted by a known transform) to its current CT, and
// a real CT whose copy was moved rigidly in patient space by rewriting its
// geometry; and the refusals (degenerate input, no overlap, cancel).

#include "RegistrationTestSupport.h"
#include "TestSupport.h"

#include "lightbox/core/Error.h"
#include "lightbox/render/RigidRegistration.h"

#include <QtTest>

#include <atomic>
#include <cmath>

using namespace lightbox;

namespace {

core::Volume cube(int n, double spacing, const core::Vec3& origin) {
    core::Volume v;
    v.columns = v.rows = v.slices = n;
    v.spacing = {spacing, spacing, spacing};
    v.origin = origin;
    v.int16Voxels.assign(std::size_t(n) * std::size_t(n) * std::size_t(n), 0);
    // A block off centre, so that nothing is symmetric.
    for (int k = n / 4; k < n / 2; ++k)
        for (int j = n / 5; j < 3 * n / 4; ++j)
            for (int i = n / 3; i < 2 * n / 3 + 2; ++i)
                v.int16Voxels[std::size_t(k) * std::size_t(n * n) + std::size_t(j * n + i)] = 1000;
    return v;
}

core::ErrorCode errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return e.code();
    }
    QTest::qFail("no core::Error thrown", __FILE__, __LINE__);
    return core::ErrorCode::Io;
}

}  // namespace

class TestRegistration : public QObject {
    Q_OBJECT

    test::SyntheticChestPair pair_;
    test::LoadedSeries current_, prior_;

private slots:
    void initTestCase() {
        // 1.5 mm pixels: the phantom is drawn without partial volume, so its
        // staircase edges pull a registration towards aligned grids by about
        // a fifth of a pixel's angle at 3 mm pixels; at 1.5 mm the bias is
        // well inside the tolerance.
        pair_ = test::writeSyntheticChestPair(256, 40);
        current_ = test::loadLargestSeries(pair_.currentDir);
        prior_ = test::loadLargestSeries(pair_.priorDir);
    }

    void syntheticPriorToCurrent_data() {
        QTest::addColumn<int>("metric");
        QTest::newRow("mattes") << int(render::RegistrationMetric::MattesMutualInformation);
        QTest::newRow("mean squares") << int(render::RegistrationMetric::MeanSquares);
    }
    void syntheticPriorToCurrent() {
        QFETCH(int, metric);
        const test::SyntheticChestPair& pair = pair_;
        const test::LoadedSeries& current = current_;
        const test::LoadedSeries& prior = prior_;
        render::RegistrationOptions options;
        options.metric = render::RegistrationMetric(metric);
        double lastProgress = -1;
        bool monotonic = true;
        const render::RigidRegistrationResult r = render::registerRigid(
            current.volume, prior.volume, options, [&](double f) {
                monotonic = monotonic && f >= lastProgress && f <= 1.0;
                lastProgress = f;
            });
        const test::TransformError e = test::transformError(r.movingToFixed, pair.priorToCurrent, current.volume);
        qInfo().noquote() << "registered:" << test::describe(r.movingToFixed) << "\n truth:     "
                          << test::describe(pair.priorToCurrent) << "\n corner error" << e.maxCornerMm
                          << "mm, rotation error" << e.rotationDegrees << "deg, residual" << r.residualMm << "mm,"
                          << r.iterations << "iterations," << r.seconds << "s";
        QVERIFY2(e.maxCornerMm < 1.0, qPrintable(QString::number(e.maxCornerMm)));
        QVERIFY2(e.rotationDegrees < 1.0, qPrintable(QString::number(e.rotationDegrees)));
        QVERIFY(r.residualEstimated);
        // The phantom's cylinders say nothing along z (only three small spheres
        // do), so a restart displaced along z comes back slowly: the residual
        // is honestly larger than the error here, but not unbounded.
        QVERIFY2(r.residualMm > 0 && r.residualMm < 2.0, qPrintable(QString::number(r.residualMm)));
        QCOMPARE(r.levels, 3);
        QVERIFY(r.iterations > 0);
        QVERIFY(monotonic);
        QCOMPARE(lastProgress, 1.0);
    }

    void realCtMovedCopy() {
        const QString original = test::realCtSeriesDir();
        if (original.isEmpty()) QSKIP("shared DICOM data (../shared/data/dicom) not present in this checkout");
        const test::LoadedSeries fixed = test::loadLargestSeries(original);
        QVERIFY(fixed.volume.slices >= 100);
        const core::RigidTransform move = test::obliqueMotion(
            fixed.volume.patientPoint((fixed.volume.columns - 1) / 2.0, (fixed.volume.rows - 1) / 2.0,
                                      (fixed.volume.slices - 1) / 2.0));
        QTemporaryDir dir;
        test::writeMovedCopy(original, dir.filePath("moved"), move);
        const test::LoadedSeries moving = test::loadLargestSeries(dir.filePath("moved"));
        QCOMPARE(moving.volume.slices, fixed.volume.slices);
        QVERIFY(moving.info.seriesInstanceUid != fixed.info.seriesInstanceUid);

        const render::RigidRegistrationResult r = render::registerRigid(fixed.volume, moving.volume);
        const core::RigidTransform truth = move.inverse();
        const test::TransformError e = test::transformError(r.movingToFixed, truth, fixed.volume);
        qInfo().noquote() << "registered:" << test::describe(r.movingToFixed) << "\n truth:     "
                          << test::describe(truth) << "\n corner error" << e.maxCornerMm << "mm, rotation error"
                          << e.rotationDegrees << "deg, residual" << r.residualMm << "mm," << r.iterations
                          << "iterations," << r.seconds << "s";
        QVERIFY2(e.maxCornerMm < 1.0, qPrintable(QString::number(e.maxCornerMm)));
        QVERIFY2(e.rotationDegrees < 1.0, qPrintable(QString::number(e.rotationDegrees)));
        QVERIFY(r.residualEstimated && r.residualMm < 1.0);
    }

    void refusesDegenerateInput() {
        const core::Volume good = cube(24, 2.0, {0, 0, 0});
        core::Volume flat = good;
        flat.slices = 1;
        QCOMPARE(errorOf([&] { render::registerRigid(good, flat); }), core::ErrorCode::InvalidArgument);
        core::Volume collapsed = good;
        collapsed.axisZ = collapsed.axisX;
        QCOMPARE(errorOf([&] { render::registerRigid(collapsed, good); }), core::ErrorCode::InvalidArgument);
        core::Volume empty;
        QCOMPARE(errorOf([&] { render::registerRigid(empty, good); }), core::ErrorCode::InvalidArgument);
        render::RegistrationOptions noLevels;
        noLevels.shrinkFactors.clear();
        QCOMPARE(errorOf([&] { render::registerRigid(good, good, noLevels); }), core::ErrorCode::InvalidArgument);
    }

    void refusesVolumesThatDoNotOverlap() {
        // A metre apart: after centring they overlap, so place them by moments
        // of nothing... no: geometric centring always overlaps. Make the moving
        // volume tiny and far off the fixed volume's foreground instead is not
        // a refusal either; what cannot overlap is a fixed volume whose samples
        // all fall outside a moving volume that shrank to one voxel layer.
        const core::Volume fixed = cube(32, 2.0, {0, 0, 0});
        core::Volume moving = cube(32, 2.0, {0, 0, 0});
        moving.spacing = {0.05, 0.05, 0.05};  // 1.6 mm across: almost every sample misses it
        QCOMPARE(errorOf([&] { render::registerRigid(fixed, moving); }), core::ErrorCode::InvalidArgument);
    }

    void cancels() {
        const core::Volume fixed = cube(32, 2.0, {0, 0, 0});
        const core::Volume moving = cube(32, 2.0, {3, -2, 1});
        std::atomic<bool> cancel{false};
        int calls = 0;
        QCOMPARE(errorOf([&] {
                     render::registerRigid(fixed, moving, {}, [&](double) {
                         if (++calls == 3) cancel = true;
                     }, &cancel);
                 }),
                 core::ErrorCode::Cancelled);
        QVERIFY(calls >= 3);
    }

    void recoversAShiftedBlock() {
        // The same block, the moving copy's grid shifted by a known amount.
        const core::Volume fixed = cube(40, 2.0, {-40, -40, -40});
        const core::Volume moving = cube(40, 2.0, {-40 + 5.0, -40 - 3.0, -40 + 2.0});
        render::RegistrationOptions options;
        // Mean squares: the mutual information of a binary block has flat
        // stretches where partial-volume values mix with the two levels.
        options.metric = render::RegistrationMetric::MeanSquares;
        const render::RigidRegistrationResult r = render::registerRigid(fixed, moving, options);
        // A moving point p shows the anatomy the fixed volume has at p - shift.
        const core::RigidTransform truth = core::RigidTransform::rotation({0, 0, 1}, 0, {-5, 3, -2});
        const test::TransformError e = test::transformError(r.movingToFixed, truth, fixed);
        QVERIFY2(e.maxCornerMm < 0.5, qPrintable(test::describe(r.movingToFixed)));
    }

    void recoversAShiftedShearedBlock() {
        // A gantry-tilted stack: the slice axis leans 15 degrees out of the
        // slice normal (a sheared voxel grid, as core loads such a series).
        core::Volume fixed = cube(40, 2.0, {-40, -40, -40});
        const double a = 15.0 * 3.14159265358979 / 180.0;
        fixed.axisZ = {0, std::sin(a), std::cos(a)};
        fixed.sheared = true;
        core::Volume moving = fixed;
        moving.origin = {-40 - 4.0, -40 + 2.5, -40 + 3.0};
        render::RegistrationOptions options;
        options.metric = render::RegistrationMetric::MeanSquares;
        const render::RigidRegistrationResult r = render::registerRigid(fixed, moving, options);
        const core::RigidTransform truth = core::RigidTransform::rotation({0, 0, 1}, 0, {4.0, -2.5, -3.0});
        const test::TransformError e = test::transformError(r.movingToFixed, truth, fixed);
        QVERIFY2(e.maxCornerMm < 0.5, qPrintable(test::describe(r.movingToFixed)));
    }
};

QTEST_APPLESS_MAIN(TestRegistration)
#include "tst_registration.moc"
