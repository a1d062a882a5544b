#include "lightbox/viewer/MeasurementToolBar.h"

#include "lightbox/viewer/AnnotationLayer.h"

#include <QAction>
#include <QActionGroup>
#include <QUndoStack>

namespace lightbox::viewer {

QToolBar* createMeasurementToolBar(AnnotationLayer* layer, QAction* savePresentationState, QWidget* parent) {
    auto* bar = new QToolBar(QToolBar::tr("Measurements"), parent);
    bar->setObjectName("measurementToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* group = new QActionGroup(bar);
    group->setExclusive(true);
    // The keys are the viewports' own (MeasurementTools.h): shown, not bound here.
    // Short button texts (the bar is wide); the full name and key in the tooltip.
    const struct {
        MeasurementTool tool;
        const char* key;
        QString text;
    } tools[] = {
        {MeasurementTool::None, "Q", QToolBar::tr("W/L")},
        {MeasurementTool::Select, "S", QToolBar::tr("Select")},
        {MeasurementTool::Length, "L", QToolBar::tr("Length")},
        {MeasurementTool::Polyline, "P", QToolBar::tr("Polyline")},
        {MeasurementTool::Angle, "A", QToolBar::tr("Angle")},
        {MeasurementTool::CobbAngle, "B", QToolBar::tr("Cobb")},
        {MeasurementTool::EllipseRoi, "E", QToolBar::tr("Ellipse")},
        {MeasurementTool::RectangleRoi, "G", QToolBar::tr("Rect")},
        {MeasurementTool::PolygonRoi, "Y", QToolBar::tr("Polygon")},
        {MeasurementTool::FreehandRoi, "D", QToolBar::tr("Freehand")},
        {MeasurementTool::Probe, "X", QToolBar::tr("Probe")},
        {MeasurementTool::Text, "N", QToolBar::tr("Text")},
        {MeasurementTool::Arrow, "K", QToolBar::tr("Arrow")},
    };
    for (const auto& [tool, key, text] : tools) {
        QAction* action = bar->addAction(text);
        action->setToolTip(QToolBar::tr("%1 (%2)").arg(measurementToolName(tool), QString::fromLatin1(key)));
        action->setCheckable(true);
        action->setChecked(layer->tool() == tool);
        action->setData(int(tool));
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, layer, [layer, tool = tool] { layer->setTool(tool); });
    }
    QObject::connect(layer, &AnnotationLayer::toolChanged, bar, [group](MeasurementTool tool) {
        for (QAction* a : group->actions())
            if (a->data().toInt() == int(tool)) a->setChecked(true);
    });
    bar->addSeparator();
    QAction* undo = layer->undoStack()->createUndoAction(bar, QToolBar::tr("Undo"));
    undo->setToolTip(QToolBar::tr("Undo (Ctrl+Z)"));
    QAction* redo = layer->undoStack()->createRedoAction(bar, QToolBar::tr("Redo"));
    redo->setToolTip(QToolBar::tr("Redo (Ctrl+Shift+Z)"));
    bar->addAction(undo);
    bar->addAction(redo);
    if (savePresentationState) {
        bar->addSeparator();
        bar->addAction(savePresentationState);
    }
    return bar;
}

}  // namespace lightbox::viewer
