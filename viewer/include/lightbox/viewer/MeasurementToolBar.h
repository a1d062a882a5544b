#pragma once
// The reading area's tool bar for measurements: one checkable button per
// tool (the viewports' keys in the tooltips), undo and redo of the shared
// annotation layer, and "Save presentation state" (Ctrl+S) when given.

#include <QToolBar>

namespace lightbox::viewer {

class AnnotationLayer;

QToolBar* createMeasurementToolBar(AnnotationLayer* layer, QAction* savePresentationState, QWidget* parent);

}  // namespace lightbox::viewer
