#pragma once
// A display plane in patient coordinates (LPS, mm) and the reslicing of a
// core::Volume onto it: axial, coronal, sagittal and oblique planes, thick
// slabs (MIP, MinIP, average). Pure C++: the voxel grid may be sheared
// (gantry tilt), so sampling goes through the inverse of the full voxel ->
// patient matrix, never through an assumed orthogonal grid.

#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/Volume.h"

#include <optional>
#include <string>
#include <vector>

namespace lightbox::render {

using core::Vec3;
// Vec3 is a std::array: its operators live in core and ADL does not find them.
using core::operator+;
using core::operator-;
using core::operator*;

enum class PlaneKind { Axial, Coronal, Sagittal, Oblique };
PlaneKind parsePlaneKind(const std::string& text);  // throws core::Error(InvalidArgument)
std::string planeKindName(PlaneKind kind);

// Output pixel (i, j) lies at centre + (i - (width-1)/2) * spacing * right
//                                     + (j - (height-1)/2) * spacing * down.
// normal = right x down points away from the viewer.
struct SlicePlane {
    Vec3 centre{0, 0, 0};
    Vec3 right{1, 0, 0};
    Vec3 down{0, 1, 0};
    Vec3 normal{0, 0, 1};
    double spacing = 1.0;  // mm per output pixel, both directions
    int width = 0, height = 0;

    Vec3 pixelToPatient(double i, double j) const;
    // Output pixel coordinates of a patient point projected onto the plane;
    // `distance` receives its signed distance along the normal.
    std::array<double, 2> patientToPixel(const Vec3& p, double* distance = nullptr) const;
};

// In-plane axes for a normal: "up" is the patient's head projected onto the
// plane (anterior when the plane is axial), right = down x normal.
void axesForNormal(const Vec3& normal, Vec3& right, Vec3& down);
Vec3 normalForPlane(PlaneKind kind);  // axial +z (head), coronal +y, sagittal -x

struct PlaneRequest {
    PlaneKind kind = PlaneKind::Axial;
    Vec3 obliqueNormal{0, 0, 1};        // for Oblique (need not be unit length)
    double positionMm = 0.0;            // from the volume centre along the normal
    std::optional<double> spacingMm;    // default: the volume's finest spacing
    std::optional<std::array<int, 2>> size;  // default: the volume's extent on the plane
};

// The plane through the volume centre moved along its normal. Throws
// core::Error(InvalidArgument) for a zero normal or non-positive spacing.
SlicePlane planeThroughVolume(const core::Volume& volume, const PlaneRequest& request);

// Centre of the voxel grid, finest spacing, extent along a direction.
Vec3 volumeCentre(const core::Volume& volume);
double finestSpacing(const core::Volume& volume);

enum class SlabMode { Mip, MinIp, Average };
SlabMode parseSlabMode(const std::string& text);  // mip | minip | avg
std::string slabModeName(SlabMode mode);

struct ResliceOptions {
    double slabMm = 0.0;  // 0: a thin slice
    SlabMode slabMode = SlabMode::Mip;
    bool nearest = false;  // nearest-neighbour instead of trilinear
    std::optional<double> outside;  // value outside the volume (default: the volume's minimum)
    unsigned threads = 0;  // 0: hardware concurrency
};

// Modality values on the plane, row-major, width x height.
struct SliceImage {
    SlicePlane plane;
    std::vector<float> values;
    double minValue = 0, maxValue = 0;
    int slabSamples = 1;      // planes combined along the normal
    double slabStepMm = 0.0;  // their spacing
};

// Reslicer::slabStep from the volume's geometry alone (its voxels need not be
// loaded: the grid a series' headers describe).
double gridStep(const core::Volume& geometry, const Vec3& normal);

class Reslicer {
public:
    explicit Reslicer(const core::Volume& volume);
    const core::Volume& volume() const { return volume_; }
    double minimumValue() const { return minValue_; }
    double maximumValue() const { return maxValue_; }
    // Voxel index coordinates (i, j, k) of a patient point.
    Vec3 voxelIndex(const Vec3& patient) const;
    // The distance between slab samples along `normal`: one voxel step in
    // index space along the normal (the slice spacing for an axial slab of an
    // axial series, so that the slab samples are the slices themselves).
    double slabStep(const Vec3& normal) const;

    SliceImage reslice(const SlicePlane& plane, const ResliceOptions& options = {}) const;

private:
    void resliceOnGrid(SliceImage& out, const Vec3& origin, const Vec3& di, const Vec3& dj,
                       const std::vector<Vec3>& slabOffsets, const ResliceOptions& options, float outside) const;

    const core::Volume& volume_;
    std::array<double, 9> inverse_{};  // patient offset -> voxel index
    double minValue_ = 0, maxValue_ = 0;
};

}  // namespace lightbox::render
