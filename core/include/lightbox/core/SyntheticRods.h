#pragma once
// Calibration phantoms for measurement tests: two rods (seen end-on in CT
// and MR, as small dense cylinders in projection) a known distance apart,
// drawn with partial-volume edges so their centres can be found to a
// fraction of a pixel. Each kind exercises one calibration basis.

#include "lightbox/core/PresentationState.h"

#include <array>
#include <string>

namespace lightbox::core {

enum class RodPhantomKind {
    Ct,                      // Pixel Spacing 0.7 x 0.8 mm (rows x columns: not square on purpose), HU
    Mr,                      // Pixel Spacing 1.1 x 0.9 mm
    ProjectionMagnified,     // DX: Imager Pixel Spacing 0.15 mm, Estimated Radiographic Magnification Factor 1.25
    ProjectionDetectorOnly,  // DX: Imager Pixel Spacing 0.15 mm only (the rods lie magnified by 1.25 on the detector)
    Ultrasound,              // US: a Sequence of Ultrasound Regions with physical deltas 0.02 x 0.025 cm
};
std::string rodPhantomName(RodPhantomKind kind);

struct RodPhantom {
    std::string part10;              // the image as a Part 10 object
    double separationMm = 0;         // between the rod axes, in the patient
    double expectedMm = 0;           // what a correct measurement on this image reports
                                     // (the detector distance where no magnification is known)
    std::array<Point2, 2> centres;   // rod centres in image coordinates (column, row; corner origin)
    double pixelMm = 0;              // the larger calibrated pixel size
    double rodValue = 0, backgroundValue = 0;  // modality values (HU for CT)
    double rodRadiusMm = 0;
};

// `angleDegrees`: direction of the line through the rods, from the row direction.
RodPhantom makeRodPhantom(RodPhantomKind kind, double separationMm, double angleDegrees = 20.0);

}  // namespace lightbox::core
