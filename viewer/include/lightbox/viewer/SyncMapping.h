#pragma once
// Where a synchronised viewport scrolls to: pure geometry, no widgets, so the
// mapping is tested without a display.
//
// A viewport scrolls its plane along the plane normal: position p (mm) puts
// the plane through centre + p * normal, on a grid of `step` mm from
// -halfExtent to +halfExtent (Viewport::setPosition snaps the same way). To
// follow viewport A, viewport B takes the point of A's plane under the centre
// of A's view, carries it into B's patient coordinates (identity when both
// share a Frame of Reference, a registration's rigid transform when they do
// not, or a table-position guess meanwhile) and moves to its slice nearest
// that point - whatever the two slice spacings, stacking directions or
// acquisition orientations. Planes more than 60 degrees apart are not
// scrolled together (an axial plane moving says nothing about where a
// sagittal one should be).
//
// A manual offset (the user nudging the prior) is kept per pair of series in
// mm along the moving (older) series' normal.

#include "lightbox/core/RigidTransform.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"

#include <string>

namespace lightbox::viewer::sync {

// A viewport's scroll axis.
struct ScrollAxis {
    core::Vec3 centre{0, 0, 0};  // the plane centre at position 0 (the volume centre)
    core::Vec3 normal{0, 0, 1};  // unit
    double step = 1.0;           // mm between slices along the normal
    double halfExtent = 0.0;     // positions run from -halfExtent to +halfExtent
    int sliceCount() const;
};

// The axis of `volume` scrolled along `normal` in steps of `step` mm (the
// extent of the voxel grid's corners along the normal, as Viewport has it).
ScrollAxis scrollAxis(const core::Volume& volume, const core::Vec3& normal, double step);

// A position on the axis: snapped to the slice grid and clamped to the stack.
struct SliceTarget {
    double positionMm = 0;  // snapped and clamped
    int sliceIndex = 0;     // 0 = position -halfExtent
    bool outside = false;   // the wanted plane lies beyond the stack (clamped)
};

// The unsnapped position of the plane through `point`.
double positionThrough(const ScrollAxis& axis, const core::Vec3& point);
SliceTarget snap(const ScrollAxis& axis, double positionMm);
// The slice nearest the plane through `point`, moved `offsetMm` along the normal.
SliceTarget nearestSlice(const ScrollAxis& axis, const core::Vec3& point, double offsetMm = 0);

// Whether two planes are close enough to parallel to scroll together, once
// the source's normal is carried into the target's frame.
bool planesComparable(const ScrollAxis& source, const ScrollAxis& target, const core::RigidTransform& targetFromSource);

// How two viewports' patient coordinates relate.
enum class Relation {
    SameFrame,      // one Frame of Reference UID: identity
    Registered,     // a rigid registration of the pair
    TablePosition,  // different frames, no registration (yet): the table-position guess
};
const char* relationName(Relation relation);

// The table-position guess for two frames of reference that nothing relates:
// slice locations taken at face value (identity) when the stacks overlap along
// the target's normal, otherwise the stack centres aligned (a translation
// along the target's normal).
core::RigidTransform tablePositionGuess(const ScrollAxis& source, const ScrollAxis& target);

// Where the target viewport goes when the source shows the plane through
// `sourcePoint`. `sourceOffsetMm` / `targetOffsetMm`: the pair's manual offset
// when that side is the moving series (0 for the other side): the offset is
// taken off the source before mapping and put on the target after.
SliceTarget follow(const ScrollAxis& source, const core::Vec3& sourcePoint, const ScrollAxis& target,
                   const core::RigidTransform& targetFromSource, double sourceOffsetMm = 0, double targetOffsetMm = 0);

// The manual offset that makes `follow` keep the target at `targetPositionMm`
// while the source shows the plane through `sourcePoint` (the moving series
// is the target). Used when the user nudges one side of a pair.
double offsetFor(const core::Vec3& sourcePoint, const ScrollAxis& target, const core::RigidTransform& targetFromSource,
                 double targetPositionMm);

// Of two series of different frames of reference, the one registered onto the
// other (the moving one): the older study (Study Date, then Series UID), so
// the registration maps the prior onto the current.
bool isMovingOf(const core::SeriesInfo& candidate, const core::SeriesInfo& other);

}  // namespace lightbox::viewer::sync
