#include "SubOperations.h"

#include "Identifier.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/ofstd/ofstd.h>

#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>

namespace lightbox::pacs::detail {
namespace {

bool isUncompressed(const std::string& ts) {
    return ts == UID_LittleEndianImplicitTransferSyntax || ts == UID_LittleEndianExplicitTransferSyntax ||
           ts == UID_BigEndianExplicitTransferSyntax;
}

DcmDataset* failedList(const std::vector<std::string>& uids) {
    auto* ds = new DcmDataset;
    std::string joined;
    for (const auto& uid : uids) joined += (joined.empty() ? "" : "\\") + uid;
    ds->putAndInsertString(DCM_FailedSOPInstanceUIDList, joined.c_str());
    return ds;
}

void tally(SubOperationCounts& counts, std::uint16_t status, const std::string& sopInstance) {
    if (status == STATUS_Success) ++counts.completed;
    else if ((status & 0xF000) == 0xB000) ++counts.warning;
    else {
        ++counts.failed;
        counts.failedSopInstances.push_back(sopInstance);
    }
}

}  // namespace

std::uint16_t storeSubOperation(T_ASC_Association* assoc, const StoredObject& object, const std::string& moveOriginatorAe,
                                std::uint16_t moveOriginatorMessageId, int timeoutSeconds) {
    const char* sopClass = object.sopClassUid.c_str();
    T_ASC_PresentationContextID presId = ASC_findAcceptedPresentationContextID(assoc, sopClass, object.transferSyntaxUid.c_str());
    if (presId == 0) presId = ASC_findAcceptedPresentationContextID(assoc, sopClass);
    if (presId == 0) return STATUS_STORE_Refused_SOPClassNotSupported;
    T_ASC_PresentationContext pc;
    ASC_findAcceptedPresentationContext(assoc->params, presId, &pc);

    T_DIMSE_C_StoreRQ request{};
    request.MessageID = assoc->nextMsgID++;
    OFStandard::strlcpy(request.AffectedSOPClassUID, sopClass, sizeof request.AffectedSOPClassUID);
    OFStandard::strlcpy(request.AffectedSOPInstanceUID, object.sopInstanceUid.c_str(), sizeof request.AffectedSOPInstanceUID);
    request.DataSetType = DIMSE_DATASET_PRESENT;
    request.Priority = DIMSE_PRIORITY_MEDIUM;
    if (!moveOriginatorAe.empty()) {
        request.opts = O_STORE_MOVEORIGINATORAETITLE | O_STORE_MOVEORIGINATORID;
        OFStandard::strlcpy(request.MoveOriginatorApplicationEntityTitle, moveOriginatorAe.c_str(),
                            sizeof request.MoveOriginatorApplicationEntityTitle);
        request.MoveOriginatorID = moveOriginatorMessageId;
    }
    T_DIMSE_C_StoreRSP response{};
    DcmDataset* detail = nullptr;
    OFCondition cond;
    if (object.transferSyntaxUid == pc.acceptedTransferSyntax) {
        // The stored bytes go out as they are.
        cond = DIMSE_storeUser(assoc, presId, &request, object.path.c_str(), nullptr, nullptr, nullptr, DIMSE_BLOCKING,
                               timeoutSeconds, &response, &detail, nullptr, 0);
    } else {
        // The receiver wants another syntax: decode/convert (DCMTK's codecs).
        DcmFileFormat file;
        if (file.loadFile(object.path.c_str()).bad()) return STATUS_STORE_Refused_OutOfResources;
        DcmXfer target(pc.acceptedTransferSyntax);
        DcmDataset* dataset = file.getDataset();
        if (dataset->chooseRepresentation(target.getXfer(), nullptr).bad() || !dataset->canWriteXfer(target.getXfer()))
            return STATUS_STORE_Error_CannotUnderstand;
        cond = DIMSE_storeUser(assoc, presId, &request, nullptr, dataset, nullptr, nullptr, DIMSE_BLOCKING, timeoutSeconds,
                               &response, &detail, nullptr, 0);
    }
    delete detail;
    if (cond.bad()) return 0xA702;  // the sub-association failed under us
    return response.DimseStatus;
}

// ---------------------------------------------------------------- C-MOVE

MoveOperation::MoveOperation(T_ASC_Association* assoc, const NodeConfig& config, NodeServices& services,
                             std::string originatorAe, bool patientRoot)
    : assoc_(assoc), config_(config), services_(services), originatorAe_(std::move(originatorAe)), patientRoot_(patientRoot) {}

MoveOperation::~MoveOperation() { closeSubAssociation(true); }

void MoveOperation::closeSubAssociation(bool abort) {
    if (subAssociation_) {
        if (abort) ASC_abortAssociation(subAssociation_);
        else ASC_releaseAssociation(subAssociation_);
        ASC_destroyAssociation(&subAssociation_);
        subAssociation_ = nullptr;
    }
    if (subNetwork_) {
        ASC_dropNetwork(&subNetwork_);
        subNetwork_ = nullptr;
    }
}

std::uint16_t MoveOperation::prepare(T_DIMSE_C_MoveRQ& request, DcmDataset& identifiers) {
    const std::string destination = request.MoveDestination;
    auto peer = std::find_if(config_.peers.begin(), config_.peers.end(), [&](const Peer& p) { return p.aeTitle == destination; });
    if (peer == config_.peers.end()) {
        error_ = "move destination " + destination + " is not a known peer";
        return STATUS_MOVE_Refused_MoveDestinationUnknown;
    }
    try {
        objects_ = services_.locate(toQueryRequest(identifiers, patientRoot_));
    } catch (const std::exception& e) {
        error_ = e.what();
        return STATUS_MOVE_Failed_UnableToProcess;
    }
    counts_.remaining = std::uint16_t(std::min<std::size_t>(objects_.size(), 0xFFFF));
    if (objects_.empty()) return 0;

    // One presentation context per (SOP class, stored syntax), and one per SOP
    // class with the uncompressed syntaxes as a fallback.
    std::set<std::pair<std::string, std::string>> contexts;
    for (const auto& o : objects_) {
        if (!isUncompressed(o.transferSyntaxUid)) contexts.emplace(o.sopClassUid, o.transferSyntaxUid);
        contexts.emplace(o.sopClassUid, "");
    }
    if (contexts.size() > 128) {
        error_ = "too many SOP class / transfer syntax combinations for one association";
        return STATUS_MOVE_Refused_OutOfResourcesSubOperations;
    }
    if (ASC_initializeNetwork(NET_REQUESTOR, 0, config_.dimseTimeoutSeconds, &subNetwork_).bad()) {
        error_ = "cannot initialise the network for the sub-association";
        return STATUS_MOVE_Refused_OutOfResourcesSubOperations;
    }
    T_ASC_Parameters* params = nullptr;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, config_.aeTitle.c_str(), peer->aeTitle.c_str(), nullptr);
    char localHost[256] = "localhost";
    gethostname(localHost, sizeof localHost - 1);
    const std::string address = peer->host + ":" + std::to_string(peer->port);
    ASC_setPresentationAddresses(params, localHost, address.c_str());
    T_ASC_PresentationContextID id = 1;
    for (const auto& [sopClass, ts] : contexts) {
        if (ts.empty()) {
            const char* syntaxes[] = {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};
            ASC_addPresentationContext(params, id, sopClass.c_str(), syntaxes, 2);
        } else {
            const char* syntaxes[] = {ts.c_str()};
            ASC_addPresentationContext(params, id, sopClass.c_str(), syntaxes, 1);
        }
        id = T_ASC_PresentationContextID(id + 2);
    }
    OFCondition cond = ASC_requestAssociation(subNetwork_, params, &subAssociation_);
    if (cond.bad() || ASC_countAcceptedPresentationContexts(subAssociation_->params) == 0) {
        if (!subAssociation_) ASC_destroyAssociationParameters(&params);
        error_ = "destination " + destination + " (" + address + ") refused or is unreachable";
        closeSubAssociation(true);
        return STATUS_MOVE_Refused_OutOfResourcesSubOperations;
    }
    return 0;
}

void MoveOperation::callback(void* data, OFBool cancelled, T_DIMSE_C_MoveRQ* request, DcmDataset* identifiers,
                             int responseCount, T_DIMSE_C_MoveRSP* response, DcmDataset** statusDetail,
                             DcmDataset** responseIdentifiers) {
    auto* self = static_cast<MoveOperation*>(data);
    if (responseCount == 1) self->prepareStatus_ = self->prepare(*request, *identifiers);
    response->opts = O_MOVE_NUMBEROFREMAININGSUBOPERATIONS | O_MOVE_NUMBEROFCOMPLETEDSUBOPERATIONS |
                     O_MOVE_NUMBEROFFAILEDSUBOPERATIONS | O_MOVE_NUMBEROFWARNINGSUBOPERATIONS;
    if (self->prepareStatus_ != 0) {
        response->DimseStatus = self->prepareStatus_;
        response->opts = 0;
        auto* detail = new DcmDataset;
        detail->putAndInsertString(DCM_ErrorComment, self->error_.substr(0, 64).c_str());
        *statusDetail = detail;
        return;
    }
    auto fill = [&]() {
        response->NumberOfRemainingSubOperations = self->counts_.remaining;
        response->NumberOfCompletedSubOperations = self->counts_.completed;
        response->NumberOfFailedSubOperations = self->counts_.failed;
        response->NumberOfWarningSubOperations = self->counts_.warning;
    };
    if (cancelled) {
        self->closeSubAssociation(true);
        response->DimseStatus = STATUS_MOVE_Cancel_SubOperationsTerminatedDueToCancelIndication;
        fill();
        return;
    }
    if (self->next_ < self->objects_.size()) {
        const StoredObject& o = self->objects_[self->next_++];
        tally(self->counts_, storeSubOperation(self->subAssociation_, o, self->originatorAe_, request->MessageID,
                                               self->config_.dimseTimeoutSeconds),
              o.sopInstanceUid);
        if (self->counts_.remaining) --self->counts_.remaining;
    }
    if (self->next_ < self->objects_.size()) {
        response->DimseStatus = STATUS_Pending;
        fill();
        return;
    }
    self->closeSubAssociation(false);
    fill();
    response->NumberOfRemainingSubOperations = 0;
    response->opts &= ~O_MOVE_NUMBEROFREMAININGSUBOPERATIONS;
    if (self->counts_.failed > 0 || self->counts_.warning > 0) {
        response->DimseStatus = STATUS_MOVE_Warning_SubOperationsCompleteOneOrMoreFailures;
        if (!self->counts_.failedSopInstances.empty()) *responseIdentifiers = failedList(self->counts_.failedSopInstances);
    } else {
        response->DimseStatus = STATUS_Success;
    }
}

void MoveOperation::run(T_DIMSE_C_MoveRQ& request, T_ASC_PresentationContextID presId) {
    OFCondition cond = DIMSE_moveProvider(assoc_, presId, &request, callback, this, DIMSE_BLOCKING, config_.dimseTimeoutSeconds);
    if (cond.bad()) closeSubAssociation(true);
}

// ---------------------------------------------------------------- C-GET

GetOperation::GetOperation(T_ASC_Association* assoc, const NodeConfig& config, NodeServices& services, bool patientRoot)
    : assoc_(assoc), config_(config), services_(services), patientRoot_(patientRoot) {}

void GetOperation::callback(void* data, OFBool cancelled, T_DIMSE_C_GetRQ*, DcmDataset* identifiers, int responseCount,
                            T_DIMSE_C_GetRSP* response, DcmDataset** statusDetail, DcmDataset** responseIdentifiers) {
    auto* self = static_cast<GetOperation*>(data);
    if (responseCount == 1) {
        try {
            self->objects_ = self->services_.locate(toQueryRequest(*identifiers, self->patientRoot_));
            self->counts_.remaining = std::uint16_t(std::min<std::size_t>(self->objects_.size(), 0xFFFF));
        } catch (const std::exception& e) {
            self->failed_ = true;
            self->error_ = e.what();
        }
    }
    if (self->failed_) {
        response->DimseStatus = STATUS_GET_Failed_UnableToProcess;
        auto* detail = new DcmDataset;
        detail->putAndInsertString(DCM_ErrorComment, self->error_.substr(0, 64).c_str());
        *statusDetail = detail;
        return;
    }
    response->opts = O_GET_NUMBEROFREMAININGSUBOPERATIONS | O_GET_NUMBEROFCOMPLETEDSUBOPERATIONS |
                     O_GET_NUMBEROFFAILEDSUBOPERATIONS | O_GET_NUMBEROFWARNINGSUBOPERATIONS;
    auto fill = [&]() {
        response->NumberOfRemainingSubOperations = self->counts_.remaining;
        response->NumberOfCompletedSubOperations = self->counts_.completed;
        response->NumberOfFailedSubOperations = self->counts_.failed;
        response->NumberOfWarningSubOperations = self->counts_.warning;
    };
    if (cancelled) {
        response->DimseStatus = STATUS_GET_Cancel_SubOperationsTerminatedDueToCancelIndication;
        fill();
        return;
    }
    if (self->next_ < self->objects_.size()) {
        const StoredObject& o = self->objects_[self->next_++];
        tally(self->counts_, storeSubOperation(self->assoc_, o, "", 0, self->config_.dimseTimeoutSeconds), o.sopInstanceUid);
        if (self->counts_.remaining) --self->counts_.remaining;
    }
    if (self->next_ < self->objects_.size()) {
        response->DimseStatus = STATUS_Pending;
        fill();
        return;
    }
    fill();
    response->opts &= ~O_GET_NUMBEROFREMAININGSUBOPERATIONS;
    if (self->counts_.failed > 0 || self->counts_.warning > 0) {
        response->DimseStatus = STATUS_GET_Warning_SubOperationsCompleteOneOrMoreFailures;
        if (!self->counts_.failedSopInstances.empty()) *responseIdentifiers = failedList(self->counts_.failedSopInstances);
    } else {
        response->DimseStatus = STATUS_Success;
    }
}

void GetOperation::run(T_DIMSE_C_GetRQ& request, T_ASC_PresentationContextID presId) {
    DIMSE_getProvider(assoc_, presId, &request, callback, this, DIMSE_BLOCKING, config_.dimseTimeoutSeconds);
}

}  // namespace lightbox::pacs::detail
