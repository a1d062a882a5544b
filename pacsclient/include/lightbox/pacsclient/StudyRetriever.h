#pragma once
// Retrieving a study (or one series) from a remote node into the local
// archive by C-MOVE, C-GET or WADO-RS, resumable: what the archive already
// holds is not fetched again, a failed attempt is retried, and only complete
// objects ever reach the archive (each is checked and indexed as it arrives;
// all are durable before retrieve() returns - NodeServices::makeDurable()).
//
// The archive is reached through NodeServices (pacsclient never sees it):
// find() at IMAGE level says what is held, store() takes what arrives.

#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/pacsclient/NodeServices.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::pacs {

// Where retrieved objects land.
struct LocalArchive {
    NodeServices* services = nullptr;
    std::filesystem::path spoolDirectory;  // on the archive's file system (objects are adopted by rename)
    std::string aeTitle = "LIGHTBOX";      // our AE title (calling AE; C-MOVE destination)
    std::uint16_t port = 11112;            // C-MOVE: the Storage SCP the peer sends to
};

struct RetrieveRequest {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;  // empty: the whole study
    RetrieveMethod method = RetrieveMethod::Move;
    int attempts = 3;               // tries before giving up (each resumes the last)
    int parallelSeries = 1;         // series retrieved at once (one C-MOVE / C-GET association or WADO-RS request each)
};

struct RetrieveOutcome {
    std::size_t expected = 0;      // objects the node holds for the request
    std::size_t alreadyHeld = 0;   // in the archive before we started
    std::size_t retrieved = 0;     // newly stored
    std::size_t attempts = 0;
    bool cancelled = false;
    // Cancelled C-MOVE / C-GET: the peer answered our C-CANCEL with the
    // Cancel status (it stopped sending).
    bool cancelConfirmed = false;
    bool usedRunningScp = false;   // C-MOVE: the port was taken (the archive's own `serve` received)
};

struct RetrieveStatus {
    std::size_t expected = 0, held = 0;  // held: in the archive now (grows as objects arrive)
    std::string phase;                   // "listing", "retrieving", "verifying"
};
using RetrieveProgressCallback = std::function<void(const RetrieveStatus&)>;

class StudyRetriever {
public:
    StudyRetriever(RemoteNode node, LocalArchive local);

    // Throws core::Error naming the node, the DICOM/HTTP status and how many
    // objects are still missing when the last attempt fails.
    RetrieveOutcome retrieve(const RetrieveRequest& request, const RetrieveProgressCallback& progress = {},
                             const CancelFlag* cancel = nullptr);

private:
    RemoteNode node_;
    LocalArchive local_;
};

}  // namespace lightbox::pacs
