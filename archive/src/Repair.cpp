// Archive::repair: a new index built from the files alone, swapped in for the
// old one. What the old index knew beyond the files (when and from where each
// object arrived) is carried over when the old index is still readable.

#include "ArchiveImpl.h"
#include "InstanceRecord.h"
#include "Schema.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

namespace lightbox::archive {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

struct Provenance {
    std::int64_t receivedMs = 0;
    std::string source;
};

struct OldIndex {
    std::unordered_map<std::string, Provenance> bySop;  // instances and conflicts
    std::vector<std::pair<std::string, std::string>> pendingPublish;  // token -> key
    std::vector<std::string> pendingDelete;
};

// The old index, if SQLite can still read it.
OldIndex readOldIndex(const fs::path& file) {
    OldIndex old;
    std::error_code ec;
    if (!fs::exists(file, ec)) return old;
    try {
        sql::Connection db(file.string());
        for (const char* q : {"SELECT sop_uid, received, source FROM instances",
                              "SELECT sop_uid, received, source FROM conflicts"}) {
            sql::Statement st = db.prepare(q);
            while (st.step()) old.bySop.emplace(st.text(0), Provenance{st.integer(1), st.text(2)});
        }
        sql::Statement pending = db.prepare("SELECT action, token, key FROM pending_files ORDER BY id");
        while (pending.step()) {
            if (pending.text(0) == "publish") old.pendingPublish.emplace_back(pending.text(1), pending.text(2));
            else old.pendingDelete.push_back(pending.text(2));
        }
    } catch (const Error&) {
        // Unreadable: the files are the whole truth.
    }
    return old;
}

void fsyncPath(const fs::path& path, bool directory) {
    int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::Io, path.string() + ": cannot open to flush (" + std::strerror(errno) + ")");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw Error(ErrorCode::Io, path.string() + ": flush failed");
}

}  // namespace

RepairReport Archive::repair(const fs::path& root, const std::function<void(std::size_t, std::size_t)>& progress) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) throw Error(ErrorCode::FileNotFound, root.string() + ": no archive folder here");
    struct Lock {
        int fd;
        ~Lock() { unlockArchive(fd); }
    } lock{lockArchive(root, true)};

    RepairReport report;
    const fs::path indexFile = root / "index.sqlite";
    OldIndex old = readOldIndex(indexFile);
    FileStorageArea storage(root);
    // Finish what the old index promised, then drop objects never committed.
    for (const auto& [token, key] : old.pendingPublish)
        storage.isStaged(token) ? storage.publish(token, key) : storage.notePublished(key);
    for (const auto& key : old.pendingDelete) storage.remove(key);
    for (const auto& token : storage.stagedTokens()) storage.discard(token);
    // Acknowledged objects whose own file had not reached the disk when the
    // process stopped are in the object log: their files are made again.
    const std::vector<LoggedObject> logged = storage.loggedObjects();
    for (const LoggedObject& object : logged) {
        auto intact = [&](const std::string& key) {
            try {
                return storage.exists(key) && Sha256::of(storage.read(key)) == object.sha256;
            } catch (const Error&) {
                return false;
            }
        };
        try {
            const core::DicomFile file =
                core::DicomFile::fromView(object.bytes, "object log record", core::DicomFile::Extent::HeaderOnly);
            if (unstorableReason(file)) continue;
            const InstanceRecord r = recordFrom(file);
            const std::string key = instanceKey(r.studyUid, object.sha256);
            if (intact(key) || intact(conflictKey(object.sha256))) continue;
            storage.publish(storage.stage(object.bytes), key);
            old.bySop.try_emplace(r.sopUid, Provenance{object.receivedMs ? object.receivedMs : nowMs(), object.source});
            ++report.restoredFromLog;
        } catch (const Error&) {
            // An unreadable record restores nothing.
        }
    }
    storage.syncPublished();

    const fs::path rebuilt = root / "index.sqlite.rebuild";
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(rebuilt.string() + suffix, ec);
    std::vector<std::string> keys;
    for (const char* prefix : {"store/", "conflicts/"})
        storage.forEach(prefix, [&](const std::string& key) { keys.push_back(key); });
    // Archived objects before kept-aside ones, in a stable order.
    std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
        const bool ca = a.rfind("conflicts/", 0) == 0, cb = b.rfind("conflicts/", 0) == 0;
        return ca != cb ? cb : a < b;
    });
    {
        sql::Connection db(rebuilt.string());
        db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL");
        migrate(db);
        IndexWriter writer(db, "repair");
        std::optional<sql::Transaction> tx;
        std::size_t seen = 0;
        std::unordered_map<std::string, Digest> archivedSha;  // SOP Instance UID -> checksum
        for (const std::string& key : keys) {
            if (!tx) tx.emplace(db);
            ++report.filesScanned;
            std::string bytes;
            try {
                bytes = storage.read(key);
                core::DicomFile file =
                    core::DicomFile::fromBytes(bytes, storage.filePath(key).string(), core::DicomFile::Extent::HeaderOnly);
                if (auto why = unstorableReason(file)) throw Error(ErrorCode::Malformed, *why);
                InstanceRecord r = recordFrom(file);
                r.sha256 = Sha256::of(bytes);
                r.size = bytes.size();
                auto prov = old.bySop.find(r.sopUid);
                if (prov != old.bySop.end()) {
                    r.receivedMs = prov->second.receivedMs;
                    r.source = prov->second.source;
                    old.bySop.erase(prov);
                } else {
                    r.receivedMs = nowMs();
                    r.source = "repair:" + key;
                }
                auto archived = archivedSha.find(r.sopUid);
                std::string target;
                if (archived == archivedSha.end()) {
                    writer.insertInstance(r);
                    archivedSha.emplace(r.sopUid, r.sha256);
                    target = instanceKey(r.studyUid, r.sha256);
                    ++report.instancesIndexed;
                } else if (archived->second == r.sha256) {
                    // A second copy of the same bytes - unless this is the
                    // canonical place an earlier copy was just moved onto.
                    if (key != instanceKey(r.studyUid, r.sha256)) storage.remove(key);
                } else {
                    writer.insertConflict(r, "SOP Instance UID " + r.sopUid + " is archived with different content");
                    target = conflictKey(r.sha256);
                    ++report.conflictsIndexed;
                }
                if (!target.empty() && target != key) {
                    storage.move(key, target);
                    ++report.filesMoved;
                }
            } catch (const Error& e) {
                const std::string quarantined = "quarantine/" + fs::path(key).filename().string();
                try {
                    storage.move(key, quarantined);
                } catch (const Error&) {
                }
                report.quarantined.push_back({IntegrityProblem::Kind::UnreadableFile, quarantined, "", e.what()});
            }
            if (++seen % 1000 == 0) {
                tx->commit();
                tx.reset();
            }
            if (progress) progress(report.filesScanned, keys.size());
        }
        if (tx) tx->commit();
        storage.syncPublished();
    }
    report.rowsWithoutFiles = old.bySop.size();
    // Swap: the old WAL must go first, or SQLite would replay it onto the new file.
    fsyncPath(rebuilt, false);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(indexFile.string() + suffix, ec);
    fs::rename(rebuilt, indexFile, ec);
    if (ec) throw Error(ErrorCode::Io, indexFile.string() + ": cannot replace the index (" + ec.message() + ")");
    fsyncPath(root, true);
    // Every logged object is now in a flushed file and the new index.
    storage.releaseLog();
    return report;
}

}  // namespace lightbox::archive
