#include "lightbox/viewer/OutputDepthCheck.h"

#include "lightbox/calibration/TestPattern.h"
#include "lightbox/viewer/Viewport.h"

#include <QCoreApplication>
#include <QScreen>

#include <algorithm>
#include <set>

namespace lightbox::viewer {

QString OutputDepthReport::summary() const {
    // The context lupdate files these strings under (the enclosing class).
    const auto tr = [](const char* text) { return QCoreApplication::translate("lightbox::viewer::OutputDepthReport", text); };
    if (tenBitsReachScreen())
        return tr("10 bits reach the screen: the TG18-MP pattern shows %1 of %2 gray levels "
                  "(output pass %3-bit, framebuffer %4 bits per channel, screen depth %5).")
            .arg(levelsSeen).arg(levelsShown).arg(outputPathBits).arg(framebufferBits).arg(screenDepth);
    QString why;
    if (screenDepth < 30) why = tr("the screen is %1 bits deep (a 10-bit display needs a 30-bit X screen)").arg(screenDepth);
    else if (outputPathBits < 10) why = tr("the viewports use the 8-bit output path");
    else if (framebufferBits < 10) why = tr("the graphics driver gave an %1-bit framebuffer").arg(framebufferBits);
    else why = tr("only %1 distinct levels were read back").arg(levelsSeen);
    return tr("Only 8 bits reach the screen: %1. The TG18-MP pattern shows %2 of %3 gray levels; the calibration "
              "LUT is applied, but its output is rounded to 256 levels.")
        .arg(why).arg(levelsSeen).arg(levelsShown);
}

std::shared_ptr<LoadedSeries> imageSeries(int width, int height, const std::vector<std::uint16_t>& values,
                                          double windowCenter, double windowWidth, const std::string& description) {
    auto loaded = std::make_shared<LoadedSeries>();
    loaded->series.modality = "OT";
    loaded->series.seriesDescription = description;
    loaded->series.rows = height;
    loaded->series.columns = width;
    loaded->series.instanceCount = 1;
    core::Volume& v = loaded->volume;
    v.columns = width;
    v.rows = height;
    v.slices = 1;
    v.int16Voxels.resize(std::size_t(width) * std::size_t(height));
    for (std::size_t i = 0; i < v.int16Voxels.size() && i < values.size(); ++i)
        v.int16Voxels[i] = std::int16_t(std::min<int>(values[i], 32767));
    loaded->defaults.chain.window = core::WindowLevel{windowCenter, windowWidth, core::VoiFunction::Linear, {}};
    loaded->defaults.fileWindows = {loaded->defaults.chain.window};
    loaded->reslicer = std::make_unique<render::Reslicer>(loaded->volume);
    return loaded;
}

void showOutputDepthPattern(Viewport& viewport) {
    const double ratio = viewport.devicePixelRatioF();
    const int size = std::clamp(int(std::min(viewport.width(), viewport.height()) * ratio), 256, 8192);
    const calibration::TestPattern mp = calibration::generatePattern({"MP", size, size, 10});
    viewport.setCalibration(render::CalibrationTable::identity());
    viewport.showPlane(imageSeries(mp.width(), mp.height(), mp.pixels(), mp.windowCenter(), mp.windowWidth(), mp.name()),
                       render::PlaneKind::Axial);
    viewport.setOverlaysVisible(false);
    viewport.oneToOne();
}

OutputDepthReport measureOutputDepth(Viewport& viewport) {
    OutputDepthReport report;
    report.outputPathBits = viewport.outputBits();
    report.framebufferBits = viewport.framebufferBits();
    const QScreen* screen = viewport.screen();
    report.screenDepth = screen ? screen->depth() : 0;
    std::set<int> shown;
    if (const LoadedSeries* s = viewport.series())
        for (const std::int16_t v : s->volume.int16Voxels) shown.insert(v);
    report.levelsShown = int(shown.size());
    std::set<int> seen;
    const int rows = int(viewport.height() * viewport.devicePixelRatioF());
    for (int row = 0; row < rows; ++row)
        for (const int level : viewport.readBackLevels(row)) seen.insert(level);
    report.levelsSeen = int(seen.size());
    return report;
}

}  // namespace lightbox::viewer
