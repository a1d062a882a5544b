#include "synth/Phantom.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox::core::synth {

PhantomShape PhantomShape::sphere(std::string name, const Vec3& center, double radius, double value) {
    return {std::move(name), Kind::Sphere, center, {radius, radius, radius}, value};
}

PhantomShape PhantomShape::ellipsoid(std::string name, const Vec3& center, const Vec3& semiAxes, double value) {
    return {std::move(name), Kind::Ellipsoid, center, semiAxes, value};
}

PhantomShape PhantomShape::cylinderZ(std::string name, const Vec3& center, double semiX, double semiY, double value) {
    return {std::move(name), Kind::EllipticCylinderZ, center, {semiX, semiY, 0.0}, value};
}

bool PhantomShape::contains(const Vec3& p) const {
    const double dx = (p[0] - center[0]) / semiAxes[0];
    const double dy = (p[1] - center[1]) / semiAxes[1];
    if (kind == Kind::EllipticCylinderZ) return dx * dx + dy * dy <= 1.0;
    const double dz = (p[2] - center[2]) / semiAxes[2];
    return dx * dx + dy * dy + dz * dz <= 1.0;
}

bool PhantomShape::lineInterval(const Vec3& start, const Vec3& step, double& first, double& last) const {
    // Inside when sum_k ((start_k - centre_k + i step_k) / s_k)^2 <= 1: a quadratic in i.
    const std::size_t dims = kind == Kind::EllipticCylinderZ ? 2 : 3;
    double a = 0, b = 0, c = -1.0;
    for (std::size_t k = 0; k < dims; ++k) {
        const double p = (start[k] - center[k]) / semiAxes[k], q = step[k] / semiAxes[k];
        a += q * q;
        b += 2.0 * p * q;
        c += p * p;
    }
    if (a < 1e-300) {  // the line runs parallel to the shape's infinite axis
        first = -1e300;
        last = 1e300;
        return c <= 0.0;
    }
    const double discriminant = b * b - 4.0 * a * c;
    if (discriminant < 0.0) return false;
    const double root = std::sqrt(discriminant);
    first = (-b - root) / (2.0 * a);
    last = (-b + root) / (2.0 * a);
    return true;
}

void Phantom::fillLine(const Vec3& start, const Vec3& step, int count, double* out) const {
    for (int i = 0; i < count; ++i) out[i] = background_;
    for (const PhantomShape& s : shapes_) {
        double first = 0, last = 0;
        if (!s.lineInterval(start, step, first, last)) continue;
        const double lo = std::max(0.0, std::ceil(first)), hi = std::min(double(count - 1), std::floor(last));
        for (int i = int(lo); i <= int(hi) && lo <= hi; ++i) out[i] = s.value;
    }
}

double Phantom::valueAt(const Vec3& p) const {
    double v = background_;
    for (const PhantomShape& s : shapes_)
        if (s.contains(p)) v = s.value;
    return v;
}

const PhantomShape& Phantom::shape(const std::string& name) const {
    for (const PhantomShape& s : shapes_)
        if (s.name == name) return s;
    throw Error(ErrorCode::InvalidArgument, "phantom " + name_ + " has no shape " + name);
}

nlohmann::json toJson(const Vec3& v) { return nlohmann::json::array({v[0], v[1], v[2]}); }

nlohmann::json Phantom::toJson(const RigidTransform& frameFromPhantom) const {
    nlohmann::json objects = nlohmann::json::array();
    for (const PhantomShape& s : shapes_) {
        nlohmann::json o;
        o["name"] = s.name;
        o["center"] = synth::toJson(frameFromPhantom.apply(s.center));
        o["value"] = s.value;
        switch (s.kind) {
        case PhantomShape::Kind::Sphere:
            o["shape"] = "sphere";
            o["radius"] = s.semiAxes[0];
            break;
        case PhantomShape::Kind::Ellipsoid:
            o["shape"] = "ellipsoid";
            o["semiAxes"] = synth::toJson(s.semiAxes);
            break;
        case PhantomShape::Kind::EllipticCylinderZ:
            o["shape"] = "ellipticCylinderZ";
            o["semiAxes"] = {s.semiAxes[0], s.semiAxes[1]};
            break;
        }
        objects.push_back(o);
    }
    return objects;
}

}  // namespace lightbox::core::synth
