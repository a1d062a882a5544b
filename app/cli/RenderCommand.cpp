#include "Arguments.h"
#include "Commands.h"
#include "PngWriter.h"
#include "RenderPstate.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/Overlay.h"
#include "lightbox/core/PixelData.h"

#include <cstdlib>
#include <iostream>

namespace lightbox::cli {

bool rendersSeries(int argc, char** argv) {
    for (int i = 2; i < argc; ++i)
        if (std::string(argv[i]) == "--series") return true;
    return false;
}

// lightbox-cli render FILE --out OUT.png [--frame N] [--window C,W]
//     [--voi-function LINEAR|LINEAR_EXACT|SIGMOID] [--voi-index K]
//     [--voi-lut-index K] [--minmax] [--frame-voi] [--no-overlays] [--16bit]
//     [--pstate PR.dcm [--graphics on|off]]  (RenderPstate.cpp)
int renderCommand(int argc, char** argv) {
    if (rendersSeries(argc, argv)) return renderSeriesCommand(argc, argv);
    Arguments args(argc, argv, 2, {"16bit", "minmax", "verbose", "frame-voi", "no-overlays"},
                   {"out", "frame", "window", "voi-index", "voi-lut-index", "voi-function", "pstate", "graphics"});
    if (args.positionals().size() != 1 || !args.value("out"))
        throw UsageError{"usage: lightbox-cli render FILE --out OUT.png [--frame N] [--window C,W] [--voi-index K] [--16bit]"};
    const std::string path = args.positionals()[0];
    if (auto pstate = args.value("pstate")) return renderWithPresentationState(path, *pstate, args);
    const int frameNumber = int(args.integer("frame").value_or(1));

    core::VoiSelection voi;
    if (auto w = args.value("window")) {
        auto comma = w->find(',');
        char* end1 = nullptr;
        char* end2 = nullptr;
        double c = std::strtod(w->c_str(), &end1);
        double width = comma == std::string::npos ? 0 : std::strtod(w->c_str() + comma + 1, &end2);
        if (comma == std::string::npos || end1 != w->c_str() + comma || !end2 || *end2 != '\0' || width <= 0)
            throw UsageError{"--window expects CENTER,WIDTH with WIDTH > 0, got '" + *w + "'"};
        core::WindowLevel wl;
        wl.center = c;
        wl.width = width;
        wl.function = core::parseVoiFunction(args.value("voi-function").value_or("LINEAR"));
        voi = core::VoiSelection::explicitWindow(wl);
    } else if (auto k = args.integer("voi-index")) {
        if (*k < 1) throw UsageError{"--voi-index is 1-based"};
        voi.kind = core::VoiSelection::Kind::WindowIndex;
        voi.index = int(*k - 1);
    } else if (auto k2 = args.integer("voi-lut-index")) {
        if (*k2 < 1) throw UsageError{"--voi-lut-index is 1-based"};
        voi.kind = core::VoiSelection::Kind::VoiLutIndex;
        voi.index = int(*k2 - 1);
    } else if (args.flag("frame-voi")) {
        voi.kind = core::VoiSelection::Kind::FrameDefault;
    } else if (args.flag("minmax")) {
        voi.kind = core::VoiSelection::Kind::MinMax;
    }

    core::DicomFile file = core::DicomFile::open(path);
    core::PixelDecoder decoder(file);
    if (frameNumber < 1 || frameNumber > decoder.frameCount())
        throw core::Error(core::ErrorCode::InvalidArgument, path + ": frame " + std::to_string(frameNumber) +
                                                               " requested, the image has " + std::to_string(decoder.frameCount()));
    core::Frame frame = decoder.decode(frameNumber - 1);
    const int bits = args.flag("16bit") ? 16 : 8;
    core::DisplayImage image;
    if (core::isMonochrome(frame.photometric)) {
        core::ImageLuts luts = core::ImageLuts::from(file, decoder.description().photometric, frameNumber - 1);
        try {
            image = core::renderGrayscale(frame, luts, voi, bits, frame.photometric == core::Photometric::Monochrome1);
        } catch (const core::Error& e) {
            throw core::Error(e.code(), path + ": " + e.what());
        }
    } else {
        image = core::renderColour(frame, file, decoder.description(), bits);
    }
    if (!args.flag("no-overlays")) core::burnOverlays(image, core::readOverlays(file), frameNumber);
    writePng(*args.value("out"), image);
    if (args.flag("verbose")) std::cout << path << ": " << image.voiDescription << "\n";
    return 0;
}

}  // namespace lightbox::cli
