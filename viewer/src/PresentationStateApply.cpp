#include "lightbox/viewer/PresentationStateApply.h"

#include "PresentationStateBitmaps.h"
#include "ShutterShapes.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/Viewport.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lightbox::viewer {

namespace {

// The screen directions of the image's row and column axes, as the GSPS
// states them: rotation (clockwise) first, then a horizontal flip.
bool viewMatches(const render::SliceView& view, const core::Volume& volume, core::SpatialTransform want) {
    const core::Vec3 right = view.screenRight(), down = view.screenDown();
    const core::Vec3 axisX = core::normalized(volume.axisX), axisY = core::normalized(volume.axisY);
    auto transform = [&](double x, double y) {
        for (int q = 0; q < want.rotation / 90; ++q) {  // clockwise with y down: (x, y) -> (-y, x)
            const double t = x;
            x = -y;
            y = t;
        }
        return std::array<double, 2>{want.flip ? -x : x, y};
    };
    const auto tx = transform(1, 0), ty = transform(0, 1);
    return std::abs(tx[0] - core::dot(axisX, right)) < 0.1 && std::abs(tx[1] - core::dot(axisX, down)) < 0.1 &&
           std::abs(ty[0] - core::dot(axisY, right)) < 0.1 && std::abs(ty[1] - core::dot(axisY, down)) < 0.1;
}

void setSpatial(render::SliceView& view, const core::Volume& volume, core::SpatialTransform want) {
    for (bool flip : {false, true})
        for (int turns = 0; turns < 4; ++turns) {
            view.resetTransform();
            view.rotateQuarterTurns(turns);
            if (flip) view.flipHorizontal();
            if (viewMatches(view, volume, want)) return;
        }
    view.resetTransform();
}

std::optional<AnnotationTarget> shownImage(const Viewport& viewport) {
    if (!viewport.measurementTools()) return std::nullopt;
    auto target = viewport.measurementTools()->currentTarget();
    if (!target || !target->isImage()) return std::nullopt;
    return target;
}

QPointF onScreen(const Viewport& viewport, const AnnotationTarget& target, core::Point2 pixel) {
    return viewport.measurementTools()->toScreen(target, {pixel.x, pixel.y, 0});
}

// Image PIXEL coordinates -> widget coordinates (an affine map on a plane
// of the acquired images).
QTransform imageToScreen(const Viewport& viewport, const AnnotationTarget& target) {
    const QPointF o = onScreen(viewport, target, {0, 0});
    const QPointF x = onScreen(viewport, target, {1, 0}) - o, y = onScreen(viewport, target, {0, 1}) - o;
    return QTransform(x.x(), x.y(), y.x(), y.y(), o.x(), o.y());
}

const core::SliceRef* sliceOf(const LoadedSeries& series, const std::string& sopInstanceUid, int frame) {
    for (const core::SliceRef& s : series.series.slices)
        if (s.sopInstanceUid == sopInstanceUid && s.frame == frame) return &s;
    return nullptr;
}

// The VOI stage composed with a Modality LUT Sequence: one table indexed by
// stored value (the LUT's own input), whose entries are the VOI's output.
core::LookupTable composedWithModalityLut(const core::LookupTable& modalityLut, const core::SoftcopyVoi* voi) {
    core::LookupTable out;
    out.firstMapped = modalityLut.firstMapped;
    out.explanation = modalityLut.explanation;
    out.entries.reserve(modalityLut.entries.size());
    if (voi && voi->lut) {
        out.bits = voi->lut->bits;
        for (std::int32_t m : modalityLut.entries) out.entries.push_back(voi->lut->lookup(double(m)));
    } else if (voi && voi->window) {
        out.bits = 16;
        for (std::int32_t m : modalityLut.entries)
            out.entries.push_back(std::int32_t(std::lround(voi->window->apply(double(m)) * 65535.0)));
    } else {
        // Identity over the Modality LUT's output range (PS3.4 N.2.1.2).
        out.bits = modalityLut.bits;
        out.entries = modalityLut.entries;
    }
    return out;
}

// The state's VOI output (0..1) for the state's modality value `m`; without
// a VOI for the image, the identity over the state's Modality LUT output
// range (PS3.4 N.2.1.2), as core's CPU render does.
double stateVoi(const core::PresentationState& ps, const core::SoftcopyVoi* voi, const core::SliceRef& slice, double m) {
    if (voi && voi->lut) return double(voi->lut->lookup(m)) / voi->lut->maxOutput();
    if (voi && voi->window) return voi->window->apply(m);
    if (ps.modality->lut) return std::clamp(m / ps.modality->lut->maxOutput(), 0.0, 1.0);
    const double a = ps.modality->slope * double(slice.pixel.minStoredValue()) + ps.modality->intercept;
    const double z = ps.modality->slope * double(slice.pixel.maxStoredValue()) + ps.modality->intercept;
    return core::WindowLevel{(a + z) / 2, std::max(std::abs(z - a), 1e-9), core::VoiFunction::LinearExact, "identity"}.apply(m);
}

// An image whose own Modality LUT is a table: the volume holds the table's
// output, which cannot be turned back into stored values by a rescale. The
// VOI stage becomes one table indexed by the image's modality value whose
// entries are the state's Modality LUT and VOI applied to the stored value
// the image's table maps there (the first one, where the image's table
// maps several stored values to one output - then the stored values
// cannot be told apart in the volume; values no stored value reaches take
// the entry below them). Empty when the image's table cannot be read.
std::optional<core::LookupTable> throughImageModalityLut(const core::PresentationState& ps, const core::SoftcopyVoi* voi,
                                                         const core::SliceRef& slice) {
    std::optional<core::LookupTable> imageLut;
    try {
        const core::DicomFile header = core::DicomFile::open(slice.path, core::DicomFile::Extent::HeaderOnly);
        imageLut = core::ImageLuts::from(header, slice.pixel.photometric, slice.frame).modality.lut;
    } catch (const core::Error&) {
        return std::nullopt;
    }
    if (!imageLut || imageLut->empty()) return std::nullopt;
    const std::int64_t lo = slice.pixel.minStoredValue(), hi = slice.pixel.maxStoredValue();
    if (hi < lo || hi - lo > (1 << 24)) return std::nullopt;
    std::int64_t vmin = std::numeric_limits<std::int64_t>::max(), vmax = std::numeric_limits<std::int64_t>::min();
    for (std::int64_t stored = lo; stored <= hi; ++stored) {
        const std::int64_t v = imageLut->lookup(double(stored));
        vmin = std::min(vmin, v), vmax = std::max(vmax, v);
    }
    core::LookupTable out;
    out.firstMapped = vmin;
    out.bits = 16;
    out.explanation = ps.modality->lut ? ps.modality->lut->explanation : std::string("rescale");
    std::vector<bool> set(std::size_t(vmax - vmin + 1), false);
    out.entries.assign(set.size(), 0);
    for (std::int64_t stored = lo; stored <= hi; ++stored) {
        const std::size_t i = std::size_t(imageLut->lookup(double(stored)) - vmin);
        if (set[i]) continue;
        set[i] = true;
        const double m = ps.modality->apply(std::int32_t(stored));
        out.entries[i] = std::int32_t(std::lround(std::clamp(stateVoi(ps, voi, slice, m), 0.0, 1.0) * 65535.0));
    }
    for (std::size_t i = 1; i < set.size(); ++i)
        if (!set[i]) out.entries[i] = out.entries[i - 1];
    return out;
}

// The grayscale stages of the state for the shown image (Full mode). The
// chain's rescale maps the volume's values (the image's modality values).
void applyPixelStages(render::DisplayChain& chain, const core::PresentationState& ps, const core::SliceRef* slice,
                      const std::string& uid, int frame) {
    const core::SoftcopyVoi* voi = ps.voiFor(uid, frame);
    if (ps.modality && slice && slice->hasModalityLut && slice->pixelValid)
        if (auto table = throughImageModalityLut(ps, voi, *slice)) {
            // Volume values are the image table's whole outputs (+0.5: the table lookup floors).
            chain.rescaleSlope = 1.0;
            chain.rescaleIntercept = 0.5;
            chain.voiLut = std::move(table);
            return;
        }
    // The image's modality values back to stored values, when it can be undone.
    const bool invertible = slice && !slice->hasModalityLut && slice->rescaleSlope != 0;
    const double m = slice ? slice->rescaleSlope : 1.0, b = slice ? slice->rescaleIntercept : 0.0;
    double slope = 1.0, intercept = 0.0;  // volume value -> the state's modality value
    if (ps.modality && invertible) {
        if (ps.modality->lut && !ps.modality->lut->empty()) {
            // Volume -> stored (+0.5: the table lookup floors, stored values are whole).
            chain.rescaleSlope = 1.0 / m;
            chain.rescaleIntercept = -b / m + 0.5;
            chain.voiLut = composedWithModalityLut(*ps.modality->lut, voi);
            return;
        }
        slope = ps.modality->slope / m;
        intercept = ps.modality->intercept - b * ps.modality->slope / m;
    }
    chain.rescaleSlope = slope;
    chain.rescaleIntercept = intercept;
    if (voi && voi->lut) {
        chain.voiLut = voi->lut;
    } else if (voi && voi->window) {
        chain.window = *voi->window;
        chain.voiLut.reset();
    } else if (slice && slice->pixelValid) {
        // No VOI for this image: the identity over the modality range.
        const double lo = double(slice->pixel.minStoredValue()), hi = double(slice->pixel.maxStoredValue());
        const double ms = ps.modality && invertible ? ps.modality->slope : m, bs = ps.modality && invertible ? ps.modality->intercept : b;
        const double a = ms * lo + bs, z = ms * hi + bs;
        chain.window = core::WindowLevel{(a + z) / 2, std::max(std::abs(z - a), 1e-9), core::VoiFunction::LinearExact, "identity"};
        chain.voiLut.reset();
    }
}

// PS3.3 C.10.7.1.1: CIELab scaled to 16 bits -> sRGB (D65).
QColor fromCielab(const std::array<std::uint16_t, 3>& lab) {
    const double L = lab[0] * 100.0 / 65535.0, a = lab[1] * 255.0 / 65535.0 - 128.0, b = lab[2] * 255.0 / 65535.0 - 128.0;
    const double fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
    auto finv = [](double t) { return t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29); };
    const double X = 0.95047 * finv(fx), Y = finv(fy), Z = 1.08883 * finv(fz);
    const double linear[3] = {3.2406 * X - 1.5372 * Y - 0.4986 * Z, -0.9689 * X + 1.8758 * Y + 0.0415 * Z,
                              0.0557 * X - 0.2040 * Y + 1.0570 * Z};
    double rgb[3];
    for (int i = 0; i < 3; ++i) {
        const double v = std::clamp(linear[i], 0.0, 1.0);
        rgb[i] = v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
    }
    return QColor::fromRgbF(float(rgb[0]), float(rgb[1]), float(rgb[2]));
}

QColor layerColour(const core::GraphicLayer* layer) {
    if (layer && layer->colour.cielab) return fromCielab(*layer->colour.cielab);
    if (layer && layer->colour.grayscale) {
        const float g = float(*layer->colour.grayscale / 65535.0);
        return QColor::fromRgbF(g, g, g);
    }
    return QColor(Qt::white);
}

// What replaces shut pixels: the CIELab colour on a colour display (ours), else the P-value as gray.
QColor shutterColour(const core::Shutters& s) {
    if (s.presentationColourCielab) return fromCielab(*s.presentationColourCielab);
    const float value = float(s.presentationValue / 65535.0);
    return QColor::fromRgbF(value, value, value);
}

void paintShutters(QPainter& painter, const Viewport& viewport, const AnnotationTarget& target, const core::Shutters& s) {
    viewer::paintShutters(
        painter, [&](core::Point2 p) { return onScreen(viewport, target, p); }, QRectF(viewport.rect()), s, shutterColour(s));
}

void paintAnnotation(QPainter& painter, const Viewport& viewport, const AnnotationTarget& target, const QRectF& display,
                     const core::GraphicAnnotation& a, const QColor& colour) {
    auto place = [&](core::Point2 p, core::AnnotationUnits units) {
        return units == core::AnnotationUnits::Pixel ? onScreen(viewport, target, p)
                                                     : QPointF(display.left() + p.x * display.width(), display.top() + p.y * display.height());
    };
    painter.setPen(QPen(colour, 1));
    for (const core::GraphicObject& g : a.graphics) {
        if (g.points.empty()) continue;
        QPolygonF pts;
        for (const core::Point2& p : g.points) pts << place(p, g.units);
        QPainterPath path;
        switch (g.type) {
            case core::GraphicType::Point:
                painter.drawLine(pts[0] - QPointF(3, 0), pts[0] + QPointF(3, 0));
                painter.drawLine(pts[0] - QPointF(0, 3), pts[0] + QPointF(0, 3));
                continue;
            case core::GraphicType::Polyline:
            case core::GraphicType::Interpolated: path.addPolygon(pts); break;
            case core::GraphicType::Circle:
                if (pts.size() >= 2) {
                    const double r = std::hypot(pts[1].x() - pts[0].x(), pts[1].y() - pts[0].y());
                    path.addEllipse(pts[0], r, r);
                }
                break;
            case core::GraphicType::Ellipse:
                if (pts.size() >= 4) {
                    // Major axis end points, then the minor axis'.
                    const QPointF c = (pts[0] + pts[1]) / 2;
                    const double major = std::hypot(pts[1].x() - pts[0].x(), pts[1].y() - pts[0].y()) / 2;
                    const double minor = std::hypot(pts[3].x() - pts[2].x(), pts[3].y() - pts[2].y()) / 2;
                    const double angle = std::atan2(pts[1].y() - pts[0].y(), pts[1].x() - pts[0].x()) * 180 / M_PI;
                    QTransform t;
                    t.translate(c.x(), c.y());
                    t.rotate(angle);
                    QPainterPath e;
                    e.addEllipse(QPointF(0, 0), major, minor);
                    path = t.map(e);
                }
                break;
        }
        if (g.filled) painter.fillPath(path, colour);
        else painter.drawPath(path);
    }
    for (const core::TextObject& t : a.texts) {
        const QString text = QString::fromStdString(t.text);
        if (t.boxUnits) {
            const QRectF box = QRectF(place(t.boxTopLeft, *t.boxUnits), place(t.boxBottomRight, *t.boxUnits)).normalized();
            painter.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
            if (t.anchorUnits && t.anchorVisible) painter.drawLine(box.center(), place(t.anchor, *t.anchorUnits));
        } else if (t.anchorUnits) {
            const QPointF anchor = place(t.anchor, *t.anchorUnits);
            if (t.anchorVisible) painter.drawEllipse(anchor, 2, 2);
            painter.drawText(anchor + QPointF(6, -6), text);
        }
    }
}

}  // namespace

QString presentationStateTitle(const core::PresentationState& ps) {
    QString date = QString::fromStdString(ps.creationDate);
    if (date.size() == 8) date = date.left(4) + '-' + date.mid(4, 2) + '-' + date.mid(6, 2);
    QString title = QString::fromStdString(ps.contentLabel);
    if (!date.isEmpty()) title += ' ' + date;
    if (!ps.creatorName.empty())
        title += ' ' + QCoreApplication::translate("lightbox::viewer::PresentationStateApply", "by %1").arg(QString::fromStdString(ps.creatorName));
    return title;
}

QRectF displayedAreaOnScreen(const Viewport& viewport, const core::PresentationState& ps) {
    const auto target = shownImage(viewport);
    if (!target) return {};
    const core::DisplayedArea* area = ps.displayedAreaFor(target->sopInstanceUid, target->frame + 1);
    if (!area) return {};
    const QPointF a = onScreen(viewport, *target, {area->topLeftColumn - 1.0, area->topLeftRow - 1.0});
    const QPointF b = onScreen(viewport, *target, {double(area->bottomRightColumn), double(area->bottomRightRow)});
    return QRectF(a, b).normalized();
}

bool applyPresentationState(Viewport& viewport, std::shared_ptr<const core::PresentationState> ps, PresentationStateMode mode) {
    const auto target = shownImage(viewport);
    render::SliceView* view = viewport.sliceView();
    const LoadedSeries* series = viewport.series();
    if (!ps || !target || !view || !series || !ps->references(target->sopInstanceUid, target->frame + 1)) return false;
    const std::string& uid = target->sopInstanceUid;
    const int frame = target->frame + 1;

    const render::DisplayChain userChain = view->chain();
    viewport.resetView();  // the plain display, then the state on top of it

    // Grayscale stages.
    render::DisplayChain chain = view->chain();
    if (mode == PresentationStateMode::GraphicsOnly) {
        chain.window = userChain.window;
        chain.voiLut = userChain.voiLut;
    } else {
        applyPixelStages(chain, *ps, sliceOf(*series, uid, target->frame), uid, frame);
    }
    const bool inverse = ps->presentationShape == core::PresentationShape::Inverse;
    viewport.setInverted(inverse != (series->defaults.chain.presentation == core::PresentationShape::Inverse));
    chain.presentation = ps->presentationShape;
    chain.presentationLut = ps->presentationLut;
    view->setChain(chain);
    // Tells the sync partners (a window on the modality values the partners share).
    if (!chain.voiLut && chain.rescaleSlope == 1.0 && chain.rescaleIntercept == 0.0)
        viewport.setWindow(chain.window.center, chain.window.width);

    // Rotation and flip, then the displayed area.
    setSpatial(*view, series->volume, ps->spatial);
    if (const core::DisplayedArea* area = ps->displayedAreaFor(uid, frame)) {
        const double dpr = viewport.devicePixelRatioF();
        const double w = std::max(1, int(std::lround(viewport.width() * dpr)));
        const double h = std::max(1, int(std::lround(viewport.height() * dpr)));
        viewport.setZoomPan(1.0, 0, 0);
        const QRectF unit = displayedAreaOnScreen(viewport, *ps);  // at zoom 1, widget pixels
        const double sliceToImage = view->image().plane.spacing / series->volume.spacing[0];  // image pixels per slice pixel
        double zoom = 1.0;
        switch (area->sizeMode) {
            case core::PresentationSizeMode::ScaleToFit:
                zoom = std::min(w / std::max(1e-9, unit.width() * dpr), h / std::max(1e-9, unit.height() * dpr));
                break;
            case core::PresentationSizeMode::TrueSize: {
                // The Presentation Pixel Spacing (else the image's) on the glass.
                const QScreen* screen = viewport.screen();
                const double dotsPerMm = (screen ? screen->physicalDotsPerInchX() : 96.0) / 25.4;
                const double mmPerImagePixel = area->pixelSpacing ? (*area->pixelSpacing)[1] : series->volume.spacing[0];
                zoom = mmPerImagePixel * dotsPerMm * sliceToImage;
                break;
            }
            case core::PresentationSizeMode::Magnify: zoom = area->magnification * sliceToImage; break;
        }
        viewport.setZoomPan(zoom, 0, 0);
        const QPointF centre = displayedAreaOnScreen(viewport, *ps).center() * dpr;
        viewport.setZoomPan(zoom, w / 2 - centre.x(), h / 2 - centre.y());
    }
    viewport.setPresentationState({std::move(ps), mode, std::make_shared<PresentationStateBitmaps>()});
    return true;
}

void clearPresentationState(Viewport& viewport) {
    if (!viewport.presentationState().state) return;
    viewport.setPresentationState({});
    viewport.resetView();
}

void paintPresentationState(QPainter& painter, const Viewport& viewport, const AppliedPresentationState& applied) {
    const core::PresentationState* ps = applied.state.get();
    const auto target = shownImage(viewport);
    if (!ps || !target || !ps->references(target->sopInstanceUid, target->frame + 1)) return;
    const std::string& uid = target->sopInstanceUid;
    const int frame = target->frame + 1;
    PresentationStateBitmaps scratch;
    PresentationStateBitmaps& bitmaps = applied.bitmaps ? *applied.bitmaps : scratch;
    const core::SliceRef* slice = viewport.series() ? sliceOf(*viewport.series(), uid, target->frame) : nullptr;
    const std::filesystem::path file = slice ? slice->path : std::filesystem::path();
    const QTransform toScreen = imageToScreen(viewport, *target);

    paintShutters(painter, viewport, *target, ps->shutters);
    // Bitmaps (the bitmap shutter, activated overlays) wait here and are
    // painted together, as one image, until an annotation must go over them.
    std::vector<ColouredPlane> pending;
    auto flush = [&] {
        paintOverlayPlanes(painter, toScreen, pending, frame, bitmaps, uid);
        pending.clear();
    };
    if (ps->shutters.bitmapOverlayGroup)
        if (const core::OverlayPlane* p = overlayPlaneFor(bitmaps, *ps, *ps->shutters.bitmapOverlayGroup, uid, file))
            pending.push_back({p, shutterColour(ps->shutters)});
    const QRectF display = displayedAreaOnScreen(viewport, *ps);
    std::vector<const core::GraphicAnnotation*> annotations;
    for (const core::GraphicAnnotation& a : ps->annotations)
        if (a.subset.appliesTo(uid, frame)) annotations.push_back(&a);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Layers bottom first, each with its activated overlays under its
    // annotations (PS3.3 C.10.7); annotations of a layer the state does not
    // define last. An activated group that is the bitmap shutter is not drawn
    // again.
    std::vector<const core::GraphicLayer*> layers;
    for (const core::GraphicLayer& l : ps->layers) layers.push_back(&l);
    std::stable_sort(layers.begin(), layers.end(), [](auto* x, auto* y) { return x->order < y->order; });
    for (const core::GraphicLayer* layer : layers) {
        const QColor colour = layerColour(layer);
        for (const core::OverlayActivation& act : ps->overlayActivations) {
            if (act.layer != layer->name || (ps->shutters.bitmapOverlayGroup && *ps->shutters.bitmapOverlayGroup == act.group)) continue;
            if (const core::OverlayPlane* p = overlayPlaneFor(bitmaps, *ps, act.group, uid, file)) pending.push_back({p, colour});
        }
        for (const core::GraphicAnnotation* a : annotations)
            if (a->layer == layer->name) {
                flush();
                paintAnnotation(painter, viewport, *target, display, *a, colour);
            }
    }
    flush();
    for (const core::GraphicAnnotation* a : annotations)
        if (!ps->layer(a->layer)) paintAnnotation(painter, viewport, *target, display, *a, layerColour(nullptr));
    painter.restore();
}

}  // namespace lightbox::viewer
