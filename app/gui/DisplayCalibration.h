#pragma once
// The reading view's display calibration, composed here because viewer may
// not use SQLite: each viewport gets the active P-value -> DDL LUT of the
// display its screen shows (from the QC history), and the status bar says
// plainly what is applied and that images reach the screen at 8 bits per
// channel (VTK renders into an RGBA8 framebuffer; there is no 10-bit path).

#include "lightbox/render/DisplayChain.h"

#include <QString>

class QLabel;
class QScreen;

namespace lightbox::viewer {
class ReadingArea;
}

namespace lightbox::app {

struct ScreenCalibration {
    render::CalibrationTable table;  // identity when the display was not calibrated here
    QString calibrated;              // "Calibrated: <display> (GSDF, LUT from <date>)" / "Not calibrated: ..."
    QString output;                  // "10-bit output: no (8 bits per channel)"
    QString statusLine() const;
};

// "10-bit output: yes (...)" / "10-bit output: no (why)": what the viewports'
// output path writes for `screen` (expected; the TG18-MP check measures it).
QString outputDepthLine(const QScreen* screen);

// The active LUT of `screen`'s display in the QC history at `historyPath`
// (a missing or unreadable history: not calibrated, and why).
ScreenCalibration lookUpScreenCalibration(const QScreen* screen, const QString& historyPath);

// Installs the provider (QC history at qc::defaultHistoryPath()) on `area`
// and keeps `label` showing what the viewports apply.
void installDisplayCalibration(viewer::ReadingArea* area, QLabel* label);

}  // namespace lightbox::app
