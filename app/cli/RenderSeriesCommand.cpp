// lightbox-cli render --series DIR: any view of a series (MPR plane, thick
// slab, 3-D) rendered offscreen through the GPU pipeline to a PNG.

#include "Arguments.h"
#include "Commands.h"
#include "PngWriter.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/OffscreenRenderer.h"
#include "lightbox/render/SeriesDisplay.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/render/VolumeView.h"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace lightbox::cli {

namespace {

const char* kUsage =
    "usage: lightbox-cli render --series DIR --out OUT.png [--plane axial|coronal|sagittal|oblique]\n"
    "       [--normal X,Y,Z] [--position MM] [--slab MM --slab-mode mip|minip|avg] [--vr bone|soft-tissue|angio|mip]\n"
    "       [--size WxH] [--spacing MM] [--window C,W [--voi-function F]] [--overlays] [--series-uid UID]\n"
    "       [--azimuth DEG] [--elevation DEG]";

double number(const Arguments& args, const std::string& name, double fallback) {
    auto v = args.value(name);
    if (!v) return fallback;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || !std::isfinite(x)) throw UsageError{"--" + name + " expects a number, got '" + *v + "'"};
    return x;
}

std::vector<double> numberList(const std::string& text, char separator, std::size_t count, const std::string& option) {
    std::vector<double> out;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, separator)) {
        char* end = nullptr;
        const double x = std::strtod(part.c_str(), &end);
        if (part.empty() || *end != '\0' || !std::isfinite(x)) break;
        out.push_back(x);
    }
    if (out.size() != count) throw UsageError{"--" + option + " got '" + text + "'"};
    return out;
}

core::DisplayImage toDisplayImage(const render::RgbImage& rgb, bool colour) {
    core::DisplayImage out;
    out.width = rgb.width;
    out.height = rgb.height;
    out.bits = 8;
    out.channels = colour ? 3 : 1;
    out.samples.resize(std::size_t(rgb.width) * std::size_t(rgb.height) * std::size_t(out.channels));
    if (colour) {
        for (std::size_t i = 0; i < out.samples.size(); ++i) out.samples[i] = rgb.rgb[i];
    } else {
        for (std::size_t i = 0; i < out.samples.size(); ++i) out.samples[i] = rgb.rgb[i * 3];
    }
    return out;
}

}  // namespace

int renderSeriesCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"overlays", "nearest"},
                   {"series", "out", "plane", "normal", "position", "slab", "slab-mode", "vr", "size", "spacing",
                    "window", "voi-function", "series-uid", "azimuth", "elevation"});
    if (!args.value("series") || !args.value("out") || !args.positionals().empty()) throw UsageError{kUsage};

    std::optional<std::array<int, 2>> size;
    if (auto s = args.value("size")) {
        const auto v = numberList(*s, 'x', 2, "size (WxH)");
        if (v[0] < 1 || v[1] < 1 || v[0] > 16384 || v[1] > 16384 || v[0] != std::floor(v[0]) || v[1] != std::floor(v[1]))
            throw UsageError{"--size expects WxH between 1x1 and 16384x16384, got '" + *s + "'"};
        size = std::array<int, 2>{int(v[0]), int(v[1])};
    }
    render::PlaneRequest request;
    request.kind = render::parsePlaneKind(args.value("plane").value_or(args.value("normal") ? "oblique" : "axial"));
    if (auto n = args.value("normal")) {
        const auto v = numberList(*n, ',', 3, "normal (X,Y,Z)");
        request.obliqueNormal = {v[0], v[1], v[2]};
        if (request.kind != render::PlaneKind::Oblique) throw UsageError{"--normal goes with --plane oblique"};
    } else if (request.kind == render::PlaneKind::Oblique) {
        throw UsageError{"--plane oblique needs --normal X,Y,Z"};
    }
    request.positionMm = number(args, "position", 0.0);
    if (args.value("spacing")) {
        request.spacingMm = number(args, "spacing", 0.0);
        if (*request.spacingMm <= 0) throw UsageError{"--spacing must be positive"};
    }
    request.size = size;
    render::ResliceOptions reslice;
    reslice.slabMm = number(args, "slab", 0.0);
    if (reslice.slabMm < 0) throw UsageError{"--slab must not be negative"};
    reslice.slabMode = render::parseSlabMode(args.value("slab-mode").value_or("mip"));
    reslice.nearest = args.flag("nearest");
    std::optional<core::WindowLevel> window;
    if (auto w = args.value("window")) {
        const auto v = numberList(*w, ',', 2, "window (CENTER,WIDTH)");
        if (v[1] <= 0) throw UsageError{"--window expects CENTER,WIDTH with WIDTH > 0, got '" + *w + "'"};
        window = core::WindowLevel{v[0], v[1], core::parseVoiFunction(args.value("voi-function").value_or("LINEAR")), {}};
    }
    std::optional<render::VrPreset> vr;
    if (auto p = args.value("vr")) vr = render::parseVrPreset(*p);

    const std::string dir = *args.value("series");
    core::ScanResult scan = core::scanForSeries(dir);
    if (scan.series.empty()) throw core::Error(core::ErrorCode::NoPixelData, dir + ": no image series found");
    const core::SeriesInfo& series = render::chooseVolumeSeries(scan.series, args.value("series-uid").value_or(""));
    const core::Volume volume = core::loadVolume(series);

    render::RgbImage image;
    bool colour = args.flag("overlays");
    if (vr) {
        const std::array<int, 2> s = size.value_or(std::array<int, 2>{512, 512});
        render::OffscreenRenderer offscreen(s[0], s[1]);
        render::VolumeView view(volume);
        view.setPreset(*vr);
        view.rotate(number(args, "azimuth", 0.0), number(args, "elevation", 0.0));
        offscreen.addRenderer(view.renderer());
        image = offscreen.capture();
        colour = *vr != render::VrPreset::Mip || colour;
    } else {
        const render::SlicePlane plane = render::planeThroughVolume(volume, request);
        const render::Reslicer reslicer(volume);
        const render::SliceImage slice = reslicer.reslice(plane, reslice);
        render::SeriesDisplayDefaults defaults = render::displayDefaults(series, &volume);
        if (window) {
            defaults.chain.window = *window;
            defaults.chain.voiLut.reset();
        }
        render::OffscreenRenderer offscreen(plane.width, plane.height);
        render::SliceView view;
        view.setImage(slice);
        view.setChain(defaults.chain);
        if (args.flag("overlays")) {
            render::OverlayInfo info = render::overlayInfo(series);
            info.imageLabel = "MPR " + render::planeKindName(request.kind) +
                              (reslice.slabMm > 0 ? " " + render::slabModeName(reslice.slabMode) : "");
            view.setOverlayInfo(info);
            view.setOverlaysVisible(true);
            view.updateOverlays(plane.width, plane.height);
        }
        offscreen.addRenderer(view.renderer());
        image = offscreen.capture();
    }
    writePng(*args.value("out"), toDisplayImage(image, colour));
    return 0;
}

}  // namespace lightbox::cli
