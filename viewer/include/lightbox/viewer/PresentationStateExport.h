#pragma once
// Saving what a viewport shows as a Grayscale Softcopy Presentation State:
// every image of its series referenced, the window (VOI), inversion
// (presentation LUT shape), rotation and flip (spatial transformation), zoom
// and pan (displayed area, SCALE TO FIT; the whole image when all of it is
// on screen), and the measurements and notes
// drawn on the series' images as graphic and text annotations - each
// annotation item restricted to the image (and frame) it was drawn on, in
// layer MEASUREMENTS (graphics with their values as text) and ANNOTATIONS
// (notes and arrows). core writes the object (PresentationStateWriter.h).
//
// Annotations drawn on MPR planes are not images of the series and cannot be
// carried by a GSPS; they are counted in `skippedPlaneAnnotations`.

#include "lightbox/core/PresentationState.h"
#include "lightbox/viewer/AnnotationLayer.h"

#include <string>

namespace lightbox::viewer {

class Viewport;

struct SavedPresentationState {
    core::PresentationState state;
    std::string part10;  // the object's bytes
    int annotations = 0;  // annotations written
    int skippedPlaneAnnotations = 0;
};

// Throws core::Error: InvalidArgument when the viewport shows no series, the
// 3-D view or an MPR plane that is none of the series' images (and whatever
// reading the series' headers throws).
SavedPresentationState presentationStateOf(const Viewport& viewport, const AnnotationLayer& layer,
                                           const std::string& description = {});

}  // namespace lightbox::viewer
