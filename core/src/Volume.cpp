#include "lightbox/core/Volume.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PixelData.h"

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

namespace lightbox::core {

double Volume::valueAt(int i, int j, int k) const {
    const std::size_t at = std::size_t(k) * voxelsPerSlice() + std::size_t(j) * std::size_t(columns) + std::size_t(i);
    return isFloat ? double(floatVoxels[at]) : double(int16Voxels[at]);
}

Vec3 Volume::patientPoint(double i, double j, double k) const {
    return origin + axisX * (i * spacing[0]) + axisY * (j * spacing[1]) + axisZ * (k * spacing[2]);
}

namespace {

struct SliceModality {
    double slope = 1, intercept = 0;
    bool lut = false;
};

// Reads a native 16-bit slice straight from the file into `out` (one pread,
// no intermediate buffer), then masks/sign-extends/rescales in place.
bool readNativeSlice(const SliceRef& ref, const PixelDescription& d, std::int16_t* out) {
    if (!ref.nativePixels || d.bitsAllocated != 16 || d.samplesPerPixel != 1) return false;
    const std::size_t bytes = d.pixelsPerFrame() * 2;
    const std::uint64_t offset = ref.nativePixels->offset + std::uint64_t(ref.frame) * bytes;
    if (ref.nativePixels->length < (std::uint64_t(ref.frame) + 1) * bytes) return false;
    int fd = ::open(ref.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    std::size_t done = 0;
    while (done < bytes) {
        ssize_t n = ::pread(fd, reinterpret_cast<char*>(out) + done, bytes - done, off_t(offset + done));
        if (n <= 0) break;
        done += std::size_t(n);
    }
    ::close(fd);
    return done == bytes;
}

}  // namespace

Volume volumeGrid(const SeriesInfo& series) {
    Volume v;
    if (series.slices.empty()) return v;
    const SliceRef& first = series.slices.front();
    const ImageGeometry& g = first.geometry;
    v.columns = first.pixel.columns;
    v.rows = first.pixel.rows;
    v.slices = int(series.slices.size());
    v.origin = g.position.value_or(Vec3{0, 0, 0});
    v.axisX = g.rowDirection;
    v.axisY = g.columnDirection;
    v.spacing = {g.columnSpacing, g.rowSpacing,
                 series.isVolume() ? series.sliceStep : (g.sliceThickness > 0 ? g.sliceThickness : 1.0)};
    v.axisZ = series.isVolume() ? series.stackDirection : g.normal();
    v.sheared = series.sheared;
    return v;
}

Volume loadVolume(const SeriesInfo& series, const LoadOptions& options) {
    if (series.slices.empty()) throw Error(ErrorCode::InvalidArgument, "series has no images");
    const std::size_t n = series.slices.size();
    const SliceRef& first = series.slices.front();
    if (!first.pixelValid) throw Error(ErrorCode::InvalidAttribute, first.path.string() + ": unusable Image Pixel module");
    const PixelDescription& desc = first.pixel;
    if (desc.samplesPerPixel != 1)
        throw Error(ErrorCode::UnsupportedPixelFormat, first.path.string() + ": colour images do not form a volume");

    Volume v = volumeGrid(series);

    // int16 holds the modality values exactly when every slice rescales
    // integers by integers into the int16 range; otherwise float.
    v.isFloat = false;
    for (const SliceRef& r : series.slices) {
        if (!r.pixelValid || r.pixel.columns != v.columns || r.pixel.rows != v.rows || r.pixel.samplesPerPixel != 1)
            throw Error(ErrorCode::InvalidArgument, r.path.string() + ": image size or format differs from the series");
        const double s = r.rescaleSlope, b = r.rescaleIntercept;
        const double lo = s * double(r.pixel.minStoredValue()) + b, hi = s * double(r.pixel.maxStoredValue()) + b;
        if (r.hasModalityLut || s != std::round(s) || b != std::round(b) || r.pixel.bitsStored > 16 ||
            std::min(lo, hi) < -32768 || std::max(lo, hi) > 32767)
            v.isFloat = true;
    }
    const std::size_t perSlice = v.voxelsPerSlice();
    if (perSlice * n > (std::size_t(1) << 34)) throw Error(ErrorCode::TooLarge, "volume exceeds 16 G voxels");
    if (v.isFloat) v.floatVoxels.resize(perSlice * n);
    else v.int16Voxels.resize(perSlice * n);

    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (std::size_t k = next++; k < n; k = next++) {
            if ((options.cancel && options.cancel->load()) || failed.load()) return;
            const SliceRef& ref = series.slices[k];
            try {
                const PixelDescription& d = ref.pixel;
                const double s = ref.rescaleSlope, b = ref.rescaleIntercept;
                std::int16_t* out16 = v.isFloat ? nullptr : v.int16Voxels.data() + k * perSlice;
                if (out16 && readNativeSlice(ref, d, out16)) {
                    // Native 16-bit read in place: mask, sign-extend, rescale.
                    const int shift = std::max(0, d.highBit + 1 - d.bitsStored);
                    const std::uint32_t mask = d.bitsStored >= 32 ? 0xFFFFFFFFu : (1u << d.bitsStored) - 1u;
                    const std::uint32_t signBit = 1u << (d.bitsStored - 1);
                    const std::int32_t is = std::int32_t(s), ib = std::int32_t(b);
                    if (!(shift == 0 && d.bitsStored == 16 && d.isSigned && is == 1 && ib == 0)) {
                        auto* u = reinterpret_cast<std::uint16_t*>(out16);
                        for (std::size_t i = 0; i < perSlice; ++i) {
                            const std::uint32_t raw = (std::uint32_t(u[i]) >> shift) & mask;
                            const std::int32_t value = (d.isSigned && (raw & signBit)) ? std::int32_t(raw | ~mask) : std::int32_t(raw);
                            out16[i] = std::int16_t(value * is + ib);
                        }
                    }
                } else {
                    DicomFile file = DicomFile::open(ref.path);
                    PixelDecoder decoder(file);
                    Frame f = decoder.decode(ref.frame);
                    ImageLuts luts = ImageLuts::from(file, d.photometric, ref.frame);
                    if (v.isFloat) {
                        float* out = v.floatVoxels.data() + k * perSlice;
                        for (std::size_t i = 0; i < perSlice; ++i) out[i] = float(luts.modality.apply(f.values[i]));
                    } else {
                        for (std::size_t i = 0; i < perSlice; ++i) out16[i] = std::int16_t(std::lround(luts.modality.apply(f.values[i])));
                    }
                }
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure) failure = std::current_exception();
                failed = true;
                return;
            }
            if (options.sliceReady) options.sliceReady(int(k));
            const std::size_t count = ++done;
            if (options.progress) options.progress(count, n);
        }
    };
    const unsigned threads = std::max(1u, options.threads ? options.threads : std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, n); ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    if (options.cancel && options.cancel->load()) throw Error(ErrorCode::Cancelled, "volume loading cancelled");
    return v;
}

}  // namespace lightbox::core
