#include "lightbox/viewer/SyncMapping.h"

#include "lightbox/render/SlicePlane.h"

#include <algorithm>
#include <cmath>

namespace lightbox::viewer::sync {

using core::dot;
using core::operator+;
using core::operator-;
using core::operator*;

namespace {

// cos 60 degrees: planes further apart than this do not scroll together.
constexpr double kComparableCosine = 0.5;

}  // namespace

int ScrollAxis::sliceCount() const { return int(std::floor(2 * halfExtent / step + 1e-6)) + 1; }

ScrollAxis scrollAxis(const core::Volume& volume, const core::Vec3& normal, double step) {
    ScrollAxis axis;
    axis.centre = render::volumeCentre(volume);
    axis.normal = core::normalized(normal);
    axis.step = step > 0 ? step : 1.0;
    for (int corner = 0; corner < 8; ++corner) {
        const core::Vec3 p = volume.patientPoint((corner & 1) ? volume.columns - 1 : 0, (corner & 2) ? volume.rows - 1 : 0,
                                                 (corner & 4) ? volume.slices - 1 : 0);
        axis.halfExtent = std::max(axis.halfExtent, std::abs(dot(p - axis.centre, axis.normal)));
    }
    return axis;
}

double positionThrough(const ScrollAxis& axis, const core::Vec3& point) { return dot(point - axis.centre, axis.normal); }

SliceTarget snap(const ScrollAxis& axis, double positionMm) {
    SliceTarget target;
    const int last = axis.sliceCount() - 1;
    const double index = std::round((positionMm + axis.halfExtent) / axis.step);
    // Half a slice beyond either end still shows an end slice honestly.
    target.outside = index < -0.5 || index > last + 0.5;
    target.sliceIndex = int(std::clamp(index, 0.0, double(last)));
    target.positionMm = std::clamp(-axis.halfExtent + target.sliceIndex * axis.step, -axis.halfExtent, axis.halfExtent);
    return target;
}

SliceTarget nearestSlice(const ScrollAxis& axis, const core::Vec3& point, double offsetMm) {
    return snap(axis, positionThrough(axis, point) + offsetMm);
}

bool planesComparable(const ScrollAxis& source, const ScrollAxis& target, const core::RigidTransform& targetFromSource) {
    return std::abs(dot(targetFromSource.applyToDirection(source.normal), target.normal)) >= kComparableCosine;
}

const char* relationName(Relation relation) {
    switch (relation) {
        case Relation::SameFrame: return "same frame of reference";
        case Relation::Registered: return "registered";
        case Relation::TablePosition: return "table position";
    }
    return "";
}

core::RigidTransform tablePositionGuess(const ScrollAxis& source, const ScrollAxis& target) {
    // The source stack's extent measured along the target's normal.
    const double sourceCentre = positionThrough(target, source.centre);
    const double cosine = std::abs(dot(source.normal, target.normal));
    const double sourceHalf = source.halfExtent * std::max(cosine, 1e-3);
    const bool overlap = std::abs(sourceCentre) <= sourceHalf + target.halfExtent;
    if (overlap) return core::RigidTransform();
    return core::RigidTransform::rotationZ(0, target.normal * -sourceCentre);
}

SliceTarget follow(const ScrollAxis& source, const core::Vec3& sourcePoint, const ScrollAxis& target,
                   const core::RigidTransform& targetFromSource, double sourceOffsetMm, double targetOffsetMm) {
    const core::Vec3 unshifted = sourcePoint - source.normal * sourceOffsetMm;
    return nearestSlice(target, targetFromSource.apply(unshifted), targetOffsetMm);
}

double offsetFor(const core::Vec3& sourcePoint, const ScrollAxis& target, const core::RigidTransform& targetFromSource,
                 double targetPositionMm) {
    return targetPositionMm - positionThrough(target, targetFromSource.apply(sourcePoint));
}

bool isMovingOf(const core::SeriesInfo& candidate, const core::SeriesInfo& other) {
    if (candidate.studyDate != other.studyDate) return candidate.studyDate < other.studyDate;
    if (candidate.studyInstanceUid != other.studyInstanceUid) return candidate.studyInstanceUid < other.studyInstanceUid;
    return candidate.seriesInstanceUid < other.seriesInstanceUid;
}

}  // namespace lightbox::viewer::sync
