// MainWindow, opening a study by hanging protocol: the current study's
// headers, the patient's other studies in the archive ranked as priors
// (pacsclient's relevance rules), the hang (current first, then each prior
// as its headers are read), and the relevant priors on the remote nodes
// fetched in the background and hung as they arrive. Timings on request.

#include "MainWindow.h"
#include "StudyOpening.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomNode.h"
#include "lightbox/pacsclient/RemoteNode.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"

#include <QApplication>
#include <QEvent>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <cstdio>
#include <utility>

namespace lightbox::app {

namespace {

// Priors whose series are read and offered to the protocols (they use
// prior 1, now and then prior 2).
constexpr std::size_t kHungPriors = 3;
// How long the worker waits for the first image's frame at most (the window
// may be covered or minimised: no frame comes).
constexpr int kFirstFrameWaitMs = 1500;

std::vector<pacs::RemoteNode> configuredNodes() {
    const auto file = pacs::defaultRemoteNodesFile();
    std::error_code ec;
    if (file.empty() || !std::filesystem::exists(file, ec)) return {};
    try {
        return pacs::readRemoteNodes(file);
    } catch (const core::Error&) {
        return {};  // the Remote Nodes dialog reports a broken file
    }
}

// QStatusBar::showMessage repaints at once, and a repaint composes the whole
// window with its OpenGL viewports (a frame's time under software OpenGL,
// spent in the middle of opening): the message waits for the next paint.
void showMessageQuietly(QStatusBar* bar, const QString& message, int timeoutMs) {
    bar->setUpdatesEnabled(false);
    bar->showMessage(message, timeoutMs);
    bar->setUpdatesEnabled(true);
}

// --timing: marks the window's first paint (in a cold start, the one that
// should show the first image).
class FirstPaint : public QObject {
public:
    FirstPaint(QObject* parent, std::function<void()> f) : QObject(parent), f_(std::move(f)) {}
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint && f_) std::exchange(f_, nullptr)();
        return false;
    }

private:
    std::function<void()> f_;
};

}  // namespace

void OpeningGate::open() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (open_) return;
        open_ = true;
    }
    opened_.notify_all();
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> waiting;
    waiting.swap(waiting_);
    for (auto& [context, f] : waiting)
        if (context) f();
}

void OpeningGate::abandon() {
    waiting_.clear();
    open();
}

bool OpeningGate::isOpen() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return open_;
}

void OpeningGate::wait(std::chrono::milliseconds most) {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait_for(lock, most, [this] { return open_; });
}

void OpeningGate::whenOpen(QObject* context, std::function<void()> f) {
    if (isOpen()) {
        f();
        return;
    }
    waiting_.emplace_back(context, std::move(f));
    // Should no frame come, the GUI side goes on when the worker does.
    QTimer::singleShot(kFirstFrameWaitMs, context, [gate = shared_from_this()] { gate->open(); });
}

StudyOpening::~StudyOpening() {
    if (cancel) cancel->store(true);
    if (gate) gate->abandon();  // the worker stops waiting
}

void StudyOpening::mark(const char* event) const {
    if (!timing) return;
    std::fprintf(stderr, "lightbox timing: %s %lld ms\n", event, static_cast<long long>(clock.elapsed()));
    std::fflush(stderr);
}

void MainWindow::setTimingReport(bool on) {
    if (!opening_) opening_ = std::make_unique<StudyOpening>();
    opening_->timing = on;
}

void MainWindow::openStudyByProtocol(const QString& studyUid, std::function<void(QString)> onShown) {
    if (!opening_) opening_ = std::make_unique<StudyOpening>();
    StudyOpening& state = *opening_;
    if (state.cancel) state.cancel->store(true);
    state.remote.reset();
    if (state.cancelButton) state.cancelButton->hide();
    state.cancel = std::make_shared<std::atomic<bool>>(false);
    if (state.gate) state.gate->abandon();  // an older opening's worker: it sees its cancel flag
    state.clock.start();
    const int generation = ++state.generation;
    state.priors.clear();
    state.hungPriors.clear();
    state.localPriorsPending = 0;
    tabs_->setCurrentWidget(reading_);
    // Every viewport filled (current and local priors in place): onShown.
    if (onShown) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(reading_, &viewer::ReadingArea::hangShown, this,
                              [this, connection, onShown, generation](const QString& error) {
                                  if (!opening_ || opening_->generation != generation) {
                                      disconnect(*connection);
                                      return;
                                  }
                                  if (error.isEmpty() && opening_->localPriorsPending > 0) return;  // priors to come
                                  disconnect(*connection);
                                  opening_->mark("all viewports filled");
                                  onShown(error);
                              });
    }
    auto once = [this, generation](auto signal, const char* event) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(reading_, signal, this, [this, connection, generation, event] {
            disconnect(*connection);
            if (opening_ && opening_->generation == generation) opening_->mark(event);
        });
    };
    once(&viewer::ReadingArea::currentImageShown, "first image of the current study on screen");
    if (state.timing && !state.paintWatched) {
        state.paintWatched = true;
        installEventFilter(new FirstPaint(this, [this] {
            if (opening_) opening_->mark("window's first paint begins");
        }));
    }
    if (state.timing) {
        auto steps = std::make_shared<QMetaObject::Connection>();
        *steps = connect(reading_, &viewer::ReadingArea::openingStep, this, [this, steps, generation](const QString& step) {
            if (!opening_ || opening_->generation != generation) disconnect(*steps);
            else opening_->mark(qPrintable(step));
        });
    }
    once(&viewer::ReadingArea::priorImageShown, "first prior image on screen");
    once(&viewer::ReadingArea::priorInPlace, "prior in place (its synced slice on screen)");
    // A prior in another frame of reference is in place once its registration (or the cache) answers.
    auto registered = std::make_shared<QMetaObject::Connection>();
    *registered = connect(reading_->sync(), &viewer::ViewportSync::registrationFinished, this,
                          [this, registered, generation](const QString& error) {
                              disconnect(*registered);
                              if (opening_ && opening_->generation == generation)
                                  opening_->mark(error.isEmpty() ? "prior registered" : "prior not registered");
                          });

    // The protocols first: the first hang below needs them.
    if (!state.protocolsRead) {
        // A protocol file that cannot be read is skipped and named (the others still count).
        const viewer::HangingProtocolSet protocols = viewer::defaultHangingProtocols();
        reading_->setHangingProtocols(protocols.protocols);
        state.protocolsRead = true;
        for (const std::string& e : protocols.errors) std::fprintf(stderr, "lightbox: hanging protocol skipped: %s\n", e.c_str());
        if (!protocols.errors.empty())
            statusBar()->showMessage(tr("Hanging protocol skipped: %1").arg(QString::fromStdString(protocols.errors.front())), 15000);
    }

    archive::Archive* a = archive_;
    QPointer<MainWindow> self = this;
    const std::string uid = studyUid.toStdString();
    auto cancel = state.cancel;
    // Runs `f` on the GUI thread if this opening is still the current one.
    auto post = [self, generation](auto f) {
        QMetaObject::invokeMethod(qApp, [self, generation, f = std::move(f)]() mutable {
            if (self && self->opening_ && self->opening_->generation == generation) f(*self);
        }, Qt::QueuedConnection);
    };
    auto hang = [](MainWindow& w, viewer::HangingStudy study, const std::vector<pacs::RankedPrior>& priors) {
        StudyOpening& o = *w.opening_;
        o.currentStudy = std::move(study);
        o.current = summarizeStudy(o.currentStudy.series);
        o.priors = priors;
        o.localPriorsPending = int(priors.size());
        for (const auto& p : priors) o.hungPriors.push_back(pendingStudy(p.study));
        showMessageQuietly(w.statusBar(), tr("%n relevant prior(s) in the archive", "", int(priors.size())), 8000);
        w.reading_->hangStudies(o.currentStudy, o.hungPriors);
        o.mark("protocol chosen, viewports laid out");
    };
    // The k-th prior's headers read (empty: unreadable, its viewports say it is not
    // there); hung at once unless `later` (the caller hangs it with the current).
    auto takePrior = [](MainWindow& w, std::size_t k, std::vector<core::SeriesInfo> series, bool later) {
        StudyOpening& o = *w.opening_;
        o.localPriorsPending--;
        if (k == 0) o.mark("most relevant prior's headers read");
        if (k < o.hungPriors.size() && !series.empty()) {
            o.hungPriors[k] = viewer::HangingStudy::from(std::move(series));
            if (!later) w.reading_->updatePrior(k, o.hungPriors[k]);
        } else if (o.localPriorsPending == 0 && k < o.hungPriors.size() && !later) {
            w.reading_->updatePrior(k, o.hungPriors[k]);  // re-check: the hang may be complete now
        }
    };

    // The first hang, here and now, from the archive index: the study's rows
    // (one query for its files, one for its Instance Numbers), the header of
    // each large series' middle image, the priors ranked from the index. The
    // reading area decodes that middle image at once, so the window's next
    // paint - its first one in a cold start - shows it. (Modality and body
    // part are series attributes: the ranking is the same as from every
    // header.) Without usable index rows every header is read first, on the
    // worker below.
    std::optional<viewer::HangingStudy> early;
    std::vector<pacs::RankedPrior> ranked;
    std::vector<std::filesystem::path> files;  // as the index located them
    try {
        early = readStudyFromIndex(*a, uid, &files);
        if (early) {
            state.mark("current study's index read");
            ranked = rankLocalPriors(*a, early->series, kHungPriors);
            state.mark("priors ranked from the index");
        }
    } catch (const core::Error&) {
        early.reset();  // every header is read below, and says what is wrong
        ranked.clear();
        files.clear();
    }
    const bool hungEarly = early.has_value();
    // Only small series (radiographs, mammograms): the first hang has every header.
    const bool earlyComplete = hungEarly && early->headersPending.empty();
    if (early) hang(*this, std::move(*early), ranked);

    // The rest waits for the first image's frame (at most kFirstFrameWaitMs):
    // every header of the current study (on every core), the priors' headers,
    // the prior search on the remote nodes - beside the first frame, on two
    // cores under software OpenGL, they would delay it.
    auto go = std::make_shared<OpeningGate>();
    state.gate = go;
    if (!hungEarly || !reading_->isHanging()) {
        go->open();
    } else {
        for (auto signal : {&viewer::ReadingArea::currentImageShown, &viewer::ReadingArea::priorImageShown}) {
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = connect(reading_, signal, this, [connection, go] {
                disconnect(*connection);
                go->open();
            });
        }
        auto onHang = std::make_shared<QMetaObject::Connection>();
        *onHang = connect(reading_, &viewer::ReadingArea::hangShown, this, [onHang, go] {
            disconnect(*onHang);
            go->open();
        });
    }
    if (hungEarly) {
        // Remote priors once the first image is up (or at once without a hang to wait for).
        auto remote = [this, generation] {
            if (opening_ && opening_->generation == generation) startRemotePriorFetch();
        };
        if (go->isOpen()) remote();
        else go->whenOpen(this, remote);
    }
    auto workerMark = [on = state.timing, clock = state.clock](const char* event) {  // the worker's own steps
        if (on) std::fprintf(stderr, "lightbox timing: %s %lld ms\n", event, static_cast<long long>(clock.elapsed()));
    };
    QThread* thread = QThread::create([a, uid, cancel, post, onShown, hang, takePrior, go, files, ranked, hungEarly,
                                       earlyComplete, workerMark]() mutable {
        go->wait(std::chrono::milliseconds(kFirstFrameWaitMs));
        if (cancel->load()) return;
        std::vector<core::SeriesInfo> current;
        QString error;
        try {
            if (!earlyComplete) {
                current = files.empty() ? readStudySeries(*a, uid) : core::scanFiles(files).series;
                workerMark("headers read on the worker");
            }
            if (!hungEarly) ranked = rankLocalPriors(*a, current, kHungPriors);
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        // The most relevant prior's headers as well, before the current's volume
        // starts loading: the prior's synced slice is shown from one image first
        // (its position and the registration need them), then the volumes load.
        std::optional<std::vector<core::SeriesInfo>> firstPrior;
        if (error.isEmpty() && !ranked.empty() && !cancel->load()) {
            firstPrior.emplace();
            try {
                *firstPrior = readStudySeries(*a, ranked[0].study.studyInstanceUid);
            } catch (const core::Error&) {
                // Unreadable: the prior's viewports say it is not there.
            }
            workerMark("most relevant prior's headers read on the worker");
        }
        post([hang, takePrior, current, ranked, error, onShown, hungEarly, earlyComplete,
              firstPrior = std::move(firstPrior)](MainWindow& w) mutable {
            StudyOpening& o = *w.opening_;
            o.mark("current study's headers read");
            if (earlyComplete) {  // hung with every header already
                if (firstPrior) takePrior(w, 0, std::move(*firstPrior), false);
                return;
            }
            if (!error.isEmpty() || current.empty()) {
                o.generation++;  // drops the hangShown connection
                if (hungEarly) w.reading_->cancelLoading();  // the first hang's series will not load
                if (onShown) onShown(!error.isEmpty() ? error : tr("The study has no images"));
                return;
            }
            if (!hungEarly) {
                hang(w, viewer::HangingStudy::from(std::move(current)), ranked);
                w.startRemotePriorFetch();
                if (firstPrior) takePrior(w, 0, std::move(*firstPrior), false);
                return;
            }
            // Completes the first hang with the first prior: the first image stays,
            // the prior shows its synced slice, then the volumes load.
            o.currentStudy = viewer::HangingStudy::from(std::move(current));
            if (firstPrior) takePrior(w, 0, std::move(*firstPrior), true);
            w.reading_->hangStudies(o.currentStudy, o.hungPriors);
        });
        // The other priors' headers, in order of relevance; each is hung as soon as it is read.
        for (std::size_t k = 1; k < ranked.size() && !cancel->load(); ++k) {
            std::vector<core::SeriesInfo> series;
            try {
                series = readStudySeries(*a, ranked[k].study.studyInstanceUid);
            } catch (const core::Error&) {
                // Unreadable: the prior's viewports say it is not there.
            }
            post([takePrior, k, series = std::move(series)](MainWindow& w) mutable { takePrior(w, k, std::move(series), false); });
        }
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void MainWindow::startRemotePriorFetch() {
    StudyOpening& state = *opening_;
    std::vector<pacs::RemoteNode> nodes = configuredNodes();
    if (nodes.empty() || !archive_) return;
    state.remote = std::make_unique<RemotePriorFetch>(*archive_, std::move(nodes), "LIGHTBOX",
                                                  node_ ? node_->port() : quint16(11112));
    if (!state.cancelButton) {
        state.cancelButton = new QToolButton(this);
        state.cancelButton->setText(tr("Cancel prior fetch"));
        statusBar()->addPermanentWidget(state.cancelButton);
        connect(state.cancelButton, &QToolButton::clicked, this, [this] {
            if (opening_ && opening_->remote) opening_->remote->cancel();
        });
    }
    state.cancelButton->show();
    std::set<std::string> local;
    for (const auto& p : state.priors) local.insert(p.study.studyInstanceUid);
    const int generation = state.generation;
    auto current = [this, generation]() -> StudyOpening* {
        return opening_ && opening_->generation == generation ? opening_.get() : nullptr;
    };
    RemotePriorFetch::Callbacks callbacks;
    callbacks.progress = [this](const QString& line) { showMessageQuietly(statusBar(), line, 10000); };
    callbacks.found = [this, current](std::vector<pacs::RankedPrior> remote) {
        StudyOpening* o = current();
        if (!o || remote.empty()) return;
        // Rank the local and the remote priors together and hang them again.
        std::vector<pacs::StudySummary> all;
        for (const auto& p : o->priors) all.push_back(p.study);
        for (const auto& p : remote) all.push_back(p.study);
        std::vector<pacs::RankedPrior> ranked = pacs::rankPriors(o->current, all, relevanceRulesOrFallback());
        if (ranked.size() > kHungPriors) ranked.resize(kHungPriors);
        std::vector<viewer::HangingStudy> hung;
        for (const auto& p : ranked) {
            const auto known = std::find_if(o->hungPriors.begin(), o->hungPriors.end(), [&](const viewer::HangingStudy& s) {
                return s.studyInstanceUid == p.study.studyInstanceUid;
            });
            hung.push_back(known != o->hungPriors.end() ? *known : pendingStudy(p.study));
        }
        o->priors = std::move(ranked);
        o->hungPriors = std::move(hung);
        reading_->hangStudies(o->currentStudy, o->hungPriors);
    };
    callbacks.arrived = [this, current](std::string studyUid) {
        StudyOpening* o = current();
        if (!o) return;
        o->mark("a remote prior is in the archive");
        reloadArchive();
        archive::Archive* a = archive_;
        QPointer<MainWindow> self = this;
        const int fetchGeneration = o->generation;
        QThread* thread = QThread::create([a, self, fetchGeneration, studyUid] {
            std::vector<core::SeriesInfo> series;
            try {
                series = readStudySeries(*a, studyUid);
            } catch (const core::Error&) {
                return;
            }
            QMetaObject::invokeMethod(qApp, [self, fetchGeneration, studyUid, series = std::move(series)]() mutable {
                if (!self || !self->opening_ || self->opening_->generation != fetchGeneration) return;
                StudyOpening& opening = *self->opening_;
                for (std::size_t k = 0; k < opening.hungPriors.size(); ++k)
                    if (opening.hungPriors[k].studyInstanceUid == studyUid) {
                        opening.hungPriors[k] = viewer::HangingStudy::from(std::move(series));
                        self->reading_->updatePrior(k, opening.hungPriors[k]);
                        break;
                    }
            }, Qt::QueuedConnection);
        });
        connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->start();
    };
    callbacks.finished = [this, current](const QString& summary) {
        StudyOpening* o = current();
        if (!o) return;
        if (o->cancelButton) o->cancelButton->hide();
        showMessageQuietly(statusBar(), summary, 10000);
    };
    showMessageQuietly(statusBar(), tr("Looking for priors on the remote nodes..."), 10000);
    state.remote->start(state.current, std::move(local), 2, std::move(callbacks));
}

}  // namespace lightbox::app
