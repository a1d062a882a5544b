// lightbox-cli gsps: writing and inspecting Grayscale Softcopy Presentation States.

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/PresentationStates.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Measurement.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateWriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace lightbox::cli {

namespace {

std::vector<double> numbersOf(const std::string& option, const std::string& text, std::size_t count) {
    std::vector<double> out;
    const char* p = text.c_str();
    for (std::size_t i = 0; i < count; ++i) {
        char* end = nullptr;
        out.push_back(std::strtod(p, &end));
        if (end == p || (i + 1 < count && *end != ',') || (i + 1 == count && *end != '\0'))
            throw UsageError{"--" + option + " expects " + std::to_string(count) + " comma-separated numbers, got '" + text + "'"};
        p = end + 1;
    }
    return out;
}

// Every comma-separated number of `text` (at least one).
std::vector<double> numberList(const std::string& option, const std::string& text) {
    std::vector<double> out;
    const char* p = text.c_str();
    while (true) {
        char* end = nullptr;
        out.push_back(std::strtod(p, &end));
        if (end == p || !std::isfinite(out.back()) || (*end != ',' && *end != '\0'))
            throw UsageError{"--" + option + " expects comma-separated numbers, got '" + text + "'"};
        if (*end == '\0') return out;
        p = end + 1;
    }
}

// --shutter rect:X1,Y1,X2,Y2 | circle:CX,CY,R | poly:X1,Y1,X2,Y2,X3,Y3,... in
// DICOM pixel indices (column,row, the top-left pixel at 1,1; a rectangle's
// edges inclusive), added to `s`. Each shape once (the Display Shutter module
// holds one of each; they combine: only their intersection stays open).
void addShutter(core::Shutters& s, const std::string& value) {
    const auto colon = value.find(':');
    const std::string shape = value.substr(0, colon == std::string::npos ? 0 : colon);
    const std::string numbers = colon == std::string::npos ? value : value.substr(colon + 1);
    auto whole = [&](double v) {
        if (v != std::round(v) || std::abs(v) > 1e7)
            throw UsageError{"--shutter expects whole pixel indices (the Display Shutter module stores integers), got '" + value + "'"};
        return int(v);
    };
    if (shape == "rect") {
        if (s.rectangular) throw UsageError{"--shutter rect given twice (a presentation state has one rectangular shutter)"};
        const std::vector<double> r = numbersOf("shutter rect:", numbers, 4);
        s.left = whole(std::min(r[0], r[2])), s.right = whole(std::max(r[0], r[2]));
        s.upper = whole(std::min(r[1], r[3])), s.lower = whole(std::max(r[1], r[3]));
        s.rectangular = true;
    } else if (shape == "circle") {
        if (s.circular) throw UsageError{"--shutter circle given twice (a presentation state has one circular shutter)"};
        const std::vector<double> c = numbersOf("shutter circle:", numbers, 3);
        if (c[2] <= 0) throw UsageError{"--shutter circle: the radius must be positive"};
        s.circleCentre = {double(whole(c[0])), double(whole(c[1]))};
        s.circleRadius = whole(c[2]);
        s.circular = true;
    } else if (shape == "poly") {
        if (s.polygonal) throw UsageError{"--shutter poly given twice (a presentation state has one polygonal shutter)"};
        const std::vector<double> v = numberList("shutter poly:", numbers);
        if (v.size() < 6 || v.size() % 2 != 0) throw UsageError{"--shutter poly expects at least three X,Y vertices, got '" + value + "'"};
        for (std::size_t i = 0; i + 1 < v.size(); i += 2) s.polygon.push_back({double(whole(v[i])), double(whole(v[i + 1]))});
        s.polygonal = true;
    } else {
        throw UsageError{"--shutter expects rect:X1,Y1,X2,Y2, circle:CX,CY,R or poly:X1,Y1,X2,Y2,X3,Y3,..., got '" + value + "'"};
    }
}

// Every value of a repeatable option, in order.
std::vector<std::string> allValues(int argc, char** argv, const std::string& option) {
    std::vector<std::string> out;
    for (int i = 2; i + 1 < argc; ++i)
        if (argv[i] == "--" + option) out.push_back(argv[++i]);
    return out;
}

// DICOM pixel indices (column,row; top-left pixel centre at 1,1) to image coordinates.
core::Point2 fromPixelCentre(double column, double row) { return {column - 0.5, row - 0.5}; }

const char* shapeName(core::PresentationShape s) {
    return s == core::PresentationShape::Inverse ? "INVERSE" : s == core::PresentationShape::Table ? "TABLE" : "IDENTITY";
}

nlohmann::json describe(const core::PresentationState& ps) {
    nlohmann::json j;
    j["sopInstanceUid"] = ps.sopInstanceUid;
    j["contentLabel"] = ps.contentLabel;
    j["contentDescription"] = ps.contentDescription;
    for (const auto& s : ps.referencedSeries)
        for (const auto& i : s.images) j["referencedImages"].push_back({{"series", s.seriesInstanceUid}, {"sopInstanceUid", i.sopInstanceUid}, {"frames", i.frames}});
    for (const auto& v : ps.vois) {
        if (v.window) j["voi"].push_back({{"center", v.window->center}, {"width", v.window->width}, {"function", core::voiFunctionName(v.window->function)}});
        else if (v.lut) j["voi"].push_back({{"lutEntries", v.lut->entries.size()}, {"explanation", v.lut->explanation}});
    }
    j["presentationLut"] = shapeName(ps.presentationShape);
    j["rotation"] = ps.spatial.rotation;
    j["flip"] = ps.spatial.flip;
    for (const auto& a : ps.displayedAreas)
        j["displayedAreas"].push_back({{"topLeft", {a.topLeftColumn, a.topLeftRow}}, {"bottomRight", {a.bottomRightColumn, a.bottomRightRow}},
                                       {"sizeMode", core::presentationSizeModeName(a.sizeMode)}});
    for (const auto& l : ps.layers) j["layers"].push_back({{"name", l.name}, {"order", l.order}});
    for (const auto& a : ps.annotations) {
        nlohmann::json ann{{"layer", a.layer}};
        for (const auto& g : a.graphics) {
            nlohmann::json points = nlohmann::json::array();
            for (const auto& p : g.points) points.push_back({p.x, p.y});
            ann["graphics"].push_back({{"type", core::graphicTypeName(g.type)}, {"units", g.units == core::AnnotationUnits::Pixel ? "PIXEL" : "DISPLAY"},
                                       {"points", points}, {"filled", g.filled}});
        }
        for (const auto& t : a.texts) ann["texts"].push_back(t.text);
        j["annotations"].push_back(ann);
    }
    j["shutters"] = {{"rectangular", ps.shutters.rectangular}, {"circular", ps.shutters.circular},
                     {"polygonal", ps.shutters.polygonal}, {"bitmap", ps.shutters.bitmapOverlayGroup.has_value()}};
    return j;
}

int create(int argc, char** argv) {
    Arguments args(argc, argv, 3, {"flip"}, {"image", "window", "rotate", "area", "line", "text", "shutter", "out", "label", "description"});
    if (!args.value("image") || !args.value("out") || !args.value("window"))
        throw UsageError{"usage: lightbox-cli gsps create --image FILE --window C,W [--rotate 90|180|270] [--flip] "
                         "[--area X1,Y1,X2,Y2] [--line X1,Y1,X2,Y2]... [--text X,Y,STRING]... "
                         "[--shutter rect:X1,Y1,X2,Y2|circle:CX,CY,R|poly:X1,Y1,X2,Y2,X3,Y3,...]... --out PR.dcm"};
    const core::DicomFile image = core::DicomFile::open(*args.value("image"), core::DicomFile::Extent::HeaderOnly);
    core::CurrentDisplay display;
    const std::vector<double> cw = numbersOf("window", *args.value("window"), 2);
    if (cw[1] <= 0) throw UsageError{"--window width must be positive"};
    core::WindowLevel w;
    w.center = cw[0], w.width = cw[1];
    display.window = w;
    const long rotation = args.integer("rotate").value_or(0);
    if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) throw UsageError{"--rotate expects 90, 180 or 270"};
    display.spatial.rotation = int(rotation);
    display.spatial.flip = args.flag("flip");
    if (auto area = args.value("area")) {
        const std::vector<double> a = numbersOf("area", *area, 4);
        display.area = std::array<int, 4>{int(a[0]), int(a[1]), int(a[2]), int(a[3])};
        if (a[2] < a[0] || a[3] < a[1]) throw UsageError{"--area expects X1,Y1,X2,Y2 with X2 >= X1 and Y2 >= Y1"};
    }
    for (const std::string& line : allValues(argc, argv, "line")) {
        const std::vector<double> l = numbersOf("line", line, 4);
        core::DisplayedMeasurement m;
        m.points = {fromPixelCentre(l[0], l[1]), fromPixelCentre(l[2], l[3])};
        const core::Calibration c = core::Calibration::of(image, 0, m.points[0]);
        m.text = core::formatLength(core::distance(m.points[0], m.points[1], c), c);
        display.measurements.push_back(std::move(m));
    }
    for (const std::string& text : allValues(argc, argv, "text")) {
        const auto first = text.find(','), second = first == std::string::npos ? first : text.find(',', first + 1);
        if (second == std::string::npos) throw UsageError{"--text expects X,Y,STRING, got '" + text + "'"};
        const std::vector<double> xy = numbersOf("text", text.substr(0, second), 2);
        display.labels.push_back({fromPixelCentre(xy[0], xy[1]), text.substr(second + 1)});
    }
    for (const std::string& shutter : allValues(argc, argv, "shutter")) addShutter(display.shutters, shutter);
    display.contentLabel = args.value("label").value_or("LIGHTBOX");
    display.contentDescription = args.value("description").value_or("");
    const core::PresentationState ps = core::presentationStateFor(display, {image});
    core::writePresentationState(ps, image, *args.value("out"));
    std::cout << ps.sopInstanceUid << "\n";
    return 0;
}

int show(int argc, char** argv) {
    Arguments args(argc, argv, 3, {}, {});
    if (args.positionals().size() != 1) throw UsageError{"usage: lightbox-cli gsps show PR.dcm"};
    std::cout << describe(core::PresentationState::read(args.positionals()[0])).dump(2) << "\n";
    return 0;
}

// gsps list --root ARCHIVE --image SOP_INSTANCE_UID: the presentation states in
// the archive that reference the image, one JSON line each.
int list(int argc, char** argv) {
    Arguments args(argc, argv, 3, {}, {"root", "image"});
    if (!args.value("root") || !args.value("image")) throw UsageError{"usage: lightbox-cli gsps list --root ARCHIVE --image SOP_INSTANCE_UID"};
    auto archive = archive::Archive::open(*args.value("root"));
    for (const archive::PresentationStateEntry& e : archive::presentationStatesFor(*archive, *args.value("image")))
        std::cout << nlohmann::json{{"SOPInstanceUID", e.sopInstanceUid}, {"SeriesInstanceUID", e.seriesInstanceUid},
                                    {"ContentLabel", e.contentLabel}, {"ContentDescription", e.contentDescription},
                                    {"PresentationCreationDate", e.creationDate}}
                         .dump()
                  << "\n";
    return 0;
}

}  // namespace

int gspsCommand(int argc, char** argv) {
    const std::string sub = argc > 2 ? argv[2] : "";
    if (sub == "create") return create(argc, argv);
    if (sub == "show") return show(argc, argv);
    if (sub == "list") return list(argc, argv);
    throw UsageError{"usage: lightbox-cli gsps create|show|list ... (create --image FILE --window C,W ... --out PR.dcm; "
                     "show PR.dcm; list --root ARCHIVE --image SOP_INSTANCE_UID)"};
}

}  // namespace lightbox::cli
