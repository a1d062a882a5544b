#include "ObjectLog.h"

#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <vector>

namespace lightbox::archive {
namespace {

using core::Error;
using core::ErrorCode;

constexpr char kMagic[8] = {'L', 'B', 'O', 'B', 'J', 'L', 'G', '1'};
constexpr std::uint64_t kPage = 4096;
constexpr std::uint64_t kHeader = 64;

struct Header {
    char magic[8];
    std::uint64_t length;
    std::uint8_t digest[32];
    std::uint8_t reserved[16];
};
static_assert(sizeof(Header) == kHeader);

std::uint64_t recordSize(std::uint64_t length) { return (kHeader + length + kPage - 1) / kPage * kPage; }

const char* zeros() {
    static const std::vector<char> page(kPage, 0);
    return page.data();
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
    }
}

ObjectLog::~ObjectLog() {
    if (fd_ >= 0) ::close(fd_);
}

std::optional<std::uint64_t> ObjectLog::tryAppend(std::string_view bytes, const Digest& digest,
                                                  std::uint64_t& ticket) {
    if (fd_ < 0 || bytes.size() > maxObject()) return std::nullopt;
    const std::uint64_t size = recordSize(bytes.size());
    std::uint64_t offset = 0;
    {
        std::lock_guard lock(mutex_);
        if (cursor_ + size > halfSize_) {
            if (live_[1 - half_] != 0) return std::nullopt;
            half_ = 1 - half_;
            cursor_ = 0;
        }
        offset = std::uint64_t(half_) * halfSize_ + cursor_;
        cursor_ += size;
        ++live_[half_];
    }
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.length = bytes.size();
    std::memcpy(header.digest, digest.data(), digest.size());
    iovec parts[3] = {{&header, kHeader},
                      {const_cast<char*>(bytes.data()), bytes.size()},
                      {const_cast<char*>(zeros()), size - kHeader - bytes.size()}};
    std::uint64_t done = 0;
    int first = 0;
    while (done < size) {
        const ssize_t n = ::pwritev(fd_, parts + first, 3 - first, off_t(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : ENOSPC;
            release(offset);
            throw Error(ErrorCode::Io, path_.string() + ": write failed (" + std::strerror(error) + ")");
        }
        done += std::uint64_t(n);
        // Skip what was written (a short write is rare: a signal, a full disk).
        std::uint64_t skip = std::uint64_t(n);
        while (first < 3 && skip >= parts[first].iov_len) skip -= parts[first++].iov_len;
        if (first < 3) {
            parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + skip;
            parts[first].iov_len -= skip;
        }
    }
    std::lock_guard lock(mutex_);
    ticket = ++written_;
    return offset;
}

void ObjectLog::release(std::uint64_t offset) {
    const int half = offset >= halfSize_ ? 1 : 0;
    std::lock_guard lock(mutex_);
    if (live_[half] > 0 && --live_[half] == 0) space_.notify_all();
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
}

std::optional<std::string> ObjectLog::find(const Digest& digest) const {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    ::fstat(fd, &st);
    const std::uint64_t end = std::uint64_t(st.st_size);
    std::optional<std::string> found;
    // Records start on page boundaries and never cross into the other half;
    // a torn or stale record is skipped a page at a time.
    for (std::uint64_t at = 0; at + kHeader <= end && !found;) {
        const std::uint64_t halfEnd = std::min(end, (at / halfSize_ + 1) * halfSize_);
        Header header{};
        if (::pread(fd, &header, kHeader, off_t(at)) != ssize_t(kHeader)) break;
        const bool plausible = std::memcmp(header.magic, kMagic, sizeof kMagic) == 0 &&
                               at + kHeader <= halfEnd && header.length <= halfEnd - at - kHeader;
        if (!plausible) {
            at += kPage;
            continue;
        }
        if (std::memcmp(header.digest, digest.data(), digest.size()) == 0) {
            std::string data(std::size_t(header.length), '\0');
            if (::pread(fd, data.data(), data.size(), off_t(at + kHeader)) == ssize_t(data.size()) &&
                Sha256::of(data) == digest)
                found = std::move(data);
        }
        at += recordSize(header.length);
    }
    ::close(fd);
    return found;
}

}  // namespace lightbox::archive
