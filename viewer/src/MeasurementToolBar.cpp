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
    const std::pair<MeasurementTool, const char*> tools[] = {
        {MeasurementTool::None, "Q"},         {MeasurementTool::Select, "S"},      {MeasurementTool::Length, "L"},
        {MeasurementTool::Polyline, "P"},     {MeasurementTool::Angle, "A"},       {MeasurementTool::CobbAngle, "B"},
        {MeasurementTool::EllipseRoi, "E"},   {MeasurementTool::RectangleRoi, "G"}, {MeasurementTool::PolygonRoi, "Y"},
        {MeasurementTool::FreehandRoi, "D"},  {MeasurementTool::Probe, "X"},       {MeasurementTool::Text, "N"},
        {MeasurementTool::Arrow, "K"},
    };
    for (const auto& [tool, key] : tools) {
        QAction* action = bar->addAction(measurementToolName(tool));
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
