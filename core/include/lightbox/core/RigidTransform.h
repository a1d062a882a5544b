#pragma once
// A rigid transform between two patient frames of reference (mm, DICOM LPS):
// p' = R p + t with R a rotation. How a prior lies relative to the current
// study (synthetic truth, registration result, sync mapping).

#include "lightbox/core/ImageGeometry.h"

#include <array>

namespace lightbox::core {

class RigidTransform {
public:
    RigidTransform();  // identity
    // Rotation by `degrees` about the z axis (counter-clockwise seen from +z)
    // followed by a translation.
    static RigidTransform rotationZ(double degrees, const Vec3& translation);
    // Rotation by `degrees` about the unit `axis` through the origin, then `translation`.
    static RigidTransform rotation(const Vec3& axis, double degrees, const Vec3& translation);
    // From a row-major 4x4 matrix (last row ignored; R is taken as given).
    static RigidTransform fromMatrix4x4(const std::array<double, 16>& m);

    Vec3 apply(const Vec3& p) const;
    // Rotation only (directions).
    Vec3 applyToDirection(const Vec3& d) const;
    RigidTransform inverse() const;
    // (a * b).apply(p) == a.apply(b.apply(p))
    friend RigidTransform operator*(const RigidTransform& a, const RigidTransform& b);
    // 4x4 row-major (last row 0 0 0 1), as truth.json and `register --json` record it.
    std::array<double, 16> matrix4x4() const;
    Vec3 translation() const { return {m_[0][3], m_[1][3], m_[2][3]}; }
    // The angle of the rotation (degrees, 0..180).
    double rotationDegrees() const;
    // The unit axis of the rotation, turning by rotationDegrees() counter-
    // clockwise seen from its tip; (0, 0, 1) for no rotation.
    Vec3 rotationAxis() const;

private:
    std::array<std::array<double, 4>, 3> m_{};
};

}  // namespace lightbox::core
