// Association negotiation: which SOP classes and transfer syntaxes the node
// accepts, and who may talk to it.

#include "Association.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmnet/extneg.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace lightbox::pacs::detail {
namespace {

bool isQueryRetrieve(const std::string& uid) {
    static const std::vector<std::string> qr = {
        UID_FINDPatientRootQueryRetrieveInformationModel, UID_MOVEPatientRootQueryRetrieveInformationModel,
        UID_GETPatientRootQueryRetrieveInformationModel,  UID_FINDStudyRootQueryRetrieveInformationModel,
        UID_MOVEStudyRootQueryRetrieveInformationModel,   UID_GETStudyRootQueryRetrieveInformationModel};
    return std::find(qr.begin(), qr.end(), uid) != qr.end();
}

bool isUncompressed(const std::string& ts) {
    return ts == UID_LittleEndianImplicitTransferSyntax || ts == UID_LittleEndianExplicitTransferSyntax ||
           ts == UID_BigEndianExplicitTransferSyntax;
}

// Storage: keep what the sender has. A compressed syntax it proposes (and
// DCMTK knows) is accepted as is; otherwise explicit over implicit LE.
const char* chooseStorageSyntax(const T_ASC_PresentationContext& pc) {
    for (int i = 0; i < pc.transferSyntaxCount; ++i) {
        const std::string ts = pc.proposedTransferSyntaxes[i];
        if (!isUncompressed(ts) && DcmXfer(ts.c_str()).getXfer() != EXS_Unknown) return pc.proposedTransferSyntaxes[i];
    }
    for (const char* preferred : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax,
                                  UID_BigEndianExplicitTransferSyntax, UID_DeflatedExplicitVRLittleEndianTransferSyntax})
        for (int i = 0; i < pc.transferSyntaxCount; ++i)
            if (std::strcmp(pc.proposedTransferSyntaxes[i], preferred) == 0) return pc.proposedTransferSyntaxes[i];
    return nullptr;
}

const char* chooseCommandSyntax(const T_ASC_PresentationContext& pc) {
    for (const char* preferred : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax})
        for (int i = 0; i < pc.transferSyntaxCount; ++i)
            if (std::strcmp(pc.proposedTransferSyntaxes[i], preferred) == 0) return pc.proposedTransferSyntaxes[i];
    return nullptr;
}

void reject(T_ASC_Association* assoc, T_ASC_RejectParametersResult result, T_ASC_RejectParametersSource source,
            T_ASC_RejectParametersReason reason) {
    T_ASC_RejectParameters parameters{result, source, reason};
    ASC_rejectAssociation(assoc, &parameters);
    ASC_dropAssociation(assoc);
    ASC_destroyAssociation(&assoc);
}

// SOP Class Extended Negotiation for the C-FIND models (PS3.4 C.5.1.1.2):
// byte 1 relational queries (not offered), byte 2 combined date-time range
// matching (agreed when asked), byte 3 fuzzy semantic matching of person
// names (not offered: names always match case-insensitively), further bytes
// (timezone adjustment, enhanced multi-frame conversion) not offered.
void acceptExtendedNegotiation(T_ASC_Association* assoc) {
    SOPClassExtendedNegotiationSubItemList* requested = nullptr;
    ASC_getRequestedExtNegList(assoc->params, &requested);
    if (!requested || requested->empty()) return;
    auto* accepted = new SOPClassExtendedNegotiationSubItemList;
    for (const SOPClassExtendedNegotiationSubItem* item : *requested) {
        const std::string uid = item->sopClassUID.c_str();
        if (uid != UID_FINDPatientRootQueryRetrieveInformationModel && uid != UID_FINDStudyRootQueryRetrieveInformationModel)
            continue;
        const unsigned short length = std::min<unsigned short>(item->serviceClassAppInfoLength, 3);
        if (length == 0 || !item->serviceClassAppInfo) continue;
        auto* reply = new SOPClassExtendedNegotiationSubItem;
        reply->sopClassUID = item->sopClassUID;
        reply->sopClassUIDLength = item->sopClassUIDLength;
        reply->serviceClassAppInfo = new unsigned char[length]();
        reply->serviceClassAppInfoLength = length;
        if (length >= 2 && item->serviceClassAppInfo[1] == 1) reply->serviceClassAppInfo[1] = 1;
        reply->itemLength = static_cast<unsigned short>(2 + reply->sopClassUIDLength + length);
        accepted->push_back(reply);
    }
    if (accepted->empty()) {
        delete accepted;
        return;
    }
    ASC_setAcceptedExtNegList(assoc->params, accepted);
}

}  // namespace

bool negotiate(T_ASC_Association* assoc, const NodeConfig& config, bool congested) {
    char calling[64] = {}, called[64] = {};
    ASC_getAPTitles(assoc->params, calling, sizeof calling, called, sizeof called, nullptr, 0);
    if (congested) {
        reject(assoc, ASC_RESULT_REJECTEDTRANSIENT, ASC_SOURCE_SERVICEPROVIDER_PRESENTATION_RELATED,
               ASC_REASON_SP_PRES_TEMPORARYCONGESTION);
        return false;
    }
    if (config.aeTitle != called) {
        reject(assoc, ASC_RESULT_REJECTEDPERMANENT, ASC_SOURCE_SERVICEUSER, ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED);
        return false;
    }
    if (config.restrictCallingAeTitles) {
        const bool known = std::any_of(config.peers.begin(), config.peers.end(),
                                       [&](const Peer& p) { return p.aeTitle == calling; });
        if (!known) {
            reject(assoc, ASC_RESULT_REJECTEDPERMANENT, ASC_SOURCE_SERVICEUSER, ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED);
            return false;
        }
    }
    const int count = ASC_countPresentationContexts(assoc->params);
    for (int i = 0; i < count; ++i) {
        T_ASC_PresentationContext pc;
        if (ASC_getPresentationContext(assoc->params, i, &pc).bad()) continue;
        const std::string abstract = pc.abstractSyntax;
        const char* ts = nullptr;
        T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT;
        if (abstract == UID_VerificationSOPClass || isQueryRetrieve(abstract)) {
            ts = chooseCommandSyntax(pc);
        } else if (dcmIsaStorageSOPClassUID(abstract.c_str(), ESSC_All)) {
            ts = chooseStorageSyntax(pc);
            // C-GET: the requester proposes to be the storage SCP on this association.
            if (pc.proposedRole == ASC_SC_ROLE_SCP) role = ASC_SC_ROLE_SCP;
            else if (pc.proposedRole == ASC_SC_ROLE_SCUSCP) role = ASC_SC_ROLE_SCUSCP;
        }
        if (!ts) {
            ASC_refusePresentationContext(assoc->params, pc.presentationContextID,
                                          abstract.empty() || !(abstract == UID_VerificationSOPClass || isQueryRetrieve(abstract) ||
                                                                dcmIsaStorageSOPClassUID(abstract.c_str(), ESSC_All))
                                              ? ASC_P_ABSTRACTSYNTAXNOTSUPPORTED
                                              : ASC_P_TRANSFERSYNTAXESNOTSUPPORTED);
            continue;
        }
        ASC_acceptPresentationContext(assoc->params, pc.presentationContextID, ts, role);
    }
    acceptExtendedNegotiation(assoc);
    return true;
}

bool combinedDateTimeAgreed(T_ASC_Association* assoc, const std::string& sopClass) {
    SOPClassExtendedNegotiationSubItemList* accepted = nullptr;
    ASC_getAcceptedExtNegList(assoc->params, &accepted);
    if (!accepted) return false;
    for (const SOPClassExtendedNegotiationSubItem* item : *accepted)
        if (item->sopClassUID.c_str() == sopClass && item->serviceClassAppInfoLength >= 2 && item->serviceClassAppInfo[1] == 1)
            return true;
    return false;
}

}  // namespace lightbox::pacs::detail
