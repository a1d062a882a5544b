#include "StoreReceiver.h"

#include "Association.h"
#include "MetaHeader.h"
#include "SpoolFile.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/PageBuffer.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcostrma.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/ofstd/ofstd.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace lightbox::pacs::detail {

using core::Error;
using core::ErrorCode;

namespace {

// Capacity a receiver keeps between objects; a larger buffer (one large
// object) is let go once that object is stored.
constexpr std::size_t kKeptCapacity = 2u << 20;
constexpr std::size_t kInitialCapacity = 256u << 10;
// DcmOutputStream's constructor is protected: a stream whose only stage is our sink.
class SinkStream final : public DcmOutputStream {
public:
    explicit SinkStream(DcmConsumer* sink) : DcmOutputStream(sink) {}
};

}  // namespace

// Appends what DCMTK writes to a buffer, or - past the limit - to a spool file.
class StoreReceiver::Sink final : public DcmConsumer {
public:
    Sink(std::filesystem::path spoolDirectory, std::size_t limit) : spoolDirectory_(std::move(spoolDirectory)), limit_(limit) {}
    ~Sink() override { discard(); }

    void begin() {
        buffer_.clear();
        buffer_.reserve(kInitialCapacity);  // without memory the first write spills to a file
        failure_.clear();
    }

    OFBool good() const override { return failure_.empty(); }
    OFCondition status() const override { return good() ? EC_Normal : EC_InvalidStream; }
    OFBool isFlushed() const override { return OFTrue; }
    offile_off_t avail() const override { return offile_off_t(1) << 30; }
    void flush() override {}

    offile_off_t write(const void* data, offile_off_t length) override {
        if (!good() || length <= 0) return 0;
        const auto n = std::size_t(length);
        if (fd_ < 0) {
            if (buffer_.size() + n <= limit_ && buffer_.append(data, n)) return length;
            spill();  // past the in-memory limit, or no memory for more
            if (fd_ < 0) return length;  // failure_ is set: the store fails, the data set is read to its end
        }
        return writeAll(data, n) ? length : 0;
    }

    // The whole object has arrived: a spool file is closed.
    void finish() {
        if (fd_ >= 0) {
            const int rc = ::close(fd_);
            fd_ = -1;
            if (rc != 0) throw Error(ErrorCode::Io, file_.string() + ": close failed (" + std::strerror(errno) + ")");
        }
    }
    bool spilled() const { return !file_.empty(); }
    // A fresh spool file name, for a receiver that wants the object in a file
    // (NodeServices::storeReceived's default creates and removes it).
    std::filesystem::path freshFileName() const { return spoolFileName(spoolDirectory_, "recv"); }
    std::string_view bytes() const { return buffer_.view(); }
    const std::filesystem::path& file() const { return file_; }
    const std::string& failure() const { return failure_; }

    // After each object: the spool file goes (a receiver that took it over
    // has moved it already), and an oversized buffer is let go.
    void discard() noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
        if (!file_.empty()) ::unlink(file_.c_str());
        file_.clear();
        if (buffer_.capacity() > kKeptCapacity) buffer_.release();
        else buffer_.clear();
    }

private:
    void spill() {
        file_ = spoolFileName(spoolDirectory_, "recv");
        fd_ = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            failure_ = file_.string() + ": cannot create (" + std::strerror(errno) + ")";
            file_.clear();
            return;
        }
        if (writeAll(buffer_.view().data(), buffer_.size())) buffer_.clear();
    }
    bool writeAll(const void* data, std::size_t n) {
        if (const int error = detail::writeAll(fd_, data, n)) {
            failure_ = file_.string() + ": write failed (" + std::strerror(error) + ")";
            return false;
        }
        return true;
    }

    std::filesystem::path spoolDirectory_;
    std::size_t limit_;
    // The bytes of one object, page-aligned with whole pages of capacity: the
    // archive writes them to its object log past the page cache from here
    // (NodeServices::storeReceived), zero-padding the last page.
    core::PageBuffer buffer_;
    std::filesystem::path file_;
    int fd_ = -1;
    std::string failure_;
};

namespace {

// The file meta group DCMTK's bit-preserving receive writes in front of the
// data set (DIMSE_createFilestream): preamble, "DICM", group 0002 with the
// request's SOP Class and Instance, the accepted transfer syntax and the
// calling AE title.
OFCondition writeMetaHeader(DcmOutputStream& out, T_ASC_Association* assoc, T_ASC_PresentationContextID presId,
                            const T_DIMSE_C_StoreRQ& request) {
    T_ASC_PresentationContext context;
    OFCondition cond = ASC_findAcceptedPresentationContext(assoc->params, presId, &context);
    if (cond.bad()) return cond;
    const std::string meta = part10MetaHeader({request.AffectedSOPClassUID, request.AffectedSOPInstanceUID,
                                               context.acceptedTransferSyntax, OFFIS_IMPLEMENTATION_CLASS_UID,
                                               OFFIS_DTK_IMPLEMENTATION_VERSION_NAME2,
                                               assoc->params->DULparams.callingAPTitle});
    if (out.write(meta.data(), offile_off_t(meta.size())) != offile_off_t(meta.size())) return EC_InvalidStream;
    return EC_Normal;
}

}  // namespace

StoreReceiver::StoreReceiver(std::filesystem::path spoolDirectory, std::size_t inMemoryLimit)
    : sink_(std::make_unique<Sink>(std::move(spoolDirectory), inMemoryLimit)) {}

StoreReceiver::~StoreReceiver() = default;

void StoreReceiver::serve(T_ASC_Association* assoc, T_ASC_PresentationContextID presId, T_DIMSE_C_StoreRQ& request,
                          int timeoutSeconds, NodeServices& services, StoreContext context, NodeCounters& counters) {
    // The response as DIMSE_storeProvider prepares it.
    T_DIMSE_C_StoreRSP response{};
    response.DimseStatus = STATUS_Success;
    response.MessageIDBeingRespondedTo = request.MessageID;
    response.DataSetType = DIMSE_DATASET_NULL;
    OFStandard::strlcpy(response.AffectedSOPClassUID, request.AffectedSOPClassUID, sizeof response.AffectedSOPClassUID);
    OFStandard::strlcpy(response.AffectedSOPInstanceUID, request.AffectedSOPInstanceUID,
                        sizeof response.AffectedSOPInstanceUID);
    response.opts = O_STORE_AFFECTEDSOPCLASSUID | O_STORE_AFFECTEDSOPINSTANCEUID;
    if (request.opts & O_STORE_RQ_BLANK_PADDING) response.opts |= O_STORE_RSP_BLANK_PADDING;
    if (dcmPeerRequiresExactUIDCopy.get()) response.opts |= O_STORE_PEER_REQUIRES_EXACT_UID_COPY;

    Sink& sink = *sink_;
    struct Discard {
        Sink& sink;
        ~Discard() { sink.discard(); }
    } discard{sink};
    sink.begin();
    T_ASC_PresentationContextID dataPresId = 0;
    OFCondition cond;
    {
        SinkStream stream(&sink);
        cond = writeMetaHeader(stream, assoc, presId, request);
        if (cond.good()) {
            cond = DIMSE_receiveDataSetInFile(assoc, DIMSE_BLOCKING, timeoutSeconds, &dataPresId, &stream, nullptr, nullptr);
        } else {
            DIC_UL bytes = 0, pdvs = 0;
            cond = DIMSE_ignoreDataSet(assoc, DIMSE_BLOCKING, timeoutSeconds, &bytes, &pdvs);
            if (cond.good()) cond = DIMSE_OUTOFRESOURCES;
        }
    }
    if (cond.good() && dataPresId != presId)
        throw Error(ErrorCode::Io, "C-STORE failed: the data set came on another presentation context than its command");

    StoreOutcome outcome;
    if (cond == DIMSE_OUTOFRESOURCES) {
        // The data set was read to its end but could not be kept (the spool file failed).
        outcome = {StoreOutcome::Status::Failed, sink.failure().empty() ? std::string("cannot keep the data set") : sink.failure()};
    } else if (cond.bad()) {
        // Not whole: never stored, never acknowledged.
        throw Error(ErrorCode::Io, std::string("C-STORE failed: ") + cond.text());
    } else {
        try {
            sink.finish();
            if (sink.spilled()) {
                context.receivedFile = sink.file();
                outcome = services.storeFile(context);
            } else {
                // Where a receiver without an in-memory path of its own has
                // the object written (NodeServices::storeReceived).
                context.receivedFile = sink.freshFileName();
                outcome = services.storeReceived(sink.bytes(), context);
            }
        } catch (const std::exception& e) {
            outcome = {StoreOutcome::Status::Failed, e.what()};
        }
    }

    sink.discard();  // the spool file, if any, is gone before the peer hears of the outcome
    std::unique_ptr<DcmDataset> detail;
    switch (outcome.status) {
        case StoreOutcome::Status::Stored:
        case StoreOutcome::Status::Duplicate:
        case StoreOutcome::Status::Conflict:  // kept aside for the user: durably stored
            response.DimseStatus = STATUS_Success;
            ++counters.stored;
            break;
        case StoreOutcome::Status::Rejected:
            response.DimseStatus = STATUS_STORE_Error_CannotUnderstand;
            break;
        case StoreOutcome::Status::Failed:
            response.DimseStatus = STATUS_STORE_Refused_OutOfResources;
            break;
    }
    if (response.DimseStatus != STATUS_Success) {
        ++counters.storeFailures;
        detail = std::make_unique<DcmDataset>();
        const std::string comment = outcome.message.substr(0, 64);  // Error Comment is LO
        detail->putAndInsertString(DCM_ErrorComment, comment.c_str());
    }
    cond = DIMSE_sendStoreResponse(assoc, presId, &request, &response, detail.get());
    if (cond.bad()) throw Error(ErrorCode::Io, std::string("C-STORE response failed: ") + cond.text());
}

}  // namespace lightbox::pacs::detail
