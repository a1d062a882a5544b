#pragma once
// "Presentation State: none | LABEL date by creator ..." for the reading
// area's active viewport: the states that reference the image it shows, as
// the application's provider finds them (the archive - viewer does not see
// it), and a "Graphics only" box that keeps the user's own window. Choosing
// one applies it (PresentationStateApply.h); "none" returns to the plain
// display. The list follows the viewport: another viewport becoming active
// or the viewport showing something else asks the provider again.

#include "lightbox/core/PresentationState.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;

namespace lightbox::viewer {

class Viewport;

class PresentationStateChooser : public QWidget {
    Q_OBJECT
public:
    // The states that reference an image (SOP Instance UID), newest first.
    using Provider = std::function<std::vector<std::shared_ptr<const core::PresentationState>>(const std::string& sopInstanceUid)>;

    explicit PresentationStateChooser(QWidget* parent = nullptr);
    void setProvider(Provider provider);
    void setViewport(Viewport* viewport);
    // Asks the provider again for the viewport's image (e.g. after a save).
    void refresh();

    // The entries (without "none") and choosing one: index -1 is "none".
    int count() const { return int(states_.size()); }
    QString title(int index) const;
    void choose(int index);
    void setGraphicsOnly(bool on);

private:
    void apply();

    Provider provider_;
    QPointer<Viewport> viewport_;
    QMetaObject::Connection shown_;
    std::vector<std::shared_ptr<const core::PresentationState>> states_;
    QComboBox* box_ = nullptr;
    QCheckBox* graphicsOnly_ = nullptr;
};

}  // namespace lightbox::viewer
