// lightbox-cli qc pattern: a TG18 / TG270 test pattern as PNG or DICOM
// Secondary Capture.

#include "Arguments.h"
#include "Commands.h"
#include "PngWriter.h"

#include "lightbox/calibration/TestPattern.h"
#include "lightbox/core/Error.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <tuple>

namespace lightbox::cli {
namespace {

const char* kUsage =
    "usage: lightbox-cli qc pattern NAME [--size N | --size WxH] [--bits 8|10|12] --out FILE.png|FILE.dcm\n"
    "       lightbox-cli qc pattern --list";

// "1024" -> 1024 x 1024, "2560x1440" -> 2560 x 1440.
std::pair<int, int> parseSize(const std::string& text) {
    const auto x = text.find_first_of("xX");
    auto number = [&](const std::string& s) {
        char* end = nullptr;
        const long v = std::strtol(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0' || v <= 0 || v > 100000) throw UsageError{"--size expects N or WxH, got '" + text + "'"};
        return int(v);
    };
    if (x == std::string::npos) {
        const int n = number(text);
        return {n, n};
    }
    return {number(text.substr(0, x)), number(text.substr(x + 1))};
}

}  // namespace

int qcPatternCommand(int argc, char** argv) {
    Arguments args(argc, argv, 3, {"list"}, {"size", "bits", "out"});
    if (args.flag("list")) {
        for (const auto& name : calibration::patternNames()) std::printf("%s\n", name.c_str());
        return 0;
    }
    if (args.positionals().size() != 1 || !args.value("out")) throw UsageError{kUsage};
    calibration::PatternRequest request;
    request.name = args.positionals()[0];
    if (args.value("size")) std::tie(request.width, request.height) = parseSize(*args.value("size"));
    if (args.value("bits")) request.bits = int(*args.integer("bits"));
    const std::filesystem::path out = *args.value("out");
    const std::string ext = out.extension().string();
    if (ext != ".png" && ext != ".dcm") throw UsageError{"--out must end in .png or .dcm"};
    calibration::TestPattern pattern;
    try {
        pattern = calibration::generatePattern(request);
    } catch (const core::Error& e) {
        throw UsageError{e.what()};
    }
    if (ext == ".dcm") {
        pattern.writeDicom(out);
    } else {
        // 8-bit patterns as 8-bit PNG (values unchanged); 10/12-bit through their window to 16 bits.
        core::DisplayImage image;
        image.width = pattern.width();
        image.height = pattern.height();
        image.bits = pattern.bits() == 8 ? 8 : 16;
        image.samples = pattern.windowed(image.bits);
        writePng(out, image,
                 {{"Title", pattern.name()},
                  {"Description", pattern.label()},
                  {"Comment", "stored bits " + std::to_string(pattern.bits()) + ", window " +
                                  std::to_string(int(pattern.windowCenter())) + "/" +
                                  std::to_string(int(pattern.windowWidth()))}});
    }
    std::printf("%s %dx%d %d-bit (%s) -> %s\n", pattern.name().c_str(), pattern.width(), pattern.height(),
                pattern.bits(), pattern.label().c_str(), out.c_str());
    return 0;
}

}  // namespace lightbox::cli
