#pragma once
// The contrast-response plot physicists expect: measured dL/L per JND of each
// luminance-response interval against the GSDF's, with the profile's
// tolerance band, over the JND index of the interval.

#include "lightbox/calibration/Conformance.h"

#include <QPointF>
#include <QVector>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace lightbox::qc {

struct ContrastResponseCurves {
    QVector<QPointF> measured;   // (JND index at the interval's mean L', measured dL/L per JND)
    QVector<QPointF> expected;   // GSDF dL/L per JND over the display's JND range
    QVector<QPointF> upper, lower;  // expected x (1 +- tolerance)
};

// From one display's figures; tolerance as a fraction (0.10 = 10 %).
ContrastResponseCurves contrastResponseCurves(const calibration::DisplayFigures& figures, double tolerance);

// A chart of those curves (owned by the caller).
QChart* makeContrastResponseChart(const calibration::DisplayFigures& figures, double tolerance);

}  // namespace lightbox::qc
