#include "lightbox/viewer/MeasurementToolBar.h"

#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/ShortcutMap.h"

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
    // The keys are the viewports' own (asked of the shortcut map): shown in the tooltips, not bound here.
    // Short button texts (the bar is wide); the full name and key in the tooltip.
    const struct {
        MeasurementTool tool;
        const char* id;
        QString text;
    } tools[] = {
        {MeasurementTool::None, "measure.none", QToolBar::tr("W/L")},
        {MeasurementTool::Select, "measure.select", QToolBar::tr("Select")},
        {MeasurementTool::Length, "measure.length", QToolBar::tr("Length")},
        {MeasurementTool::Polyline, "measure.polyline", QToolBar::tr("Polyline")},
        {MeasurementTool::Angle, "measure.angle", QToolBar::tr("Angle")},
        {MeasurementTool::CobbAngle, "measure.cobb", QToolBar::tr("Cobb")},
        {MeasurementTool::EllipseRoi, "measure.ellipse", QToolBar::tr("Ellipse")},
        {MeasurementTool::RectangleRoi, "measure.rectangle", QToolBar::tr("Rect")},
        {MeasurementTool::PolygonRoi, "measure.polygon", QToolBar::tr("Polygon")},
        {MeasurementTool::FreehandRoi, "measure.freehand", QToolBar::tr("Freehand")},
        {MeasurementTool::Probe, "measure.probe", QToolBar::tr("Probe")},
        {MeasurementTool::Text, "measure.text", QToolBar::tr("Text")},
        {MeasurementTool::Arrow, "measure.arrow", QToolBar::tr("Arrow")},
        {MeasurementTool::RectangleShutter, "shutter.rectangle", QToolBar::tr("Rect shutter")},
        {MeasurementTool::CircleShutter, "shutter.circle", QToolBar::tr("Circle shutter")},
        {MeasurementTool::PolygonShutter, "shutter.polygon", QToolBar::tr("Poly shutter")},
    };
    // "Length (L)": the tooltip follows a remapped key.
    auto tip = [](QAction* action, const QString& title, const QString& id) {
        auto apply = [action, title, id] {
            const QString keys = shortcutText(ShortcutMap::global().keys(id));
            action->setToolTip(keys.isEmpty() ? title : QToolBar::tr("%1 (%2)").arg(title, keys));
        };
        apply();
        QObject::connect(&ShortcutMap::global(), &ShortcutMap::changed, action, apply);
    };
    for (const auto& [tool, id, text] : tools) {
        QAction* action = bar->addAction(text);
        tip(action, measurementToolName(tool), QString::fromLatin1(id));
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
    tip(undo, QToolBar::tr("Undo"), QStringLiteral("measure.undo"));
    QAction* redo = layer->undoStack()->createRedoAction(bar, QToolBar::tr("Redo"));
    tip(redo, QToolBar::tr("Redo"), QStringLiteral("measure.redo"));
    bar->addAction(undo);
    bar->addAction(redo);
    if (savePresentationState) {
        bar->addSeparator();
        bar->addAction(savePresentationState);
    }
    return bar;
}

}  // namespace lightbox::viewer
