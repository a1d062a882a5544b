#pragma once
// What the DICOM node needs from whoever keeps the images. pacsclient does
// not know the archive (design.md): received objects leave through this
// interface and queries come back through it; app wires it to the archive.
// Attribute names are PS3.6 keywords; values are DICOM strings (UTF-8).

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lightbox::pacs {

enum class QueryLevel { Patient, Study, Series, Image };
QueryLevel parseQueryLevel(const std::string& text);  // "PATIENT", "STUDY", "SERIES", "IMAGE"
std::string queryLevelName(QueryLevel level);

struct QueryRequest {
    QueryLevel level = QueryLevel::Study;
    bool patientRoot = false;  // Patient Root model (else Study Root)
    // Matching keys as received: keyword -> value (empty = universal / return key).
    std::vector<std::pair<std::string, std::string>> match;
    std::vector<std::string> returnKeys;  // every keyword the requester asked for
    // Combined date-time range matching (PS3.4 C.2.2.2.5), when the requester
    // asked for it by SOP Class Extended Negotiation and the node agreed.
    bool combinedDateTime = false;
};

using QueryMatch = std::map<std::string, std::string>;

struct StoredObject {
    std::filesystem::path path;
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string transferSyntaxUid;
};

struct StoreOutcome {
    enum class Status { Stored, Duplicate, Conflict, Rejected, Failed };
    Status status = Status::Failed;
    std::string message;
};

struct StoreContext {
    std::string callingAeTitle;
    std::string callingHost;
    // The spool file the bytes were received into: the receiver may take it
    // over (rename) instead of writing a copy; the node deletes it otherwise.
    std::filesystem::path receivedFile{};
    // The sender keeps its copy (we retrieved it): the store may return
    // before the object is durable; makeDurable() follows before the
    // retrieve reports success.
    bool deferDurability = false;
};

class NodeServices {
public:
    virtual ~NodeServices() = default;
    // Must be durable before it returns Stored: the C-STORE response follows.
    virtual StoreOutcome store(const std::string& part10Bytes, const StoreContext& context) = 0;
    // The same for an object received into a spool file (context.receivedFile):
    // a receiver may take the file over (rename it) without reading it; the
    // default reads it and calls store(). The caller removes the file afterwards.
    virtual StoreOutcome storeFile(const StoreContext& context);
    // The same for an object received into memory (a C-STORE data set behind
    // the file meta header the node built): `part10Bytes` live for the call
    // only (not hashed: the archive hashes them while it writes them). The default
    // writes them to context.receivedFile (a fresh spool file name), calls
    // storeFile() and removes what is left of the file, so that a receiver
    // made for spool files (a retrieve's queue) works unchanged.
    // The bytes begin on a 4 KiB page boundary and the memory after them, up
    // to the next page boundary, is the receiver's to overwrite (with the
    // zeros a direct write of whole pages needs): a receiver may write them
    // to disk past the page cache without copying them first.
    virtual StoreOutcome storeReceived(std::string_view part10Bytes, const StoreContext& context);
    virtual std::vector<QueryMatch> find(const QueryRequest& request) = 0;
    // The stored objects a C-MOVE / C-GET identifier selects.
    virtual std::vector<StoredObject> locate(const QueryRequest& request) = 0;
    // Returns once every object stored so far - deferDurability ones too - is
    // durable. Throws core::Error when the disk failed.
    virtual void makeDurable() {}
};

}  // namespace lightbox::pacs
