#pragma once
// A series loaded for reading: its voxels (core::Volume, shared by every
// viewport that shows it - no copy per view), the display defaults its files
// ask for, and the reslicer the MPR planes use.

#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/SeriesDisplay.h"
#include "lightbox/render/SlicePlane.h"

#include <atomic>
#include <functional>
#include <memory>

namespace lightbox::viewer {

struct LoadedSeries {
    core::SeriesInfo series;
    core::Volume volume;
    render::SeriesDisplayDefaults defaults;
    std::unique_ptr<render::Reslicer> reslicer;

    // The plane a viewport shows first: the acquisition plane (axial for an
    // axial CT, sagittal for a sagittal MR) through the middle of the stack.
    render::PlaneKind acquisitionPlane() const;
};

// The voxel grid loadSeries would give the series (size, origin, axes,
// spacing), from its headers alone: no pixel is read and no voxel allocated.
// For placing a slice and looking up a registration before the volume loads.
core::Volume volumeGeometry(const core::SeriesInfo& series);

// Reads and decodes the series (worker threads); throws core::Error.
std::shared_ptr<LoadedSeries> loadSeries(const core::SeriesInfo& series,
                                         std::function<void(std::size_t, std::size_t)> progress = {},
                                         const std::atomic<bool>* cancel = nullptr);

}  // namespace lightbox::viewer
