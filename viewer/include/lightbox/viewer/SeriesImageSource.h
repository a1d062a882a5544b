#pragma once
// Turns one image of a series into a QImage through the DICOM grayscale
// pipeline (or the colour path), with the VOI a reading workstation shows
// first: the Enhanced object's frame window, the file's window, its VOI LUT,
// else the frame's min/max.

#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/Series.h"

#include <QImage>
#include <QString>

#include <optional>

namespace lightbox::viewer {

struct DisplayedImage {
    QImage image;           // Grayscale8 or RGB888
    QString voiDescription; // what window was applied
    QString error;          // non-empty when the image could not be shown
};

DisplayedImage renderSlice(const core::SliceRef& slice, std::optional<core::WindowLevel> window = std::nullopt);

}  // namespace lightbox::viewer
