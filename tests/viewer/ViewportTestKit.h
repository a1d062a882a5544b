#pragma once
// What the viewport tests share: a synthetic series written and loaded, a
// viewport showing it with nothing drawn over the pixels, mouse drags as a
// user makes them, and the frame as the screen shows it.

#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/Viewport.h"

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>
#include <string>

namespace lightbox::test {

// One synthetic item (`lightbox-cli synth --only ITEM`) written into a
// temporary folder, with the generator's truth and its first series.
struct SyntheticSeries {
    QTemporaryDir dir;
    nlohmann::json truth;        // what the generator says it wrote
    nlohmann::json seriesTruth;  // the item's first series in `truth`
    core::SeriesInfo series;     // that series as scanned from its files
};

inline std::unique_ptr<SyntheticSeries> writeSynthetic(const std::string& item, int slices, int matrix) {
    auto s = std::make_unique<SyntheticSeries>();
    core::SynthOptions options;
    options.only = item;
    options.slices = slices;
    options.matrix = matrix;
    s->truth = nlohmann::json::parse(core::writeSyntheticPatients(s->dir.filePath("synth").toStdString(), options));
    for (const auto& patient : s->truth["patients"])
        for (const auto& study : patient["studies"])
            if (study["item"] == item) s->seriesTruth = study["series"][0];
    if (s->seriesTruth.is_null()) return s;
    const core::ScanResult scan = core::scanForSeries(s->dir.filePath("synth").toStdString());
    for (const core::SeriesInfo& series : scan.series)
        if (series.seriesInstanceUid == s->seriesTruth["seriesInstanceUid"].get<std::string>()) s->series = series;
    return s;
}

// The small synthetic CT the presentation-state tests draw on: 4 slices of 128 x 128.
inline std::unique_ptr<SyntheticSeries> smallCt() { return writeSynthetic("ct-current", 4, 128); }

// The file of one instance of a scanned series; empty when it is not there.
inline std::string pathOf(const core::SeriesInfo& series, const std::string& sopInstanceUid) {
    for (const core::SliceRef& slice : series.slices)
        if (slice.sopInstanceUid == sopInstanceUid) return slice.path;
    return {};
}

// Shows `series` on `plane` in a window of `size`, without the corner text
// (nothing over the pixels); false when the window did not come up.
[[nodiscard]] inline bool showPlain(viewer::Viewport& view, const std::shared_ptr<viewer::LoadedSeries>& series,
                                    render::PlaneKind plane, QSize size) {
    view.resize(size);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return false;
    view.showPlane(series, plane, 0);
    view.setOverlaysVisible(false);
    return true;
}

// The frame as the screen shows it now, in device pixels.
inline QImage frameOf(viewer::Viewport& view) {
    view.update();
    QTest::qWait(50);
    return view.grabFramebuffer();
}

inline QPoint rounded(QPointF p) { return QPoint(int(std::lround(p.x())), int(std::lround(p.y()))); }

// Where an image point (pixel coordinates) of the viewport's current image lies on screen.
inline QPoint screenPointOf(viewer::Viewport& view, double x, double y) {
    return rounded(view.measurementTools()->toScreen(*view.measurementTools()->currentTarget(), {x, y, 0}));
}

// A drag with the left button, as a user makes it (press, four moves, release).
inline void drag(QWidget* w, QPoint from, QPoint to) {
    QTest::mousePress(w, Qt::LeftButton, Qt::NoModifier, from);
    for (int step = 1; step <= 4; ++step) {
        const QPointF at = QPointF(from) + (QPointF(to) - QPointF(from)) * (step / 4.0);
        QMouseEvent move(QEvent::MouseMove, at, w->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w, &move);
    }
    QTest::mouseRelease(w, Qt::LeftButton, Qt::NoModifier, to);
}

}  // namespace lightbox::test
