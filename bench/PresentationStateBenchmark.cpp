// What applying a Grayscale Softcopy Presentation State costs per displayed
// image. In one run, on the same decoded-from-memory images:
//   plain        Lightbox: decode + grayscale pipeline with the image's own window
//   with state   Lightbox: decode + the state's pixel stages, shutters, displayed
//                area, rotation and flip, and its graphics and text drawn
//   DCMTK        dcmpstat 3.6.7: DVPresentationState::attachImage + getPixelData
//                (decode, VOI, presentation LUT, rotation, flip, displayed area;
//                DCMTK leaves shutters and graphics to the application)
// Each is run --repeat times after a warm-up, the variants interleaved;
// medians are reported (the added cost as the median of per-repetition differences). The
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
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
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
    auto imageFf = dcmtkParse(imageBytes);
    auto prFf = dcmtkParse(prBytes);
    DVPresentationState dcmtk;
    if (dcmtk.read(*prFf->getDataset()).bad()) throw std::runtime_error("DCMTK could not read the presentation state");
    core::PixelDecoder decoder(image);
    const core::Frame decoded = decoder.decode(0);
    const core::ImageLuts imageLuts = core::ImageLuts::from(image, decoded.photometric, 0);

    // The five variants run interleaved, repetition by repetition, so that
    // the shared machine's drift touches them alike; medians per variant.
    const std::vector<std::function<void()>> variants{
        [&] {  // plain: decode + pipeline
            const core::Frame frame = core::PixelDecoder(image).decode(0);
            const core::ImageLuts luts = core::ImageLuts::from(image, frame.photometric, 0);
            checksum += core::renderGrayscale(frame, luts, core::VoiSelection::explicitWindow(w), 8, false).samples.size();
        },
        [&] {  // with the state: decode + everything the state asks for
            const core::Frame frame = core::PixelDecoder(image).decode(0);
            checksum += core::renderWithPresentationState(frame, image, parsed, 1).samples.size();
        },
        [&] {  // plain, frame already decoded (a redisplay)
            checksum += core::renderGrayscale(decoded, imageLuts, core::VoiSelection::explicitWindow(w), 8, false).samples.size();
        },
        [&] {  // with the state, frame already decoded
            checksum += core::renderWithPresentationState(decoded, image, parsed, 1).samples.size();
        },
        [&] {  // DCMTK dcmpstat: attach (decode) + getPixelData
            if (dcmtk.attachImage(imageFf.get(), false).bad()) throw std::runtime_error("DCMTK attachImage failed");
            const void* pixels = nullptr;
            unsigned long width = 0, height = 0;
            if (dcmtk.getPixelData(pixels, width, height).bad()) throw std::runtime_error("DCMTK getPixelData failed");
            checksum += width * height;
        }};
    std::vector<std::vector<double>> times(variants.size());
    for (int i = -1; i < repeat; ++i)  // i = -1: warm-up
        for (std::size_t v = 0; v < variants.size(); ++v) {
            const auto a = Clock::now();
            variants[v]();
            if (i >= 0) times[v].push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
        }
    dcmtk.detachImage();
    const double plain = median(times[0]), withState = median(times[1]), plainRender = median(times[2]),
                 stateRender = median(times[3]), dcmtkMs = median(times[4]);
    // The added cost measured directly, repetition by repetition.
    std::vector<double> added, addedRender;
    for (int i = 0; i < repeat; ++i) {
        added.push_back(times[1][std::size_t(i)] - times[0][std::size_t(i)]);
        addedRender.push_back(times[3][std::size_t(i)] - times[2][std::size_t(i)]);
    }

    nlohmann::json j;
    j["image"] = name;
    j["columns"] = columns;
    j["rows"] = rows;
    j["plainMs"] = plain;
    j["withStateMs"] = withState;
    j["addedMs"] = median(added);
    j["plainRenderMs"] = plainRender;
    j["stateRenderMs"] = stateRender;
    j["addedRenderMs"] = median(addedRender);
    j["ratio"] = withState / plain;
    j["dcmtkMs"] = dcmtkMs;
    j["vsDcmtk"] = withState / dcmtkMs;
    j["checksum"] = checksum;
    return j;
}

}  // namespace

// The "## Presentation states" section of docs/performance.md.
std::string markdown(const nlohmann::json& results, int repeat) {
    char line[512];
    std::string md =
        "## Presentation states\n\n"
        "`lightbox-bench-pstate` (release build, `bench/run-benchmarks.sh`): what applying a Grayscale Softcopy\n"
        "Presentation State adds per displayed image. The state (written by Lightbox) has a window, rotation 90 + flip,\n"
        "a displayed area (80 % of the image), a circular shutter, 12 length measurements with their text and 3 labels.\n"
        "Peer in the same process: DCMTK 3.6.7 dcmpstat (`DVPresentationState::attachImage` + `getPixelData`: decode,\n"
        "VOI, presentation LUT, rotation, flip, displayed area; shutters and graphics are left to the application).\n"
        "The variants run interleaved, " + std::to_string(repeat) + " repetitions; medians; \"added\" is the median of the\n"
        "per-repetition differences.\n\n"
        "| image | size | plain (decode + pipeline) | with the state | **added** | redisplay plain / with state (decoded) | **added (decoded)** | DCMTK dcmpstat | with state vs DCMTK |\n"
        "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : results) {
        std::snprintf(line, sizeof line, "| %s | %dx%d | %.2f ms | %.2f ms | **%.2f ms** | %.2f / %.2f ms | **%.2f ms** | %.2f ms | %.2fx its time |\n",
                      r["image"].get<std::string>().c_str(), r["columns"].get<int>(), r["rows"].get<int>(), r["plainMs"].get<double>(),
                      r["withStateMs"].get<double>(), r["addedMs"].get<double>(), r["plainRenderMs"].get<double>(),
                      r["stateRenderMs"].get<double>(), r["addedRenderMs"].get<double>(), r["dcmtkMs"].get<double>(),
                      r["vsDcmtk"].get<double>());
        md += line;
    }
    md += "\nTarget (issue 7): applying a presentation state adds under 5 ms per image.\n";
    return md;
}

int main(int argc, char** argv) {
    int repeat = 30;
    bool asMarkdown = false;
    std::vector<fs::path> images;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(3, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--markdown")) asMarkdown = true;
        else images.emplace_back(argv[i]);
    }
    try {
        nlohmann::json out = nlohmann::json::array();
        // When no files are given: a real CT slice (shared data, when present
        // beside the checkout), a synthetic CT (512 x 512) and chest radiograph.
        if (images.empty()) {
            const fs::path real = "../shared/data/dicom/dcm_qa_ct/In/Philips/S21570/S2010/I10";
            if (fs::exists(real)) images.push_back(real);
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
        for (const fs::path& p : images) {
            nlohmann::json r = benchmark(p.filename().string(), readFile(p), repeat);
            const std::string modality = core::DicomFile::open(p, core::DicomFile::Extent::HeaderOnly).stringOr(core::tags::Modality, "");
            const bool synthetic = p.string().find("lightbox-bench-pstate") != std::string::npos;
            r["image"] = (synthetic ? "synthetic " : "real ") + modality + " " + p.filename().string();
            out.push_back(r);
        }
        if (asMarkdown) std::cout << markdown(out, repeat);
        else std::cout << out.dump(2) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "lightbox-bench-pstate: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
