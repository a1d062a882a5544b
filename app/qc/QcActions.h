#pragma once
// Entry points for the main window's Display QC menu.

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace lightbox::qc {

// Open the QC wizard / the QC history on the default history file (a message
// box says why when the history cannot be opened). openQcWizard returns the
// wizard (deleted when closed), or nullptr.
QWidget* openQcWizard(QWidget* parent);
void openQcHistory(QWidget* parent);

}  // namespace lightbox::qc
