#pragma once
// The uniformity map: each uniformity field (gray level) as a 3 x 3 layout of
// its measuring points (TG18's centre and corners, or TG270's 1..9), each
// point showing its luminance and its deviation from the centre (5 points) or
// the median (9 points), coloured by how large that deviation is.

#include "lightbox/calibration/Readings.h"

#include <QRectF>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace lightbox::qc {

// Paints all fields of the set side by side into `area`; returns the number drawn.
int paintUniformityMap(QPainter& painter, const QRectF& area, const calibration::ReadingSet& readings);

}  // namespace lightbox::qc
