#pragma once
// A voxel-free phantom: simple solids with a value each (HU for CT, signal for
// MR), sampled at pixel centres. Also the rigid transform between two frames
// of reference, which is how the prior CT "lies differently" on the table.

#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/RigidTransform.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace lightbox::core::synth {

// The transform between two frames of reference (see core/RigidTransform.h).
using RigidTransform = core::RigidTransform;

struct PhantomShape {
    enum class Kind { Sphere, Ellipsoid, EllipticCylinderZ };
    std::string name;
    Kind kind = Kind::Sphere;
    Vec3 center{0, 0, 0};
    Vec3 semiAxes{1, 1, 1};  // sphere: all three = radius; cylinder: x and y (z ignored)
    double value = 0.0;

    static PhantomShape sphere(std::string name, const Vec3& center, double radius, double value);
    static PhantomShape ellipsoid(std::string name, const Vec3& center, const Vec3& semiAxes, double value);
    static PhantomShape cylinderZ(std::string name, const Vec3& center, double semiX, double semiY, double value);

    bool contains(const Vec3& p) const;
    // The interval [first, last] of i for which start + i * step is inside;
    // false when the line misses the shape.
    bool lineInterval(const Vec3& start, const Vec3& step, double& first, double& last) const;
};

class Phantom {
public:
    Phantom(std::string name, double background) : name_(std::move(name)), background_(background) {}

    // Later shapes overwrite earlier ones where they overlap.
    void add(PhantomShape shape) { shapes_.push_back(std::move(shape)); }
    double valueAt(const Vec3& p) const;
    // The values at start + i * step for i in [0, count): the same answer as
    // valueAt() point by point, but each shape is intersected with the line
    // once - a 1000-slice 512 x 512 CT is 262 million samples.
    void fillLine(const Vec3& start, const Vec3& step, int count, double* out) const;
    const std::vector<PhantomShape>& shapes() const { return shapes_; }
    const PhantomShape& shape(const std::string& name) const;
    double background() const { return background_; }

    // The shapes with centres expressed in another frame: frameFromPhantom
    // maps phantom coordinates to that frame.
    nlohmann::json toJson(const RigidTransform& frameFromPhantom) const;

private:
    std::string name_;
    double background_ = 0.0;
    std::vector<PhantomShape> shapes_;
};

nlohmann::json toJson(const Vec3& v);

}  // namespace lightbox::core::synth
