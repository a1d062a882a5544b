#pragma once
// Saving what a viewport shows as a Grayscale Softcopy Presentation State:
// every image of its series referenced, the window (VOI), inversion
// (presentation LUT shape), rotation and flip (spatial transformation), zoom
// and pan (displayed area, SCALE TO FIT; the whole image when all of it is
// on screen), and the measurements and notes
// drawn on the series' images as graphic and text annotations - each
// annotation item restricted to the image (and frame) it was drawn on, in
// layer MEASUREMENTS (graphics with their values as text) and ANNOTATIONS
// (notes and arrows), and the shutters drawn with the shutter tools on any
// of the series' images as the Display Shutter module (rectangular, circular,
// polygonal combined; black). core writes the object (PresentationStateWriter.h).
//
// A GSPS can only reference stored images. An annotation drawn on an MPR
// plane that coincides with a stored slice (the same orientation within half
// a degree, every point within half a slice of it) is written against that
// image, its points turned into the image's pixel coordinates; any other
// MPR annotation cannot be carried and is counted in
// `skippedPlaneAnnotations` (the reading area says so, and offers to save
// the plane as a derived image with a state of its own).

#include "lightbox/core/PresentationState.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/LoadedSeries.h"

#include <optional>
#include <string>
#include <vector>

namespace lightbox::viewer {

class Viewport;

struct SavedPresentationState {
    core::PresentationState state;
    std::string part10;  // the object's bytes
    int annotations = 0;  // annotations written
    int planeAnnotationsOnSlices = 0;  // of them, drawn on MPR planes that coincide with stored slices
    int skippedPlaneAnnotations = 0;   // on other MPR planes: not written
    int shutters = 0;  // display shutter shapes written (rectangle, circle, polygon)
};

// The MPR planes of `series` that carry annotations no stored slice can take.
std::vector<AnnotationTarget> planesWithoutImage(const LoadedSeries& series, const AnnotationLayer& layer);

// Each of those planes saved as a derived image (a new series of the study:
// derived CT for CT, else Secondary Capture; see PresentationStatePlaneImage
// in src/) and a presentation state referencing it with the plane's
// annotations in the image's pixel coordinates and `window`. Throws
// core::Error as presentationStateOf does.
struct SavedPlaneImage {
    std::string imagePart10;
    std::string imageSopInstanceUid;
    SavedPresentationState state;
};
std::vector<SavedPlaneImage> planeImagesOf(const LoadedSeries& series, const AnnotationLayer& layer, const core::WindowLevel& window);

// The annotation on the stored image its MPR plane coincides with (see
// above); nullopt when there is none. An image annotation is returned as is.
std::optional<Annotation> onStoredSlice(const Annotation& annotation, const LoadedSeries& series);

// Throws core::Error: InvalidArgument when the viewport shows no series, the
// 3-D view or an MPR plane that is none of the series' images (and whatever
// reading the series' headers throws).
SavedPresentationState presentationStateOf(const Viewport& viewport, const AnnotationLayer& layer,
                                           const std::string& description = {});

}  // namespace lightbox::viewer
