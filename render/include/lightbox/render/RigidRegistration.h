#pragma once
// Rigid registration of one volume (the moving series: a prior CT, an MR) to
// another (the fixed series: the current CT), in PATIENT coordinates: each
// volume is placed by its own geometry (origin, direction cosines, spacing -
// any orientation, sheared stacks too), so the result says where the moving
// patient lies in the fixed patient's frame of reference whatever the two
// scanners did.
//
// Method (ITK v4 registration, kept inside one translation unit of the
// lightbox_registration library - ITK never appears in a public header):
//  - an image pyramid built here by block averaging (default levels 4/2/1:
//    the finest in-plane spacing times 4, 2, 1; an axis whose spacing is
//    already coarser is not shrunk), so thick slices are not averaged away;
//  - a versor rigid transform (rotation about the fixed volume's centre plus
//    a translation), centred initialisation by the volumes' geometric centres
//    or by their intensity moments;
//  - Mattes mutual information (works across CT and MR) or mean squares
//    (same modality, same units), evaluated at random samples of the fixed
//    volume, optimised by regular-step gradient descent;
//  - multi-threaded (RegistrationOptions::threads, two by default).
//
// The residual (RigidRegistrationResult::residualMm) is defined below.

#include "lightbox/core/RigidTransform.h"
#include "lightbox/core/Volume.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace lightbox::render {

enum class RegistrationMetric {
    MattesMutualInformation,  // any pair of modalities
    MeanSquares,              // same modality and units (CT to CT)
};

enum class RegistrationInitialisation {
    GeometricCentres,  // the centres of the two voxel grids coincide
    Moments,           // the intensity centres of mass coincide (above the background)
};

struct RegistrationOptions {
    RegistrationMetric metric = RegistrationMetric::MattesMutualInformation;
    RegistrationInitialisation initialisation = RegistrationInitialisation::GeometricCentres;
    // Pyramid levels, coarse to fine: each level's target spacing is the
    // finest spacing of the fixed volume times the factor.
    std::vector<int> shrinkFactors{4, 2, 1};
    int maxIterationsPerLevel = 200;
    // Random samples of the fixed volume at which the metric is evaluated at
    // the finest level; a level k times coarser uses a k-th of them (at least
    // 2000), every level at most its voxel count.
    int samplesPerLevel = 40000;
    int histogramBins = 32;  // Mattes mutual information
    // First step of the optimiser at the coarsest level, in mm: a translation
    // by that much, or a rotation moving the samples (at their RMS distance
    // from the centre of rotation) by that much. Later levels start at
    // initialStepMm times their factor over the first; the run ends on a step
    // below minimumStepMm at the finest level (coarser levels stop earlier).
    // A step that makes the metric worse is taken back and halved.
    double initialStepMm = 4.0;
    double minimumStepMm = 0.01;
    unsigned threads = 2;        // 0: every hardware thread
    std::uint32_t seed = 20261120;  // random sampling: the same input gives the same result
    bool estimateResidual = true;   // costs one more full-resolution pass (see residualMm)
};

struct RigidRegistrationResult {
    // Maps a point in the MOVING series' patient coordinates (mm) to the
    // FIXED series' patient coordinates.
    core::RigidTransform movingToFixed;
    // An estimate of the registration's error, in mm: the RMS distance, over
    // the foreground of the fixed volume (voxels above a quarter of the way
    // from its 1st to its 99th intensity percentile, sampled), between
    // movingToFixed and the result of a second, independent pass at full
    // resolution that starts from movingToFixed displaced by 2 mm and 1 degree
    // and samples the volume at other random points.
    //
    // Why this and not the final metric value: a metric value has no unit and
    // no threshold that means "aligned". The distance between two optimisations
    // that converge from different starts with different samples measures how
    // sharply the images pin the transform down (sampling noise, flat metric
    // directions such as an axis of symmetry, stopping tolerance) in the unit a
    // reader cares about. It does not see a systematic error both passes share
    // (a wrong local optimum far from the start, or anatomy that really moved):
    // it is a lower bound on the true error, not a certificate. 0 when
    // RegistrationOptions::estimateResidual is off (then residualEstimated is false).
    double residualMm = 0.0;
    bool residualEstimated = false;
    int iterations = 0;          // optimiser iterations, all levels and passes
    double metricValue = 0.0;    // final metric value (ITK's sign: lower is better)
    double seconds = 0.0;        // wall time of the whole call
    int levels = 0;              // pyramid levels run
};

// Throws core::Error: InvalidArgument (an empty or single-slice volume, a
// degenerate geometry, no overlap between the volumes after initialisation,
// bad options), Cancelled (the flag became true; checked between iterations).
// `progress` receives 0..1 from the calling thread.
RigidRegistrationResult registerRigid(const core::Volume& fixed, const core::Volume& moving,
                                      const RegistrationOptions& options = {},
                                      const std::function<void(double fraction)>& progress = {},
                                      const std::atomic<bool>* cancel = nullptr);

}  // namespace lightbox::render
