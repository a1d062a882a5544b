#pragma once
// The measurement and annotation tools of one viewport: what the left button
// does while a tool is chosen, and the drawing of the annotations (QPainter
// over the GL image, after VTK's frame, in screen space: lines stay one
// crisp pixel wide and land where the image point is under any zoom, pan,
// rotation and flip, because every point goes through the slice view's own
// patient <-> screen mapping each frame).
//
// The annotations live in an AnnotationLayer shared by the viewports of a
// reading area (a viewport alone has one of its own).
//
// Keys this class takes (the defaults: ShortcutMap's "Measurements" group holds
// them, users remap them, and keyPress() asks the map what a key means):
//   Q  back to window/level (no tool)      S  select / move / edit handles
//   L  length     P  polyline     A  angle     B  Cobb angle
//   E  ellipse ROI     G  rectangle ROI     Y  polygon ROI     D  freehand ROI
//   X  point probe     N  text note         K  arrow
//   Shift+R rectangular, Shift+C circular, Shift+P polygonal display shutter
//   Delete / Backspace  delete the selected annotation
//   Enter  finish a polyline or polygon (a double click does too)
//   Esc  cancel the drawing in progress (otherwise the viewport resets its view:
//        one key is one action, "view.reset", and the drawing has it first)
//   Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo
//   Ctrl+S save the presentation state (ReadingArea's action)
// Mouse with a tool: length, arrow, ellipse and rectangle by dragging;
// polyline and polygon by clicks (double click or Enter ends); angle by
// three clicks (or a drag for the first arm, then a click); Cobb angle by
// two lines (four clicks); freehand by dragging; probe and text by a click.
// Shutters: rectangle by dragging its corners, circle by dragging from the
// centre to the rim, polygon by clicks (as the polygon ROI); outside them
// the image is black at once (ShutterShapes.h), on every image of the series.
// A press on a handle of an annotation edits it with any tool; with Select,
// a drag on an annotation moves it and a double click on a note edits its text.

#include "lightbox/viewer/AnnotationLayer.h"

#include <QObject>
#include <QPointF>

#include <functional>
#include <memory>
#include <optional>

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace lightbox::viewer {

class AnnotationMeasurer;
class Viewport;

class MeasurementTools : public QObject {
    Q_OBJECT
public:
    explicit MeasurementTools(Viewport* viewport);
    ~MeasurementTools() override;

    AnnotationLayer* layer() const { return layer_; }
    // Shares `layer` (not owned; nullptr: back to this viewport's own).
    void setLayer(AnnotationLayer* layer);

    // What the viewport shows now: an image (SOP Instance + frame) when the
    // plane is one of the series' images, else the MPR plane; nullopt for the
    // 3-D view or an empty viewport.
    std::optional<AnnotationTarget> currentTarget() const;

    // Screen (widget pixels) <-> annotation coordinates on the current view.
    QPointF toScreen(const AnnotationTarget& target, const core::Vec3& point) const;
    core::Vec3 fromScreen(const AnnotationTarget& target, QPointF screen) const;

    // The label an annotation would get here (recomputed after an edit).
    std::string measure(const Annotation& a);

    // The Text tool asks for the note with a dialog unless this is set (tests).
    void setTextPrompt(std::function<QString()> prompt) { textPrompt_ = std::move(prompt); }

    // Called by the viewport; true when the event was used here.
    bool mousePress(QMouseEvent* event);
    bool mouseMove(QMouseEvent* event);
    bool mouseRelease(QMouseEvent* event);
    bool mouseDoubleClick(QMouseEvent* event);
    bool keyPress(QKeyEvent* event);
    bool hasSomethingToPaint() const;
    void paint(QPainter& painter);

private:
    struct Edit {
        int id = 0;
        int handle = -1;  // -1: the whole annotation moves
        QPointF pressedAt;
        std::vector<core::Vec3> original;
        std::vector<core::Vec3> points;
        bool moved = false;
    };
    bool finishDrawing();
    void cancelDrawing();
    std::optional<std::pair<int, int>> handleAt(QPointF screen) const;  // annotation id, point index
    std::optional<int> annotationAt(QPointF screen) const;
    std::vector<QPointF> screenPoints(const Annotation& a) const;
    void paintAnnotation(QPainter& painter, const Annotation& a, bool selected) const;
    void paintShutterFill(QPainter& painter, const AnnotationTarget& target) const;

    Viewport* viewport_;
    AnnotationLayer* own_;
    AnnotationLayer* layer_;
    std::unique_ptr<AnnotationMeasurer> measurer_;
    std::optional<Annotation> drawing_;  // being drawn: its last point follows the mouse
    int fixedPoints_ = 0;                // click tools: points placed so far
    QPointF pressAt_;
    std::optional<Edit> edit_;
    std::function<QString()> textPrompt_;
};

}  // namespace lightbox::viewer
