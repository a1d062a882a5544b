// What applying a Grayscale Softcopy Presentation State costs per displayed
// image. In one run, on the same decoded-from-memory images:
//   plain        Lightbox: decode + grayscale pipeline with the image's own window
//   with state   Lightbox: decode + the state's pixel stages, shutters, displayed
//                area, rotation and flip, and its graphics and text drawn
//   DCMTK        dcmpstat 3.6.7: DVPresentationState::attachImage + getPixelData
//                (decode, VOI, presentation LUT, rotation, flip, displayed area;
//                DCMTK leaves shutters and graphics to the application)
// Each is run --repeat times after a warm-up; medians are reported. The
// state is written by Lightbox: window, rotation 90 + flip, a displayed area,
// a circular shutter, 12 measurements with their text and 3 labels.

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/Synthetic.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmpstat/dvpstat.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
using namespace lightbox;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class F>
double timeMs(F&& f, int repeat) {
    f();  // warm-up
    std::vector<double> t;
    for (int i = 0; i < repeat; ++i) {
        const auto a = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
    }
    return median(t);
}

std::unique_ptr<DcmFileFormat> dcmtkParse(const std::string& bytes) {
    auto ff = std::make_unique<DcmFileFormat>();
    DcmInputBufferStream in;
    in.setBuffer(bytes.data(), offile_off_t(bytes.size()));
    in.setEos();
    ff->transferInit();
    if (ff->read(in).bad()) throw std::runtime_error("DCMTK could not parse the object");
    ff->transferEnd();
    return ff;
}

nlohmann::json benchmark(const std::string& name, const std::string& imageBytes, int repeat) {
    const core::DicomFile image = core::DicomFile::fromBytes(imageBytes, name);
    const int columns = int(image.integer(core::tags::Columns).value_or(0)), rows = int(image.integer(core::tags::Rows).value_or(0));
    core::CurrentDisplay d;
    core::WindowLevel w;
    w.center = 300, w.width = 1500;
    d.window = w;
    d.spatial = {90, true};
    d.area = std::array{columns / 10 + 1, rows / 10 + 1, columns - columns / 10, rows - rows / 10};
    for (int i = 0; i < 12; ++i) {
        const double y = rows * (0.15 + 0.05 * i);
        d.measurements.push_back({core::GraphicType::Polyline, {{columns * 0.2, y}, {columns * 0.7, y + rows * 0.03}}, false,
                                  std::to_string(40 + i) + ".5 mm"});
    }
    for (int i = 0; i < 3; ++i) d.labels.push_back({{columns * 0.3, rows * (0.2 + 0.2 * i)}, "finding " + std::to_string(i + 1)});
    d.shutters.circular = true;
    d.shutters.circleCentre = {columns / 2.0, rows / 2.0};
    d.shutters.circleRadius = std::min(columns, rows) * 0.45;
    const core::PresentationState ps = core::presentationStateFor(d, {image});
    const std::string prBytes = core::presentationStateBytes(ps, image);
    const core::PresentationState parsed = core::PresentationState::from(core::DicomFile::fromBytes(prBytes, "pr"));

    std::size_t checksum = 0;
    const double plain = timeMs([&] {
        core::PixelDecoder decoder(image);
        const core::Frame frame = decoder.decode(0);
        const core::ImageLuts luts = core::ImageLuts::from(image, frame.photometric, 0);
        const core::DisplayImage out = core::renderGrayscale(frame, luts, core::VoiSelection::explicitWindow(w), 8, false);
        checksum += out.samples.size();
    }, repeat);
    const double withState = timeMs([&] {
        core::PixelDecoder decoder(image);
        const core::Frame frame = decoder.decode(0);
        const core::DisplayImage out = core::renderWithPresentationState(frame, image, parsed, 1);
        checksum += out.samples.size();
    }, repeat);
    // The state's own work, the frame already decoded (what a viewer pays per redisplay).
    core::PixelDecoder decoder(image);
    const core::Frame frame = decoder.decode(0);
    const core::ImageLuts luts = core::ImageLuts::from(image, frame.photometric, 0);
    const double plainRender = timeMs([&] {
        checksum += core::renderGrayscale(frame, luts, core::VoiSelection::explicitWindow(w), 8, false).samples.size();
    }, repeat);
    const double stateRender = timeMs([&] { checksum += core::renderWithPresentationState(frame, image, parsed, 1).samples.size(); }, repeat);

    auto imageFf = dcmtkParse(imageBytes);
    auto prFf = dcmtkParse(prBytes);
    DVPresentationState dcmtk;
    if (dcmtk.read(*prFf->getDataset()).bad()) throw std::runtime_error("DCMTK could not read the presentation state");
    const double dcmtkMs = timeMs([&] {
        if (dcmtk.attachImage(imageFf.get(), false).bad()) throw std::runtime_error("DCMTK attachImage failed");
        const void* pixels = nullptr;
        unsigned long width = 0, height = 0;
        if (dcmtk.getPixelData(pixels, width, height).bad()) throw std::runtime_error("DCMTK getPixelData failed");
        checksum += width * height;
    }, repeat);
    dcmtk.detachImage();

    nlohmann::json j;
    j["image"] = name;
    j["columns"] = columns;
    j["rows"] = rows;
    j["plainMs"] = plain;
    j["withStateMs"] = withState;
    j["addedMs"] = withState - plain;
    j["plainRenderMs"] = plainRender;
    j["stateRenderMs"] = stateRender;
    j["addedRenderMs"] = stateRender - plainRender;
    j["ratio"] = withState / plain;
    j["dcmtkMs"] = dcmtkMs;
    j["vsDcmtk"] = withState / dcmtkMs;
    j["checksum"] = checksum;
    return j;
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 30;
    std::vector<fs::path> images;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(3, std::atoi(argv[++i]));
        else images.emplace_back(argv[i]);
    }
    try {
        nlohmann::json out = nlohmann::json::array();
        // A synthetic chest radiograph (large) and CT (512 x 512) when no files are given.
        if (images.empty()) {
            const fs::path dir = fs::temp_directory_path() / "lightbox-bench-pstate";
            core::SynthOptions o;
            o.only = "cr-current";
            core::writeSyntheticPatients(dir / "cr", o);
            o.only = "ct-current";
            o.slices = 1;
            o.matrix = 512;
            core::writeSyntheticPatients(dir / "ct", o);
            for (const char* sub : {"ct", "cr"}) {
                std::vector<fs::path> found;
                for (const auto& e : fs::recursive_directory_iterator(dir / sub))
                    if (e.path().extension() == ".dcm") found.push_back(e.path());
                std::sort(found.begin(), found.end());
                if (!found.empty()) images.push_back(found.front());
            }
        }
        for (const fs::path& p : images) out.push_back(benchmark(p.filename().string(), readFile(p), repeat));
        std::cout << out.dump(2) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "lightbox-bench-pstate: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
