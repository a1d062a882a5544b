#pragma once
// The state of a study being opened by hanging protocol (MainWindow's
// StudyOpening.cpp): the priors hung beside it, the remote prior fetch, the
// timings of the opening.

#include "StudyPriors.h"

#include <QElapsedTimer>
#include <QPointer>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

class QToolButton;

namespace lightbox::app {

struct StudyOpening {
    bool timing = false;  // print the timings on stderr
    bool protocolsRead = false;
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

    void mark(const char* event) const;  // "lightbox timing: EVENT N ms" when timing
};

}  // namespace lightbox::app
