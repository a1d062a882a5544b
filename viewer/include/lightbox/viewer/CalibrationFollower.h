#pragma once
// Follows a widget's window from screen to screen and keeps the calibration
// LUT (P-value -> DDL) of the display it is on: the provider (app composes it
// from the QC history; viewer may not use SQLite) is asked when it is set,
// when the window is first shown or moves to another screen, and on
// reapply() (after the QC wizard saved a calibration). The reading area and
// the plain image view share it, so every image the workstation shows is
// calibrated the same way.

#include "lightbox/render/DisplayChain.h"

#include <QObject>
#include <QPointer>
#include <QScreen>
#include <QWindow>

#include <functional>

class QWidget;

namespace lightbox::viewer {

class CalibrationFollower : public QObject {
    Q_OBJECT
public:
    using Provider = std::function<render::CalibrationTable(const QScreen*)>;

    // Follows `widget` (its parent; it watches the widget's show events).
    explicit CalibrationFollower(QWidget* widget);

    void setProvider(Provider provider);
    bool hasProvider() const { return bool(provider_); }
    // Asks the provider again for the screen the widget is on.
    void reapply();

    const render::CalibrationTable& table() const { return table_; }
    // The screen whose table applies now (nullptr before the first).
    QScreen* screen() const { return screen_; }

signals:
    // `table` now applies: the widget shows `screen`'s display.
    void applied(QScreen* screen, const render::CalibrationTable& table);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void watchWindow();

    QWidget* widget_;
    Provider provider_;
    render::CalibrationTable table_;
    QPointer<QScreen> screen_;
    QPointer<QWindow> watchedWindow_;
};

}  // namespace lightbox::viewer
