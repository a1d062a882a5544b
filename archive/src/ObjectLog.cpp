#include "ObjectLog.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/PageBuffer.h"

#include <fcntl.h>
#include <linux/aio_abi.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace lightbox::archive {
namespace {

using core::Error;
using core::ErrorCode;

// Version 3 records start their data on their second page; version 2 ones
// (data right after the source text) and version 1 ones (the same with no
// time received or source) are still read.
constexpr char kMagic[8] = {'L', 'B', 'O', 'B', 'J', 'L', 'G', '3'};
constexpr char kMagicV2[8] = {'L', 'B', 'O', 'B', 'J', 'L', 'G', '2'};
constexpr char kMagicV1[8] = {'L', 'B', 'O', 'B', 'J', 'L', 'G', '1'};
constexpr std::uint64_t kPage = 4096;
constexpr std::uint64_t kHeader = 64;
constexpr std::uint32_t kMaxSource = kPage - kHeader;  // the rest of the header page
constexpr std::uint32_t kMaxSourceV2 = 4096;

struct Header {
    char magic[8];
    std::uint64_t length;  // of the data
    std::uint8_t digest[32];
    std::int64_t receivedMs;
    std::uint32_t sourceLength;
    std::uint32_t reserved;
};
static_assert(sizeof(Header) == kHeader);

std::uint64_t wholePages(std::uint64_t n) { return (n + kPage - 1) / kPage * kPage; }

bool isCurrent(const Header& h) { return std::memcmp(h.magic, kMagic, sizeof kMagic) == 0; }

bool isHeader(const Header& h) {
    return isCurrent(h) || std::memcmp(h.magic, kMagicV2, sizeof kMagicV2) == 0 ||
           std::memcmp(h.magic, kMagicV1, sizeof kMagicV1) == 0;
}

// Where a record's data begins, from the record's start.
std::uint64_t dataOffset(const Header& h) { return isCurrent(h) ? kPage : kHeader + h.sourceLength; }

std::uint64_t recordSize(const Header& h) {
    return isCurrent(h) ? kPage + wholePages(h.length) : wholePages(kHeader + h.sourceLength + h.length);
}

Header makeHeader(std::uint64_t length, const Digest& digest, std::int64_t receivedMs, std::string_view source) {
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.length = length;
    std::memcpy(header.digest, digest.data(), digest.size());
    header.receivedMs = receivedMs;
    header.sourceLength = std::uint32_t(source.size());
    return header;
}

// The record's first page: its header, the source text, zeros.
void fillHeaderPage(char* page, const Header& header, std::string_view source) {
    std::memcpy(page, &header, kHeader);
    std::memcpy(page + kHeader, source.data(), source.size());
    std::memset(page + kHeader + source.size(), 0, kPage - kHeader - source.size());
}

bool readAt(int fd, void* into, std::size_t n, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < n) {
        const ssize_t r = ::pread(fd, static_cast<char*>(into) + done, n - done, off_t(offset + done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        done += std::size_t(r);
    }
    return true;
}

const char* zeros() {
    static const std::vector<char> page(kPage, 0);
    return page.data();
}

// A record is assembled here before its one direct write (O_DIRECT needs the
// buffer, the offset and the length page-aligned): a buffer per thread, kept
// (an association receives object after object).
char* recordBuffer(std::size_t size) {
    static thread_local core::PageBuffer kept;
    return kept.reserve(size) ? kept.data() : nullptr;
}

const char* zeroPage() {
    static core::PageBuffer page;
    static const bool made = [] {
        if (!page.reserve(kPage)) return false;
        std::memset(page.data(), 0, kPage);
        return true;
    }();
    return made ? page.data() : nullptr;
}

// Where a record's direct write comes from: its header page in this thread's
// buffer, its data - zero-padded to whole pages - either where it was
// received (page-aligned memory whose last page the caller lets us pad) or
// copied after the header page. Empty when there is no memory for the buffer.
struct RecordPages {
    char* header = nullptr;
    char* data = nullptr;
    std::uint64_t dataSize = 0;
};

std::optional<RecordPages> recordPages(std::string_view bytes, bool pageAligned) {
    RecordPages pages;
    pages.dataSize = wholePages(bytes.size());
    if (pageAligned) {
        pages.header = recordBuffer(kPage);
        pages.data = const_cast<char*>(bytes.data());
    } else {
        pages.header = recordBuffer(kPage + pages.dataSize);
        pages.data = pages.header ? pages.header + kPage : nullptr;
        if (pages.data) std::memcpy(pages.data, bytes.data(), bytes.size());
    }
    if (!pages.header) return std::nullopt;
    std::memset(pages.data + bytes.size(), 0, pages.dataSize - bytes.size());
    return pages;
}

// Linux AIO for the log's direct writes: contexts shared by the process,
// each lent to one write at a time and kept for the next (io_destroy waits
// for an RCU grace period - tens of milliseconds - so a context per write,
// or per archive opened, would cost more than it saves; the kernel frees
// them at exit). None (no AIO in the kernel, a sandbox that refuses it, a
// limit reached): writes are then synchronous.
class AioContexts {
public:
    static aio_context_t acquire() {
        std::lock_guard lock(mutex());
        std::vector<aio_context_t>& idle = contexts();
        if (!idle.empty()) {
            const aio_context_t context = idle.back();
            idle.pop_back();
            return context;
        }
        static int made = 0;
        static bool refused = false;  // the kernel refused one: it is not asked again
        aio_context_t context = 0;
        if (refused || made >= kMaxContexts) return 0;
        if (::syscall(SYS_io_setup, 1U, &context) != 0) {
            refused = true;
            return 0;
        }
        ++made;
        return context;
    }
    static void release(aio_context_t context) {
        std::lock_guard lock(mutex());
        contexts().push_back(context);
    }
    // False when the kernel did not take the write (the caller writes it itself).
    static bool submit(aio_context_t context, int fd, const char* data, std::uint64_t size, std::uint64_t offset) {
        iocb request{};
        request.aio_lio_opcode = IOCB_CMD_PWRITE;
        request.aio_fildes = std::uint32_t(fd);
        request.aio_buf = reinterpret_cast<std::uintptr_t>(data);
        request.aio_nbytes = size;
        request.aio_offset = std::int64_t(offset);
        iocb* requests[1] = {&request};  // copied by the kernel at submission
        long n;
        do n = ::syscall(SYS_io_submit, context, 1L, requests);
        while (n < 0 && errno == EINTR);
        return n == 1;
    }
    // Waits for the context's write: the bytes it wrote, or -errno. False
    // when the wait itself failed: the write may still be running, so the
    // context must not be lent again (nor the memory written from reused).
    static bool wait(aio_context_t context, long long& result) {
        io_event event{};
        long n;
        do n = ::syscall(SYS_io_getevents, context, 1L, 1L, &event, nullptr);
        while (n < 0 && errno == EINTR);
        result = n == 1 ? static_cast<long long>(event.res) : -EIO;
        return n == 1;
    }

private:
    static constexpr int kMaxContexts = 256;  // more concurrent writers than that write synchronously
    static std::mutex& mutex() {
        static std::mutex m;
        return m;
    }
    static std::vector<aio_context_t>& contexts() {
        static std::vector<aio_context_t> idle;
        return idle;
    }
};

// One write of whole aligned pages; false when it did not all go (the
// caller then writes the record through the page cache instead).
bool writeDirect(int fd, const iovec* parts, int count, std::uint64_t offset) {
    std::uint64_t size = 0;
    for (int i = 0; i < count; ++i) size += parts[i].iov_len;
    ssize_t n;
    do n = ::pwritev(fd, parts, count, off_t(offset));
    while (n < 0 && errno == EINTR);
    return n >= 0 && std::uint64_t(n) == size;
}

bool writeDirect(int fd, const char* data, std::uint64_t size, std::uint64_t offset) {
    const iovec part{const_cast<char*>(data), size};
    return writeDirect(fd, &part, 1, offset);
}

}  // namespace

ObjectLog::ObjectLog(std::filesystem::path path, std::uint64_t halfSize)
    : path_(std::move(path)), halfSize_(halfSize / kPage * kPage) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return;
    // One writer per log: a second process sharing the archive stores without it.
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        fd_ = -1;
        return;
    }
    // Records are written past the page cache where the file system allows
    // it: a record is written once and read again only by recovery, so
    // caching it costs a copy into the cache, and its flush the writeback of
    // those pages; written directly, the flush that makes it durable has only
    // the disk's cache left to empty. Without O_DIRECT (tmpfs...) the
    // descriptor above does it all.
    directFd_ = ::open(path_.c_str(), O_RDWR | O_DIRECT | O_CLOEXEC);
}

ObjectLog::~ObjectLog() {
    if (directFd_ >= 0) ::close(directFd_);
    if (fd_ >= 0) ::close(fd_);
}

std::optional<std::uint64_t> ObjectLog::reserve(std::uint64_t length) {
    if (fd_ < 0 || length > maxObject()) return std::nullopt;
    const std::uint64_t size = kPage + wholePages(length);
    std::lock_guard lock(mutex_);
    if (cursor_ + size > halfSize_) {
        if (live_[1 - half_] != 0) return std::nullopt;
        half_ = 1 - half_;
        cursor_ = 0;
    }
    const std::uint64_t offset = std::uint64_t(half_) * halfSize_ + cursor_;
    cursor_ += size;
    ++live_[half_];
    return offset;
}

std::uint64_t ObjectLog::write(std::uint64_t offset, std::string_view bytes, const Digest& digest,
                               const Provenance& provenance) {
    if (directFd_ >= 0) {
        if (const std::optional<RecordPages> pages = recordPages(bytes, provenance.pageAligned)) {
            const std::string_view source = provenance.source.substr(0, kMaxSource);
            fillHeaderPage(pages->header, makeHeader(bytes.size(), digest, provenance.receivedMs, source), source);
            const iovec parts[2] = {{pages->header, kPage}, {pages->data, pages->dataSize}};
            if (writeDirect(directFd_, parts, 2, offset)) {
                std::lock_guard lock(mutex_);
                return ++written_;
            }
        }
        // Not written whole (or no memory for it): through the page cache, below.
    }
    return writeBuffered(offset, bytes, digest, provenance);
}

std::uint64_t ObjectLog::writeBuffered(std::uint64_t offset, std::string_view bytes, const Digest& digest,
                                       const Provenance& provenance) {
    const std::string_view source = provenance.source.substr(0, kMaxSource);
    const std::uint64_t padding = wholePages(bytes.size()) - bytes.size();
    const std::uint64_t size = kPage + bytes.size() + padding;
    Header header = makeHeader(bytes.size(), digest, provenance.receivedMs, source);
    iovec parts[5] = {{&header, kHeader},
                      {const_cast<char*>(source.data()), source.size()},
                      {const_cast<char*>(zeros()), kPage - kHeader - source.size()},
                      {const_cast<char*>(bytes.data()), bytes.size()},
                      {const_cast<char*>(zeros()), padding}};
    std::uint64_t done = 0;
    int first = 0;
    while (done < size) {
        const ssize_t n = ::pwritev(fd_, parts + first, 5 - first, off_t(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : ENOSPC;
            throw Error(ErrorCode::Io, path_.string() + ": write failed (" + std::strerror(error) + ")");
        }
        done += std::uint64_t(n);
        // Skip what was written (a short write is rare: a signal, a full disk).
        std::uint64_t skip = std::uint64_t(n);
        while (first < 5 && skip >= parts[first].iov_len) skip -= parts[first++].iov_len;
        if (first < 5) {
            parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + skip;
            parts[first].iov_len -= skip;
        }
    }
    // Flushed at once: the index may commit this object without a flush as
    // soon as the caller has the ticket, and another writer's flush of the
    // index's journal must not make that commit durable before this record
    // (a direct write is in the disk's cache already, which that flush empties).
    std::uint64_t ticket;
    {
        std::lock_guard lock(mutex_);
        ticket = ++written_;
    }
    flush(ticket);
    return ticket;
}

PendingLogWrite& PendingLogWrite::operator=(PendingLogWrite&& other) noexcept {
    if (this != &other) {
        reset();
        context_ = std::exchange(other.context_, 0);
        inFlight_ = std::exchange(other.inFlight_, false);
        dataWritten_ = std::exchange(other.dataWritten_, false);
        header_ = std::exchange(other.header_, nullptr);
    }
    return *this;
}

PendingLogWrite::~PendingLogWrite() { reset(); }

void PendingLogWrite::reset() noexcept {
    long long result = 0;
    // A context whose wait failed is not lent again (its write's completion may yet come).
    const bool reusable = !inFlight_ || AioContexts::wait(context_, result);
    inFlight_ = false;
    if (context_ && reusable) AioContexts::release(context_);
    context_ = 0;
}

PendingLogWrite ObjectLog::beginWrite(std::uint64_t offset, std::string_view bytes, bool pageAligned) {
    PendingLogWrite pending;
    if (directFd_ < 0) return pending;  // all written by finishWrite(), through the page cache
    const std::optional<RecordPages> pages = recordPages(bytes, pageAligned);
    if (!pages) return pending;  // no memory: the same
    pending.header_ = pages->header;
    pending.context_ = AioContexts::acquire();
    if (pending.context_ && AioContexts::submit(pending.context_, directFd_, pages->data, pages->dataSize, offset + kPage))
        pending.inFlight_ = true;
    else
        pending.dataWritten_ = writeDirect(directFd_, pages->data, pages->dataSize, offset + kPage);
    return pending;
}

std::uint64_t ObjectLog::finishWrite(PendingLogWrite& pending, std::uint64_t offset, std::string_view bytes,
                                     const Digest& digest, const Provenance& provenance) {
    bool dataWritten = pending.dataWritten_;
    if (pending.inFlight_) {
        long long result = 0;
        if (AioContexts::wait(pending.context_, result)) {
            pending.inFlight_ = false;
            dataWritten = result == static_cast<long long>(wholePages(bytes.size()));
        } else {
            pending.context_ = 0;  // never lent again: see AioContexts::wait()
            pending.inFlight_ = false;
            throw Error(ErrorCode::Io, path_.string() + ": waiting for the write failed (" + std::strerror(errno) + ")");
        }
    }
    pending.reset();
    bool written = false;
    if (dataWritten) {
        const std::string_view source = provenance.source.substr(0, kMaxSource);
        fillHeaderPage(pending.header_, makeHeader(bytes.size(), digest, provenance.receivedMs, source), source);
        written = writeDirect(directFd_, pending.header_, kPage, offset);
    }
    if (!written) return writeBuffered(offset, bytes, digest, provenance);
    std::lock_guard lock(mutex_);
    return ++written_;
}

void ObjectLog::release(std::uint64_t offset) {
    // The tombstone is written before the space can be reused (a late one
    // would erase a new record). A failed write leaves the record live:
    // recovery then finds its object indexed and leaves it be.
    // Direct: the record's first page is zeroed (a partial page would have
    // to be read first); recovery skips it a page at a time like any erased one.
    static const char erased[sizeof kMagic] = {};
    const char* page = directFd_ >= 0 ? zeroPage() : nullptr;
    if (!page || !writeDirect(directFd_, page, kPage, offset)) {
        ssize_t n;
        do n = ::pwrite(fd_, erased, sizeof erased, off_t(offset));
        while (n < 0 && errno == EINTR);
    }
    const int half = offset >= halfSize_ ? 1 : 0;
    std::lock_guard lock(mutex_);
    erased_ = true;
    if (live_[half] > 0 && --live_[half] == 0) space_.notify_all();
}

void ObjectLog::syncReleased() {
    if (fd_ < 0) return;
    std::uint64_t ticket;
    {
        std::lock_guard lock(mutex_);
        if (!erased_) return;
        erased_ = false;
        ticket = ++written_;  // a flush that starts after this call covers the erasures before it
    }
    flush(ticket);
}

bool ObjectLog::waitForSpace(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return space_.wait_for(lock, timeout, [&] { return live_[1 - half_] == 0; });
}

void ObjectLog::flush(std::uint64_t ticket) {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (flushedUpTo_ >= ticket) return;
        if (!flushing_) break;
        flushed_.wait(lock);  // a flush is running: it may cover this write, or the next one will
    }
    flushing_ = true;
    const std::uint64_t covers = written_;  // every write completed before this fdatasync starts
    lock.unlock();
    const int rc = ::fdatasync(fd_);
    const int error = errno;
    lock.lock();
    flushing_ = false;
    if (rc == 0) flushedUpTo_ = std::max(flushedUpTo_, covers);
    flushed_.notify_all();
    if (rc != 0) throw Error(ErrorCode::Io, path_.string() + ": flushing to disk failed (" + std::strerror(error) + ")");
}

void ObjectLog::preallocate() {
    if (fd_ < 0) return;
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && std::uint64_t(st.st_size) >= 2 * halfSize_) return;
    // Real zeros, not fallocate(): an allocated but unwritten extent is
    // converted on its first write, which is a metadata change again.
    const std::vector<char> chunk(1 << 20, 0);
    for (std::uint64_t at = std::uint64_t(st.st_size) / kPage * kPage; at < 2 * halfSize_;) {
        const std::size_t n = std::size_t(std::min<std::uint64_t>(chunk.size(), 2 * halfSize_ - at));
        const ssize_t written = ::pwrite(fd_, chunk.data(), n, off_t(at));
        if (written <= 0) {
            if (written < 0 && errno == EINTR) continue;
            return;  // a full disk: the log simply grows as it is used
        }
        at += std::uint64_t(written);
    }
    ::fsync(fd_);
    // Records bypass the cache from now on: the zeros need not stay in it.
    if (directFd_ >= 0) ::posix_fadvise(fd_, 0, 0, POSIX_FADV_DONTNEED);
}

// Records start on page boundaries and never cross into the other half; a
// torn, erased or stale record is skipped a page at a time. With `readData`
// visit() gets the records whose data matches their checksum; without, every
// plausible header (and no record).
template <typename Visit>
void ObjectLog::scan(Visit&& visit, bool readData) const {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    ::fstat(fd, &st);
    const std::uint64_t end = std::uint64_t(st.st_size);
    for (std::uint64_t at = 0; at + kHeader <= end;) {
        const std::uint64_t halfEnd = std::min(end, (at / halfSize_ + 1) * halfSize_);
        Header header{};
        if (!readAt(fd, &header, kHeader, at)) break;
        const bool plausible = isHeader(header) &&
                               header.sourceLength <= (isCurrent(header) ? kMaxSource : kMaxSourceV2) &&
                               at + dataOffset(header) <= halfEnd && header.length <= halfEnd - at - dataOffset(header);
        if (!plausible) {
            at += kPage;
            continue;
        }
        Digest digest{};
        std::memcpy(digest.data(), header.digest, digest.size());
        if (readData) {
            Record r;
            r.sha256 = digest;
            r.receivedMs = header.receivedMs;
            r.source.resize(header.sourceLength);
            r.bytes.resize(std::size_t(header.length));
            if (readAt(fd, r.source.data(), r.source.size(), at + kHeader) &&
                readAt(fd, r.bytes.data(), r.bytes.size(), at + dataOffset(header)) &&
                Sha256::of(r.bytes) == digest)
                visit(at, digest, &r);
        } else {
            visit(at, digest, static_cast<Record*>(nullptr));
        }
        at += recordSize(header);
    }
    ::close(fd);
}

std::optional<std::string> ObjectLog::find(const Digest& digest) const {
    std::vector<std::uint64_t> candidates;  // read only the records that claim this checksum
    scan([&](std::uint64_t at, const Digest& d, Record*) {
        if (d == digest) candidates.push_back(at);
    }, false);
    if (candidates.empty()) return std::nullopt;
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> found;
    for (std::uint64_t at : candidates) {
        Header header{};
        if (!readAt(fd, &header, kHeader, at)) continue;
        std::string data(std::size_t(header.length), '\0');
        if (readAt(fd, data.data(), data.size(), at + dataOffset(header)) && Sha256::of(data) == digest) {
            found = std::move(data);
            break;
        }
    }
    ::close(fd);
    return found;
}

std::vector<ObjectLog::Record> ObjectLog::live() const {
    std::vector<Record> out;
    scan([&](std::uint64_t, const Digest&, Record* r) { out.push_back(std::move(*r)); }, true);
    return out;
}

void ObjectLog::releaseAll() {
    if (fd_ < 0) return;
    std::vector<std::uint64_t> offsets;
    scan([&](std::uint64_t at, const Digest&, Record*) { offsets.push_back(at); }, false);
    static const char erased[sizeof kMagic] = {};
    for (std::uint64_t at : offsets) {
        if (::pwrite(fd_, erased, sizeof erased, off_t(at)) != ssize_t(sizeof erased))
            throw Error(ErrorCode::Io, path_.string() + ": write failed (" + std::strerror(errno) + ")");
    }
    if (!offsets.empty() && ::fdatasync(fd_) != 0)
        throw Error(ErrorCode::Io, path_.string() + ": flushing to disk failed (" + std::strerror(errno) + ")");
}

}  // namespace lightbox::archive
