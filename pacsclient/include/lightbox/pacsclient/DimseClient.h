#pragma once
// The workstation as a DICOM SCU towards one remote node (DCMTK inside):
// C-ECHO, C-FIND, C-MOVE, C-GET and C-STORE, over TLS when the node says so.
// Every call opens its own association and closes it before returning; calls
// on different DimseClient objects may run in parallel.
//
// Errors are core::Error whose message names the node and the DICOM status
// in words ("pacs (ORTHANC@10.0.0.5:4242): C-MOVE failed: Refused: Move
// Destination Unknown (0xa801)").

#include "lightbox/pacsclient/NodeServices.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lightbox::pacs {

// Sub-operation counts as the peer reports them in pending responses (C-MOVE,
// C-GET) or as we count them (C-STORE, WADO-RS).
struct TransferProgress {
    std::size_t remaining = 0, completed = 0, failed = 0, warning = 0;
    std::uint64_t bytes = 0;  // received or sent so far, where known
};
using ProgressCallback = std::function<void(const TransferProgress&)>;

struct TransferReport {
    std::size_t completed = 0, failed = 0, warning = 0;
    std::vector<std::string> failedSopInstances;
    bool cancelled = false;
    std::uint16_t status = 0;  // the final DIMSE status (or HTTP status for DICOMweb)
    std::string statusText;    // in words
};

// Cancellation: set the flag from any thread; the running operation sends
// C-CANCEL (or aborts the HTTP request) and returns with cancelled = true.
using CancelFlag = std::atomic<bool>;

class DimseClient {
public:
    DimseClient(RemoteNode node, std::string callingAeTitle);

    const RemoteNode& node() const { return node_; }

    // C-ECHO; throws core::Error naming the node and the problem.
    void echo() const;

    // C-FIND (Patient Root at PATIENT level, Study Root otherwise): the
    // request's match keys with their values plus its return keys, empty.
    // Values come back in UTF-8, keyed by keyword.
    std::vector<QueryMatch> find(const QueryRequest& request, const CancelFlag* cancel = nullptr) const;

    // C-MOVE of the entity `identifier` names to `destinationAe` (a node the
    // peer knows by that AE title).
    TransferReport move(const QueryRequest& identifier, const std::string& destinationAe,
                        const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr) const;

    // C-GET: the peer sends the objects back on this association; each is
    // received bit for bit into a file under `spoolDirectory` and handed to
    // `receiver` (store() with receivedFile set) before it is acknowledged.
    // `sopClasses` are the storage SOP classes to accept (from a C-FIND at
    // IMAGE level); every common transfer syntax is offered for each.
    TransferReport get(const QueryRequest& identifier, const std::vector<std::string>& sopClasses,
                       NodeServices& receiver, const std::filesystem::path& spoolDirectory,
                       const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr) const;

    // C-STORE of local Part 10 files: each goes in its own transfer syntax
    // when the peer accepts it, else converted to uncompressed (DCMTK's JPEG,
    // JPEG-LS and RLE codecs; JPEG 2000 through core, as DCMTK has no codec).
    TransferReport store(const std::vector<std::filesystem::path>& files, const ProgressCallback& progress = {},
                         const CancelFlag* cancel = nullptr) const;

private:
    RemoteNode node_;
    std::string callingAe_;
};

// SOP class, SOP instance and transfer syntax of a Part 10 file (header
// only); throws core::Error naming the file when it is not one.
StoredObject describePart10File(const std::filesystem::path& file);

}  // namespace lightbox::pacs
