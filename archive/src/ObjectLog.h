#pragma once
// The object log: a write-ahead (redo) log of received objects, so that an
// object can be acknowledged once its record is in the log - one flush of
// data that overwrites blocks the file already has - instead of once its own
// new file and the index's WAL are flushed (a new file's flush waits for a
// journal commit on ext4 and most journalling file systems: the new file's
// blocks and size are metadata - and that commit also carries every other
// process's metadata changes, so its latency moves with whatever else the
// machine is writing).
//
// A record carries everything the index needs to record the object again:
// its bytes (the index row is read from them), their SHA-256, when and from
// where it was received. The object's own file (written at the same time,
// flushed later and in batches) and its index row (committed without a
// flush) are what the archive keeps; a record stays live until both are on
// disk, then it is released: its header is erased (a tombstone), so that
// recovery never replays it. Recovery replays every live record: it indexes
// objects the index lacks and restores files that are short or missing.
//
// The file (<root>/objects.log) has two halves used in turn: a half is
// written again only when every record in it was released. Records are
// 4 KiB-aligned (whole pages: overwriting never reads): a header page - the
// 64-byte header (magic, length, SHA-256 of the data, time received, length
// of the source text), then the source text - and the data from the record's
// second page on, so that data received into page-aligned memory is written
// from there. (Version 1 and 2 records, still read, had the data right after
// the source text.) Where the file system
// allows it, records (and their erasure) are written with O_DIRECT: past the
// page cache, so that the flush which makes a record durable has no pages to
// write back, only the disk's cache to empty.

#include "lightbox/archive/Sha256.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::archive {

// A record's data being written (ObjectLog::beginWrite()): finished by
// ObjectLog::finishWrite() on the thread that began it, which begins no
// other record meanwhile (data not received page-aligned is copied into,
// and the header page assembled in, that thread's buffer); may be let go on
// any thread (it then waits for the write).
class PendingLogWrite {
public:
    PendingLogWrite() = default;
    PendingLogWrite(PendingLogWrite&& other) noexcept { *this = std::move(other); }
    PendingLogWrite& operator=(PendingLogWrite&& other) noexcept;
    PendingLogWrite(const PendingLogWrite&) = delete;
    PendingLogWrite& operator=(const PendingLogWrite&) = delete;
    ~PendingLogWrite();  // waits for a write still in flight (it reads the caller's memory)

private:
    friend class ObjectLog;
    void reset() noexcept;  // waits for the write in flight, gives the AIO context back
    unsigned long context_ = 0;  // aio_context_t lent to this write (0: none)
    bool inFlight_ = false;
    bool dataWritten_ = false;   // written synchronously instead
    char* header_ = nullptr;     // the record's header page (the thread's buffer); null: not begun direct
};

class ObjectLog {
public:
    // Opens (creating) the log. Unusable (usable() false) when another
    // process holds it or it cannot be opened: objects are then flushed one by
    // one as before.
    ObjectLog(std::filesystem::path path, std::uint64_t halfSize);
    ~ObjectLog();
    ObjectLog(const ObjectLog&) = delete;
    ObjectLog& operator=(const ObjectLog&) = delete;

    bool usable() const { return fd_ >= 0; }
    // The largest object the log takes (a quarter of a half); larger ones
    // are flushed on their own (their own flush is then a small part of
    // their cost anyway).
    std::uint64_t maxObject() const { return halfSize_ / 4; }

    // What a record says besides the object's bytes.
    struct Provenance {
        std::int64_t receivedMs = 0;
        std::string_view source;  // at most 4 KiB less the header is kept
        // The bytes begin on a page boundary and the memory after them up to
        // the next one may be overwritten: written from there (no copy).
        bool pageAligned = false;
    };
    // The place of a record for an object of `length` bytes, counted live
    // from now on (release() it, written or not). Empty when the current half
    // is full and the other still holds live records (release some and try
    // again) or the object is too large.
    std::optional<std::uint64_t> reserve(std::uint64_t length);
    // Writes the record (not flushed) at a reserved place; returns the
    // ticket that names the write for flush(). Throws Error(Io); the place
    // stays reserved.
    std::uint64_t write(std::uint64_t offset, std::string_view bytes, const Digest& digest, const Provenance& provenance);
    // write() in two halves, so that the caller can hash the object while
    // its data is written: beginWrite() starts writing the data pages (with
    // Linux AIO where the kernel takes it: a write past the page cache then
    // needs no CPU of the caller's), finishWrite() - with the digest - waits
    // for them, then writes the header page and returns the write's ticket
    // (throws Error(Io); the place stays reserved). A record is read only
    // through its header: whatever a crash interrupts, recovery never takes
    // data whose write it did not see finish (and the digest is checked anyway).
    PendingLogWrite beginWrite(std::uint64_t offset, std::string_view bytes, bool pageAligned);
    std::uint64_t finishWrite(PendingLogWrite& pending, std::uint64_t offset, std::string_view bytes, const Digest& digest,
                              const Provenance& provenance);
    // The record's object is durable elsewhere (its file and its index row):
    // its header is erased - recovery will not replay it - and its space may
    // be reused. The erasure reaches the disk with the next flush.
    void release(std::uint64_t offset);
    // Flushes what release() erased (before the index changes in ways a
    // replay of those records would contradict). Throws Error(Io).
    void syncReleased();
    // Waits until a record can be appended or `timeout` passes.
    bool waitForSpace(std::chrono::milliseconds timeout);
    // Returns once the write `ticket` is durable: an fdatasync that began
    // after it, by this caller or by a concurrent one (several associations'
    // records share one flush). Throws Error(Io).
    void flush(std::uint64_t ticket);

    // Writes the whole file (both halves) once with zeros and flushes it, so
    // that later records overwrite blocks the file has (no journal commit).
    void preallocate();

    // Recovery: the data of an intact live record whose SHA-256 is `digest`.
    std::optional<std::string> find(const Digest& digest) const;
    struct Record {
        std::string bytes;
        Digest sha256{};
        std::int64_t receivedMs = 0;
        std::string source;
    };
    // Recovery: every intact live record, in file order.
    std::vector<Record> live() const;
    // Erases every record and flushes (after recovery has replayed them).
    // Throws Error(Io).
    void releaseAll();

    const std::filesystem::path& path() const { return path_; }

private:
    // The record through the page cache (no O_DIRECT, or a direct write
    // that failed), flushed; returns its ticket.
    std::uint64_t writeBuffered(std::uint64_t offset, std::string_view bytes, const Digest& digest, const Provenance& provenance);
    // Calls visit(offset, header, source, data) for each intact record.
    template <typename Visit>
    void scan(Visit&& visit, bool readData) const;
    std::filesystem::path path_;
    std::uint64_t halfSize_;
    int fd_ = -1;
    int directFd_ = -1;  // the same file opened with O_DIRECT (-1: not supported there)
    std::mutex mutex_;
    std::condition_variable space_;
    int half_ = 0;
    std::uint64_t cursor_ = 0;  // next free offset within the current half
    std::uint64_t live_[2] = {0, 0};
    std::uint64_t written_ = 0;      // tickets: writes completed, in completion order
    std::uint64_t flushedUpTo_ = 0;  // every ticket up to this one is durable
    bool flushing_ = false;
    bool erased_ = false;  // release() erased records since the last syncReleased()
    std::condition_variable flushed_;
};

}  // namespace lightbox::archive
