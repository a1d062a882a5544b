#pragma once
// Private to pacsclient: the Storage SCP's side of one C-STORE, received bit
// for bit into memory instead of a spool file (what DIMSE_storeProvider does
// with a file, built from DCMTK's lower-level calls).
//
// The data set's bytes, behind a file meta header built from the request and
// the presentation context, go into a page-aligned buffer that the
// association keeps and reuses: NodeServices::storeReceived() gets the Part
// 10 object, and the archive writes it once (its object log record, from
// this buffer past the page cache, and its file), with no spool file and no
// read-back; it hashes the bytes while its log record is written. A data set that grows past the in-memory limit
// continues in a spool file and goes through NodeServices::storeFile() as
// before. A data set that does not arrive whole (the peer aborts, the
// connection drops, the PDVs are malformed) is never handed on: the
// association is aborted and nothing is left behind.

#include "lightbox/pacsclient/NodeServices.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace lightbox::pacs::detail {

struct NodeCounters;

class StoreReceiver {
public:
    // `inMemoryLimit`: the largest object (meta header included) kept in
    // memory; larger ones continue in a file under `spoolDirectory`.
    StoreReceiver(std::filesystem::path spoolDirectory, std::size_t inMemoryLimit);
    ~StoreReceiver();
    StoreReceiver(const StoreReceiver&) = delete;
    StoreReceiver& operator=(const StoreReceiver&) = delete;

    // Receives the data set of `request` (its command already read), hands
    // the object to `services` and sends the C-STORE response. Throws
    // core::Error when the data set did not arrive whole or the response
    // could not be sent (the caller aborts the association).
    void serve(T_ASC_Association* assoc, T_ASC_PresentationContextID presId, T_DIMSE_C_StoreRQ& request,
               int timeoutSeconds, NodeServices& services, StoreContext context, NodeCounters& counters);

    class Sink;  // the DcmConsumer behind the receiving stream

private:
    std::unique_ptr<Sink> sink_;
};

}  // namespace lightbox::pacs::detail
