#pragma once
// Defaults for showing a series: the display chain its files ask for (the
// first window, or the first VOI LUT, or the volume's range; MONOCHROME1 as
// an inverse presentation), the windows a user can step through, and the
// corner-text facts.

#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/DisplayChain.h"
#include "lightbox/render/SliceView.h"

#include <vector>

namespace lightbox::render {

struct SeriesDisplayDefaults {
    DisplayChain chain;
    std::vector<core::WindowLevel> fileWindows;  // the windows the first image carries
};

// Reads the first image's header (throws core::Error naming the file when it
// cannot). `volume` supplies the range when the file has no window.
SeriesDisplayDefaults displayDefaults(const core::SeriesInfo& series, const core::Volume* volume);

OverlayInfo overlayInfo(const core::SeriesInfo& series);

// The series in `scan` that reads best as a volume: `uid` if given, else the
// volume with the most images. Throws core::Error(NoPixelData / InvalidArgument).
const core::SeriesInfo& chooseVolumeSeries(const std::vector<core::SeriesInfo>& series, const std::string& uid = {});

}  // namespace lightbox::render
