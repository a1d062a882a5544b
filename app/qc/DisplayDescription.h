#pragma once
// A display named for people in the reader's language.

#include "lightbox/calibration/DisplayIdentity.h"

#include <QString>

namespace lightbox::qc {

// DisplayIdentity::describe() through the translator, for the GUI and the
// QC report: "EIZO RX660 (S/N 12345678) on DP-1"; the same words in English.
QString describeDisplay(const calibration::DisplayIdentity& display);

}  // namespace lightbox::qc
