#pragma once
// Relevant priors: for a current study, the patient's other studies on every
// configured node (same Patient ID and Issuer of Patient ID), ranked by
// rules kept as data (resources/priors/relevance.json: same modality and
// body part first, then most recent), and fetched into the archive in the
// background, most relevant first, cancellable, with progress.

#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/pacsclient/NodeServices.h"
#include "lightbox/pacsclient/RemoteNode.h"
#include "lightbox/pacsclient/StudyRetriever.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace lightbox::pacs {

struct RelevanceTier {
    std::string name;
    bool sameModality = false, sameBodyPart = false;
};

struct RelevanceRules {
    std::vector<RelevanceTier> tiers;
    std::set<std::string> ignoreModalities;               // not imaging (SR, PR, KO...)
    std::vector<std::set<std::string>> bodyPartSynonyms;  // upper case
    int maxAgeYears = 0;
};

// Reads a rules file; throws core::Error naming the file and the problem.
RelevanceRules readRelevanceRules(const std::filesystem::path& file);
// The installed rules (../share/lightbox/priors/relevance.json next to the
// executable, $LIGHTBOX_PRIORS_RULES, or the source tree's resources/).
RelevanceRules defaultRelevanceRules();

// A study as the ranking sees it.
struct StudySummary {
    std::string nodeName;  // where it was found
    std::string studyInstanceUid, patientId, issuerOfPatientId, studyDate, studyDescription, accessionNumber;
    std::set<std::string> modalities;  // upper case
    std::set<std::string> bodyParts;   // BodyPartExamined of its series, upper case
    std::size_t instances = 0;
};

struct RankedPrior {
    StudySummary study;
    std::size_t tier = 0;  // index into the rules' tiers
    std::string reason;    // the tier's name
};

// Pure: ranks `candidates` against `current` (the current study itself and
// studies of another patient/issuer are left out; a study found on several
// nodes is kept once, from the first node).
std::vector<RankedPrior> rankPriors(const StudySummary& current, const std::vector<StudySummary>& candidates,
                                    const RelevanceRules& rules);

// Finds the current study (on the nodes, by its UID) and the patient's other
// studies on every node: C-FIND (or QIDO-RS for DICOMweb-only nodes) at study
// level, then at series level for modality and body part.
struct PriorSearch {
    StudySummary current;
    std::vector<RankedPrior> priors;
    std::vector<std::string> nodeErrors;  // nodes that could not be asked (the others still count)
};
PriorSearch findPriors(const std::string& currentStudyUid, const std::vector<RemoteNode>& nodes,
                       const std::string& callingAeTitle, const RelevanceRules& rules, const CancelFlag* cancel = nullptr);
// The same for a current study described locally (it need not be on any node).
PriorSearch findPriors(const StudySummary& current, const std::vector<RemoteNode>& nodes,
                       const std::string& callingAeTitle, const RelevanceRules& rules, const CancelFlag* cancel = nullptr);

// Background prefetch of the top N priors, most relevant first.
struct PrefetchStatus {
    std::size_t studiesDone = 0, studiesTotal = 0;
    RetrieveStatus current;   // the study being retrieved
    std::string studyInstanceUid;
    std::vector<std::string> errors;
    bool finished = false, cancelled = false;
};

class PriorPrefetcher {
public:
    PriorPrefetcher(std::vector<RemoteNode> nodes, LocalArchive local);
    ~PriorPrefetcher();  // cancels and joins

    // Starts on a background thread; `progress` is called from it.
    void start(std::vector<RankedPrior> priors, std::size_t maxStudies,
               std::function<void(const PrefetchStatus&)> progress = {});
    void cancel();
    bool finished() const { return finished_.load(); }
    PrefetchStatus wait();  // joins; the final status

private:
    std::vector<RemoteNode> nodes_;
    LocalArchive local_;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> finished_{false};
    std::thread thread_;
    PrefetchStatus status_;
};

}  // namespace lightbox::pacs
