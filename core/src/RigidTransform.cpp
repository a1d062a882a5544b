#include "lightbox/core/RigidTransform.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox::core {

RigidTransform::RigidTransform() {
    for (std::size_t i = 0; i < 3; ++i) m_[i][i] = 1.0;
}

RigidTransform RigidTransform::rotationZ(double degrees, const Vec3& translation) {
    return rotation({0, 0, 1}, degrees, translation);
}

RigidTransform RigidTransform::rotation(const Vec3& axis, double degrees, const Vec3& translation) {
    // Rodrigues: R = cI + s[k]x + (1-c) k k^T.
    const Vec3 k = normalized(axis);
    const double a = degrees * std::numbers::pi / 180.0;
    const double c = std::cos(a), s = std::sin(a), v = 1.0 - c;
    RigidTransform t;
    t.m_ = {{{c + k[0] * k[0] * v, k[0] * k[1] * v - k[2] * s, k[0] * k[2] * v + k[1] * s, translation[0]},
             {k[1] * k[0] * v + k[2] * s, c + k[1] * k[1] * v, k[1] * k[2] * v - k[0] * s, translation[1]},
             {k[2] * k[0] * v - k[1] * s, k[2] * k[1] * v + k[0] * s, c + k[2] * k[2] * v, translation[2]}}};
    return t;
}

RigidTransform RigidTransform::fromMatrix4x4(const std::array<double, 16>& m) {
    RigidTransform t;
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) t.m_[i][j] = m[i * 4 + j];
    return t;
}

Vec3 RigidTransform::apply(const Vec3& p) const {
    Vec3 r = applyToDirection(p);
    for (std::size_t i = 0; i < 3; ++i) r[i] += m_[i][3];
    return r;
}

Vec3 RigidTransform::applyToDirection(const Vec3& d) const {
    Vec3 r{};
    for (std::size_t i = 0; i < 3; ++i) r[i] = m_[i][0] * d[0] + m_[i][1] * d[1] + m_[i][2] * d[2];
    return r;
}

RigidTransform RigidTransform::inverse() const {
    // R^-1 = R^T, t' = -R^T t.
    RigidTransform inv;
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) inv.m_[i][j] = m_[j][i];
    for (std::size_t i = 0; i < 3; ++i)
        inv.m_[i][3] = -(inv.m_[i][0] * m_[0][3] + inv.m_[i][1] * m_[1][3] + inv.m_[i][2] * m_[2][3]);
    return inv;
}

RigidTransform operator*(const RigidTransform& a, const RigidTransform& b) {
    RigidTransform r;
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < 4; ++j) {
            double sum = j == 3 ? a.m_[i][3] : 0.0;
            for (std::size_t k = 0; k < 3; ++k) sum += a.m_[i][k] * b.m_[k][j];
            r.m_[i][j] = sum;
        }
    }
    return r;
}

std::array<double, 16> RigidTransform::matrix4x4() const {
    std::array<double, 16> out{};
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) out[i * 4 + j] = m_[i][j];
    out[15] = 1.0;
    return out;
}

double RigidTransform::rotationDegrees() const {
    // atan2 of sin and cos (|R - R^T| / 2 and (trace - 1) / 2): acos alone
    // loses half the digits near 0 and 180 degrees.
    const double cosine = (m_[0][0] + m_[1][1] + m_[2][2] - 1.0) / 2.0;
    const Vec3 skew{m_[2][1] - m_[1][2], m_[0][2] - m_[2][0], m_[1][0] - m_[0][1]};
    return std::atan2(norm(skew) / 2.0, cosine) * 180.0 / std::numbers::pi;
}

Vec3 RigidTransform::rotationAxis() const {
    // R - R^T = 2 sin(a) [k]x: the axis from the skew part, unless sin(a)
    // vanishes: at a = 0 there is no axis (say z), at 180 degrees R + I = 2 k k^T
    // (its largest column).
    const Vec3 skew{m_[2][1] - m_[1][2], m_[0][2] - m_[2][0], m_[1][0] - m_[0][1]};
    if (norm(skew) > 1e-9) return normalized(skew);
    if (rotationDegrees() < 90.0) return {0, 0, 1};
    std::size_t best = 0;
    for (std::size_t i = 1; i < 3; ++i)
        if (m_[i][i] > m_[best][best]) best = i;
    Vec3 k{m_[0][best], m_[1][best], m_[2][best]};
    k[best] += 1.0;
    k = normalized(k);
    // The sign of a half turn's axis does not matter; elsewhere follow the skew part.
    return dot(k, skew) < 0 ? k * -1.0 : k;
}

}  // namespace lightbox::core
