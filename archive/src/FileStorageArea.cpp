#include "lightbox/archive/StorageArea.h"

#include "ObjectLog.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/FileWrite.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

namespace lightbox::archive {
namespace {

// The object log: two halves of 32 MiB (objects up to 8 MiB go through it).
constexpr std::uint64_t kLogHalf = 32ull << 20;
// Published objects the syncer flushes at a time.
constexpr std::size_t kSyncBatch = 32;

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

std::string why(int error) {
    std::string text = std::strerror(error);
    if (error == ENOSPC) text += " - the disk is full";
    return text;
}

// A rename or a new file is durable only once its directory is flushed too.
void fsyncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::Io, dir.string() + ": cannot open folder to flush it (" + why(errno) + ")");
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) throw Error(ErrorCode::Io, dir.string() + ": flushing the folder failed (" + why(error) + ")");
}

void writeAll(int fd, std::string_view bytes, const fs::path& path) {
    if (const int error = core::writeAll(fd, bytes.data(), bytes.size()))
        throw Error(ErrorCode::Io, path.string() + ": write failed (" + why(error) + ")");
}

std::string readFile(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) throw Error(ErrorCode::FileNotFound, path.string() + ": no such file");
        throw Error(ErrorCode::Io, path.string() + ": cannot open (" + why(error) + ")");
    }
    struct stat st {};
    std::string out;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(std::size_t(st.st_size));
    char buffer[1 << 16];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            throw Error(ErrorCode::Io, path.string() + ": read failed (" + why(error) + ")");
        }
        if (n == 0) break;
        out.append(buffer, std::size_t(n));
    }
    ::close(fd);
    return out;
}

std::uint64_t processSalt() {
    static const std::uint64_t salt = std::random_device{}() ^ (std::uint64_t(::getpid()) << 20);
    return salt;
}

std::string uniqueToken() {
    static std::atomic<std::uint64_t> counter{0};
    const std::uint64_t salt = processSalt();
    char name[64];
    std::snprintf(name, sizeof name, "%016llx-%llu.tmp", static_cast<unsigned long long>(salt),
                  static_cast<unsigned long long>(counter.fetch_add(1)));
    return name;
}

}  // namespace

FileStorageArea::FileStorageArea(fs::path root) : root_(std::move(root)), staging_(root_ / "incoming") {
    std::error_code ec;
    fs::create_directories(staging_, ec);
    if (ec) throw Error(ErrorCode::Io, staging_.string() + ": cannot create (" + ec.message() + ")");
    log_ = std::make_unique<ObjectLog>(root_ / "objects.log", kLogHalf);
    // Also without a usable log: deferred objects are flushed (and their descriptors closed) in batches.
    syncer_ = std::thread([this] { syncLoop(); });
}

FileStorageArea::~FileStorageArea() {
    {
        std::lock_guard lock(slotMutex_);
        stopSyncer_ = true;
    }
    syncWake_.notify_all();
    if (syncer_.joinable()) syncer_.join();
    flushPublishedData();  // what the last batches published
    std::lock_guard lock(slotMutex_);
    for (const auto& [token, entry] : unflushed_) ::close(entry.fd);
    for (const Slot& slot : freeSlots_) {
        if (slot.fd >= 0) ::close(slot.fd);
        ::unlink((staging_ / slot.token).c_str());
    }
    if (journalFd_ >= 0) ::close(journalFd_);
}

std::string FileStorageArea::readWhole(const fs::path& path) { return readFile(path); }

void FileStorageArea::preallocateLog() {
    if (log_) log_->preallocate();
}

void FileStorageArea::syncLoop() {
    std::unique_lock lock(slotMutex_);
    for (;;) {
        syncWake_.wait(lock, [&] { return stopSyncer_ || spaceWanted_ || publishedUnflushed_ >= kSyncBatch; });
        if (stopSyncer_) return;
        spaceWanted_ = false;
        lock.unlock();
        flushPublishedData();
        lock.lock();
    }
}

// Flushes the data of every published object still waiting for it, then -
// when some of them are in the object log - the folders they were moved into
// and the index's journal (their rows may have been committed without a
// flush), and only then releases their log records.
void FileStorageArea::flushPublishedData() {
    std::vector<Unflushed> batch;
    {
        std::lock_guard lock(slotMutex_);
        for (auto it = unflushed_.begin(); it != unflushed_.end();) {
            if (it->second.published) {
                batch.push_back(it->second);
                it = unflushed_.erase(it);
            } else {
                ++it;
            }
        }
        publishedUnflushed_ = 0;
        ++syncing_;
    }
    bool ok = true, logged = false;
    std::vector<std::uint64_t> records;
    for (const Unflushed& entry : batch) {
        const bool flushed = ::fdatasync(entry.fd) == 0;
        ::close(entry.fd);
        // A record whose file did not reach the disk stays: recovery needs it.
        if (flushed && entry.record >= 0) records.push_back(std::uint64_t(entry.record));
        logged = logged || entry.record >= 0;
        ok = ok && flushed;
    }
    if (logged) {
        try {
            syncDirectories();
        } catch (const Error&) {
            ok = false;
        }
        ok = ok && syncIndexJournal();
    }
    // Records stay live unless everything they stand for is on disk.
    if (ok && log_)
        for (std::uint64_t record : records) log_->release(record);
    std::lock_guard lock(slotMutex_);
    if (!ok) syncFailed_ = true;
    if (--syncing_ == 0) syncDone_.notify_all();
}

FileStorageArea::Slot FileStorageArea::takeSlot() {
    std::lock_guard lock(slotMutex_);
    if (freeSlots_.empty()) {
        // Create a batch of empty files and flush the staging folder once:
        // from then on their names are durable, so writing an object into a
        // slot needs only the flush of its own data (no folder flush per
        // object). They stay open: a fresh slot is written without opening it again.
        constexpr int kSlotsPerRefill = 64;
        std::vector<Slot> created;
        auto undo = [&] {
            for (const Slot& slot : created) {
                ::close(slot.fd);
                ::unlink((staging_ / slot.token).c_str());
            }
        };
        for (int i = 0; i < kSlotsPerRefill; ++i) {
            Slot slot{uniqueToken(), -1};
            const fs::path path = staging_ / slot.token;
            slot.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (slot.fd < 0) {
                const int error = errno;
                undo();
                throw Error(ErrorCode::Io, path.string() + ": cannot create (" + why(error) + ")");
            }
            created.push_back(std::move(slot));
        }
        try {
            fsyncDirectory(staging_);
        } catch (...) {
            undo();
            throw;
        }
        for (const Slot& slot : created) ownSlots_.insert(slot.token);
        freeSlots_ = std::move(created);
    }
    Slot slot = std::move(freeSlots_.back());
    freeSlots_.pop_back();
    return slot;
}

int FileStorageArea::openSlot(const Slot& slot) {
    if (slot.fd >= 0) return slot.fd;
    const fs::path path = staging_ / slot.token;
    // A slot given back by discard(). No O_TRUNC: a free slot is empty (made
    // so by discard()), and truncating even an empty file changes its times -
    // an inode update per object. A slot found otherwise is emptied here.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": cannot open (" + why(error) + ")");
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || (st.st_size != 0 && ::ftruncate(fd, 0) != 0)) {
        const int error = errno;
        ::close(fd);
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": cannot empty the slot (" + why(error) + ")");
    }
    return fd;
}

int FileStorageArea::writeSlot(const Slot& slot, std::string_view bytes) {
    const int fd = openSlot(slot);
    const fs::path path = staging_ / slot.token;
    try {
        writeAll(fd, bytes, path);
    } catch (...) {
        ::close(fd);
        ::unlink(path.c_str());
        throw;
    }
    return fd;
}

std::string FileStorageArea::stage(std::string_view bytes) {
    const Slot slot = takeSlot();
    const std::string& token = slot.token;
    const int fd = writeSlot(slot, bytes);
    const fs::path path = staging_ / token;
    // Data and size (fdatasync covers the size a read needs); the name was
    // made durable when the slot was created.
    if (::fdatasync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": flushing to disk failed (" + why(error) + ")");
    }
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": close failed (" + why(error) + ")");
    }
    return token;
}

std::string FileStorageArea::reserveUnflushed(std::string_view bytes, bool pageAligned) {
    {
        std::lock_guard lock(slotMutex_);
        if (syncFailed_)
            throw Error(ErrorCode::Io, root_.string() + ": the disk failed to write an earlier object's data; no object "
                                                        "is accepted until the archive is reopened");
    }
    const Slot slot = takeSlot();
    Unflushed entry;
    entry.fd = openSlot(slot);
    if (const std::int64_t record = reserveLog(bytes.size()); record >= 0) {
        entry.logWrite = std::make_shared<PendingLogWrite>(log_->beginWrite(std::uint64_t(record), bytes, pageAligned));
        entry.record = record;
    }
    std::lock_guard lock(slotMutex_);
    unflushed_[slot.token] = std::move(entry);
    return slot.token;
}

void FileStorageArea::writeReserved(const std::string& token, std::string_view bytes, const ObjectProvenance& about) {
    int fd = -1;
    std::int64_t record = -1;
    std::shared_ptr<PendingLogWrite> logWrite;
    {
        std::lock_guard lock(slotMutex_);
        auto it = unflushed_.find(token);
        if (it == unflushed_.end()) throw Error(ErrorCode::Io, (staging_ / token).string() + ": not reserved for writing");
        fd = it->second.fd;
        record = it->second.record;
        logWrite = std::move(it->second.logWrite);
    }
    // The file while the record's data is still being written, then the record's header.
    writeAll(fd, bytes, staging_ / token);
    std::uint64_t ticket = 0;
    if (record >= 0)  // begun by reserveUnflushed()
        ticket = log_->finishWrite(*logWrite, std::uint64_t(record), bytes, about.sha256,
                                   {about.receivedMs, about.source, about.pageAligned});
    std::lock_guard lock(slotMutex_);
    if (auto it = unflushed_.find(token); it != unflushed_.end()) {
        it->second.ticket = ticket;
        // Its writing starts soon (startWriteback()): when the syncer flushes it, little is left to do.
        it->second.writeback = record >= 0;
    }
}

std::int64_t FileStorageArea::reserveLog(std::uint64_t length) {
    if (!log_ || !log_->usable() || length > log_->maxObject()) return -1;
    // The log's other half is freed as the syncer flushes the files it
    // holds; after a few seconds without room the object is flushed on its
    // own instead.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (auto offset = log_->reserve(length)) return std::int64_t(*offset);
        {
            std::lock_guard lock(slotMutex_);
            spaceWanted_ = true;
        }
        syncWake_.notify_one();
        log_->waitForSpace(std::chrono::milliseconds(100));
    }
    return -1;
}

std::optional<std::string> FileStorageArea::adopt(const fs::path& file, std::string_view bytes,
                                                  const ObjectProvenance& about, bool deferred, int fd) {
    // Durable through the log (or, deferred, through syncPublished()): the
    // file's own name in the staging folder need not be.
    if (!deferred && (!log_ || !log_->usable() || bytes.size() > log_->maxObject())) return std::nullopt;
    {
        std::lock_guard lock(slotMutex_);
        if (syncFailed_) return std::nullopt;
    }
    // A file in a folder of the staging folder (the network spool folder,
    // incoming/network) is staged where it lies; another is moved here.
    std::string token;
    fs::path path;
    if (file.has_parent_path() && file.parent_path().parent_path() == staging_) {
        path = file;
        token = (file.parent_path().filename() / file.filename()).generic_string();
    } else {
        token = uniqueToken();
        path = staging_ / token;
        if (::rename(file.c_str(), path.c_str()) != 0) return std::nullopt;  // another file system: copied instead
    }
    Unflushed entry;
    // For fdatasync() later (a rename keeps the file, and the descriptor with it).
    entry.fd = fd >= 0 ? ::fcntl(fd, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (entry.fd < 0) {
        const int error = errno;
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": cannot open (" + why(error) + ")");
    }
    entry.writeback = true;  // see startWriteback()
    entry.deferred = deferred;
    if (!deferred) {
        try {
            entry.record = reserveLog(bytes.size());
            if (entry.record >= 0) {
                try {
                    entry.ticket = log_->write(std::uint64_t(entry.record), bytes, about.sha256,
                                               {about.receivedMs, about.source, about.pageAligned});
                } catch (...) {
                    log_->release(std::uint64_t(entry.record));
                    throw;
                }
            } else {
                fsyncDirectory(path.parent_path());  // no room in the log: the name must be durable itself
            }
        } catch (...) {
            ::close(entry.fd);
            ::unlink(path.c_str());
            throw;
        }
    }
    std::lock_guard lock(slotMutex_);
    unflushed_[token] = entry;
    return token;
}

std::string FileStorageArea::stageDeferred(std::string_view bytes) {
    const Slot slot = takeSlot();
    const std::string& token = slot.token;
    Unflushed entry;
    entry.fd = writeSlot(slot, bytes);
    entry.deferred = true;
    entry.writeback = true;  // see startWriteback()
    std::lock_guard lock(slotMutex_);
    unflushed_[token] = entry;
    return token;
}

void FileStorageArea::startWriteback() {
    // The syncer and discard() may close these descriptors: the writeback is
    // started through duplicates, outside the lock (which the receiving
    // threads need meanwhile).
    std::vector<int> files;
    {
        std::lock_guard lock(slotMutex_);
        for (auto& [token, entry] : unflushed_) {
            if (!entry.writeback) continue;
            entry.writeback = false;
            const int fd = ::fcntl(entry.fd, F_DUPFD_CLOEXEC, 0);
            if (fd >= 0) files.push_back(fd);
        }
    }
    for (int fd : files) {
        ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        ::close(fd);
    }
}

std::optional<std::string> FileStorageArea::fromLog(const Digest& sha256) const {
    if (!log_ || !log_->usable()) return std::nullopt;
    return log_->find(sha256);
}

bool FileStorageArea::isLogged(const std::string& token) const {
    std::lock_guard lock(slotMutex_);
    auto it = unflushed_.find(token);
    return it != unflushed_.end() && it->second.record >= 0;
}

void FileStorageArea::setIndexJournal(const fs::path& journal) {
    std::lock_guard lock(journalMutex_);
    journal_ = journal;
}

bool FileStorageArea::syncIndexJournal() {
    std::lock_guard lock(journalMutex_);
    if (journal_.empty()) return true;  // no index that commits without a flush
    // SQLite writes its journal through its own descriptor; flushing the file
    // through ours covers those writes (same inode). The journal is made anew
    // only when the last connection closes (after a checkpoint that flushed
    // the database): a descriptor that no longer names it is replaced, and
    // no journal at all means every commit is in the flushed database.
    struct stat named {}, held {};
    if (::stat(journal_.c_str(), &named) != 0) return errno == ENOENT;
    if (journalFd_ >= 0 && (::fstat(journalFd_, &held) != 0 || held.st_ino != named.st_ino || held.st_dev != named.st_dev)) {
        ::close(journalFd_);
        journalFd_ = -1;
    }
    if (journalFd_ < 0) journalFd_ = ::open(journal_.c_str(), O_RDONLY | O_CLOEXEC);
    if (journalFd_ < 0) return errno == ENOENT;
    return ::fdatasync(journalFd_) == 0;
}

void FileStorageArea::syncDirectories() {
    // One caller at a time: a caller that finds the set empty must not
    // return while another is still flushing what it took.
    std::lock_guard serial(dirSyncMutex_);
    std::set<fs::path> dirs;
    {
        std::lock_guard lock(mutex_);
        dirs.swap(dirtyDirs_);
    }
    for (auto it = dirs.begin(); it != dirs.end(); ++it) {
        try {
            fsyncDirectory(*it);
        } catch (...) {
            std::lock_guard lock(mutex_);
            dirtyDirs_.insert(it, dirs.end());  // still to be flushed
            throw;
        }
    }
}

std::vector<LoggedObject> FileStorageArea::loggedObjects() const {
    std::vector<LoggedObject> out;
    if (!log_ || !log_->usable()) return out;
    for (ObjectLog::Record& r : log_->live())
        out.push_back({std::move(r.bytes), r.sha256, r.receivedMs, std::move(r.source)});
    return out;
}

void FileStorageArea::releaseLog() {
    if (log_ && log_->usable()) log_->releaseAll();
}

void FileStorageArea::flushStaged(const std::string& token) {
    int fd = -1;
    {
        std::unique_lock lock(slotMutex_);
        auto it = unflushed_.find(token);
        if (it == unflushed_.end()) return;  // discarded, or already flushed by the syncer
        if (it->second.record >= 0) {
            // In the log: flushing the log makes the object durable (its file
            // follows in a batch; until then recovery finds it in the log).
            const std::uint64_t ticket = it->second.ticket;
            lock.unlock();
            log_->flush(ticket);
            return;
        }
        fd = it->second.fd;
        unflushed_.erase(it);
    }
    // The file may have been moved into place meanwhile: the descriptor still
    // names its data.
    const int rc = ::fdatasync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        throw Error(ErrorCode::Io, (staging_ / token).string() + ": flushing to disk failed (" + why(error) + ")");
}

// Every staged name is a slot whose name was flushed when the slot was made.
void FileStorageArea::syncStaging() {}

void FileStorageArea::ensureParent(const fs::path& file) {
    const fs::path dir = file.parent_path();
    {
        std::lock_guard lock(mutex_);
        if (knownDirs_.count(dir)) return;
    }
    // Create missing folders top-down, flushing each new folder's parent so
    // the folder survives a power cut together with the file inside it.
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && p != root_ && !fs::exists(p); p = p.parent_path()) missing.push_back(p);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST)
            throw Error(ErrorCode::Io, it->string() + ": cannot create folder (" + why(errno) + ")");
        fsyncDirectory(it->parent_path());
    }
    std::lock_guard lock(mutex_);
    knownDirs_.insert(dir);
}

void FileStorageArea::publish(const std::string& token, const std::string& key) {
    const fs::path target = root_ / key;
    ensureParent(target);
    const fs::path source = staging_ / token;
    if (::rename(source.c_str(), target.c_str()) != 0)
        throw Error(ErrorCode::Io, target.string() + ": cannot move the received object into place (" + why(errno) + ")");
    {
        // Before the syncer can see the object published: it flushes this
        // folder before it releases the object's log record.
        std::lock_guard lock(mutex_);
        dirtyDirs_.insert(target.parent_path());
    }
    std::lock_guard lock(slotMutex_);
    ownSlots_.erase(token);
    auto it = unflushed_.find(token);
    if (it != unflushed_.end() && it->second.batched() && !it->second.published) {
        it->second.published = true;
        if (++publishedUnflushed_ >= kSyncBatch) syncWake_.notify_one();
    }
}

void FileStorageArea::syncPublished() {
    // The published objects' data first (what the syncer has not done yet).
    flushPublishedData();
    {
        std::unique_lock lock(slotMutex_);
        syncDone_.wait(lock, [&] { return syncing_ == 0; });
        if (syncFailed_)
            throw Error(ErrorCode::Io, root_.string() + ": the disk failed to write a received object's data");
    }
    syncDirectories();
    // Released records must not come back after a crash: the caller may now
    // change the index in ways a replay of them would contradict.
    if (log_ && log_->usable()) log_->syncReleased();
}

void FileStorageArea::notePublished(const std::string& key) {
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert((root_ / key).parent_path());
}

void FileStorageArea::discard(const std::string& token) noexcept {
    const fs::path path = staging_ / token;
    try {
        // A discarded object is not acknowledged as stored: whoever would
        // have flushed it finds nothing to flush. Its object log record is
        // let go - once a write into it still in flight has ended (outside
        // the lock), so that its place is never written twice at once.
        // Only its own caller lets a staged object go (GroupCommit::wait()):
        // nobody uses the token afterwards.
        std::shared_ptr<PendingLogWrite> logWrite;
        std::int64_t record = -1;
        {
            std::lock_guard lock(slotMutex_);
            if (auto it = unflushed_.find(token); it != unflushed_.end()) {
                ::close(it->second.fd);
                logWrite = std::move(it->second.logWrite);
                record = it->second.record;
                if (it->second.published && publishedUnflushed_ > 0) --publishedUnflushed_;
                unflushed_.erase(it);
            }
        }
        logWrite.reset();
        if (log_ && record >= 0) log_->release(std::uint64_t(record));
        std::lock_guard lock(slotMutex_);
        // Only slots this instance made are known to have durable names:
        // those are emptied and go back to the pool, anything else is removed.
        if (ownSlots_.count(token)) {
            if (std::any_of(freeSlots_.begin(), freeSlots_.end(), [&](const Slot& s) { return s.token == token; }))
                return;
            if (::truncate(path.c_str(), 0) == 0) {
                freeSlots_.push_back({token, -1});
                return;
            }
            ownSlots_.erase(token);
        }
    } catch (...) {
    }
    ::unlink(path.c_str());
}

bool FileStorageArea::isStaged(const std::string& token) const {
    std::error_code ec;
    return fs::is_regular_file(staging_ / token, ec);
}

std::vector<std::string> FileStorageArea::stagedTokens() const {
    // Slots, and files adopted where they lie one folder down (see adopt()).
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(staging_, ec)) {
        if (e.is_regular_file(ec)) {
            out.push_back(e.path().filename().string());
        } else if (e.is_directory(ec)) {
            std::error_code inner;
            for (const auto& f : fs::directory_iterator(e.path(), inner))
                if (f.is_regular_file(inner))
                    out.push_back((e.path().filename() / f.path().filename()).generic_string());
        }
    }
    return out;
}

std::string FileStorageArea::readStaged(const std::string& token) const { return readFile(staging_ / token); }

std::string FileStorageArea::read(const std::string& key) const { return readFile(root_ / key); }

bool FileStorageArea::exists(const std::string& key) const {
    std::error_code ec;
    return fs::is_regular_file(root_ / key, ec);
}

std::uint64_t FileStorageArea::size(const std::string& key) const {
    std::error_code ec;
    const auto n = fs::file_size(root_ / key, ec);
    return ec ? 0 : std::uint64_t(n);
}

void FileStorageArea::remove(const std::string& key) {
    const fs::path path = root_ / key;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw Error(ErrorCode::Io, path.string() + ": cannot remove (" + why(errno) + ")");
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert(path.parent_path());
}

void FileStorageArea::move(const std::string& from, const std::string& to) {
    const fs::path target = root_ / to;
    ensureParent(target);
    if (::rename((root_ / from).c_str(), target.c_str()) != 0)
        throw Error(ErrorCode::Io, (root_ / from).string() + ": cannot move to " + target.string() + " (" + why(errno) + ")");
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert(target.parent_path());
    dirtyDirs_.insert((root_ / from).parent_path());
}

void FileStorageArea::forEach(const std::string& prefix, const std::function<void(const std::string& key)>& visit) const {
    const fs::path base = root_ / prefix;
    std::error_code ec;
    if (!fs::is_directory(base, ec)) return;
    for (auto it = fs::recursive_directory_iterator(base, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file(ec)) visit(fs::relative(it->path(), root_).generic_string());
    }
}

fs::path FileStorageArea::filePath(const std::string& key) const { return root_ / key; }

}  // namespace lightbox::archive
