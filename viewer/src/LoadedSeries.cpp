#include "lightbox/viewer/LoadedSeries.h"

#include <cmath>

namespace lightbox::viewer {

render::PlaneKind LoadedSeries::acquisitionPlane() const {
    const core::Vec3 n = core::normalized(core::cross(volume.axisX, volume.axisY));
    const double ax = std::abs(n[0]), ay = std::abs(n[1]), az = std::abs(n[2]);
    if (az >= ax && az >= ay) return render::PlaneKind::Axial;
    if (ay >= ax) return render::PlaneKind::Coronal;
    return render::PlaneKind::Sagittal;
}

core::Volume volumeGeometry(const core::SeriesInfo& series) {
    // As core::loadVolume lays the grid out (tst_hanging_gui compares the two).
    core::Volume v;
    if (series.slices.empty()) return v;
    const core::SliceRef& first = series.slices.front();
    const core::ImageGeometry& g = first.geometry;
    v.columns = first.pixel.columns;
    v.rows = first.pixel.rows;
    v.slices = int(series.slices.size());
    v.origin = g.position.value_or(core::Vec3{0, 0, 0});
    v.axisX = g.rowDirection;
    v.axisY = g.columnDirection;
    v.spacing = {g.columnSpacing, g.rowSpacing,
                 series.isVolume() ? series.sliceStep : (g.sliceThickness > 0 ? g.sliceThickness : 1.0)};
    v.axisZ = series.isVolume() ? series.stackDirection : g.normal();
    v.sheared = series.sheared;
    return v;
}

std::shared_ptr<LoadedSeries> loadSeries(const core::SeriesInfo& series,
                                         std::function<void(std::size_t, std::size_t)> progress,
                                         const std::atomic<bool>* cancel) {
    auto loaded = std::make_shared<LoadedSeries>();
    loaded->series = series;
    core::LoadOptions options;
    options.progress = std::move(progress);
    options.cancel = cancel;
    loaded->volume = core::loadVolume(series, options);
    loaded->defaults = render::displayDefaults(series, &loaded->volume);
    loaded->reslicer = std::make_unique<render::Reslicer>(loaded->volume);
    return loaded;
}

}  // namespace lightbox::viewer
