#pragma once
// A series loaded into one contiguous block of modality values (HU for CT),
// with the patient geometry of its voxel grid. Slices are decoded in
// parallel straight into place; the first slice is reported ready before the
// rest are decoded.

#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/Series.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

namespace lightbox::core {

// Allocates without zero-filling: a 1,000-slice CT is half a gigabyte, and
// zeroing it first would cost more than reading the slices into it.
template <typename T>
struct UninitialisedAllocator : std::allocator<T> {
    template <typename U>
    struct rebind { using other = UninitialisedAllocator<U>; };
    UninitialisedAllocator() = default;
    template <typename U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <typename U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) { ::new (static_cast<void*>(p)) U; }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) { ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...); }
};
template <typename T>
using VoxelBuffer = std::vector<T, UninitialisedAllocator<T>>;

struct Volume {
    int columns = 0, rows = 0, slices = 0;
    // Voxel (i, j, k) lies at origin + i*spacing[0]*axisX + j*spacing[1]*axisY + k*spacing[2]*axisZ.
    // axisZ is the stack direction: not orthogonal to the slices for a tilted gantry.
    Vec3 origin{0, 0, 0};
    std::array<double, 3> spacing{1, 1, 1};
    Vec3 axisX{1, 0, 0}, axisY{0, 1, 0}, axisZ{0, 0, 1};
    bool sheared = false;

    // Modality values: int16 when every slice's rescale maps integers into
    // int16 exactly (the usual CT/MR case), float otherwise.
    bool isFloat = false;
    VoxelBuffer<std::int16_t> int16Voxels;
    VoxelBuffer<float> floatVoxels;
    std::string rescaleType;

    std::size_t voxelsPerSlice() const { return std::size_t(columns) * std::size_t(rows); }
    double valueAt(int i, int j, int k) const;
    Vec3 patientPoint(double i, double j, double k) const;
};

struct LoadOptions {
    unsigned threads = 0;  // 0 = hardware concurrency
    std::function<void(int sliceIndex)> sliceReady;           // called from worker threads
    std::function<void(std::size_t done, std::size_t total)> progress;  // from worker threads
    const std::atomic<bool>* cancel = nullptr;
};

// The voxel grid loadVolume gives the series (size, origin, axes, spacing),
// from its headers alone: no pixel is read and no voxel allocated. Empty
// (no slices) for an empty series.
Volume volumeGrid(const SeriesInfo& series);

// Throws Error (InvalidArgument when the series is not one stack of equal
// images, Cancelled, or the first decode error naming the file).
Volume loadVolume(const SeriesInfo& series, const LoadOptions& options = {});

}  // namespace lightbox::core
