#pragma once
// Applying a Grayscale Softcopy Presentation State to one image on the CPU
// (PS3.4 N.2, the common presentation pipeline): Modality LUT, VOI LUT and
// Presentation LUT of the state, then the shutters, the displayed area, the
// rotation and flip, and - unless graphics are off - overlays, graphic and
// text annotations drawn layer by layer in the layers' recommended colours.

#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"

#include <optional>

namespace lightbox::core {

struct PresentationRenderOptions {
    int outputBits = 8;          // 8 or 16
    bool graphics = true;        // annotations, text and overlays; false: the pixel stages only
    bool displayedArea = true;   // crop to the displayed area (false: the whole image)
    bool shutters = true;
    // "Graphics only": keep this VOI instead of the state's (the user's own windowing).
    std::optional<VoiSelection> userVoi;
};

// Where things land: maps PIXEL-unit image coordinates (column,row; (0,0) is
// the top-left corner of the first pixel) and DISPLAY-unit fractions to the
// output image's coordinates.
// One output pixel per image pixel, except that a Presentation Pixel Aspect
// Ratio other than 1:1 stretches one axis (never shrinks) so pixels keep
// their displayed proportions.
struct DisplayMapping {
    int areaLeft = 0, areaTop = 0;    // 0-based image column / row of the displayed area's first pixel
    int areaWidth = 0, areaHeight = 0;
    int rotatedWidth = 0;             // the area's width after rotation, before stretching
    double scaleX = 1.0, scaleY = 1.0;  // output pixels per rotated area pixel
    int outputWidth = 0, outputHeight = 0;
    SpatialTransform spatial;
    Point2 fromImage(Point2 p) const;
    Point2 fromDisplay(Point2 p) const { return {p.x * outputWidth, p.y * outputHeight}; }
    static DisplayMapping make(const PresentationState& ps, const std::string& sopInstanceUid, int frame, int columns,
                               int rows, bool useDisplayedArea);
};

// `image` is the referenced image's data set, `frame` its decoded frame
// `frameNumber` (1-based). Throws Error(InvalidArgument) for colour images
// (GSPS applies to grayscale) and when the state does not reference the image.
DisplayImage renderWithPresentationState(const Frame& frame, const Dataset& image, const PresentationState& ps,
                                         int frameNumber, const PresentationRenderOptions& options = {});

}  // namespace lightbox::core
