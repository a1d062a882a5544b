#pragma once
// DICOMweb client (Qt Network) towards one remote node: QIDO-RS search,
// WADO-RS retrieve (multipart/related, streamed object by object into the
// receiver - a study never sits in memory), metadata, STOW-RS upload.
//
// Calls are synchronous: each runs a local event loop, so a QCoreApplication
// must exist (any thread may call; a GUI runs them on a worker thread).
// Errors are core::Error naming the node and the HTTP status in words
// ("pacs (http://...): WADO-RS failed: HTTP 404 Not Found").

#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/pacsclient/NodeServices.h"
#include "lightbox/pacsclient/RemoteNode.h"

#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::pacs {

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

    // STOW-RS of Part 10 files (in batches of a few tens of megabytes).
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
