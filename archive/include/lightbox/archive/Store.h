#pragma once
// What storing one object into the archive answers.

#include "lightbox/archive/Sha256.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::archive {

enum class StoreStatus {
    Stored,     // new: file and index row are durable
    Duplicate,  // the same SOP Instance with the same content was already there: nothing changed
    Conflict,   // the SOP Instance UID is taken by different content: kept aside, nothing overwritten
    Rejected,   // not a storable DICOM object (unparsable, truncated, Type 1 UIDs missing)
};
std::string_view storeStatusName(StoreStatus status);  // "stored", "duplicate", "conflict", "rejected"

// Where an object came from, kept in the index beside it.
struct StoreContext {
    std::string source;          // "import:/media/cd/IM0001", "dimse:MODALITY1" ... free text
    std::string callingAeTitle;  // for objects received over the network; may be empty
    // false: store() returns once the object is durable (file data and index).
    // true: once the index has committed it, before its data is flushed; the
    // data is flushed in batches behind, and Archive::flush() returns once
    // every such object is durable. For copies of objects someone else keeps
    // (a retrieve from a PACS, which reports success only after flush()): a
    // crash before that takes back whichever of them did not reach the disk
    // (their index rows go too) at the next open.
    bool deferDurability = false;
    // The bytes begin on a 4 KiB page boundary and the memory after them, up
    // to the next page boundary, may be overwritten (a network receive's
    // buffer, NodeServices::storeReceived): the object log writes them from
    // where they are, past the page cache, instead of copying them first.
    bool pageAligned = false;
};

struct StoreResult {
    StoreStatus status = StoreStatus::Rejected;
    std::string sopInstanceUid, sopClassUid, studyInstanceUid, seriesInstanceUid, transferSyntaxUid;
    std::string reason;          // Rejected / Conflict: one line a person can act on
    std::filesystem::path path;  // Stored / Duplicate: the archived file; Conflict: the file kept aside
};

}  // namespace lightbox::archive
