#pragma once
// Where the archive keeps object bytes, behind a narrow interface (as
// Orthanc's IStorageArea): keys are relative paths such as
// "store/3f/a2/<sha-256>.dcm". Writing is two-phase so that a crash never
// leaves the index and the files disagree for long:
//   stage()          bytes written and flushed under a temporary name
//   syncStaging()    the temporary names themselves are durable
//   ... the index commits, recording which staged object goes to which key ...
//   publish()        atomic rename to the key; the object may be acknowledged
//   syncPublished()  the renames are durable; only now may the index forget
//                    its promises (the store path does it with the next batch)
// After a crash, staged objects that the index recorded are published again
// and the others discarded (see Archive::open).
//
// An area with an object log (FileStorageArea) also keeps, for each object
// staged with reserveUnflushed()/adopt(), a record from which the object and
// its index row can be made again: the object is durable once its record is
// flushed (flushStaged()), and the index may commit it without a flush of
// its own. The record is released once the object's file, its name and the
// index's journal are on disk (the area flushes that journal itself: see
// setIndexJournal()); recovery replays the records still live.

#include "lightbox/archive/Sha256.h"

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lightbox::archive {

// What the object log records besides an object's bytes.
struct ObjectProvenance {
    Digest sha256{};
    std::int64_t receivedMs = 0;
    std::string_view source;
    bool pageAligned = false;  // as StoreContext::pageAligned says of the bytes
};

// A live record of the object log (recovery, repair).
struct LoggedObject {
    std::string bytes;
    Digest sha256{};
    std::int64_t receivedMs = 0;
    std::string source;
};

class StorageArea {
public:
    virtual ~StorageArea() = default;

    // Thread-safe: concurrent callers stage concurrently. Returns the token
    // that names the staged object (a file name in the staging folder).
    virtual std::string stage(std::string_view bytes) = 0;
    // As stage(), in steps that let the caller hash the object and the
    // index record it while its data is written and flushed:
    // reserveUnflushed() names the staged object and starts writing what
    // needs no checksum (in an area with an object log: its record's data,
    // from `bytes`, which must stay put until writeReserved() or discard()
    // returns); then
    // writeReserved() - the same bytes, `about.sha256` their checksum -
    // writes the rest (not flushed; throws Error(Io), the token is then
    // discard()ed), and the caller flushes it with flushStaged() - on its own
    // thread, while the index commits - and may acknowledge the object only
    // after both. The index must not commit the object before
    // writeReserved() returned (see GroupCommit). A staged object whose data
    // did not reach the disk is found by recovery (its checksum differs from
    // its key's) and taken back. The defaults write and flush at once.
    // `pageAligned`: as ObjectProvenance::pageAligned.
    virtual std::string reserveUnflushed(std::string_view bytes, bool pageAligned) {
        (void)pageAligned;
        return stage(bytes);
    }
    virtual void writeReserved(const std::string& token, std::string_view bytes, const ObjectProvenance& about) {
        (void)token, (void)bytes, (void)about;
    }
    // The staged object has a record in the object log: once flushStaged()
    // returned, the object survives a crash whether or not its index row
    // reached the disk (recovery indexes it again from the record).
    virtual bool isLogged(const std::string& token) const {
        (void)token;
        return false;
    }
    // The index's write-ahead journal (SQLite's -wal file), which the area
    // flushes before it releases log records of objects the index committed
    // without a flush.
    virtual void setIndexJournal(const std::filesystem::path& journal) { (void)journal; }
    // Recovery: the object log's live records, and their release once
    // replayed (index committed and files flushed). Throws Error(Io).
    virtual std::vector<LoggedObject> loggedObjects() const { return {}; }
    virtual void releaseLog() {}
    virtual void flushStaged(const std::string& token) { (void)token; }
    // As reserveUnflushed(), but nobody waits for the data: it is flushed by
    // syncPublished() once the object is published (or before, in batches).
    virtual std::string stageDeferred(std::string_view bytes) { return stage(bytes); }
    // Recovery: an object with this checksum kept in the object log (an
    // acknowledged object whose own file did not reach the disk).
    virtual std::optional<std::string> fromLog(const Digest& sha256) const {
        (void)sha256;
        return std::nullopt;
    }
    // Prepares the object log's space ahead of a burst of objects (a server at start).
    virtual void preallocateLog() {}
    // Starts writing out the data of objects staged since the last call
    // (without waiting), so that their later flush has little left to do.
    // The committer calls it after it has released a batch: the thread that
    // received an object does not spend its time on it.
    virtual void startWriteback() {}
    // Stages an object that is already in a file on the area's file system
    // (`bytes` is its content) by moving the file, instead of writing a copy:
    // as reserveUnflushed() (`deferred` false) or stageDeferred(). Empty when
    // the area cannot take it over that way (the file is then untouched).
    // `fd` (optional): a descriptor open on the file, which the area may
    // duplicate instead of opening the file again.
    virtual std::optional<std::string> adopt(const std::filesystem::path& file, std::string_view bytes,
                                             const ObjectProvenance& about, bool deferred, int fd = -1) {
        (void)file, (void)bytes, (void)about, (void)deferred, (void)fd;
        return std::nullopt;
    }
    virtual void syncStaging() = 0;
    virtual void publish(const std::string& token, const std::string& key) = 0;
    virtual void syncPublished() = 0;
    // A rename to `key` may have happened without its folder being flushed
    // (a promise found by recovery): the next syncPublished() flushes it.
    virtual void notePublished(const std::string& key) { (void)key; }
    virtual void discard(const std::string& token) noexcept = 0;
    virtual bool isStaged(const std::string& token) const = 0;
    virtual std::vector<std::string> stagedTokens() const = 0;
    virtual std::string readStaged(const std::string& token) const = 0;

    // Throws Error(FileNotFound) when absent, Error(Io) when unreadable.
    virtual std::string read(const std::string& key) const = 0;
    virtual bool exists(const std::string& key) const = 0;
    virtual std::uint64_t size(const std::string& key) const = 0;  // 0 when absent
    virtual void remove(const std::string& key) = 0;               // absent: no error
    virtual void move(const std::string& from, const std::string& to) = 0;
    // Every object whose key starts with `prefix` ("store/", "conflicts/").
    virtual void forEach(const std::string& prefix,
                         const std::function<void(const std::string& key)>& visit) const = 0;
    // The file behind a key; empty for areas that are not a file system.
    virtual std::filesystem::path filePath(const std::string& key) const = 0;
};

class ObjectLog;
class PendingLogWrite;

// Files under a root folder; staging in <root>/incoming. Objects are staged
// into pre-made empty "slots" whose names were flushed when the slots were
// made (64 per folder flush), so staging an object costs one fdatasync of its
// own data; renames are flushed by syncPublished().
//
// writeReserved() also writes the object into the object log
// (<root>/objects.log, see ObjectLog.h): flushStaged() then flushes the log,
// not the new file, and a background thread flushes the published files'
// data, their folders and the index's journal in batches, after which their
// log records are released.
class FileStorageArea : public StorageArea {
public:
    explicit FileStorageArea(std::filesystem::path root);
    ~FileStorageArea() override;  // removes the unused slots

    // Writes the object log's blocks once (see ObjectLog::preallocate): a
    // server does it at start so that its first objects are as quick as the rest.
    void preallocateLog() override;
    void startWriteback() override;
    // A whole file, read in one buffer of its size. Throws Error(FileNotFound / Io).
    static std::string readWhole(const std::filesystem::path& path);

    std::string stage(std::string_view bytes) override;
    std::string reserveUnflushed(std::string_view bytes, bool pageAligned) override;
    void writeReserved(const std::string& token, std::string_view bytes, const ObjectProvenance& about) override;
    std::string stageDeferred(std::string_view bytes) override;
    std::optional<std::string> adopt(const std::filesystem::path& file, std::string_view bytes,
                                     const ObjectProvenance& about, bool deferred, int fd = -1) override;
    bool isLogged(const std::string& token) const override;
    void setIndexJournal(const std::filesystem::path& journal) override;
    std::vector<LoggedObject> loggedObjects() const override;
    void releaseLog() override;
    void flushStaged(const std::string& token) override;
    std::optional<std::string> fromLog(const Digest& sha256) const override;
    void syncStaging() override;
    void publish(const std::string& token, const std::string& key) override;
    void syncPublished() override;
    void notePublished(const std::string& key) override;
    void discard(const std::string& token) noexcept override;
    bool isStaged(const std::string& token) const override;
    std::vector<std::string> stagedTokens() const override;
    std::string readStaged(const std::string& token) const override;

    std::string read(const std::string& key) const override;
    bool exists(const std::string& key) const override;
    std::uint64_t size(const std::string& key) const override;
    void remove(const std::string& key) override;
    void move(const std::string& from, const std::string& to) override;
    void forEach(const std::string& prefix, const std::function<void(const std::string& key)>& visit) const override;
    std::filesystem::path filePath(const std::string& key) const override;

private:
    void ensureParent(const std::filesystem::path& file);
    // An empty slot: its name, and a descriptor open for writing it (-1: to
    // be opened; a slot made in this batch is kept open and known empty).
    struct Slot {
        std::string token;
        int fd = -1;
    };
    Slot takeSlot();
    // A place in the object log for an object of `length` bytes (-1: not logged).
    std::int64_t reserveLog(std::uint64_t length);
    // Flushes the index's journal (see setIndexJournal()); false on failure.
    bool syncIndexJournal();
    // Flushes the folders with renames not yet flushed. Throws Error(Io).
    void syncDirectories();
    int openSlot(const Slot& slot);                           // returns a descriptor open for writing it
    int writeSlot(const Slot& slot, std::string_view bytes);  // returns the open descriptor
    std::filesystem::path root_, staging_;
    // Empty files in the staging folder whose names are already durable
    // (created in batches, one folder flush per batch).
    mutable std::mutex slotMutex_;
    std::vector<Slot> freeSlots_;
    std::set<std::string> ownSlots_;  // slots made here and not yet published or removed
    // reserveUnflushed() objects whose data is not yet known to be on disk.
    struct Unflushed {
        int fd = -1;                  // the staged file, open
        std::int64_t record = -1;     // its object log record's offset; -1: none
        std::uint64_t ticket = 0;     // the record's write, for ObjectLog::flush()
        bool published = false;       // moved into place: the syncer may flush and release it
        bool deferred = false;        // stageDeferred(): the syncer flushes it (no log record)
        bool writeback = false;       // its early writeback is still to be started (startWriteback())
        std::shared_ptr<PendingLogWrite> logWrite;  // reserveUnflushed() to writeReserved(): the record's data in flight
        bool batched() const { return record >= 0 || deferred; }
    };
    std::map<std::string, Unflushed> unflushed_;
    std::unique_ptr<ObjectLog> log_;
    // The syncer: flushes published objects' data in batches, then releases their log records.
    void syncLoop();
    void flushPublishedData();
    std::size_t publishedUnflushed_ = 0;
    int syncing_ = 0;  // flushPublishedData() calls in progress
    bool spaceWanted_ = false, stopSyncer_ = false, syncFailed_ = false;
    std::condition_variable syncWake_, syncDone_;
    std::thread syncer_;
    std::mutex dirSyncMutex_;  // syncDirectories() calls, one at a time
    std::mutex journalMutex_;  // guards the two below
    std::filesystem::path journal_;
    int journalFd_ = -1;
    std::mutex mutex_;                           // guards the two sets below
    std::set<std::filesystem::path> dirtyDirs_;  // directories with renames not yet fsync'ed
    std::set<std::filesystem::path> knownDirs_;  // directories known to exist durably
};

// Everything in memory: for tests of the index and query logic.
class MemoryStorageArea : public StorageArea {
public:
    std::string stage(std::string_view bytes) override;
    void syncStaging() override {}
    void publish(const std::string& token, const std::string& key) override;
    void syncPublished() override {}
    void discard(const std::string& token) noexcept override;
    bool isStaged(const std::string& token) const override;
    std::vector<std::string> stagedTokens() const override;
    std::string readStaged(const std::string& token) const override;

    std::string read(const std::string& key) const override;
    bool exists(const std::string& key) const override;
    std::uint64_t size(const std::string& key) const override;
    void remove(const std::string& key) override;
    void move(const std::string& from, const std::string& to) override;
    void forEach(const std::string& prefix, const std::function<void(const std::string& key)>& visit) const override;
    std::filesystem::path filePath(const std::string&) const override { return {}; }

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string> objects_, staged_;
    std::uint64_t counter_ = 0;
};

}  // namespace lightbox::archive
