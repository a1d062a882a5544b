// The per-pair registration cache: a stored pair is found again (in another
// cache object on the same folder, as after a restart), keys are exact (other
// series, other geometry), the manual offset is kept and applied, damaged
// files read as absent, and a folder that cannot be written is an Io error.

#include "lightbox/core/Error.h"
#include "lightbox/render/RegistrationCache.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace lightbox;
using core::Vec3;

namespace {

core::Volume grid(int columns, int rows, int slices, const Vec3& origin) {
    core::Volume v;
    v.columns = columns;
    v.rows = rows;
    v.slices = slices;
    v.origin = origin;
    v.spacing = {0.75, 0.75, 2.5};
    return v;  // no voxels: the cache keys on geometry only
}

void compareTransforms(const core::RigidTransform& a, const core::RigidTransform& b) {
    const auto ma = a.matrix4x4(), mb = b.matrix4x4();
    for (std::size_t i = 0; i < 16; ++i) QVERIFY2(std::abs(ma[i] - mb[i]) < 1e-12, qPrintable(QString::number(i)));
}

render::CachedRegistration sampleEntry() {
    render::CachedRegistration e;
    e.movingToFixed = core::RigidTransform::rotation({0.3, -1, 0.2}, 4.25, {12.5, -7.125, 9.0625});
    e.residualMm = 0.123;
    e.residualEstimated = true;
    e.metricValue = -1.25;
    e.iterations = 77;
    e.seconds = 2.5;
    return e;
}

}  // namespace

class TestRegistrationCache : public QObject {
    Q_OBJECT

private slots:
    void geometryHashIsStableAndSensitive() {
        const core::Volume a = grid(512, 512, 300, {-192, -192, 100});
        QCOMPARE(render::volumeGeometryHash(a).size(), std::size_t(16));
        QCOMPARE(render::volumeGeometryHash(a), render::volumeGeometryHash(grid(512, 512, 300, {-192, -192, 100})));
        // Rounding noise below a micrometre does not change the key...
        core::Volume noisy = a;
        noisy.origin[2] += 1e-9;
        QCOMPARE(render::volumeGeometryHash(noisy), render::volumeGeometryHash(a));
        // ...but another slice count, position, spacing or orientation does.
        QVERIFY(render::volumeGeometryHash(grid(512, 512, 299, {-192, -192, 100})) != render::volumeGeometryHash(a));
        QVERIFY(render::volumeGeometryHash(grid(512, 512, 300, {-192, -192, 100.5})) != render::volumeGeometryHash(a));
        core::Volume thinner = a;
        thinner.spacing[2] = 1.25;
        QVERIFY(render::volumeGeometryHash(thinner) != render::volumeGeometryHash(a));
        core::Volume turned = a;
        turned.axisX = {0, 1, 0};
        turned.axisY = {1, 0, 0};
        QVERIFY(render::volumeGeometryHash(turned) != render::volumeGeometryHash(a));
    }

    void storeThenFindAcrossInstances() {
        QTemporaryDir dir;
        const QString folder = dir.filePath("registrations");  // created on the first store
        const auto key = render::RegistrationPairKey::of("1.2.3.4", grid(512, 512, 300, {0, 0, 0}), "1.2.3.5",
                                                         grid(512, 512, 280, {5, 5, 5}));
        {
            render::RegistrationCache cache(folder.toStdString());
            QVERIFY(!cache.find(key));
            cache.store(key, sampleEntry());
        }
        render::RegistrationCache again(folder.toStdString());
        const auto found = again.find(key);
        QVERIFY(found);
        compareTransforms(found->movingToFixed, sampleEntry().movingToFixed);
        QCOMPARE(found->residualMm, 0.123);
        QVERIFY(found->residualEstimated);
        QCOMPARE(found->metricValue, -1.25);
        QCOMPARE(found->iterations, 77);
        QCOMPARE(found->seconds, 2.5);
        QCOMPARE(found->manualOffsetMm, (Vec3{0, 0, 0}));
        compareTransforms(found->effective(), found->movingToFixed);
        QVERIFY(std::filesystem::exists(again.fileFor(key)));
    }

    void keysAreExact() {
        QTemporaryDir dir;
        render::RegistrationCache cache(dir.path().toStdString());
        const core::Volume f = grid(256, 256, 60, {0, 0, 0}), m = grid(256, 256, 60, {10, -5, 20});
        const auto key = render::RegistrationPairKey::of("1.2.3.4", f, "1.2.3.5", m);
        cache.store(key, sampleEntry());
        // The reverse pair is another registration (the inverse, computed on its own).
        QVERIFY(!cache.find(render::RegistrationPairKey::of("1.2.3.5", m, "1.2.3.4", f)));
        // The same series reloaded with another geometry (a slice more) is not the same pair.
        QVERIFY(!cache.find(render::RegistrationPairKey::of("1.2.3.4", grid(256, 256, 61, {0, 0, 0}), "1.2.3.5", m)));
        QVERIFY(!cache.find(render::RegistrationPairKey::of("1.2.3.4", f, "1.2.3.6", m)));
        QVERIFY(cache.find(key));
        QVERIFY(cache.remove(key));
        QVERIFY(!cache.find(key));
        QVERIFY(!cache.remove(key));
    }

    void manualOffsetIsKeptAndApplied() {
        QTemporaryDir dir;
        render::RegistrationCache cache(dir.path().toStdString());
        const auto key = render::RegistrationPairKey::of("1.2.3.4", grid(64, 64, 10, {0, 0, 0}), "1.2.3.5",
                                                         grid(64, 64, 10, {1, 2, 3}));
        // No entry yet: nothing to correct.
        try {
            cache.setManualOffset(key, {0, 0, 2.5});
            QFAIL("an offset for an unknown pair was accepted");
        } catch (const core::Error& e) {
            QCOMPARE(e.code(), core::ErrorCode::InvalidArgument);
        }
        cache.store(key, sampleEntry());
        cache.setManualOffset(key, {0, 0, 2.5});
        const auto found = render::RegistrationCache(dir.path().toStdString()).find(key);
        QVERIFY(found);
        QCOMPARE(found->manualOffsetMm, (Vec3{0, 0, 2.5}));
        compareTransforms(found->movingToFixed, sampleEntry().movingToFixed);  // the registration itself is unchanged
        // The effective transform puts every moving point 2.5 mm further along z.
        const Vec3 p{10, -20, 30};
        const Vec3 registered = found->movingToFixed.apply(p), effective = found->effective().apply(p);
        QVERIFY(std::abs(effective[0] - registered[0]) < 1e-12);
        QVERIFY(std::abs(effective[1] - registered[1]) < 1e-12);
        QVERIFY(std::abs(effective[2] - registered[2] - 2.5) < 1e-12);
    }

    void damagedFilesReadAsAbsent() {
        QTemporaryDir dir;
        render::RegistrationCache cache(dir.path().toStdString());
        const auto key = render::RegistrationPairKey::of("1.2", grid(8, 8, 4, {0, 0, 0}), "1.3", grid(8, 8, 4, {0, 0, 0}));
        for (const QByteArray& junk : {QByteArray("{\"version\": 1, \"key\": "), QByteArray("not json at all"),
                                       QByteArray("{\"version\": 1}"), QByteArray()}) {
            QFile f(QString::fromStdString(cache.fileFor(key).string()));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(junk);
            f.close();
            QVERIFY2(!cache.find(key), junk.constData());
        }
        // A store replaces the damaged file.
        cache.store(key, sampleEntry());
        QVERIFY(cache.find(key));
    }

    void unwritableFolderIsAnIoError() {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        // A folder under a plain file cannot be created.
        render::RegistrationCache cache(dir.filePath("file/registrations").toStdString());
        const auto key = render::RegistrationPairKey::of("1.2", grid(8, 8, 4, {0, 0, 0}), "1.3", grid(8, 8, 4, {0, 0, 0}));
        try {
            cache.store(key, sampleEntry());
            QFAIL("stored into a folder that cannot exist");
        } catch (const core::Error& e) {
            QCOMPARE(e.code(), core::ErrorCode::Io);
        }
        QVERIFY(!cache.find(key));
    }
};

QTEST_APPLESS_MAIN(TestRegistrationCache)
#include "tst_registration_cache.moc"
