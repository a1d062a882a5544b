#pragma once
// The display calibration of the image views, composed here because viewer
// may not use SQLite: each viewport of the reading area (2-D, MPR and 3-D)
// and the plain image view get the active P-value -> DDL LUT of the display
// their screen shows (from the QC history), and the status bar says plainly
// what is applied and whether the output path is 10-bit (DisplayOutputPass).

#include "lightbox/render/DisplayChain.h"

#include <QString>

class QLabel;
class QScreen;

namespace lightbox::viewer {
class ImageView;
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

// Installs the provider (QC history at qc::defaultHistoryPath()) on the
// reading area and the plain image view (`images` may be null) and keeps
// `label` showing what they apply.
void installDisplayCalibration(viewer::ReadingArea* area, viewer::ImageView* images, QLabel* label);

}  // namespace lightbox::app
