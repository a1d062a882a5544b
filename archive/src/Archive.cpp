#include "ArchiveImpl.h"

#include "HeaderScan.h"
#include "InstanceRecord.h"
#include "QueryEngine.h"
#include "Schema.h"

#include "lightbox/archive/Sha256.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <random>
#include <thread>

namespace lightbox::archive {

using core::Error;
using core::ErrorCode;

namespace {

std::string newOwner() {
    std::random_device rd;
    char text[48];
    std::snprintf(text, sizeof text, "%d-%08x%08x", int(::getpid()), rd(), rd());
    return text;
}

}  // namespace

int lockArchive(const std::filesystem::path& root, bool exclusive) {
    const std::filesystem::path path = root / "archive.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(ErrorCode::Io, path.string() + ": cannot open (" + std::strerror(errno) + ")");
    if (exclusive) {
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            throw Error(ErrorCode::Io, root.string() + ": the archive is in use by another process");
        }
        return fd;
    }
    // A repair holds the lock exclusively for its whole run; wait a while for it.
    for (int attempt = 0; attempt < 600; ++attempt) {
        if (::flock(fd, LOCK_SH | LOCK_NB) == 0) return fd;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::close(fd);
    throw Error(ErrorCode::Io, root.string() + ": the archive is locked (a repair is running)");
}

void unlockArchive(int fd) {
    if (fd < 0) return;
    ::flock(fd, LOCK_UN);
    ::close(fd);
}

Archive::Impl::~Impl() {
    commits.reset();  // drain before the index and storage go away
    writer.reset();
    pool.reset();
    unlockArchive(lockFd);
}

namespace {

// The checksum a content-addressed key names ("store/../<sha-256>.dcm",
// "conflicts/<sha-256>.dcm"); false for other keys.
bool keyDigest(const std::string& key, Digest& digest) {
    const std::size_t slash = key.rfind('/');
    std::string_view name = std::string_view(key).substr(slash == std::string::npos ? 0 : slash + 1);
    if (name.size() != 64 + 4 || name.substr(64) != ".dcm") return false;
    return fromHex(name.substr(0, 64), digest);
}

}  // namespace

void Archive::Impl::recover() {
    ConnectionPool::Lease db = pool->writer();
    struct Row {
        std::string action, token, key, sopUid;
    };
    std::vector<Row> rows;
    {
        sql::Statement st = db->prepare("SELECT action, token, key, sop_uid FROM pending_files ORDER BY id");
        while (st.step()) rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    }
    sql::Transaction tx(*db);
    for (const Row& r : rows) {
        if (r.action == "delete") storage->remove(r.key);
        if (r.action != "publish") continue;
        // The object's data was flushed while its row committed: if the crash
        // came first, the data is not what the key's checksum says. Such an
        // object was never acknowledged: its rows and files are taken back.
        const bool staged = storage->isStaged(r.token);
        Digest expected{};
        bool intact = true;
        if (keyDigest(r.key, expected)) {
            try {
                intact = Sha256::of(staged ? storage->readStaged(r.token) : storage->read(r.key)) == expected;
            } catch (const Error&) {
                intact = false;  // neither the staged copy nor the published one exists
            }
        }
        if (intact) {
            // A rename done before the crash may not have reached the disk yet.
            staged ? storage->publish(r.token, r.key) : storage->notePublished(r.key);
            continue;
        }
        // Acknowledged once it was in the object log, before its own file
        // was flushed: the log has it.
        if (keyDigest(r.key, expected)) {
            if (std::optional<std::string> logged = storage->fromLog(expected)) {
                if (staged) storage->discard(r.token);
                storage->publish(storage->stage(*logged), r.key);
                continue;
            }
        }
        if (staged) storage->discard(r.token);
        if (!staged && storage->exists(r.key)) storage->remove(r.key);
        if (!r.sopUid.empty()) {
            if (r.key.rfind("conflicts/", 0) == 0) writer->removeConflict(r.sopUid, expected);
            else writer->removeInstance(r.sopUid, expected);
        }
    }
    storage->syncPublished();
    db->exec("DELETE FROM pending_files");
    tx.commit();
    // Staged but never committed: never acknowledged either.
    for (const std::string& token : storage->stagedTokens()) storage->discard(token);
    replayLog(*db);
}

// The object log's live records are objects that were acknowledged (or were
// about to be) while their index rows or files may not have reached the disk:
// each is indexed as store() would have (archived, duplicate or conflict)
// unless the index has it, and its file is restored where it is missing or
// damaged. Then the records are released.
void Archive::Impl::replayLog(sql::Connection& db) {
    const std::vector<LoggedObject> logged = storage->loggedObjects();
    if (logged.empty()) return;
    auto intact = [&](const std::string& key, const Digest& sha) {
        try {
            return storage->exists(key) && Sha256::of(storage->read(key)) == sha;
        } catch (const Error&) {
            return false;
        }
    };
    std::vector<std::pair<std::string, std::string>> moves;  // token -> key
    {
        sql::Transaction tx(db);
        for (const LoggedObject& object : logged) {
            InstanceRecord r;
            try {
                const core::DicomFile file =
                    core::DicomFile::fromView(object.bytes, "object log record", core::DicomFile::Extent::HeaderOnly);
                if (unstorableReason(file)) continue;  // never accepted
                r = recordFrom(file);
            } catch (const Error&) {
                continue;
            }
            r.sha256 = object.sha256;
            r.size = object.bytes.size();
            r.receivedMs = object.receivedMs ? object.receivedMs : nowMs();
            r.source = object.source;
            std::string key;
            const std::optional<IndexWriter::Existing> existing = writer->findInstance(r.sopUid);
            if (!existing) {
                writer->insertInstance(r);
                key = instanceKey(r.studyUid, r.sha256);
            } else if (existing->sha256 == r.sha256) {
                key = instanceKey(existing->studyUid, r.sha256);
                if (intact(key, r.sha256)) continue;
            } else if (writer->conflictExists(r.sopUid, r.sha256)) {
                key = conflictKey(r.sha256);
                if (intact(key, r.sha256)) continue;
            } else {
                std::string archived;
                try {
                    archived = storage->read(instanceKey(existing->studyUid, existing->sha256));
                } catch (const Error&) {
                }
                if (!archived.empty() && sameDataSet(archived, object.bytes)) continue;
                writer->insertConflict(r, "SOP Instance UID " + r.sopUid + " is archived with different content; kept "
                                          "aside as a conflict for review, the archived object is unchanged");
                key = conflictKey(r.sha256);
            }
            const std::string token = storage->stage(object.bytes);  // flushed
            writer->promisePublish(token, key, r.sopUid);
            moves.emplace_back(token, key);
        }
        tx.commit();  // synchronous=FULL
    }
    for (const auto& [token, key] : moves) storage->publish(token, key);
    storage->syncPublished();
    storage->releaseLog();
    sql::Transaction tx(db);
    writer->forgetOwnPromises();
    tx.commit();
}

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

std::unique_ptr<Archive> Archive::open(const std::filesystem::path& root) {
    std::error_code ec;
    std::filesystem::create_directories(root, ec);
    if (ec) throw Error(ErrorCode::Io, root.string() + ": cannot create the archive folder (" + ec.message() + ")");
    auto impl = std::make_unique<Impl>();
    impl->root = root;
    // Alone: recover what a crash interrupted, then share the archive.
    bool alone = true;
    try {
        impl->lockFd = lockArchive(root, true);
    } catch (const Error&) {
        alone = false;
        impl->lockFd = lockArchive(root, false);
    }
    impl->storage = std::make_unique<FileStorageArea>(root);
    impl->pool = std::make_unique<ConnectionPool>(root / "index.sqlite");
    {
        ConnectionPool::Lease db = impl->pool->writer();
        migrate(*db);
    }
    impl->owner = newOwner();
    {
        ConnectionPool::Lease db = impl->pool->writer();
        impl->writer = std::make_unique<IndexWriter>(*db, impl->owner);
    }
    // Log records of objects committed without a flush are released only
    // after this journal is flushed.
    impl->storage->setIndexJournal(root / "index.sqlite-wal");
    if (alone) {
        impl->recover();
        ::flock(impl->lockFd, LOCK_SH);
    }
    impl->commits = std::make_unique<GroupCommit>(*impl->pool, *impl->writer, *impl->storage);
    return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

std::unique_ptr<Archive> Archive::openInMemory(std::unique_ptr<StorageArea> storage) {
    auto impl = std::make_unique<Impl>();
    impl->storage = storage ? std::move(storage) : std::make_unique<MemoryStorageArea>();
    impl->pool = std::make_unique<ConnectionPool>();
    impl->owner = newOwner();
    {
        ConnectionPool::Lease db = impl->pool->writer();
        migrate(*db);
        impl->writer = std::make_unique<IndexWriter>(*db, impl->owner);
    }
    impl->recover();
    impl->commits = std::make_unique<GroupCommit>(*impl->pool, *impl->writer, *impl->storage);
    return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

const std::filesystem::path& Archive::root() const { return impl_->root; }

void Archive::preallocateObjectLog() {
    impl_->storage->preallocateLog();
    if (impl_->root.empty()) return;
    // The index's WAL likewise: a fresh WAL grows with every commit (a
    // journal commit per flush) until the first checkpoint lets it start
    // over. Growing it once to past the checkpoint size (1000 pages) and
    // resetting it means later commits overwrite blocks it has; the freed
    // pages stay in the database for the rows to come.
    ConnectionPool::Lease db = impl_->pool->writer();
    db->exec("DROP TABLE IF EXISTS wal_reserve");
    db->exec("CREATE TABLE wal_reserve (b BLOB)");
    db->exec("INSERT INTO wal_reserve VALUES (zeroblob(6291456))");
    db->exec("DROP TABLE wal_reserve");
    db->exec("PRAGMA wal_checkpoint(RESTART)");
}

void Archive::flush() {
    if (impl_->flushFailed)
        throw Error(ErrorCode::Io, "the archive's disk failed to write an earlier object (run `archive verify`)");
    impl_->storage->syncPublished();
}

int Archive::schemaVersion() const {
    ConnectionPool::Lease db = impl_->pool->reader();
    return archive::schemaVersion(*db);
}

StoreResult Archive::store(std::string_view bytes, const StoreContext& context) {
    return storeObject(*impl_, bytes, context);
}

namespace {

// A received object's file, read into a buffer its thread keeps: no fresh
// allocation (nor the kernel zero-filling its pages) per object. Objects
// larger than kKeepUpTo get a buffer of their own that goes with the call.
class FileBytes {
public:
    explicit FileBytes(const std::filesystem::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            const int error = errno;
            if (error == ENOENT) throw Error(ErrorCode::FileNotFound, path.string() + ": no such file");
            throw Error(ErrorCode::Io, path.string() + ": cannot open (" + std::strerror(error) + ")");
        }
        struct stat st {};
        // One byte more than the file's size, so that reading to the end costs one read().
        std::size_t capacity = (::fstat(fd, &st) == 0 && st.st_size > 0 ? std::size_t(st.st_size) : 0) + 1;
        char* data = buffer(capacity, 0);
        std::size_t done = 0;
        for (;;) {
            if (done == capacity) data = buffer(capacity *= 2, done);  // it grew meanwhile
            const ssize_t n = ::read(fd, data + done, capacity - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                const int error = errno;
                ::close(fd);
                throw Error(ErrorCode::Io, path.string() + ": read failed (" + std::strerror(error) + ")");
            }
            if (n == 0) break;
            done += std::size_t(n);
        }
        fd_ = fd;  // kept open: the storage may duplicate it (see StorageArea::adopt)
        bytes_ = std::string_view(data, done);
    }
    ~FileBytes() {
        ::close(fd_);
        if (kept_) kept().inUse = false;
    }
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;

    std::string_view bytes() const { return bytes_; }
    int descriptor() const { return fd_; }

private:
    static constexpr std::size_t kKeepUpTo = 16u << 20;
    struct Kept {
        std::unique_ptr<char[]> data;
        std::size_t capacity = 0;
        bool inUse = false;
    };
    static Kept& kept() {
        static thread_local Kept k;
        return k;
    }
    // A buffer of `n` bytes holding the first `keep` bytes of the current one.
    char* buffer(std::size_t n, std::size_t keep) {
        Kept& k = kept();
        if (n <= kKeepUpTo && (kept_ || !k.inUse)) {
            if (k.capacity < n) {
                std::unique_ptr<char[]> bigger(new char[n]);
                if (keep) std::memcpy(bigger.get(), k.data.get(), keep);
                k.data = std::move(bigger);
                k.capacity = n;
            }
            k.inUse = kept_ = true;
            return k.data.get();
        }
        std::unique_ptr<char[]> own(new char[n]);
        if (keep) std::memcpy(own.get(), kept_ ? k.data.get() : own_.get(), keep);
        if (kept_) k.inUse = kept_ = false;
        own_ = std::move(own);
        return own_.get();
    }

    bool kept_ = false;
    int fd_ = -1;
    std::unique_ptr<char[]> own_;
    std::string_view bytes_;
};

}  // namespace

StoreResult Archive::storeFile(const std::filesystem::path& file, const StoreContext& context) {
    const FileBytes bytes(file);
    return storeObject(*impl_, bytes.bytes(), context, nullptr, &file, bytes.descriptor());
}

StoreResult storeObject(Archive::Impl& impl, std::string_view bytes, const StoreContext& context,
                        bool* mediaDirectory, const std::filesystem::path* adopt, int adoptFd) {
    StoreResult result;
    const std::string name = context.source.empty() ? std::string("received object") : context.source;
    // The header scan answers for the common objects; whatever it is not
    // sure of is read by GDCM as before (and refused with GDCM's words).
    std::optional<ScannedObject> header = scanObject(bytes);  // what storing needs of the header
    if (!header) {
        core::DicomFile file;
        try {
            file = core::DicomFile::fromView(bytes, name, core::DicomFile::Extent::HeaderOnly);  // no copy
        } catch (const Error& e) {
            if (e.code() == ErrorCode::Io) throw;
            result.reason = e.what();
            return result;
        }
        header.emplace();
        header->mediaDirectory = isMediaDirectory(file);
        header->unstorableReason = unstorableReason(file);
        if (header->unstorableReason) header->sopInstanceUid = file.stringOr(core::tags::SOPInstanceUID, "");
        else header->record = recordFrom(file);
    }
    if (mediaDirectory) *mediaDirectory = header->mediaDirectory;
    if (header->unstorableReason) {
        result.reason = name + ": " + *header->unstorableReason;
        result.sopInstanceUid = std::move(header->sopInstanceUid);
        return result;
    }
    GroupCommit::Job job;
    job.record = std::move(header->record);
    // An object received in memory is hashed while its log record's data is
    // written (below); the others now (the lookup below needs the checksum).
    const bool hashWhileWriting = !adopt && !context.deferDurability;
    if (!hashWhileWriting) job.record.sha256 = Sha256::of(bytes);
    job.record.size = bytes.size();
    job.record.receivedMs = nowMs();
    job.record.source = context.source;
    if (!context.callingAeTitle.empty() && context.source.empty()) job.record.source = "dimse:" + context.callingAeTitle;
    job.bytes = bytes;
    result.sopInstanceUid = job.record.sopUid;
    result.sopClassUid = job.record.sopClassUid;
    result.studyInstanceUid = job.record.studyUid;
    result.seriesInstanceUid = job.record.seriesUid;
    result.transferSyntaxUid = job.record.transferSyntax;
    // An object read from a file (a re-imported folder, a re-retrieved
    // study) that is archived already costs one lookup on a reader connection
    // instead of a write. An object received in memory skips it: the
    // committer's own lookup finds a re-sent one (its staged copy and log
    // record are then let go), and a new one - nearly every object a
    // modality sends - is spared a read transaction on a changing index.
    if (adopt || context.deferDurability) {
        ConnectionPool::Lease db = impl.pool->reader();
        sql::Statement& st = db->cached(
            "SELECT i.sha256, st.study_uid FROM instances i JOIN series se ON se.id = i.series_fk "
            "JOIN studies st ON st.id = se.study_fk WHERE i.sop_uid = ?1");
        st.bind(1, job.record.sopUid);
        std::optional<std::string> duplicateOf;
        if (st.step()) {
            const std::string sha = st.blob(0);
            if (sha.size() == 32 && std::memcmp(sha.data(), job.record.sha256.data(), 32) == 0) duplicateOf = st.text(1);
        }
        st.reset();  // ends the connection's read snapshot
        if (duplicateOf) {
            result.status = StoreStatus::Duplicate;
            result.path = impl.pathOf(instanceKey(*duplicateOf, job.record.sha256));
            return result;
        }
    }
    if (impl.flushFailed)
        throw Error(ErrorCode::Io, "the archive's disk failed to write an earlier object; no object is accepted until "
                                   "the archive is reopened (then run `archive verify`)");
    // The object's data is flushed here while the committer records it in the
    // index (both are flushes to disk: overlapping them halves the wait of a
    // single association); the object is acknowledged only after both.
    if (context.deferDurability) {
        // Flushed behind, in batches (see Archive::flush()).
        std::optional<std::string> adopted;
        if (adopt) adopted = impl.storage->adopt(*adopt, bytes, {job.record.sha256, 0, {}}, true, adoptFd);
        job.token = adopted ? *adopted : impl.storage->stageDeferred(bytes);
        job.result = std::move(result);
        impl.commits->enqueue(job);
        impl.commits->dataFlushed(job);  // the storage's syncPublished() flushes it before any promise is forgotten
        impl.commits->wait(job);
        if (job.error) std::rethrow_exception(job.error);
        return std::move(job.result);
    }
    // The object log's record carries what the index row needs (the bytes,
    // when and from where): it is the commit's redo log.
    const bool pageAligned = context.pageAligned && reinterpret_cast<std::uintptr_t>(bytes.data()) % 4096 == 0;
    std::optional<std::string> adopted;
    if (adopt)
        adopted = impl.storage->adopt(*adopt, bytes, {job.record.sha256, job.record.receivedMs, job.record.source, pageAligned},
                                      false, adoptFd);
    job.result = std::move(result);
    if (adopted) {
        job.token = *adopted;
        impl.commits->enqueue(job);
    } else {
        // The committer records the object in the index while its data is
        // written here (it commits only once the data is written).
        job.token = impl.storage->reserveUnflushed(bytes, pageAligned);
        job.written = false;
        try {
            if (hashWhileWriting) job.record.sha256 = Sha256::of(bytes);
            impl.commits->enqueue(job);
        } catch (...) {
            impl.storage->discard(job.token);  // never enqueued: its reservation and slot go back
            throw;
        }
        try {
            impl.storage->writeReserved(job.token, bytes,
                                        {job.record.sha256, job.record.receivedMs, job.record.source, pageAligned});
        } catch (...) {
            impl.commits->dataWritten(job, false);
            impl.commits->dataFlushed(job);  // never committed: nothing to flush
            impl.commits->wait(job);
            throw;
        }
        impl.commits->dataWritten(job, true);
    }
    std::exception_ptr flushError;
    try {
        impl.storage->flushStaged(job.token);
    } catch (...) {
        flushError = std::current_exception();
        impl.flushFailed = true;
    }
    impl.commits->dataFlushed(job, !flushError);
    impl.commits->wait(job);
    if (flushError) {
        // Not acknowledged, but its row may be committed, and its log record
        // did not reach the disk: the move is journalled after all, so that
        // recovery checks the file and takes the row back if the data is not
        // whole (this process keeps its promises from now on).
        const bool placed = job.result.status == StoreStatus::Stored || job.result.status == StoreStatus::Conflict;
        if (placed && !job.journaled && !job.error) {
            try {
                const std::string key = job.result.status == StoreStatus::Conflict
                                            ? conflictKey(job.record.sha256)
                                            : instanceKey(job.record.studyUid, job.record.sha256);
                ConnectionPool::Lease db = impl.pool->writer();
                sql::Transaction tx(*db);
                impl.writer->promisePublish(job.token, key, job.record.sopUid);
                tx.commit();
            } catch (...) {
            }
        }
        std::rethrow_exception(flushError);
    }
    if (job.error) std::rethrow_exception(job.error);
    return std::move(job.result);
}

std::vector<QueryRow> Archive::query(const Query& q) const {
    ConnectionPool::Lease db = impl_->pool->reader();
    return runQuery(*db, q);
}

std::vector<LocatedInstance> Archive::locate(Level level,
                                             const std::vector<std::pair<std::string, std::string>>& keys) const {
    std::vector<LocatedInstance> out;
    {
        ConnectionPool::Lease db = impl_->pool->reader();
        out = runLocate(*db, level, keys);
    }
    for (auto& l : out) l.path = impl_->pathOf(l.storageKey);
    return out;
}

std::string Archive::read(const LocatedInstance& instance) const { return impl_->storage->read(instance.storageKey); }

ArchiveStatistics Archive::statistics() const {
    ConnectionPool::Lease db = impl_->pool->reader();
    sql::Statement st = db->prepare(
        "SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM studies), (SELECT count(*) FROM series), "
        "(SELECT coalesce(sum(num_instances), 0) FROM series), (SELECT count(*) FROM conflicts), "
        "(SELECT coalesce(sum(size_bytes), 0) FROM studies)");
    st.step();
    ArchiveStatistics s;
    s.patients = std::uint64_t(st.integer(0));
    s.studies = std::uint64_t(st.integer(1));
    s.series = std::uint64_t(st.integer(2));
    s.instances = std::uint64_t(st.integer(3));
    s.conflicts = std::uint64_t(st.integer(4));
    s.bytes = std::uint64_t(st.integer(5));
    return s;
}

std::vector<ConflictRecord> Archive::conflicts() const {
    ConnectionPool::Lease db = impl_->pool->reader();
    sql::Statement st = db->prepare(
        "SELECT id, sop_uid, study_uid, patient_id, source, reason, sha256, received FROM conflicts ORDER BY id");
    std::vector<ConflictRecord> out;
    while (st.step()) {
        ConflictRecord c;
        c.id = st.integer(0);
        c.sopInstanceUid = st.text(1);
        c.studyInstanceUid = st.text(2);
        c.patientId = st.text(3);
        c.source = st.text(4);
        c.reason = st.text(5);
        Digest sha{};
        const std::string blob = st.blob(6);
        if (blob.size() == sha.size()) std::memcpy(sha.data(), blob.data(), sha.size());
        c.path = impl_->pathOf(conflictKey(sha));
        c.receivedMs = st.integer(7);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace lightbox::archive
