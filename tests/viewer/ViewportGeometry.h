#pragma once
// Where a viewport's plane lies, for the sync tests: what "within one slice
// of the lesion" is measured with.

#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/Viewport.h"

#include <nlohmann/json.hpp>

namespace lightbox::test {

inline core::Vec3 vec(const nlohmann::json& j) { return {j[0].get<double>(), j[1].get<double>(), j[2].get<double>()}; }

// Signed distance (mm) of a patient point from the plane a viewport shows.
inline double distanceFromPlane(const viewer::Viewport& v, const core::Vec3& p) {
    double d = 0;
    v.sliceView()->image().plane.patientToPixel(p, &d);
    return d;
}

// The distance between the viewport's neighbouring slices (mm).
inline double sliceStep(const viewer::Viewport& v) { return v.series()->reslicer->slabStep(v.planeNormal()); }

}  // namespace lightbox::test
