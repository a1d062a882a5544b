// lightbox-cli register --fixed DIR --moving DIR: the rigid transform that
// takes the moving series (a prior) onto the fixed one (the current study),
// in patient coordinates, and the registration's residual.

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/RegistrationCache.h"
#include "lightbox/render/RigidRegistration.h"
#include "lightbox/render/SeriesDisplay.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace lightbox::cli {

namespace {

const char* kUsage =
    "usage: lightbox-cli register --fixed SERIES_DIR --moving SERIES_DIR [--json]\n"
    "       [--metric mattes|mean-squares] [--init geometry|moments] [--threads N] [--no-residual]\n"
    "       [--fixed-series UID] [--moving-series UID] [--cache DIR]";

struct LoadedSeries {
    core::SeriesInfo info;
    core::Volume volume;
};

LoadedSeries load(const std::string& dir, const std::string& uid, const char* role) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec))
        throw core::Error(core::ErrorCode::FileNotFound, std::string(role) + " " + dir + ": no such file or folder");
    core::ScanResult scan = core::scanForSeries(dir);
    if (scan.series.empty())
        throw core::Error(core::ErrorCode::NoPixelData, std::string(role) + " " + dir + ": no DICOM image series found");
    LoadedSeries out;
    try {
        out.info = render::chooseVolumeSeries(scan.series, uid);
    } catch (const core::Error& e) {
        throw core::Error(e.code(), std::string(role) + " " + dir + ": " + e.what());
    }
    out.volume = core::loadVolume(out.info);
    return out;
}

render::RegistrationMetric parseMetric(const std::string& text) {
    if (text == "mattes") return render::RegistrationMetric::MattesMutualInformation;
    if (text == "mean-squares") return render::RegistrationMetric::MeanSquares;
    throw UsageError{"--metric expects mattes or mean-squares, got '" + text + "'"};
}

render::RegistrationInitialisation parseInitialisation(const std::string& text) {
    if (text == "geometry") return render::RegistrationInitialisation::GeometricCentres;
    if (text == "moments") return render::RegistrationInitialisation::Moments;
    throw UsageError{"--init expects geometry or moments, got '" + text + "'"};
}

nlohmann::json matrixJson(const core::RigidTransform& t) {
    const auto m = t.matrix4x4();
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t r = 0; r < 4; ++r) rows.push_back({m[r * 4], m[r * 4 + 1], m[r * 4 + 2], m[r * 4 + 3]});
    return rows;
}

}  // namespace

int registerCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"json", "no-residual"},
                   {"fixed", "moving", "metric", "init", "threads", "fixed-series", "moving-series", "cache"});
    if (!args.value("fixed") || !args.value("moving") || !args.positionals().empty()) throw UsageError{kUsage};
    render::RegistrationOptions options;
    if (auto m = args.value("metric")) options.metric = parseMetric(*m);
    if (auto i = args.value("init")) options.initialisation = parseInitialisation(*i);
    if (auto t = args.integer("threads")) {
        if (*t < 1 || *t > 256) throw UsageError{"--threads expects 1..256"};
        options.threads = unsigned(*t);
    }
    options.estimateResidual = !args.flag("no-residual");

    const LoadedSeries fixed = load(*args.value("fixed"), args.value("fixed-series").value_or(""), "--fixed");
    const LoadedSeries moving = load(*args.value("moving"), args.value("moving-series").value_or(""), "--moving");

    // With --cache, a pair registered before is answered from the cache
    // (its manual offset included); otherwise the result is stored there.
    std::optional<render::RegistrationCache> cache;
    const render::RegistrationPairKey key = render::RegistrationPairKey::of(
        fixed.info.seriesInstanceUid, fixed.volume, moving.info.seriesInstanceUid, moving.volume);
    std::optional<render::CachedRegistration> entry;
    bool fromCache = false;
    if (auto dir = args.value("cache")) {
        cache.emplace(*dir);
        entry = cache->find(key);
        fromCache = entry.has_value();
    }
    if (!entry) {
        entry = render::CachedRegistration::from(render::registerRigid(fixed.volume, moving.volume, options));
        if (cache) cache->store(key, *entry);
    }
    const core::RigidTransform transform = entry->effective();
    const core::Vec3 axis = transform.rotationAxis(), t = transform.translation();

    if (args.flag("json")) {
        nlohmann::json j;
        j["matrix"] = matrixJson(transform);
        j["residual_mm"] = entry->residualMm;
        j["residual_estimated"] = entry->residualEstimated;
        j["rotation_degrees"] = transform.rotationDegrees();
        j["rotation_axis"] = axis;
        j["translation_mm"] = t;
        j["manual_offset_mm"] = entry->manualOffsetMm;
        j["metric_value"] = entry->metricValue;
        j["iterations"] = entry->iterations;
        j["seconds"] = entry->seconds;
        j["from_cache"] = fromCache;
        j["fixed_series_uid"] = fixed.info.seriesInstanceUid;
        j["moving_series_uid"] = moving.info.seriesInstanceUid;
        j["direction"] = "moving patient mm -> fixed patient mm";
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("moving series %s (%d slices) -> fixed series %s (%d slices)\n", moving.info.seriesInstanceUid.c_str(),
                moving.volume.slices, fixed.info.seriesInstanceUid.c_str(), fixed.volume.slices);
    std::printf("rotation     %.3f degrees about (%.4f, %.4f, %.4f)\n", transform.rotationDegrees(), axis[0], axis[1],
                axis[2]);
    std::printf("translation  (%.3f, %.3f, %.3f) mm\n", t[0], t[1], t[2]);
    const auto m = transform.matrix4x4();
    std::printf("matrix (moving patient mm -> fixed patient mm):\n");
    for (std::size_t r = 0; r < 4; ++r)
        std::printf("  %12.6f %12.6f %12.6f %12.3f\n", m[r * 4], m[r * 4 + 1], m[r * 4 + 2], m[r * 4 + 3]);
    if (entry->residualEstimated)
        std::printf("residual     %.3f mm (RMS disagreement with a restarted full-resolution pass)\n", entry->residualMm);
    else
        std::printf("residual     not estimated\n");
    std::printf("%d iterations, metric %.6f, %.2f s%s\n", entry->iterations, entry->metricValue, entry->seconds,
                fromCache ? " (from the cache)" : "");
    return 0;
}

}  // namespace lightbox::cli
