#include "ShutterShapes.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace lightbox::viewer {

namespace {

// PIXEL coordinate (the first pixel's centre at 0.5) -> the 1-based pixel
// index whose centre is nearest, as the module stores it.
int pixelIndex(double coordinate) { return int(std::lround(coordinate + 0.5)); }

}  // namespace

core::Shutters shuttersOf(const std::vector<const Annotation*>& annotations) {
    core::Shutters s;
    for (const Annotation* a : annotations) {
        if (!a || !a->target.isImage()) continue;
        switch (a->tool) {
            case MeasurementTool::RectangleShutter: {
                if (a->points.size() < 2) break;
                // Edges between pixels: the pixels whose centres lie inside stay open.
                const double x0 = std::min(a->points[0][0], a->points[1][0]), x1 = std::max(a->points[0][0], a->points[1][0]);
                const double y0 = std::min(a->points[0][1], a->points[1][1]), y1 = std::max(a->points[0][1], a->points[1][1]);
                int left = int(std::lround(x0)) + 1, right = int(std::lround(x1));
                int upper = int(std::lround(y0)) + 1, lower = int(std::lround(y1));
                right = std::max(right, left);
                lower = std::max(lower, upper);
                if (s.rectangular) {  // two rectangles: their intersection
                    left = std::max(left, s.left), right = std::min(right, s.right);
                    upper = std::max(upper, s.upper), lower = std::min(lower, s.lower);
                    right = std::max(right, left), lower = std::max(lower, upper);
                }
                s.rectangular = true;
                s.left = left, s.right = right, s.upper = upper, s.lower = lower;
                break;
            }
            case MeasurementTool::CircleShutter:
                if (a->points.size() < 2) break;
                s.circular = true;
                s.circleCentre = {double(pixelIndex(a->points[0][0])), double(pixelIndex(a->points[0][1]))};
                s.circleRadius = std::max(1.0, double(std::lround(std::hypot(a->points[1][0] - a->points[0][0], a->points[1][1] - a->points[0][1]))));
                break;
            case MeasurementTool::PolygonShutter:
                if (a->points.size() < 3) break;
                s.polygonal = true;
                s.polygon.clear();
                for (const core::Vec3& p : a->points) s.polygon.push_back({double(pixelIndex(p[0])), double(pixelIndex(p[1]))});
                break;
            default: break;
        }
    }
    return s;
}

std::vector<core::Point2> shutterOutline(const Annotation& a) {
    const core::Shutters s = shuttersOf({&a});
    std::vector<core::Point2> out;
    if (s.rectangular) {
        const double l = s.left - 1.0, r = s.right, u = s.upper - 1.0, d = s.lower;
        out = {{l, u}, {r, u}, {r, d}, {l, d}};
    } else if (s.circular) {
        const double cx = s.circleCentre.x - 0.5, cy = s.circleCentre.y - 0.5;
        for (int i = 0; i < 72; ++i) {
            const double t = 2 * M_PI * i / 72;
            out.push_back({cx + s.circleRadius * std::cos(t), cy + s.circleRadius * std::sin(t)});
        }
    } else if (s.polygonal) {
        for (const core::Point2& p : s.polygon) out.push_back({p.x - 0.5, p.y - 0.5});
    }
    return out;
}

void paintShutters(QPainter& painter, const std::function<QPointF(core::Point2)>& toScreen, const QRectF& area,
                   const core::Shutters& s, const QColor& colour) {
    if (!s.rectangular && !s.circular && !s.polygonal) return;
    // Shutter coordinates are 1-based pixel indices (centres); PIXEL units put
    // the first pixel's centre at 0.5.
    auto at = [&](double column, double row) { return toScreen({column - 0.5, row - 0.5}); };
    const QRectF all = area.adjusted(-2, -2, 2, 2);
    QPainterPath open;
    open.addRect(all);
    if (s.rectangular) {
        QPainterPath r;
        r.addPolygon(QPolygonF({at(s.left - 0.5, s.upper - 0.5), at(s.right + 0.5, s.upper - 0.5), at(s.right + 0.5, s.lower + 0.5),
                                at(s.left - 0.5, s.lower + 0.5)}));
        r.closeSubpath();
        open = open.intersected(r);
    }
    if (s.circular) {
        const QPointF c = at(s.circleCentre.x, s.circleCentre.y);
        const QPointF e = at(s.circleCentre.x + s.circleRadius, s.circleCentre.y);
        const double radius = std::hypot(e.x() - c.x(), e.y() - c.y());
        QPainterPath circle;
        circle.addEllipse(c, radius, radius);
        open = open.intersected(circle);
    }
    if (s.polygonal && s.polygon.size() >= 3) {
        QPolygonF polygon;
        for (const core::Point2& p : s.polygon) polygon << at(p.x, p.y);
        QPainterPath path;
        path.addPolygon(polygon);
        path.closeSubpath();
        open = open.intersected(path);
    }
    QPainterPath shut;
    shut.addRect(all);
    shut = shut.subtracted(open);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillPath(shut, colour);
    painter.restore();
}

}  // namespace lightbox::viewer
