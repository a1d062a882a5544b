#include "PresentationStateBitmaps.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <QPainter>

#include <algorithm>
#include <limits>

namespace lightbox::viewer {

namespace {

const core::OverlayPlane* find(const std::vector<core::OverlayPlane>& planes, std::uint16_t group) {
    for (const core::OverlayPlane& p : planes)
        if (p.group == group) return &p;
    return nullptr;
}

}  // namespace

const core::OverlayPlane* overlayPlaneFor(PresentationStateBitmaps& cache, const core::PresentationState& ps,
                                          std::uint16_t group, const std::string& sopInstanceUid,
                                          const std::filesystem::path& imageFile) {
    if (const core::OverlayPlane* own = find(ps.overlays, group)) return own;
    auto it = cache.imageOverlays.find(sopInstanceUid);
    if (it == cache.imageOverlays.end()) {
        std::vector<core::OverlayPlane> planes;
        try {
            // Overlay groups precede the pixel data: the header is enough.
            if (!imageFile.empty())
                planes = core::readOverlays(core::DicomFile::open(imageFile, core::DicomFile::Extent::HeaderOnly));
        } catch (const core::Error&) {
            // Unreadable now (moved, damaged): nothing to draw from it.
        }
        it = cache.imageOverlays.emplace(sopInstanceUid, std::move(planes)).first;
    }
    return find(it->second, group);
}

void paintOverlayPlane(QPainter& painter, const QTransform& imageToScreen, const core::OverlayPlane& plane, int frame,
                       const QColor& colour, PresentationStateBitmaps& cache, const std::string& sopInstanceUid) {
    if (!plane.covers(frame) || plane.rows <= 0 || plane.columns <= 0) return;
    const std::size_t frameOffset =
        std::size_t(frame - plane.imageFrameOrigin) * std::size_t(plane.rows) * std::size_t(plane.columns);
    if (plane.bits.size() < frameOffset + std::size_t(plane.rows) * std::size_t(plane.columns)) return;
    const std::string key = std::to_string(plane.group) + '/' + sopInstanceUid + '/' + std::to_string(frame) + '/' +
                            std::to_string(colour.rgba());
    auto it = cache.painted.find(key);
    if (it == cache.painted.end()) {
        QImage bits(plane.columns, plane.rows, QImage::Format_ARGB32_Premultiplied);
        bits.fill(Qt::transparent);
        const QRgb on = colour.rgba();
        for (int r = 0; r < plane.rows; ++r) {
            auto* line = reinterpret_cast<QRgb*>(bits.scanLine(r));
            const std::uint8_t* source = plane.bits.data() + frameOffset + std::size_t(r) * std::size_t(plane.columns);
            for (int c = 0; c < plane.columns; ++c)
                if (source[c]) line[c] = on;
        }
        it = cache.painted.emplace(key, std::move(bits)).first;
    }
    // Overlay pixel (c, r) covers image pixel (c + origin column - 1, r + origin row - 1).
    const QTransform placed = QTransform::fromTranslate(plane.originColumn - 1, plane.originRow - 1) * imageToScreen;
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setTransform(placed, true);
    painter.drawImage(QPointF(0, 0), it->second);
    painter.restore();
}

void paintOverlayPlanes(QPainter& painter, const QTransform& imageToScreen, const std::vector<ColouredPlane>& planes, int frame,
                        PresentationStateBitmaps& cache, const std::string& sopInstanceUid) {
    std::vector<ColouredPlane> used;
    for (const ColouredPlane& p : planes) {
        const core::OverlayPlane* plane = p.plane;
        if (!plane || !plane->covers(frame) || plane->rows <= 0 || plane->columns <= 0) continue;
        const std::size_t frameOffset = std::size_t(frame - plane->imageFrameOrigin) * std::size_t(plane->rows) * std::size_t(plane->columns);
        if (plane->bits.size() < frameOffset + std::size_t(plane->rows) * std::size_t(plane->columns)) continue;
        used.push_back(p);
    }
    if (used.empty()) return;
    if (used.size() == 1) {
        paintOverlayPlane(painter, imageToScreen, *used.front().plane, frame, used.front().colour, cache, sopInstanceUid);
        return;
    }
    // The union of the planes in image pixels (0-based: overlay pixel (c, r) covers image pixel (c + origin - 1, r + origin - 1)).
    int left = std::numeric_limits<int>::max(), top = left, right = std::numeric_limits<int>::min(), bottom = right;
    std::string key = "combined/" + sopInstanceUid + '/' + std::to_string(frame);
    for (const ColouredPlane& p : used) {
        left = std::min(left, p.plane->originColumn - 1), top = std::min(top, p.plane->originRow - 1);
        right = std::max(right, p.plane->originColumn - 1 + p.plane->columns), bottom = std::max(bottom, p.plane->originRow - 1 + p.plane->rows);
        key += '/' + std::to_string(p.plane->group) + ':' + std::to_string(p.colour.rgba());
    }
    auto it = cache.painted.find(key);
    if (it == cache.painted.end()) {
        QImage combined(right - left, bottom - top, QImage::Format_ARGB32_Premultiplied);
        combined.fill(Qt::transparent);
        for (const ColouredPlane& p : used) {
            const core::OverlayPlane& plane = *p.plane;
            const std::size_t frameOffset = std::size_t(frame - plane.imageFrameOrigin) * std::size_t(plane.rows) * std::size_t(plane.columns);
            const QRgb on = p.colour.rgba();
            const int dx = plane.originColumn - 1 - left, dy = plane.originRow - 1 - top;
            for (int r = 0; r < plane.rows; ++r) {
                auto* line = reinterpret_cast<QRgb*>(combined.scanLine(r + dy)) + dx;
                const std::uint8_t* source = plane.bits.data() + frameOffset + std::size_t(r) * std::size_t(plane.columns);
                for (int c = 0; c < plane.columns; ++c)
                    if (source[c]) line[c] = on;
            }
        }
        it = cache.painted.emplace(key, std::move(combined)).first;
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setTransform(QTransform::fromTranslate(left, top) * imageToScreen, true);
    painter.drawImage(QPointF(0, 0), it->second);
    painter.restore();
}

}  // namespace lightbox::viewer
