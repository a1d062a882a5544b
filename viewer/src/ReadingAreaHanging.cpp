// ReadingArea, its hanging part: applies a hanging protocol's placement to
// the viewports (loading every series it needs in the background, the
// current study's middle slice first), stage keys, and the manual override
// by dropping a series thumbnail onto a viewport.

#include "HangingState.h"
#include "lightbox/core/Error.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/SeriesImageSource.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"
#include "lightbox/viewer/WindowPresets.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace lightbox::viewer {

namespace {

std::string keyOf(const HungViewport& cell) {
    return cell.sopInstanceUid.empty() ? cell.seriesInstanceUid : cell.seriesInstanceUid + "#" + cell.sopInstanceUid;
}
// The middle slice alone, shown while the whole series loads.
std::string previewKey(const std::string& key) { return key + "@preview"; }

// Loads a series on a thread of its own; `done` runs on the GUI thread.
void startLoadThread(std::string key, core::SeriesInfo series, std::shared_ptr<std::atomic<bool>> cancel,
                     std::function<void(std::string, std::shared_ptr<LoadedSeries>, QString)> done) {
    QThread* thread = QThread::create([key = std::move(key), series = std::move(series), cancel, done = std::move(done)] {
        std::shared_ptr<LoadedSeries> loaded;
        QString error;
        try {
            loaded = loadSeries(series, {}, cancel.get());
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [key, loaded, error, done] { done(key, loaded, error); }, Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

// Series of at least this many images show their middle slice first.
constexpr std::size_t kPreviewFrom = 16;
// How long the volumes wait for the middle slice's first frame at most.
constexpr int kFirstFrameWaitMs = 1500;

// The plane a protocol names; none for Any.
std::optional<render::PlaneKind> namedPlane(HangingPlane plane) {
    switch (plane) {
        case HangingPlane::Axial: return render::PlaneKind::Axial;
        case HangingPlane::Coronal: return render::PlaneKind::Coronal;
        case HangingPlane::Sagittal: return render::PlaneKind::Sagittal;
        case HangingPlane::Any: break;
    }
    return std::nullopt;
}

render::PlaneKind planeKind(HangingPlane plane, const LoadedSeries& loaded) {
    if (const auto named = namedPlane(plane)) return *named;
    return loaded.acquisitionPlane();
}

// One image of a series as a series of its own (a projection view).
core::SeriesInfo oneImage(const core::SeriesInfo& series, std::size_t index) {
    core::SeriesInfo one = series;
    one.slices = {series.slices[index]};
    one.instanceCount = 1;
    one.sortedByPosition = false;
    return one;
}

const HangingStudy* studyAt(const HangingState& state, int study) {
    if (study == 0) return &state.current;
    if (study >= 1 && std::size_t(study) <= state.priors.size()) return &state.priors[std::size_t(study) - 1];
    return nullptr;
}

// What a load key needs: the series, or the one image of it.
std::optional<core::SeriesInfo> seriesFor(const HangingState& state, const HungViewport& cell) {
    const HangingStudy* study = studyAt(state, cell.study);
    if (!study || cell.seriesIndex < 0 || std::size_t(cell.seriesIndex) >= study->series.size()) return std::nullopt;
    const core::SeriesInfo& series = study->series[std::size_t(cell.seriesIndex)];
    if (cell.sopInstanceUid.empty()) return series;
    for (std::size_t i = 0; i < series.slices.size(); ++i)
        if (series.slices[i].sopInstanceUid == cell.sopInstanceUid) return oneImage(series, i);
    return std::nullopt;
}

QString studyLabel(int study, const HangingStudy* s) {
    QString date = s ? QString::fromStdString(s->studyDate) : QString();
    if (date.size() == 8) date = date.left(4) + "-" + date.mid(4, 2) + "-" + date.mid(6, 2);
    if (study == 0) return QCoreApplication::translate("ReadingArea", "Current %1").arg(date).trimmed();
    return QCoreApplication::translate("ReadingArea", "Prior %1  %2").arg(study).arg(date).trimmed();
}

QString emptyText(const std::string& reason) {
    if (reason == "prior not yet local") return QCoreApplication::translate("ReadingArea", "Prior: waiting for it to arrive");
    if (reason == "no matching series") return QCoreApplication::translate("ReadingArea", "No matching series");
    if (reason.rfind("no prior", 0) == 0) return QCoreApplication::translate("ReadingArea", "No prior");
    return QString::fromStdString(reason);
}

// The key of a thumbnail's image in HangingState::thumbnails.
std::string thumbnailKey(const core::SliceRef& image) { return image.sopInstanceUid + "#" + std::to_string(image.frame); }
constexpr int ThumbnailKeyRole = Qt::UserRole + 2;

// The strip: every series of the current study and the priors (one
// thumbnail per image of a projection series: each view can be dragged).
// Icons already made are set; the images still to render are returned.
std::vector<core::SliceRef> fillThumbnails(QListWidget& strip, const HangingState& h) {
    strip.clear();
    std::vector<core::SliceRef> toRender;
    for (int study = 0; study <= int(h.priors.size()); ++study) {
        const HangingStudy* s = studyAt(h, study);
        for (const core::SeriesInfo& series : s->series) {
            const bool perImage = !series.isVolume() && series.slices.size() > 1;
            const std::size_t items = perImage ? series.slices.size() : 1;
            for (std::size_t i = 0; i < items; ++i) {
                const core::SliceRef* image = series.slices.empty() ? nullptr
                                              : perImage             ? &series.slices[i]
                                                                     : &series.slices[series.slices.size() / 2];
                QString text = studyLabel(study, s) + "\n" + QString::number(series.seriesNumber) + " " +
                               QString::fromStdString(series.seriesDescription).left(16);
                if (perImage) text += " " + QString::fromStdString(image->imageLaterality + image->viewPosition);
                auto* item = new QListWidgetItem(text, &strip);
                item->setData(SeriesThumbnailList::SeriesRole,
                              QString::fromStdString(series.seriesInstanceUid +
                                                     (perImage ? "\n" + image->sopInstanceUid : std::string())));
                item->setData(Qt::UserRole, -1);
                if (!image) continue;
                const std::string key = thumbnailKey(*image);
                item->setData(ThumbnailKeyRole, QString::fromStdString(key));
                if (const auto made = h.thumbnails.find(key); made != h.thumbnails.end()) item->setIcon(made->second);
                else if (!s->isPartial(series)) toRender.push_back(*image);  // a partial series: once its headers are read
            }
        }
    }
    return toRender;
}

// The label naming a viewport's study sits at the top, below the overlay's corner text.
void placeLabel(QWidget* viewport, QLabel* label) {
    label->move((viewport->width() - label->width()) / 2, 4 * label->fontMetrics().height() + 10);
}

// Forwards a viewport's drag, drop and resize events to the area.
class ViewportEvents : public QObject {
public:
    using Handler = std::function<bool(Viewport*, QEvent*)>;
    ViewportEvents(QObject* parent, Handler handler) : QObject(parent), handler_(std::move(handler)) {}
    bool eventFilter(QObject* watched, QEvent* event) override {
        auto* viewport = qobject_cast<Viewport*>(watched);
        return viewport && handler_(viewport, event);
    }

private:
    Handler handler_;
};

}  // namespace

SeriesThumbnailList::SeriesThumbnailList(QWidget* parent) : QListWidget(parent) {}

QStringList SeriesThumbnailList::mimeTypes() const { return {ReadingArea::seriesMimeType()}; }

QMimeData* SeriesThumbnailList::mimeData(const QList<QListWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    const QString ids = items.front()->data(SeriesRole).toString();
    if (ids.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setData(ReadingArea::seriesMimeType(), ids.toUtf8());
    return mime;
}

QString ReadingArea::seriesMimeType() { return QStringLiteral("application/x-lightbox-series"); }

void ReadingArea::installHanging() {
    hanging_ = std::make_unique<HangingState>();
    // The stage keys are the shortcut map's ("Hanging" group).
    auto* next = bindShortcut(new QAction(tr("Next Hanging Stage"), this), QStringLiteral("hanging.nextStage"));
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, this, &ReadingArea::nextStage);
    auto* previous = bindShortcut(new QAction(tr("Previous Hanging Stage"), this), QStringLiteral("hanging.previousStage"));
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QAction::triggered, this, &ReadingArea::previousStage);
    addActions({next, previous});
    // Thumbnails drag out (IconMode's Static movement turned dragging off).
    thumbnails_->setDragEnabled(true);
    thumbnails_->setDragDropMode(QAbstractItemView::DragOnly);
    thumbnails_->setDefaultDropAction(Qt::CopyAction);
    // The protocol and its stage, in the bar beside the layout box.
    hanging_->protocolLabel = new QLabel(this);
    hanging_->protocolLabel->setObjectName("hangingProtocol");
    hanging_->protocolLabel->hide();
    if (auto* outer = qobject_cast<QBoxLayout*>(layout()))
        if (auto* bar = qobject_cast<QBoxLayout*>(outer->itemAt(0)->layout())) bar->insertWidget(2, hanging_->protocolLabel);
    // A prior waiting for the registration is in place once it arrives.
    connect(sync_, &ViewportSync::registrationFinished, this, [this] { checkPriorInPlace(); });
    connect(cancel_, &QToolButton::clicked, this, [this] {
        hanging_->loadsCancelled = hanging_->active;
        if (hanging_->active && !hanging_->shownEmitted) {
            hanging_->shownEmitted = true;
            emit hangShown(tr("Loading was cancelled"));
        }
    });
}

void ReadingArea::prepareForHanging(Viewport* viewport) {
    // One filter for every viewport the area makes (viewports are kept across layouts).
    if (!hanging_->events) {
        hanging_->events = new ViewportEvents(gridHost_, [this](Viewport* v, QEvent* e) {
            switch (e->type()) {
                case QEvent::DragEnter:
                case QEvent::DragMove: {
                    auto* drag = static_cast<QDragMoveEvent*>(e);
                    if (!hanging_->active || !drag->mimeData()->hasFormat(seriesMimeType())) return false;
                    drag->setDropAction(Qt::CopyAction);  // a copy: the thumbnail stays in the strip
                    drag->accept();
                    return true;
                }
                case QEvent::Drop: {
                    auto* drop = static_cast<QDropEvent*>(e);
                    const QStringList ids = QString::fromUtf8(drop->mimeData()->data(seriesMimeType())).split('\n');
                    if (!showInViewport(v, ids.value(0).toStdString(), ids.value(1).toStdString())) return false;
                    drop->setDropAction(Qt::CopyAction);
                    drop->accept();
                    return true;
                }
                case QEvent::KeyPress: {
                    // The stage keys in a viewport (also when no shortcut is delivered: the
                    // viewport itself would scroll on PgUp/PgDown).
                    if (!hanging_->active) return false;
                    const QString action = ShortcutMap::global().actionFor(static_cast<QKeyEvent*>(e));
                    if (action == QLatin1String("hanging.nextStage")) nextStage();
                    else if (action == QLatin1String("hanging.previousStage")) previousStage();
                    else return false;
                    return true;
                }
                case QEvent::Resize: {
                    if (auto* label = v->findChild<QLabel*>(QStringLiteral("hangingLabel"), Qt::FindDirectChildrenOnly))
                        placeLabel(v, label);
                    return false;
                }
                default: return false;
            }
        });
    }
    viewport->setAcceptDrops(true);
    viewport->installEventFilter(hanging_->events);
    // A prior showing one synced slice until its volume loads follows the current's scrolling.
    connect(viewport, &Viewport::positionChanged, this, [this, viewport] { refreshPriorPreviews(viewport); });
    auto* label = new QLabel(viewport);
    label->setObjectName("hangingLabel");
    label->setStyleSheet("color: #ffd27f; background: rgba(0,0,0,140); padding: 1px 6px;");
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    label->hide();
}

void ReadingArea::endHanging() {
    hanging_->active = false;
    hanging_->protocolLabel->hide();
}

void ReadingArea::setHangingProtocols(std::vector<HangingProtocol> protocols) {
    hanging_->protocols = std::move(protocols);
    hanging_->protocolsRead = true;
}

bool ReadingArea::isHanging() const { return hanging_->active; }

const Hang* ReadingArea::currentHang() const { return hanging_->active ? &hanging_->hang : nullptr; }

int ReadingArea::studyOfViewport(const Viewport* viewport) const {
    if (!hanging_->active) return -1;
    const auto it = std::find(viewports_.begin(), viewports_.end(), viewport);
    if (it == viewports_.end()) return -1;
    const std::size_t i = std::size_t(it - viewports_.begin());
    return i < hanging_->shown.size() && !hanging_->shown[i].key.empty() ? hanging_->shown[i].study : -1;
}

void ReadingArea::hangStudies(HangingStudy current, std::vector<HangingStudy> priors) {
    HangingState& h = *hanging_;
    // The same study again, over a first hang from the archive index (its
    // headers now read, or priors found): the opening goes on - its first
    // image, the loads in flight, the stage and the reader's overrides stay.
    const bool completing = h.active && !h.current.headersPending.empty() &&
                            current.studyInstanceUid == h.current.studyInstanceUid;
    if (completing && h.loadsCancelled) {  // the reader cancelled: the first image stays, nothing loads
        h.current = std::move(current);
        h.priors = std::move(priors);
        return;
    }
    if (completing) {
        const HangingProtocol* chosen = chooseProtocol(h.protocols, current, priors.size());
        if (chosen && int(chosen - h.protocols.data()) == h.protocol) {
            h.current = std::move(current);
            h.priors = std::move(priors);
            h.failed.clear();
            applyHang();
            refreshThumbnails();
            return;
        }
        // Another protocol once every header is read: hung afresh.
    }
    cancelHangLoads();
    if (!h.protocolsRead) setHangingProtocols(defaultHangingProtocols().protocols);
    if (current.studyInstanceUid != h.current.studyInstanceUid) {  // another study: free the volumes and icons
        loaded_.clear();
        h.thumbnails.clear();
        h.thumbnailsPending.clear();
        h.thumbnailCancel->store(true);
        h.thumbnailCancel = std::make_shared<std::atomic<bool>>(false);
    }
    h.current = std::move(current);
    h.priors = std::move(priors);
    h.stage = 0;
    h.overrides.clear();
    h.failed.clear();
    const HangingProtocol* chosen = chooseProtocol(h.protocols, h.current, h.priors.size());
    h.protocol = chosen ? int(chosen - h.protocols.data()) : -1;
    if (!chosen) {
        endHanging();
        emit hangShown(tr("No hanging protocol matches the study"));
        return;
    }
    h.active = true;
    h.loadsCancelled = false;
    h.currentShownEmitted = h.priorShownEmitted = h.priorInPlaceEmitted = h.priorPreviewDecoded = false;
    h.stepsReported.clear();

    applyHang();  // first: the middle slice's decoding starts before anything else
    refreshThumbnails();
}

void ReadingArea::updatePrior(std::size_t index, HangingStudy prior) {
    HangingState& h = *hanging_;
    if (!h.active || index >= h.priors.size()) return;
    h.priors[index] = std::move(prior);
    applyHang();
    refreshThumbnails();
}

void ReadingArea::refreshThumbnails() {
    HangingState& h = *hanging_;
    std::vector<core::SliceRef> toRender = fillThumbnails(*thumbnails_, h);
    if (h.awaitingFirstFrame) return;  // rendered once the first image is on screen (releaseDeferredLoads)
    std::erase_if(toRender, [&h](const core::SliceRef& image) { return !h.thumbnailsPending.insert(thumbnailKey(image)).second; });
    if (toRender.empty()) return;
    // Rendered on a thread of their own (decoding on the GUI thread would hold
    // back the first image's frame); each icon is set as it is made.
    QPointer<ReadingArea> self = this;
    const std::shared_ptr<std::atomic<bool>> cancel = h.thumbnailCancel;
    QThread* thread = QThread::create([self, cancel, toRender = std::move(toRender)] {
        for (const core::SliceRef& image : toRender) {
            if (cancel->load()) return;
            const DisplayedImage shown = renderSlice(image);
            const QImage icon = shown.image.isNull() ? QImage() : shown.image.scaled(96, 96, Qt::KeepAspectRatio);
            QMetaObject::invokeMethod(qApp, [self, cancel, key = thumbnailKey(image), icon] {
                if (!self || cancel->load()) return;
                self->thumbnailMade(key, icon);
            }, Qt::QueuedConnection);
        }
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
}

void ReadingArea::thumbnailMade(const std::string& key, const QImage& image) {
    HangingState& h = *hanging_;
    const QIcon icon = image.isNull() ? QIcon() : QIcon(QPixmap::fromImage(image));
    h.thumbnails[key] = icon;
    h.thumbnailsPending.erase(key);
    const QString wanted = QString::fromStdString(key);
    for (int i = 0; i < thumbnails_->count(); ++i)
        if (QListWidgetItem* item = thumbnails_->item(i); item->data(ThumbnailKeyRole).toString() == wanted) item->setIcon(icon);
}

void ReadingArea::setStage(int stage) {
    HangingState& h = *hanging_;
    if (!h.active) return;
    const int count = int(h.protocols[std::size_t(h.protocol)].stages.size());
    h.stage = std::clamp(stage, 0, count - 1);
    h.overrides.clear();
    applyHang();
}

void ReadingArea::nextStage() {
    if (hanging_->active) setStage(hanging_->stage + 1);
}

void ReadingArea::previousStage() {
    if (hanging_->active) setStage(hanging_->stage - 1);
}

void ReadingArea::applyHang() {
    HangingState& h = *hanging_;
    Hang hang = hangStudy(h.protocols[std::size_t(h.protocol)], h.stage, h.current, h.priors);
    for (const auto& [index, cell] : h.overrides)
        if (index < hang.viewports.size()) hang.viewports[index] = cell;
    h.hang = std::move(hang);
    const std::size_t cells = std::size_t(h.hang.rows * h.hang.columns);
    if (!customGrid_ || *customGrid_ != std::make_pair(h.hang.rows, h.hang.columns) || viewports_.size() != cells) {
        if (layout_ == Layout::Mpr) layout_ = Layout::One;
        customGrid_ = std::make_pair(h.hang.rows, h.hang.columns);
        rebuildViewports();
        h.shown.assign(viewports_.size(), {});
        h.labels.clear();
        for (Viewport* v : viewports_)
            h.labels.push_back(v->findChild<QLabel*>(QStringLiteral("hangingLabel"), Qt::FindDirectChildrenOnly));
    }
    const QString protocol = QString::fromStdString(h.hang.protocol), stage = QString::fromStdString(h.hang.stageName);
    h.protocolLabel->setText(h.hang.stageCount < 2 ? tr("Protocol: %1 - %2").arg(protocol, stage)
                                                   : tr("Protocol: %1 - %2 (stage %3 of %4, Shift+PgDown/PgUp)")
                                                         .arg(protocol, stage)
                                                         .arg(h.hang.stage + 1)
                                                         .arg(h.hang.stageCount));
    h.protocolLabel->show();
    layoutBox_->setCurrentIndex(-1);  // the protocol's layout, none of the box's
    h.shownEmitted = false;
    // The loads start once every viewport is filled (and its first image's frame is on screen).
    h.filling = true;
    for (std::size_t i = 0; i < viewports_.size(); ++i) fillCell(i);
    h.filling = false;
    if (!h.awaitingFirstFrame) releaseDeferredLoads(false);
    checkHangComplete();
}

void ReadingArea::fillCell(std::size_t index) {
    HangingState& h = *hanging_;
    if (index >= viewports_.size() || index >= h.hang.viewports.size() || index >= h.labels.size()) return;
    Viewport* v = viewports_[index];
    HangingState::Shown& shown = h.shown[index];
    const HungViewport& cell = h.hang.viewports[index];
    QLabel* label = h.labels[index];
    auto setLabel = [v, label](const QString& text) {
        label->setText(text);
        label->adjustSize();
        placeLabel(v, label);
        label->setVisible(!text.isEmpty());
    };
    if (cell.empty()) {
        if (!shown.key.empty()) v->clearView();
        shown = {};
        setLabel(emptyText(cell.emptyReason));
        return;
    }
    const std::string key = keyOf(cell);
    const auto failed = h.failed.find(key);
    if (failed != h.failed.end()) {
        if (!shown.key.empty()) v->clearView();
        shown = {};
        setLabel(failed->second);
        return;
    }
    std::shared_ptr<LoadedSeries> shownData;
    bool preview = false;
    if (auto it = loaded_.find(key); it != loaded_.end()) {
        shownData = it->second;
    } else {
        const std::optional<core::SeriesInfo> series = seriesFor(h, cell);
        if (!series) {
            setLabel(tr("The series is not in the study"));
            return;
        }
        // A partial series (from the archive index, HangingStudy::headersPending)
        // holds the one image read, its middle one; it loads once its headers are.
        const HangingStudy& study = *studyAt(h, cell.study);
        const bool partial = cell.sopInstanceUid.empty() && study.isPartial(*series);
        // A prior's stack: the one image that corresponds to the current's
        // slice (its headers read, the registration known or the same frame).
        const bool wantsPreview = study.formsVolume(*series) && study.imageCount(*series) >= kPreviewFrom &&
                                  !series->slices.empty() && (cell.study == 0 || !partial) &&
                                  (cell.plane == HangingPlane::Any || cell.plane == acquisitionPlane(*series));
        if (wantsPreview && cell.study > 0) {
            if (auto p = priorPreview(index, key, *series)) {
                shownData = std::move(p);
                preview = true;
            }
        } else if (wantsPreview) {
            auto p = loaded_.find(previewKey(key));
            if (p == loaded_.end()) {
                // The middle slice, decoded here and now (one slice: milliseconds), so
                // that the window's next paint - the one the new layout asks for, a
                // frame's time under software OpenGL - already shows it.
                try {
                    const std::size_t middle = partial ? 0 : series->slices.size() / 2;
                    p = loaded_.emplace(previewKey(key), loadSeries(oneImage(*series, middle))).first;
                    emit openingStep(QStringLiteral("middle slice of the current series decoded"));
                } catch (const core::Error&) {
                    // The whole series will say what is wrong with it.
                }
            }
            if (p != loaded_.end()) {
                shownData = p->second;
                preview = true;
                // The volumes wait for this image's first frame (requestLoad); a hidden
                // viewport has no frame to wait for.
                if (!h.currentShownEmitted) h.awaitingFirstFrame = v->isVisible();
            }
        }
        if (!partial) {
            requestLoad(key, *series);
        } else if (!h.loadsCancelled) {
            // Its load starts once its headers are read: the bar says so now
            // (appearing later, it would move the viewports a little).
            if (h.inFlight.empty()) setProgress(0, 1);
            progress_->show();
            cancel_->show();
        }
        if (!shownData) {
            if (!shown.key.empty()) v->clearView();
            shown = {};
            setLabel(tr("Loading..."));
            return;
        }
    }
    const render::PlaneKind plane = planeKind(cell.plane, *shownData);
    const bool newData = shown.key != key || shown.preview != preview || (preview && v->series() != shownData.get());
    const bool replacesPreview = shown.key == key && shown.preview && !preview;
    if (newData || shown.plane != cell.plane) {
        // The whole series replacing its middle slice opens at that slice (no
        // jump; the first image may have been chosen by Instance Number).
        double position = 0;
        if (shown.key == key && shown.preview && !preview && shown.plane == cell.plane && v->series())
            position = core::dot(core::operator-(render::volumeCentre(v->series()->volume), render::volumeCentre(shownData->volume)),
                                 render::normalForPlane(plane));
        v->showPlane(shownData, plane, position);
        if (newData) shown.flipHorizontal = shown.flipVertical = false;  // a new view starts unflipped
    }
    // A viewport whose picture does not change is not drawn again: under software
    // OpenGL each drawing is a good part of the frame that puts a prior in place.
    bool redraw = newData || shown.plane != cell.plane;
    if (v->sliceView()) {
        if (shown.flipHorizontal != cell.flipHorizontal) {
            v->sliceView()->flipHorizontal();
            redraw = true;
        }
        if (shown.flipVertical != cell.flipVertical) {
            v->sliceView()->flipVertical();
            redraw = true;
        }
    }
    if (const int preset = windowPresetIndex(cell.window); preset >= 0) {
        const WindowPreset w = ctWindowPresets()[std::size_t(preset)];
        if (redraw || v->windowCenter() != w.center || v->windowWidth() != w.width) v->setWindow(w.center, w.width);
    }
    if (redraw) v->update();
    shown = {key, cell.study, cell.plane, cell.flipHorizontal, cell.flipVertical, preview,
             preview ? shownData->series.slices.front().sopInstanceUid : std::string()};
    // The current's volume opened at its first image: the priors follow it from there.
    if (replacesPreview && cell.study == 0) sync_->alignTo(v);
    setLabel(h.priors.empty() && cell.study == 0 ? QString() : studyLabel(cell.study, studyAt(h, cell.study)));

    // Timing: the first image of the current study, and of a prior, on screen.
    // The whole volumes wait for the current's first frame (see requestLoad).
    const bool first = cell.study == 0 ? !h.currentShownEmitted : !h.priorShownEmitted;
    if (first) {
        (cell.study == 0 ? h.currentShownEmitted : h.priorShownEmitted) = true;
        auto once = std::make_shared<QMetaObject::Connection>();
        const bool current = cell.study == 0;
        const int generation = h.generation;
        *once = connect(v, &QOpenGLWidget::frameSwapped, this, [this, once, current, generation] {
            disconnect(*once);
            if (current) emit currentImageShown();
            else emit priorImageShown();
            if (current && generation == hanging_->generation && hanging_->awaitingFirstFrame) {
                hanging_->awaitingFirstFrame = false;
                releaseDeferredLoads();
            }
        });
        if (h.awaitingFirstFrame) {
            // Should the frame never come (the window covered or minimised), the volumes load anyway.
            QTimer::singleShot(kFirstFrameWaitMs, this, [this, generation] {
                if (generation != hanging_->generation || !hanging_->awaitingFirstFrame) return;
                hanging_->awaitingFirstFrame = false;
                releaseDeferredLoads();
            });
        }
    }
    if (cell.study > 0) checkPriorInPlace();
}

int ReadingArea::leaderFor(std::size_t index) const {
    const HangingState& h = *hanging_;
    if (index >= viewports_.size()) return -1;
    const QChar group = sync_->groupOf(viewports_[index]);
    if (group.isNull()) return -1;
    int found = -1;
    for (std::size_t j = 0; j < viewports_.size() && j < h.shown.size() && j < h.hang.viewports.size(); ++j) {
        if (j == index || h.shown[j].key.empty() || h.shown[j].study != 0) continue;
        const Viewport* v = viewports_[j];
        if (!v->series() || !v->sliceView() || v->is3D() || sync_->groupOf(v) != group) continue;
        if (v == active_) return int(j);
        if (found < 0) found = int(j);
    }
    return found;
}

std::optional<std::size_t> ReadingArea::priorPreviewSlice(std::size_t index, const core::SeriesInfo& series) {
    HangingState& h = *hanging_;
    const int j = leaderFor(index);
    if (j < 0 || index >= h.hang.viewports.size()) return std::nullopt;
    // The current's series with every header read (its geometry keys the registration).
    const std::optional<core::SeriesInfo> leaderSeries = seriesFor(h, h.hang.viewports[std::size_t(j)]);
    if (!leaderSeries || h.current.isPartial(*leaderSeries) || leaderSeries->slices.size() < 2) return std::nullopt;
    const HungViewport& cell = h.hang.viewports[index];
    const std::optional<render::PlaneKind> kind = namedPlane(cell.plane == HangingPlane::Any ? acquisitionPlane(series) : cell.plane);
    if (!kind) return std::nullopt;
    const auto place = sync_->placement(viewports_[std::size_t(j)], *leaderSeries, series, render::normalForPlane(*kind));
    if (!place) return std::nullopt;
    // The image whose plane is nearest the point (the volume's slice there, once it loads).
    const double along = core::dot(place->point, series.normal);
    std::size_t best = 0;
    for (std::size_t k = 1; k < series.slices.size(); ++k)
        if (std::abs(series.slices[k].positionAlongNormal - along) < std::abs(series.slices[best].positionAlongNormal - along))
            best = k;
    return best;
}

std::shared_ptr<LoadedSeries> ReadingArea::priorPreview(std::size_t index, const std::string& key, const core::SeriesInfo& series) {
    HangingState& h = *hanging_;
    const std::optional<std::size_t> slice = priorPreviewSlice(index, series);
    if (!slice) return nullptr;
    const std::string& image = series.slices[*slice].sopInstanceUid;
    if (const auto p = loaded_.find(previewKey(key)); p != loaded_.end() && p->second->series.slices.front().sopInstanceUid == image)
        return p->second;
    try {
        // One image (milliseconds), here and now: the prior is in place with the next frame.
        std::shared_ptr<LoadedSeries> one = loadSeries(oneImage(series, *slice));
        loaded_[previewKey(key)] = one;
        if (!h.priorPreviewDecoded) {
            h.priorPreviewDecoded = true;
            emit openingStep(QStringLiteral("synced slice of the prior decoded"));
        }
        return one;
    } catch (const core::Error&) {
        return nullptr;  // the whole series will say what is wrong with it
    }
}

void ReadingArea::refreshPriorPreviews(Viewport* scrolled) {
    HangingState& h = *hanging_;
    if (!h.active || h.followingPreviews) return;
    h.followingPreviews = true;
    for (std::size_t i = 0; i < h.shown.size() && i < viewports_.size() && i < h.hang.viewports.size(); ++i) {
        const HangingState::Shown& shown = h.shown[i];
        if (!shown.preview || shown.study <= 0 || viewports_[i] == scrolled) continue;
        const std::optional<core::SeriesInfo> series = seriesFor(h, h.hang.viewports[i]);
        if (!series) continue;
        const std::optional<std::size_t> slice = priorPreviewSlice(i, *series);
        if (slice && series->slices[*slice].sopInstanceUid != shown.previewImage) fillCell(i);
    }
    h.followingPreviews = false;
}

void ReadingArea::checkPriorInPlace() {
    HangingState& h = *hanging_;
    if (!h.active || h.priorInPlaceEmitted) return;
    // Single images (radiographs, mammograms) are in place as they are: nothing scrolls them.
    auto stack = [&](std::size_t k) {
        return h.shown[k].preview || (viewports_[k]->series() && viewports_[k]->series()->volume.slices > 1);
    };
    for (std::size_t i = 0; i < h.shown.size() && i < viewports_.size(); ++i) {
        if (h.shown[i].key.empty() || h.shown[i].study <= 0) continue;
        Viewport* v = viewports_[i];
        if (const int j = leaderFor(i);
            j >= 0 && stack(i) && stack(std::size_t(j)) && !sync_->inStep(viewports_[std::size_t(j)], v))
            continue;
        h.priorInPlaceEmitted = true;
        // The loads wait for this frame, as for the current's first one.
        const bool hold = h.shown[i].preview && v->isVisible();
        const int generation = h.generation;
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(v, &QOpenGLWidget::frameSwapped, this, [this, once, generation, hold] {
            disconnect(*once);
            if (generation != hanging_->generation) return;
            emit priorInPlace();
            if (hold && hanging_->awaitingFirstFrame) {
                hanging_->awaitingFirstFrame = false;
                releaseDeferredLoads();
            }
        });
        if (hold) {
            h.awaitingFirstFrame = true;
            QTimer::singleShot(kFirstFrameWaitMs, this, [this, generation] {
                if (generation != hanging_->generation || !hanging_->awaitingFirstFrame) return;
                hanging_->awaitingFirstFrame = false;
                releaseDeferredLoads();
            });
        }
        v->update();
        return;
    }
}

void ReadingArea::requestLoad(const std::string& key, core::SeriesInfo series) {
    HangingState& h = *hanging_;
    if (h.inFlight.count(key) || loaded_.count(key)) return;
    h.inFlight.insert(key);
    ++h.loadsStarted;
    if (!h.cancel) h.cancel = std::make_shared<std::atomic<bool>>(false);
    setProgress(int(h.loadsDone), int(h.loadsStarted));
    progress_->show();
    cancel_->show();
    // The whole series wait until the middle slice shown first is on screen:
    // the first image needs the cores more than the volumes do (two cores: a
    // volume decoding beside the first frame under software OpenGL doubled its time).
    if (h.awaitingFirstFrame || h.filling) {
        h.deferred.emplace_back(key, std::move(series));
        return;
    }
    startHangLoad(key, std::move(series));
}

void ReadingArea::startHangLoad(std::string key, core::SeriesInfo series) {
    QPointer<ReadingArea> self = this;
    const int generation = hanging_->generation;
    startLoadThread(std::move(key), std::move(series), hanging_->cancel,
                    [self, generation](std::string k, std::shared_ptr<LoadedSeries> loaded, QString error) {
                        if (self) self->hangLoadFinished(generation, std::move(k), std::move(loaded), std::move(error));
                    });
}

void ReadingArea::releaseDeferredLoads(bool thumbnails) {
    HangingState& h = *hanging_;
    if (h.awaitingFirstFrame) return;
    std::vector<std::pair<std::string, core::SeriesInfo>> deferred;
    deferred.swap(h.deferred);
    for (auto& [key, series] : deferred) startHangLoad(std::move(key), std::move(series));
    if (h.active && thumbnails) refreshThumbnails();  // they waited too
}

void ReadingArea::hangLoadFinished(int generation, std::string key, std::shared_ptr<LoadedSeries> loaded, QString error) {
    HangingState& h = *hanging_;
    if (generation != h.generation) return;  // cancelled or superseded
    h.inFlight.erase(key);
    ++h.loadsDone;
    setProgress(int(h.loadsDone), progress_->maximum());
    if (h.inFlight.empty()) {
        progress_->hide();
        cancel_->hide();
        h.loadsStarted = h.loadsDone = 0;
    }
    if (loaded) {
        loaded_[key] = loaded;
        loaded_.erase(previewKey(key));
    } else {
        h.failed[key] = error.isEmpty() ? tr("The series could not be loaded") : error;
    }
    if (!h.active) return;  // the area shows something else now
    if (loaded) {           // the steps of opening, once each (--timing prints them)
        const auto cell = std::find_if(h.hang.viewports.begin(), h.hang.viewports.end(),
                                       [&](const HungViewport& c) { return !c.empty() && keyOf(c) == key; });
        const int study = cell == h.hang.viewports.end() ? -1 : cell->study;
        const char* step = study == 0 ? "current series loaded" : study > 0 ? "first prior series loaded" : nullptr;
        if (step && h.stepsReported.insert(step).second) emit openingStep(QString::fromLatin1(step));
    }
    for (std::size_t i = 0; i < h.hang.viewports.size(); ++i)
        if (!h.hang.viewports[i].empty() && keyOf(h.hang.viewports[i]) == key) fillCell(i);
    checkHangComplete();
}

void ReadingArea::cancelHangLoads() {
    if (!hanging_) return;
    HangingState& h = *hanging_;
    if (h.cancel) h.cancel->store(true);
    h.cancel.reset();
    ++h.generation;
    h.inFlight.clear();
    h.deferred.clear();
    h.awaitingFirstFrame = false;
    h.loadsStarted = h.loadsDone = 0;
}

void ReadingArea::checkHangComplete() {
    HangingState& h = *hanging_;
    if (!h.active || h.shownEmitted) return;
    QString firstError;
    for (std::size_t i = 0; i < h.hang.viewports.size(); ++i) {
        const HungViewport& cell = h.hang.viewports[i];
        if (cell.empty()) continue;
        const std::string key = keyOf(cell);
        if (const auto f = h.failed.find(key); f != h.failed.end()) {
            if (firstError.isEmpty()) firstError = f->second;
            continue;
        }
        if (i >= h.shown.size() || h.shown[i].key != key || h.shown[i].preview) return;  // still loading
    }
    h.shownEmitted = true;
    emit hangShown(firstError);
}

bool ReadingArea::showInViewport(Viewport* viewport, const std::string& seriesInstanceUid,
                                 const std::string& sopInstanceUid) {
    HangingState& h = *hanging_;
    const auto it = std::find(viewports_.begin(), viewports_.end(), viewport);
    if (!h.active || it == viewports_.end()) return false;
    const std::size_t index = std::size_t(it - viewports_.begin());
    for (int study = 0; study <= int(h.priors.size()); ++study) {
        const HangingStudy* s = studyAt(h, study);
        for (std::size_t k = 0; k < s->series.size(); ++k) {
            const core::SeriesInfo& series = s->series[k];
            if (series.seriesInstanceUid != seriesInstanceUid) continue;
            if (!sopInstanceUid.empty() &&
                std::none_of(series.slices.begin(), series.slices.end(),
                             [&](const core::SliceRef& r) { return r.sopInstanceUid == sopInstanceUid; }))
                continue;
            HungViewport cell;
            cell.study = study;
            cell.seriesIndex = int(k);
            cell.seriesInstanceUid = seriesInstanceUid;
            cell.sopInstanceUid = sopInstanceUid;
            // The stage's window stays for CT (its presets are in HU); other images get their own.
            if (series.modality == "CT" && index < h.hang.viewports.size()) cell.window = h.hang.viewports[index].window;
            h.overrides[index] = cell;
            h.hang.viewports[index] = cell;
            h.shownEmitted = false;
            fillCell(index);
            setActive(viewport);
            checkHangComplete();
            return true;
        }
    }
    return false;
}

}  // namespace lightbox::viewer
