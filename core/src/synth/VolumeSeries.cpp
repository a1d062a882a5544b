#include "synth/VolumeSeries.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace lightbox::core::synth {
namespace {

constexpr Tag PositionReferenceIndicator{0x0020, 0x1040};

std::string joinDs(const std::vector<DisplayWindow>& windows, bool center) {
    std::vector<double> values;
    for (const DisplayWindow& w : windows) values.push_back(center ? w.center : w.width);
    return formatDsList(values);
}

DatasetBuilder sliceDataset(const PatientSpec& patient, const StudySpec& study, const VolumeSeriesSpec& spec,
                            int slice) {
    const VolumeGrid& g = spec.grid;
    DatasetBuilder ds = commonHeader(patient, study, spec.series, slice + 1);
    ds.text(tags::ImageType, "CS", spec.imageType);
    // Frame of Reference
    ds.text(tags::FrameOfReferenceUID, "UI", spec.frameOfReferenceUid).empty(PositionReferenceIndicator, "LO");
    // Image Plane
    const Vec3 position = g.position(slice);
    const Vec3 normal = normalized(cross(g.rowDirection, g.columnDirection));
    ds.text(tags::PixelSpacing, "DS", formatDsList({g.rowSpacing, g.columnSpacing}))
        .text(tags::ImageOrientationPatient, "DS",
              formatDsList({g.rowDirection[0], g.rowDirection[1], g.rowDirection[2], g.columnDirection[0],
                            g.columnDirection[1], g.columnDirection[2]}))
        .text(tags::ImagePositionPatient, "DS", formatDsList({position[0], position[1], position[2]}))
        .text(tags::SliceThickness, "DS", formatDs(g.sliceThickness))
        .text(tags::SliceLocation, "DS", formatDs(dot(position, normal)));
    // Modality LUT (as part of the CT Image module) and VOI LUT
    if (!spec.rescaleType.empty()) {
        ds.text(tags::RescaleIntercept, "DS", formatDs(spec.rescaleIntercept))
            .text(tags::RescaleSlope, "DS", formatDs(spec.rescaleSlope))
            .text(tags::RescaleType, "LO", spec.rescaleType);
    }
    setWindows(ds, spec.windows);
    if (spec.modalityAttributes) spec.modalityAttributes(ds, slice);

    // Pixels: the phantom at each pixel centre, in the phantom's coordinates.
    NoiseSource noise(seedFromName(spec.series.uid(study) + "/noise/" + std::to_string(slice)));
    std::vector<std::uint16_t> samples(std::size_t(g.rows) * std::size_t(g.columns));
    std::vector<double> line(std::size_t(g.columns));
    std::size_t i = 0;
    for (int r = 0; r < g.rows; ++r) {
        // The transform is affine, so one row is a straight line in phantom coordinates.
        const Vec3 start = spec.phantomFromFrame.apply(g.pixelCentre(slice, 0, r));
        const Vec3 step = spec.phantomFromFrame.apply(g.pixelCentre(slice, 1, r)) - start;
        spec.phantom->fillLine(start, step, g.columns, line.data());
        for (int c = 0; c < g.columns; ++c, ++i) {
            double v = line[std::size_t(c)];
            if (spec.noiseSigma > 0) v += spec.noiseSigma * noise.gaussian();
            samples[i] = toStored((v - spec.rescaleIntercept) / spec.rescaleSlope, spec.bitsStored);
        }
    }
    setGrayscalePixels(ds, g.rows, g.columns, spec.bitsStored, false, samples);
    return ds;
}

}  // namespace

VolumeGrid VolumeGrid::centred(int rows, int columns, double spacing, const Vec3& rowDirection,
                               const Vec3& columnDirection, const Vec3& centre) {
    VolumeGrid g;
    g.rows = rows;
    g.columns = columns;
    g.rowSpacing = spacing;
    g.columnSpacing = spacing;
    g.rowDirection = rowDirection;
    g.columnDirection = columnDirection;
    g.firstPosition = centre - rowDirection * ((columns - 1) / 2.0 * spacing) -
                      columnDirection * ((rows - 1) / 2.0 * spacing);
    return g;
}

nlohmann::json VolumeGrid::toJson() const {
    nlohmann::json j;
    j["rows"] = rows;
    j["columns"] = columns;
    j["slices"] = slices;
    j["pixelSpacing"] = {rowSpacing, columnSpacing};
    j["imageOrientationPatient"] = {rowDirection[0], rowDirection[1], rowDirection[2],
                                    columnDirection[0], columnDirection[1], columnDirection[2]};
    j["firstImagePosition"] = synth::toJson(firstPosition);
    j["sliceStep"] = synth::toJson(sliceStep);
    j["sliceThickness"] = sliceThickness;
    return j;
}

std::string frameOfReferenceUid(const std::string& key) { return uidFromName("lightbox-synthetic/" + key + "/for"); }

void setWindows(DatasetBuilder& ds, const std::vector<DisplayWindow>& windows) {
    if (windows.empty()) return;
    std::string explanation;
    for (std::size_t i = 0; i < windows.size(); ++i) explanation += (i ? "\\" : "") + windows[i].explanation;
    ds.text(tags::WindowCenter, "DS", joinDs(windows, true))
        .text(tags::WindowWidth, "DS", joinDs(windows, false))
        .text(tags::WindowCenterWidthExplanation, "LO", explanation);
}

nlohmann::json windowsJson(const std::vector<DisplayWindow>& windows) {
    nlohmann::json list = nlohmann::json::array();
    for (const DisplayWindow& w : windows)
        list.push_back({{"center", w.center}, {"width", w.width}, {"explanation", w.explanation}});
    return list;
}

nlohmann::json& writeVolumeSeries(SynthContext& context, const PatientSpec& patient, const StudySpec& study,
                                  const VolumeSeriesSpec& spec) {
    const VolumeGrid& g = spec.grid;
    if (g.rows < 1 || g.columns < 1 || g.slices < 1 || g.rows > 65535 || g.columns > 65535)
        throw Error(ErrorCode::InvalidArgument, "synthetic series: impossible image size");
    if (!spec.phantom) throw Error(ErrorCode::InvalidArgument, "synthetic series: no phantom");
    const std::filesystem::path folder = seriesFolder(patient, study, spec.series);
    // Create the folder once, before the workers race to write into it.
    std::error_code ec;
    std::filesystem::create_directories(context.out() / folder, ec);
    if (ec) throw Error(ErrorCode::Io, (context.out() / folder).string() + ": cannot create folder (" + ec.message() + ")");

    std::atomic<int> nextSlice{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (int k = nextSlice++; k < g.slices; k = nextSlice++) {
            try {
                sliceDataset(patient, study, spec, k).write(context.out() / folder / imageFileName(k + 1));
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure) failure = std::current_exception();
                nextSlice = g.slices;  // stop the others early
            }
        }
    };
    const unsigned threadCount = std::min<unsigned>(context.threads(), unsigned(g.slices));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < threadCount; ++t) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);

    nlohmann::json& truth = context.seriesTruth(patient, study, spec.series);
    truth["images"] = g.slices;
    nlohmann::json instances = nlohmann::json::array();
    for (int k = 0; k < g.slices; ++k)
        instances.push_back({{"file", imageFileName(k + 1)},
                             {"instanceNumber", k + 1},
                             {"sopInstanceUid", spec.series.instanceUid(study, k + 1)}});
    truth["instances"] = std::move(instances);
    truth["frameOfReferenceUid"] = spec.frameOfReferenceUid;
    truth["geometry"] = g.toJson();
    if (!spec.rescaleType.empty())
        truth["rescale"] = {{"slope", spec.rescaleSlope}, {"intercept", spec.rescaleIntercept}, {"type", spec.rescaleType}};
    truth["windows"] = windowsJson(spec.windows);
    truth["bits"] = {{"allocated", 16}, {"stored", spec.bitsStored}};
    truth["photometric"] = "MONOCHROME2";
    truth["noiseSigma"] = spec.noiseSigma;
    const RigidTransform frameFromPhantom = spec.phantomFromFrame.inverse();
    const auto m = frameFromPhantom.matrix4x4();
    truth["frameFromPhantom"] = std::vector<double>(m.begin(), m.end());
    truth["background"] = spec.phantom->background();
    truth["objects"] = spec.phantom->toJson(frameFromPhantom);
    return truth;
}

}  // namespace lightbox::core::synth
