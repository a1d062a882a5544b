#pragma once
// Display shutters drawn with the shutter tools (AnnotationLayer.h) and
// those of an applied presentation state share one geometry and one
// painter: the annotations become core::Shutters exactly as Ctrl+S writes
// them (whole pixel indices, PS3.3 C.7.6.11), and what the viewport shows
// live is those Shutters painted, so the live display and the saved state
// cannot disagree.

#include "lightbox/core/PresentationState.h"
#include "lightbox/viewer/AnnotationLayer.h"

#include <QColor>
#include <QPointF>
#include <QRectF>

#include <functional>
#include <vector>

class QPainter;

namespace lightbox::viewer {

// The Display Shutter module of the shutter annotations (image targets;
// PIXEL coordinates): rectangles intersected into one, the last circle and
// the last polygon; the Shutter Presentation Value 0 (black).
core::Shutters shuttersOf(const std::vector<const Annotation*>& annotations);

// A shutter annotation's outline in image PIXEL coordinates, as the
// Shutters it becomes draw it (for picking and the outline on screen).
std::vector<core::Point2> shutterOutline(const Annotation& annotation);

// Fills what the rectangular, circular and polygonal shutters close over
// the widget rectangle `area` in `colour`; `toScreen` maps image PIXEL
// coordinates to widget coordinates. The bitmap shutter is not painted here.
void paintShutters(QPainter& painter, const std::function<QPointF(core::Point2)>& toScreen, const QRectF& area,
                   const core::Shutters& shutters, const QColor& colour);

}  // namespace lightbox::viewer
