#pragma once
// Priors on open: the patient's other studies in the local archive, ranked
// by pacsclient's relevance rules (resources/priors/relevance.json) and read
// for the hanging protocol; and, when remote nodes are configured, the
// relevant priors found there and fetched into the archive in the
// background (pacsclient's PriorPrefetcher), each hung in the comparison
// viewports as it arrives. MainWindow::openStudy uses it (StudyOpening.cpp).

#include "lightbox/core/Series.h"
#include "lightbox/pacsclient/Priors.h"
#include "lightbox/viewer/HangingPlacement.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace lightbox::archive {
class Archive;
}

namespace lightbox::app {

class ArchiveNodeServices;

// The study as the ranking sees it (modalities and body parts upper case).
pacs::StudySummary summarizeStudy(const std::vector<core::SeriesInfo>& series);
// The patient's studies in the archive: same Patient ID and Issuer of Patient ID.
std::vector<pacs::StudySummary> localStudiesOfPatient(const archive::Archive& archive, const std::string& patientId,
                                                      const std::string& issuer);
// A study's series, headers read from the archive's files; throws core::Error.
std::vector<core::SeriesInfo> readStudySeries(const archive::Archive& archive, const std::string& studyUid);
// A first look at a study before every header is read, from the archive
// index: its series, each small one (under 16 images) with every header
// read, each larger one with the header of one image - the middle one by
// Instance Number (HangingStudy::headersPending, the index's image count).
// nullopt when the index cannot tell (an image without Instance Number or
// without a file, the study not in the archive, a header unreadable): the
// caller reads every header. Throws core::Error for index failures.
// `files`, when given, receives the study's files (for the full scan).
std::optional<viewer::HangingStudy> readStudyFromIndex(const archive::Archive& archive, const std::string& studyUid,
                                                       std::vector<std::filesystem::path>* files = nullptr);
// The patient's other studies in the archive ranked as priors of the study
// `series` make (by the installed relevance rules), the `most` relevant.
std::vector<pacs::RankedPrior> rankLocalPriors(const archive::Archive& archive, const std::vector<core::SeriesInfo>& series,
                                               std::size_t most);
// The installed relevance rules, or (none installed) every study, most recent first.
pacs::RelevanceRules relevanceRulesOrFallback();
// A prior known but not local yet: no series, its modalities for the protocol.
viewer::HangingStudy pendingStudy(const pacs::StudySummary& study);

// The relevant priors of the current study on the remote nodes: found, then
// fetched most relevant first. Callbacks run on the GUI thread. Destroying
// it cancels and waits.
class RemotePriorFetch : public QObject {
public:
    struct Callbacks {
        std::function<void(std::vector<pacs::RankedPrior>)> found;  // ranked, not yet local
        std::function<void(QString)> progress;                      // a status line
        std::function<void(std::string studyUid)> arrived;          // a prior is in the archive now
        std::function<void(QString)> finished;                      // summary (or the error)
    };
    RemotePriorFetch(archive::Archive& archive, std::vector<pacs::RemoteNode> nodes, std::string callingAeTitle,
                     quint16 storagePort, QObject* parent = nullptr);
    ~RemotePriorFetch() override;

    // `localStudies`: what the archive holds already (not fetched again).
    void start(const pacs::StudySummary& current, std::set<std::string> localStudies, std::size_t maxStudies,
               Callbacks callbacks);
    void cancel();

private:
    void fetch(std::vector<pacs::RankedPrior> priors);

    archive::Archive& archive_;
    std::vector<pacs::RemoteNode> nodes_;
    std::string callingAe_;
    quint16 storagePort_ = 11112;
    std::size_t max_ = 2;
    Callbacks callbacks_;
    std::unique_ptr<ArchiveNodeServices> services_;
    std::unique_ptr<pacs::PriorPrefetcher> prefetcher_;
    std::shared_ptr<pacs::CancelFlag> cancel_;
    std::thread finder_;
};

}  // namespace lightbox::app
