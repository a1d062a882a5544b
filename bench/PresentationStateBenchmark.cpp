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
//
// --gui (needs an X display: bench/run-benchmarks.sh runs it under
// scripts/with-xvfb.sh) adds what the reading GUI's application of a bitmap
// shutter and an activated overlay costs per image: two viewports of the
// same size show a synthetic CT series, one with a state that has only a
// window, the other with the same state plus a bitmap shutter (group 6000,
// outside a circle) and an overlay activated in a layer (group 6002, 5 % of
// the pixels), both carried by the state. Per image: apply the state and
// the first frame (the bitmaps turned into images for that image), then a
// redisplay - the two viewports interleaved, the added cost the median of
// per-repetition differences. The peer in the same run: DCMTK dcmpstat with
// the same two states (attachImage + getPixelData, plus getOverlayData for
// the activated overlay), whether it burns the bitmap shutter in is
// checked from its pixels and reported.

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/Synthetic.h"

#include "lightbox/core/Series.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/PresentationStateApply.h"
#include "lightbox/viewer/Viewport.h"

#include <QApplication>
#include <QImage>

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

// What the GUI's application of a bitmap shutter and an activated overlay costs per image (see the top).
nlohmann::json guiBenchmark(int repeat) {
    const fs::path dir = fs::temp_directory_path() / "lightbox-bench-pstate" / "gui-ct";
    core::SynthOptions o;
    o.only = "ct-current";
    o.slices = 24;
    o.matrix = 512;
    if (!fs::exists(dir)) core::writeSyntheticPatients(dir, o);
    const core::ScanResult scan = core::scanForSeries(dir);
    if (scan.series.size() != 1) throw std::runtime_error("the synthetic CT series was not found");
    const core::SeriesInfo& info = scan.series.front();
    auto series = viewer::loadSeries(info);
    if (!series) throw std::runtime_error("the synthetic CT did not load");
    std::vector<core::Dataset> headers;
    for (const core::SliceRef& slice : info.slices) headers.push_back(core::DicomFile::open(slice.path, core::DicomFile::Extent::HeaderOnly));
    const int columns = info.columns, rows = info.rows;

    core::CurrentDisplay display;
    display.window = core::WindowLevel{40, 400, core::VoiFunction::Linear, {}};
    const core::PresentationState plain = core::presentationStateFor(display, headers);
    core::PresentationState bitmaps = plain;
    core::OverlayPlane shutter;
    shutter.group = 0x6000, shutter.rows = rows, shutter.columns = columns;
    shutter.bits.assign(std::size_t(rows) * std::size_t(columns), 0);
    core::OverlayPlane overlay = shutter;
    overlay.group = 0x6002;
    std::size_t overlayBits = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const std::size_t i = std::size_t(r) * std::size_t(columns) + std::size_t(c);
            shutter.bits[i] = std::hypot(c + 0.5 - columns / 2.0, r + 0.5 - rows / 2.0) > 0.45 * columns ? 1 : 0;
            overlay.bits[i] = ((r / 4) % 4 == 0 && (c / 4) % 5 == 0) ? 1 : 0;  // small squares, 5 % of the pixels
            overlayBits += overlay.bits[i];
        }
    bitmaps.overlays = {shutter, overlay};
    bitmaps.overlayActivations = {{0x6002, "OVERLAY"}};
    bitmaps.layers.push_back(core::GraphicLayer{"OVERLAY", 1, {std::uint16_t(0xFFFF), std::nullopt}, "overlay"});
    bitmaps.shutters.bitmapOverlayGroup = 0x6000;
    bitmaps.shutters.presentationValue = 0xFFFF;  // white: DCMTK's burnt-in shutter can be told from black air
    // Through the bytes, as states from the archive arrive.
    const std::string plainBytes = core::presentationStateBytes(plain, headers.front());
    const std::string bitmapBytes = core::presentationStateBytes(bitmaps, headers.front());
    auto plainState = std::make_shared<const core::PresentationState>(core::PresentationState::from(core::DicomFile::fromBytes(plainBytes, "plain")));
    auto bitmapState = std::make_shared<const core::PresentationState>(core::PresentationState::from(core::DicomFile::fromBytes(bitmapBytes, "bitmaps")));

    viewer::Viewport a, b;
    for (viewer::Viewport* v : {&a, &b}) {
        v->resize(768, 768);
        v->show();
        v->showPlane(series, render::PlaneKind::Axial, 0);
        v->setOverlaysVisible(false);
    }
    for (int i = 0; i < 20; ++i) QApplication::processEvents();
    const int slices = int(info.slices.size());
    auto firstFrame = [&](viewer::Viewport& v, const std::shared_ptr<const core::PresentationState>& ps, int image) {
        const auto start = Clock::now();
        v.scrollBy(image == 0 ? -slices : 1);
        if (!viewer::applyPresentationState(v, ps)) throw std::runtime_error("the state was not applied");
        const QImage frame = v.grabFramebuffer();
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        return std::pair{ms, frame};
    };
    auto redisplay = [&](viewer::Viewport& v) {
        const auto start = Clock::now();
        const QImage frame = v.grabFramebuffer();
        return std::pair{std::chrono::duration<double, std::milli>(Clock::now() - start).count(), frame};
    };
    std::vector<double> plainFirst, stateFirst, plainAgain, stateAgain;
    bool shutterSeen = false;
    for (int i = -2; i < repeat; ++i) {  // two warm-up rounds
        const int image = (i + 2) % slices;
        const auto [pf, pfFrame] = firstFrame(a, plainState, image);
        const auto [sf, sfFrame] = firstFrame(b, bitmapState, image);
        const auto [pa, paFrame] = redisplay(a);
        const auto [sa, saFrame] = redisplay(b);
        // The shutter is there: the corner is white with it, black (air) without.
        if (qGray(saFrame.pixel(2, 2)) == 255 && qGray(paFrame.pixel(2, 2)) < 30) shutterSeen = true;
        if (i < 0) continue;
        plainFirst.push_back(pf), stateFirst.push_back(sf), plainAgain.push_back(pa), stateAgain.push_back(sa);
    }
    if (!shutterSeen) throw std::runtime_error("the bitmap shutter did not show in the viewport");
    std::vector<double> addedFirst, addedAgain;
    for (std::size_t i = 0; i < plainFirst.size(); ++i)
        addedFirst.push_back(stateFirst[i] - plainFirst[i]), addedAgain.push_back(stateAgain[i] - plainAgain[i]);

    // DCMTK dcmpstat with the same two states on the first image.
    const std::string imageBytes = readFile(info.slices.front().path);
    auto imageFf = dcmtkParse(imageBytes);
    auto plainFf = dcmtkParse(plainBytes), bitmapFf = dcmtkParse(bitmapBytes);
    DVPresentationState dcmtkPlain, dcmtkBitmaps;
    if (dcmtkPlain.read(*plainFf->getDataset()).bad() || dcmtkBitmaps.read(*bitmapFf->getDataset()).bad())
        throw std::runtime_error("DCMTK could not read the presentation states");
    std::size_t checksum = 0;
    bool dcmtkBurnsShutter = false;
    auto dcmtkRun = [&](DVPresentationState& ps, bool withOverlays) {
        const auto start = Clock::now();
        if (ps.attachImage(imageFf.get(), false).bad()) throw std::runtime_error("DCMTK attachImage failed");
        const void* pixels = nullptr;
        unsigned long width = 0, height = 0;
        if (ps.getPixelData(pixels, width, height).bad()) throw std::runtime_error("DCMTK getPixelData failed");
        if (withOverlays) {
            dcmtkBurnsShutter = static_cast<const std::uint8_t*>(pixels)[2 * width + 2] == 255;
            for (std::size_t layer = 0; layer < ps.getNumberOfGraphicLayers(); ++layer)
                for (std::size_t k = 0; k < ps.getNumberOfActiveOverlays(layer); ++k) {
                    const void* data = nullptr;
                    unsigned int w = 0, h = 0, left = 0, top = 0;
                    OFBool roi = OFFalse;
                    Uint16 fore = 0;
                    if (ps.getOverlayData(layer, k, data, w, h, left, top, roi, fore).bad()) throw std::runtime_error("DCMTK getOverlayData failed");
                    checksum += std::size_t(w) * h;
                }
        }
        checksum += width * height;
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        ps.detachImage();
        return ms;
    };
    std::vector<double> dcmtkPlainMs, dcmtkBitmapMs, dcmtkAdded;
    for (int i = -1; i < repeat; ++i) {
        const double p = dcmtkRun(dcmtkPlain, false), q = dcmtkRun(dcmtkBitmaps, true);
        if (i < 0) continue;
        dcmtkPlainMs.push_back(p), dcmtkBitmapMs.push_back(q), dcmtkAdded.push_back(q - p);
    }

    nlohmann::json j;
    j["image"] = "synthetic CT, " + std::to_string(slices) + " images";
    j["columns"] = columns;
    j["rows"] = rows;
    j["viewport"] = "768x768";
    j["overlayPercent"] = 100.0 * double(overlayBits) / double(shutter.bits.size());
    j["plainFirstMs"] = median(plainFirst);
    j["stateFirstMs"] = median(stateFirst);
    j["addedFirstMs"] = median(addedFirst);
    j["plainAgainMs"] = median(plainAgain);
    j["stateAgainMs"] = median(stateAgain);
    j["addedAgainMs"] = median(addedAgain);
    j["dcmtkPlainMs"] = median(dcmtkPlainMs);
    j["dcmtkBitmapsMs"] = median(dcmtkBitmapMs);
    j["dcmtkAddedMs"] = median(dcmtkAdded);
    j["dcmtkBurnsShutter"] = dcmtkBurnsShutter;
    j["checksum"] = checksum;
    return j;
}

std::string guiMarkdown(const nlohmann::json& r, int repeat) {
    char line[768];
    std::string md =
        "\n### Bitmap shutter and activated overlay in the reading GUI\n\n"
        "`lightbox-bench-pstate --gui` (under `scripts/with-xvfb.sh`: Mesa llvmpipe): two viewports of " + r["viewport"].get<std::string>() +
        " show the same\nsynthetic CT; one applies a state with a window only, the other the same state plus a bitmap shutter (group 6000,\n"
        "outside a circle) and an overlay activated in a layer (group 6002, small squares on " ;
    std::snprintf(line, sizeof line, "%.0f %% of the pixels), both carried by the state.\n", r["overlayPercent"].get<double>());
    md += line;
    md += "Per image: scroll to it, apply the state and grab the first frame (the bitmaps become images for it), then a redisplay;\n"
          "the viewports interleaved, " + std::to_string(repeat) + " images, medians; \"added\" is the median of the per-image differences.\n"
          "Peer in the same run: DCMTK 3.6.7 dcmpstat with the same two states (`attachImage` + `getPixelData`, plus `getOverlayData`\n"
          "for the activated overlay) on the first image.\n\n"
          "| image | window only: first frame / redisplay | with bitmap shutter + overlay | **added: first frame** | **added: redisplay** | DCMTK window only / with both | DCMTK added |\n"
          "|---|---|---|---|---|---|---|\n";
    std::snprintf(line, sizeof line, "| %s (%dx%d) | %.2f / %.2f ms | %.2f / %.2f ms | **%.2f ms** | **%.2f ms** | %.2f / %.2f ms | %.2f ms%s |\n",
                  r["image"].get<std::string>().c_str(), r["columns"].get<int>(), r["rows"].get<int>(), r["plainFirstMs"].get<double>(),
                  r["plainAgainMs"].get<double>(), r["stateFirstMs"].get<double>(), r["stateAgainMs"].get<double>(),
                  r["addedFirstMs"].get<double>(), r["addedAgainMs"].get<double>(), r["dcmtkPlainMs"].get<double>(),
                  r["dcmtkBitmapsMs"].get<double>(), r["dcmtkAddedMs"].get<double>(),
                  r["dcmtkBurnsShutter"].get<bool>() ? "" : " (shutter not burnt in)");
    md += line;
    return md;
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
    bool asMarkdown = false, gui = false;
    std::vector<fs::path> images;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(3, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--markdown")) asMarkdown = true;
        else if (!std::strcmp(argv[i], "--gui")) gui = true;
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
        nlohmann::json guiResult;
        if (gui) {
            int qtArgc = 1;
            char* qtArgv[] = {argv[0], nullptr};
            QApplication app(qtArgc, qtArgv);
            guiResult = guiBenchmark(repeat);
        }
        if (asMarkdown) {
            std::cout << markdown(out, repeat);
            if (gui) std::cout << guiMarkdown(guiResult, repeat);
        } else {
            if (gui) out.push_back({{"gui", guiResult}});
            std::cout << out.dump(2) << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "lightbox-bench-pstate: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
