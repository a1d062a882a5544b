#include "ContrastResponseChart.h"

#include "lightbox/calibration/Gsdf.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lightbox::qc {

namespace gsdf = calibration::gsdf;

ContrastResponseCurves contrastResponseCurves(const calibration::DisplayFigures& f, double tolerance) {
    ContrastResponseCurves c;
    for (const auto& i : f.intervals) {
        if (i.jnds <= 0) continue;
        const double mean = (i.lumLow + i.lumHigh) / 2;
        if (mean <= 0) continue;
        c.measured.append(QPointF(gsdf::jndIndex(mean), i.measured / i.jnds));
    }
    if (f.lmin && f.lmax && *f.lmin > 0 && *f.lmax > *f.lmin) {
        const double j0 = gsdf::jndIndex(*f.lmin), j1 = gsdf::jndIndex(*f.lmax);
        constexpr int steps = 100;
        for (int k = 0; k <= steps; ++k) {
            const double j = j0 + (j1 - j0) * k / steps;
            const double e = gsdf::contrastPerJnd(gsdf::luminance(j));
            c.expected.append(QPointF(j, e));
            c.upper.append(QPointF(j, e * (1 + tolerance)));
            c.lower.append(QPointF(j, e * (1 - tolerance)));
        }
    }
    return c;
}

QChart* makeContrastResponseChart(const calibration::DisplayFigures& f, double tolerance) {
    const ContrastResponseCurves c = contrastResponseCurves(f, tolerance);
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Contrast response: dL/L per JND vs GSDF (tolerance \u00b1%1 %)")
                        .arg(tolerance * 100, 0, 'g', 3));
    auto* upper = new QLineSeries;
    auto* lower = new QLineSeries;
    upper->append(c.upper);
    lower->append(c.lower);
    auto* band = new QAreaSeries(upper, lower);
    // An area series does not own its boundary lines: they go with it.
    upper->setParent(band);
    lower->setParent(band);
    band->setName(QObject::tr("tolerance band"));
    band->setColor(QColor(120, 180, 255, 90));
    band->setBorderColor(QColor(80, 140, 220));
    auto* expected = new QLineSeries;
    expected->setName(QObject::tr("GSDF"));
    expected->append(c.expected);
    expected->setPen(QPen(QColor(20, 60, 160), 2));
    auto* measured = new QScatterSeries;
    measured->setName(QObject::tr("measured"));
    measured->append(c.measured);
    measured->setMarkerSize(9);
    measured->setColor(QColor(200, 40, 40));
    chart->addSeries(band);
    chart->addSeries(expected);
    chart->addSeries(measured);

    auto* x = new QValueAxis;
    x->setTitleText(QObject::tr("JND index"));
    auto* y = new QLogValueAxis;
    y->setTitleText(QObject::tr("dL/L per JND"));
    y->setLabelFormat("%.3g");
    double lo = 1, hi = 0, jlo = 1e9, jhi = -1e9;
    for (const auto* points : {&c.lower, &c.upper, &c.measured})
        for (const QPointF& p : *points) {
            if (p.y() > 0) {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
            jlo = std::min(jlo, p.x());
            jhi = std::max(jhi, p.x());
        }
    if (hi > 0) y->setRange(lo * 0.8, hi * 1.25);
    if (jhi > jlo) x->setRange(std::floor(jlo / 50) * 50, std::ceil(jhi / 50) * 50);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

}  // namespace lightbox::qc
