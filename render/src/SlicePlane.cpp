#include "lightbox/render/SlicePlane.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace lightbox::render {

using core::Error;
using core::ErrorCode;

PlaneKind parsePlaneKind(const std::string& text) {
    if (text == "axial") return PlaneKind::Axial;
    if (text == "coronal") return PlaneKind::Coronal;
    if (text == "sagittal") return PlaneKind::Sagittal;
    if (text == "oblique") return PlaneKind::Oblique;
    throw Error(ErrorCode::InvalidArgument, "unknown plane '" + text + "' (axial, coronal, sagittal, oblique)");
}

std::string planeKindName(PlaneKind kind) {
    switch (kind) {
        case PlaneKind::Axial: return "axial";
        case PlaneKind::Coronal: return "coronal";
        case PlaneKind::Sagittal: return "sagittal";
        case PlaneKind::Oblique: return "oblique";
    }
    return "?";
}

SlabMode parseSlabMode(const std::string& text) {
    if (text == "mip") return SlabMode::Mip;
    if (text == "minip") return SlabMode::MinIp;
    if (text == "avg" || text == "average") return SlabMode::Average;
    throw Error(ErrorCode::InvalidArgument, "unknown slab mode '" + text + "' (mip, minip, avg)");
}

std::string slabModeName(SlabMode mode) {
    switch (mode) {
        case SlabMode::Mip: return "MIP";
        case SlabMode::MinIp: return "MinIP";
        case SlabMode::Average: return "AVG";
    }
    return "?";
}

Vec3 SlicePlane::pixelToPatient(double i, double j) const {
    return centre + right * ((i - (width - 1) / 2.0) * spacing) + down * ((j - (height - 1) / 2.0) * spacing);
}

std::array<double, 2> SlicePlane::patientToPixel(const Vec3& p, double* distance) const {
    const Vec3 d = p - centre;
    if (distance) *distance = core::dot(d, normal);
    return {core::dot(d, right) / spacing + (width - 1) / 2.0, core::dot(d, down) / spacing + (height - 1) / 2.0};
}

Vec3 normalForPlane(PlaneKind kind) {
    switch (kind) {
        case PlaneKind::Axial: return {0, 0, 1};
        case PlaneKind::Coronal: return {0, 1, 0};
        case PlaneKind::Sagittal: return {-1, 0, 0};
        case PlaneKind::Oblique: break;
    }
    return {0, 0, 1};
}

void axesForNormal(const Vec3& normalIn, Vec3& right, Vec3& down) {
    const Vec3 n = core::normalized(normalIn);
    // "Up" on screen is the head projected onto the plane; for a plane (nearly)
    // perpendicular to the body axis there is no head direction, use anterior.
    const Vec3 head{0, 0, 1};
    Vec3 up = head - n * core::dot(head, n);
    if (core::norm(up) < 1e-6) {
        const Vec3 anterior{0, -1, 0};
        up = anterior - n * core::dot(anterior, n);
    }
    down = core::normalized(up) * -1.0;
    right = core::normalized(core::cross(down, n));
}

Vec3 volumeCentre(const core::Volume& v) {
    return v.patientPoint((v.columns - 1) / 2.0, (v.rows - 1) / 2.0, (v.slices - 1) / 2.0);
}

double finestSpacing(const core::Volume& v) {
    double s = std::min(v.spacing[0], v.spacing[1]);
    if (v.slices > 1) s = std::min(s, v.spacing[2]);
    return s;
}

SlicePlane planeThroughVolume(const core::Volume& volume, const PlaneRequest& request) {
    if (volume.columns <= 0 || volume.rows <= 0 || volume.slices <= 0)
        throw Error(ErrorCode::InvalidArgument, "empty volume");
    const Vec3 n = request.kind == PlaneKind::Oblique ? request.obliqueNormal : normalForPlane(request.kind);
    if (core::norm(n) < 1e-9) throw Error(ErrorCode::InvalidArgument, "the plane normal must not be zero");
    SlicePlane plane;
    plane.normal = core::normalized(n);
    axesForNormal(plane.normal, plane.right, plane.down);
    plane.spacing = request.spacingMm.value_or(finestSpacing(volume));
    if (!(plane.spacing > 0) || !std::isfinite(plane.spacing))
        throw Error(ErrorCode::InvalidArgument, "the pixel spacing must be positive");
    plane.centre = volumeCentre(volume) + plane.normal * request.positionMm;
    if (request.size) {
        plane.width = (*request.size)[0];
        plane.height = (*request.size)[1];
    } else {
        // The extent of the voxel centres projected onto the plane, centred.
        double maxR = 0, maxD = 0;
        const Vec3 c = volumeCentre(volume);
        for (int corner = 0; corner < 8; ++corner) {
            const Vec3 p = volume.patientPoint((corner & 1) ? volume.columns - 1 : 0, (corner & 2) ? volume.rows - 1 : 0,
                                               (corner & 4) ? volume.slices - 1 : 0);
            maxR = std::max(maxR, std::abs(core::dot(p - c, plane.right)));
            maxD = std::max(maxD, std::abs(core::dot(p - c, plane.down)));
        }
        plane.width = int(std::floor(2 * maxR / plane.spacing + 1e-6)) + 1;
        plane.height = int(std::floor(2 * maxD / plane.spacing + 1e-6)) + 1;
    }
    if (plane.width <= 0 || plane.height <= 0 || plane.width > 16384 || plane.height > 16384)
        throw Error(ErrorCode::InvalidArgument, "the output size must be between 1 and 16384 pixels");
    return plane;
}

namespace {

bool invert3x3(const std::array<double, 9>& m, std::array<double, 9>& out) {
    const double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                       m[2] * (m[3] * m[7] - m[4] * m[6]);
    if (std::abs(det) < 1e-12) return false;
    const double d = 1.0 / det;
    out = {(m[4] * m[8] - m[5] * m[7]) * d, (m[2] * m[7] - m[1] * m[8]) * d, (m[1] * m[5] - m[2] * m[4]) * d,
           (m[5] * m[6] - m[3] * m[8]) * d, (m[0] * m[8] - m[2] * m[6]) * d, (m[2] * m[3] - m[0] * m[5]) * d,
           (m[3] * m[7] - m[4] * m[6]) * d, (m[1] * m[6] - m[0] * m[7]) * d, (m[0] * m[4] - m[1] * m[3]) * d};
    return true;
}

// floor() without a call into libm (x86-64 without SSE4.1 has no rounding
// instruction): the reslice loops call it several times per sample.
inline double floorInline(double x) {
    if (!(std::abs(x) < 1e15)) return std::floor(x);  // huge or NaN: leave it to libm
    const double t = double(static_cast<long long>(x));
    return t > x ? t - 1 : t;
}

// Snaps coordinates within a hair of a voxel centre onto it, so that a plane
// through voxel centres reproduces the stored values exactly.
inline double snap(double x) {
    const double r = floorInline(x + 0.5);
    return std::abs(x - r) < 1e-6 ? r : x;
}

template <typename T>
struct Sampler {
    const T* data;
    int nx, ny, nz;
    std::size_t sliceStride;
    float outside;
    bool nearest;

    float at(Vec3 v) const {
        const double x = snap(v[0]), y = snap(v[1]), z = snap(v[2]);
        if (nearest || (x == floorInline(x) && y == floorInline(y) && z == floorInline(z))) {
            const long i = std::lround(x), j = std::lround(y), k = std::lround(z);
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return outside;
            return float(data[std::size_t(k) * sliceStride + std::size_t(j) * std::size_t(nx) + std::size_t(i)]);
        }
        if (x < 0 || y < 0 || z < 0 || x > nx - 1 || y > ny - 1 || z > nz - 1) {
            // Half a voxel of tolerance at the border, clamped, so the outermost
            // voxels are not cut in half.
            if (x < -0.5 || y < -0.5 || z < -0.5 || x > nx - 0.5 || y > ny - 0.5 || z > nz - 0.5) return outside;
        }
        const double cx = std::clamp(x, 0.0, double(nx - 1)), cy = std::clamp(y, 0.0, double(ny - 1)),
                     cz = std::clamp(z, 0.0, double(nz - 1));
        const int i0 = std::min(int(cx), nx - 1), j0 = std::min(int(cy), ny - 1), k0 = std::min(int(cz), nz - 1);
        const int i1 = std::min(i0 + 1, nx - 1), j1 = std::min(j0 + 1, ny - 1), k1 = std::min(k0 + 1, nz - 1);
        const double fx = cx - i0, fy = cy - j0, fz = cz - k0;
        auto v3 = [&](int i, int j, int k) {
            return double(data[std::size_t(k) * sliceStride + std::size_t(j) * std::size_t(nx) + std::size_t(i)]);
        };
        const double c00 = v3(i0, j0, k0) * (1 - fx) + v3(i1, j0, k0) * fx;
        const double c10 = v3(i0, j1, k0) * (1 - fx) + v3(i1, j1, k0) * fx;
        const double c01 = v3(i0, j0, k1) * (1 - fx) + v3(i1, j0, k1) * fx;
        const double c11 = v3(i0, j1, k1) * (1 - fx) + v3(i1, j1, k1) * fx;
        const double c0 = c00 * (1 - fy) + c10 * fy, c1 = c01 * (1 - fy) + c11 * fy;
        return float(c0 * (1 - fz) + c1 * fz);
    }

    // at() for a point whose coordinate on `axis` is the whole voxel index
    // `k` (a plane parallel to the voxel planes, lying on one: an axial slice
    // of an axial stack at a finer spacing, say): bilinear within that voxel
    // plane. The same arithmetic as at() in the same order, less the terms
    // that the zero fraction on `axis` multiplies by zero, so the same values.
    float atOnVoxelPlane(Vec3 v, int axis, long k) const {
        const int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;  // the free axes, lower first
        const long n[3] = {nx, ny, nz};
        const std::size_t stride[3] = {1, std::size_t(nx), sliceStride};
        if (k < 0 || k >= n[axis]) return outside;
        const double x = snap(v[std::size_t(a)]), y = snap(v[std::size_t(b)]);
        const T* plane = data + std::size_t(k) * stride[axis];
        if (x == floorInline(x) && y == floorInline(y)) {
            const long i = std::lround(x), j = std::lround(y);
            if (i < 0 || j < 0 || i >= n[a] || j >= n[b]) return outside;
            return float(plane[std::size_t(i) * stride[a] + std::size_t(j) * stride[b]]);
        }
        const double na = double(n[a] - 1), nb = double(n[b] - 1);
        if ((x < 0 || y < 0 || x > na || y > nb) && (x < -0.5 || y < -0.5 || x > na + 0.5 || y > nb + 0.5))
            return outside;
        const double cx = std::clamp(x, 0.0, na), cy = std::clamp(y, 0.0, nb);
        const long i0 = std::min(long(cx), n[a] - 1), j0 = std::min(long(cy), n[b] - 1);
        const long i1 = std::min(i0 + 1, n[a] - 1), j1 = std::min(j0 + 1, n[b] - 1);
        const double fx = cx - double(i0), fy = cy - double(j0);
        auto v2 = [&](long i, long j) { return double(plane[std::size_t(i) * stride[a] + std::size_t(j) * stride[b]]); };
        const double c00 = v2(i0, j0) * (1 - fx) + v2(i1, j0) * fx;
        const double c10 = v2(i0, j1) * (1 - fx) + v2(i1, j1) * fx;
        return float(c00 * (1 - fy) + c10 * fy);
    }

    // atOnVoxelPlane() split by axis, for a plane whose rows and columns run
    // along the voxel axes (each free coordinate depends on the column alone
    // or the row alone): the per-axis work is done once per column and once
    // per row, the rest per sample, with the same arithmetic.
    struct AxisSample {
        long i0 = 0, i1 = 0, whole = 0;
        double f = 0;
        bool outside = false, integer = false;
    };
    static AxisSample axisSample(double coordinate, long n) {
        AxisSample s;
        const double x = snap(coordinate), last = double(n - 1);
        s.integer = x == floorInline(x);
        // For a whole index this is "outside 0..n-1", as at() tests it.
        s.outside = x < -0.5 || x > last + 0.5;
        if (s.integer) s.whole = std::lround(x);
        const double c = std::clamp(x, 0.0, last);
        s.i0 = std::min(long(c), n - 1);
        s.i1 = std::min(s.i0 + 1, n - 1);
        s.f = c - double(s.i0);
        return s;
    }
    float atAxisSamples(const T* plane, const AxisSample& x, const AxisSample& y, std::size_t strideX,
                        std::size_t strideY) const {
        if (x.outside || y.outside) return outside;
        if (x.integer && y.integer) return float(plane[std::size_t(x.whole) * strideX + std::size_t(y.whole) * strideY]);
        auto v2 = [&](long i, long j) { return double(plane[std::size_t(i) * strideX + std::size_t(j) * strideY]); };
        const double c00 = v2(x.i0, y.i0) * (1 - x.f) + v2(x.i1, y.i0) * x.f;
        const double c10 = v2(x.i0, y.i1) * (1 - x.f) + v2(x.i1, y.i1) * x.f;
        return float(c00 * (1 - y.f) + c10 * y.f);
    }
};

}  // namespace

namespace {

// The voxel grid's matrix: index steps (columns) in patient millimetres.
std::array<double, 9> gridMatrix(const core::Volume& v) {
    return {v.axisX[0] * v.spacing[0], v.axisY[0] * v.spacing[1], v.axisZ[0] * v.spacing[2],
            v.axisX[1] * v.spacing[0], v.axisY[1] * v.spacing[1], v.axisZ[1] * v.spacing[2],
            v.axisX[2] * v.spacing[0], v.axisY[2] * v.spacing[1], v.axisZ[2] * v.spacing[2]};
}

// One voxel step along the index axis `normal` crosses fastest, given the
// grid's inverse matrix.
double stepAlong(const std::array<double, 9>& inverse, const Vec3& normal, double fallback) {
    const Vec3 n = core::normalized(normal);
    const auto& m = inverse;
    const Vec3 dv{m[0] * n[0] + m[1] * n[1] + m[2] * n[2], m[3] * n[0] + m[4] * n[1] + m[5] * n[2],
                  m[6] * n[0] + m[7] * n[1] + m[8] * n[2]};
    const double largest = std::max({std::abs(dv[0]), std::abs(dv[1]), std::abs(dv[2])});
    return largest > 0 ? 1.0 / largest : fallback;
}

}  // namespace

double gridStep(const core::Volume& geometry, const Vec3& normal) {
    std::array<double, 9> inverse{};
    if (!invert3x3(gridMatrix(geometry), inverse)) return finestSpacing(geometry);
    return stepAlong(inverse, normal, finestSpacing(geometry));
}

Reslicer::Reslicer(const core::Volume& volume) : volume_(volume) {
    if (!invert3x3(gridMatrix(volume), inverse_))
        throw Error(ErrorCode::InvalidArgument, "the volume's axes are degenerate (zero spacing or parallel axes)");
    const std::size_t n = volume.voxelsPerSlice() * std::size_t(volume.slices);
    if (n == 0) throw Error(ErrorCode::InvalidArgument, "empty volume");
    if (volume.isFloat) {
        auto [lo, hi] = std::minmax_element(volume.floatVoxels.begin(), volume.floatVoxels.end());
        minValue_ = *lo;
        maxValue_ = *hi;
    } else {
        auto [lo, hi] = std::minmax_element(volume.int16Voxels.begin(), volume.int16Voxels.end());
        minValue_ = *lo;
        maxValue_ = *hi;
    }
}

Vec3 Reslicer::voxelIndex(const Vec3& patient) const {
    const Vec3 d = patient - volume_.origin;
    const auto& m = inverse_;
    return {m[0] * d[0] + m[1] * d[1] + m[2] * d[2], m[3] * d[0] + m[4] * d[1] + m[5] * d[2],
            m[6] * d[0] + m[7] * d[1] + m[8] * d[2]};
}

double Reslicer::slabStep(const Vec3& normal) const { return stepAlong(inverse_, normal, finestSpacing(volume_)); }

SliceImage Reslicer::reslice(const SlicePlane& plane, const ResliceOptions& options) const {
    SliceImage out;
    out.plane = plane;
    out.values.resize(std::size_t(plane.width) * std::size_t(plane.height));
    std::vector<double> offsets{0.0};
    if (options.slabMm > 0) {
        const double step = slabStep(plane.normal);
        const int half = int(std::floor(options.slabMm / 2 / step + 1e-9));
        offsets.clear();
        for (int s = -half; s <= half; ++s) offsets.push_back(s * step);
        out.slabStepMm = step;
    }
    out.slabSamples = int(offsets.size());
    const float outside = float(options.outside.value_or(minValue_));

    const Vec3 origin = voxelIndex(plane.pixelToPatient(0, 0));
    const Vec3 di = voxelIndex(plane.pixelToPatient(1, 0)) - origin;
    const Vec3 dj = voxelIndex(plane.pixelToPatient(0, 1)) - origin;
    std::vector<Vec3> slabOffsets;
    for (double o : offsets) slabOffsets.push_back(voxelIndex(plane.pixelToPatient(0, 0) + plane.normal * o) - origin);

    // A plane on the voxel grid (an axial slice of an axial series, a slab
    // along the stack): whole-voxel steps, no interpolation - copies and
    // maxima of stored values.
    auto isInteger = [](const Vec3& v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::abs(x - std::nearbyint(x)) < 1e-6; });
    };
    bool onGrid = isInteger(origin) && isInteger(di) && isInteger(dj);
    for (const Vec3& o : slabOffsets) onGrid = onGrid && isInteger(o);
    if (onGrid && !volume_.isFloat) {
        resliceOnGrid(out, origin, di, dj, slabOffsets, options, outside);
        return out;
    }

    // A plane parallel to the voxel planes and on one of them (for every slab
    // sample): every sample's coordinate on that axis snaps to the same whole
    // index, so the interpolation is bilinear within one voxel plane.
    int fixedAxis = -1;
    std::vector<long> fixedIndex;
    if (!options.nearest) {
        for (int axis = 0; axis < 3 && fixedAxis < 0; ++axis) {
            const auto a = std::size_t(axis);
            const double drift = std::abs(di[a]) * (plane.width - 1) + std::abs(dj[a]) * (plane.height - 1);
            bool onPlane = drift < 1e-7;
            std::vector<long> indices;
            for (const Vec3& o : slabOffsets) {
                const double c = origin[a] + o[a];
                const double r = std::nearbyint(c);
                onPlane = onPlane && std::abs(c - r) + drift < 1e-7;
                indices.push_back(long(r));
            }
            if (onPlane) {
                fixedAxis = axis;
                fixedIndex = std::move(indices);
            }
        }
    }

    // On a voxel plane with rows and columns along the voxel axes (dj has no
    // part on the axis that di moves along, and the other way round).
    const int freeA = fixedAxis == 0 ? 1 : 0, freeB = fixedAxis == 2 ? 1 : 2;
    const bool aAlongColumns = fixedAxis >= 0 && di[std::size_t(freeB)] == 0 && dj[std::size_t(freeA)] == 0;
    const bool aAlongRows = fixedAxis >= 0 && di[std::size_t(freeA)] == 0 && dj[std::size_t(freeB)] == 0;
    const bool separable = slabOffsets.size() == 1 && (aAlongColumns || aAlongRows);

    auto run = [&](auto sampler) {
        using SamplerType = decltype(sampler);
        using AxisSample = typename SamplerType::AxisSample;
        std::vector<AxisSample> columns, rowSamples;
        decltype(sampler.data) sampledPlane = nullptr;
        std::size_t strideA = 0, strideB = 0;
        if (separable) {
            const long n[3] = {volume_.columns, volume_.rows, volume_.slices};
            const std::size_t stride[3] = {1, std::size_t(volume_.columns), volume_.voxelsPerSlice()};
            const auto a = std::size_t(freeA), b = std::size_t(freeB), f = std::size_t(fixedAxis);
            strideA = stride[a];
            strideB = stride[b];
            if (fixedIndex[0] >= 0 && fixedIndex[0] < n[f]) sampledPlane = sampler.data + std::size_t(fixedIndex[0]) * stride[f];
            const std::size_t alongColumns = aAlongColumns ? a : b, alongRows = aAlongColumns ? b : a;
            // The coordinates as the per-sample path computes them (the other
            // step adds an exact zero).
            for (int i = 0; i < plane.width; ++i)
                columns.push_back(SamplerType::axisSample(origin[alongColumns] + di[alongColumns] * double(i), n[alongColumns]));
            for (int j = 0; j < plane.height; ++j)
                rowSamples.push_back(SamplerType::axisSample(origin[alongRows] + dj[alongRows] * double(j), n[alongRows]));
        }
        auto rows = [&](int first, int last) {
            for (int j = first; j < last; ++j) {
                float* row = out.values.data() + std::size_t(j) * std::size_t(plane.width);
                if (separable && !sampledPlane) {
                    std::fill(row, row + plane.width, outside);
                    continue;
                }
                if (separable) {
                    const AxisSample& r = rowSamples[std::size_t(j)];
                    for (int i = 0; i < plane.width; ++i) {
                        const AxisSample& c = columns[std::size_t(i)];
                        row[i] = aAlongColumns ? sampler.atAxisSamples(sampledPlane, c, r, strideA, strideB)
                                               : sampler.atAxisSamples(sampledPlane, r, c, strideA, strideB);
                    }
                    continue;
                }
                if (fixedAxis >= 0 && slabOffsets.size() == 1) {
                    for (int i = 0; i < plane.width; ++i)
                        row[i] = sampler.atOnVoxelPlane(origin + di * double(i) + dj * double(j), fixedAxis, fixedIndex[0]);
                    continue;
                }
                for (int i = 0; i < plane.width; ++i) {
                    const Vec3 v = origin + di * double(i) + dj * double(j);
                    if (slabOffsets.size() == 1) {
                        row[i] = sampler.at(v);
                        continue;
                    }
                    double acc = options.slabMode == SlabMode::Mip ? -std::numeric_limits<double>::infinity()
                               : options.slabMode == SlabMode::MinIp ? std::numeric_limits<double>::infinity()
                                                                     : 0.0;
                    for (std::size_t s = 0; s < slabOffsets.size(); ++s) {
                        const Vec3& o = slabOffsets[s];
                        const double x = fixedAxis >= 0 ? sampler.atOnVoxelPlane(v + o, fixedAxis, fixedIndex[s])
                                                        : sampler.at(v + o);
                        if (options.slabMode == SlabMode::Mip) acc = std::max(acc, x);
                        else if (options.slabMode == SlabMode::MinIp) acc = std::min(acc, x);
                        else acc += x;
                    }
                    if (options.slabMode == SlabMode::Average) acc /= double(slabOffsets.size());
                    row[i] = float(acc);
                }
            }
        };
        unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
        threads = std::min<unsigned>(threads, unsigned(plane.height));
        if (threads <= 1) {
            rows(0, plane.height);
            return;
        }
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            const int first = int(std::int64_t(plane.height) * t / threads);
            const int last = int(std::int64_t(plane.height) * (t + 1) / threads);
            pool.emplace_back(rows, first, last);
        }
        for (auto& th : pool) th.join();
    };
    if (volume_.isFloat) {
        run(Sampler<float>{volume_.floatVoxels.data(), volume_.columns, volume_.rows, volume_.slices,
                           volume_.voxelsPerSlice(), outside, options.nearest});
    } else {
        run(Sampler<std::int16_t>{volume_.int16Voxels.data(), volume_.columns, volume_.rows, volume_.slices,
                                  volume_.voxelsPerSlice(), outside, options.nearest});
    }
    if (!out.values.empty()) {
        auto [lo, hi] = std::minmax_element(out.values.begin(), out.values.end());
        out.minValue = *lo;
        out.maxValue = *hi;
    }
    return out;
}

void Reslicer::resliceOnGrid(SliceImage& out, const Vec3& origin, const Vec3& di, const Vec3& dj,
                             const std::vector<Vec3>& slabOffsets, const ResliceOptions& options, float outside) const {
    const SlicePlane& plane = out.plane;
    auto toIndex = [](const Vec3& v) {
        return std::array<long, 3>{std::lround(v[0]), std::lround(v[1]), std::lround(v[2])};
    };
    const auto o = toIndex(origin), si = toIndex(di), sj = toIndex(dj);
    std::vector<std::array<long, 3>> slab;
    for (const Vec3& s : slabOffsets) slab.push_back(toIndex(s));
    const long nx = volume_.columns, ny = volume_.rows, nz = volume_.slices;
    const std::int16_t* data = volume_.int16Voxels.data();
    const std::size_t sliceStride = volume_.voxelsPerSlice();
    auto rows = [&](int first, int last) {
        for (int j = first; j < last; ++j) {
            float* row = out.values.data() + std::size_t(j) * std::size_t(plane.width);
            for (int i = 0; i < plane.width; ++i) {
                const long x = o[0] + si[0] * i + sj[0] * j, y = o[1] + si[1] * i + sj[1] * j,
                           z = o[2] + si[2] * i + sj[2] * j;
                int acc = options.slabMode == SlabMode::MinIp ? std::numeric_limits<int>::max()
                        : options.slabMode == SlabMode::Mip   ? std::numeric_limits<int>::min()
                                                               : 0;
                bool any = false, missing = false;
                for (const auto& s : slab) {
                    const long xx = x + s[0], yy = y + s[1], zz = z + s[2];
                    if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                        missing = true;
                        continue;
                    }
                    const int v = data[std::size_t(zz) * sliceStride + std::size_t(yy) * std::size_t(nx) + std::size_t(xx)];
                    if (options.slabMode == SlabMode::Mip) acc = std::max(acc, v);
                    else if (options.slabMode == SlabMode::MinIp) acc = std::min(acc, v);
                    else acc += v;
                    any = true;
                }
                if (!any) {
                    row[i] = outside;
                } else if (slab.size() == 1 || options.slabMode != SlabMode::Average) {
                    // Samples outside the volume count as `outside`, as the interpolating path does.
                    float value = float(acc);
                    if (missing && options.slabMode == SlabMode::Mip) value = std::max(value, outside);
                    if (missing && options.slabMode == SlabMode::MinIp) value = std::min(value, outside);
                    row[i] = value;
                } else {
                    double sum = acc;
                    for (const auto& s : slab) {
                        const long xx = x + s[0], yy = y + s[1], zz = z + s[2];
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) sum += outside;
                    }
                    row[i] = float(sum / double(slab.size()));
                }
            }
        }
    };
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, unsigned(plane.height));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(rows, int(std::int64_t(plane.height) * t / threads), int(std::int64_t(plane.height) * (t + 1) / threads));
    rows(0, int(std::int64_t(plane.height) / threads));
    for (auto& th : pool) th.join();
    if (!out.values.empty()) {
        auto [lo, hi] = std::minmax_element(out.values.begin(), out.values.end());
        out.minValue = *lo;
        out.maxValue = *hi;
    }
}

}  // namespace lightbox::render
