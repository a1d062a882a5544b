#pragma once
// The overlay bitmaps an applied presentation state paints over the image:
// the bitmap shutter and the overlays it activates (PresentationStateApply.h
// says when). A plane comes from the state when the state carries that group,
// else from the image's header (read once per image and kept here); each
// plane is turned into a QImage once per image, frame and colour and drawn
// through the image -> screen transform with nearest-pixel sampling, so one
// overlay bit covers exactly one image pixel on screen.

#include "lightbox/core/Overlay.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/viewer/PresentationStateApply.h"

#include <QColor>
#include <QImage>
#include <QTransform>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

class QPainter;

namespace lightbox::viewer {

struct PresentationStateBitmaps {
    std::map<std::string, std::vector<core::OverlayPlane>> imageOverlays;  // by SOP Instance UID
    std::map<std::string, QImage> painted;                                 // by group, image, frame, colour
};

// The plane of `group` for the image `sopInstanceUid` (its file `imageFile`):
// the state's own, else the image's; nullptr when neither has it (or the
// image cannot be read: a state naming an overlay that is not there shows
// nothing for it).
const core::OverlayPlane* overlayPlaneFor(PresentationStateBitmaps& cache, const core::PresentationState& ps,
                                          std::uint16_t group, const std::string& sopInstanceUid,
                                          const std::filesystem::path& imageFile);

// Paints the set bits of `plane` for image frame `frame` (1-based) in
// `colour`; `imageToScreen` maps image PIXEL coordinates (column, row; the
// first pixel's top-left corner at 0,0) to widget coordinates.
void paintOverlayPlane(QPainter& painter, const QTransform& imageToScreen, const core::OverlayPlane& plane, int frame,
                       const QColor& colour, PresentationStateBitmaps& cache, const std::string& sopInstanceUid);

// Several planes painted as one image, later ones over earlier ones (what
// painting them one after the other shows, in one draw: on a software GL
// every drawn image costs its whole screen area). The composite is kept per
// image, frame, groups and colours.
struct ColouredPlane {
    const core::OverlayPlane* plane = nullptr;
    QColor colour;
};
void paintOverlayPlanes(QPainter& painter, const QTransform& imageToScreen, const std::vector<ColouredPlane>& planes, int frame,
                        PresentationStateBitmaps& cache, const std::string& sopInstanceUid);

}  // namespace lightbox::viewer
