#include "synth/Radiograph.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox::core::synth {
namespace {

constexpr Tag PatientOrientation{0x0020, 0x0020};

}  // namespace

Canvas::Canvas(int columns, int rows, double spacingMm)
    : columns_(columns), rows_(rows), spacing_(spacingMm),
      values_(std::size_t(columns) * std::size_t(rows), 0.0) {}

std::pair<int, int> Canvas::span(double lo, double hi, int count) const {
    const int first = std::max(0, int(std::floor(lo / spacing_)));
    const int last = std::min(count - 1, int(std::ceil(hi / spacing_)));
    return {first, last};
}

void Canvas::addEllipsoid(double cx, double cy, double a, double b, double depth, double weight) {
    const auto [c0, c1] = span(cx - a, cx + a, columns_);
    const auto [r0, r1] = span(cy - b, cy + b, rows_);
    for (int r = r0; r <= r1; ++r) {
        const double dy = (r * spacing_ - cy) / b;
        for (int c = c0; c <= c1; ++c) {
            const double dx = (c * spacing_ - cx) / a;
            const double t = 1.0 - dx * dx - dy * dy;
            if (t > 0) values_[std::size_t(r) * std::size_t(columns_) + std::size_t(c)] += weight * 2.0 * depth * std::sqrt(t);
        }
    }
}

void Canvas::addEllipse(double cx, double cy, double a, double b, double degrees, double value) {
    const double angle = degrees * std::numbers::pi / 180.0;
    const double ca = std::cos(angle), sa = std::sin(angle);
    const double reach = std::max(a, b);
    const auto [c0, c1] = span(cx - reach, cx + reach, columns_);
    const auto [r0, r1] = span(cy - reach, cy + reach, rows_);
    for (int r = r0; r <= r1; ++r) {
        const double y = r * spacing_ - cy;
        for (int c = c0; c <= c1; ++c) {
            const double x = c * spacing_ - cx;
            const double u = (x * ca + y * sa) / a, v = (-x * sa + y * ca) / b;
            if (u * u + v * v <= 1.0) values_[std::size_t(r) * std::size_t(columns_) + std::size_t(c)] += value;
        }
    }
}

void Canvas::addRectangle(double x0, double y0, double x1, double y1, double value) {
    const auto [c0, c1] = span(x0, x1, columns_);
    const auto [r0, r1] = span(y0, y1, rows_);
    for (int r = r0; r <= r1; ++r) {
        const double y = r * spacing_;
        if (y < y0 || y > y1) continue;
        for (int c = c0; c <= c1; ++c) {
            const double x = c * spacing_;
            if (x >= x0 && x <= x1) values_[std::size_t(r) * std::size_t(columns_) + std::size_t(c)] += value;
        }
    }
}

void Canvas::addGaussian(double cx, double cy, double sigma, double amplitude) {
    const double reach = 3.0 * sigma;
    const auto [c0, c1] = span(cx - reach, cx + reach, columns_);
    const auto [r0, r1] = span(cy - reach, cy + reach, rows_);
    const double k = -0.5 / (sigma * sigma);
    for (int r = r0; r <= r1; ++r) {
        const double dy = r * spacing_ - cy;
        for (int c = c0; c <= c1; ++c) {
            const double dx = c * spacing_ - cx;
            values_[std::size_t(r) * std::size_t(columns_) + std::size_t(c)] += amplitude * std::exp(k * (dx * dx + dy * dy));
        }
    }
}

void Canvas::add(const std::function<double(double, double)>& f) {
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c)
            values_[std::size_t(r) * std::size_t(columns_) + std::size_t(c)] += f(c * spacing_, r * spacing_);
}

void Canvas::multiply(const std::function<double(double, double)>& mask) {
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c)
            values_[std::size_t(r) * std::size_t(columns_) + std::size_t(c)] *= mask(c * spacing_, r * spacing_);
}

std::vector<std::uint16_t> Canvas::toStored(double offset, double gain, double noiseSigma, std::uint64_t seed,
                                            int bitsStored) const {
    NoiseSource noise(seed);
    std::vector<std::uint16_t> out(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
        double v = offset + gain * values_[i];
        if (noiseSigma > 0) v += noiseSigma * noise.gaussian();
        out[i] = synth::toStored(v, bitsStored);
    }
    return out;
}

nlohmann::json& writeProjectionSeries(SynthContext& context, const PatientSpec& patient, const StudySpec& study,
                                      const ProjectionSeriesSpec& spec, const std::vector<ProjectionImage>& images) {
    const std::filesystem::path folder = seriesFolder(patient, study, spec.series);
    nlohmann::json instances = nlohmann::json::array();
    for (const ProjectionImage& image : images) {
        DatasetBuilder ds = commonHeader(patient, study, spec.series, image.instanceNumber);
        ds.text(tags::ImageType, "CS", image.imageType);
        if (!image.patientOrientation.empty()) ds.text(PatientOrientation, "CS", image.patientOrientation);
        if (!image.viewPosition.empty()) ds.text(tags::ViewPosition, "CS", image.viewPosition);
        if (!image.imageLaterality.empty()) ds.text(tags::ImageLaterality, "CS", image.imageLaterality);
        ds.text(tags::ImagerPixelSpacing, "DS", formatDsList({spec.imagerPixelSpacing, spec.imagerPixelSpacing}));
        setWindows(ds, spec.windows);
        if (!spec.voiLutFunction.empty()) ds.text(tags::VOILUTFunction, "CS", spec.voiLutFunction);
        if (spec.attributes) spec.attributes(ds);
        if (image.attributes) image.attributes(ds);
        setGrayscalePixels(ds, image.rows, image.columns, spec.bitsStored, spec.monochrome1, image.samples);
        context.writeImage(ds, folder / imageFileName(image.instanceNumber));

        nlohmann::json entry = {{"file", imageFileName(image.instanceNumber)},
                                {"instanceNumber", image.instanceNumber},
                                {"sopInstanceUid", spec.series.instanceUid(study, image.instanceNumber)},
                                {"rows", image.rows},
                                {"columns", image.columns}};
        if (!image.viewPosition.empty()) entry["viewPosition"] = image.viewPosition;
        if (!image.imageLaterality.empty()) entry["imageLaterality"] = image.imageLaterality;
        if (!image.patientOrientation.empty()) entry["patientOrientation"] = image.patientOrientation;
        entry.update(image.truth);
        instances.push_back(std::move(entry));
    }
    nlohmann::json& truth = context.seriesTruth(patient, study, spec.series);
    truth["images"] = images.size();
    truth["instances"] = std::move(instances);
    truth["imagerPixelSpacing"] = {spec.imagerPixelSpacing, spec.imagerPixelSpacing};
    truth["photometric"] = spec.monochrome1 ? "MONOCHROME1" : "MONOCHROME2";
    truth["bits"] = {{"allocated", 16}, {"stored", spec.bitsStored}};
    truth["windows"] = windowsJson(spec.windows);
    if (!spec.voiLutFunction.empty()) truth["voiLutFunction"] = spec.voiLutFunction;
    return truth;
}

}  // namespace lightbox::core::synth
