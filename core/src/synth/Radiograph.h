#pragma once
// Projection radiographs (CR, DX, MG): a canvas in detector millimetres to
// draw attenuation on, and the writer for a series of such images.
//
// Coordinates: pixel (column c, row r) has its centre at (c * spacing,
// r * spacing) mm; a shape covers a pixel when the pixel centre lies inside
// it (no partial-pixel blending), so truth.json can say exactly which pixels
// an object covers.

#include "synth/SynthContext.h"
#include "synth/VolumeSeries.h"

#include <functional>
#include <string>
#include <vector>

namespace lightbox::core::synth {

class Canvas {
public:
    Canvas(int columns, int rows, double spacingMm);

    int columns() const { return columns_; }
    int rows() const { return rows_; }
    double spacing() const { return spacing_; }
    double at(int column, int row) const { return values_[std::size_t(row) * std::size_t(columns_) + std::size_t(column)]; }

    // Adds weight x the chord through an ellipsoid (in-plane semi-axes a, b,
    // half-depth `depth`): the path length X-rays travel through it.
    void addEllipsoid(double cx, double cy, double a, double b, double depth, double weight);
    // Adds `value` inside an ellipse rotated by `degrees` (clockwise on screen).
    void addEllipse(double cx, double cy, double a, double b, double degrees, double value);
    // Adds `value` inside an axis-aligned rectangle [x0, x1] x [y0, y1].
    void addRectangle(double x0, double y0, double x1, double y1, double value);
    // Adds a smooth Gaussian blob (mammographic texture).
    void addGaussian(double cx, double cy, double sigma, double amplitude);
    // Adds f(x, y) to every pixel (shapes easier said as a formula).
    void add(const std::function<double(double x, double y)>& f);
    // Multiplies every pixel by mask(x, y) (e.g. to keep texture inside the breast).
    void multiply(const std::function<double(double x, double y)>& mask);

    // Stored samples: offset + gain * value + sigma * noise, clamped to BitsStored.
    std::vector<std::uint16_t> toStored(double offset, double gain, double noiseSigma, std::uint64_t seed,
                                        int bitsStored) const;

private:
    // Pixel index range covering [lo, hi] mm along one axis, clamped to the image.
    std::pair<int, int> span(double lo, double hi, int count) const;

    int columns_ = 0;
    int rows_ = 0;
    double spacing_ = 1.0;
    std::vector<double> values_;
};

struct ProjectionImage {
    int instanceNumber = 1;
    std::string imageType;           // e.g. "ORIGINAL\PRIMARY"
    std::string viewPosition;        // PA, LL, AP, CC, MLO
    std::string imageLaterality;     // R, L, U, B; empty: not sent
    std::string patientOrientation;  // e.g. "L\F"
    int rows = 0;
    int columns = 0;
    std::vector<std::uint16_t> samples;
    // Modality-specific attributes of this image (view code sequence, ...).
    std::function<void(DatasetBuilder&)> attributes;
    nlohmann::json truth = nlohmann::json::object();  // merged into the instance's truth entry
};

struct ProjectionSeriesSpec {
    SeriesSpec series;
    double imagerPixelSpacing = 0.1;
    int bitsStored = 12;
    bool monochrome1 = false;
    std::vector<DisplayWindow> windows;
    std::string voiLutFunction;  // empty: LINEAR (not sent)
    // Series-wide modality attributes (CR Image, DX Image/Detector, ...).
    std::function<void(DatasetBuilder&)> attributes;
};

nlohmann::json& writeProjectionSeries(SynthContext& context, const PatientSpec& patient, const StudySpec& study,
                                      const ProjectionSeriesSpec& spec, const std::vector<ProjectionImage>& images);

}  // namespace lightbox::core::synth
