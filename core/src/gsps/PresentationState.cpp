#include "lightbox/core/PresentationState.h"

#include "PresentationTags.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include <algorithm>
#include <cmath>

namespace lightbox::core {

bool ImageSubset::appliesTo(const std::string& sopInstanceUid, int frame) const {
    if (images.empty()) return true;
    for (const ImageReference& r : images) {
        if (r.sopInstanceUid != sopInstanceUid) continue;
        if (r.frames.empty() || frame <= 0) return true;
        if (std::find(r.frames.begin(), r.frames.end(), frame) != r.frames.end()) return true;
    }
    return false;
}

std::string presentationSizeModeName(PresentationSizeMode mode) {
    switch (mode) {
        case PresentationSizeMode::TrueSize: return "TRUE SIZE";
        case PresentationSizeMode::Magnify: return "MAGNIFY";
        case PresentationSizeMode::ScaleToFit: break;
    }
    return "SCALE TO FIT";
}

std::string graphicTypeName(GraphicType type) {
    switch (type) {
        case GraphicType::Point: return "POINT";
        case GraphicType::Interpolated: return "INTERPOLATED";
        case GraphicType::Circle: return "CIRCLE";
        case GraphicType::Ellipse: return "ELLIPSE";
        case GraphicType::Polyline: break;
    }
    return "POLYLINE";
}

namespace {

std::vector<ImageReference> readImageReferences(const Dataset& parent) {
    std::vector<ImageReference> out;
    for (const Dataset& item : parent.items(prtags::ReferencedImageSequence)) {
        ImageReference r;
        r.sopClassUid = item.stringOr(prtags::ReferencedSOPClassUID, "");
        r.sopInstanceUid = item.stringOr(prtags::ReferencedSOPInstanceUID, "");
        for (double f : item.numbers(prtags::ReferencedFrameNumber))
            if (f >= 1) r.frames.push_back(int(f));
        if (!r.sopInstanceUid.empty()) out.push_back(std::move(r));
    }
    return out;
}

// Displayed areas: corners within +-2^20 pixels, at most 2^26 pixels shown.
constexpr double kMaxAreaExtent = 1048576.0;
constexpr double kMaxAreaPixels = 67108864.0;
// Graphic coordinates beyond this are corrupt whatever the image (and would
// make drawing loops run for ever).
constexpr double kMaxCoordinate = 1.0e6;

void requireFinite(const std::vector<Point2>& points, const std::string& what) {
    for (const Point2& p : points)
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::fabs(p.x) > kMaxCoordinate || std::fabs(p.y) > kMaxCoordinate)
            throw Error(ErrorCode::InvalidAttribute, what + " holds a coordinate that is not a finite number within range");
}

AnnotationUnits parseUnits(const std::string& text, const std::string& what) {
    // MATRIX (PS3.3 C.10.5.1.1) addresses the Total Pixel Matrix of tiled
    // images; for every other image it is the pixel grid.
    if (text == "PIXEL" || text == "MATRIX") return AnnotationUnits::Pixel;
    if (text == "DISPLAY") return AnnotationUnits::Display;
    throw Error(ErrorCode::InvalidAttribute, what + " is '" + text + "', expected PIXEL or DISPLAY");
}

Point2 point(const std::vector<double>& v, std::size_t at = 0) {
    return Point2{v.size() > at ? v[at] : 0.0, v.size() > at + 1 ? v[at + 1] : 0.0};
}

std::optional<GraphicType> parseGraphicType(const std::string& text) {
    if (text == "POINT") return GraphicType::Point;
    if (text == "POLYLINE") return GraphicType::Polyline;
    if (text == "INTERPOLATED") return GraphicType::Interpolated;
    if (text == "CIRCLE") return GraphicType::Circle;
    if (text == "ELLIPSE") return GraphicType::Ellipse;
    return std::nullopt;
}

GraphicObject readGraphic(const Dataset& item) {
    GraphicObject g;
    g.units = parseUnits(item.stringOr(prtags::GraphicAnnotationUnits, ""), "Graphic Annotation Units");
    const std::string typeText = item.stringOr(prtags::GraphicType, "");
    auto type = parseGraphicType(typeText);
    if (!type) throw Error(ErrorCode::InvalidAttribute, "Graphic Type '" + typeText + "' is not a GSPS graphic type");
    g.type = *type;
    std::vector<double> data = item.numbers(prtags::GraphicData);
    const std::size_t count = std::size_t(item.integer(prtags::NumberOfGraphicPoints).value_or(static_cast<long long>(data.size() / 2)));
    if (count * 2 > data.size())
        throw Error(ErrorCode::InvalidAttribute, "Graphic Data holds " + std::to_string(data.size()) + " values for " +
                                                     std::to_string(count) + " points");
    for (std::size_t i = 0; i < count; ++i) g.points.push_back(point(data, 2 * i));
    requireFinite(g.points, "Graphic Data");
    g.filled = item.stringOr(prtags::GraphicFilled, "N") == "Y";
    const std::size_t needed = g.type == GraphicType::Point ? 1 : g.type == GraphicType::Circle ? 2 : g.type == GraphicType::Ellipse ? 4 : 2;
    if (g.points.size() < needed)
        throw Error(ErrorCode::InvalidAttribute, graphicTypeName(g.type) + " graphic with " + std::to_string(g.points.size()) + " points");
    return g;
}

TextObject readText(const Dataset& item) {
    TextObject t;
    t.text = item.stringOr(prtags::UnformattedTextValue, "");
    if (item.hasValue(prtags::BoundingBoxTopLeftHandCorner)) {
        t.boxUnits = parseUnits(item.stringOr(prtags::BoundingBoxAnnotationUnits, ""), "Bounding Box Annotation Units");
        t.boxTopLeft = point(item.numbers(prtags::BoundingBoxTopLeftHandCorner));
        t.boxBottomRight = point(item.numbers(prtags::BoundingBoxBottomRightHandCorner));
    }
    if (item.hasValue(prtags::AnchorPoint)) {
        t.anchorUnits = parseUnits(item.stringOr(prtags::AnchorPointAnnotationUnits, ""), "Anchor Point Annotation Units");
        t.anchor = point(item.numbers(prtags::AnchorPoint));
        t.anchorVisible = item.stringOr(prtags::AnchorPointVisibility, "N") == "Y";
    }
    requireFinite({t.boxTopLeft, t.boxBottomRight, t.anchor}, "text object coordinates");
    if (!t.boxUnits && !t.anchorUnits)
        throw Error(ErrorCode::InvalidAttribute, "text object '" + t.text + "' has neither a bounding box nor an anchor point");
    return t;
}

void readShutters(const Dataset& ds, Shutters& s) {
    std::vector<std::string> shapes = ds.strings(prtags::ShutterShape);
    auto has = [&](const char* shape) { return std::find(shapes.begin(), shapes.end(), shape) != shapes.end(); };
    if (has("RECTANGULAR")) {
        auto l = ds.number(prtags::ShutterLeftVerticalEdge), r = ds.number(prtags::ShutterRightVerticalEdge);
        auto u = ds.number(prtags::ShutterUpperHorizontalEdge), d = ds.number(prtags::ShutterLowerHorizontalEdge);
        if (!l || !r || !u || !d) throw Error(ErrorCode::MissingAttribute, "rectangular shutter without its four edges");
        s.rectangular = true;
        s.left = int(*l), s.right = int(*r), s.upper = int(*u), s.lower = int(*d);
    }
    if (has("CIRCULAR")) {
        std::vector<double> c = ds.numbers(prtags::CenterOfCircularShutter);
        auto radius = ds.number(prtags::RadiusOfCircularShutter);
        if (c.size() < 2 || !radius) throw Error(ErrorCode::MissingAttribute, "circular shutter without centre or radius");
        s.circular = true;
        s.circleCentre = Point2{c[1], c[0]};  // stored row\column
        s.circleRadius = *radius;
        requireFinite({s.circleCentre, Point2{s.circleRadius, 0}}, "circular shutter");
    }
    if (has("POLYGONAL")) {
        std::vector<double> v = ds.numbers(prtags::VerticesOfThePolygonalShutter);
        if (v.size() < 6) throw Error(ErrorCode::MissingAttribute, "polygonal shutter with fewer than three vertices");
        s.polygonal = true;
        for (std::size_t i = 0; i + 1 < v.size(); i += 2) s.polygon.push_back(Point2{v[i + 1], v[i]});  // row\column pairs
        requireFinite(s.polygon, "polygonal shutter");
    }
    if (has("BITMAP")) {
        auto group = ds.integer(prtags::ShutterOverlayGroup);
        if (!group) throw Error(ErrorCode::MissingAttribute, "bitmap shutter without Shutter Overlay Group");
        s.bitmapOverlayGroup = std::uint16_t(*group);
    }
    s.presentationValue = std::uint16_t(ds.integer(prtags::ShutterPresentationValue).value_or(0));
    const std::vector<double> lab = ds.numbers(prtags::ShutterPresentationColorCIELabValue);
    if (lab.size() == 3 && std::all_of(lab.begin(), lab.end(), [](double v) { return v >= 0 && v <= 65535; }))
        s.presentationColourCielab = std::array<std::uint16_t, 3>{std::uint16_t(lab[0]), std::uint16_t(lab[1]), std::uint16_t(lab[2])};
}

}  // namespace

PresentationState PresentationState::from(const Dataset& ds) {
    PresentationState ps;
    ps.sopClassUid = ds.stringOr(tags::SOPClassUID, "");
    if (ps.sopClassUid != kGrayscaleSoftcopyPresentationStateStorage)
        throw Error(ErrorCode::InvalidAttribute,
                    "not a Grayscale Softcopy Presentation State (SOP Class '" + ps.sopClassUid + "')");
    ps.sopInstanceUid = ds.stringOr(tags::SOPInstanceUID, "");
    ps.studyInstanceUid = ds.stringOr(tags::StudyInstanceUID, "");
    ps.seriesInstanceUid = ds.stringOr(tags::SeriesInstanceUID, "");
    ps.instanceNumber = int(ds.integer(tags::InstanceNumber).value_or(1));
    ps.contentLabel = ds.stringOr(prtags::ContentLabel, "");
    ps.contentDescription = ds.stringOr(prtags::ContentDescription, "");
    ps.creatorName = ds.stringOr(prtags::ContentCreatorName, "");
    ps.creationDate = ds.stringOr(prtags::PresentationCreationDate, "");
    ps.creationTime = ds.stringOr(prtags::PresentationCreationTime, "");

    for (const Dataset& series : ds.items(prtags::ReferencedSeriesSequence)) {
        SeriesReference s;
        s.seriesInstanceUid = series.stringOr(tags::SeriesInstanceUID, "");
        s.images = readImageReferences(series);
        ps.referencedSeries.push_back(std::move(s));
    }
    if (ps.referencedSeries.empty())
        throw Error(ErrorCode::MissingAttribute, "presentation state references no series (Referenced Series Sequence)");

    // Modality LUT module of the presentation state (replaces the image's).
    if (ds.has(tags::ModalityLUTSequence) || ds.hasValue(tags::RescaleSlope) || ds.hasValue(tags::RescaleIntercept))
        ps.modality = ImageLuts::from(ds, Photometric::Monochrome2).modality;
    const bool signedModality = ps.modality && !ps.modality->lut && ps.modality->intercept < 0;

    for (const Dataset& item : ds.items(prtags::SoftcopyVOILUTSequence)) {
        SoftcopyVoi v;
        v.subset.images = readImageReferences(item);
        if (auto seq = item.items(tags::VOILUTSequence); !seq.empty()) v.lut = LookupTable::from(seq.front(), signedModality);
        ImageLuts luts = ImageLuts::from(item, Photometric::Monochrome2);
        if (!luts.windows.empty()) v.window = luts.windows.front();
        if (v.window || v.lut) ps.vois.push_back(std::move(v));
    }

    if (auto seq = ds.items(tags::PresentationLUTSequence); !seq.empty()) {
        ps.presentationLut = LookupTable::from(seq.front(), false);
        if (!ps.presentationLut) throw Error(ErrorCode::InvalidAttribute, "Presentation LUT Sequence item without a usable LUT");
        ps.presentationShape = PresentationShape::Table;
    } else {
        const std::string shape = ds.stringOr(tags::PresentationLUTShape, "IDENTITY");
        ps.presentationShape = shape == "INVERSE" ? PresentationShape::Inverse : PresentationShape::Identity;
    }

    const long long rotation = ds.integer(prtags::ImageRotation).value_or(0);
    if (rotation % 90 != 0 || rotation < 0 || rotation > 270)
        throw Error(ErrorCode::InvalidAttribute, "Image Rotation " + std::to_string(rotation) + " is not 0, 90, 180 or 270");
    ps.spatial.rotation = int(rotation);
    ps.spatial.flip = ds.stringOr(prtags::ImageHorizontalFlip, "N") == "Y";

    for (const Dataset& item : ds.items(prtags::DisplayedAreaSelectionSequence)) {
        DisplayedArea a;
        a.subset.images = readImageReferences(item);
        std::vector<double> tl = item.numbers(prtags::DisplayedAreaTopLeftHandCorner);
        std::vector<double> br = item.numbers(prtags::DisplayedAreaBottomRightHandCorner);
        if (tl.size() < 2 || br.size() < 2)
            throw Error(ErrorCode::MissingAttribute, "displayed area without its top left / bottom right corners");
        // Corners far outside any image (corrupt SL values) would ask for
        // an absurd display: refuse them rather than allocate.
        for (double v : {tl[0], tl[1], br[0], br[1]})
            if (!std::isfinite(v) || std::fabs(v) > kMaxAreaExtent)
                throw Error(ErrorCode::InvalidAttribute, "displayed area corner " + std::to_string(std::llround(v)) + " is out of range");
        if (std::fabs(br[0] - tl[0]) + 1 > kMaxAreaExtent / 16 || std::fabs(br[1] - tl[1]) + 1 > kMaxAreaExtent / 16 ||
            (std::fabs(br[0] - tl[0]) + 1) * (std::fabs(br[1] - tl[1]) + 1) > kMaxAreaPixels)
            throw Error(ErrorCode::InvalidAttribute, "displayed area larger than any display");
        // The corners are given after the spatial transformation: the box is their span.
        a.topLeftColumn = int(std::min(tl[0], br[0])), a.topLeftRow = int(std::min(tl[1], br[1]));
        a.bottomRightColumn = int(std::max(tl[0], br[0])), a.bottomRightRow = int(std::max(tl[1], br[1]));
        const std::string mode = item.stringOr(prtags::PresentationSizeMode, "SCALE TO FIT");
        a.sizeMode = mode == "TRUE SIZE" ? PresentationSizeMode::TrueSize
                     : mode == "MAGNIFY" ? PresentationSizeMode::Magnify
                                         : PresentationSizeMode::ScaleToFit;
        if (std::vector<double> sp = item.numbers(prtags::PresentationPixelSpacing); sp.size() >= 2)
            a.pixelSpacing = std::array<double, 2>{sp[0], sp[1]};
        if (std::vector<double> ar = item.numbers(prtags::PresentationPixelAspectRatio); ar.size() >= 2 && ar[0] > 0 && ar[1] > 0)
            a.pixelAspectRatio = {int(ar[0]), int(ar[1])};
        a.magnification = item.number(prtags::PresentationPixelMagnificationRatio).value_or(1.0);
        ps.displayedAreas.push_back(std::move(a));
    }

    for (const Dataset& item : ds.items(prtags::GraphicLayerSequence)) {
        GraphicLayer l;
        l.name = item.stringOr(prtags::GraphicLayer, "");
        l.order = int(item.integer(prtags::GraphicLayerOrder).value_or(0));
        if (auto g = item.integer(prtags::GraphicLayerRecommendedDisplayGrayscaleValue)) l.colour.grayscale = std::uint16_t(*g);
        if (std::vector<double> lab = item.numbers(prtags::GraphicLayerRecommendedDisplayCIELabValue); lab.size() >= 3)
            l.colour.cielab = std::array<std::uint16_t, 3>{std::uint16_t(lab[0]), std::uint16_t(lab[1]), std::uint16_t(lab[2])};
        l.description = item.stringOr(prtags::GraphicLayerDescription, "");
        ps.layers.push_back(std::move(l));
    }
    std::stable_sort(ps.layers.begin(), ps.layers.end(), [](const GraphicLayer& a, const GraphicLayer& b) { return a.order < b.order; });

    for (const Dataset& item : ds.items(prtags::GraphicAnnotationSequence)) {
        GraphicAnnotation a;
        a.subset.images = readImageReferences(item);
        a.layer = item.stringOr(prtags::GraphicLayer, "");
        if (!ps.layer(a.layer))
            throw Error(ErrorCode::InvalidAttribute, "graphic annotation in layer '" + a.layer + "', which the Graphic Layer Sequence lacks");
        for (const Dataset& g : item.items(prtags::GraphicObjectSequence)) a.graphics.push_back(readGraphic(g));
        for (const Dataset& t : item.items(prtags::TextObjectSequence)) a.texts.push_back(readText(t));
        ps.annotations.push_back(std::move(a));
    }

    readShutters(ds, ps.shutters);
    ps.overlays = readOverlays(ds);
    for (std::uint16_t group = 0x6000; group <= 0x601E; group = std::uint16_t(group + 2))
        if (auto layer = ds.string(Tag(group, prtags::OverlayActivationLayerElement)))
            ps.overlayActivations.push_back(OverlayActivation{group, *layer});
    return ps;
}

PresentationState PresentationState::read(const std::filesystem::path& path) {
    DicomFile file = DicomFile::open(path, DicomFile::Extent::Everything);
    try {
        return from(file);
    } catch (const Error& e) {
        throw Error(e.code(), path.string() + ": " + e.what());
    }
}

bool PresentationState::references(const std::string& imageUid, int frame) const {
    for (const SeriesReference& s : referencedSeries) {
        ImageSubset subset{s.images};
        if (!s.images.empty() && subset.appliesTo(imageUid, frame)) return true;
    }
    return false;
}

const SoftcopyVoi* PresentationState::voiFor(const std::string& imageUid, int frame) const {
    for (const SoftcopyVoi& v : vois)
        if (v.subset.appliesTo(imageUid, frame)) return &v;
    return nullptr;
}

const DisplayedArea* PresentationState::displayedAreaFor(const std::string& imageUid, int frame) const {
    for (const DisplayedArea& a : displayedAreas)
        if (a.subset.appliesTo(imageUid, frame)) return &a;
    return nullptr;
}

const GraphicLayer* PresentationState::layer(const std::string& name) const {
    for (const GraphicLayer& l : layers)
        if (l.name == name) return &l;
    return nullptr;
}

}  // namespace lightbox::core
