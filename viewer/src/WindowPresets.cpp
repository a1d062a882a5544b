#include "lightbox/viewer/WindowPresets.h"

#include <QCoreApplication>

namespace lightbox::viewer {

std::vector<WindowPreset> ctWindowPresets() {
    auto tr = [](const char* s) { return QCoreApplication::translate("WindowPresets", s); };
    return {{tr("Brain"), 40, 80},     {tr("Lung"), -600, 1500},  {tr("Mediastinum"), 50, 350},
            {tr("Bone"), 400, 1800},   {tr("Abdomen"), 60, 400},  {tr("Liver"), 80, 150}};
}

std::vector<WindowPreset> presetsForKeys(const std::vector<core::WindowLevel>& fileWindows) {
    std::vector<WindowPreset> out = ctWindowPresets();
    for (std::size_t i = 0; i < fileWindows.size() && i < 4; ++i) {
        const auto& w = fileWindows[i];
        out.push_back({w.explanation.empty() ? QCoreApplication::translate("WindowPresets", "File window %1").arg(i + 1)
                                             : QString::fromStdString(w.explanation),
                       w.center, w.width});
    }
    return out;
}

}  // namespace lightbox::viewer
