// Rigid registration of the demo patient's prior CT to its current CT
// (synth ct-current / ct-prior, by default 512 x 512 x 300 each), against the
// known transform of truth.json:
//   Lightbox   render::registerRigid, Mattes MI, levels 4/2/1, 2 threads
//   elastix    the same volumes as MetaImage files, a comparable multi-
//              resolution rigid registration (Euler transform, Mattes MI,
//              pyramid 4/2/1, random samples, 2 threads), as a process
// Reported: wall time of each, the ratio, and each one's accuracy (largest
// displacement error over the corners of the current volume, rotation error).
// elastix is skipped with a message when it is not installed.
//
//   lightbox-bench-registration [--work DIR] [--matrix 512] [--slices 300] [--threads 2] [--no-residual] [--json OUT]

#include "lightbox/core/RigidTransform.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/RigidRegistration.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <optional>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace lightbox;
using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// CPU seconds (user + system) of this process or of its finished children:
// on a shared machine the wall time says as much about the neighbours.
double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    auto s = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) * 1e-6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

struct Accuracy {
    double maxCornerMm = 0;
    double rotationDegrees = 0;
};

// estimate and truth map moving (prior) -> fixed (current).
Accuracy accuracy(const core::RigidTransform& estimate, const core::RigidTransform& truth, const core::Volume& fixed) {
    const core::RigidTransform a = estimate.inverse(), b = truth.inverse();
    Accuracy out;
    for (int c = 0; c < 8; ++c) {
        const core::Vec3 p = fixed.patientPoint((c & 1) ? fixed.columns - 1 : 0, (c & 2) ? fixed.rows - 1 : 0,
                                                (c & 4) ? fixed.slices - 1 : 0);
        out.maxCornerMm = std::max(out.maxCornerMm, core::norm(core::operator-(a.apply(p), b.apply(p))));
    }
    out.rotationDegrees = (estimate * truth.inverse()).rotationDegrees();
    return out;
}

core::Volume loadLargest(const fs::path& dir) {
    auto scan = core::scanForSeries(dir);
    if (scan.series.empty()) throw std::runtime_error(dir.string() + ": no series");
    auto it = std::max_element(scan.series.begin(), scan.series.end(),
                               [](const auto& a, const auto& b) { return a.slices.size() < b.slices.size(); });
    return core::loadVolume(*it);
}

// MetaImage (.mha): a text header and the raw int16 voxels. TransformMatrix
// lists each axis' direction in turn (ITK reads axis i from entries 3i..3i+2).
void writeMetaImage(const core::Volume& v, const fs::path& path) {
    std::ofstream out(path, std::ios::binary);
    out.precision(17);
    out << "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\nCompressedData = False\n";
    out << "TransformMatrix =";
    for (const core::Vec3* axis : {&v.axisX, &v.axisY, &v.axisZ})
        for (double x : *axis) out << ' ' << x;
    out << "\nOffset = " << v.origin[0] << ' ' << v.origin[1] << ' ' << v.origin[2] << "\n";
    out << "CenterOfRotation = 0 0 0\nAnatomicalOrientation = RAI\n";
    out << "ElementSpacing = " << v.spacing[0] << ' ' << v.spacing[1] << ' ' << v.spacing[2] << "\n";
    out << "DimSize = " << v.columns << ' ' << v.rows << ' ' << v.slices << "\n";
    out << "ElementType = MET_SHORT\nElementDataFile = LOCAL\n";
    out.write(reinterpret_cast<const char*>(v.int16Voxels.data()),
              std::streamsize(v.int16Voxels.size() * sizeof(std::int16_t)));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// elastix's rigid registration set up like ours: three levels whose spacing
// is the finest in-plane spacing times 4, 2, 1 (z, already 2.5 mm, is not
// shrunk), Mattes MI with 32 bins, random samples, linear interpolation
// while optimising, geometric-centre initialisation.
std::string elastixParameters(const core::Volume& fixed) {
    auto schedule = [&](int factor) {
        std::ostringstream s;
        for (std::size_t a = 0; a < 3; ++a) {
            const double f = std::max(1.0, std::round(factor * std::min(fixed.spacing[0], fixed.spacing[1]) / fixed.spacing[a]));
            s << ' ' << f;
        }
        return s.str();
    };
    std::ostringstream p;
    p << "(FixedInternalImagePixelType \"float\")\n(MovingInternalImagePixelType \"float\")\n"
         "(FixedImageDimension 3)\n(MovingImageDimension 3)\n(UseDirectionCosines \"true\")\n"
         "(Registration \"MultiResolutionRegistration\")\n"
         "(FixedImagePyramid \"FixedSmoothingImagePyramid\")\n(MovingImagePyramid \"MovingSmoothingImagePyramid\")\n"
         "(NumberOfResolutions 3)\n(ImagePyramidSchedule"
      << schedule(4) << schedule(2) << schedule(1)
      << ")\n"
         "(Interpolator \"LinearInterpolator\")\n(ResampleInterpolator \"FinalBSplineInterpolator\")\n"
         "(FinalBSplineInterpolationOrder 1)\n"
         "(Resampler \"DefaultResampler\")\n"
         "(Metric \"AdvancedMattesMutualInformation\")\n(NumberOfHistogramBins 32)\n"
         "(Transform \"EulerTransform\")\n(AutomaticScalesEstimation \"true\")\n"
         "(AutomaticTransformInitialization \"true\")\n(AutomaticTransformInitializationMethod \"GeometricalCenter\")\n"
         "(HowToCombineTransforms \"Compose\")\n"
         "(Optimizer \"AdaptiveStochasticGradientDescent\")\n(MaximumNumberOfIterations 250)\n"
         "(ImageSampler \"RandomCoordinate\")\n(NumberOfSpatialSamples 4096)\n(NewSamplesEveryIteration \"true\")\n"
         "(CheckNumberOfSamples \"true\")\n(ErodeMask \"false\")\n"
         "(WriteResultImage \"false\")\n(WriteTransformParametersEachResolution \"false\")\n"
         "(DefaultPixelValue -1024)\n(ResultImageFormat \"mha\")\n";
    return p.str();
}

std::vector<double> numbersAfter(const std::string& text, const std::string& key) {
    const auto at = text.find("(" + key + " ");
    if (at == std::string::npos) throw std::runtime_error("elastix output lacks " + key);
    std::istringstream line(text.substr(at + key.size() + 2, text.find(')', at) - at - key.size() - 2));
    std::vector<double> out;
    double x;
    while (line >> x) out.push_back(x);
    return out;
}

// elastix's EulerTransform (ITK Euler3DTransform, ZXY order): fixed -> moving,
// x' = R (x - c) + c + t with R = Rz Rx Ry.
core::RigidTransform elastixMovingToFixed(const fs::path& parameterFile) {
    std::ifstream in(parameterFile);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const auto p = numbersAfter(text, "TransformParameters");
    const auto c = numbersAfter(text, "CenterOfRotationPoint");
    if (p.size() != 6 || c.size() != 3) throw std::runtime_error("unexpected elastix transform");
    if (text.find("(ComputeZYX \"true\")") != std::string::npos) throw std::runtime_error("ComputeZYX not handled");
    constexpr double degrees = 180.0 / std::numbers::pi;
    const core::RigidTransform rx = core::RigidTransform::rotation({1, 0, 0}, p[0] * degrees, {0, 0, 0});
    const core::RigidTransform ry = core::RigidTransform::rotation({0, 1, 0}, p[1] * degrees, {0, 0, 0});
    const core::RigidTransform rz = core::RigidTransform::rotation({0, 0, 1}, p[2] * degrees, {0, 0, 0});
    const core::Vec3 centre{c[0], c[1], c[2]};
    const core::RigidTransform toCentre = core::RigidTransform::rotation({0, 0, 1}, 0, centre);
    const core::RigidTransform fixedToMoving =
        core::RigidTransform::rotation({0, 0, 1}, 0, {p[3], p[4], p[5]}) * toCentre * rz * rx * ry * toCentre.inverse();
    return fixedToMoving.inverse();
}

std::string argument(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name) return argv[i + 1];
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const fs::path work = argument(argc, argv, "work", (fs::temp_directory_path() / "lightbox-bench-registration").string());
        const int matrix = std::stoi(argument(argc, argv, "matrix", "512"));
        const int slices = std::stoi(argument(argc, argv, "slices", "300"));
        const unsigned threads = unsigned(std::stoi(argument(argc, argv, "threads", "2")));
        const std::string jsonOut = argument(argc, argv, "json", "");

        // The pair, written once per size and reused.
        const fs::path data = work / ("synth-" + std::to_string(matrix) + "x" + std::to_string(slices));
        nlohmann::json truth;
        for (const char* item : {"ct-current", "ct-prior"}) {
            const fs::path out = data / item;
            if (!fs::exists(out / "truth.json")) {
                std::fprintf(stderr, "writing %s (%dx%dx%d)...\n", item, matrix, matrix, slices);
                core::SynthOptions options;
                options.matrix = matrix;
                options.slices = slices;
                options.only = item;
                core::writeSyntheticPatients(out, options);
            }
            std::ifstream in(out / "truth.json");
            truth = nlohmann::json::parse(in);
        }
        std::array<double, 16> m{};
        for (std::size_t i = 0; i < 16; ++i) m[i] = truth.at("chestPhantom").at("priorFromCurrent").at(i).get<double>();
        const core::RigidTransform groundTruth = core::RigidTransform::fromMatrix4x4(m).inverse();

        const core::Volume fixed = loadLargest(data / "ct-current");
        const core::Volume moving = loadLargest(data / "ct-prior");
        std::fprintf(stderr, "loaded %dx%dx%d and %dx%dx%d\n", fixed.columns, fixed.rows, fixed.slices, moving.columns,
                     moving.rows, moving.slices);

        render::RegistrationOptions options;
        options.threads = threads;
        for (int i = 1; i < argc; ++i)
            if (std::string(argv[i]) == "--no-residual") options.estimateResidual = false;
        const auto t0 = Clock::now();
        const double c0 = cpuSeconds(RUSAGE_SELF);
        const render::RigidRegistrationResult ours = render::registerRigid(fixed, moving, options);
        const double oursSeconds = seconds(t0, Clock::now());
        const double oursCpu = cpuSeconds(RUSAGE_SELF) - c0;
        const Accuracy oursAccuracy = accuracy(ours.movingToFixed, groundTruth, fixed);

        nlohmann::json j;
        j["volumes"] = {{"matrix", matrix}, {"slices", slices}, {"threads", threads}};
        j["lightbox"] = {{"seconds", oursSeconds},
                         {"cpuSeconds", oursCpu},
                         {"maxCornerErrorMm", oursAccuracy.maxCornerMm},
                         {"rotationErrorDegrees", oursAccuracy.rotationDegrees},
                         {"residualMm", ours.residualMm},
                         {"iterations", ours.iterations}};
        std::printf("lightbox  %7.2f s (%.2f s CPU)  corner error %.3f mm  rotation error %.3f deg  residual %.3f mm  (%d iterations)\n",
                    oursSeconds, oursCpu, oursAccuracy.maxCornerMm, oursAccuracy.rotationDegrees, ours.residualMm,
                    ours.iterations);

        if (std::system("command -v elastix > /dev/null 2>&1") != 0) {
            std::printf("elastix   not installed: peer skipped (apt-get install elastix)\n");
            j["elastix"] = nullptr;
        } else {
            const fs::path peer = work / "elastix";
            fs::create_directories(peer / "out");
            writeMetaImage(fixed, peer / "fixed.mha");
            writeMetaImage(moving, peer / "moving.mha");
            {
                std::ofstream parameters(peer / "rigid.txt");
                parameters << elastixParameters(fixed);
            }
            const std::string command = "elastix -f '" + (peer / "fixed.mha").string() + "' -m '" +
                                        (peer / "moving.mha").string() + "' -p '" + (peer / "rigid.txt").string() +
                                        "' -out '" + (peer / "out").string() + "' -threads " + std::to_string(threads) +
                                        " > '" + (peer / "elastix.log").string() + "' 2>&1";
            const auto e0 = Clock::now();
            const double ec0 = cpuSeconds(RUSAGE_CHILDREN);
            const int status = std::system(command.c_str());
            const double elastixSeconds = seconds(e0, Clock::now());
            const double elastixCpu = cpuSeconds(RUSAGE_CHILDREN) - ec0;
            if (status != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
                throw std::runtime_error("elastix failed; see " + (peer / "elastix.log").string());
            const core::RigidTransform theirs = elastixMovingToFixed(peer / "out" / "TransformParameters.0.txt");
            const Accuracy theirAccuracy = accuracy(theirs, groundTruth, fixed);
            std::printf("elastix   %7.2f s (%.2f s CPU)  corner error %.3f mm  rotation error %.3f deg  (includes reading two .mha files)\n",
                        elastixSeconds, elastixCpu, theirAccuracy.maxCornerMm, theirAccuracy.rotationDegrees);
            std::printf("ratio     lightbox / elastix = %.2f wall, %.2f CPU\n", oursSeconds / elastixSeconds,
                        oursCpu / elastixCpu);
            j["elastix"] = {{"seconds", elastixSeconds},
                            {"cpuSeconds", elastixCpu},
                            {"maxCornerErrorMm", theirAccuracy.maxCornerMm},
                            {"rotationErrorDegrees", theirAccuracy.rotationDegrees}};
            j["ratio"] = oursSeconds / elastixSeconds;
            j["cpuRatio"] = oursCpu / elastixCpu;
        }
        if (!jsonOut.empty()) std::ofstream(jsonOut) << j.dump(2) << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lightbox-bench-registration: %s\n", e.what());
        return 1;
    }
}
