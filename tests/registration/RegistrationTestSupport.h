#pragma once
// Shared by the registration tests: the synthetic chest pair with its truth,
// loading a series folder, and comparing a registration with a known answer.

#include "lightbox/core/RigidTransform.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace lightbox::test {

struct LoadedSeries {
    core::SeriesInfo info;
    core::Volume volume;
};
// The series with the most images under `dir` (throws core::Error when there is none).
LoadedSeries loadLargestSeries(const QString& dir);

// Current and prior chest CT of the demo patient, written in-process.
struct SyntheticChestPair {
    std::unique_ptr<QTemporaryDir> dir;
    QString currentDir, priorDir;
    // Truth: maps a point of the prior (moving) to the current (fixed).
    core::RigidTransform priorToCurrent;
};
SyntheticChestPair writeSyntheticChestPair(int matrix, int slices);

// How far `estimate` is from `truth` (both moving -> fixed): the largest
// displacement difference over the eight corners of the fixed volume's
// bounding box (mm), and the angle of the rotation between them (degrees).
struct TransformError {
    double maxCornerMm = 0;
    double rotationDegrees = 0;
};
TransformError transformError(const core::RigidTransform& estimate, const core::RigidTransform& truth,
                              const core::Volume& fixed);

QString describe(const core::RigidTransform& t);

// The real CT series used for the moved-copy checks (shared data), and a copy
// of a series folder moved rigidly in patient space: every image's position
// and orientation rewritten by `move` (pixels untouched), with new series and
// instance UIDs. The copy's anatomy at move(p) is the original's at p, so
// registering the copy (moving) to the original (fixed) should give move^-1.
QString realCtSeriesDir();  // empty when the shared data is absent
void writeMovedCopy(const QString& seriesDir, const QString& outDir, const core::RigidTransform& move);
// The rigid motion the checks apply: 4 degrees about an oblique axis through
// the volume's centre, then (12, -7, 9) mm.
core::RigidTransform obliqueMotion(const core::Vec3& centre);

}  // namespace lightbox::test
