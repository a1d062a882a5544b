#pragma once
// A test pattern full screen on one screen, at 1:1 (one pattern pixel per
// device pixel): generated at the screen's native size.

#include "lightbox/calibration/TestPattern.h"

#include <QImage>
#include <QWidget>

namespace lightbox::qc {

class PatternWindow : public QWidget {
    Q_OBJECT
public:
    explicit PatternWindow(QWidget* parent = nullptr);

    // Generates `name` for `screen` and shows it there full screen.
    void showPattern(const QString& name, QScreen* screen);
    // The pattern at a device pixel (for tests): -1 when none.
    int patternValueAt(int x, int y) const;
    QString patternName() const { return name_; }
    QSize patternSize() const { return image_.size(); }

signals:
    void closedByUser();

protected:
    void paintEvent(QPaintEvent*) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    calibration::TestPattern pattern_;
    QImage image_;
    QString name_;
};

}  // namespace lightbox::qc
