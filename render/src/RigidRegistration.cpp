// Rigid registration with ITK v4 metrics (the only translation unit that sees
// ITK). The pyramid, the sampling and the optimiser loop are ours; ITK
// supplies the transform, the interpolation and the metrics.
//
// Why our own regular-step loop rather than itk::RegularStepGradientDescent-
// Optimizerv4: that optimiser normalises the step in raw parameter units, in
// which a versor unit turns the volume by a radian, so its step length means
// nothing physical unless scales and learning rate are tuned per volume size.
// Here a step is a length in millimetres: the translation moves by it, or the
// rotation moves the sample points (at their RMS radius) by it, and the step
// halves whenever the gradient turns back - the same algorithm with a unit.

#include "lightbox/render/RigidRegistration.h"

#include "lightbox/core/Error.h"

#include <itkImage.h>
#include <itkImageToImageMetricv4.h>
#include <itkLinearInterpolateImageFunction.h>
#include <itkMattesMutualInformationImageToImageMetricv4.h>
#include <itkMeanSquaresImageToImageMetricv4.h>
#include <itkObject.h>
#include <itkPointSet.h>
#include <itkVersorRigid3DTransform.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <thread>

namespace lightbox::render {

namespace {

using core::Error;
using core::ErrorCode;
using core::Vec3;
using core::operator+;
using core::operator-;
using core::operator*;

using Image = itk::Image<float, 3>;
using Transform = itk::VersorRigid3DTransform<double>;
using Metric = itk::ImageToImageMetricv4<Image, Image>;
using MattesMetric = itk::MattesMutualInformationImageToImageMetricv4<Image, Image>;
using MeanSquaresMetric = itk::MeanSquaresImageToImageMetricv4<Image, Image>;
using PointSet = Metric::FixedSampledPointSetType;
using Interpolator = itk::LinearInterpolateImageFunction<Image, double>;

// LIGHTBOX_REGISTRATION_TRACE=1: one line per level on stderr (what converged how).
bool trace() {
    static const bool on = std::getenv("LIGHTBOX_REGISTRATION_TRACE") != nullptr;
    return on;
}

// ---------------------------------------------------------------------------
// Geometry

void checkVolume(const core::Volume& v, const char* which) {
    const std::string name = which;
    if (v.columns < 2 || v.rows < 2 || v.slices < 2)
        throw Error(ErrorCode::InvalidArgument, name + " volume: needs at least 2x2x2 voxels (got " +
                                                    std::to_string(v.columns) + "x" + std::to_string(v.rows) + "x" +
                                                    std::to_string(v.slices) + ")");
    const std::size_t count = v.voxelsPerSlice() * std::size_t(v.slices);
    if ((v.isFloat ? v.floatVoxels.size() : v.int16Voxels.size()) < count)
        throw Error(ErrorCode::InvalidArgument, name + " volume: fewer voxels than its size says");
    for (double s : v.spacing)
        if (!(s > 0.0) || !std::isfinite(s))
            throw Error(ErrorCode::InvalidArgument, name + " volume: spacing must be positive");
    const double volumeOfCell = std::abs(core::dot(core::cross(v.axisX, v.axisY), v.axisZ));
    if (!(volumeOfCell > 1e-3))
        throw Error(ErrorCode::InvalidArgument, name + " volume: its axes do not span space (degenerate geometry)");
}

Vec3 volumeCentre(const core::Volume& v) {
    return v.patientPoint((v.columns - 1) / 2.0, (v.rows - 1) / 2.0, (v.slices - 1) / 2.0);
}

// ---------------------------------------------------------------------------
// Intensities: a robust range per volume, so that one metal voxel does not
// squeeze the whole body into a few histogram bins, and CT padding outside
// the reconstruction circle (-2000, -3024) reads as air, not as a structure
// that stays put while the patient moves.

struct IntensityRange {
    float low = 0, high = 1;
};

IntensityRange robustRange(const core::Volume& v, std::uint32_t seed) {
    const std::size_t count = v.voxelsPerSlice() * std::size_t(v.slices);
    const std::size_t samples = std::min<std::size_t>(count, 200000);
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::size_t> pick(0, count - 1);
    std::vector<float> values(samples);
    for (auto& x : values) {
        const std::size_t at = samples == count ? std::size_t(&x - values.data()) : pick(random);
        x = v.isFloat ? v.floatVoxels[at] : float(v.int16Voxels[at]);
    }
    auto percentile = [&](double p) {
        auto nth = values.begin() + std::ptrdiff_t(p * double(values.size() - 1));
        std::nth_element(values.begin(), nth, values.end());
        return *nth;
    };
    IntensityRange r{percentile(0.005), percentile(0.995)};
    if (v.rescaleType == "HU") r.low = std::max(r.low, -1000.0f);
    if (!(r.high > r.low)) r.high = r.low + 1.0f;
    return r;
}

// ---------------------------------------------------------------------------
// The pyramid: block averages (a box filter before subsampling), clipped to
// the robust range, as float ITK images carrying the volume's geometry.

using Shrink = std::array<int, 3>;

Shrink shrinkFor(const core::Volume& v, double targetSpacing) {
    Shrink b{};
    for (std::size_t a = 0; a < 3; ++a) b[a] = std::max(1, int(std::lround(targetSpacing / v.spacing[a])));
    const int size[3] = {v.columns, v.rows, v.slices};
    for (std::size_t a = 0; a < 3; ++a) b[a] = std::min(b[a], std::max(1, size[a] / 4));
    return b;
}

template <typename Fn>
void parallelFor(int count, unsigned threads, Fn fn) {
    threads = std::max(1u, std::min<unsigned>(threads, unsigned(count)));
    if (threads == 1) {
        for (int i = 0; i < count; ++i) fn(i);
        return;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int i = int(t); i < count; i += int(threads)) fn(i);
        });
    for (auto& th : pool) th.join();
}

Image::Pointer levelImage(const core::Volume& v, const Shrink& b, IntensityRange range, unsigned threads) {
    const int nx = v.columns / b[0], ny = v.rows / b[1], nz = v.slices / b[2];
    Image::Pointer image = Image::New();
    Image::RegionType region;
    region.SetSize({{itk::SizeValueType(nx), itk::SizeValueType(ny), itk::SizeValueType(nz)}});
    image->SetRegions(region);
    // A block's centre: the mean of its voxel centres.
    const Vec3 origin = v.origin + v.axisX * ((b[0] - 1) / 2.0 * v.spacing[0]) +
                        v.axisY * ((b[1] - 1) / 2.0 * v.spacing[1]) + v.axisZ * ((b[2] - 1) / 2.0 * v.spacing[2]);
    Image::PointType itkOrigin;
    Image::SpacingType spacing;
    Image::DirectionType direction;
    const Vec3* axes[3] = {&v.axisX, &v.axisY, &v.axisZ};
    for (unsigned a = 0; a < 3; ++a) {
        itkOrigin[a] = origin[a];
        spacing[a] = v.spacing[a] * b[a];
        const Vec3 unit = core::normalized(*axes[a]);
        for (unsigned r = 0; r < 3; ++r) direction[r][a] = unit[r];
    }
    image->SetOrigin(itkOrigin);
    image->SetSpacing(spacing);
    image->SetDirection(direction);
    image->Allocate();
    float* out = image->GetBufferPointer();
    const std::size_t sx = 1, sy = std::size_t(v.columns), sz = v.voxelsPerSlice();
    const float inverseCount = 1.0f / float(b[0] * b[1] * b[2]);
    parallelFor(nz, threads, [&](int z) {
        for (int y = 0; y < ny; ++y) {
            for (int x = 0; x < nx; ++x) {
                float sum = 0;
                for (int k = 0; k < b[2]; ++k)
                    for (int j = 0; j < b[1]; ++j) {
                        const std::size_t row = std::size_t(z * b[2] + k) * sz + std::size_t(y * b[1] + j) * sy +
                                                std::size_t(x * b[0]) * sx;
                        for (int i = 0; i < b[0]; ++i) {
                            const float value =
                                v.isFloat ? v.floatVoxels[row + std::size_t(i)] : float(v.int16Voxels[row + std::size_t(i)]);
                            sum += std::clamp(value, range.low, range.high);
                        }
                    }
                out[(std::size_t(z) * std::size_t(ny) + std::size_t(y)) * std::size_t(nx) + std::size_t(x)] =
                    sum * inverseCount;
            }
        }
    });
    return image;
}

Vec3 physicalPoint(const Image& image, double i, double j, double k) {
    itk::ContinuousIndex<double, 3> index;
    index[0] = i;
    index[1] = j;
    index[2] = k;
    Image::PointType p;
    image.TransformContinuousIndexToPhysicalPoint(index, p);
    return {p[0], p[1], p[2]};
}

// Random voxel centres of the fixed level image (the same seed, the same
// points): half of them uniform over the volume, half the strongest edges
// among further random candidates. Uniform samples alone leave small
// structures - the only ones that fix the position along a body's long axis
// in a phantom, or along a limb - with a handful of points.
struct Samples {
    PointSet::Pointer points;
    std::vector<Vec3> positions;
    std::vector<float> values;
};

Samples drawSamples(const Image& image, int wanted, std::uint32_t seed) {
    const auto size = image.GetLargestPossibleRegion().GetSize();
    const std::size_t nx = size[0], ny = size[1], nz = size[2];
    const std::size_t count = nx * ny * nz;
    const std::size_t n = std::min<std::size_t>(count, std::size_t(std::max(wanted, 1)));
    const float* voxels = image.GetBufferPointer();
    std::vector<std::size_t> chosen;
    chosen.reserve(n);
    if (n == count) {
        for (std::size_t i = 0; i < count; ++i) chosen.push_back(i);
    } else {
        std::mt19937_64 random(seed);
        std::uniform_int_distribution<std::size_t> pick(0, count - 1);
        const std::size_t uniform = n - n / 2;
        for (std::size_t i = 0; i < uniform; ++i) chosen.push_back(pick(random));
        const auto spacing = image.GetSpacing();
        auto edgeStrength = [&](std::size_t at) {
            const std::size_t x = at % nx, y = (at / nx) % ny, z = at / (nx * ny);
            const std::size_t step[3] = {1, nx, nx * ny};
            const std::size_t coordinate[3] = {x, y, z}, extent[3] = {nx, ny, nz};
            double sum = 0;
            for (unsigned a = 0; a < 3; ++a) {
                const std::size_t lo = coordinate[a] > 0 ? at - step[a] : at;
                const std::size_t hi = coordinate[a] + 1 < extent[a] ? at + step[a] : at;
                const double d = double(voxels[hi] - voxels[lo]) / spacing[a];
                sum += d * d;
            }
            return sum;
        };
        std::vector<std::pair<double, std::size_t>> candidates(std::min(count, 4 * (n / 2)));
        for (auto& c : candidates) {
            const std::size_t at = pick(random);
            c = {edgeStrength(at), at};
        }
        const std::size_t edges = std::min(n / 2, candidates.size());
        std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(edges), candidates.end(),
                          [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t i = 0; i < edges; ++i) chosen.push_back(candidates[i].second);
    }
    // In memory order: the metric reads both volumes around each sample, and
    // at full resolution (hundreds of MB) random order would make every read
    // a cache miss; sorted, neighbouring samples share cache lines and pages.
    std::sort(chosen.begin(), chosen.end());
    Samples s;
    s.points = PointSet::New();
    s.points->Initialize();
    s.positions.reserve(chosen.size());
    s.values.reserve(chosen.size());
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const std::size_t at = chosen[i];
        const std::size_t x = at % nx, y = (at / nx) % ny, z = at / (nx * ny);
        const Vec3 p = physicalPoint(image, double(x), double(y), double(z));
        PointSet::PointType point;
        for (unsigned a = 0; a < 3; ++a) point[a] = static_cast<PointSet::PointType::ValueType>(p[a]);
        s.points->SetPoint(PointSet::PointIdentifier(i), point);
        s.positions.push_back(p);
        s.values.push_back(voxels[at]);
    }
    return s;
}

// ---------------------------------------------------------------------------
// Transforms: ITK's maps FIXED points to MOVING points (x -> R (x - c) + c + t);
// core::RigidTransform is what we hand out (moving -> fixed).

core::RigidTransform fixedToMoving(const Transform& t) {
    std::array<double, 16> m{};
    const auto& matrix = t.GetMatrix();
    const auto& offset = t.GetOffset();
    for (unsigned r = 0; r < 3; ++r) {
        for (unsigned c = 0; c < 3; ++c) m[r * 4 + c] = matrix[r][c];
        m[r * 4 + 3] = offset[r];
    }
    m[15] = 1;
    return core::RigidTransform::fromMatrix4x4(m);
}

void setFixedToMoving(Transform& t, const core::RigidTransform& f2m) {
    const auto m = f2m.matrix4x4();
    Transform::MatrixType matrix;
    for (unsigned r = 0; r < 3; ++r)
        for (unsigned c = 0; c < 3; ++c) matrix[r][c] = m[r * 4 + c];
    t.SetMatrix(matrix, 1e-6);
    Transform::OutputVectorType offset;
    for (unsigned r = 0; r < 3; ++r) offset[r] = m[r * 4 + 3];
    t.SetOffset(offset);
}

// ---------------------------------------------------------------------------
// One level: the metric at the level's samples, optimised by regular steps.

struct LevelSettings {
    double initialStepMm = 4.0;
    double minimumStepMm = 0.01;
    int maxIterations = 200;
};

struct LevelOutcome {
    int iterations = 0;   // steps tried
    int evaluations = 0;  // metric evaluations
    double metricValue = 0.0;
};

Metric::Pointer makeMetric(const RegistrationOptions& options) {
    if (options.metric == RegistrationMetric::MeanSquares) return MeanSquaresMetric::New().GetPointer();
    auto mattes = MattesMetric::New();
    mattes->SetNumberOfHistogramBins(itk::SizeValueType(std::max(options.histogramBins, 8)));
    return mattes.GetPointer();
}

class Optimisation {
public:
    Optimisation(const RegistrationOptions& options, const std::function<void(double)>& progress,
                 const std::atomic<bool>* cancel, unsigned threads)
        : options_(options), progress_(progress), cancel_(cancel), threads_(threads) {}

    // Runs one level from the transform's current state; progress goes from
    // `from` to `to` of the whole call.
    LevelOutcome run(const Image::Pointer& fixed, const Image::Pointer& moving, const Samples& samples,
                     Transform& transform, const LevelSettings& settings, double from, double to) {
        const auto started = std::chrono::steady_clock::now();
        Metric::Pointer metric = makeMetric(options_);
        metric->SetFixedImage(fixed);
        metric->SetMovingImage(moving);
        metric->SetFixedInterpolator(Interpolator::New());
        metric->SetMovingInterpolator(Interpolator::New());
        metric->SetMovingTransform(&transform);
        metric->SetFixedSampledPointSet(samples.points);
        metric->SetUseSampledPointSet(true);
        // Gradients by central differences at the sample points only: a
        // precomputed gradient image of a 512x512x300 volume would be 1 GB.
        metric->SetUseMovingImageGradientFilter(false);
        metric->SetUseFixedImageGradientFilter(false);
        metric->SetMaximumNumberOfWorkUnits(threads_);
        metric->Initialize();
        const auto initialised = std::chrono::steady_clock::now();

        // Millimetres per radian of rotation: the RMS distance of the samples
        // from the centre of rotation.
        const auto centre = transform.GetCenter();
        double sum = 0;
        for (const Vec3& p : samples.positions) {
            const Vec3 d{p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]};
            sum += core::dot(d, d);
        }
        const double radius = std::max(1.0, std::sqrt(sum / double(std::max<std::size_t>(samples.positions.size(), 1))));

        LevelOutcome outcome;
        Metric::DerivativeType derivative;
        // ITK's derivative points downhill. In physical units q: a rotation
        // parameter v (versor part, angle ~ 2|v|) moves points by ~2 r |v|.
        auto physicalGradient = [&] {
            std::array<double, 6> g{};
            for (unsigned i = 0; i < 3; ++i) g[i] = derivative[i] / (2.0 * radius);
            for (unsigned i = 3; i < 6; ++i) g[i] = derivative[i];
            return g;
        };
        auto evaluate = [&](double& value) {
            metric->GetValueAndDerivative(value, derivative);
            ++outcome.evaluations;
            return std::isfinite(value);
        };
        double bestValue = 0;
        if (!evaluate(bestValue)) throw Error(ErrorCode::InvalidArgument, "registration: the metric is not finite");
        checkOverlap(*metric, samples.positions.size());
        const std::size_t validAtStart = metric->GetNumberOfValidPoints();
        Transform::ParametersType best = transform.GetParameters();
        std::array<double, 6> g = physicalGradient();
        if (trace())
            std::fprintf(stderr, "  start value %g params %g %g %g %g %g %g gradient %g %g %g %g %g %g\n", bestValue, best[0],
                         best[1], best[2], best[3], best[4], best[5], g[0], g[1], g[2], g[3], g[4], g[5]);
        double step = settings.initialStepMm;
        const double halvings = std::log2(settings.initialStepMm / settings.minimumStepMm);
        for (int iteration = 0; iteration < settings.maxIterations && step >= settings.minimumStepMm; ++iteration) {
            if (cancel_ && cancel_->load()) throw Error(ErrorCode::Cancelled, "registration cancelled");
            double magnitude = 0;
            for (double x : g) magnitude += x * x;
            magnitude = std::sqrt(magnitude);
            if (!(magnitude > 0) || !std::isfinite(magnitude)) break;  // exactly at an optimum
            // A step of `step` mm along the gradient. ITK's update: the first
            // three components are a rotation vector (axis times angle in
            // radians, angle = q / r), composed with the current rotation.
            Transform::DerivativeType update(6);
            for (unsigned i = 0; i < 3; ++i) update[i] = step * g[i] / magnitude / radius;
            for (unsigned i = 3; i < 6; ++i) update[i] = step * g[i] / magnitude;
            transform.UpdateTransformParameters(update, 1.0);
            ++outcome.iterations;
            double value = 0;
            const bool finite = evaluate(value);
            // A step that makes things worse (or loses a tenth of the overlap,
            // which can flatter a mean) is taken back at half the length.
            if (!finite || value >= bestValue || metric->GetNumberOfValidPoints() * 10 < validAtStart * 9) {
                transform.SetParameters(best);
                step *= 0.5;
            } else {
                const std::array<double, 6> next = physicalGradient();
                double turn = 0;
                for (unsigned i = 0; i < 6; ++i) turn += next[i] * g[i];
                if (turn < 0) step *= 0.5;  // passed the valley floor
                best = transform.GetParameters();
                bestValue = value;
                g = next;
            }
            if (progress_) {
                // Each halving brings the level closer to its end: report by the step.
                const double done = std::clamp(std::log2(settings.initialStepMm / step) / halvings, 0.0, 1.0);
                progress_(from + (to - from) * std::max(done, double(iteration + 1) / settings.maxIterations));
            }
        }
        transform.SetParameters(best);
        outcome.metricValue = bestValue;
        if (trace())
            std::fprintf(stderr,
                         "registration level: %zu samples (%lu valid), %d iterations, %d evaluations, last step %.4f mm, "
                         "metric %.6f, radius %.1f mm; %.2f s initialising, %.2f s optimising\n",
                         samples.positions.size(), static_cast<unsigned long>(metric->GetNumberOfValidPoints()),
                         outcome.iterations, outcome.evaluations, step, outcome.metricValue, radius,
                         std::chrono::duration<double>(initialised - started).count(),
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - initialised).count());
        if (progress_) progress_(to);
        return outcome;
    }

private:
    static void checkOverlap(const Metric& metric, std::size_t samples) {
        const auto valid = metric.GetNumberOfValidPoints();
        if (valid < std::max<itk::SizeValueType>(50, itk::SizeValueType(samples / 50)))
            throw Error(ErrorCode::InvalidArgument,
                        "the volumes do not overlap enough to register (" + std::to_string(valid) + " of " +
                            std::to_string(samples) + " samples of the fixed volume fall inside the moving one)");
    }

    const RegistrationOptions& options_;
    const std::function<void(double)>& progress_;
    const std::atomic<bool>* cancel_;
    unsigned threads_;
};

// The centroid of the voxels above the foreground threshold (patient mm).
Vec3 foregroundCentroid(const Image& image, float threshold, const Vec3& fallback) {
    const auto size = image.GetLargestPossibleRegion().GetSize();
    const float* voxels = image.GetBufferPointer();
    double sx = 0, sy = 0, sz = 0;
    std::size_t n = 0;
    std::size_t at = 0;
    for (std::size_t z = 0; z < size[2]; ++z)
        for (std::size_t y = 0; y < size[1]; ++y)
            for (std::size_t x = 0; x < size[0]; ++x, ++at)
                if (voxels[at] > threshold) {
                    sx += double(x);
                    sy += double(y);
                    sz += double(z);
                    ++n;
                }
    if (n == 0) return fallback;
    const double dn = double(n);
    return physicalPoint(image, sx / dn, sy / dn, sz / dn);
}

float foregroundThreshold(IntensityRange range) { return range.low + 0.25f * (range.high - range.low); }

}  // namespace

RigidRegistrationResult registerRigid(const core::Volume& fixed, const core::Volume& moving,
                                      const RegistrationOptions& options,
                                      const std::function<void(double)>& progress, const std::atomic<bool>* cancel) {
    const auto started = std::chrono::steady_clock::now();
    checkVolume(fixed, "fixed");
    checkVolume(moving, "moving");
    if (options.shrinkFactors.empty())
        throw Error(ErrorCode::InvalidArgument, "registration: at least one pyramid level is needed");
    for (int f : options.shrinkFactors)
        if (f < 1 || f > 64) throw Error(ErrorCode::InvalidArgument, "registration: shrink factors must be 1..64");
    if (options.maxIterationsPerLevel < 1 || options.samplesPerLevel < 100)
        throw Error(ErrorCode::InvalidArgument, "registration: needs at least 1 iteration and 100 samples per level");
    if (!(options.initialStepMm > options.minimumStepMm) || !(options.minimumStepMm > 0))
        throw Error(ErrorCode::InvalidArgument, "registration: the initial step must exceed the minimum step (> 0)");

    itk::Object::GlobalWarningDisplayOff();  // ITK would print to stderr; errors come back as exceptions
    const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const IntensityRange fixedRange = robustRange(fixed, options.seed);
    IntensityRange movingRange = robustRange(moving, options.seed + 1);
    if (options.metric == RegistrationMetric::MeanSquares) movingRange = fixedRange;  // same units: same clipping

    const double finest = *std::min_element(fixed.spacing.begin(), fixed.spacing.end());
    const std::size_t levels = options.shrinkFactors.size();
    const double residualShare = options.estimateResidual ? 0.2 : 0.0;
    auto levelSpan = [&](std::size_t level) {
        const double width = (1.0 - residualShare) / double(levels);
        return std::pair{width * double(level), width * double(level + 1)};
    };

    RigidRegistrationResult result;
    try {
        Transform::Pointer transform = Transform::New();
        const Vec3 fixedCentre = volumeCentre(fixed);
        Transform::InputPointType centre;
        for (unsigned a = 0; a < 3; ++a) centre[a] = fixedCentre[a];
        transform->SetCenter(centre);

        Optimisation optimisation(options, progress, cancel, threads);
        Image::Pointer fixedImage, movingImage;
        Samples samples;
        for (std::size_t level = 0; level < levels; ++level) {
            const double target = finest * options.shrinkFactors[level];
            const auto pyramidStart = std::chrono::steady_clock::now();
            fixedImage = levelImage(fixed, shrinkFor(fixed, target), fixedRange, threads);
            movingImage = levelImage(moving, shrinkFor(moving, target), movingRange, threads);
            if (trace())
                std::fprintf(stderr, "registration pyramid level %zu: %.2f s\n", level,
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - pyramidStart).count());
            if (level == 0) {
                // Centred initialisation: the fixed centre maps onto the moving
                // volume's centre (of its grid, or of its foreground).
                Vec3 from = fixedCentre, to = volumeCentre(moving);
                if (options.initialisation == RegistrationInitialisation::Moments) {
                    from = foregroundCentroid(*fixedImage, foregroundThreshold(fixedRange), from);
                    to = foregroundCentroid(*movingImage, foregroundThreshold(movingRange), to);
                }
                Transform::OutputVectorType translation;
                for (unsigned a = 0; a < 3; ++a) translation[a] = to[a] - from[a];
                transform->SetTranslation(translation);
            }
            // A metric evaluation costs the same per sample on every level, and a
            // coarse level's voxels are already averages: fewer samples there
            // (samplesPerLevel divided by how much coarser the level is than the last).
            const int coarser = std::max(1, options.shrinkFactors[level] / std::max(1, options.shrinkFactors.back()));
            samples = drawSamples(*fixedImage, std::max(2000, options.samplesPerLevel / coarser),
                                  options.seed + 17 * std::uint32_t(level));
            LevelSettings settings;
            const double relative = double(options.shrinkFactors[level]) / double(options.shrinkFactors.front());
            settings.initialStepMm = options.initialStepMm * relative;
            // Coarse levels only need to hand over a good start: their stopping
            // step grows with the square of the shrink factor (0.16, 0.04, 0.01 mm).
            settings.minimumStepMm =
                std::min(options.minimumStepMm * double(options.shrinkFactors[level] * options.shrinkFactors[level]),
                         settings.initialStepMm / 8);
            settings.maxIterations = options.maxIterationsPerLevel;
            const auto [from, to] = levelSpan(level);
            const LevelOutcome outcome = optimisation.run(fixedImage, movingImage, samples, *transform, settings, from, to);
            result.iterations += outcome.iterations;
            result.metricValue = outcome.metricValue;
            ++result.levels;
        }
        const core::RigidTransform final = fixedToMoving(*transform);
        result.movingToFixed = final.inverse();

        if (options.estimateResidual) {
            // A second pass at the last level from a displaced start, with other samples.
            const core::RigidTransform aboutCentre = core::RigidTransform::rotation({0, 0, 1}, 0.0, fixedCentre);
            const core::RigidTransform displacement =
                aboutCentre * core::RigidTransform::rotation({1, -1, 1}, 1.0, core::Vec3{1, 1, 1} * (2.0 / std::sqrt(3.0))) *
                aboutCentre.inverse();
            Transform::Pointer check = Transform::New();
            check->SetCenter(centre);
            setFixedToMoving(*check, (displacement * result.movingToFixed).inverse());
            const Samples other = drawSamples(*fixedImage, options.samplesPerLevel, options.seed + 7919);
            LevelSettings settings;
            settings.initialStepMm = std::max(1.0, 2 * options.minimumStepMm);
            settings.minimumStepMm = options.minimumStepMm * double(options.shrinkFactors.back());
            settings.maxIterations = options.maxIterationsPerLevel;
            const LevelOutcome outcome =
                optimisation.run(fixedImage, movingImage, other, *check, settings, 1.0 - residualShare, 1.0);
            result.iterations += outcome.iterations;
            const core::RigidTransform second = fixedToMoving(*check);
            const float threshold = foregroundThreshold(fixedRange);
            double sum = 0;
            std::size_t n = 0;
            for (std::size_t i = 0; i < samples.positions.size(); ++i) {
                if (samples.values[i] <= threshold) continue;
                const Vec3 d = final.apply(samples.positions[i]) - second.apply(samples.positions[i]);
                sum += core::dot(d, d);
                ++n;
            }
            result.residualMm = n ? std::sqrt(sum / double(n)) : 0.0;
            result.residualEstimated = n > 0;
        }
    } catch (const itk::ExceptionObject& e) {
        throw Error(ErrorCode::InvalidArgument, std::string("registration failed: ") + e.GetDescription());
    }
    if (progress) progress(1.0);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace lightbox::render
