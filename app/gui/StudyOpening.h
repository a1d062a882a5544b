#pragma once
// The state of a study being opened by hanging protocol (MainWindow's
// StudyOpening.cpp): the priors hung beside it, the remote prior fetch, the
// timings of the opening.

#include "StudyPriors.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

class QToolButton;

namespace lightbox::app {

// Opened on the GUI thread once the first image is on screen: the opening's
// worker waits for it (or a timeout) before it reads every header.
class OpeningGate : public std::enable_shared_from_this<OpeningGate> {
public:
    void open();
    // Opens it for the worker alone (it sees its cancel flag): nothing waits on the GUI side any more.
    void abandon();
    bool isOpen() const;
    // The worker: until the gate opens, `most` at the longest.
    void wait(std::chrono::milliseconds most);
    // `f` on the GUI thread when the gate opens (dropped with `context`).
    void whenOpen(QObject* context, std::function<void()> f);

private:
    mutable std::mutex mutex_;
    std::condition_variable opened_;
    bool open_ = false;
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> waiting_;  // GUI thread only
};

struct StudyOpening {
    ~StudyOpening();

    bool timing = false;  // print the timings on stderr
    bool protocolsRead = false;
    bool paintWatched = false;  // --timing: the window's first paint is marked
    int generation = 0;   // a newer opening supersedes the callbacks of an older one
    QElapsedTimer clock;  // since "open study"
    std::shared_ptr<std::atomic<bool>> cancel;
    pacs::StudySummary current;
    std::vector<pacs::RankedPrior> priors;  // in the order given to the reading area (relevance)
    std::vector<viewer::HangingStudy> hungPriors;
    // As hung: from the archive index first (HangingStudy::headersPending), then with every header read.
    viewer::HangingStudy currentStudy;
    int localPriorsPending = 0;  // priors whose headers are still being read
    std::unique_ptr<RemotePriorFetch> remote;
    QPointer<QToolButton> cancelButton;  // in the status bar while priors are fetched
    std::shared_ptr<OpeningGate> gate;   // the worker's go: the first image is on screen

    void mark(const char* event) const;  // "lightbox timing: EVENT N ms" when timing
};

}  // namespace lightbox::app
