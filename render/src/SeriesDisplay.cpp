#include "lightbox/render/SeriesDisplay.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"

#include <algorithm>

namespace lightbox::render {

SeriesDisplayDefaults displayDefaults(const core::SeriesInfo& series, const core::Volume* volume) {
    SeriesDisplayDefaults out;
    if (series.slices.empty()) throw core::Error(core::ErrorCode::InvalidArgument, "the series has no images");
    const core::SliceRef& first = series.slices.front();
    core::DicomFile file = core::DicomFile::open(first.path, core::DicomFile::Extent::HeaderOnly);
    const core::ImageLuts luts = core::ImageLuts::from(file, first.pixel.photometric, first.frame);
    out.fileWindows = luts.windows;
    for (const auto& w : luts.frameWindows)
        if (std::none_of(out.fileWindows.begin(), out.fileWindows.end(),
                         [&](const core::WindowLevel& x) { return x.center == w.center && x.width == w.width; }))
            out.fileWindows.push_back(w);
    // The volume already holds modality values: no rescale on the GPU.
    if (!out.fileWindows.empty()) {
        out.chain.window = out.fileWindows.front();
    } else if (!luts.voiLuts.empty()) {
        out.chain.voiLut = luts.voiLuts.front();
    } else if (volume) {
        double lo = 0, hi = 0;
        if (volume->isFloat && !volume->floatVoxels.empty()) {
            auto [a, b] = std::minmax_element(volume->floatVoxels.begin(), volume->floatVoxels.end());
            lo = *a;
            hi = *b;
        } else if (!volume->int16Voxels.empty()) {
            auto [a, b] = std::minmax_element(volume->int16Voxels.begin(), volume->int16Voxels.end());
            lo = *a;
            hi = *b;
        }
        out.chain.window = core::WindowLevel{(lo + hi) / 2, std::max(hi - lo, 1.0), core::VoiFunction::Linear, "MIN/MAX"};
    }
    if (first.pixel.photometric == core::Photometric::Monochrome1)
        out.chain.presentation = core::PresentationShape::Inverse;
    if (luts.presentationShape == core::PresentationShape::Inverse)
        out.chain.presentation = out.chain.presentation == core::PresentationShape::Inverse
                                     ? core::PresentationShape::Identity
                                     : core::PresentationShape::Inverse;
    return out;
}

OverlayInfo overlayInfo(const core::SeriesInfo& series) {
    OverlayInfo info;
    std::string name = series.patientName;
    std::replace(name.begin(), name.end(), '^', ' ');
    info.patientName = name;
    info.patientId = series.patientId;
    if (series.studyDate.size() == 8)
        info.studyDate = series.studyDate.substr(0, 4) + "-" + series.studyDate.substr(4, 2) + "-" +
                         series.studyDate.substr(6, 2);
    info.studyDescription = series.studyDescription;
    info.seriesDescription = series.seriesDescription;
    info.seriesNumber = series.seriesNumber;
    info.modality = series.modality;
    return info;
}

const core::SeriesInfo& chooseVolumeSeries(const std::vector<core::SeriesInfo>& series, const std::string& uid) {
    const core::SeriesInfo* best = nullptr;
    for (const auto& s : series) {
        if (!uid.empty()) {
            if (s.seriesInstanceUid == uid) {
                if (!s.isVolume())
                    throw core::Error(core::ErrorCode::InvalidArgument,
                                      "series " + uid + " is not a stack of parallel images");
                return s;
            }
            continue;
        }
        if (s.isVolume() && (!best || s.slices.size() > best->slices.size())) best = &s;
    }
    if (!uid.empty()) throw core::Error(core::ErrorCode::InvalidArgument, "no series " + uid + " found");
    if (!best) throw core::Error(core::ErrorCode::NoPixelData, "no series that forms a volume was found");
    return *best;
}

}  // namespace lightbox::render
