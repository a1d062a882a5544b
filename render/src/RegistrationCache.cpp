#include "lightbox/render/RegistrationCache.h"

#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

namespace lightbox::render {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFormatVersion = 1;

struct Fnv1a {
    std::uint64_t value = 0xcbf29ce484222325ull;
    void add(const std::string& text) {
        for (unsigned char c : text) {
            value ^= c;
            value *= 0x100000001b3ull;
        }
        value ^= 0xff;  // a separator, so ("ab","c") and ("a","bc") differ
        value *= 0x100000001b3ull;
    }
    std::string hex() const {
        char buffer[17];
        std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
        return buffer;
    }
};

// Rounded so that the last bits of a recomputed double do not change the key.
std::string rounded(double x, double unit) {
    const double r = std::round(x / unit);
    std::ostringstream s;
    s << static_cast<long long>(r == 0.0 ? 0.0 : r);
    return s.str();
}

json vec3(const core::Vec3& v) { return json::array({v[0], v[1], v[2]}); }

core::Vec3 toVec3(const json& j) {
    if (!j.is_array() || j.size() != 3) throw std::runtime_error("not three numbers");
    return {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>()};
}

json keyJson(const RegistrationPairKey& key) {
    return {{"fixedSeriesUid", key.fixedSeriesUid},
            {"fixedGeometryHash", key.fixedGeometryHash},
            {"movingSeriesUid", key.movingSeriesUid},
            {"movingGeometryHash", key.movingGeometryHash}};
}

json entryJson(const RegistrationPairKey& key, const CachedRegistration& entry) {
    const auto m = entry.movingToFixed.matrix4x4();
    json matrix = json::array();
    for (std::size_t r = 0; r < 4; ++r) matrix.push_back({m[r * 4], m[r * 4 + 1], m[r * 4 + 2], m[r * 4 + 3]});
    return {{"format", "lightbox registration"},
            {"version", kFormatVersion},
            {"key", keyJson(key)},
            {"movingToFixed", matrix},
            {"residualMm", entry.residualMm},
            {"residualEstimated", entry.residualEstimated},
            {"metricValue", entry.metricValue},
            {"iterations", entry.iterations},
            {"seconds", entry.seconds},
            {"manualOffsetMm", vec3(entry.manualOffsetMm)}};
}

CachedRegistration parseEntry(const json& j) {
    CachedRegistration e;
    const json& rows = j.at("movingToFixed");
    if (!rows.is_array() || rows.size() != 4) throw std::runtime_error("matrix is not 4 rows");
    std::array<double, 16> m{};
    for (std::size_t r = 0; r < 4; ++r) {
        if (!rows[r].is_array() || rows[r].size() != 4) throw std::runtime_error("matrix row is not 4 numbers");
        for (std::size_t c = 0; c < 4; ++c) m[r * 4 + c] = rows[r][c].get<double>();
    }
    for (double x : m)
        if (!std::isfinite(x)) throw std::runtime_error("matrix is not finite");
    e.movingToFixed = core::RigidTransform::fromMatrix4x4(m);
    e.residualMm = j.at("residualMm").get<double>();
    e.residualEstimated = j.value("residualEstimated", false);
    e.metricValue = j.value("metricValue", 0.0);
    e.iterations = j.value("iterations", 0);
    e.seconds = j.value("seconds", 0.0);
    e.manualOffsetMm = toVec3(j.at("manualOffsetMm"));
    return e;
}

void writeAtomically(const fs::path& path, const std::string& text) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw core::Error(core::ErrorCode::Io, path.parent_path().string() + ": cannot create (" + ec.message() + ")");
    const fs::path temp = path.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            fs::remove(temp, ec);
            throw core::Error(core::ErrorCode::Io, temp.string() + ": cannot write");
        }
    }
    fs::rename(temp, path, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw core::Error(core::ErrorCode::Io, path.string() + ": cannot replace (" + ec.message() + ")");
    }
}

}  // namespace

std::string volumeGeometryHash(const core::Volume& v) {
    Fnv1a h;
    h.add(std::to_string(v.columns) + "x" + std::to_string(v.rows) + "x" + std::to_string(v.slices));
    for (double x : v.origin) h.add(rounded(x, 1e-3));
    for (double x : v.spacing) h.add(rounded(x, 1e-3));
    for (const core::Vec3* axis : {&v.axisX, &v.axisY, &v.axisZ})
        for (double x : *axis) h.add(rounded(x, 1e-6));
    return h.hex();
}

RegistrationPairKey RegistrationPairKey::of(const std::string& fixedSeriesUid, const core::Volume& fixed,
                                            const std::string& movingSeriesUid, const core::Volume& moving) {
    return {fixedSeriesUid, volumeGeometryHash(fixed), movingSeriesUid, volumeGeometryHash(moving)};
}

core::RigidTransform CachedRegistration::effective() const {
    return core::RigidTransform::rotation({0, 0, 1}, 0.0, manualOffsetMm) * movingToFixed;
}

CachedRegistration CachedRegistration::from(const RigidRegistrationResult& result) {
    CachedRegistration e;
    e.movingToFixed = result.movingToFixed;
    e.residualMm = result.residualMm;
    e.residualEstimated = result.residualEstimated;
    e.metricValue = result.metricValue;
    e.iterations = result.iterations;
    e.seconds = result.seconds;
    return e;
}

RegistrationCache::RegistrationCache(fs::path folder) : folder_(std::move(folder)) {}

fs::path RegistrationCache::fileFor(const RegistrationPairKey& key) const {
    Fnv1a h;
    h.add(key.fixedSeriesUid);
    h.add(key.fixedGeometryHash);
    h.add(key.movingSeriesUid);
    h.add(key.movingGeometryHash);
    return folder_ / ("registration-" + h.hex() + ".json");
}

std::optional<CachedRegistration> RegistrationCache::find(const RegistrationPairKey& key) const {
    std::ifstream in(fileFor(key), std::ios::binary);
    if (!in) return std::nullopt;
    try {
        const json j = json::parse(in);
        // The file name is a hash: check the whole key, not just its digest.
        if (j.at("version").get<int>() != kFormatVersion || j.at("key") != keyJson(key)) return std::nullopt;
        return parseEntry(j);
    } catch (const std::exception&) {
        return std::nullopt;  // damaged or foreign: as if absent
    }
}

void RegistrationCache::store(const RegistrationPairKey& key, const CachedRegistration& entry) {
    writeAtomically(fileFor(key), entryJson(key, entry).dump(2) + "\n");
}

void RegistrationCache::setManualOffset(const RegistrationPairKey& key, const core::Vec3& offsetMm) {
    std::optional<CachedRegistration> entry = find(key);
    if (!entry)
        throw core::Error(core::ErrorCode::InvalidArgument,
                          "no registration stored for series " + key.movingSeriesUid + " -> " + key.fixedSeriesUid);
    entry->manualOffsetMm = offsetMm;
    store(key, *entry);
}

bool RegistrationCache::remove(const RegistrationPairKey& key) {
    std::error_code ec;
    return fs::remove(fileFor(key), ec);
}

}  // namespace lightbox::render
