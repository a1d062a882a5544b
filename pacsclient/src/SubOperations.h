#pragma once
// Private to pacsclient: C-MOVE (C-STORE sub-operations on a new association
// to a known destination) and C-GET (sub-operations on the same association).

#include "lightbox/pacsclient/DicomNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>

#include <string>
#include <vector>

namespace lightbox::pacs::detail {

// What a retrieve has done so far, for the pending and final responses.
struct SubOperationCounts {
    std::uint16_t remaining = 0, completed = 0, failed = 0, warning = 0;
    std::vector<std::string> failedSopInstances;
};

// Sends one stored object as a C-STORE sub-operation on `assoc`; converts the
// transfer syntax only if the receiver did not accept the stored one.
// Returns the DIMSE status (0xFFFF-style failure if it could not be sent).
std::uint16_t storeSubOperation(T_ASC_Association* assoc, const StoredObject& object, const std::string& moveOriginatorAe,
                                std::uint16_t moveOriginatorMessageId, int timeoutSeconds);

class MoveOperation {
public:
    MoveOperation(T_ASC_Association* assoc, const NodeConfig& config, NodeServices& services, std::string originatorAe,
                  bool patientRoot);
    ~MoveOperation();
    void run(T_DIMSE_C_MoveRQ& request, T_ASC_PresentationContextID presId);

private:
    static void callback(void* data, OFBool cancelled, T_DIMSE_C_MoveRQ* request, DcmDataset* identifiers,
                         int responseCount, T_DIMSE_C_MoveRSP* response, DcmDataset** statusDetail,
                         DcmDataset** responseIdentifiers);
    std::uint16_t prepare(T_DIMSE_C_MoveRQ& request, DcmDataset& identifiers);  // 0 on success, else DIMSE status
    void closeSubAssociation(bool abort);

    T_ASC_Association* assoc_;
    const NodeConfig& config_;
    NodeServices& services_;
    std::string originatorAe_;
    bool patientRoot_;
    T_ASC_Network* subNetwork_ = nullptr;
    T_ASC_Association* subAssociation_ = nullptr;
    std::vector<StoredObject> objects_;
    std::size_t next_ = 0;
    SubOperationCounts counts_;
    std::uint16_t prepareStatus_ = 0;
    std::string error_;
};

class GetOperation {
public:
    GetOperation(T_ASC_Association* assoc, const NodeConfig& config, NodeServices& services, bool patientRoot);
    void run(T_DIMSE_C_GetRQ& request, T_ASC_PresentationContextID presId);

private:
    static void callback(void* data, OFBool cancelled, T_DIMSE_C_GetRQ* request, DcmDataset* identifiers,
                         int responseCount, T_DIMSE_C_GetRSP* response, DcmDataset** statusDetail,
                         DcmDataset** responseIdentifiers);

    T_ASC_Association* assoc_;
    const NodeConfig& config_;
    NodeServices& services_;
    bool patientRoot_;
    std::vector<StoredObject> objects_;
    std::size_t next_ = 0;
    SubOperationCounts counts_;
    bool failed_ = false;
    std::string error_;
};

}  // namespace lightbox::pacs::detail
