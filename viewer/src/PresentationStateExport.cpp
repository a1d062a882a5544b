#include "lightbox/viewer/PresentationStateExport.h"

#include "AnnotationMeasure.h"
#include "PresentationStatePlaneImage.h"
#include "ShutterShapes.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/Tag.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/Viewport.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>

namespace lightbox::viewer {

namespace {

const char* kMeasurementLayer = "MEASUREMENTS";
const char* kAnnotationLayer = "ANNOTATIONS";

// The context lupdate files this file's tr() calls under (the namespace).
std::string tr(const char* text) {
    return QCoreApplication::translate("lightbox::viewer", text).toStdString();
}

// CIELab as PS3.3 C.10.7.1.1 scales it into 16 bits.
std::array<std::uint16_t, 3> cielab(double l, double a, double b) {
    auto scale = [](double v) { return std::uint16_t(std::lround(std::clamp(v, 0.0, 1.0) * 65535)); };
    return {scale(l / 100), scale((a + 128) / 255), scale((b + 128) / 255)};
}

// Rotation (clockwise) and horizontal flip of the view: the screen
// directions of the image's row and column axes compared with the eight
// transforms a GSPS can state (rotate first, then flip).
core::SpatialTransform spatialOf(const render::SliceView& view, const core::Volume& volume) {
    const core::Vec3 right = view.screenRight(), down = view.screenDown();
    const core::Vec3 axisX = core::normalized(volume.axisX), axisY = core::normalized(volume.axisY);
    const double ex[2] = {core::dot(axisX, right), core::dot(axisX, down)};
    const double ey[2] = {core::dot(axisY, right), core::dot(axisY, down)};
    for (bool flip : {false, true})
        for (int rotation = 0; rotation < 360; rotation += 90) {
            auto transform = [&](double x, double y) {
                for (int q = 0; q < rotation / 90; ++q) {  // clockwise with y down: (x, y) -> (-y, x)
                    const double t = x;
                    x = -y;
                    y = t;
                }
                return std::array<double, 2>{flip ? -x : x, y};
            };
            const auto tx = transform(1, 0), ty = transform(0, 1);
            if (std::abs(tx[0] - ex[0]) < 0.1 && std::abs(tx[1] - ex[1]) < 0.1 && std::abs(ty[0] - ey[0]) < 0.1 &&
                std::abs(ty[1] - ey[1]) < 0.1)
                return {rotation, flip};
        }
    return {};
}

core::Point2 p2(const core::Vec3& v) { return {v[0], v[1]}; }

core::GraphicObject polyline(std::vector<core::Point2> points) {
    return core::GraphicObject{core::AnnotationUnits::Pixel, core::GraphicType::Polyline, std::move(points), false};
}

std::string oneLine(std::string text) {
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at)) text.replace(at, 1, "; ");
    return text;
}

// One annotation as graphic objects (PIXEL units) and its text.
void appendTo(core::GraphicAnnotation& out, const Annotation& a) {
    std::vector<core::Point2> p;
    for (const core::Vec3& v : a.points) p.push_back(p2(v));
    switch (a.tool) {
        case MeasurementTool::Length:
        case MeasurementTool::Polyline:
        case MeasurementTool::Angle: out.graphics.push_back(polyline(p)); break;
        case MeasurementTool::CobbAngle:
            out.graphics.push_back(polyline({p[0], p[1]}));
            out.graphics.push_back(polyline({p[2], p[3]}));
            break;
        case MeasurementTool::EllipseRoi: {
            // ELLIPSE: the major axis' end points, then the minor axis'.
            const core::Point2 c{(p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2};
            const double rx = std::abs(p[1].x - p[0].x) / 2, ry = std::abs(p[1].y - p[0].y) / 2;
            std::vector<core::Point2> axes{{c.x - rx, c.y}, {c.x + rx, c.y}, {c.x, c.y - ry}, {c.x, c.y + ry}};
            if (ry > rx) std::rotate(axes.begin(), axes.begin() + 2, axes.end());
            out.graphics.push_back(core::GraphicObject{core::AnnotationUnits::Pixel, core::GraphicType::Ellipse, axes, false});
            break;
        }
        case MeasurementTool::RectangleRoi:
        case MeasurementTool::PolygonRoi:
        case MeasurementTool::FreehandRoi: {
            std::vector<core::Point2> closed = roiOutline(a.tool, p);
            closed.push_back(closed.front());
            out.graphics.push_back(polyline(std::move(closed)));
            break;
        }
        case MeasurementTool::Probe:
            out.graphics.push_back(core::GraphicObject{core::AnnotationUnits::Pixel, core::GraphicType::Point, {p[0]}, false});
            break;
        case MeasurementTool::Arrow:
            if (p.size() >= 2) {
                // The shaft and a head of two strokes at the tip (the first point), 1/5 of the shaft long.
                out.graphics.push_back(polyline({p[1], p[0]}));
                const double dx = p[1].x - p[0].x, dy = p[1].y - p[0].y, l = std::max(1e-9, std::hypot(dx, dy));
                const double h = l / 5, ux = dx / l, uy = dy / l;
                out.graphics.push_back(polyline({{p[0].x + h * (ux - uy / 2), p[0].y + h * (uy + ux / 2)},
                                                 p[0],
                                                 {p[0].x + h * (ux + uy / 2), p[0].y + h * (uy - ux / 2)}}));
            }
            break;
        case MeasurementTool::Text:
        case MeasurementTool::None:
        case MeasurementTool::Select:
        case MeasurementTool::RectangleShutter:  // the Display Shutter module, not graphics
        case MeasurementTool::CircleShutter:
        case MeasurementTool::PolygonShutter: break;
    }
    const std::string text = oneLine(a.tool == MeasurementTool::Text ? a.text : a.label);
    if (!text.empty() && !p.empty()) {
        core::TextObject t;
        t.text = text;
        t.anchorUnits = core::AnnotationUnits::Pixel;
        t.anchor = p.front();
        t.anchorVisible = a.tool == MeasurementTool::Text;
        out.texts.push_back(std::move(t));
    }
}

// One annotation as a graphic annotation item of its image, in its layer.
void addAnnotation(core::PresentationState& ps, const Annotation& a, core::ImageReference ref, bool& measurements, bool& notes) {
    core::GraphicAnnotation g;
    const bool note = a.tool == MeasurementTool::Text || a.tool == MeasurementTool::Arrow;
    g.layer = note ? kAnnotationLayer : kMeasurementLayer;
    (note ? notes : measurements) = true;
    g.subset.images.push_back(std::move(ref));
    appendTo(g, a);
    ps.annotations.push_back(std::move(g));
}

void addLayers(core::PresentationState& ps, bool measurements, bool notes) {
    if (measurements)
        ps.layers.push_back(core::GraphicLayer{kMeasurementLayer, 1, {std::uint16_t(0xFFFF), cielab(97, -22, 94)}, "measurements"});
    if (notes)
        ps.layers.push_back(core::GraphicLayer{kAnnotationLayer, 2, {std::uint16_t(0xFFFF), cielab(100, 0, 0)}, "text annotations and arrows"});
}

}  // namespace

std::optional<Annotation> onStoredSlice(const Annotation& a, const LoadedSeries& series) {
    if (a.target.isImage()) return a;
    const core::Volume& v = series.volume;
    const core::Vec3 sliceNormal = core::normalized(core::cross(v.axisX, v.axisY));
    // Same orientation: normals within about half a degree.
    if (std::abs(core::dot(sliceNormal, core::normalized(a.target.planeNormal))) < std::cos(0.5 * M_PI / 180)) return std::nullopt;
    // Within half a slice of a stored slice (the plane's point and every annotation point).
    const core::Vec3 centre = series.reslicer->voxelIndex(a.target.planePoint);
    const double k = std::round(centre[2]);
    if (k < 0 || k >= v.slices || std::size_t(k) >= series.series.slices.size()) return std::nullopt;
    Annotation out = a;
    out.points.clear();
    for (const core::Vec3& p : a.points) {
        const core::Vec3 ijk = series.reslicer->voxelIndex(p);
        if (std::abs(ijk[2] - k) > 0.5) return std::nullopt;
        out.points.push_back({ijk[0] + 0.5, ijk[1] + 0.5, 0});  // GSPS PIXEL coordinates
    }
    const core::SliceRef& slice = series.series.slices[std::size_t(k)];
    out.target.sopInstanceUid = slice.sopInstanceUid;
    out.target.frame = slice.frame;
    return out;
}

SavedPresentationState presentationStateOf(const Viewport& viewport, const AnnotationLayer& layer, const std::string& description) {
    const LoadedSeries* series = viewport.series();
    const render::SliceView* view = viewport.sliceView();
    if (!series || !view || viewport.is3D())
        throw core::Error(core::ErrorCode::InvalidArgument, tr("The viewport shows no image to save a presentation state for."));
    const auto shown = viewport.measurementTools()->currentTarget();
    if (!shown || !shown->isImage())
        throw core::Error(core::ErrorCode::InvalidArgument,
                          tr("A presentation state describes the series' own images; this viewport shows an MPR plane."));

    // Every image of the series (a multi-frame object once).
    std::vector<core::Dataset> images;
    std::map<std::string, std::size_t> indexOf;
    std::map<std::string, int> framesOf;
    for (const core::SliceRef& s : series->series.slices) {
        framesOf[s.sopInstanceUid] = s.pixel.numberOfFrames;
        if (indexOf.count(s.sopInstanceUid)) continue;
        indexOf[s.sopInstanceUid] = images.size();
        images.push_back(core::DicomFile::open(s.path, core::DicomFile::Extent::HeaderOnly));
    }
    const core::Dataset& shownImage = images[indexOf.at(shown->sopInstanceUid)];

    core::CurrentDisplay display;
    const render::DisplayChain& chain = view->chain();
    if (chain.voiLut) display.voiLut = chain.voiLut;
    else display.window = chain.window;
    display.presentationShape = viewport.inverted() ? core::PresentationShape::Inverse : core::PresentationShape::Identity;
    display.spatial = spatialOf(*view, series->volume);
    // Zoom and pan as the displayed area: the image point in the viewport's
    // centre and the screen pixels per image pixel (along the columns).
    const double dpr = viewport.devicePixelRatioF();
    const int w = std::max(1, int(std::lround(viewport.width() * dpr))), h = std::max(1, int(std::lround(viewport.height() * dpr)));
    const core::Vec3 centreIjk = series->reslicer->voxelIndex(view->screenToPatient(w / 2.0, h / 2.0, w, h));
    const double zoom = view->zoom() * series->volume.spacing[0] / view->image().plane.spacing;
    const bool quarter = display.spatial.rotation % 180 != 0;
    const std::array<int, 4> area = core::zoomPanArea(series->volume.columns, series->volume.rows, quarter ? h : w,
                                                      quarter ? w : h, zoom, {centreIjk[0] + 0.5, centreIjk[1] + 0.5});
    // The whole image on screen (fit, or zoomed out): the state says "the
    // whole image", not our viewport's margins, which another display scales
    // to its own shape anyway.
    const bool whole = area[0] <= 1 && area[1] <= 1 && area[2] >= series->volume.columns && area[3] >= series->volume.rows;
    if (!whole) display.area = area;
    display.contentLabel = "LIGHTBOX";
    display.contentDescription = description;

    SavedPresentationState saved;
    saved.state = core::presentationStateFor(display, images);
    core::PresentationState& ps = saved.state;
    bool measurements = false, notes = false;
    std::vector<const Annotation*> shutters;
    for (const Annotation& original : layer.annotations()) {
        if (original.target.seriesInstanceUid != series->series.seriesInstanceUid) continue;
        if (isShutter(original.tool)) {
            // One Display Shutter module for every image the state references (C.7.6.11).
            if (original.target.isImage()) shutters.push_back(&original);
            continue;
        }
        const std::optional<Annotation> onImage = original.target.isImage() ? original : onStoredSlice(original, *series);
        if (!onImage) {
            ++saved.skippedPlaneAnnotations;
            continue;
        }
        const Annotation& a = *onImage;
        if (!original.target.isImage()) ++saved.planeAnnotationsOnSlices;
        const auto image = indexOf.find(a.target.sopInstanceUid);
        if (image == indexOf.end() || a.points.empty()) continue;
        core::ImageReference ref{images[image->second].stringOr(core::tags::SOPClassUID, ""), a.target.sopInstanceUid, {}};
        if (framesOf[a.target.sopInstanceUid] > 1) ref.frames = {a.target.frame + 1};
        addAnnotation(ps, a, std::move(ref), measurements, notes);
        ++saved.annotations;
    }
    addLayers(ps, measurements, notes);
    ps.shutters = shuttersOf(shutters);
    saved.shutters = int(shutters.size());
    saved.part10 = core::presentationStateBytes(ps, shownImage);
    return saved;
}

}  // namespace lightbox::viewer

namespace lightbox::viewer {

std::vector<AnnotationTarget> planesWithoutImage(const LoadedSeries& series, const AnnotationLayer& layer) {
    std::vector<AnnotationTarget> planes;
    for (const Annotation& a : layer.annotations()) {
        if (a.target.seriesInstanceUid != series.series.seriesInstanceUid || a.target.isImage() || onStoredSlice(a, series)) continue;
        if (std::none_of(planes.begin(), planes.end(), [&](const AnnotationTarget& p) { return p.sameAs(a.target); }))
            planes.push_back(a.target);
    }
    return planes;
}

std::vector<SavedPlaneImage> planeImagesOf(const LoadedSeries& series, const AnnotationLayer& layer, const core::WindowLevel& window) {
    std::vector<SavedPlaneImage> out;
    const std::string seriesUid = core::generateUid();
    int instance = 0;
    for (const AnnotationTarget& target : planesWithoutImage(series, layer)) {
        // The annotated plane, resliced at the volume's finest spacing.
        render::PlaneRequest request;
        request.kind = render::PlaneKind::Oblique;
        request.obliqueNormal = target.planeNormal;
        request.positionMm = core::dot(core::operator-(target.planePoint, render::volumeCentre(series.volume)), core::normalized(target.planeNormal));
        const render::SlicePlane plane = render::planeThroughVolume(series.volume, request);
        const render::SliceImage slice = series.reslicer->reslice(plane);
        SavedPlaneImage saved;
        const PlaneImage image = derivedPlaneImage(series, slice, window, seriesUid, 9000 + series.series.seriesNumber % 1000, ++instance);
        saved.imagePart10 = image.part10;
        saved.imageSopInstanceUid = image.sopInstanceUid;
        const core::DicomFile derived = core::DicomFile::fromBytes(image.part10);

        core::CurrentDisplay display;
        display.window = window;
        display.contentLabel = "LIGHTBOX";
        display.contentDescription = tr("annotations drawn on an MPR plane");
        saved.state.state = core::presentationStateFor(display, {derived});
        core::PresentationState& ps = saved.state.state;
        bool measurements = false, notes = false;
        for (const Annotation& a : layer.annotations()) {
            if (a.target.seriesInstanceUid != series.series.seriesInstanceUid || a.target.isImage() || !a.target.sameAs(target)) continue;
            if (onStoredSlice(a, series) || a.points.empty()) continue;  // carried by the series' own state
            Annotation onPlane = a;
            onPlane.points.clear();
            for (const core::Vec3& p : a.points) {
                const auto ij = plane.patientToPixel(p);
                onPlane.points.push_back({ij[0] + 0.5, ij[1] + 0.5, 0});  // GSPS PIXEL coordinates of the derived image
            }
            addAnnotation(ps, onPlane, {image.sopClassUid, image.sopInstanceUid, {}}, measurements, notes);
            ++saved.state.annotations;
        }
        addLayers(ps, measurements, notes);
        saved.state.part10 = core::presentationStateBytes(ps, derived);
        out.push_back(std::move(saved));
    }
    return out;
}

}  // namespace lightbox::viewer
