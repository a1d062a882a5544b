#include "lightbox/viewer/ReadingArea.h"

#include "HangingState.h"

#include "lightbox/core/Error.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/CalibrationFollower.h"
#include "lightbox/viewer/MeasurementToolBar.h"
#include "lightbox/viewer/PresentationStateExport.h"
#include "lightbox/viewer/SeriesImageSource.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QScreen>
#include <QThread>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <tuple>

namespace lightbox::viewer {

std::optional<ReadingArea::Layout> ReadingArea::parseLayout(const QString& text) {
    if (text == "1x1") return Layout::One;
    if (text == "1x2") return Layout::OneByTwo;
    if (text == "2x2") return Layout::TwoByTwo;
    if (text == "3x3") return Layout::ThreeByThree;
    if (text.compare("mpr", Qt::CaseInsensitive) == 0) return Layout::Mpr;
    return std::nullopt;
}

ReadingArea::ReadingArea(QWidget* parent) : QWidget(parent) {
    calibration_ = new CalibrationFollower(this);
    connect(calibration_, &CalibrationFollower::applied, this, [this](QScreen* screen, const render::CalibrationTable& table) {
        for (Viewport* v : pool_) v->setCalibration(table);  // the hidden ones too: they come back
        emit calibrationApplied(screen);
    });
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(2);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    bar->addWidget(new QLabel(tr("Layout:"), this));
    layoutBox_ = new QComboBox(this);
    layoutBox_->addItem(tr("1x1"), int(Layout::One));
    layoutBox_->addItem(tr("1x2"), int(Layout::OneByTwo));
    layoutBox_->addItem(tr("2x2"), int(Layout::TwoByTwo));
    layoutBox_->addItem(tr("3x3"), int(Layout::ThreeByThree));
    layoutBox_->addItem(tr("MPR + 3D"), int(Layout::Mpr));
    connect(layoutBox_, &QComboBox::activated, this,
            [this](int index) { setLayoutMode(Layout(layoutBox_->itemData(index).toInt())); });
    bar->addWidget(layoutBox_);
    annotations_ = new AnnotationLayer(this);
    auto* save = bindShortcut(new QAction(tr("Save GSPS"), this), QStringLiteral("measure.save"));
    save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(save);
    connect(save, &QAction::triggered, this, &ReadingArea::savePresentationState);
    QToolBar* tools = createMeasurementToolBar(annotations_, save, this);
    pstates_ = new PresentationStateChooser(this);
    bar->addWidget(pstates_);
    bar->addStretch(1);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(240);
    progress_->setFormat(tr("Loading %p%"));
    progress_->hide();
    bar->addWidget(progress_);
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->hide();
    connect(cancel_, &QToolButton::clicked, this, &ReadingArea::cancelLoading);
    bar->addWidget(cancel_);
    outer->addLayout(bar);
    outer->addWidget(tools);  // a row of its own: it is wide

    gridHost_ = new QWidget(this);
    gridHost_->setStyleSheet("background: black");
    grid_ = new QGridLayout(gridHost_);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    outer->addWidget(gridHost_, 1);

    thumbnails_ = new SeriesThumbnailList(this);
    thumbnails_->setViewMode(QListView::IconMode);
    thumbnails_->setFlow(QListView::LeftToRight);
    thumbnails_->setWrapping(false);
    thumbnails_->setIconSize(QSize(96, 96));
    thumbnails_->setFixedHeight(140);
    thumbnails_->setMovement(QListView::Static);
    connect(thumbnails_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (isHanging()) {  // hanging: the series goes into the active viewport
            const QStringList ids = item->data(SeriesThumbnailList::SeriesRole).toString().split('\n');
            showInViewport(active_, ids.value(0).toStdString(), ids.value(1).toStdString());
            return;
        }
        const int index = item->data(Qt::UserRole).toInt();
        if (index >= 0 && index < int(series_.size())) showSeries(series_[std::size_t(index)]);
    });
    connect(thumbnails_, &QListWidget::itemClicked, thumbnails_, &QListWidget::itemActivated);
    outer->addWidget(thumbnails_);

    sync_ = new ViewportSync(this);
    addActions(sync_->actions());
    installHanging();
    rebuildViewports();
}

ReadingArea::~ReadingArea() {
    cancelLoading();
    hanging_->thumbnailCancel->store(true);
}

void ReadingArea::setStudySeries(std::vector<core::SeriesInfo> series) {
    endHanging();
    // Another study: its measurements start afresh (the same study shown
    // again keeps what was drawn on it).
    const auto studyOf = [](const std::vector<core::SeriesInfo>& list) { return list.empty() ? std::string() : list.front().studyInstanceUid; };
    if (studyOf(series) != studyOf(series_)) annotations_->clear();
    series_ = std::move(series);
    loaded_.clear();
    thumbnails_->clear();
    for (std::size_t i = 0; i < series_.size(); ++i) {
        const core::SeriesInfo& s = series_[i];
        QIcon icon;
        if (!s.slices.empty()) {
            const DisplayedImage shown = renderSlice(s.slices[s.slices.size() / 2]);
            if (!shown.image.isNull()) icon = QIcon(QPixmap::fromImage(shown.image.scaled(96, 96, Qt::KeepAspectRatio)));
        }
        auto* item = new QListWidgetItem(icon,
                                         tr("%1 %2\n%n image(s)", "", int(s.imageCount()))
                                             .arg(s.seriesNumber)
                                             .arg(QString::fromStdString(s.seriesDescription).left(18)),
                                         thumbnails_);
        item->setData(Qt::UserRole, int(i));
    }
}

void ReadingArea::cancelLoading() {
    if (loading_) loading_->store(true);
    loading_.reset();
    cancelHangLoads();
    progress_->hide();
    cancel_->hide();
}

void ReadingArea::showSeries(const core::SeriesInfo& series) {
    const auto cached = loaded_.find(series.seriesInstanceUid);
    if (cached != loaded_.end()) {
        current_ = cached->second;
        place();
        emit seriesShown({});
        return;
    }
    cancelLoading();
    const int request = ++request_;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    loading_ = cancel;
    setProgress(0, int(std::max<std::size_t>(1, series.imageCount())));
    progress_->show();
    cancel_->show();
    QPointer<ReadingArea> self = this;
    QThread* thread = QThread::create([self, request, series, cancel] {
        std::shared_ptr<LoadedSeries> loaded;
        QString error;
        try {
            loaded = loadSeries(
                series,
                [self, request](std::size_t done, std::size_t) {
                    QMetaObject::invokeMethod(qApp, [self, request, done] {
                        if (self && request == self->request_) self->setProgress(int(done), self->progress_->maximum());
                    }, Qt::QueuedConnection);
                },
                cancel.get());
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, request, loaded, error] {
            if (self) self->loadFinished(request, loaded, error);
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void ReadingArea::loadFinished(int request, std::shared_ptr<LoadedSeries> loaded, QString error) {
    if (request != request_) return;  // superseded or cancelled
    loading_.reset();
    progress_->hide();
    cancel_->hide();
    if (!loaded) {
        emit seriesShown(error.isEmpty() ? tr("The series could not be loaded") : error);
        return;
    }
    loaded_[loaded->series.seriesInstanceUid] = loaded;
    current_ = loaded;
    place();
    emit seriesShown({});
}

void ReadingArea::setProgress(int value, int maximum) {
    // QProgressBar::setValue repaints at once, and a repaint composes the
    // whole window with its OpenGL viewports (under software OpenGL that is a
    // frame's time, spent before the image the load was for is handed in):
    // the bar is updated with the next ordinary paint instead.
    progress_->setUpdatesEnabled(false);
    progress_->setRange(0, maximum);
    progress_->setValue(value);
    progress_->setUpdatesEnabled(true);  // schedules that paint
}

void ReadingArea::setLayoutMode(Layout layout) {
    layout_ = layout;
    customGrid_.reset();
    endHanging();
    layoutBox_->setCurrentIndex(layoutBox_->findData(int(layout)));
    rebuildViewports();
    place();
}

Viewport* ReadingArea::makeViewport() {
    auto* v = new Viewport(gridHost_);
    v->setCalibration(calibration_->table());
    v->setAnnotationLayer(annotations_);
    connect(v, &Viewport::activated, this, &ReadingArea::setActive);
    connect(v, &Viewport::pointPicked, this, &ReadingArea::linkCrosshair);  // MPR only (linkCrosshair asks)
    prepareForHanging(v);
    return v;
}

void ReadingArea::rebuildViewports() {
    int rows = 1, columns = 1;
    switch (layout_) {
        case Layout::One: break;
        case Layout::OneByTwo: columns = 2; break;
        case Layout::TwoByTwo: rows = columns = 2; break;
        case Layout::ThreeByThree: rows = columns = 3; break;
        case Layout::Mpr: rows = columns = 2; break;
    }
    if (customGrid_) std::tie(rows, columns) = *customGrid_;
    const std::size_t cells = std::size_t(rows) * std::size_t(columns);
    for (Viewport* v : viewports_) {
        sync_->remove(v);
        grid_->removeWidget(v);
    }
    while (pool_.size() < cells) pool_.push_back(makeViewport());
    viewports_.assign(pool_.begin(), pool_.begin() + std::ptrdiff_t(cells));
    active_ = nullptr;
    // A reused viewport starts as a new one would: empty, upright, not inverted.
    for (Viewport* v : pool_) {
        v->clearView();
        v->setInverted(false);
        v->setMagnifier(false);
        v->setPresentationState({});
        for (QLabel* label : v->findChildren<QLabel*>(QStringLiteral("hangingLabel"), Qt::FindDirectChildrenOnly))
            label->hide();
    }
    for (std::size_t i = 0; i < cells; ++i) {
        Viewport* v = viewports_[i];
        grid_->addWidget(v, int(i) / columns, int(i) % columns);
        v->show();
        sync_->add(v);
    }
    for (std::size_t i = cells; i < pool_.size(); ++i) pool_[i]->hide();
    setActive(viewports_.front());
}

void ReadingArea::setCalibrationProvider(CalibrationProvider provider) { calibration_->setProvider(std::move(provider)); }

void ReadingArea::reapplyCalibration() { calibration_->reapply(); }

const QScreen* ReadingArea::calibratedScreen() const { return calibration_->screen(); }

void ReadingArea::setActive(Viewport* viewport) {
    for (Viewport* v : viewports_) v->setActive(v == viewport);
    active_ = viewport;
    sync_->setActiveViewport(viewport);
    if (pstates_) pstates_->setViewport(viewport);
}

void ReadingArea::setPresentationStateProvider(PresentationStateChooser::Provider provider) {
    pstates_->setProvider(std::move(provider));
}

void ReadingArea::place() {
    if (!current_) return;
    const render::PlaneKind acquisition = current_->acquisitionPlane();
    if (layout_ == Layout::Mpr) {
        const render::PlaneKind planes[3] = {render::PlaneKind::Axial, render::PlaneKind::Coronal,
                                             render::PlaneKind::Sagittal};
        for (int i = 0; i < 3; ++i) viewports_[std::size_t(i)]->showPlane(current_, planes[i], 0);
        viewports_[3]->show3D(current_, render::VrPreset::Mip);
        linkCrosshair(render::volumeCentre(current_->volume));
        return;
    }
    // One series: the viewports tile its images, evenly spread through the stack.
    const std::size_t n = viewports_.size();
    for (std::size_t i = 0; i < n; ++i) {
        Viewport* v = viewports_[i];
        v->showPlane(current_, acquisition, 0);
        if (n > 1) {
            const int count = v->sliceCount();
            const int index = int((i + 1) * std::size_t(count) / (n + 1));
            v->setPosition(-1e9);  // the first slice
            v->scrollBy(index);
        }
    }
}

void ReadingArea::savePresentationState() {
    if (!active_) return;
    try {
        const SavedPresentationState saved = presentationStateOf(*active_, *annotations_);
        QString summary = tr("Presentation state saved with %n annotation(s)", "", saved.annotations);
        if (saved.shutters) summary += "; " + tr("%n shutter(s)", "", saved.shutters);
        if (saved.skippedPlaneAnnotations)
            summary += "; " + tr("%n annotation(s) on MPR planes not included", "", saved.skippedPlaneAnnotations);
        emit presentationStateSaved(QByteArray::fromStdString(saved.part10), summary);
        pstates_->refresh();  // the app has stored it: it joins the list
    } catch (const core::Error& e) {
        emit presentationStateFailed(QString::fromStdString(e.what()));
    }
}

void ReadingArea::linkCrosshair(const core::Vec3& point) {
    if (layout_ != Layout::Mpr) return;
    for (std::size_t i = 0; i < 3 && i < viewports_.size(); ++i) {
        viewports_[i]->moveTo(point);
        viewports_[i]->setCrosshair(point);
    }
}

}  // namespace lightbox::viewer
