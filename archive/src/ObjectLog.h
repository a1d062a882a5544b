#pragma once
// The object log: a write-ahead log of received objects' bytes, so that an
// object can be acknowledged once it is in the log (one flush of data that
// overwrites blocks the file already has) instead of once its own new file
// is flushed (which on ext4 and most journalling file systems waits for a
// journal commit: the new file's blocks and size are metadata - and that
// commit also carries every other process's metadata changes, so its
// latency moves with whatever else the machine is writing).
//
// The object's own file (written at the same time, flushed later and in
// batches) is what the archive keeps; the log only has to hold a record until
// that file's data is on disk. Recovery looks a promised object whose file is
// short or missing up here by its checksum.
//
// The file (<root>/objects.log) has two halves used in turn: a half is
// written again only when every record in it was released. Records are
// 4 KiB-aligned (whole pages: overwriting never reads), a 64-byte header
// (magic, length, SHA-256 of the data) in front of the data.

#include "lightbox/archive/Sha256.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::archive {

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

    // Writes a record (not flushed) and returns its offset; `ticket` names
    // the write for flush(). Empty when the current half is full and the
    // other still holds live records (release some and try again) or the
    // object is too large.
    std::optional<std::uint64_t> tryAppend(std::string_view bytes, const Digest& digest, std::uint64_t& ticket);
    // The record's object is durable elsewhere: its space may be reused.
    void release(std::uint64_t offset);
    // Waits until a record can be appended or `timeout` passes.
    bool waitForSpace(std::chrono::milliseconds timeout);
    // Returns once the write `ticket` is durable: an fdatasync that began
    // after it, by this caller or by a concurrent one (several associations'
    // records share one flush). Throws Error(Io).
    void flush(std::uint64_t ticket);

    // Writes the whole file (both halves) once with zeros and flushes it, so
    // that later records overwrite blocks the file has (no journal commit).
    void preallocate();

    // Recovery: the data of an intact record whose SHA-256 is `digest`.
    std::optional<std::string> find(const Digest& digest) const;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    std::uint64_t halfSize_;
    int fd_ = -1;
    std::mutex mutex_;
    std::condition_variable space_;
    int half_ = 0;
    std::uint64_t cursor_ = 0;  // next free offset within the current half
    std::uint64_t live_[2] = {0, 0};
    std::uint64_t written_ = 0;      // tickets: writes completed, in completion order
    std::uint64_t flushedUpTo_ = 0;  // every ticket up to this one is durable
    bool flushing_ = false;
    std::condition_variable flushed_;
};

}  // namespace lightbox::archive
