#include "lightbox/pacsclient/DimseClient.h"

#include "DimseStatus.h"
#include "ScuAssociation.h"
#include "SpoolFile.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Transcode.h"
#include "lightbox/pacsclient/DicomNode.h"

#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace lightbox::pacs {
namespace {

using core::Error;
using core::ErrorCode;
using detail::Scu;

const char* findModel(QueryLevel level) {
    return level == QueryLevel::Patient ? UID_FINDPatientRootQueryRetrieveInformationModel
                                        : UID_FINDStudyRootQueryRetrieveInformationModel;
}
const char* moveModel(QueryLevel level) {
    return level == QueryLevel::Patient ? UID_MOVEPatientRootQueryRetrieveInformationModel
                                        : UID_MOVEStudyRootQueryRetrieveInformationModel;
}
const char* getModel(QueryLevel level) {
    return level == QueryLevel::Patient ? UID_GETPatientRootQueryRetrieveInformationModel
                                        : UID_GETStudyRootQueryRetrieveInformationModel;
}

OFList<OFString> uncompressed() {
    OFList<OFString> ts;
    ts.push_back(UID_LittleEndianExplicitTransferSyntax);
    ts.push_back(UID_LittleEndianImplicitTransferSyntax);
    return ts;
}

// Identifier data set from a request: match keys with values, return keys empty.
DcmDataset* identifierFor(const QueryRequest& request, const RemoteNode& node) {
    auto* ds = new DcmDataset;
    bool nonAscii = false;
    std::set<std::string> seen;
    ds->putAndInsertString(DCM_QueryRetrieveLevel, queryLevelName(request.level).c_str());
    auto put = [&](const std::string& keyword, const std::string& value) {
        if (!seen.insert(keyword).second) return;
        DcmTag tag;
        if (DcmTag::findTagFromName(keyword.c_str(), tag).bad()) {
            delete ds;
            throw Error(ErrorCode::InvalidArgument, node.describe() + ": '" + keyword + "' is not a DICOM keyword");
        }
        for (unsigned char c : value) nonAscii |= c >= 0x80;
        ds->putAndInsertString(tag, value.c_str());
    };
    for (const auto& [keyword, value] : request.match) put(keyword, value);
    for (const auto& keyword : request.returnKeys) put(keyword, "");
    if (nonAscii) ds->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    return ds;
}

QueryMatch toMatch(DcmDataset& ds) {
    if (ds.tagExistsWithValue(DCM_SpecificCharacterSet)) ds.convertToUTF8();
    QueryMatch match;
    for (unsigned long i = 0; i < ds.card(); ++i) {
        DcmElement* element = ds.getElement(i);
        DcmTag tag = element->getTag();
        if (tag == DCM_SpecificCharacterSet || element->ident() == EVR_SQ) continue;
        const std::string keyword = tag.getTagName();
        if (keyword.empty() || keyword == DcmTag_ERROR_TagName) continue;
        OFString value;
        element->getOFStringArray(value);
        std::string v(value.c_str());
        while (!v.empty() && (v.back() == ' ' || v.back() == '\0')) v.pop_back();
        match[keyword] = v;
    }
    return match;
}

// ---------------------------------------------------------------- the SCU

class FindScu : public Scu {
public:
    using Scu::Scu;
    std::vector<QueryMatch> matches;
    const CancelFlag* cancel = nullptr;
    bool cancelSent = false;
    Uint16 finalStatus = 0;

    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presId, QRResponse* response,
                                   OFBool& waitForNextResponse) override {
        OFCondition cond = DcmSCU::handleFINDResponse(presId, response, waitForNextResponse);
        if (DICOM_PENDING_STATUS(response->m_status)) {
            if (response->m_dataset && !cancelSent) matches.push_back(toMatch(*response->m_dataset));
        } else {
            finalStatus = response->m_status;
        }
        if (cancel && cancel->load() && !cancelSent && waitForNextResponse) {
            sendCANCELRequest(presId);
            cancelSent = true;
        }
        return cond;
    }
};

// Shared by C-MOVE and C-GET: progress from the pending responses, C-CANCEL on request.
struct RetrieveTracking {
    const ProgressCallback* progress = nullptr;
    const CancelFlag* cancel = nullptr;
    bool cancelSent = false;
    TransferReport report;
    TransferProgress last;
    bool sawFinal = false;

    void onResponse(DcmSCU& scu, T_ASC_PresentationContextID presId, const RetrieveResponse& r, OFBool waitForNext) {
        last.remaining = r.m_numberOfRemainingSubops;
        last.completed = r.m_numberOfCompletedSubops;
        last.failed = r.m_numberOfFailedSubops;
        last.warning = r.m_numberOfWarningSubops;
        if (!DICOM_PENDING_STATUS(r.m_status)) {
            sawFinal = true;
            report.status = r.m_status;
            report.completed = r.m_numberOfCompletedSubops;
            report.failed = r.m_numberOfFailedSubops;
            report.warning = r.m_numberOfWarningSubops;
            if (r.m_statusDetail) {
                OFString failed;
                if (r.m_statusDetail->findAndGetOFStringArray(DCM_FailedSOPInstanceUIDList, failed).good()) {
                    std::string list(failed.c_str());
                    for (std::size_t start = 0; start < list.size();) {
                        std::size_t end = list.find('\\', start);
                        if (end == std::string::npos) end = list.size();
                        if (end > start) report.failedSopInstances.push_back(list.substr(start, end - start));
                        start = end + 1;
                    }
                }
            }
        }
        if (progress && *progress) (*progress)(last);
        if (cancel && cancel->load() && !cancelSent && waitForNext) {
            scu.sendCANCELRequest(presId);
            cancelSent = true;
            report.cancelled = true;
        }
    }
};

class MoveScu : public Scu {
public:
    using Scu::Scu;
    RetrieveTracking tracking;
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presId, RetrieveResponse* response,
                                   OFBool& waitForNextResponse) override {
        OFCondition cond = DcmSCU::handleMOVEResponse(presId, response, waitForNextResponse);
        tracking.onResponse(*this, presId, *response, waitForNextResponse);
        return cond;
    }
};

class GetScu : public Scu {
public:
    using Scu::Scu;
    RetrieveTracking tracking;
    NodeServices* receiver = nullptr;
    std::filesystem::path spool;
    std::string storeError;
    std::size_t received = 0;

    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presId, RetrieveResponse* response,
                                   OFBool& continueCGETSession) override {
        OFCondition cond = DcmSCU::handleCGETResponse(presId, response, continueCGETSession);
        tracking.onResponse(*this, presId, *response, continueCGETSession);
        return cond;
    }

    // Received bit for bit into our own spool file, then handed to the
    // archive; only a durable store is acknowledged as success.
    OFCondition handleSTORERequestFile(T_ASC_PresentationContextID* presId, const OFString&,
                                       T_DIMSE_C_StoreRQ* request) override {
        const std::filesystem::path file = detail::spoolFileName(spool, "get");
        OFCondition cond = DcmSCU::handleSTORERequestFile(presId, file.c_str(), request);
        if (cond.bad()) return cond;  // DCMTK removed the partial file
        StoreOutcome outcome;
        try {
            outcome = receiver->storeFile(StoreContext{node().aeTitle, node().host, file});
        } catch (const std::exception& e) {
            outcome = {StoreOutcome::Status::Failed, e.what()};
        }
        std::error_code ec;
        std::filesystem::remove(file, ec);  // adopted by the archive, or not wanted
        if (outcome.status == StoreOutcome::Status::Rejected || outcome.status == StoreOutcome::Status::Failed) {
            storeError = std::string(request->AffectedSOPInstanceUID) + ": " + outcome.message;
            return EC_IllegalCall;  // answered with a failure status; the session ends
        }
        ++received;
        return EC_Normal;
    }
};

// Failure in words: "node: C-FIND failed: Refused: Out of Resources (0xa700)".
[[noreturn]] void fail(const RemoteNode& node, const std::string& operation, const std::string& detail) {
    throw Error(ErrorCode::Io, node.describe() + ": " + operation + " failed: " + detail);
}

}  // namespace

DimseClient::DimseClient(RemoteNode node, std::string callingAeTitle) : node_(std::move(node)), callingAe_(std::move(callingAeTitle)) {
    if (!node_.hasDimse())
        throw Error(ErrorCode::InvalidArgument, node_.describe() + ": no AE title and host for DIMSE");
    if (callingAe_.empty() || callingAe_.size() > 16)
        throw Error(ErrorCode::InvalidArgument, "the local AE title must be 1 to 16 characters");
    configureDcmtkNetworking();
}

void DimseClient::echo() const {
    Scu scu(node_, callingAe_);
    scu.addPresentationContext(UID_VerificationSOPClass, uncompressed());
    scu.connect("C-ECHO");
    OFCondition cond = scu.sendECHORequest(0);
    if (cond.bad()) fail(node_, "C-ECHO", cond.text());
    scu.releaseAssociation();
}

std::vector<QueryMatch> DimseClient::find(const QueryRequest& request, const CancelFlag* cancel) const {
    FindScu scu(node_, callingAe_);
    scu.cancel = cancel;
    scu.addPresentationContext(findModel(request.level), uncompressed());
    scu.connect("C-FIND");
    std::unique_ptr<DcmDataset> identifier(identifierFor(request, node_));
    const T_ASC_PresentationContextID presId = scu.findPresentationContextID(findModel(request.level), "");
    if (presId == 0) fail(node_, "C-FIND", "the peer does not support the " + std::string(dcmFindNameOfUID(findModel(request.level), "")));
    OFCondition cond = scu.sendFINDRequest(presId, identifier.get(), nullptr);
    if (cond.bad()) fail(node_, "C-FIND", cond.text());
    scu.releaseAssociation();
    if (scu.cancelSent) return scu.matches;
    if (scu.finalStatus != STATUS_Success)
        fail(node_, "C-FIND", detail::statusInWords(detail::DimseCommand::Find, scu.finalStatus));
    return scu.matches;
}

TransferReport DimseClient::move(const QueryRequest& identifier, const std::string& destinationAe,
                                 const ProgressCallback& progress, const CancelFlag* cancel) const {
    MoveScu scu(node_, callingAe_);
    scu.tracking.progress = &progress;
    scu.tracking.cancel = cancel;
    scu.addPresentationContext(moveModel(identifier.level), uncompressed());
    scu.connect("C-MOVE");
    std::unique_ptr<DcmDataset> ds(identifierFor(identifier, node_));
    const T_ASC_PresentationContextID presId = scu.findPresentationContextID(moveModel(identifier.level), "");
    if (presId == 0) fail(node_, "C-MOVE", "the peer does not support C-MOVE");
    OFCondition cond = scu.sendMOVERequest(presId, destinationAe.c_str(), ds.get(), nullptr);
    if (cond.bad()) fail(node_, "C-MOVE", cond.text() + std::string(" after ") + std::to_string(scu.tracking.last.completed) + " object(s)");
    scu.releaseAssociation();
    TransferReport report = scu.tracking.report;
    report.statusText = detail::statusInWords(detail::DimseCommand::Move, report.status);
    if (!scu.tracking.sawFinal) fail(node_, "C-MOVE", "no final response");
    if (!report.cancelled && report.status != STATUS_Success &&
        report.status != STATUS_MOVE_Warning_SubOperationsCompleteOneOrMoreFailures)
        fail(node_, "C-MOVE", report.statusText);
    return report;
}

TransferReport DimseClient::get(const QueryRequest& identifier, const std::vector<std::string>& sopClasses,
                                NodeServices& receiver, const std::filesystem::path& spoolDirectory,
                                const ProgressCallback& progress, const CancelFlag* cancel) const {
    GetScu scu(node_, callingAe_);
    scu.tracking.progress = &progress;
    scu.tracking.cancel = cancel;
    scu.receiver = &receiver;
    scu.spool = spoolDirectory;
    std::filesystem::create_directories(spoolDirectory);
    scu.addPresentationContext(getModel(identifier.level), uncompressed());
    // Each SOP class with the uncompressed syntaxes, and once per common
    // compressed syntax: the peer sends what it holds, bit for bit.
    static const char* compressed[] = {UID_JPEGProcess1TransferSyntax,
                                       UID_JPEGProcess2_4TransferSyntax,
                                       UID_JPEGProcess14SV1TransferSyntax,
                                       UID_JPEGProcess14TransferSyntax,
                                       UID_JPEGLSLosslessTransferSyntax,
                                       UID_JPEGLSLossyTransferSyntax,
                                       UID_JPEG2000LosslessOnlyTransferSyntax,
                                       UID_JPEG2000TransferSyntax,
                                       UID_RLELosslessTransferSyntax,
                                       UID_DeflatedExplicitVRLittleEndianTransferSyntax,
                                       UID_BigEndianExplicitTransferSyntax};
    const std::set<std::string> classes(sopClasses.begin(), sopClasses.end());
    if (classes.empty()) fail(node_, "C-GET", "no storage SOP classes to accept");
    if (classes.size() * (1 + std::size(compressed)) + 1 > 128)
        fail(node_, "C-GET", "too many SOP classes (" + std::to_string(classes.size()) + ") for one association");
    for (const std::string& sopClass : classes) {
        scu.addPresentationContext(sopClass.c_str(), uncompressed(), ASC_SC_ROLE_SCP);
        for (const char* ts : compressed) {
            OFList<OFString> one;
            one.push_back(ts);
            scu.addPresentationContext(sopClass.c_str(), one, ASC_SC_ROLE_SCP);
        }
    }
    scu.setStorageMode(DCMSCU_STORAGE_BIT_PRESERVING);
    scu.setStorageDir(spoolDirectory.c_str());
    scu.connect("C-GET");
    std::unique_ptr<DcmDataset> ds(identifierFor(identifier, node_));
    const T_ASC_PresentationContextID presId = scu.findPresentationContextID(getModel(identifier.level), "");
    if (presId == 0) fail(node_, "C-GET", "the peer does not support C-GET");
    OFCondition cond = scu.sendCGETRequest(presId, ds.get(), nullptr);
    if (!scu.storeError.empty()) fail(node_, "C-GET", "the archive did not store " + scu.storeError);
    if (cond.bad()) fail(node_, "C-GET", cond.text() + std::string(" after ") + std::to_string(scu.received) + " object(s)");
    scu.releaseAssociation();
    TransferReport report = scu.tracking.report;
    report.statusText = detail::statusInWords(detail::DimseCommand::Get, report.status);
    if (!scu.tracking.sawFinal) fail(node_, "C-GET", "no final response");
    if (!report.cancelled && report.status != STATUS_Success &&
        report.status != STATUS_GET_Warning_SubOperationsCompleteOneOrMoreFailures)
        fail(node_, "C-GET", report.statusText);
    return report;
}

StoredObject describePart10File(const std::filesystem::path& file) {
    DcmFileFormat ff;
    // Only the header: large values (pixel data) stay on disk.
    if (ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 256).bad())
        throw Error(ErrorCode::NotDicom, file.string() + ": not a DICOM Part 10 file");
    OFString sopClass, sopInstance, ts;
    ff.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, sopClass);
    ff.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPInstanceUID, sopInstance);
    ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, ts);
    if (sopClass.empty()) ff.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
    if (sopInstance.empty()) ff.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    if (ts.empty()) ts = DcmXfer(ff.getDataset()->getOriginalXfer()).getXferID();
    if (sopClass.empty() || sopInstance.empty())
        throw Error(ErrorCode::MissingAttribute, file.string() + ": no SOP Class or SOP Instance UID");
    return {file, sopClass.c_str(), sopInstance.c_str(), ts.c_str()};
}

TransferReport DimseClient::store(const std::vector<std::filesystem::path>& files, const ProgressCallback& progress,
                                  const CancelFlag* cancel) const {
    std::vector<StoredObject> objects;
    for (const auto& f : files) objects.push_back(describePart10File(f));
    // One context per (SOP class, stored syntax) and one per SOP class with
    // the uncompressed syntaxes, for a peer that takes nothing else.
    std::set<std::pair<std::string, std::string>> contexts;
    for (const auto& o : objects) {
        const std::string ts = o.transferSyntaxUid;
        if (ts != UID_LittleEndianExplicitTransferSyntax && ts != UID_LittleEndianImplicitTransferSyntax) contexts.emplace(o.sopClassUid, ts);
        contexts.emplace(o.sopClassUid, "");
    }
    if (contexts.size() > 128)
        fail(node_, "C-STORE", "too many SOP class / transfer syntax combinations for one association");
    Scu scu(node_, callingAe_);
    for (const auto& [sopClass, ts] : contexts) {
        if (ts.empty()) {
            scu.addPresentationContext(sopClass.c_str(), uncompressed());
        } else {
            OFList<OFString> one;
            one.push_back(ts.c_str());
            scu.addPresentationContext(sopClass.c_str(), one);
        }
    }
    scu.setDatasetConversionMode(OFTrue);
    scu.connect("C-STORE");
    TransferReport report;
    TransferProgress p;
    p.remaining = objects.size();
    for (const StoredObject& o : objects) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        T_ASC_PresentationContextID presId = scu.findPresentationContextID(o.sopClassUid.c_str(), o.transferSyntaxUid.c_str());
        if (presId == 0) presId = scu.findPresentationContextID(o.sopClassUid.c_str(), UID_LittleEndianExplicitTransferSyntax);
        if (presId == 0) presId = scu.findPresentationContextID(o.sopClassUid.c_str(), UID_LittleEndianImplicitTransferSyntax);
        Uint16 status = 0;
        OFCondition cond = EC_IllegalCall;
        std::string cannotConvert;
        if (presId != 0) {
            const std::string accepted = scu.acceptedSyntax(presId);
            const E_TransferSyntax from = DcmXfer(o.transferSyntaxUid.c_str()).getXfer();
            const E_TransferSyntax to = DcmXfer(accepted.c_str()).getXfer();
            if (accepted != o.transferSyntaxUid && DcmXfer(from).isEncapsulated() && !DcmCodecList::canChangeCoding(from, to)) {
                // DCMTK has no codec for it (JPEG 2000): core decodes it to
                // Explicit VR Little Endian, DCMTK takes it from there.
                try {
                    std::ifstream in(o.path, std::ios::binary);
                    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                    const std::string converted = core::toExplicitLittleEndian(bytes, o.path.string());
                    DcmInputBufferStream stream;
                    stream.setBuffer(converted.data(), offile_off_t(converted.size()));
                    stream.setEos();
                    DcmFileFormat file;
                    file.transferInit();
                    const OFCondition read = file.read(stream);
                    file.transferEnd();
                    if (read.bad()) throw Error(ErrorCode::Malformed, o.path.string() + ": the converted object cannot be read back");
                    cond = scu.sendSTORERequest(presId, "", file.getDataset(), status);
                } catch (const Error& e) {
                    cannotConvert = std::string("the peer accepts only ") + DcmXfer(to).getXferName() + " and " +
                                    DcmXfer(from).getXferName() + " cannot be converted: " + e.what();
                }
            } else {
                cond = scu.sendSTORERequest(presId, o.path.c_str(), nullptr, status);
            }
        }
        --p.remaining;
        if (cond.bad() || (status != STATUS_Success && (status & 0xF000) != 0xB000)) {
            ++report.failed;
            ++p.failed;
            report.failedSopInstances.push_back(o.sopInstanceUid);
            if (report.statusText.empty())
                report.statusText = o.path.string() + ": " +
                                    (!cannotConvert.empty() ? cannotConvert
                                     : presId == 0 ? std::string("the peer accepts neither its transfer syntax nor an uncompressed one for ") +
                                                       dcmFindNameOfUID(o.sopClassUid.c_str(), o.sopClassUid.c_str())
                                     : cond.bad() ? std::string(cond.text())
                                                  : detail::statusInWords(detail::DimseCommand::Store, status));
            if (cannotConvert.empty() && cond.bad() && !scu.isConnected()) break;  // the association is gone
        } else if (status != STATUS_Success) {
            ++report.warning;
            ++p.warning;
        } else {
            ++report.completed;
            ++p.completed;
        }
        if (progress) progress(p);
    }
    if (scu.isConnected()) scu.releaseAssociation();
    report.status = report.failed ? STATUS_STORE_Refused_OutOfResources : STATUS_Success;
    if (report.statusText.empty()) report.statusText = "Success";
    return report;
}

}  // namespace lightbox::pacs
