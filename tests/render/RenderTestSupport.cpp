#include "RenderTestSupport.h"

#include "lightbox/core/Synthetic.h"

#include <QtTest>

#include <cmath>

namespace lightbox::test {

SyntheticSet writeSynthetic(const std::string& item, int slices, int matrix) {
    SyntheticSet set;
    set.dir = std::make_unique<QTemporaryDir>();
    core::SynthOptions options;
    options.only = item;
    options.slices = slices;
    options.matrix = matrix;
    set.truth = nlohmann::json::parse(core::writeSyntheticPatients(set.dir->path().toStdString(), options));
    return set;
}

namespace {
const nlohmann::json* findStudy(const nlohmann::json& truth, const std::string& item, std::string* patientFolder) {
    for (const auto& patient : truth["patients"])
        for (const auto& study : patient["studies"])
            if (study["item"] == item) {
                *patientFolder = patient["folder"].get<std::string>();
                return &study;
            }
    return nullptr;
}
}  // namespace

nlohmann::json seriesTruth(const SyntheticSet& set, const std::string& item) {
    std::string folder;
    const nlohmann::json* study = findStudy(set.truth, item, &folder);
    return study ? (*study)["series"][0] : nlohmann::json();
}

QString seriesFolder(const SyntheticSet& set, const std::string& item) {
    std::string patient;
    const nlohmann::json* study = findStudy(set.truth, item, &patient);
    if (!study) return {};
    // Folders in truth.json are relative to the output folder.
    const std::string series = (*study)["series"][0]["folder"].get<std::string>();
    QString path = set.path() + "/" + QString::fromStdString(series);
    if (!QFileInfo::exists(path))
        path = set.path() + "/" + QString::fromStdString(patient) + "/" +
               QString::fromStdString((*study)["folder"].get<std::string>()) + "/" + QString::fromStdString(series);
    return path;
}

core::SeriesInfo loadSeriesInfo(const QString& folder) {
    core::ScanResult scan = core::scanForSeries(folder.toStdString());
    if (scan.series.size() != 1) return {};
    return scan.series.front();
}

std::optional<std::array<double, 2>> centroidAbove(const render::SliceImage& slice, double threshold,
                                                   std::array<double, 2> around, double radiusPixels) {
    double sx = 0, sy = 0, sw = 0;
    const int w = slice.plane.width, h = slice.plane.height;
    for (int j = std::max(0, int(around[1] - radiusPixels)); j <= std::min(h - 1, int(around[1] + radiusPixels)); ++j)
        for (int i = std::max(0, int(around[0] - radiusPixels)); i <= std::min(w - 1, int(around[0] + radiusPixels)); ++i) {
            if (std::hypot(i - around[0], j - around[1]) > radiusPixels) continue;
            const double v = slice.values[std::size_t(j) * std::size_t(w) + std::size_t(i)];
            if (v <= threshold) continue;
            sx += i;
            sy += j;
            sw += 1;
        }
    if (sw == 0) return std::nullopt;
    return std::array<double, 2>{sx / sw, sy / sw};
}

core::Vec3 vec3(const nlohmann::json& j) { return {j[0].get<double>(), j[1].get<double>(), j[2].get<double>()}; }

}  // namespace lightbox::test
