#include "OutputDepthDialog.h"

#include "lightbox/viewer/Viewport.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace lightbox::app {

OutputDepthDialog::OutputDepthDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("10-bit Output Check (TG18-MP)"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The synthetic TG18-MP pattern (after AAPM TG18, 10-bit) is shown at 1:1 through the "
                                "same output path as every image. With 10 bits, each ramp shows the short markers of "
                                "the 10-bit steps between the long 8-bit ones and no contouring."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    viewport_ = new viewer::Viewport(this);
    viewport_->setMinimumSize(512, 512);
    layout->addWidget(viewport_, 1);
    verdict_ = new QLabel(tr("Measuring..."), this);
    verdict_->setObjectName("outputDepthVerdict");
    verdict_->setWordWrap(true);
    verdict_->setMinimumHeight(verdict_->fontMetrics().lineSpacing() * 3);
    layout->addWidget(verdict_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* again = buttons->addButton(tr("Measure Again"), QDialogButtonBox::ActionRole);
    connect(again, &QPushButton::clicked, this, [this] {
        showOutputDepthPattern(*viewport_);
        viewport_->update();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Each painted frame is measured: the pattern is re-laid out when the dialog is resized.
    connect(viewport_, &QOpenGLWidget::frameSwapped, this, [this] {
        if (patternShown_) QTimer::singleShot(0, this, &OutputDepthDialog::measure);
    });
    resize(900, 820);
}

void OutputDepthDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    if (patternShown_) return;
    // After the layout has given the viewport its size.
    QTimer::singleShot(0, this, [this] {
        showOutputDepthPattern(*viewport_);
        patternShown_ = true;
        viewport_->update();
    });
}

void OutputDepthDialog::measure() {
    const viewer::OutputDepthReport report = viewer::measureOutputDepth(*viewport_);
    if (report_ && report_->levelsSeen == report.levelsSeen && report_->framebufferBits == report.framebufferBits) return;
    report_ = report;
    verdict_->setText(report.summary());
    verdict_->setStyleSheet(report.tenBitsReachScreen() ? "color: #1b7f2a; font-weight: bold;"
                                                        : "color: #b3261e; font-weight: bold;");
    emit measured(report);
}

}  // namespace lightbox::app
