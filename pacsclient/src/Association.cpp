#include "Association.h"

#include "Identifier.h"
#include "SubOperations.h"

#include "lightbox/core/Error.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace lightbox::pacs::detail {

AssociationHandler::AssociationHandler(T_ASC_Association* assoc, const NodeConfig& config, NodeServices& services,
                                       NodeCounters& counters)
    : assoc_(assoc),
      config_(config),
      services_(services),
      counters_(counters),
      receiver_(config.spoolDirectory, config.maxInMemoryObject) {
    char calling[64] = {}, called[64] = {};
    ASC_getAPTitles(assoc->params, calling, sizeof calling, called, sizeof called, nullptr, 0);
    callingAe_ = calling;
    char peerHost[256] = {};
    ASC_getPresentationAddresses(assoc->params, peerHost, sizeof peerHost, nullptr, 0);
    callingHost_ = peerHost;
}

void AssociationHandler::serve() {
    if (ASC_acknowledgeAssociation(assoc_).bad()) {
        ASC_dropAssociation(assoc_);
        ASC_destroyAssociation(&assoc_);
        return;
    }
    bool running = true;
    while (running) {
        T_DIMSE_Message message;
        T_ASC_PresentationContextID presId = 0;
        OFCondition cond = DIMSE_receiveCommand(assoc_, DIMSE_NONBLOCKING, config_.dimseTimeoutSeconds, &presId, &message, nullptr);
        if (cond == DUL_PEERREQUESTEDRELEASE) {
            ASC_acknowledgeRelease(assoc_);
            break;
        }
        if (cond.bad()) {
            // Peer aborted, network failure or idle timeout: abort our side.
            if (cond != DUL_PEERABORTEDASSOCIATION) ASC_abortAssociation(assoc_);
            break;
        }
        try {
            switch (message.CommandField) {
                case DIMSE_C_ECHO_RQ:
                    DIMSE_sendEchoResponse(assoc_, presId, &message.msg.CEchoRQ, STATUS_Success, nullptr);
                    break;
                case DIMSE_C_STORE_RQ: handleStore(message, presId); break;
                case DIMSE_C_FIND_RQ: handleFind(message, presId); break;
                case DIMSE_C_MOVE_RQ: handleMove(message, presId); break;
                case DIMSE_C_GET_RQ: handleGet(message, presId); break;
                default:
                    ASC_abortAssociation(assoc_);  // a command we never offered
                    running = false;
                    break;
            }
        } catch (const std::exception&) {
            ASC_abortAssociation(assoc_);
            running = false;
        }
    }
    ASC_dropSCPAssociation(assoc_);
    ASC_destroyAssociation(&assoc_);
}

// ---------------------------------------------------------------- C-STORE

// Received into memory and handed over without a spool file (StoreReceiver.h).
void AssociationHandler::handleStore(T_DIMSE_Message& message, T_ASC_PresentationContextID presId) {
    receiver_.serve(assoc_, presId, message.msg.CStoreRQ, config_.dimseTimeoutSeconds, services_,
                    {callingAe_, callingHost_, {}}, counters_);
}

// ---------------------------------------------------------------- C-FIND

namespace {

struct FindCall {
    NodeServices* services = nullptr;
    bool patientRoot = false;
    bool combinedDateTime = false;
    std::string aeTitle;
    QueryRequest request;
    std::vector<QueryMatch> matches;
    std::size_t next = 0;
    bool failed = false;
    std::string error;
};

void findCallback(void* callbackData, OFBool cancelled, T_DIMSE_C_FindRQ*, DcmDataset* requestIdentifiers,
                  int responseCount, T_DIMSE_C_FindRSP* response, DcmDataset** responseIdentifiers,
                  DcmDataset** statusDetail) {
    auto* call = static_cast<FindCall*>(callbackData);
    if (responseCount == 1) {
        try {
            call->request = toQueryRequest(*requestIdentifiers, call->patientRoot);
            call->request.combinedDateTime = call->combinedDateTime;
            call->matches = call->services->find(call->request);
        } catch (const std::exception& e) {
            call->failed = true;
            call->error = e.what();
        }
    }
    if (call->failed) {
        response->DimseStatus = STATUS_FIND_Failed_UnableToProcess;
        auto* detail = new DcmDataset;
        detail->putAndInsertString(DCM_ErrorComment, call->error.substr(0, 64).c_str());
        *statusDetail = detail;
        return;
    }
    if (cancelled) {
        response->DimseStatus = STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest;
        return;
    }
    if (call->next < call->matches.size()) {
        *responseIdentifiers = toResponse(call->request, call->matches[call->next++], call->aeTitle);
        response->DimseStatus = STATUS_Pending;
        return;
    }
    response->DimseStatus = STATUS_Success;
}

}  // namespace

void AssociationHandler::handleFind(T_DIMSE_Message& message, T_ASC_PresentationContextID presId) {
    ++counters_.finds;
    FindCall call;
    call.services = &services_;
    call.aeTitle = config_.aeTitle;
    call.patientRoot = std::string(message.msg.CFindRQ.AffectedSOPClassUID) == UID_FINDPatientRootQueryRetrieveInformationModel;
    call.combinedDateTime = combinedDateTimeAgreed(assoc_, message.msg.CFindRQ.AffectedSOPClassUID);
    OFCondition cond = DIMSE_findProvider(assoc_, presId, &message.msg.CFindRQ, findCallback, &call, DIMSE_BLOCKING,
                                          config_.dimseTimeoutSeconds);
    if (cond.bad()) throw core::Error(core::ErrorCode::Io, std::string("C-FIND failed: ") + cond.text());
}

// ---------------------------------------------------------------- C-MOVE / C-GET

void AssociationHandler::handleMove(T_DIMSE_Message& message, T_ASC_PresentationContextID presId) {
    ++counters_.moves;
    MoveOperation operation(assoc_, config_, services_, callingAe_,
                            std::string(message.msg.CMoveRQ.AffectedSOPClassUID) == UID_MOVEPatientRootQueryRetrieveInformationModel);
    operation.run(message.msg.CMoveRQ, presId);
}

void AssociationHandler::handleGet(T_DIMSE_Message& message, T_ASC_PresentationContextID presId) {
    ++counters_.gets;
    GetOperation operation(assoc_, config_, services_,
                           std::string(message.msg.CGetRQ.AffectedSOPClassUID) == UID_GETPatientRootQueryRetrieveInformationModel);
    operation.run(message.msg.CGetRQ, presId);
}

}  // namespace lightbox::pacs::detail
