#include "lightbox/viewer/AnnotationLayer.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

#include <cmath>

namespace lightbox::viewer {

QString measurementToolName(MeasurementTool tool) {
    // The context spelled out in each call: lupdate reads only literals.
    switch (tool) {
        case MeasurementTool::None: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Window/level");
        case MeasurementTool::Select: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Select and edit");
        case MeasurementTool::Length: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Length");
        case MeasurementTool::Polyline: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Polyline");
        case MeasurementTool::Angle: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Angle");
        case MeasurementTool::CobbAngle: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Cobb angle");
        case MeasurementTool::EllipseRoi: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Ellipse ROI");
        case MeasurementTool::RectangleRoi: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Rectangle ROI");
        case MeasurementTool::PolygonRoi: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Polygon ROI");
        case MeasurementTool::FreehandRoi: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Freehand ROI");
        case MeasurementTool::Probe: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Point probe");
        case MeasurementTool::Text: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Text");
        case MeasurementTool::Arrow: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Arrow");
        case MeasurementTool::RectangleShutter: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Rectangular shutter");
        case MeasurementTool::CircleShutter: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Circular shutter");
        case MeasurementTool::PolygonShutter: return QCoreApplication::translate("lightbox::viewer::MeasurementTool", "Polygonal shutter");
    }
    return {};
}

bool isShutter(MeasurementTool tool) {
    return tool == MeasurementTool::RectangleShutter || tool == MeasurementTool::CircleShutter || tool == MeasurementTool::PolygonShutter;
}

bool AnnotationTarget::sameAs(const AnnotationTarget& other, double toleranceMm) const {
    if (seriesInstanceUid != other.seriesInstanceUid || isImage() != other.isImage()) return false;
    if (isImage()) return sopInstanceUid == other.sopInstanceUid && frame == other.frame;
    if (std::abs(core::dot(planeNormal, other.planeNormal)) < 1 - 1e-6) return false;
    return std::abs(core::dot(core::operator-(planePoint, other.planePoint), planeNormal)) <= toleranceMm;
}

// One undoable change: the layer's content before and after (an annotation
// present or absent); undo and redo swap them.
class AnnotationCommand : public QUndoCommand {
public:
    AnnotationCommand(AnnotationLayer* layer, std::optional<Annotation> before, std::optional<Annotation> after,
                      std::size_t index, const QString& text)
        : QUndoCommand(text), layer_(layer), before_(std::move(before)), after_(std::move(after)), index_(index) {}
    void redo() override { apply(before_, after_); }
    void undo() override { apply(after_, before_); }

private:
    void apply(const std::optional<Annotation>& from, const std::optional<Annotation>& to) {
        if (from && to) layer_->replace(*to);
        else if (from) layer_->eraseId(from->id);
        else if (to) layer_->insertAt(index_, *to);
        emit layer_->changed();
    }
    AnnotationLayer* layer_;
    std::optional<Annotation> before_, after_;
    std::size_t index_;
};

AnnotationLayer::AnnotationLayer(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {}

AnnotationLayer::~AnnotationLayer() = default;

std::size_t AnnotationLayer::indexOf(int id) const {
    for (std::size_t i = 0; i < annotations_.size(); ++i)
        if (annotations_[i].id == id) return i;
    return annotations_.size();
}

const Annotation* AnnotationLayer::find(int id) const {
    const std::size_t i = indexOf(id);
    return i < annotations_.size() ? &annotations_[i] : nullptr;
}

std::vector<const Annotation*> AnnotationLayer::on(const AnnotationTarget& target) const {
    std::vector<const Annotation*> out;
    for (const Annotation& a : annotations_)
        if (a.target.sameAs(target) ||
            (isShutter(a.tool) && target.isImage() && a.target.isImage() && a.target.seriesInstanceUid == target.seriesInstanceUid))
            out.push_back(&a);
    return out;
}

int AnnotationLayer::add(Annotation annotation) {
    annotation.id = nextId_++;
    const int id = annotation.id;
    const QString what = tr("Add %1").arg(measurementToolName(annotation.tool));
    undo_->push(new AnnotationCommand(this, std::nullopt, std::move(annotation), annotations_.size(), what));
    return id;
}

void AnnotationLayer::remove(int id) {
    const std::size_t i = indexOf(id);
    if (i >= annotations_.size()) return;
    const QString what = tr("Delete %1").arg(measurementToolName(annotations_[i].tool));
    undo_->push(new AnnotationCommand(this, annotations_[i], std::nullopt, i, what));
}

void AnnotationLayer::modify(int id, std::vector<core::Vec3> points, std::string text, std::string label) {
    const std::size_t i = indexOf(id);
    if (i >= annotations_.size()) return;
    Annotation after = annotations_[i];
    after.points = std::move(points);
    after.text = std::move(text);
    after.label = std::move(label);
    const QString what = tr("Edit %1").arg(measurementToolName(after.tool));
    undo_->push(new AnnotationCommand(this, annotations_[i], std::move(after), i, what));
}

void AnnotationLayer::clear() {
    undo_->clear();
    annotations_.clear();
    selected_.reset();
    emit changed();
}

void AnnotationLayer::setTool(MeasurementTool tool) {
    if (tool == tool_) return;
    tool_ = tool;
    emit toolChanged(tool);
}

void AnnotationLayer::select(std::optional<int> id) {
    if (id == selected_) return;
    selected_ = id;
    emit changed();
}

void AnnotationLayer::insertAt(std::size_t index, const Annotation& annotation) {
    annotations_.insert(annotations_.begin() + std::ptrdiff_t(std::min(index, annotations_.size())), annotation);
}

void AnnotationLayer::eraseId(int id) {
    const std::size_t i = indexOf(id);
    if (i < annotations_.size()) annotations_.erase(annotations_.begin() + std::ptrdiff_t(i));
    if (selected_ == id) selected_.reset();
}

void AnnotationLayer::replace(const Annotation& annotation) {
    const std::size_t i = indexOf(annotation.id);
    if (i < annotations_.size()) annotations_[i] = annotation;
}

}  // namespace lightbox::viewer
