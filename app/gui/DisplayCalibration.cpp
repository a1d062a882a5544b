#include "DisplayCalibration.h"

#include "DisplayDescription.h"
#include "ScreenIdentity.h"
#include "lightbox/calibration/QcHistory.h"
#include "lightbox/core/Error.h"
#include "lightbox/viewer/ImageView.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLabel>
#include <QPointer>
#include <QScreen>

#include <memory>

namespace lightbox::app {

namespace {

// The translation context of the texts below.
class DisplayCalibration {
    Q_DECLARE_TR_FUNCTIONS(DisplayCalibration)
};

}  // namespace

QString ScreenCalibration::statusLine() const { return calibrated + QStringLiteral(" | ") + output; }

QString outputDepthLine(const QScreen* screen) {
    const int depth = screen ? screen->depth() : 0;
    if (viewer::Viewport::preferredOutputBits() >= 10 && depth >= 30)
        return DisplayCalibration::tr("10-bit output: yes (screen %1 bits deep)").arg(depth);
    if (depth >= 30) return DisplayCalibration::tr("10-bit output: no (8-bit output path chosen)");
    return DisplayCalibration::tr("10-bit output: no (8 bits per channel)");
}

ScreenCalibration lookUpScreenCalibration(const QScreen* screen, const QString& historyPath) {
    ScreenCalibration result;
    // What the viewports' output path writes for this screen; the TG18-MP
    // check (Display QC menu) measures what actually reaches it.
    result.output = outputDepthLine(screen);
    if (!screen) {
        result.calibrated = DisplayCalibration::tr("Not calibrated (no screen)");
        return result;
    }
    const calibration::DisplayIdentity id = qc::screenIdentity(screen);
    const QString name = qc::describeDisplay(id);
    result.calibrated = DisplayCalibration::tr("Not calibrated: %1").arg(name);
    if (historyPath.isEmpty() || !QFileInfo::exists(historyPath)) return result;
    try {
        const calibration::QcHistory history(historyPath.toStdString());
        const auto lut = history.activeLut(id.key());
        if (!lut) return result;
        const QString date = QString::fromStdString(history.activeLutCreatedAt(id.key()).value_or(std::string())).left(10);
        result.table = render::CalibrationTable::from(*lut);
        result.calibrated = DisplayCalibration::tr("Calibrated: %1 (GSDF, LUT from %2)").arg(name, date);
    } catch (const core::Error& e) {
        result.calibrated = DisplayCalibration::tr("Not calibrated: the QC history cannot be read (%1)").arg(QString::fromStdString(e.what()));
    }
    return result;
}

void installDisplayCalibration(viewer::ReadingArea* area, viewer::ImageView* images, QLabel* label) {
    QPointer<QLabel> shown = label;
    const auto provider = [shown](const QScreen* screen) {
        const ScreenCalibration found = lookUpScreenCalibration(screen, qc::defaultHistoryPath());
        if (shown) {
            shown->setText(found.statusLine());
            shown->setToolTip(DisplayCalibration::tr(
                "The image views apply the active calibration LUT (P-value to driving level) of the "
                "display they are on, from the QC history. On a 30-bit screen the reading viewports apply it in a "
                "final pass at 10 bits per channel; Display QC > 10-bit Output Check (TG18-MP) measures what "
                "reaches the screen."));
        }
        return found.table;
    };
    area->setCalibrationProvider(provider);
    if (images) images->setCalibrationProvider(provider);
}

}  // namespace lightbox::app
