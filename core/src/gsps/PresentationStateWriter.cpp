#include "lightbox/core/PresentationStateWriter.h"

#include "PresentationTags.h"

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <numeric>

namespace lightbox::core {

namespace {

const char* kMeasurementLayer = "MEASUREMENTS";
const char* kAnnotationLayer = "ANNOTATIONS";

// CIELab scaled as PS3.3 C.10.7.1.1 says: L* 0..100, a*/b* -128..127 -> 0..0xFFFF.
std::array<std::uint16_t, 3> cielab(double L, double a, double b) {
    return {std::uint16_t(std::lround(L * 65535.0 / 100.0)), std::uint16_t(std::lround((a + 128) * 65535.0 / 255.0)),
            std::uint16_t(std::lround((b + 128) * 65535.0 / 255.0))};
}

// CS values: upper case letters, digits, space and underscore, 16 characters.
std::string codeString(const std::string& text, const std::string& fallback) {
    std::string out;
    for (char c : text) {
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ' ') out += c;
        else if (c == '-' || c == '.') out += '_';
        if (out.size() == 16) break;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out.empty() ? fallback : out;
}

std::string nowDate() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
    return buf;
}

std::string nowTime() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H%M%S", &tm);
    return buf;
}

std::string integerString(const std::vector<int>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "\\" : "") + std::to_string(values[i]);
    return out;
}

DatasetBuilder& sl(DatasetBuilder& b, Tag tag, const std::vector<std::int32_t>& values) {
    std::vector<std::uint8_t> bytes(values.size() * 4);
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return b.binary(tag, "SL", bytes);
}

// UTF-8 -> ISO 8859-1 when every character fits (nullopt otherwise).
std::optional<std::string> toLatin1(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += char(c);
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
            const auto d = static_cast<unsigned char>(utf8[++i]);
            out += char(((c & 0x03u) << 6) | (d & 0x3Fu));
        } else {
            return std::nullopt;
        }
    }
    return out;
}

// Text values are UTF-8 in memory. On disk: ASCII as is; text that fits
// ISO 8859-1 as ISO_IR 100 (what most peers read, DCMTK's dcmpschk included:
// 3.6.7 flags UTF-8 in ST as malformed); anything else as ISO_IR 192.
struct TextEncoding {
    bool latin1 = false;
    std::string operator()(const std::string& utf8) const { return latin1 ? toLatin1(utf8).value_or(utf8) : utf8; }
};

DatasetBuilder lutItem(const LookupTable& lut, bool withType, const std::string& type, const TextEncoding& enc) {
    DatasetBuilder item;
    const std::size_t count = lut.entries.size();
    item.usValues(tags::LUTDescriptor, {std::uint16_t(count >= 65536 ? 0 : count), std::uint16_t(lut.firstMapped & 0xFFFF),
                                        std::uint16_t(lut.bits)});
    std::vector<std::uint16_t> data;
    for (std::int32_t e : lut.entries) data.push_back(std::uint16_t(e));
    std::vector<std::uint8_t> bytes(data.size() * 2);
    std::memcpy(bytes.data(), data.data(), bytes.size());
    item.binary(tags::LUTData, "OW", bytes);
    if (!lut.explanation.empty()) item.text(tags::LUTExplanation, "LO", enc(lut.explanation));
    if (withType) item.text(tags::ModalityLUTType, "LO", type.empty() ? "US" : type);
    return item;
}

std::vector<DatasetBuilder> imageReferences(const std::vector<ImageReference>& refs) {
    std::vector<DatasetBuilder> items;
    for (const ImageReference& r : refs) {
        DatasetBuilder item;
        item.text(prtags::ReferencedSOPClassUID, "UI", r.sopClassUid).text(prtags::ReferencedSOPInstanceUID, "UI", r.sopInstanceUid);
        if (!r.frames.empty()) item.text(prtags::ReferencedFrameNumber, "IS", integerString(r.frames));
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<float> graphicData(const std::vector<Point2>& points) {
    std::vector<float> out;
    for (const Point2& p : points) out.push_back(float(p.x)), out.push_back(float(p.y));
    return out;
}

const char* unitsName(AnnotationUnits u) { return u == AnnotationUnits::Pixel ? "PIXEL" : "DISPLAY"; }

DatasetBuilder graphicItem(const GraphicObject& g) {
    DatasetBuilder item;
    item.text(prtags::GraphicAnnotationUnits, "CS", unitsName(g.units))
        .us(prtags::GraphicDimensions, 2)
        .us(prtags::NumberOfGraphicPoints, std::uint16_t(g.points.size()))
        .fl(prtags::GraphicData, graphicData(g.points))
        .text(prtags::GraphicType, "CS", graphicTypeName(g.type));
    const bool closed = g.type == GraphicType::Circle || g.type == GraphicType::Ellipse ||
                        (g.points.size() > 2 && g.points.front() == g.points.back());
    if (closed) item.text(prtags::GraphicFilled, "CS", g.filled ? "Y" : "N");
    return item;
}

DatasetBuilder textItem(const TextObject& t, const TextEncoding& enc) {
    DatasetBuilder item;
    item.text(prtags::UnformattedTextValue, "ST", enc(t.text));
    if (t.boxUnits) {
        item.text(prtags::BoundingBoxAnnotationUnits, "CS", unitsName(*t.boxUnits))
            .fl(prtags::BoundingBoxTopLeftHandCorner, graphicData({t.boxTopLeft}))
            .fl(prtags::BoundingBoxBottomRightHandCorner, graphicData({t.boxBottomRight}))
            .text(prtags::BoundingBoxTextHorizontalJustification, "CS", "LEFT");
    }
    if (t.anchorUnits) {
        item.text(prtags::AnchorPointAnnotationUnits, "CS", unitsName(*t.anchorUnits))
            .fl(prtags::AnchorPoint, graphicData({t.anchor}))
            .text(prtags::AnchorPointVisibility, "CS", t.anchorVisible ? "Y" : "N");
    }
    return item;
}

// One overlay plane (PS3.3 C.9.2): 1 bit per pixel packed into OW, bit 0
// first, frame after frame.
void writeOverlay(DatasetBuilder& b, const OverlayPlane& o, const TextEncoding& enc) {
    const std::uint16_t g = o.group;
    b.us(Tag(g, 0x0010), std::uint16_t(o.rows));
    b.us(Tag(g, 0x0011), std::uint16_t(o.columns));
    if (o.frames > 1 || o.imageFrameOrigin != 1) {  // a multi-frame overlay of a multi-frame image
        b.text(Tag(g, 0x0015), "IS", std::to_string(o.frames));
        b.us(Tag(g, 0x0051), std::uint16_t(o.imageFrameOrigin));
    }
    if (!o.description.empty()) b.text(Tag(g, 0x0022), "LO", enc(o.description));
    b.text(Tag(g, 0x0040), "CS", o.type == "R" ? "R" : "G");
    const std::int16_t origin[2] = {std::int16_t(o.originRow), std::int16_t(o.originColumn)};
    std::uint8_t originBytes[4];
    for (int i = 0; i < 2; ++i) {
        originBytes[2 * i] = std::uint8_t(std::uint16_t(origin[i]) & 0xFF);
        originBytes[2 * i + 1] = std::uint8_t(std::uint16_t(origin[i]) >> 8);
    }
    b.binary(Tag(g, 0x0050), "SS", originBytes);
    b.us(Tag(g, 0x0100), 1);
    b.us(Tag(g, 0x0102), 0);
    const std::size_t count = std::size_t(o.rows) * std::size_t(o.columns) * std::size_t(std::max(1, o.frames));
    std::vector<std::uint8_t> packed((count + 15) / 16 * 2, 0);  // whole 16-bit words
    for (std::size_t i = 0; i < count && i < o.bits.size(); ++i)
        if (o.bits[i]) packed[i / 8] = std::uint8_t(packed[i / 8] | (1u << (i % 8)));
    b.binary(Tag(g, 0x3000), "OW", packed);
}

// A Presentation LUT holds 10 to 16 bit entries (PS3.3 C.11.6.1); older
// states (and prLUTs.dcm) use 8: widen them to 16 bits for writing.
LookupTable presentationLutForWriting(LookupTable lut) {
    if (lut.bits >= 10) return lut;
    const double scale = 65535.0 / double((1 << lut.bits) - 1);
    for (std::int32_t& e : lut.entries) e = std::int32_t(std::lround(e * scale));
    lut.bits = 16;
    return lut;
}

// PS3.3 C.10.4: the corners name the image pixels that appear at the top
// left and bottom right of the display after rotation (clockwise) and flip.
std::array<std::int32_t, 4> displayedCorners(const DisplayedArea& a, const SpatialTransform& s) {
    const std::int32_t L = a.topLeftColumn, T = a.topLeftRow, R = a.bottomRightColumn, B = a.bottomRightRow;
    switch (s.rotation) {
        case 90: return s.flip ? std::array{L, T, R, B} : std::array{L, B, R, T};
        case 180: return s.flip ? std::array{L, B, R, T} : std::array{R, B, L, T};
        case 270: return s.flip ? std::array{R, B, L, T} : std::array{R, T, L, B};
        default: return s.flip ? std::array{R, T, L, B} : std::array{L, T, R, B};
    }
}

bool isAscii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

// The image's pixel aspect ratio (row : column size) as small integers: from
// Pixel Aspect Ratio, else the ratio of Pixel Spacing (or Imager Pixel
// Spacing); 1:1 when nothing says otherwise. 0.7\0.8 mm gives 7\8.
static std::array<int, 2> pixelAspectRatioOf(const Dataset& image) {
    std::vector<double> r = image.numbers(Tag(0x0028, 0x0034));
    if (r.size() < 2 || r[0] <= 0 || r[1] <= 0) r = image.numbers(tags::PixelSpacing);
    if (r.size() < 2 || r[0] <= 0 || r[1] <= 0) r = image.numbers(tags::ImagerPixelSpacing);
    if (r.size() < 2 || r[0] <= 0 || r[1] <= 0 || !std::isfinite(r[0]) || !std::isfinite(r[1])) return {1, 1};
    if (std::fabs(r[0] - r[1]) <= 1e-6 * std::max(r[0], r[1])) return {1, 1};
    // Scale to integers of at most 7 digits, then reduce.
    const double scale = 1.0e6 / std::max(r[0], r[1]);
    long long a = std::max(1LL, std::llround(r[0] * scale)), b = std::max(1LL, std::llround(r[1] * scale));
    const long long g = std::gcd(a, b);
    a /= g, b /= g;
    return {int(a), int(b)};
}

std::array<int, 4> zoomPanArea(int columns, int rows, int viewportWidth, int viewportHeight, double zoom, Point2 centre) {
    (void)columns, (void)rows;  // the area may extend past the image (SL corners)
    if (zoom <= 0 || viewportWidth <= 0 || viewportHeight <= 0)
        throw Error(ErrorCode::InvalidArgument, "zoom and viewport size must be positive");
    const double hw = viewportWidth / (2 * zoom), hh = viewportHeight / (2 * zoom);
    const int left = int(std::floor(centre.x - hw)) + 1, top = int(std::floor(centre.y - hh)) + 1;
    const int right = std::max(left, int(std::ceil(centre.x + hw))), bottom = std::max(top, int(std::ceil(centre.y + hh)));
    return {left, top, right, bottom};
}

PresentationState presentationStateFor(const CurrentDisplay& display, const std::vector<Dataset>& images) {
    if (images.empty()) throw Error(ErrorCode::InvalidArgument, "a presentation state needs at least one image");
    PresentationState ps;
    const Dataset& first = images.front();
    ps.studyInstanceUid = first.stringOr(tags::StudyInstanceUID, "");
    for (const Dataset& image : images) {
        if (image.stringOr(tags::StudyInstanceUID, "") != ps.studyInstanceUid)
            throw Error(ErrorCode::InvalidArgument, "a presentation state references images of one study only");
        if (!isMonochrome(parsePhotometric(image.stringOr(tags::PhotometricInterpretation, "MONOCHROME2"))))
            throw Error(ErrorCode::InvalidArgument, "a grayscale presentation state cannot reference a colour image");
        const std::string series = image.stringOr(tags::SeriesInstanceUID, "");
        auto it = std::find_if(ps.referencedSeries.begin(), ps.referencedSeries.end(),
                               [&](const SeriesReference& s) { return s.seriesInstanceUid == series; });
        if (it == ps.referencedSeries.end()) it = ps.referencedSeries.insert(ps.referencedSeries.end(), SeriesReference{series, {}});
        it->images.push_back(ImageReference{image.stringOr(tags::SOPClassUID, ""), image.stringOr(tags::SOPInstanceUID, ""), {}});
    }
    ps.sopInstanceUid = generateUid();
    ps.seriesInstanceUid = generateUid();
    ps.contentLabel = codeString(display.contentLabel, "LIGHTBOX");
    ps.contentDescription = display.contentDescription;
    ps.creatorName = display.creatorName;
    ps.creationDate = nowDate();
    ps.creationTime = nowTime();

    // The Modality LUT module is required when the images have one (A.33.1).
    if (first.has(tags::ModalityLUTSequence) || first.hasValue(tags::RescaleSlope) || first.hasValue(tags::RescaleIntercept)) {
        ImageLuts luts = ImageLuts::from(first, Photometric::Monochrome2);
        ps.modality = luts.modality;
        if (ps.modality->rescaleType.empty())
            ps.modality->rescaleType = first.stringOr(tags::Modality, "") == "CT" ? "HU" : "US";
    }
    if (display.window || display.voiLut) {
        SoftcopyVoi v;
        if (display.voiLut) v.lut = display.voiLut;
        else v.window = display.window;
        ps.vois.push_back(std::move(v));
    }
    // The display's shape is relative to how the image shows by default; a
    // MONOCHROME1 image shows inverted, which a state says with INVERSE
    // (P-values: PS3.3 C.11.6; DCMTK's dcmpsmk does the same).
    ps.presentationShape = display.presentationShape;
    if (parsePhotometric(first.stringOr(tags::PhotometricInterpretation, "")) == Photometric::Monochrome1) {
        if (ps.presentationShape == PresentationShape::Identity) ps.presentationShape = PresentationShape::Inverse;
        else if (ps.presentationShape == PresentationShape::Inverse) ps.presentationShape = PresentationShape::Identity;
    }
    ps.presentationLut = display.presentationLut;
    ps.spatial = display.spatial;

    DisplayedArea area;
    const int columns = int(first.integer(tags::Columns).value_or(1)), rows = int(first.integer(tags::Rows).value_or(1));
    if (display.area) {
        area.topLeftColumn = (*display.area)[0], area.topLeftRow = (*display.area)[1];
        area.bottomRightColumn = (*display.area)[2], area.bottomRightRow = (*display.area)[3];
        if (area.width() < 1 || area.height() < 1)
            throw Error(ErrorCode::InvalidArgument, "the displayed area's bottom right corner lies above or left of its top left");
    } else {
        area.bottomRightColumn = columns, area.bottomRightRow = rows;
    }
    area.pixelAspectRatio = pixelAspectRatioOf(first);
    area.sizeMode = display.sizeMode;
    area.magnification = display.magnification;
    if (display.sizeMode == PresentationSizeMode::TrueSize) {
        std::vector<double> spacing = first.numbers(tags::PixelSpacing);
        if (spacing.size() < 2) spacing = first.numbers(tags::ImagerPixelSpacing);
        if (spacing.size() < 2) throw Error(ErrorCode::InvalidArgument, "TRUE SIZE needs an image with a pixel spacing");
        area.pixelSpacing = std::array<double, 2>{spacing[0], spacing[1]};
    }
    ps.displayedAreas.push_back(area);

    if (!display.measurements.empty()) {
        ps.layers.push_back(GraphicLayer{kMeasurementLayer, 1, {std::uint16_t(0xFFFF), cielab(97, -22, 94)}, "measurements"});
        GraphicAnnotation a;
        a.layer = kMeasurementLayer;
        for (const DisplayedMeasurement& m : display.measurements) {
            if (m.points.empty()) throw Error(ErrorCode::InvalidArgument, "a measurement without points");
            a.graphics.push_back(GraphicObject{AnnotationUnits::Pixel, m.type, m.points, m.filled});
            if (!m.text.empty()) {
                TextObject t;
                t.text = m.text;
                t.anchorUnits = AnnotationUnits::Pixel;
                t.anchor = m.points.front();
                t.anchorVisible = false;
                a.texts.push_back(std::move(t));
            }
        }
        ps.annotations.push_back(std::move(a));
    }
    if (!display.labels.empty()) {
        ps.layers.push_back(GraphicLayer{kAnnotationLayer, 2, {std::uint16_t(0xFFFF), cielab(100, 0, 0)}, "text annotations"});
        GraphicAnnotation a;
        a.layer = kAnnotationLayer;
        for (const DisplayedLabel& l : display.labels) {
            TextObject t;
            t.text = l.text;
            t.anchorUnits = AnnotationUnits::Pixel;
            t.anchor = l.anchor;
            t.anchorVisible = true;
            a.texts.push_back(std::move(t));
        }
        ps.annotations.push_back(std::move(a));
    }
    ps.shutters = display.shutters;
    return ps;
}

namespace {

DatasetBuilder build(const PresentationState& ps, const Dataset& image) {
    if (ps.referencedSeries.empty()) throw Error(ErrorCode::InvalidArgument, "the presentation state references no images");
    if (ps.displayedAreas.empty()) throw Error(ErrorCode::InvalidArgument, "the presentation state has no displayed area");
    DatasetBuilder b;
    // Which character set: look at every text value first.
    std::vector<std::string> allText{ps.contentDescription, ps.creatorName};
    for (Tag t : {tags::PatientName, tags::PatientID, tags::ReferringPhysicianName, tags::StudyID, tags::AccessionNumber,
                  tags::StudyDescription, tags::Laterality})
        allText.push_back(image.stringOr(t, ""));
    for (const GraphicLayer& l : ps.layers) allText.push_back(l.description);
    for (const GraphicAnnotation& a : ps.annotations)
        for (const TextObject& t : a.texts) allText.push_back(t.text);
    for (const SoftcopyVoi& v : ps.vois) allText.push_back(v.window ? v.window->explanation : v.lut ? v.lut->explanation : "");
    if (ps.presentationLut) allText.push_back(ps.presentationLut->explanation);
    if (ps.modality && ps.modality->lut) allText.push_back(ps.modality->lut->explanation);
    const bool ascii = std::all_of(allText.begin(), allText.end(), isAscii);
    TextEncoding enc;
    enc.latin1 = !ascii && std::all_of(allText.begin(), allText.end(), [](const std::string& t) { return toLatin1(t).has_value(); });
    if (!ascii) b.text(tags::SpecificCharacterSet, "CS", enc.latin1 ? "ISO_IR 100" : "ISO_IR 192");
    auto text = [&](Tag tag, const char* vr, const std::string& value) { b.text(tag, vr, enc(value)); };
    auto type2 = [&](Tag tag, const char* vr, const std::optional<std::string>& value) {
        if (value) text(tag, vr, *value);
        else b.empty(tag, vr);
    };
    // SOP Common, Patient, General Study.
    b.text(tags::SOPClassUID, "UI", kGrayscaleSoftcopyPresentationStateStorage);
    b.text(tags::SOPInstanceUID, "UI", ps.sopInstanceUid.empty() ? generateUid() : ps.sopInstanceUid);
    type2(tags::PatientName, "PN", image.string(tags::PatientName));
    type2(tags::PatientID, "LO", image.string(tags::PatientID));
    type2(tags::PatientBirthDate, "DA", image.string(tags::PatientBirthDate));
    type2(tags::PatientSex, "CS", image.string(tags::PatientSex));
    b.text(tags::StudyInstanceUID, "UI", image.stringOr(tags::StudyInstanceUID, ps.studyInstanceUid));
    type2(tags::StudyDate, "DA", image.string(tags::StudyDate));
    type2(tags::StudyTime, "TM", image.string(tags::StudyTime));
    type2(tags::ReferringPhysicianName, "PN", image.string(tags::ReferringPhysicianName));
    type2(tags::StudyID, "SH", image.string(tags::StudyID));
    type2(tags::AccessionNumber, "SH", image.string(tags::AccessionNumber));
    if (auto d = image.string(tags::StudyDescription)) text(tags::StudyDescription, "LO", *d);
    // General Series / Presentation Series, General Equipment.
    b.text(tags::Modality, "CS", "PR");
    b.text(tags::SeriesInstanceUID, "UI", ps.seriesInstanceUid.empty() ? generateUid() : ps.seriesInstanceUid);
    b.text(tags::SeriesNumber, "IS", "9901");
    // Type 2C (paired body parts): the image's when it has one, else empty -
    // a presentation state does not know better than its image.
    type2(tags::Laterality, "CS", image.string(tags::Laterality));
    b.text(tags::SeriesDescription, "LO", "Lightbox presentation states");
    b.text(tags::Manufacturer, "LO", "Lightbox");
    b.text(prtags::InstanceCreationDate, "DA", ps.creationDate.empty() ? nowDate() : ps.creationDate);
    b.text(prtags::InstanceCreationTime, "TM", ps.creationTime.empty() ? nowTime() : ps.creationTime);
    // Presentation State Identification.
    b.text(tags::InstanceNumber, "IS", std::to_string(ps.instanceNumber));
    b.text(prtags::ContentLabel, "CS", codeString(ps.contentLabel, "LIGHTBOX"));
    type2(prtags::ContentDescription, "LO", ps.contentDescription.empty() ? std::nullopt : std::optional(ps.contentDescription));
    b.text(prtags::PresentationCreationDate, "DA", ps.creationDate.empty() ? nowDate() : ps.creationDate);
    b.text(prtags::PresentationCreationTime, "TM", ps.creationTime.empty() ? nowTime() : ps.creationTime);
    type2(prtags::ContentCreatorName, "PN", ps.creatorName.empty() ? std::nullopt : std::optional(ps.creatorName));
    // Presentation State Relationship.
    std::vector<DatasetBuilder> series;
    for (const SeriesReference& s : ps.referencedSeries) {
        DatasetBuilder item;
        item.sequence(prtags::ReferencedImageSequence, imageReferences(s.images));
        item.text(tags::SeriesInstanceUID, "UI", s.seriesInstanceUid);
        series.push_back(std::move(item));
    }
    b.sequence(prtags::ReferencedSeriesSequence, series);
    // Modality LUT.
    if (ps.modality) {
        if (ps.modality->lut) {
            b.sequence(tags::ModalityLUTSequence, {lutItem(*ps.modality->lut, true, ps.modality->rescaleType, enc)});
        } else {
            b.text(tags::RescaleIntercept, "DS", formatDs(ps.modality->intercept));
            b.text(tags::RescaleSlope, "DS", formatDs(ps.modality->slope));
            b.text(tags::RescaleType, "LO", ps.modality->rescaleType.empty() ? "US" : ps.modality->rescaleType);
        }
    }
    // Softcopy VOI LUT.
    if (!ps.vois.empty()) {
        std::vector<DatasetBuilder> items;
        for (const SoftcopyVoi& v : ps.vois) {
            DatasetBuilder item;
            if (!v.subset.images.empty()) item.sequence(prtags::ReferencedImageSequence, imageReferences(v.subset.images));
            if (v.lut) {
                item.sequence(tags::VOILUTSequence, {lutItem(*v.lut, false, "", enc)});
            } else if (v.window) {
                item.text(tags::WindowCenter, "DS", formatDs(v.window->center));
                item.text(tags::WindowWidth, "DS", formatDs(v.window->width));
                if (!v.window->explanation.empty()) item.text(tags::WindowCenterWidthExplanation, "LO", enc(v.window->explanation));
                if (v.window->function != VoiFunction::Linear) item.text(tags::VOILUTFunction, "CS", voiFunctionName(v.window->function));
            }
            items.push_back(std::move(item));
        }
        b.sequence(prtags::SoftcopyVOILUTSequence, items);
    }
    // Softcopy Presentation LUT.
    if (ps.presentationShape == PresentationShape::Table && ps.presentationLut)
        b.sequence(tags::PresentationLUTSequence, {lutItem(presentationLutForWriting(*ps.presentationLut), false, "", enc)});
    else
        b.text(tags::PresentationLUTShape, "CS", ps.presentationShape == PresentationShape::Inverse ? "INVERSE" : "IDENTITY");
    // Spatial Transformation.
    if (ps.spatial.rotation != 0 || ps.spatial.flip) {
        b.us(prtags::ImageRotation, std::uint16_t(ps.spatial.rotation));
        b.text(prtags::ImageHorizontalFlip, "CS", ps.spatial.flip ? "Y" : "N");
    }
    // Displayed Area.
    std::vector<DatasetBuilder> areas;
    for (const DisplayedArea& a : ps.displayedAreas) {
        DatasetBuilder item;
        if (!a.subset.images.empty()) item.sequence(prtags::ReferencedImageSequence, imageReferences(a.subset.images));
        const auto corners = displayedCorners(a, ps.spatial);
        sl(item, prtags::DisplayedAreaTopLeftHandCorner, {corners[0], corners[1]});
        sl(item, prtags::DisplayedAreaBottomRightHandCorner, {corners[2], corners[3]});
        item.text(prtags::PresentationSizeMode, "CS", presentationSizeModeName(a.sizeMode));
        if (a.pixelSpacing) item.text(prtags::PresentationPixelSpacing, "DS", formatDsList({(*a.pixelSpacing)[0], (*a.pixelSpacing)[1]}));
        else item.text(prtags::PresentationPixelAspectRatio, "IS", integerString({a.pixelAspectRatio[0], a.pixelAspectRatio[1]}));
        if (a.sizeMode == PresentationSizeMode::Magnify) item.fl(prtags::PresentationPixelMagnificationRatio, {float(a.magnification)});
        areas.push_back(std::move(item));
    }
    b.sequence(prtags::DisplayedAreaSelectionSequence, areas);
    // Graphic Layer and Graphic Annotation.
    if (!ps.layers.empty()) {
        std::vector<DatasetBuilder> layers;
        for (const GraphicLayer& l : ps.layers) {
            DatasetBuilder item;
            item.text(prtags::GraphicLayer, "CS", codeString(l.name, "LAYER"));
            item.text(prtags::GraphicLayerOrder, "IS", std::to_string(l.order));
            if (l.colour.grayscale) item.us(prtags::GraphicLayerRecommendedDisplayGrayscaleValue, *l.colour.grayscale);
            if (l.colour.cielab)
                item.usValues(prtags::GraphicLayerRecommendedDisplayCIELabValue,
                              {(*l.colour.cielab)[0], (*l.colour.cielab)[1], (*l.colour.cielab)[2]});
            if (!l.description.empty()) item.text(prtags::GraphicLayerDescription, "LO", enc(l.description));
            layers.push_back(std::move(item));
        }
        b.sequence(prtags::GraphicLayerSequence, layers);
    }
    if (!ps.annotations.empty()) {
        std::vector<DatasetBuilder> annotations;
        for (const GraphicAnnotation& a : ps.annotations) {
            DatasetBuilder item;
            if (!a.subset.images.empty()) item.sequence(prtags::ReferencedImageSequence, imageReferences(a.subset.images));
            item.text(prtags::GraphicLayer, "CS", codeString(a.layer, "LAYER"));
            if (!a.texts.empty()) {
                std::vector<DatasetBuilder> items;
                for (const TextObject& t : a.texts) items.push_back(textItem(t, enc));
                item.sequence(prtags::TextObjectSequence, items);
            }
            if (!a.graphics.empty()) {
                std::vector<DatasetBuilder> graphics;
                for (const GraphicObject& g : a.graphics) graphics.push_back(graphicItem(g));
                item.sequence(prtags::GraphicObjectSequence, graphics);
            }
            annotations.push_back(std::move(item));
        }
        b.sequence(prtags::GraphicAnnotationSequence, annotations);
    }
    // Display Shutter and Presentation State Shutter.
    const Shutters& s = ps.shutters;
    if (s.bitmapOverlayGroup && (s.rectangular || s.circular || s.polygonal))
        throw Error(ErrorCode::InvalidArgument,
                    "a presentation state has display shutters or a bitmap shutter, not both (PS3.3 A.33.1)");
    if (s.rectangular || s.circular || s.polygonal) {
        std::string shapes;
        auto add = [&](const char* shape) { shapes += (shapes.empty() ? "" : "\\") + std::string(shape); };
        if (s.rectangular) {
            add("RECTANGULAR");
            b.text(prtags::ShutterLeftVerticalEdge, "IS", std::to_string(s.left));
            b.text(prtags::ShutterRightVerticalEdge, "IS", std::to_string(s.right));
            b.text(prtags::ShutterUpperHorizontalEdge, "IS", std::to_string(s.upper));
            b.text(prtags::ShutterLowerHorizontalEdge, "IS", std::to_string(s.lower));
        }
        if (s.circular) {
            add("CIRCULAR");
            b.text(prtags::CenterOfCircularShutter, "IS",
                   integerString({int(std::lround(s.circleCentre.y)), int(std::lround(s.circleCentre.x))}));
            b.text(prtags::RadiusOfCircularShutter, "IS", std::to_string(std::lround(s.circleRadius)));
        }
        if (s.polygonal) {
            add("POLYGONAL");
            std::vector<int> vertices;
            for (const Point2& p : s.polygon) vertices.push_back(int(std::lround(p.y))), vertices.push_back(int(std::lround(p.x)));
            b.text(prtags::VerticesOfThePolygonalShutter, "IS", integerString(vertices));
        }
        b.text(prtags::ShutterShape, "CS", shapes);
        b.us(prtags::ShutterPresentationValue, s.presentationValue);
    } else if (s.bitmapOverlayGroup) {
        // Bitmap Display Shutter (C.7.6.15): an overlay group, of the state or the image.
        b.text(prtags::ShutterShape, "CS", "BITMAP");
        b.us(prtags::ShutterOverlayGroup, *s.bitmapOverlayGroup);
        b.us(prtags::ShutterPresentationValue, s.presentationValue);
    }
    // A grayscale state gives the Shutter Presentation Value; its CIELab
    // colour is the alternative of colour states (PS3.3 C.11.12: one or the
    // other) and is not written.
    // Overlay Plane (C.9.2) for the bitmaps the state carries, Overlay
    // Activation (C.11.7) for the groups it shows in a layer.
    for (const OverlayPlane& o : ps.overlays) writeOverlay(b, o, enc);
    for (const OverlayActivation& a : ps.overlayActivations)
        b.text(Tag(a.group, prtags::OverlayActivationLayerElement), "CS", codeString(a.layer, "LAYER"));
    return b;
}

}  // namespace

std::string presentationStateBytes(const PresentationState& ps, const Dataset& referencedImage) {
    return build(ps, referencedImage).toBytes();
}

void writePresentationState(const PresentationState& ps, const Dataset& referencedImage, const std::filesystem::path& path) {
    build(ps, referencedImage).write(path);  // atomic: temporary file, fsync, rename
}

}  // namespace lightbox::core
