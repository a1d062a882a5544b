#pragma once
// Shared by the render tests: synthetic series written once per test binary,
// loading a series folder as a volume, finding a bright object in a slice.

#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/SlicePlane.h"

#include <QString>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace lightbox::test {

struct SyntheticSet {
    std::unique_ptr<QTemporaryDir> dir;
    nlohmann::json truth;
    QString path() const { return dir->path(); }
};
// Writes the synthetic item (e.g. "ct-current") with the given size.
SyntheticSet writeSynthetic(const std::string& item, int slices, int matrix);
// The series truth and folder of the first series of the first study of `item`.
nlohmann::json seriesTruth(const SyntheticSet& set, const std::string& item);
QString seriesFolder(const SyntheticSet& set, const std::string& item);

core::SeriesInfo loadSeriesInfo(const QString& folder);

// Intensity-weighted centroid (output pixels) of the pixels above `threshold`
// within `radiusPixels` of `around`; nullopt when none.
std::optional<std::array<double, 2>> centroidAbove(const render::SliceImage& slice, double threshold,
                                                   std::array<double, 2> around, double radiusPixels);

core::Vec3 vec3(const nlohmann::json& j);

}  // namespace lightbox::test
