#pragma once
// Display QC > 10-bit Output Check: the TG18-MP pattern at 1:1 through the
// viewports' own output path, and a plain statement of how many bits reach
// the screen, measured by reading the frame back (viewer/OutputDepthCheck.h).

#include "lightbox/viewer/OutputDepthCheck.h"

#include <QDialog>

#include <optional>

class QLabel;

namespace lightbox::viewer {
class Viewport;
}

namespace lightbox::app {

class OutputDepthDialog : public QDialog {
    Q_OBJECT
public:
    explicit OutputDepthDialog(QWidget* parent = nullptr);

    // The measurement, once the pattern has been painted (nullopt before).
    const std::optional<viewer::OutputDepthReport>& report() const { return report_; }

signals:
    void measured(const lightbox::viewer::OutputDepthReport& report);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void measure();

    viewer::Viewport* viewport_ = nullptr;
    QLabel* verdict_ = nullptr;
    std::optional<viewer::OutputDepthReport> report_;
    bool patternShown_ = false;
};

}  // namespace lightbox::app
