#pragma once
// Window/level presets on the number keys: the CT presets every reading
// room knows, then the windows the file itself carries.

#include "lightbox/core/GrayscalePipeline.h"

#include <QString>

#include <vector>

namespace lightbox::viewer {

struct WindowPreset {
    QString name;  // translated
    double center = 0, width = 1;
};

// Keys 1-6: brain, lung, mediastinum, bone, abdomen, liver (HU).
std::vector<WindowPreset> ctWindowPresets();
// Keys 1-6 as above, 7, 8, 9 and 0: the file's own windows (0 = the first).
std::vector<WindowPreset> presetsForKeys(const std::vector<core::WindowLevel>& fileWindows);

}  // namespace lightbox::viewer
