#include "lightbox/viewer/PresentationStateChooser.h"

#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateApply.h"
#include "lightbox/viewer/Viewport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace lightbox::viewer {

PresentationStateChooser::PresentationStateChooser(QWidget* parent) : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Presentation State:"), this));
    box_ = new QComboBox(this);
    box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box_->addItem(tr("none"));
    row->addWidget(box_);
    graphicsOnly_ = new QCheckBox(tr("Graphics only"), this);
    graphicsOnly_->setToolTip(tr("Show the state's annotations and geometry but keep your own window"));
    row->addWidget(graphicsOnly_);
    connect(box_, &QComboBox::activated, this, [this] { apply(); });
    connect(graphicsOnly_, &QCheckBox::toggled, this, [this] { apply(); });
    setEnabled(false);
}

void PresentationStateChooser::setProvider(Provider provider) {
    provider_ = std::move(provider);
    refresh();
}

void PresentationStateChooser::setViewport(Viewport* viewport) {
    if (viewport == viewport_) return;
    disconnect(shown_);
    viewport_ = viewport;
    if (viewport) shown_ = connect(viewport, &Viewport::viewShown, this, &PresentationStateChooser::refresh);
    refresh();
}

void PresentationStateChooser::refresh() {
    states_.clear();
    std::optional<AnnotationTarget> target;
    if (viewport_ && viewport_->measurementTools()) target = viewport_->measurementTools()->currentTarget();
    if (provider_ && target && target->isImage()) states_ = provider_(target->sopInstanceUid);
    const core::PresentationState* applied = viewport_ ? viewport_->presentationState().state.get() : nullptr;
    const QSignalBlocker block(box_);
    box_->clear();
    box_->addItem(tr("none"));
    int current = 0;
    for (std::size_t i = 0; i < states_.size(); ++i) {
        box_->addItem(presentationStateTitle(*states_[i]));
        if (applied && applied->sopInstanceUid == states_[i]->sopInstanceUid) current = int(i) + 1;
    }
    box_->setCurrentIndex(current);
    setEnabled(!states_.empty());
}

QString PresentationStateChooser::title(int index) const {
    return index >= 0 && index < count() ? presentationStateTitle(*states_[std::size_t(index)]) : tr("none");
}

void PresentationStateChooser::choose(int index) {
    box_->setCurrentIndex(index >= 0 && index < count() ? index + 1 : 0);
    apply();
}

void PresentationStateChooser::setGraphicsOnly(bool on) { graphicsOnly_->setChecked(on); }

void PresentationStateChooser::apply() {
    if (!viewport_) return;
    const int index = box_->currentIndex() - 1;
    if (index < 0 || index >= count()) {
        clearPresentationState(*viewport_);
        return;
    }
    applyPresentationState(*viewport_, states_[std::size_t(index)],
                           graphicsOnly_->isChecked() ? PresentationStateMode::GraphicsOnly : PresentationStateMode::Full);
}

}  // namespace lightbox::viewer
