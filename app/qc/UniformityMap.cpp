#include "UniformityMap.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace lightbox::qc {
namespace {

// Row and column of a position on the 3 x 3 layout.
std::pair<int, int> cell(const std::string& position) {
    if (position == "centre" || position == "center") return {1, 1};
    if (position == "tl") return {0, 0};
    if (position == "tr") return {0, 2};
    if (position == "bl") return {2, 0};
    if (position == "br") return {2, 2};
    const int n = std::atoi(position.c_str());
    if (n >= 1 && n <= 9) return {(n - 1) / 3, (n - 1) % 3};
    return {-1, -1};
}

QColor shade(double deviationPercent) {
    const double d = std::fabs(deviationPercent);
    if (d <= 10) return QColor(190, 230, 190);
    if (d <= 20) return QColor(245, 230, 160);
    if (d <= 30) return QColor(245, 190, 130);
    return QColor(235, 140, 140);
}

}  // namespace

int paintUniformityMap(QPainter& p, const QRectF& area, const calibration::ReadingSet& readings) {
    std::map<std::pair<std::string, double>, std::vector<const calibration::Reading*>> fields;
    for (const auto& r : readings.readings)
        if (!r.position.empty()) fields[{r.display, r.level.value_or(r.ddl)}].push_back(&r);
    if (fields.empty()) return 0;
    const int n = int(fields.size());
    const double gap = 12;
    const double w = std::min((area.width() - gap * (n - 1)) / n, area.height() - 24);
    int i = 0;
    p.save();
    for (const auto& [key, points] : fields) {
        const QRectF box(area.left() + i * (w + gap), area.top() + 20, w, w);
        // Reference: the centre (TG18) or the median (TG270, 9 points).
        std::vector<double> lum;
        double reference = 0;
        for (const auto* r : points) {
            lum.push_back(r->luminance);
            if (r->position == "centre" || r->position == "center") reference = r->luminance;
        }
        std::sort(lum.begin(), lum.end());
        if (points.size() >= 9 || reference <= 0)
            reference = lum.size() % 2 ? lum[lum.size() / 2] : (lum[lum.size() / 2 - 1] + lum[lum.size() / 2]) / 2;
        p.setPen(Qt::black);
        QString title = QCoreApplication::translate("UniformityMap", "level %1").arg(key.second);
        if (!key.first.empty()) title = QString::fromStdString(key.first) + ", " + title;
        p.drawText(QRectF(box.left(), area.top(), w, 18), Qt::AlignCenter, title);
        p.drawRect(box);
        const double c = w / 3;
        for (const auto* r : points) {
            const auto [row, col] = cell(r->position);
            if (row < 0) continue;
            const QRectF at(box.left() + col * c + 2, box.top() + row * c + 2, c - 4, c - 4);
            const double dev = reference > 0 ? 100 * (r->luminance - reference) / reference : 0;
            p.fillRect(at, shade(dev));
            p.drawRect(at);
            p.drawText(at, Qt::AlignCenter,
                       QString("%1\n%2 cd/m\u00b2\n%3%4 %")
                           .arg(QString::fromStdString(r->position))
                           .arg(r->luminance, 0, 'f', r->luminance < 10 ? 2 : 1)
                           .arg(dev >= 0 ? "+" : "")
                           .arg(dev, 0, 'f', 1));
        }
        ++i;
    }
    p.restore();
    return n;
}

}  // namespace lightbox::qc
