#include "ScreenIdentity.h"

#include "lightbox/calibration/QcHistory.h"

#include <QCoreApplication>
#include <QDir>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QScreen>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <QWindow>

namespace lightbox::qc {

calibration::DisplayIdentity screenIdentity(const QScreen* screen) {
    static const auto drm = calibration::scanDrmDisplays();
    if (!screen) return {};
    auto id = calibration::identifyScreen(screen->name().toStdString(), screen->manufacturer().toStdString(),
                                          screen->model().toStdString(), screen->serialNumber().toStdString(), drm);
    if (!id.nativeWidth) {
        const QSize native = screen->size() * screen->devicePixelRatio();
        id.nativeWidth = native.width();
        id.nativeHeight = native.height();
    }
    return id;
}

std::optional<calibration::CalibrationLut> activeLutForScreen(const QScreen* screen,
                                                              const calibration::QcHistory& history) {
    return history.activeLut(screenIdentity(screen).key());
}

QString TenBitProbe::summary() const {
    if (!probed) return QCoreApplication::translate("TenBitProbe", "10-bit output: unknown (no OpenGL on this screen)");
    if (tenBit) return QCoreApplication::translate("TenBitProbe", "10-bit output: yes (%1/%2/%3 bits per channel)").arg(red).arg(green).arg(blue);
    return QCoreApplication::translate("TenBitProbe",
                                       "10-bit output: no (the window system gave %1/%2/%3 bits per channel; "
                                       "images reach this screen at 8 bits)")
        .arg(red)
        .arg(green)
        .arg(blue);
}

TenBitProbe probeTenBitOutput(QScreen* screen) {
    TenBitProbe result;
    QSurfaceFormat format;
    format.setRedBufferSize(10);
    format.setGreenBufferSize(10);
    format.setBlueBufferSize(10);
    format.setAlphaBufferSize(2);
    QWindow window(screen);
    window.setSurfaceType(QSurface::OpenGLSurface);
    window.setFormat(format);
    window.resize(16, 16);
    window.create();
    QOpenGLContext context;
    context.setFormat(format);
    context.setScreen(screen);
    if (!context.create() || !context.makeCurrent(&window)) return result;
    const QSurfaceFormat got = context.format();
    result.probed = true;
    result.red = got.redBufferSize();
    result.green = got.greenBufferSize();
    result.blue = got.blueBufferSize();
    result.alpha = got.alphaBufferSize();
    result.tenBit = result.red >= 10 && result.green >= 10 && result.blue >= 10;
    if (auto* f = context.functions()) {
        if (const auto* r = reinterpret_cast<const char*>(f->glGetString(GL_RENDERER))) result.renderer = r;
    }
    context.doneCurrent();
    return result;
}

QString defaultHistoryPath() {
    const QString env = qEnvironmentVariable("LIGHTBOX_QC_HISTORY");
    if (!env.isEmpty()) return env;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + "/qc-history.sqlite";
}

}  // namespace lightbox::qc
