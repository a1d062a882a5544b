#pragma once
// An MPR plane written as a derived image, so that a presentation state can
// reference what was annotated on it (a GSPS references stored images only).
// A CT series gives a derived CT image (CT Image Storage, Image Type
// DERIVED\SECONDARY\REFORMATTED) with the plane's own Image Plane module in
// the series' Frame of Reference - measurements on it stay in patient mm and
// other systems can place it; any other modality gives a Secondary Capture
// image (its IOD has no Image Plane module) carrying the Pixel Spacing and
// the patient orientation of its rows and columns. Both are new instances of
// a new series of the same study, with the plane's modality values stored
// in 16 bits (Rescale Slope / Intercept), the viewport's window, and a
// Derivation Description naming the source series and the plane.

#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/viewer/LoadedSeries.h"

#include <string>

namespace lightbox::viewer {

struct PlaneImage {
    std::string part10;
    std::string sopClassUid, sopInstanceUid, seriesInstanceUid;
};

// Throws core::Error when the series' first file cannot be read (its patient
// and study attributes are copied) or the plane is empty.
PlaneImage derivedPlaneImage(const LoadedSeries& series, const render::SliceImage& slice, const core::WindowLevel& window,
                             const std::string& seriesInstanceUid, int seriesNumber, int instanceNumber);

}  // namespace lightbox::viewer
