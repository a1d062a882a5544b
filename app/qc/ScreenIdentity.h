#pragma once
// Which display a QScreen is (EDID from /sys/class/drm matched to what Qt
// reports), whether 10 bits per channel reach it, and the calibration LUT the
// render pass should apply on it. The render/viewer side asks
// activeLutForScreen() with the screen a viewport is on; app composes it.

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/DisplayIdentity.h"

#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QScreen;
QT_END_NAMESPACE

namespace lightbox::calibration {
class QcHistory;
}

namespace lightbox::qc {

calibration::DisplayIdentity screenIdentity(const QScreen* screen);

// The active P-value -> DDL LUT for the display this screen shows, from the
// QC history; nullopt when that display was never calibrated here.
std::optional<calibration::CalibrationLut> activeLutForScreen(const QScreen* screen,
                                                              const calibration::QcHistory& history);

// What a 10/10/10/2 OpenGL surface request on this screen actually got.
struct TenBitProbe {
    bool probed = false;     // false: no OpenGL here
    bool tenBit = false;
    int red = 0, green = 0, blue = 0, alpha = 0;
    QString renderer;
    QString summary() const;  // "10-bit output: yes" / "10-bit output: no (8/8/8 bits per channel)"
};
TenBitProbe probeTenBitOutput(QScreen* screen);

// Where the GUI keeps the QC history: $LIGHTBOX_QC_HISTORY, else the
// application data folder's qc-history.sqlite.
QString defaultHistoryPath();

}  // namespace lightbox::qc
