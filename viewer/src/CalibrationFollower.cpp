#include "lightbox/viewer/CalibrationFollower.h"

#include <QEvent>
#include <QScreen>
#include <QWidget>
#include <QWindow>

namespace lightbox::viewer {

CalibrationFollower::CalibrationFollower(QWidget* widget) : QObject(widget), widget_(widget) {
    widget_->installEventFilter(this);
}

void CalibrationFollower::setProvider(Provider provider) {
    provider_ = std::move(provider);
    reapply();
}

void CalibrationFollower::reapply() {
    QScreen* on = widget_->screen();
    table_ = provider_ ? provider_(on) : render::CalibrationTable::identity();
    screen_ = on;
    emit applied(on, table_);
}

bool CalibrationFollower::eventFilter(QObject* watched, QEvent* event) {
    if (watched == widget_ && event->type() == QEvent::Show) {
        watchWindow();
        if (provider_ && widget_->screen() != screen_) reapply();
    }
    return QObject::eventFilter(watched, event);
}

void CalibrationFollower::watchWindow() {
    // The top-level window's native handle exists once shown; it may change
    // when the widget is re-parented.
    QWindow* handle = widget_->window()->windowHandle();
    if (!handle || handle == watchedWindow_) return;
    if (watchedWindow_) disconnect(watchedWindow_, &QWindow::screenChanged, this, nullptr);
    watchedWindow_ = handle;
    connect(handle, &QWindow::screenChanged, this, [this] { reapply(); });
}

}  // namespace lightbox::viewer
