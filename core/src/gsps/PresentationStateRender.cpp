#include "lightbox/core/PresentationStateRender.h"

#include "Raster.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Overlay.h"

#include <algorithm>
#include <cmath>

namespace lightbox::core {

namespace {

Point2 rotateFlip(Point2 p, const SpatialTransform& s, double w, double h, double outW) {
    Point2 q = p;
    switch (s.rotation) {
        case 90: q = {h - p.y, p.x}; break;
        case 180: q = {w - p.x, h - p.y}; break;
        case 270: q = {p.y, w - p.x}; break;
        default: break;
    }
    if (s.flip) q.x = outW - q.x;
    return q;
}

// Output coordinates back to displayed-area coordinates.
Point2 unrotateUnflip(Point2 q, const SpatialTransform& s, double w, double h, double outW) {
    if (s.flip) q.x = outW - q.x;
    switch (s.rotation) {
        case 90: return {q.y, h - q.x};
        case 180: return {w - q.x, h - q.y};
        case 270: return {w - q.y, q.x};
        default: return q;
    }
}

// The VOI stage when the state has none for this image: identity over the
// range the Modality LUT stage can produce (PS3.4 N.2.1.2).
WindowLevel identityVoi(const Dataset& image, const ModalityTransform& modality) {
    double lo = 0, hi = 0;
    if (modality.lut) {
        hi = modality.lut->maxOutput();
    } else {
        const int bits = int(image.integer(tags::BitsStored).value_or(16));
        const bool isSigned = image.integer(tags::PixelRepresentation).value_or(0) == 1;
        const double minStored = isSigned ? -std::ldexp(1.0, bits - 1) : 0.0;
        const double maxStored = isSigned ? std::ldexp(1.0, bits - 1) - 1 : std::ldexp(1.0, bits) - 1;
        const double a = modality.slope * minStored + modality.intercept, b = modality.slope * maxStored + modality.intercept;
        lo = std::min(a, b), hi = std::max(a, b);
    }
    WindowLevel w;
    w.center = (lo + hi) / 2;
    w.width = std::max(hi - lo, 1e-9);
    w.function = VoiFunction::LinearExact;
    w.explanation = "identity";
    return w;
}

bool insidePolygon(const std::vector<Point2>& poly, double x, double y) {
    bool inside = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        if ((poly[i].y > y) != (poly[j].y > y) &&
            x < (poly[j].x - poly[i].x) * (y - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x)
            inside = !inside;
    }
    return inside;
}

const OverlayPlane* findPlane(const std::vector<OverlayPlane>& planes, std::uint16_t group) {
    for (const OverlayPlane& p : planes)
        if (p.group == group) return &p;
    return nullptr;
}

bool overlayBit(const OverlayPlane& p, int imageFrame, int column, int row) {  // 0-based image column / row
    if (!p.covers(imageFrame)) return false;
    const int r = row - (p.originRow - 1), c = column - (p.originColumn - 1);
    if (r < 0 || c < 0 || r >= p.rows || c >= p.columns) return false;
    const std::size_t frameOffset = std::size_t(imageFrame - p.imageFrameOrigin) * std::size_t(p.rows) * std::size_t(p.columns);
    return p.bits[frameOffset + std::size_t(r) * std::size_t(p.columns) + std::size_t(c)] != 0;
}

void applyShutters(DisplayImage& img, const Shutters& s, const OverlayPlane* bitmap, int imageFrame) {
    const std::uint16_t value = std::uint16_t(std::lround(double(s.presentationValue) / 65535.0 * double((1u << img.bits) - 1u)));
    for (int row = 0; row < img.height; ++row) {
        // Shutters use 1-based pixel indices: pixel (col, row) is (col + 1, row + 1).
        const int r1 = row + 1;
        // Rectangle and circle leave one visible run of columns per row.
        double first = 1, last = img.width;
        if (s.rectangular) {
            if (r1 < s.upper || r1 > s.lower) first = 1, last = 0;
            first = std::max(first, double(s.left)), last = std::min(last, double(s.right));
        }
        if (s.circular) {
            const double dy = r1 - s.circleCentre.y, r2 = s.circleRadius * s.circleRadius - dy * dy;
            if (r2 < 0) {
                last = first - 1;
            } else {
                const double half = std::sqrt(r2);
                first = std::max(first, std::ceil(s.circleCentre.x - half)), last = std::min(last, std::floor(s.circleCentre.x + half));
            }
        }
        std::uint16_t* line = img.samples.data() + std::size_t(row) * std::size_t(img.width);
        const int a = int(std::clamp(first, 1.0, double(img.width) + 1)) - 1;   // 0-based first open column
        const int b = int(std::clamp(last, 0.0, double(img.width))) - 1;        // 0-based last open column
        if (b < a) {
            std::fill(line, line + img.width, value);
            continue;
        }
        std::fill(line, line + a, value);
        std::fill(line + b + 1, line + img.width, value);
        if (!s.polygonal && !bitmap) continue;
        for (int col = a; col <= b; ++col) {
            const bool shut = (s.polygonal && !insidePolygon(s.polygon, col + 1, r1)) ||
                              (bitmap && overlayBit(*bitmap, imageFrame, col, row));
            if (shut) line[col] = value;
        }
    }
}

// PS3.3 C.10.7.1.1: CIELab scaled to 0..0xFFFF -> sRGB (D65).
std::array<double, 3> labToRgb(const std::array<std::uint16_t, 3>& lab16) {
    const double L = lab16[0] * 100.0 / 65535.0, a = lab16[1] * 255.0 / 65535.0 - 128.0, b = lab16[2] * 255.0 / 65535.0 - 128.0;
    const double fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
    auto finv = [](double t) { return t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29); };
    const double X = 0.95047 * finv(fx), Y = finv(fy), Z = 1.08883 * finv(fz);
    const double lin[3] = {3.2406 * X - 1.5372 * Y - 0.4986 * Z, -0.9689 * X + 1.8758 * Y + 0.0415 * Z,
                           0.0557 * X - 0.2040 * Y + 1.0570 * Z};
    std::array<double, 3> rgb{};
    for (int i = 0; i < 3; ++i) {
        const double v = std::clamp(lin[i], 0.0, 1.0);
        rgb[std::size_t(i)] = v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
    }
    return rgb;
}

raster::Colour layerColour(const GraphicLayer* layer, const DisplayImage& img) {
    const double maxValue = double((1u << img.bits) - 1u);
    auto scaled = [&](double unit) { return std::uint16_t(std::lround(std::clamp(unit, 0.0, 1.0) * maxValue)); };
    if (img.channels == 3 && layer && layer->colour.cielab) {
        auto rgb = labToRgb(*layer->colour.cielab);
        return {scaled(rgb[0]), scaled(rgb[1]), scaled(rgb[2])};
    }
    double gray = 1.0;
    if (layer && layer->colour.grayscale) gray = *layer->colour.grayscale / 65535.0;
    else if (layer && layer->colour.cielab) gray = (*layer->colour.cielab)[0] / 65535.0;  // L*
    const std::uint16_t g = scaled(gray);
    return {g, g, g};
}

void toRgb(DisplayImage& img) {
    std::vector<std::uint16_t> rgb(img.samples.size() * 3);
    for (std::size_t i = 0; i < img.samples.size(); ++i) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = img.samples[i];
    img.samples = std::move(rgb);
    img.channels = 3;
}

void drawAnnotation(raster::Canvas& canvas, const GraphicAnnotation& a, const DisplayMapping& map, const raster::Colour& colour) {
    auto place = [&](Point2 p, AnnotationUnits units) { return units == AnnotationUnits::Pixel ? map.fromImage(p) : map.fromDisplay(p); };
    for (const GraphicObject& g : a.graphics) {
        std::vector<Point2> pts;
        for (const Point2& p : g.points) pts.push_back(place(p, g.units));
        std::vector<Point2> outline;
        bool closed = false;
        switch (g.type) {
            case GraphicType::Point:
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) canvas.plot(raster::pixelIndex(pts[0].x) + dx, raster::pixelIndex(pts[0].y) + dy, colour);
                continue;
            case GraphicType::Polyline: outline = pts; break;
            case GraphicType::Interpolated: outline = raster::interpolate(pts); break;
            case GraphicType::Circle: outline = raster::circleOutline(pts[0], pts[1]); closed = true; break;
            case GraphicType::Ellipse: outline = raster::ellipseOutline(pts[0], pts[1], pts[2], pts[3]); closed = true; break;
        }
        if (g.filled) canvas.fillPolygon(outline, colour);
        canvas.polyline(outline, closed, colour);
    }
    for (const TextObject& t : a.texts) {
        Point2 anchor{};
        if (t.anchorUnits) anchor = place(t.anchor, *t.anchorUnits);
        if (t.boxUnits) {
            const Point2 p = place(t.boxTopLeft, *t.boxUnits), q = place(t.boxBottomRight, *t.boxUnits);
            const Point2 tl{std::min(p.x, q.x), std::min(p.y, q.y)}, br{std::max(p.x, q.x), std::max(p.y, q.y)};
            canvas.text(raster::pixelIndex(tl.x) + 1, raster::pixelIndex(tl.y) + 1, t.text, colour);
            if (t.anchorUnits && t.anchorVisible) {
                const Point2 nearest{std::clamp(anchor.x, tl.x, br.x), std::clamp(anchor.y, tl.y, br.y)};
                canvas.line(anchor, nearest, colour);
            }
        } else {
            // Anchor only: the text sits just below and right of the point.
            canvas.text(raster::pixelIndex(anchor.x) + 3, raster::pixelIndex(anchor.y) + 3, t.text, colour);
            if (t.anchorVisible) canvas.plot(raster::pixelIndex(anchor.x), raster::pixelIndex(anchor.y), colour);
        }
    }
}

}  // namespace

Point2 DisplayMapping::fromImage(Point2 p) const {
    const Point2 q = rotateFlip({p.x - areaLeft, p.y - areaTop}, spatial, areaWidth, areaHeight, rotatedWidth);
    return {q.x * scaleX, q.y * scaleY};
}

DisplayMapping DisplayMapping::make(const PresentationState& ps, const std::string& sopInstanceUid, int frame, int columns,
                                    int rows, bool useDisplayedArea) {
    DisplayMapping m;
    m.areaWidth = columns, m.areaHeight = rows;
    if (useDisplayedArea)
        if (const DisplayedArea* a = ps.displayedAreaFor(sopInstanceUid, frame)) {
            m.areaLeft = a->topLeftColumn - 1, m.areaTop = a->topLeftRow - 1;
            m.areaWidth = a->width(), m.areaHeight = a->height();
        }
    m.spatial = ps.spatial;
    const bool swap = ps.spatial.rotation == 90 || ps.spatial.rotation == 270;
    m.rotatedWidth = swap ? m.areaHeight : m.areaWidth;
    const int rotatedHeight = swap ? m.areaWidth : m.areaHeight;
    // Pixel aspect ratio (row : column size): stretch the longer side. It
    // belongs to the image axes, so a quarter turn swaps it.
    double tall = 1.0;  // displayed height / width of one image pixel
    if (useDisplayedArea)
        if (const DisplayedArea* a = ps.displayedAreaFor(sopInstanceUid, frame)) {
            // Presentation Pixel Spacing, when given, implies the ratio.
            if (a->pixelSpacing && (*a->pixelSpacing)[0] > 0 && (*a->pixelSpacing)[1] > 0)
                tall = (*a->pixelSpacing)[0] / (*a->pixelSpacing)[1];
            else
                tall = double(a->pixelAspectRatio[0]) / double(a->pixelAspectRatio[1]);
        }
    if (useDisplayedArea && tall != 1.0 && std::isfinite(tall) && tall > 1.0 / 16 && tall < 16) {
        const double stretchRows = std::max(1.0, tall), stretchColumns = std::max(1.0, 1.0 / tall);
        m.scaleX = swap ? stretchRows : stretchColumns;
        m.scaleY = swap ? stretchColumns : stretchRows;
    }
    m.outputWidth = int(std::lround(m.rotatedWidth * m.scaleX));
    m.outputHeight = int(std::lround(rotatedHeight * m.scaleY));
    return m;
}

DisplayImage renderWithPresentationState(const Frame& frame, const Dataset& image, const PresentationState& ps,
                                         int frameNumber, const PresentationRenderOptions& options) {
    if (!isMonochrome(frame.photometric))
        throw Error(ErrorCode::InvalidArgument, "a grayscale presentation state applies to grayscale images, this one is " +
                                                    photometricName(frame.photometric));
    const std::string sop = image.stringOr(tags::SOPInstanceUID, "");
    if (!ps.references(sop, frameNumber))
        throw Error(ErrorCode::InvalidArgument, "the presentation state does not reference image " + sop + " frame " +
                                                    std::to_string(frameNumber));
    // 1. Pixel stages: Modality, VOI and Presentation LUT of the state.
    ImageLuts luts = ImageLuts::from(image, frame.photometric, frameNumber - 1);
    VoiSelection voi;
    if (options.userVoi) {
        voi = *options.userVoi;  // graphics only: the image's own pipeline with the user's window
    } else {
        if (ps.modality) luts.modality = *ps.modality;
        const SoftcopyVoi* v = ps.voiFor(sop, frameNumber);
        if (v && v->lut) {
            luts.voiLuts = {*v->lut};
            voi.kind = VoiSelection::Kind::VoiLutIndex;
            voi.index = 0;
        } else if (v && v->window) {
            voi = VoiSelection::explicitWindow(*v->window);
        } else {
            voi = VoiSelection::explicitWindow(identityVoi(image, luts.modality));
        }
        luts.presentationShape = ps.presentationShape;
        luts.presentationLut = ps.presentationLut;
    }
    DisplayImage pixels = renderGrayscale(frame, luts, voi, options.outputBits, false);

    // 2. Shutters, in image pixels.
    std::vector<OverlayPlane> imageOverlays;
    if (options.graphics || (options.shutters && ps.shutters.bitmapOverlayGroup)) imageOverlays = readOverlays(image);
    auto plane = [&](std::uint16_t group) {
        const OverlayPlane* p = findPlane(ps.overlays, group);
        return p ? p : findPlane(imageOverlays, group);
    };
    if (options.shutters && ps.shutters.any()) {
        const OverlayPlane* bitmap = ps.shutters.bitmapOverlayGroup ? plane(*ps.shutters.bitmapOverlayGroup) : nullptr;
        applyShutters(pixels, ps.shutters, bitmap, frameNumber);
    }

    // 3. Displayed area, rotation and flip.
    const DisplayMapping map = DisplayMapping::make(ps, sop, frameNumber, frame.columns, frame.rows, options.displayedArea);
    DisplayImage out;
    out.width = map.outputWidth, out.height = map.outputHeight, out.bits = pixels.bits, out.channels = 1;
    out.voiDescription = pixels.voiDescription;
    out.samples.assign(std::size_t(out.width) * std::size_t(out.height), 0);
    // Rotation and flip by quarter turns map pixels to pixels: source =
    // origin + ox * stepX + oy * stepY. Walk the output in tiles so that a
    // rotated source is read with cache-friendly locality.
    auto source = [&](int ox, int oy) {
        const Point2 a = unrotateUnflip({(ox + 0.5) / map.scaleX, (oy + 0.5) / map.scaleY}, map.spatial, map.areaWidth,
                                        map.areaHeight, map.rotatedWidth);
        return std::array<int, 2>{raster::pixelIndex(a.x) + map.areaLeft, raster::pixelIndex(a.y) + map.areaTop};
    };
    const bool stretched = map.scaleX != 1.0 || map.scaleY != 1.0;
    const auto o = source(0, 0), sx = source(1, 0), sy = source(0, 1);
    const int dcx = sx[0] - o[0], drx = sx[1] - o[1], dcy = sy[0] - o[0], dry = sy[1] - o[1];
    constexpr int kTile = 64;
    for (int ty = 0; ty < out.height; ty += kTile)
        for (int tx = 0; tx < out.width; tx += kTile)
            for (int oy = ty; oy < std::min(out.height, ty + kTile); ++oy) {
                std::uint16_t* line = out.samples.data() + std::size_t(oy) * std::size_t(out.width);
                for (int ox = tx; ox < std::min(out.width, tx + kTile); ++ox) {
                    int col = o[0] + ox * dcx + oy * dcy, row = o[1] + ox * drx + oy * dry;
                    if (stretched) {  // rare (non-square presentation pixels): map each pixel
                        const auto c = source(ox, oy);
                        col = c[0], row = c[1];
                    }
                    if (col < 0 || row < 0 || col >= pixels.width || row >= pixels.height) continue;  // outside the image: black
                    line[ox] = pixels.samples[std::size_t(row) * std::size_t(pixels.width) + std::size_t(col)];
                }
            }
    if (!options.graphics) return out;

    // 4. Overlays and annotations, layer by layer (bottom first).
    bool colour = false;
    for (const GraphicLayer& l : ps.layers) colour = colour || (l.colour.cielab && !l.colour.grayscale);
    if (colour) toRgb(out);
    raster::Canvas canvas(out);
    for (const GraphicLayer& layer : ps.layers) {
        const raster::Colour c = layerColour(&layer, out);
        for (const OverlayActivation& act : ps.overlayActivations) {
            if (act.layer != layer.name) continue;
            if (ps.shutters.bitmapOverlayGroup && *ps.shutters.bitmapOverlayGroup == act.group) continue;
            const OverlayPlane* p = plane(act.group);
            if (!p || !p->covers(frameNumber)) continue;
            for (int r = 0; r < p->rows; ++r)
                for (int k = 0; k < p->columns; ++k) {
                    const int col = k + p->originColumn - 1, row = r + p->originRow - 1;
                    if (!overlayBit(*p, frameNumber, col, row)) continue;
                    const Point2 q = map.fromImage({col + 0.5, row + 0.5});
                    canvas.plot(raster::pixelIndex(q.x), raster::pixelIndex(q.y), c);
                }
        }
        for (const GraphicAnnotation& a : ps.annotations)
            if (a.layer == layer.name && a.subset.appliesTo(sop, frameNumber)) drawAnnotation(canvas, a, map, c);
    }
    return out;
}

}  // namespace lightbox::core
