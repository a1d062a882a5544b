#include "lightbox/viewer/WindowPresets.h"

#include <QCoreApplication>

namespace lightbox::viewer {

std::vector<WindowPreset> ctWindowPresets() {
    // Names marked for lupdate in the context they are translated in (a local
    // tr() wrapper would be filed under the namespace by lupdate).
    static constexpr struct {
        const char* name;
        double center, width;
    } kPresets[] = {{QT_TRANSLATE_NOOP("WindowPresets", "Brain"), 40, 80},    {QT_TRANSLATE_NOOP("WindowPresets", "Lung"), -600, 1500},
                    {QT_TRANSLATE_NOOP("WindowPresets", "Mediastinum"), 50, 350}, {QT_TRANSLATE_NOOP("WindowPresets", "Bone"), 400, 1800},
                    {QT_TRANSLATE_NOOP("WindowPresets", "Abdomen"), 60, 400}, {QT_TRANSLATE_NOOP("WindowPresets", "Liver"), 80, 150}};
    std::vector<WindowPreset> presets;
    for (const auto& p : kPresets) presets.push_back({QCoreApplication::translate("WindowPresets", p.name), p.center, p.width});
    return presets;
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
