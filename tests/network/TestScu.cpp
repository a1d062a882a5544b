// lightbox-test-scu: a deliberately misbehaving Storage SCU built on DCMTK's
// API (storescu refuses bad files before sending them). It sends a data set
// the node must refuse, and prints the DIMSE status it got back.
//
//   lightbox-test-scu garbage   HOST PORT CALLED_AET
//   lightbox-test-scu truncated HOST PORT CALLED_AET FILE
//   lightbox-test-scu abort     HOST PORT CALLED_AET FILE
//
// Exit 0 when a C-STORE response arrived (its status on stdout as 0xNNNN),
// 1 when the association or the exchange failed. "abort" sends the file's
// data set under the SOP Instance UID kAbortedUid and aborts the association
// (A-ABORT, then the process exits) once the first part of the data set is
// on its way: it prints "aborted" and exits 0.
//
// It also asks for what findscu cannot: a Study Root C-FIND whose association
// requests combined date-time range matching by extended negotiation (or
// explicitly does not, with "plain"):
//
//   lightbox-test-scu find-combined|find-plain HOST PORT CALLED_AET DATE_RANGE TIME_RANGE
//
// prints "agreed: yes|no", then one StudyInstanceUID per line.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/extneg.h>
#include <dcmtk/ofstd/ofstd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

constexpr const char* kAbortedUid = "1.2.826.0.1.3680043.2.1125.1.997";

// DIMSE_storeUser's progress callback: the data set is under way.
struct AbortAfterFirstPart {
    T_ASC_Association* assoc = nullptr;
    static void callback(void* data, T_DIMSE_StoreProgress* progress, T_DIMSE_C_StoreRQ*) {
        auto* self = static_cast<AbortAfterFirstPart*>(data);
        if (progress->state != DIMSE_StoreProgressing || progress->progressBytes == 0) return;
        std::printf("aborted\n");
        std::fflush(stdout);
        ASC_abortAssociation(self->assoc);
        std::_Exit(0);
    }
};

int findCombined(bool request, const std::string& address, const char* calledAe, const char* date, const char* time) {
    T_ASC_Network* net = nullptr;
    T_ASC_Parameters* params = nullptr;
    T_ASC_Association* assoc = nullptr;
    if (ASC_initializeNetwork(NET_REQUESTOR, 0, 30, &net).bad()) return 1;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, "TESTSCU", calledAe, nullptr);
    ASC_setPresentationAddresses(params, "localhost", address.c_str());
    const char* syntaxes[] = {UID_LittleEndianExplicitTransferSyntax};
    const char* model = UID_FINDStudyRootQueryRetrieveInformationModel;
    ASC_addPresentationContext(params, 1, model, syntaxes, 1);
    if (request) {
        auto* list = new SOPClassExtendedNegotiationSubItemList;
        auto* item = new SOPClassExtendedNegotiationSubItem;
        item->sopClassUID = model;
        item->sopClassUIDLength = static_cast<unsigned short>(std::strlen(model));
        item->serviceClassAppInfo = new unsigned char[3]{0, 1, 0};  // relational no, date-time yes, fuzzy no
        item->serviceClassAppInfoLength = 3;
        item->itemLength = static_cast<unsigned short>(2 + item->sopClassUIDLength + 3);
        list->push_back(item);
        ASC_setRequestedExtNegList(params, list);
    }
    if (ASC_requestAssociation(net, params, &assoc).bad()) return 1;
    const T_ASC_PresentationContextID presId = ASC_findAcceptedPresentationContextID(assoc, model);
    if (presId == 0) return 1;
    bool agreed = false;
    SOPClassExtendedNegotiationSubItemList* accepted = nullptr;
    ASC_getAcceptedExtNegList(assoc->params, &accepted);
    if (accepted)
        for (const SOPClassExtendedNegotiationSubItem* item : *accepted)
            if (item->sopClassUID == model && item->serviceClassAppInfoLength >= 2 && item->serviceClassAppInfo[1] == 1)
                agreed = true;
    std::printf("agreed: %s\n", agreed ? "yes" : "no");
    DcmDataset identifier;
    identifier.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
    identifier.putAndInsertString(DCM_StudyDate, date);
    identifier.putAndInsertString(DCM_StudyTime, time);
    identifier.putAndInsertString(DCM_StudyInstanceUID, "");
    T_DIMSE_C_FindRQ rq{};
    rq.MessageID = assoc->nextMsgID++;
    OFStandard::strlcpy(rq.AffectedSOPClassUID, model, sizeof rq.AffectedSOPClassUID);
    rq.DataSetType = DIMSE_DATASET_PRESENT;
    rq.Priority = DIMSE_PRIORITY_MEDIUM;
    struct Matches {
        static void callback(void*, T_DIMSE_C_FindRQ*, int, T_DIMSE_C_FindRSP*, DcmDataset* response) {
            OFString uid;
            if (response && response->findAndGetOFString(DCM_StudyInstanceUID, uid).good()) std::printf("%s\n", uid.c_str());
        }
    };
    T_DIMSE_C_FindRSP rsp{};
    DcmDataset* detail = nullptr;
    int responseCount = 0;
    OFCondition cond = DIMSE_findUser(assoc, presId, &rq, &identifier, responseCount, Matches::callback, nullptr,
                                      DIMSE_BLOCKING, 30, &rsp, &detail);
    delete detail;
    ASC_releaseAssociation(assoc);
    ASC_destroyAssociation(&assoc);
    ASC_dropNetwork(&net);
    return cond.good() && rsp.DimseStatus == STATUS_Success ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 7 && (std::string(argv[1]) == "find-combined" || std::string(argv[1]) == "find-plain"))
        return findCombined(std::string(argv[1]) == "find-combined", std::string(argv[2]) + ":" + argv[3], argv[4],
                            argv[5], argv[6]);
    if (argc < 5) {
        std::fprintf(stderr, "usage: lightbox-test-scu garbage|truncated|abort HOST PORT AET [FILE]\n");
        return 2;
    }
    const std::string mode = argv[1];
    const std::string address = std::string(argv[2]) + ":" + argv[3];
    DcmDataset dataset;
    std::string sopClass = UID_CTImageStorage, sopInstance = "1.2.826.0.1.3680043.2.1125.1.999";
    if (mode == "garbage") {
        // Not an image: no SOP Instance UID, no pixel module, a private element.
        dataset.putAndInsertString(DCM_PatientName, "GARBAGE^DATA");
        dataset.putAndInsertString(DcmTag(0x0009, 0x0010, EVR_LO), "NONSENSE");
    } else if ((mode == "abort" || mode == "truncated") && argc >= 6) {
        DcmFileFormat file;
        if (file.loadFile(argv[5]).bad()) return 1;
        dataset = *file.getDataset();
        OFString value;
        dataset.findAndGetOFString(DCM_SOPClassUID, value);
        sopClass = value.c_str();
        if (mode == "abort") {  // the whole data set; the association is aborted after its first PDV
            sopInstance = kAbortedUid;
            dataset.putAndInsertString(DCM_SOPInstanceUID, kAbortedUid);
        } else {  // truncated: keep only the first quarter of the pixels
            dataset.findAndGetOFString(DCM_SOPInstanceUID, value);
            sopInstance = value.c_str();
            const Uint8* pixels = nullptr;
            unsigned long count = 0;
            if (dataset.findAndGetUint8Array(DCM_PixelData, pixels, &count).bad() || count < 16) return 1;
            std::string quarter(reinterpret_cast<const char*>(pixels), (count / 4) & ~1ul);
            dataset.putAndInsertUint8Array(DCM_PixelData, reinterpret_cast<const Uint8*>(quarter.data()), quarter.size());
        }
    } else {
        return 2;
    }

    T_ASC_Network* net = nullptr;
    T_ASC_Parameters* params = nullptr;
    T_ASC_Association* assoc = nullptr;
    if (ASC_initializeNetwork(NET_REQUESTOR, 0, 30, &net).bad()) return 1;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    ASC_setAPTitles(params, "TESTSCU", argv[4], nullptr);
    ASC_setPresentationAddresses(params, "localhost", address.c_str());
    const char* syntaxes[] = {UID_LittleEndianExplicitTransferSyntax};
    ASC_addPresentationContext(params, 1, sopClass.c_str(), syntaxes, 1);
    if (ASC_requestAssociation(net, params, &assoc).bad()) return 1;
    const T_ASC_PresentationContextID presId = ASC_findAcceptedPresentationContextID(assoc, sopClass.c_str());
    if (presId == 0) return 1;
    T_DIMSE_C_StoreRQ request{};
    request.MessageID = assoc->nextMsgID++;
    OFStandard::strlcpy(request.AffectedSOPClassUID, sopClass.c_str(), sizeof request.AffectedSOPClassUID);
    OFStandard::strlcpy(request.AffectedSOPInstanceUID, sopInstance.c_str(), sizeof request.AffectedSOPInstanceUID);
    request.DataSetType = DIMSE_DATASET_PRESENT;
    request.Priority = DIMSE_PRIORITY_MEDIUM;
    T_DIMSE_C_StoreRSP response{};
    DcmDataset* detail = nullptr;
    AbortAfterFirstPart aborter{assoc};
    const bool abort = mode == "abort";
    OFCondition cond = DIMSE_storeUser(assoc, presId, &request, nullptr, &dataset, abort ? AbortAfterFirstPart::callback : nullptr,
                                       abort ? &aborter : nullptr, DIMSE_BLOCKING, 30,
                                       &response, &detail, nullptr, 0);
    int rc = 1;
    if (cond.good()) {
        std::printf("0x%04X\n", response.DimseStatus);
        if (detail) {
            OFString comment;
            if (detail->findAndGetOFString(DCM_ErrorComment, comment).good()) std::printf("%s\n", comment.c_str());
        }
        rc = 0;
    }
    delete detail;
    ASC_releaseAssociation(assoc);
    ASC_destroyAssociation(&assoc);
    ASC_dropNetwork(&net);
    return rc;
}
