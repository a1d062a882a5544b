#pragma once
// Turns one image of a series into a QImage through the DICOM grayscale
// pipeline (or the colour path), with the VOI a reading workstation shows
// first: the Enhanced object's frame window, the file's window, its VOI LUT,
// else the frame's min/max. The display's calibration LUT (P-value -> DDL,
// PS3.14), when given, is the last stage: the P-values are computed at 16
// bits and looked up, so the table sees its full input precision; colour
// samples go through it channel by channel, as through a monitor's LUT.

#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/Series.h"
#include "lightbox/render/DisplayChain.h"

#include <QImage>
#include <QString>

#include <optional>

namespace lightbox::viewer {

struct DisplayedImage {
    QImage image;           // Grayscale8 or RGB888: the DDLs sent to the screen
    QString voiDescription; // what window was applied
    QString error;          // non-empty when the image could not be shown
};

DisplayedImage renderSlice(const core::SliceRef& slice, std::optional<core::WindowLevel> window = std::nullopt,
                           const render::CalibrationTable& calibration = render::CalibrationTable::identity());

}  // namespace lightbox::viewer
