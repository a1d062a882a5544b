#include "lightbox/viewer/MeasurementTools.h"

#include "AnnotationMeasure.h"
#include "ShutterShapes.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"

#include <QInputDialog>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace lightbox::viewer {

namespace {

constexpr double kHandleRadius = 6;   // widget pixels
constexpr double kPickDistance = 5;

// Points a finished annotation needs (click tools end themselves at this count).
std::size_t pointsNeeded(MeasurementTool tool) {
    switch (tool) {
        case MeasurementTool::Angle: return 3;
        case MeasurementTool::CobbAngle: return 4;
        case MeasurementTool::PolygonRoi:
        case MeasurementTool::PolygonShutter:
        case MeasurementTool::FreehandRoi: return 3;
        case MeasurementTool::Probe:
        case MeasurementTool::Text: return 1;
        default: return 2;
    }
}

bool isDragTool(MeasurementTool t) {
    return t == MeasurementTool::Length || t == MeasurementTool::Arrow || t == MeasurementTool::EllipseRoi ||
           t == MeasurementTool::RectangleRoi || t == MeasurementTool::RectangleShutter || t == MeasurementTool::CircleShutter;
}

bool isClickTool(MeasurementTool t) {
    return t == MeasurementTool::Polyline || t == MeasurementTool::PolygonRoi || t == MeasurementTool::Angle ||
           t == MeasurementTool::CobbAngle || t == MeasurementTool::PolygonShutter;
}

bool isOpenEnded(MeasurementTool t) {
    return t == MeasurementTool::Polyline || t == MeasurementTool::PolygonRoi || t == MeasurementTool::PolygonShutter;
}

double length(QPointF v) { return std::hypot(v.x(), v.y()); }

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF ab = b - a;
    const double l2 = QPointF::dotProduct(ab, ab);
    const double t = l2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / l2, 0.0, 1.0) : 0.0;
    return length(p - (a + t * ab));
}

// The tool an action of the shortcut map chooses.
std::optional<MeasurementTool> toolForAction(const QString& action) {
    static const std::pair<const char*, MeasurementTool> tools[] = {
        {"measure.none", MeasurementTool::None},          {"measure.select", MeasurementTool::Select},
        {"measure.length", MeasurementTool::Length},      {"measure.polyline", MeasurementTool::Polyline},
        {"measure.angle", MeasurementTool::Angle},        {"measure.cobb", MeasurementTool::CobbAngle},
        {"measure.ellipse", MeasurementTool::EllipseRoi}, {"measure.rectangle", MeasurementTool::RectangleRoi},
        {"measure.polygon", MeasurementTool::PolygonRoi}, {"measure.freehand", MeasurementTool::FreehandRoi},
        {"measure.probe", MeasurementTool::Probe},        {"measure.text", MeasurementTool::Text},
        {"measure.arrow", MeasurementTool::Arrow},
        {"shutter.rectangle", MeasurementTool::RectangleShutter}, {"shutter.circle", MeasurementTool::CircleShutter},
        {"shutter.polygon", MeasurementTool::PolygonShutter},
    };
    for (const auto& [id, tool] : tools)
        if (action == QLatin1String(id)) return tool;
    return std::nullopt;
}

}  // namespace

MeasurementTools::MeasurementTools(Viewport* viewport)
    : QObject(viewport), viewport_(viewport), own_(new AnnotationLayer(this)), layer_(nullptr),
      measurer_(std::make_unique<AnnotationMeasurer>()) {
    setLayer(nullptr);
}

MeasurementTools::~MeasurementTools() = default;

void MeasurementTools::setLayer(AnnotationLayer* layer) {
    if (layer_) disconnect(layer_, nullptr, this, nullptr);
    cancelDrawing();
    edit_.reset();
    layer_ = layer ? layer : own_;
    connect(layer_, &AnnotationLayer::changed, this, [this] { viewport_->update(); });
    connect(layer_, &AnnotationLayer::toolChanged, this, [this] {
        cancelDrawing();
        viewport_->update();
    });
    viewport_->update();
}

std::optional<AnnotationTarget> MeasurementTools::currentTarget() const {
    const LoadedSeries* s = viewport_->series();
    const render::SliceView* view = viewport_->sliceView();
    if (!s || viewport_->is3D() || !view || view->image().plane.width == 0) return std::nullopt;
    const render::SlicePlane& plane = view->image().plane;
    AnnotationTarget t;
    t.seriesInstanceUid = s->series.seriesInstanceUid;
    const core::Vec3 sliceNormal = core::normalized(core::cross(s->volume.axisX, s->volume.axisY));
    if (std::abs(core::dot(sliceNormal, plane.normal)) > 1 - 1e-6) {
        // The plane of an acquired image: it carries that image's annotations.
        const core::Vec3 ijk = s->reslicer->voxelIndex(plane.centre);
        const double k = std::round(ijk[2]);
        if (std::abs(ijk[2] - k) < 0.05 && k >= 0 && k < s->volume.slices && std::size_t(k) < s->series.slices.size()) {
            const core::SliceRef& ref = s->series.slices[std::size_t(k)];
            t.sopInstanceUid = ref.sopInstanceUid;
            t.frame = ref.frame;
            return t;
        }
    }
    t.planeNormal = plane.normal;
    t.planePoint = plane.centre;
    return t;
}

QPointF MeasurementTools::toScreen(const AnnotationTarget& target, const core::Vec3& point) const {
    const render::SliceView* view = viewport_->sliceView();
    const LoadedSeries* s = viewport_->series();
    if (!view || !s) return {};
    core::Vec3 patient = point;
    if (target.isImage()) {
        const double k = std::round(s->reslicer->voxelIndex(view->image().plane.centre)[2]);
        patient = s->volume.patientPoint(point[0] - 0.5, point[1] - 0.5, k);
    }
    const double dpr = viewport_->devicePixelRatioF();
    const int w = std::max(1, int(std::lround(viewport_->width() * dpr)));
    const int h = std::max(1, int(std::lround(viewport_->height() * dpr)));
    const auto xy = view->patientToScreen(patient, w, h);
    return {xy[0] / dpr, xy[1] / dpr};
}

core::Vec3 MeasurementTools::fromScreen(const AnnotationTarget& target, QPointF screen) const {
    const render::SliceView* view = viewport_->sliceView();
    const LoadedSeries* s = viewport_->series();
    if (!view || !s) return {};
    const double dpr = viewport_->devicePixelRatioF();
    const int w = std::max(1, int(std::lround(viewport_->width() * dpr)));
    const int h = std::max(1, int(std::lround(viewport_->height() * dpr)));
    const core::Vec3 patient = view->screenToPatient(screen.x() * dpr, screen.y() * dpr, w, h);
    if (!target.isImage()) return patient;
    const core::Vec3 ijk = s->reslicer->voxelIndex(patient);
    return {ijk[0] + 0.5, ijk[1] + 0.5, 0};
}

std::string MeasurementTools::measure(const Annotation& a) {
    const LoadedSeries* s = viewport_->series();
    const render::SliceView* view = viewport_->sliceView();
    if (!s || !view) return {};
    return measurer_->label(a, *s, &view->image());
}

std::vector<QPointF> MeasurementTools::screenPoints(const Annotation& a) const {
    std::vector<QPointF> out;
    out.reserve(a.points.size());
    for (const core::Vec3& p : a.points) out.push_back(toScreen(a.target, p));
    return out;
}

std::optional<std::pair<int, int>> MeasurementTools::handleAt(QPointF screen) const {
    const auto target = currentTarget();
    if (!target) return std::nullopt;
    for (const Annotation* a : layer_->on(*target)) {
        if (a->tool == MeasurementTool::FreehandRoi) continue;  // moved whole, not point by point
        const std::vector<QPointF> pts = screenPoints(*a);
        for (std::size_t i = 0; i < pts.size(); ++i)
            if (length(pts[i] - screen) <= kHandleRadius) return std::pair{a->id, int(i)};
    }
    return std::nullopt;
}

std::optional<int> MeasurementTools::annotationAt(QPointF screen) const {
    const auto target = currentTarget();
    if (!target) return std::nullopt;
    const auto candidates = layer_->on(*target);
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {  // topmost first
        const Annotation& a = **it;
        std::vector<QPointF> pts = screenPoints(a);
        if (isShutter(a.tool)) {
            // On its edge only: the open inside is where the other annotations are.
            pts.clear();
            for (const core::Point2& p : shutterOutline(a)) pts.push_back(toScreen(a.target, {p.x, p.y, 0}));
            if (pts.empty()) continue;
            pts.push_back(pts.front());
        } else if (isRoi(a.tool)) {
            const render::SlicePlane* plane = &viewport_->sliceView()->image().plane;
            pts.clear();
            for (const core::Point2& p : roiOutline(a.tool, AnnotationMeasurer::points2D(a, plane)))
                pts.push_back(toScreen(a.target, a.target.isImage() ? core::Vec3{p.x, p.y, 0} : plane->pixelToPatient(p.x - 0.5, p.y - 0.5)));
            QPolygonF polygon;
            for (const QPointF& p : pts) polygon << p;
            if (polygon.containsPoint(screen, Qt::OddEvenFill)) return a.id;
            pts.push_back(pts.front());
        }
        if (pts.size() == 1 && length(pts[0] - screen) <= kPickDistance * 2) return a.id;
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
            if (a.tool == MeasurementTool::CobbAngle && i == 1) continue;  // two separate lines
            if (distanceToSegment(screen, pts[i], pts[i + 1]) <= kPickDistance) return a.id;
        }
    }
    return std::nullopt;
}

bool MeasurementTools::mousePress(QMouseEvent* event) {
    const MeasurementTool tool = layer_->tool();
    if (tool == MeasurementTool::None) return false;
    if (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)) return false;  // scroll, pick
    const QPointF pos = event->position();
    if (event->button() == Qt::RightButton && drawing_ && isOpenEnded(drawing_->tool)) {
        drawing_->points.resize(std::size_t(fixedPoints_));
        finishDrawing();
        return true;
    }
    if (event->button() != Qt::LeftButton) return false;
    const auto target = currentTarget();
    if (!target) return false;
    pressAt_ = pos;

    if (drawing_ && !drawing_->target.sameAs(*target)) cancelDrawing();  // scrolled away meanwhile
    if (!drawing_ && isShutter(tool) && !target->isImage() && !handleAt(pos)) return true;  // a shutter belongs to stored images
    if (drawing_) {  // the next click of a click tool
        drawing_->points[std::size_t(fixedPoints_)] = fromScreen(*target, pos);
        ++fixedPoints_;
        if (!isOpenEnded(drawing_->tool) && std::size_t(fixedPoints_) >= pointsNeeded(drawing_->tool)) finishDrawing();
        else drawing_->points.push_back(fromScreen(*target, pos));
        viewport_->update();
        return true;
    }
    if (auto h = handleAt(pos)) {
        const Annotation* a = layer_->find(h->first);
        edit_ = Edit{a->id, h->second, pos, a->points, a->points, false};
        layer_->select(a->id);
        return true;
    }
    if (tool == MeasurementTool::Select) {
        const auto id = annotationAt(pos);
        layer_->select(id);
        if (id) {
            const Annotation* a = layer_->find(*id);
            edit_ = Edit{a->id, -1, pos, a->points, a->points, false};
        }
        return true;
    }

    Annotation a;
    a.tool = tool;
    a.target = *target;
    const core::Vec3 p = fromScreen(*target, pos);
    if (tool == MeasurementTool::Probe || tool == MeasurementTool::Text) {
        a.points = {p};
        if (tool == MeasurementTool::Text) {
            const QString note = textPrompt_ ? textPrompt_()
                                             : QInputDialog::getText(viewport_, tr("Text annotation"), tr("Text:"));
            if (note.trimmed().isEmpty()) return true;
            a.text = note.trimmed().toStdString();
        }
        a.label = measure(a);
        layer_->select(layer_->add(std::move(a)));
        return true;
    }
    a.points = tool == MeasurementTool::FreehandRoi ? std::vector<core::Vec3>{p} : std::vector<core::Vec3>{p, p};
    drawing_ = std::move(a);
    fixedPoints_ = 1;
    viewport_->update();
    return true;
}

bool MeasurementTools::mouseMove(QMouseEvent* event) {
    if (event->buttons() & (Qt::RightButton | Qt::MiddleButton)) return false;  // zoom and pan go on while drawing
    const QPointF pos = event->position();
    if (edit_) {
        const Annotation* a = layer_->find(edit_->id);
        if (!a) {
            edit_.reset();
            return false;
        }
        if (edit_->handle >= 0) {
            edit_->points[std::size_t(edit_->handle)] = fromScreen(a->target, pos);
        } else {
            const QPointF delta = pos - edit_->pressedAt;
            for (std::size_t i = 0; i < edit_->original.size(); ++i)
                edit_->points[i] = fromScreen(a->target, toScreen(a->target, edit_->original[i]) + delta);
        }
        edit_->moved = true;
        viewport_->update();
        return true;
    }
    if (!drawing_) return false;
    if (drawing_->tool == MeasurementTool::FreehandRoi) {
        if (!(event->buttons() & Qt::LeftButton)) return true;
        if (length(toScreen(drawing_->target, drawing_->points.back()) - pos) >= 2)
            drawing_->points.push_back(fromScreen(drawing_->target, pos));
    } else {
        drawing_->points.back() = fromScreen(drawing_->target, pos);
    }
    viewport_->update();
    return true;
}

bool MeasurementTools::mouseRelease(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return false;
    const QPointF pos = event->position();
    if (edit_) {
        const Edit e = *edit_;
        edit_.reset();
        if (e.moved) {
            if (const Annotation* a = layer_->find(e.id)) {
                Annotation edited = *a;
                edited.points = e.points;
                const std::string label = measure(edited);
                layer_->modify(e.id, e.points, edited.text, label);
            }
        }
        viewport_->update();
        return true;
    }
    if (!drawing_) return false;
    const bool dragged = length(pos - pressAt_) >= 3;
    const MeasurementTool tool = drawing_->tool;
    if (isDragTool(tool)) {
        if (!dragged) cancelDrawing();
        else {
            drawing_->points[1] = fromScreen(drawing_->target, pos);
            finishDrawing();
        }
    } else if (tool == MeasurementTool::FreehandRoi) {
        if (drawing_->points.size() >= pointsNeeded(tool)) finishDrawing();
        else cancelDrawing();
    } else if (isClickTool(tool) && fixedPoints_ == 1 && dragged) {
        // The first arm drawn by dragging: its end is placed here.
        drawing_->points[1] = fromScreen(drawing_->target, pos);
        fixedPoints_ = 2;
        if (!isOpenEnded(tool) && std::size_t(fixedPoints_) >= pointsNeeded(tool)) finishDrawing();
        else drawing_->points.push_back(drawing_->points[1]);
    }
    viewport_->update();
    return true;
}

bool MeasurementTools::mouseDoubleClick(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && drawing_ && isOpenEnded(drawing_->tool)) {
        // The double click's point is the last one (unless it repeats the one before).
        const core::Vec3 p = fromScreen(drawing_->target, event->position());
        drawing_->points.resize(std::size_t(fixedPoints_));
        if (length(toScreen(drawing_->target, drawing_->points.back()) - event->position()) >= 2) drawing_->points.push_back(p);
        finishDrawing();
        viewport_->update();
        return true;
    }
    if (event->button() == Qt::LeftButton && layer_->tool() == MeasurementTool::Select && !drawing_) {
        // A double click on a note edits its text.
        if (const auto id = annotationAt(event->position()); id && layer_->find(*id)->tool == MeasurementTool::Text) {
            edit_.reset();
            const Annotation a = *layer_->find(*id);
            const QString note = textPrompt_ ? textPrompt_()
                                             : QInputDialog::getText(viewport_, tr("Text annotation"), tr("Text:"), QLineEdit::Normal,
                                                                     QString::fromStdString(a.text));
            if (!note.trimmed().isEmpty() && note.trimmed().toStdString() != a.text)
                layer_->modify(a.id, a.points, note.trimmed().toStdString(), note.trimmed().toStdString());
            return true;
        }
    }
    return mousePress(event);
}

bool MeasurementTools::finishDrawing() {
    if (!drawing_) return false;
    Annotation a = std::move(*drawing_);
    drawing_.reset();
    fixedPoints_ = 0;
    if (a.points.size() < pointsNeeded(a.tool)) return false;
    if ((a.tool == MeasurementTool::EllipseRoi || a.tool == MeasurementTool::RectangleRoi || a.tool == MeasurementTool::RectangleShutter) &&
        (std::abs(a.points[0][0] - a.points[1][0]) < 1e-9 || std::abs(a.points[0][1] - a.points[1][1]) < 1e-9) &&
        a.target.isImage())
        return false;  // no area
    if (a.tool == MeasurementTool::CircleShutter && std::hypot(a.points[1][0] - a.points[0][0], a.points[1][1] - a.points[0][1]) < 0.5)
        return false;
    a.label = measure(a);
    if (isShutter(a.tool)) {
        // One shutter of each shape per series: the new one replaces the old, in one undo step.
        std::vector<int> replaced;
        for (const Annotation& old : layer_->annotations())
            if (old.tool == a.tool && old.target.seriesInstanceUid == a.target.seriesInstanceUid) replaced.push_back(old.id);
        layer_->undoStack()->beginMacro(measurementToolName(a.tool));
        for (int id : replaced) layer_->remove(id);
        const int id = layer_->add(std::move(a));
        layer_->undoStack()->endMacro();
        layer_->select(id);
        return true;
    }
    layer_->select(layer_->add(std::move(a)));
    return true;
}

void MeasurementTools::cancelDrawing() {
    drawing_.reset();
    fixedPoints_ = 0;
}

bool MeasurementTools::keyPress(QKeyEvent* event) {
    // The keys live in the shortcut map (user-configurable); here only what the actions do.
    const QString action = ShortcutMap::global().actionFor(event);
    if (action.isEmpty()) return false;
    if (action == QLatin1String("measure.undo")) {
        layer_->undoStack()->undo();
        return true;
    }
    if (action == QLatin1String("measure.redo")) {
        layer_->undoStack()->redo();
        return true;
    }
    if (action == QLatin1String("measure.delete") && layer_->selected()) {
        layer_->remove(*layer_->selected());
        return true;
    }
    if (action == QLatin1String("view.reset") && (drawing_ || edit_)) {  // Esc: the drawing first, the view after
        cancelDrawing();
        edit_.reset();
        viewport_->update();
        return true;
    }
    if (action == QLatin1String("measure.finish") && drawing_ && isOpenEnded(drawing_->tool)) {
        drawing_->points.resize(std::size_t(fixedPoints_));
        finishDrawing();
        viewport_->update();
        return true;
    }
    if (auto tool = toolForAction(action)) {
        layer_->setTool(*tool);
        return true;
    }
    return false;
}

bool MeasurementTools::hasSomethingToPaint() const {
    if (drawing_) return true;
    const auto target = currentTarget();
    return target && !layer_->on(*target).empty();
}

void MeasurementTools::paint(QPainter& painter) {
    const auto target = currentTarget();
    if (!target) return;
    paintShutterFill(painter, *target);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Annotation* a : layer_->on(*target)) {
        if (edit_ && edit_->id == a->id) {
            Annotation moving = *a;
            moving.points = edit_->points;
            paintAnnotation(painter, moving, true);
        } else {
            paintAnnotation(painter, *a, layer_->selected() == a->id);
        }
    }
    if (drawing_ && drawing_->target.sameAs(*target)) {
        Annotation preview = *drawing_;
        // Live values for the cheap ones; ROI statistics appear on release.
        if (!isRoi(preview.tool) && preview.points.size() >= pointsNeeded(preview.tool)) preview.label = measure(preview);
        paintAnnotation(painter, preview, true);
    }
}

void MeasurementTools::paintShutterFill(QPainter& painter, const AnnotationTarget& target) const {
    if (!target.isImage()) return;
    // The shutters as they are now: an edit or a drawing in progress shows live.
    std::vector<Annotation> shown;
    for (const Annotation* a : layer_->on(target)) {
        if (!isShutter(a->tool)) continue;
        if (drawing_ && drawing_->tool == a->tool && drawing_->target.seriesInstanceUid == a->target.seriesInstanceUid) continue;  // replaced
        shown.push_back(*a);
        if (edit_ && edit_->id == a->id) shown.back().points = edit_->points;
    }
    if (drawing_ && isShutter(drawing_->tool) && drawing_->target.sameAs(target)) shown.push_back(*drawing_);
    if (shown.empty()) return;
    std::vector<const Annotation*> pointers;
    for (const Annotation& a : shown) pointers.push_back(&a);
    const core::Shutters shutters = shuttersOf(pointers);
    const float value = float(shutters.presentationValue / 65535.0);
    paintShutters(
        painter, [&](core::Point2 p) { return toScreen(target, {p.x, p.y, 0}); }, QRectF(viewport_->rect()), shutters,
        QColor::fromRgbF(value, value, value));
}

void MeasurementTools::paintAnnotation(QPainter& painter, const Annotation& a, bool selected) const {
    const QColor colour = selected ? QColor(80, 200, 255) : QColor(255, 215, 0);
    QPen pen(colour, 1.5);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    const std::vector<QPointF> pts = screenPoints(a);
    if (pts.empty()) return;
    QPointF labelAt = pts.back();
    auto polyline = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i + 1 < to && i + 1 < pts.size(); ++i) painter.drawLine(pts[i], pts[i + 1]);
    };
    switch (a.tool) {
        case MeasurementTool::Length:
        case MeasurementTool::Polyline:
        case MeasurementTool::Angle: polyline(0, pts.size()); break;
        case MeasurementTool::CobbAngle:
            polyline(0, 2);
            polyline(2, 4);
            break;
        case MeasurementTool::EllipseRoi:
        case MeasurementTool::RectangleRoi:
        case MeasurementTool::PolygonRoi:
        case MeasurementTool::FreehandRoi: {
            const render::SlicePlane* plane = &viewport_->sliceView()->image().plane;
            QPolygonF outline;
            for (const core::Point2& p : roiOutline(a.tool, AnnotationMeasurer::points2D(a, plane)))
                outline << toScreen(a.target, a.target.isImage() ? core::Vec3{p.x, p.y, 0} : plane->pixelToPatient(p.x - 0.5, p.y - 0.5));
            painter.drawPolygon(outline);
            const QRectF box = outline.boundingRect();
            labelAt = {box.right() + 4, box.top()};
            break;
        }
        case MeasurementTool::Probe:
            painter.drawLine(pts[0] + QPointF(-5, 0), pts[0] + QPointF(5, 0));
            painter.drawLine(pts[0] + QPointF(0, -5), pts[0] + QPointF(0, 5));
            break;
        case MeasurementTool::Text:
            painter.drawEllipse(pts[0], 2, 2);
            break;
        case MeasurementTool::Arrow:
            if (pts.size() >= 2) {
                // Tip at the first point (where the drag began).
                painter.drawLine(pts[1], pts[0]);
                const QPointF d = pts[1] - pts[0];
                const double l = std::max(1e-9, length(d));
                const QPointF u = d / l, n(-u.y(), u.x());
                painter.drawLine(pts[0], pts[0] + 10 * u + 5 * n);
                painter.drawLine(pts[0], pts[0] + 10 * u - 5 * n);
            }
            break;
        case MeasurementTool::RectangleShutter:
        case MeasurementTool::CircleShutter:
        case MeasurementTool::PolygonShutter: {
            // Its edge: while a shutter tool or Select is chosen, or when selected.
            const MeasurementTool tool = layer_->tool();
            if (!selected && !isShutter(tool) && tool != MeasurementTool::Select) return;
            QPen dashed = pen;
            dashed.setStyle(Qt::DashLine);
            painter.setPen(dashed);
            QPolygonF outline;
            for (const core::Point2& p : shutterOutline(a)) outline << toScreen(a.target, {p.x, p.y, 0});
            painter.drawPolygon(outline);
            painter.setPen(pen);
            break;
        }
        case MeasurementTool::None:
        case MeasurementTool::Select: break;
    }
    if (selected && a.tool != MeasurementTool::FreehandRoi)
        for (const QPointF& p : pts) painter.drawRect(QRectF(p - QPointF(3, 3), QSizeF(6, 6)));
    if (a.label.empty()) return;
    // The label: outlined so that it reads on any gray.
    const QString text = QString::fromStdString(a.label);
    QFont font = painter.font();
    font.setPointSizeF(9);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const QStringList lines = text.split('\n');
    double textWidth = 0;
    for (const QString& line : lines) textWidth = std::max(textWidth, metrics.horizontalAdvance(line));
    const double textHeight = metrics.lineSpacing() * double(lines.size());
    // Beside the anchor, kept inside the viewport (left of it near the right edge).
    QPointF at = labelAt + QPointF(6, 4);
    if (at.x() + textWidth > viewport_->width() - 2) at.setX(labelAt.x() - 6 - textWidth);
    at.setX(std::clamp(at.x(), 2.0, std::max(2.0, viewport_->width() - 2 - textWidth)));
    at.setY(std::clamp(at.y(), 2.0, std::max(2.0, viewport_->height() - 2 - textHeight)));
    QPainterPath path;
    double y = at.y() + metrics.ascent();
    for (const QString& line : lines) {
        path.addText(QPointF(at.x(), y), font, line);
        y += metrics.lineSpacing();
    }
    painter.strokePath(path, QPen(QColor(0, 0, 0, 200), 3));
    painter.fillPath(path, colour);
}

}  // namespace lightbox::viewer
