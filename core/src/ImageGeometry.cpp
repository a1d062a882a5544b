#include "lightbox/core/ImageGeometry.h"

#include <cmath>

namespace lightbox::core {

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
Vec3 normalized(const Vec3& a) {
    const double n = norm(a);
    return n > 0 ? a * (1.0 / n) : a;
}

std::string spacingSourceName(SpacingSource s) {
    switch (s) {
        case SpacingSource::PixelSpacing: return "Pixel Spacing (patient plane)";
        case SpacingSource::ImagerPixelSpacingCorrected: return "Imager Pixel Spacing / magnification factor";
        case SpacingSource::ImagerPixelSpacing: return "Imager Pixel Spacing (detector plane, not corrected)";
        case SpacingSource::Unknown: break;
    }
    return "no spacing (pixels)";
}

Vec3 ImageGeometry::patientPoint(double column, double row) const {
    const Vec3 origin = position.value_or(Vec3{0, 0, 0});
    return origin + rowDirection * (column * columnSpacing) + columnDirection * (row * rowSpacing);
}

namespace {

std::optional<Dataset> groupItem(const Dataset& ds, Tag sequence, int frameIndex) {
    if (frameIndex >= 0) {
        auto perFrame = ds.items(tags::PerFrameFunctionalGroupsSequence);
        if (std::size_t(frameIndex) < perFrame.size()) {
            auto items = perFrame[std::size_t(frameIndex)].items(sequence);
            if (!items.empty()) return items.front();
        }
    }
    auto shared = ds.items(tags::SharedFunctionalGroupsSequence);
    if (!shared.empty()) {
        auto items = shared.front().items(sequence);
        if (!items.empty()) return items.front();
    }
    return std::nullopt;
}

}  // namespace

ImageGeometry ImageGeometry::from(const Dataset& ds, int frameIndex) {
    ImageGeometry g;
    const bool enhanced = ds.has(tags::SharedFunctionalGroupsSequence) || ds.has(tags::PerFrameFunctionalGroupsSequence);
    auto source = [&](Tag sequence) -> Dataset {
        if (enhanced) {
            if (auto item = groupItem(ds, sequence, frameIndex < 0 ? 0 : frameIndex)) return *item;
        }
        return ds;
    };
    const Dataset positionSource = source(tags::PlanePositionSequence);
    const Dataset orientationSource = source(tags::PlaneOrientationSequence);
    const Dataset measuresSource = source(tags::PixelMeasuresSequence);

    std::vector<double> ipp = positionSource.numbers(tags::ImagePositionPatient);
    if (ipp.size() >= 3 && std::isfinite(ipp[0]) && std::isfinite(ipp[1]) && std::isfinite(ipp[2]))
        g.position = Vec3{ipp[0], ipp[1], ipp[2]};
    std::vector<double> iop = orientationSource.numbers(tags::ImageOrientationPatient);
    if (iop.size() >= 6) {
        Vec3 r{iop[0], iop[1], iop[2]}, c{iop[3], iop[4], iop[5]};
        if (norm(r) > 0.5 && norm(c) > 0.5 && std::fabs(dot(normalized(r), normalized(c))) < 0.01) {
            g.rowDirection = normalized(r);
            g.columnDirection = normalized(c);
            g.hasOrientation = true;
        }
    }
    std::vector<double> ps = measuresSource.numbers(tags::PixelSpacing);
    if (ps.size() >= 2 && ps[0] > 0 && ps[1] > 0) {
        g.rowSpacing = ps[0];
        g.columnSpacing = ps[1];
        g.spacingSource = SpacingSource::PixelSpacing;
    } else {
        std::vector<double> ips = ds.numbers(tags::ImagerPixelSpacing);
        if (ips.size() >= 2 && ips[0] > 0 && ips[1] > 0) {
            auto ermf = ds.number(tags::EstimatedRadiographicMagnificationFactor);
            if (ermf && *ermf > 0) {
                g.rowSpacing = ips[0] / *ermf;
                g.columnSpacing = ips[1] / *ermf;
                g.spacingSource = SpacingSource::ImagerPixelSpacingCorrected;
            } else {
                g.rowSpacing = ips[0];
                g.columnSpacing = ips[1];
                g.spacingSource = SpacingSource::ImagerPixelSpacing;
            }
        }
    }
    g.sliceThickness = measuresSource.number(tags::SliceThickness).value_or(ds.number(tags::SliceThickness).value_or(0.0));
    return g;
}

}  // namespace lightbox::core
