#pragma once
// What an annotation measures, through core's measurement maths: the points
// in image coordinates with the image's calibration (its basis decided by
// core::Calibration), or, on an MPR plane, in the plane's pixel grid with
// its isotropic spacing in patient mm. The modality values for ROI
// statistics and the probe come from the image's own decoded frame (the
// Modality LUT applied by core: HU for CT), or from the plane's resliced
// modality values.

#include "lightbox/core/Dataset.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/Measurement.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/viewer/AnnotationLayer.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lightbox::viewer {

struct LoadedSeries;

// The outline of an ROI in the annotation's 2-D coordinates (ellipse and
// rectangle from their two box corners, polygon and freehand as drawn).
std::vector<core::Point2> roiOutline(MeasurementTool tool, const std::vector<core::Point2>& points);
bool isRoi(MeasurementTool tool);

class AnnotationMeasurer {
public:
    // The label of `a`: value, unit and calibration basis ("" for arrows).
    // `plane` is the slice a viewport shows (for MPR-plane annotations).
    std::string label(const Annotation& a, const LoadedSeries& series, const render::SliceImage* plane);

    // The annotation's points in 2-D: image coordinates for an image, the
    // plane's pixel coordinates (centre of the first pixel at 0.5,0.5) for an MPR plane.
    static std::vector<core::Point2> points2D(const Annotation& a, const render::SlicePlane* plane);

private:
    struct ImageData {
        core::Dataset header;
        core::Frame frame;
        core::ModalityTransform modality;
        std::string valueUnit;
    };
    const ImageData* image(const LoadedSeries& series, const AnnotationTarget& target);
    std::map<std::string, std::shared_ptr<ImageData>> cache_;  // by SOP Instance UID and frame
};

}  // namespace lightbox::viewer
