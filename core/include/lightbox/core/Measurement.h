#pragma once
// Measurement maths without Qt: distances, angles and ROI statistics on one
// image, in physical units where the image says what a pixel is, and with the
// basis of that calibration stated - a distance is only as good as its basis.
//
// Points are in image coordinates as in PresentationState.h: column, row, the
// top-left corner of the first pixel at (0,0) and its centre at (0.5,0.5).

#include "lightbox/core/Dataset.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"

#include <optional>
#include <string>
#include <vector>

namespace lightbox::core {

enum class CalibrationBasis {
    PixelSpacing,             // (0028,0030): mm in the patient
    MagnificationCorrected,   // Imager Pixel Spacing / Estimated Radiographic Magnification Factor
    Detector,                 // Imager Pixel Spacing only: mm at the detector
    UltrasoundRegion,         // Sequence of Ultrasound Regions: physical deltas of the region
    Pixels,                   // nothing known: pixels
};

struct Calibration {
    CalibrationBasis basis = CalibrationBasis::Pixels;
    double rowSpacing = 1.0;     // mm (or pixels) between rows
    double columnSpacing = 1.0;  // mm (or pixels) between columns
    bool isPhysical() const { return basis != CalibrationBasis::Pixels; }
    std::string unit() const { return isPhysical() ? "mm" : "px"; }
    // "", "at detector", "US region": what a reader of the value must know.
    std::string qualifier() const;

    // The calibration of an image (frame `frameIndex` for Enhanced objects).
    // For ultrasound, `where` picks the region (a measurement must lie in one
    // region: pass any of its points); regions without mm or cm units give pixels.
    static Calibration of(const Dataset& image, int frameIndex = 0, std::optional<Point2> where = std::nullopt);
};

// "12.3 mm", "12.3 mm (at detector)", "45.0 px".
std::string formatLength(double value, const Calibration& c);
std::string formatArea(double value, const Calibration& c);

double distance(Point2 a, Point2 b, const Calibration& c);
double polylineLength(const std::vector<Point2>& points, const Calibration& c);
// The angle at `vertex` between the rays to a and b, in degrees [0, 180],
// measured in physical space (non-square pixels count).
double angleDegrees(Point2 a, Point2 vertex, Point2 b, const Calibration& c);
// Cobb angle: the angle between two lines (each given by two points), in
// degrees [0, 90].
double cobbAngleDegrees(Point2 a1, Point2 a2, Point2 b1, Point2 b2, const Calibration& c);
// Distance between two points on an MPR plane given in patient coordinates (mm).
double patientDistance(const Vec3& a, const Vec3& b);

// ROI outlines as polygons (in image coordinates).
std::vector<Point2> ellipseRoi(Point2 centre, double radiusColumns, double radiusRows);
std::vector<Point2> rectangleRoi(Point2 corner1, Point2 corner2);

struct RoiStatistics {
    std::size_t pixels = 0;  // pixel centres inside the outline
    double mean = 0, standardDeviation = 0, minimum = 0, maximum = 0;
    double area = 0;          // of the outline, in unit()^2
    std::string valueUnit;    // "HU" for CT, the Rescale Type, or "" (stored values)
};
// Statistics of the modality values (after the Modality LUT: HU for CT) of
// the pixels whose centres lie inside the polygon (polygon, freehand,
// ellipse and rectangle ROIs alike).
RoiStatistics roiStatistics(const Frame& frame, const ModalityTransform& modality, const std::vector<Point2>& outline,
                            const Calibration& c);
// The modality value of the pixel containing the point; nullopt outside the image.
std::optional<double> probe(const Frame& frame, const ModalityTransform& modality, Point2 p);
// The unit of modality values: "HU" for CT (Rescale Type or modality), else the Rescale Type.
std::string modalityValueUnit(const Dataset& image, const ModalityTransform& modality);

}  // namespace lightbox::core
