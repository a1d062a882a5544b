#pragma once
// The embedded mini-archive: a SQLite (WAL) index of Patient -> Study ->
// Series -> Instance over a store of Part 10 files kept as received.
//
// Layout under the root folder:
//   index.sqlite (+ -wal, -shm)   the index, numbered schema migrations
//   store/ab/cd/<sha-256>.dcm     archived objects (folders per study)
//   conflicts/<sha-256>.dcm       objects whose SOP Instance UID was taken by other content
//   incoming/                     staging for objects being written
//   quarantine/                   unreadable files set aside by repair()
//   archive.lock                  held while an Archive is open (repair needs it alone)
//
// Nothing acknowledged is ever lost: store() returns only after the object's
// bytes and what its index row needs are durable - in the object log (whose
// record is the index commit's redo log: that commit is not flushed), or in
// its own flushed file with its index row committed with synchronous=FULL.
// Concurrent store() calls share index commits (group commit) and log
// flushes. See archive/README.md.
//
// Errors: core::Error throughout - Io for disk and index failures,
// InvalidArgument for bad requests, FileNotFound for unknown entities.

#include "lightbox/archive/Export.h"
#include "lightbox/archive/Import.h"
#include "lightbox/archive/Integrity.h"
#include "lightbox/archive/Query.h"
#include "lightbox/archive/Reconcile.h"
#include "lightbox/archive/StorageArea.h"
#include "lightbox/archive/Store.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::archive {

struct ArchiveStatistics {
    std::uint64_t patients = 0, studies = 0, series = 0, instances = 0, conflicts = 0, bytes = 0;
};

enum class ConflictResolution { KeepArchived, KeepReceived };
std::string_view conflictResolutionName(ConflictResolution how);  // "archived", "received"

struct ConflictRecord {
    std::int64_t id = 0;
    std::string sopInstanceUid, studyInstanceUid, patientId, source, reason;
    std::filesystem::path path;  // the object kept aside
    std::int64_t receivedMs = 0;
};

// Rows for the index benchmark: patients, studies, series and instances
// written straight into the index (no files).
struct SyntheticIndexSpec {
    std::size_t studies = 100000;
    std::size_t seriesPerStudy = 4;
    std::size_t instancesPerSeries = 25;
    std::size_t studiesPerPatient = 2;
    std::uint32_t seed = 1;
};

class Archive {
public:
    // Opens or creates the archive under `root`, migrating its index and
    // finishing file moves a crash interrupted. Throws Error(Io).
    static std::unique_ptr<Archive> open(const std::filesystem::path& root);
    // An index in memory over the given storage area (a MemoryStorageArea
    // when null): for tests of storing and matching.
    static std::unique_ptr<Archive> openInMemory(std::unique_ptr<StorageArea> storage = nullptr);
    ~Archive();
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    const std::filesystem::path& root() const;  // empty in memory
    // Writes the object log's blocks once (64 MiB; kept for the archive's
    // life) and grows the index's WAL to its working size: until then each
    // flush of a record or a commit extends a file, which costs a journal
    // commit. A server calls it before it listens.
    void preallocateObjectLog();
    int schemaVersion() const;

    // Thread-safe. Returns once the outcome is durable. Rejected and
    // Conflict are answers, not exceptions; Error(Io) means the object could
    // not be made durable (disk full...) and was not acknowledged.
    StoreResult store(std::string_view part10Bytes, const StoreContext& context);
    // The same for an object in a file on the archive's file system (a
    // network spool file): the archive may take the file over (move it)
    // instead of writing a copy; the caller removes whatever is left.
    StoreResult storeFile(const std::filesystem::path& file, const StoreContext& context);
    // Returns once every object stored so far is durable, those stored with
    // StoreContext::deferDurability included. Throws Error(Io).
    void flush();

    // C-FIND semantics (see Query.h). Thread-safe.
    std::vector<QueryRow> query(const Query& query) const;
    // The stored objects below an entity, for C-MOVE / C-GET (see Query.h).
    std::vector<LocatedInstance> locate(Level level,
                                        const std::vector<std::pair<std::string, std::string>>& uniqueKeys) const;
    // The bytes of a located object, exactly as received.
    std::string read(const LocatedInstance& instance) const;

    ArchiveStatistics statistics() const;
    std::vector<ConflictRecord> conflicts() const;
    // Decides a conflict (ConflictRecord::id). KeepArchived discards the
    // received version. KeepReceived makes it the archived object (index rows
    // follow its attributes) and keeps the previously archived version aside
    // as a conflict in turn. Index and files change together (journal).
    // Throws Error(InvalidArgument) for an unknown id.
    void resolveConflict(std::int64_t conflictId, ConflictResolution how);

    // Files, folders (recursively), DICOMDIR files (their referenced
    // objects) and .zip archives; several at once share index commits.
    ImportSummary importPaths(const std::vector<std::filesystem::path>& paths, const ImportOptions& options = {});

    // Re-hashes every stored file and checks index and files agree.
    VerifyReport verify(const std::function<void(std::size_t done, std::size_t total)>& progress = {}) const;
    // Rebuilds the index from the files under `root`. The archive must not be
    // open anywhere (Error(Io) otherwise). Unreadable files go to quarantine/.
    static RepairReport repair(const std::filesystem::path& root,
                               const std::function<void(std::size_t done, std::size_t total)>& progress = {});

    // IHE PIR: updates index and stored objects (rewritten atomically, new
    // checksums) for every study of the patient.
    ReconcileReport reconcile(const PatientUpdate& update);

    // Writes the study's objects under `outDir` (created; must not hold
    // files already). With `anonymize`: PS3.15 Basic Application Level
    // Confidentiality Profile, UIDs remapped consistently within the export.
    ExportReport exportStudy(const std::string& studyInstanceUid, const std::filesystem::path& outDir,
                             bool anonymize);

    // Benchmark support: bulk rows (see SyntheticIndexSpec). Fast because it
    // writes in key order inside a few large transactions.
    void generateSyntheticIndex(const SyntheticIndexSpec& spec,
                                const std::function<void(std::size_t studiesDone)>& progress = {});

    struct Impl;

private:
    explicit Archive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace lightbox::archive
