#include "lightbox/viewer/ImageView.h"

#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/StudyBrowser.h"

#include <QKeyEvent>
#include <QPainter>
#include <QWheelEvent>

namespace lightbox::viewer {

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 320);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::black);
    setPalette(p);
    calibration_ = new CalibrationFollower(this);
    connect(calibration_, &CalibrationFollower::applied, this, [this] {
        if (index_ < 0) return;
        displayed_ = renderSlice(series_.slices[std::size_t(index_)], std::nullopt, calibration_->table());
        update();
    });
}

void ImageView::setCalibrationProvider(CalibrationFollower::Provider provider) {
    calibration_->setProvider(std::move(provider));
}

void ImageView::reapplyCalibration() { calibration_->reapply(); }

const render::CalibrationTable& ImageView::calibration() const { return calibration_->table(); }

void ImageView::setSeries(const core::SeriesInfo& series) {
    series_ = series;
    index_ = -1;
    showImage(0);
}

void ImageView::clear() {
    series_ = {};
    index_ = -1;
    displayed_ = {};
    update();
}

void ImageView::showImage(int index) {
    if (series_.slices.empty()) return;
    index = std::clamp(index, 0, int(series_.slices.size()) - 1);
    if (index == index_) return;
    index_ = index;
    displayed_ = renderSlice(series_.slices[std::size_t(index)], std::nullopt, calibration_->table());
    update();
    emit imageChanged(index_, int(series_.slices.size()));
}

void ImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (!displayed_.image.isNull()) {
        QSize scaled = displayed_.image.size().scaled(size(), Qt::KeepAspectRatio);
        QRect target(QPoint((width() - scaled.width()) / 2, (height() - scaled.height()) / 2), scaled);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter.drawImage(target, displayed_.image);
    }
    painter.setPen(QColor(230, 230, 120));
    const int m = 8;
    if (index_ >= 0) {
        painter.drawText(rect().adjusted(m, m, -m, -m), Qt::AlignLeft | Qt::AlignTop,
                         formatPersonName(series_.patientName) + "\n" + QString::fromStdString(series_.patientId));
        painter.drawText(rect().adjusted(m, m, -m, -m), Qt::AlignRight | Qt::AlignTop,
                         QString::fromStdString(series_.modality) + " " + QString::fromStdString(series_.seriesDescription) +
                             "\n" + tr("Image %1 / %2").arg(index_ + 1).arg(series_.slices.size()));
        painter.drawText(rect().adjusted(m, m, -m, -m), Qt::AlignLeft | Qt::AlignBottom, displayed_.voiDescription);
    }
    if (!displayed_.error.isEmpty()) {
        painter.setPen(QColor(255, 120, 120));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Cannot display this image:\n%1").arg(displayed_.error));
    } else if (index_ < 0) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a series"));
    }
}

void ImageView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps != 0) showImage(index_ - steps);
    event->accept();
}

void ImageView::keyPressEvent(QKeyEvent* event) {
    // The viewports' scroll keys (the shortcut map's Navigation group).
    const QString action = ShortcutMap::global().actionFor(event);
    if (action == QLatin1String("scroll.next")) next();
    else if (action == QLatin1String("scroll.previous")) previous();
    else if (action == QLatin1String("scroll.pageForward")) showImage(index_ + 10);
    else if (action == QLatin1String("scroll.pageBack")) showImage(index_ - 10);
    else if (action == QLatin1String("scroll.first")) showImage(0);
    else if (action == QLatin1String("scroll.last")) showImage(imageCount() - 1);
    else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

}  // namespace lightbox::viewer
