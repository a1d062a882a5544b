#pragma once
// Private to pacsclient: serves one accepted association (C-ECHO, C-STORE,
// C-FIND, C-MOVE, C-GET) until the peer releases or aborts it.

#include "StoreReceiver.h"

#include "lightbox/pacsclient/DicomNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>

#include <atomic>
#include <string>

namespace lightbox::pacs::detail {

struct NodeCounters {
    std::atomic<std::uint64_t> associations{0}, rejected{0}, stored{0}, storeFailures{0}, finds{0}, moves{0}, gets{0};
};

class AssociationHandler {
public:
    AssociationHandler(T_ASC_Association* assoc, const NodeConfig& config, NodeServices& services, NodeCounters& counters);
    void serve();  // returns when the association has ended; never throws

private:
    void handleStore(T_DIMSE_Message& message, T_ASC_PresentationContextID presId);
    void handleFind(T_DIMSE_Message& message, T_ASC_PresentationContextID presId);
    void handleMove(T_DIMSE_Message& message, T_ASC_PresentationContextID presId);
    void handleGet(T_DIMSE_Message& message, T_ASC_PresentationContextID presId);

    T_ASC_Association* assoc_;
    const NodeConfig& config_;
    NodeServices& services_;
    NodeCounters& counters_;
    std::string callingAe_;
    std::string callingHost_;
    StoreReceiver receiver_;  // its buffer serves every C-STORE of the association
};

// Accepts or refuses the proposed presentation contexts and AE titles; false
// when the association was rejected (and already dropped).
bool negotiate(T_ASC_Association* assoc, const NodeConfig& config, bool congested);
// Whether combined date-time range matching was agreed for this C-FIND model.
bool combinedDateTimeAgreed(T_ASC_Association* assoc, const std::string& sopClass);

}  // namespace lightbox::pacs::detail
