// Rigid transforms between frames of reference: composition, inverse, the
// rotation angle, and the matrix round trip the CLI and truth.json use.
#include "lightbox/core/RigidTransform.h"

#include <QtTest>

using lightbox::core::RigidTransform;
using lightbox::core::Vec3;

namespace {
void compareVec(const Vec3& a, const Vec3& b) {
    for (std::size_t i = 0; i < 3; ++i) QVERIFY2(std::abs(a[i] - b[i]) < 1e-9, qPrintable(QString::number(a[i] - b[i])));
}
}  // namespace

class TestRigidTransform : public QObject {
    Q_OBJECT
private slots:
    void rotationAboutZ() {
        const auto t = RigidTransform::rotationZ(90, {1, 2, 3});
        compareVec(t.apply({1, 0, 0}), {1, 3, 3});  // x axis to y axis, then translated
        QVERIFY(std::abs(t.rotationDegrees() - 90) < 1e-9);
    }
    void arbitraryAxisKeepsTheAxisAndLengths() {
        const Vec3 axis{1, 1, 1};
        const auto t = RigidTransform::rotation(axis, 120, {0, 0, 0});
        compareVec(t.apply({1, 1, 1}), {1, 1, 1});
        compareVec(t.apply({1, 0, 0}), {0, 1, 0});  // 120 degrees about (1,1,1) cycles the axes
        QVERIFY(std::abs(t.rotationDegrees() - 120) < 1e-9);
    }
    void inverseAndComposition() {
        const auto a = RigidTransform::rotation({0.2, -1, 0.5}, 7.5, {10, -5, 20});
        const auto b = RigidTransform::rotationZ(-3, {1, 1, 1});
        const Vec3 p{12.5, -40, 7};
        compareVec((a * b).apply(p), a.apply(b.apply(p)));
        compareVec((a * a.inverse()).apply(p), p);
        QVERIFY((a * a.inverse()).rotationDegrees() < 1e-6);
    }
    void matrixRoundTrip() {
        const auto a = RigidTransform::rotation({0, 1, 0}, -12, {3, 4, 5});
        const auto m = a.matrix4x4();
        QCOMPARE(m[15], 1.0);
        QCOMPARE(m[3], 3.0);
        compareVec(RigidTransform::fromMatrix4x4(m).apply({1, 2, 3}), a.apply({1, 2, 3}));
        compareVec(a.translation(), {3, 4, 5});
    }
    void axisAndAngleRoundTrip() {
        for (double degrees : {0.5, 4.0, 90.0, 179.5, 180.0}) {
            const Vec3 axis = lightbox::core::normalized({1, -2, 3});
            const auto t = RigidTransform::rotation(axis, degrees, {1, 2, 3});
            QVERIFY(std::abs(t.rotationDegrees() - degrees) < 1e-6);
            const Vec3 k = t.rotationAxis();
            // A half turn has no preferred sign; below it the axis is exact.
            const double along = lightbox::core::dot(k, axis);
            const double error = degrees == 180.0 ? std::abs(std::abs(along) - 1.0) : std::abs(along - 1.0);
            QVERIFY2(error < 1e-9, qPrintable(QString::number(degrees)));
            // Rebuilding from axis and angle gives the same rotation.
            compareVec(RigidTransform::rotation(k, t.rotationDegrees(), {1, 2, 3}).apply({4, -5, 6}),
                       t.apply({4, -5, 6}));
        }
        compareVec(RigidTransform().rotationAxis(), {0, 0, 1});
    }
};

QTEST_APPLESS_MAIN(TestRigidTransform)
#include "tst_rigid_transform.moc"
