#include "PatternWindow.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScreen>
#include <QWindow>

namespace lightbox::qc {

PatternWindow::PatternWindow(QWidget* parent) : QWidget(parent, Qt::Window | Qt::FramelessWindowHint) {
    setWindowTitle(tr("Lightbox test pattern"));
    setCursor(Qt::BlankCursor);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PatternWindow::showPattern(const QString& name, QScreen* screen) {
    const qreal dpr = screen ? screen->devicePixelRatio() : 1.0;
    const QRect geometry = screen ? screen->geometry() : QRect(0, 0, 1024, 1024);
    const QSize native = geometry.size() * dpr;
    calibration::PatternRequest request;
    request.name = name.toStdString();
    request.width = std::max(256, native.width());
    request.height = std::max(256, native.height());
    request.bits = 8;  // Qt's raster painter is 8 bits per channel
    pattern_ = calibration::generatePattern(request);
    const auto shown = pattern_.windowed(8);
    image_ = QImage(pattern_.width(), pattern_.height(), QImage::Format_Grayscale8);
    for (int y = 0; y < pattern_.height(); ++y) {
        uchar* line = image_.scanLine(y);
        for (int x = 0; x < pattern_.width(); ++x)
            line[x] = uchar(shown[std::size_t(y) * std::size_t(pattern_.width()) + std::size_t(x)]);
    }
    image_.setDevicePixelRatio(dpr);
    name_ = name;
    if (screen && windowHandle()) windowHandle()->setScreen(screen);
    setGeometry(geometry);
    showFullScreen();
    raise();
    update();
}

int PatternWindow::patternValueAt(int x, int y) const {
    if (image_.isNull() || x < 0 || y < 0 || x >= image_.width() || y >= image_.height()) return -1;
    return image_.constScanLine(y)[x];
}

void PatternWindow::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    if (!image_.isNull()) p.drawImage(QPoint(0, 0), image_);  // device pixels 1:1 (the image carries the DPR)
}

void PatternWindow::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        hide();
        emit closedByUser();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace lightbox::qc
