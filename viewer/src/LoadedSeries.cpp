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

core::Volume volumeGeometry(const core::SeriesInfo& series) { return core::volumeGrid(series); }

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
