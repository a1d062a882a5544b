#pragma once
// Applying a Grayscale Softcopy Presentation State to a viewport (PS3.4 N.2
// as far as the GPU slice pass and the viewport go): the state's VOI (window
// or VOI LUT) and Presentation LUT (shape or table) become the viewport's
// DisplayChain; its rotation and flip the slice view's transform; its
// displayed area the zoom and pan (SCALE TO FIT: the area fills the
// viewport; TRUE SIZE: the Presentation Pixel Spacing on the glass; MAGNIFY:
// the magnification ratio), centred on the area. Shutters (rectangular,
// circular, polygonal) and the graphic and text annotations of its layers
// (layer order, the layers' colours) are painted read-only over the image
// by the viewport, on the images the state names, through the same
// image -> screen mapping the measurement tools use.
//
// "Graphics only" keeps the viewport's own window (the user's windowing)
// and applies everything else. core's CPU renderer
// (PresentationStateRender.h) is the reference the tests compare against.
//
// The state's own Modality LUT overrides the image's: the volume holds the
// image's modality values, so the chain's rescale first turns them back
// into stored values (the image's Rescale Slope / Intercept inverted), then
// applies the state's Rescale, or - for a Modality LUT Sequence - the VOI
// stage becomes one table indexed by stored value (the state's VOI window
// or LUT composed with its Modality LUT). Without a VOI for the image the
// VOI stage is the identity over the Modality LUT's output range (PS3.4
// N.2.1.2), as core's CPU render does. An image whose own Modality LUT is a
// table cannot be inverted by a rescale: the VOI stage is then one table
// indexed by the image's modality value (the volume's), whose entries are
// the state's Modality LUT and VOI applied to the stored value the image's
// table maps there.
//
// The bitmap shutter (a 60xx overlay of the state or of the image, shut
// where its bits are set, in the Shutter Presentation Value - or, when the
// state gives one, its Shutter Presentation Color CIELab Value, the viewport
// being a colour display; geometric shutters likewise) and the
// overlays the state activates (Overlay Activation Layer: the state's
// bitmap for the group, else the image's) are painted with the shutters
// and annotations, each overlay with its layer's annotations in the
// layer's colour; bitmaps with no annotation between them are drawn as one
// composed image (one draw: each costs its screen area on a software GL).
// The image's overlays are read from its header when it is first drawn and
// kept with the applied state. VOI and displayed area are
// taken for the image on screen when the state is applied.

#include "lightbox/core/PresentationState.h"

#include <QRectF>
#include <QString>

#include <memory>

class QPainter;

namespace lightbox::viewer {

class Viewport;

enum class PresentationStateMode { Full, GraphicsOnly };

// The overlay bitmaps a state draws, per image, read when first needed.
struct PresentationStateBitmaps;

struct AppliedPresentationState {
    std::shared_ptr<const core::PresentationState> state;
    PresentationStateMode mode = PresentationStateMode::Full;
    std::shared_ptr<PresentationStateBitmaps> bitmaps;  // set by applyPresentationState
};

// "LABEL date by creator" for lists (DICOM date as YYYY-MM-DD).
QString presentationStateTitle(const core::PresentationState& ps);

// Applies `ps` to what the viewport shows (a plane of the series that holds
// the state's images). Returns false (and changes nothing) when the viewport
// shows no image the state references.
bool applyPresentationState(Viewport& viewport, std::shared_ptr<const core::PresentationState> ps,
                            PresentationStateMode mode = PresentationStateMode::Full);
// Back to the plain display: the series' default window and look, fitted.
void clearPresentationState(Viewport& viewport);

// The screen rectangle (widget pixels) the state's displayed area for the
// shown image covers; empty when there is none.
QRectF displayedAreaOnScreen(const Viewport& viewport, const core::PresentationState& ps);

// Shutters and annotations over the image (Viewport::paintGL calls it).
void paintPresentationState(QPainter& painter, const Viewport& viewport, const AppliedPresentationState& applied);

}  // namespace lightbox::viewer
