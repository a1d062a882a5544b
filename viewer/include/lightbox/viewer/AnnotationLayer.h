#pragma once
// The measurements and annotations of a reading session: one model shared by
// every viewport of a reading area, so that what is drawn on an image shows
// wherever that image (SOP Instance + frame) is on screen, and what is drawn
// on an MPR plane shows on every viewport showing that plane. Every change
// goes through the QUndoStack (Ctrl+Z / Ctrl+Shift+Z in the viewports).
//
// Coordinates depend on what an annotation is attached to:
//  - an image: DICOM image coordinates as core::Point2 and GSPS PIXEL units
//    (column, row; the top-left pixel's centre at 0.5,0.5), in x and y of
//    each point (z is 0);
//  - an MPR plane: patient coordinates (LPS, mm); measured in patient mm.
// The label (the measured value with its unit and calibration basis) is
// computed by the viewport that draws or edits the annotation
// (MeasurementTools) and stored with it, so every viewport shows the same text.

#include "lightbox/core/ImageGeometry.h"

#include <QObject>

#include <optional>
#include <string>
#include <vector>

class QUndoStack;

namespace lightbox::viewer {

enum class MeasurementTool {
    None,       // the viewport's own mouse: left drag window/level
    Select,     // select, move, drag handles, Delete
    Length,
    Polyline,
    Angle,
    CobbAngle,
    EllipseRoi,
    RectangleRoi,
    PolygonRoi,
    FreehandRoi,
    Probe,
    Text,
    Arrow,
    // Display shutters (PS3.3 C.7.6.11): what lies outside the shape is shown
    // in the Shutter Presentation Value (black). A shutter belongs to its
    // series' images (a presentation state has one Display Shutter module
    // for all the images it references): drawn on one image, it shows on
    // every image of the series; one shape of each kind (a new one replaces
    // the old), the shapes combined (only their intersection stays open).
    RectangleShutter,
    CircleShutter,
    PolygonShutter,
};
bool isShutter(MeasurementTool tool);
QString measurementToolName(MeasurementTool tool);  // translated, for buttons and tooltips

// What an annotation belongs to.
struct AnnotationTarget {
    std::string seriesInstanceUid;
    // An image: its SOP Instance UID and frame (0-based; 0 for single-frame objects).
    std::string sopInstanceUid;
    int frame = 0;
    // An MPR plane (sopInstanceUid empty): its unit normal and a point on it.
    core::Vec3 planeNormal{0, 0, 1};
    core::Vec3 planePoint{0, 0, 0};

    bool isImage() const { return !sopInstanceUid.empty(); }
    // Same image, or the same plane (parallel normals, within `toleranceMm` along the normal).
    bool sameAs(const AnnotationTarget& other, double toleranceMm = 0.01) const;
};

struct Annotation {
    int id = 0;
    MeasurementTool tool = MeasurementTool::Length;
    AnnotationTarget target;
    std::vector<core::Vec3> points;  // see the header comment for their space
    std::string text;                // the Text tool's note
    std::string label;               // "12.3 mm", "mean 40.1 HU ..." (lines separated by '\n')
};

class AnnotationLayer : public QObject {
    Q_OBJECT
public:
    explicit AnnotationLayer(QObject* parent = nullptr);
    ~AnnotationLayer() override;

    const std::vector<Annotation>& annotations() const { return annotations_; }
    const Annotation* find(int id) const;
    // The annotations shown on `target`: its own, and for an image the
    // shutters of its series.
    std::vector<const Annotation*> on(const AnnotationTarget& target) const;
    QUndoStack* undoStack() const { return undo_; }

    // Undoable edits. add() gives the annotation a new id and returns it.
    int add(Annotation annotation);
    void remove(int id);
    // Replaces points, text and label of an existing annotation (an edit or a move).
    void modify(int id, std::vector<core::Vec3> points, std::string text, std::string label);
    // Forgets everything (a new study); not undoable.
    void clear();

    // The tool the viewports' left button uses (shared: one toolbar).
    MeasurementTool tool() const { return tool_; }
    void setTool(MeasurementTool tool);

    std::optional<int> selected() const { return selected_; }
    void select(std::optional<int> id);

signals:
    void changed();
    void toolChanged(lightbox::viewer::MeasurementTool tool);

private:
    friend class AnnotationCommand;
    void insertAt(std::size_t index, const Annotation& annotation);
    void eraseId(int id);
    void replace(const Annotation& annotation);
    std::size_t indexOf(int id) const;

    std::vector<Annotation> annotations_;
    QUndoStack* undo_ = nullptr;
    int nextId_ = 1;
    MeasurementTool tool_ = MeasurementTool::None;
    std::optional<int> selected_;
};

}  // namespace lightbox::viewer
