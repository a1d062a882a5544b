#pragma once
// DICOMweb client (Qt Network) towards one remote node: QIDO-RS search,
// WADO-RS retrieve (multipart/related, streamed object by object into the
// receiver - a study never sits in memory), metadata, STOW-RS upload.
//
// Calls are synchronous: each runs a local event loop, so a QCoreApplication
// must exist (any thread may call; a GUI runs them on a worker thread).
// Errors are core::Error naming the node and the HTTP status in words
// ("pacs (http://...): WADO-RS failed: HTTP 404 Not Found"); an answer
// with an HTTP error status is an HttpError that carries the status.
//
// Authentication: the node's basic credentials or bearer token go with
// every request ("Authorization: Bearer <token>", RFC 6750); a refusal
// (401 / 403) says which credentials were refused.

#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/pacsclient/NodeServices.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::pacs {

// The node answered with an HTTP error status (its message names the node
// and the status in words).
class HttpError : public core::Error {
public:
    HttpError(int status, const std::string& message) : core::Error(core::ErrorCode::Io, message), status_(status) {}
    int status() const noexcept { return status_; }
    // 401 Unauthorized / 403 Forbidden: trying again will not help.
    bool refusedCredentials() const noexcept { return status_ == 401 || status_ == 403; }

private:
    int status_;
};

class DicomWebClient {
public:
    explicit DicomWebClient(RemoteNode node);

    const RemoteNode& node() const { return node_; }

    // Test connection: a QIDO-RS study search limited to one answer.
    void checkCapabilities() const;

    // QIDO-RS at study, series or image level (PATIENT level is answered
    // from a study search, one row per patient). Keys as in DimseClient::find.
    std::vector<QueryMatch> search(const QueryRequest& request, const CancelFlag* cancel = nullptr) const;

    // WADO-RS of a study, a series or one instance with transfer-syntax=*
    // (the objects as the server holds them); every part is written to a
    // file under `spoolDirectory` as it arrives and handed to `receiver`.
    TransferReport retrieve(const std::string& studyUid, const std::string& seriesUid, const std::string& sopInstanceUid,
                            NodeServices& receiver, const std::filesystem::path& spoolDirectory,
                            const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr) const;

    // WADO-RS metadata of a study or series: the DICOM JSON array as text.
    std::string metadata(const std::string& studyUid, const std::string& seriesUid = {}) const;

    // STOW-RS of Part 10 files (in batches of a few tens of megabytes). What
    // the node stored is what its answer lists in the Referenced SOP Sequence;
    // an object it lists as failed, or leaves out, is not stored. An object
    // whose transfer syntax the node refuses goes again as Explicit VR Little
    // Endian, converted by core (core::toExplicitLittleEndian, the converter
    // C-STORE uses where DCMTK has no codec): before the first attempt when
    // the node's acceptedTransferSyntaxes leave it out, after a refusal when
    // it was sent compressed, big endian or deflated (PS3.18 10.5: Failure
    // Reason 0xC122, a 415 answer, or any failure of such an object, since
    // servers rarely say why). An object the node left out of its answer
    // unconverted is sent once more as it is (a server may stop reading a
    // request at its first refusal). Every file is checked to be DICOM
    // before anything is sent. statusText counts what was converted.
    TransferReport store(const std::vector<std::filesystem::path>& files, const ProgressCallback& progress = {},
                         const CancelFlag* cancel = nullptr) const;

private:
    RemoteNode node_;
};

// DICOM JSON (PS3.18 F.2) of one data set -> keyword map, values joined
// with '\\', person names by their Alphabetic group (then Ideographic,
// Phonetic with '='). Unknown tags are skipped.
QueryMatch queryMatchFromDicomJson(const std::string& jsonObject);

}  // namespace lightbox::pacs
