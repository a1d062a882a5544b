#include "RenderBenchmark.h"

#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/OffscreenRenderer.h"
#include "lightbox/render/SeriesDisplay.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/render/VolumeView.h"

#include <nlohmann/json.hpp>

#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <sstream>

namespace lightbox::bench {

namespace {

using Clock = std::chrono::steady_clock;
using core::operator+;
using core::operator-;
using core::operator*;

struct Timing {
    double median = 0, p95 = 0;
};

// Runs `frame(i)` (which must render and wait for the GPU) `frames` times after warm-ups.
Timing measure(int frames, const std::function<void(int)>& frame, int warmups = 3) {
    for (int i = 0; i < warmups; ++i) frame(i);
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        const auto t0 = Clock::now();
        frame(i + warmups);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, std::size_t(std::ceil(0.95 * double(ms.size()))) - 1)]};
}

// A 512 x 512 x N chest-like CT in memory (HU): body, lungs, spine, aorta, spheres.
core::Volume syntheticCt(int slices) {
    core::Volume v;
    v.columns = v.rows = 512;
    v.slices = slices;
    v.spacing = {0.75, 0.75, 0.625};
    v.origin = {-0.75 * 255.5, -0.75 * 255.5, -0.625 * (slices - 1) / 2.0};
    v.int16Voxels.resize(std::size_t(512) * 512 * std::size_t(slices));
    for (int k = 0; k < slices; ++k)
        for (int j = 0; j < 512; ++j)
            for (int i = 0; i < 512; ++i) {
                const core::Vec3 p = v.patientPoint(i, j, k);
                auto in = [&](double cx, double cy, double a, double b) {
                    return ((p[0] - cx) / a) * ((p[0] - cx) / a) + ((p[1] - cy) / b) * ((p[1] - cy) / b) <= 1;
                };
                double hu = -1000;
                if (in(0, 0, 160, 110)) hu = 40;
                if (in(-80, -10, 50, 70) || in(80, -10, 45, 70)) hu = -850;
                if (in(20, 35, 12, 12)) hu = 200;
                if (in(0, 75, 18, 18)) hu = 700;
                const double r = std::hypot(p[0] + 70, p[1] + 20, std::fmod(std::abs(p[2]), 60.0) - 30);
                if (r < 8) hu = 100;
                hu += double((i * 7 + j * 13 + k * 3) % 11) - 5;  // texture
                v.int16Voxels[std::size_t(k) * 512 * 512 + std::size_t(j) * 512 + std::size_t(i)] = std::int16_t(hu);
            }
    return v;
}

long residentKilobytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// VTK's stock image path on the same voxels (shared, not copied).
struct StockView {
    vtkNew<vtkImageData> image;
    vtkNew<vtkImageResliceMapper> mapper;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkRenderer> renderer;
    core::Vec3 centre;

    explicit StockView(const core::Volume& v) {
        image->SetDimensions(v.columns, v.rows, v.slices);
        image->SetSpacing(v.spacing[0], v.spacing[1], v.spacing[2]);
        image->SetOrigin(v.origin[0], v.origin[1], v.origin[2]);
        vtkNew<vtkShortArray> scalars;
        scalars->SetArray(const_cast<std::int16_t*>(v.int16Voxels.data()),
                          vtkIdType(v.voxelsPerSlice()) * v.slices, 1);
        image->GetPointData()->SetScalars(scalars);
        mapper->SetInputData(image);
        mapper->SliceFacesCameraOn();
        mapper->SliceAtFocalPointOn();
        slice->SetMapper(mapper);
        slice->GetProperty()->SetInterpolationTypeToLinear();
        slice->GetProperty()->SetColorWindow(400);
        slice->GetProperty()->SetColorLevel(40);
        renderer->AddViewProp(slice);
        renderer->GetActiveCamera()->ParallelProjectionOn();
        centre = render::volumeCentre(v);
    }
    // Looks along `normal` (patient LPS) at centre + position * normal, `down` on screen.
    void look(const core::Vec3& normal, const core::Vec3& down, double position, double fieldMm) {
        vtkCamera* camera = renderer->GetActiveCamera();
        const core::Vec3 f = centre + normal * position;
        camera->SetFocalPoint(f[0], f[1], f[2]);
        const core::Vec3 eye = f - normal * 1000.0;
        camera->SetPosition(eye[0], eye[1], eye[2]);
        camera->SetViewUp(-down[0], -down[1], -down[2]);
        camera->SetParallelScale(fieldMm / 2);
        renderer->ResetCameraClippingRange();
    }
};

}  // namespace

int runRenderBenchmark(const RenderBenchOptions& options, std::ostream& json, std::ostream& log) {
    nlohmann::json out;
    out["size"] = options.size;
    out["frames"] = options.frames;
    out["multisampling"] = 0;
    nlohmann::json cases = nlohmann::json::array();

    auto runVolume = [&](const std::string& name, const core::Volume& volume, bool allCases) {
        const render::Reslicer reslicer(volume);
        render::OffscreenRenderer offscreen(options.size, options.size);
        vtkRenderWindow* window = offscreen.window();
        const int frames = options.frames;

        // Ours: reslice on the CPU (only when the plane moves), the grayscale chain on the GPU.
        auto oursCase = [&](const std::function<void(render::SliceView&, int)>& step) {
            render::SliceView view;
            render::PlaneRequest request;
            request.size = std::array<int, 2>{512, 512};
            view.setImage(reslicer.reslice(render::planeThroughVolume(volume, request)));
            view.setWindow(40, 400);
            view.setZoom(double(options.size) / 512);
            offscreen.addRenderer(view.renderer());
            const Timing t = measure(frames, [&](int i) {
                step(view, i);
                window->Render();
                window->WaitForCompletion();
            });
            offscreen.removeRenderer(view.renderer());
            return t;
        };
        auto stockCase = [&](const std::function<void(StockView&, int)>& step) {
            StockView stock(volume);
            offscreen.addRenderer(stock.renderer);
            stock.look({0, 0, 1}, {0, 1, 0}, 0, 512 * render::finestSpacing(volume));
            const Timing t = measure(frames, [&](int i) {
                step(stock, i);
                window->Render();
                window->WaitForCompletion();
            });
            offscreen.removeRenderer(stock.renderer);
            return t;
        };
        auto record = [&](const std::string& what, Timing ours, Timing stock) {
            nlohmann::json c{{"series", name},       {"case", what},         {"oursMedianMs", ours.median},
                             {"oursP95Ms", ours.p95}, {"stockMedianMs", stock.median}, {"stockP95Ms", stock.p95},
                             {"speedup", stock.median / ours.median}};
            log << name << " / " << what << ": ours " << ours.median << " ms (p95 " << ours.p95 << "), stock "
                << stock.median << " ms (p95 " << stock.p95 << "), " << stock.median / ours.median << "x\n";
            cases.push_back(c);
        };
        const double step = reslicer.slabStep({0, 0, 1});
        const int n = volume.slices;
        auto axialAt = [&](int i) {
            render::PlaneRequest r;
            r.size = std::array<int, 2>{512, 512};
            r.positionMm = (i % n - (n - 1) / 2.0) * step;
            return r;
        };

        if (allCases) {
            // The floor both sides share: clearing and presenting an empty frame.
            vtkNew<vtkRenderer> empty;
            offscreen.addRenderer(empty);
            const Timing floor = measure(frames, [&](int) {
                window->Render();
                window->WaitForCompletion();
            });
            offscreen.removeRenderer(empty);
            cases.push_back({{"series", name}, {"case", "empty frame (clear + present, both sides)"},
                             {"oursMedianMs", floor.median}, {"oursP95Ms", floor.p95}});
            log << name << " / empty frame: " << floor.median << " ms (p95 " << floor.p95 << ")\n";
            record("W/L change, 512x512 slice",
                   oursCase([](render::SliceView& v, int i) { v.setWindow(40 + i % 50, 400 + 7 * (i % 30)); }),
                   stockCase([](StockView& s, int i) {
                       s.slice->GetProperty()->SetColorLevel(40 + i % 50);
                       s.slice->GetProperty()->SetColorWindow(400 + 7 * (i % 30));
                   }));
        }
        record("scroll, one slice per frame",
               oursCase([&](render::SliceView& v, int i) {
                   v.setImage(reslicer.reslice(render::planeThroughVolume(volume, axialAt(i))));
               }),
               stockCase([&](StockView& s, int i) {
                   s.look({0, 0, 1}, {0, 1, 0}, (i % n - (n - 1) / 2.0) * step, 512 * render::finestSpacing(volume));
               }));
        if (allCases) {
            auto obliqueNormal = [](int i) {
                const double a = (20 + i % 20) * M_PI / 180;
                return core::Vec3{0, std::sin(a), std::cos(a)};
            };
            record("oblique MPR reslice",
                   oursCase([&](render::SliceView& v, int i) {
                       render::PlaneRequest r;
                       r.kind = render::PlaneKind::Oblique;
                       r.obliqueNormal = obliqueNormal(i);
                       r.size = std::array<int, 2>{512, 512};
                       v.setImage(reslicer.reslice(render::planeThroughVolume(volume, r)));
                   }),
                   stockCase([&](StockView& s, int i) {
                       core::Vec3 right, down;
                       render::axesForNormal(obliqueNormal(i), right, down);
                       s.look(obliqueNormal(i), down, 0, 512 * render::finestSpacing(volume));
                   }));
            render::ResliceOptions slab;
            slab.slabMm = 20;
            slab.slabMode = render::SlabMode::Mip;
            record("20 mm MIP slab, moving",
                   oursCase([&](render::SliceView& v, int i) {
                       v.setImage(reslicer.reslice(render::planeThroughVolume(volume, axialAt(n / 4 + i)), slab));
                   }),
                   stockCase([&](StockView& s, int i) {
                       if (i == 0) {
                           s.mapper->SetSlabThickness(20);
                           s.mapper->SetSlabTypeToMax();
                       }
                       s.look({0, 0, 1}, {0, 1, 0}, ((n / 4 + i) % n - (n - 1) / 2.0) * step,
                              512 * render::finestSpacing(volume));
                   }));
        }
        if (allCases && options.volumeRendering) {
            // 3-D: the GPU ray caster turning 5 degrees per frame (no stock 2-D peer: reported alone).
            render::VolumeView vr(volume);
            vr.setPreset(render::VrPreset::Bone);
            offscreen.addRenderer(vr.renderer());
            const Timing t = measure(std::max(3, frames / 8), [&](int) {
                vr.rotate(5, 0);
                window->Render();
                window->WaitForCompletion();
            }, 1);
            offscreen.removeRenderer(vr.renderer());
            nlohmann::json c{{"series", name}, {"case", "3-D rotation (bone preset)"}, {"oursMedianMs", t.median},
                             {"oursP95Ms", t.p95}};
            log << name << " / 3-D rotation: " << t.median << " ms (p95 " << t.p95 << ")\n";
            cases.push_back(c);
        }
    };

    // Memory: a volume shown in the 2-D and MPR layouts (three planes), against
    // its voxel bytes. The OpenGL driver (Mesa's llvmpipe loads LLVM) is
    // started before the baseline: it is the application's, not the volume's.
    {
        render::OffscreenRenderer offscreen(options.size, options.size);
        vtkNew<vtkRenderer> empty;
        offscreen.addRenderer(empty);
        offscreen.render();
        offscreen.removeRenderer(empty);
        const long before = residentKilobytes();
        core::Volume volume = syntheticCt(options.syntheticSlices);
        const double voxelBytes = double(volume.int16Voxels.size() * sizeof(std::int16_t));
        {
            const render::Reslicer reslicer(volume);
            std::vector<std::unique_ptr<render::SliceView>> views;
            const double quarter[3][4] = {{0, 0.5, 0.5, 1}, {0.5, 0.5, 1, 1}, {0, 0, 0.5, 0.5}};
            int q = 0;
            for (auto kind : {render::PlaneKind::Axial, render::PlaneKind::Coronal, render::PlaneKind::Sagittal}) {
                auto view = std::make_unique<render::SliceView>();
                render::PlaneRequest r;
                r.kind = kind;
                view->setImage(reslicer.reslice(render::planeThroughVolume(volume, r)));
                view->setWindow(40, 400);
                offscreen.addRenderer(view->renderer(), quarter[q][0], quarter[q][1], quarter[q][2], quarter[q][3]);
                ++q;
                views.push_back(std::move(view));
            }
            offscreen.render();
            const long shown = residentKilobytes();
            out["memory"] = {{"voxelBytes", voxelBytes},
                             {"residentIncreaseBytes", double(shown - before) * 1024},
                             {"ratio", double(shown - before) * 1024 / voxelBytes}};
            log << "memory: volume " << voxelBytes / 1e6 << " MB, resident increase "
                << double(shown - before) * 1024 / 1e6 << " MB (" << double(shown - before) * 1024 / voxelBytes
                << "x)\n";
            for (auto& view : views) offscreen.removeRenderer(view->renderer());
        }
        runVolume("synthetic CT 512x512x" + std::to_string(options.syntheticSlices), volume, true);
    }
    if (!options.realSeries.empty() && std::filesystem::exists(options.realSeries)) {
        core::ScanResult scan = core::scanForSeries(options.realSeries);
        const core::SeriesInfo& series = render::chooseVolumeSeries(scan.series);
        const core::Volume volume = core::loadVolume(series);
        runVolume("real CT " + std::to_string(volume.slices) + " slices", volume, true);
    }
    out["cases"] = cases;
    json << out.dump(2) << "\n";
    return 0;
}

}  // namespace lightbox::bench
