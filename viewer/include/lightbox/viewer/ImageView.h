#pragma once
// Shows one series image by image: fit to the window, wheel / arrow keys /
// Page Up-Down to scroll, corner text with patient, series, image number and
// window. The plain image view of the foundation (the reading area holds the
// VTK viewports); its images go to the screen through the display's
// calibration LUT, as the viewports' do.

#include "lightbox/core/Series.h"
#include "lightbox/viewer/CalibrationFollower.h"
#include "lightbox/viewer/SeriesImageSource.h"

#include <QWidget>

namespace lightbox::viewer {

class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);

    void setSeries(const core::SeriesInfo& series);
    void clear();
    int currentIndex() const { return index_; }
    int imageCount() const { return int(series_.slices.size()); }
    const DisplayedImage& displayed() const { return displayed_; }

    // The calibration LUT of the display the view is on (CalibrationFollower):
    // asked when set, when the window changes screen and on reapplyCalibration().
    void setCalibrationProvider(CalibrationFollower::Provider provider);
    void reapplyCalibration();
    const render::CalibrationTable& calibration() const;

public slots:
    void showImage(int index);
    void next() { showImage(index_ + 1); }
    void previous() { showImage(index_ - 1); }

signals:
    void imageChanged(int index, int count);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    core::SeriesInfo series_;
    int index_ = -1;
    DisplayedImage displayed_;
    CalibrationFollower* calibration_ = nullptr;
};

}  // namespace lightbox::viewer
