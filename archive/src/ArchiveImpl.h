#pragma once
// Archive's private state, shared by the files that implement its parts
// (Archive.cpp, Importer.cpp, Integrity.cpp, Reconciler.cpp, Exporter.cpp,
// SyntheticIndex.cpp).

#include "ConnectionPool.h"
#include "GroupCommit.h"
#include "IndexWriter.h"

#include "lightbox/archive/Archive.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

namespace lightbox::archive {

struct Archive::Impl {
    std::filesystem::path root;  // empty in memory
    std::unique_ptr<StorageArea> storage;
    std::unique_ptr<ConnectionPool> pool;
    std::string owner;  // names this instance in the file journal
    std::unique_ptr<IndexWriter> writer;  // on the writer connection: use under pool->writer()
    std::unique_ptr<GroupCommit> commits;
    int lockFd = -1;
    // Set when the disk failed to flush an object's data: the object was not
    // acknowledged, but its index row may be committed. No further object is
    // accepted until the archive is reopened, when recovery takes such rows back.
    std::atomic<bool> flushFailed{false};

    ~Impl();
    // Finishes file moves that a crash interrupted and drops staged objects
    // that were never committed. Only while no other process has the archive.
    void recover();
    // Part of recover(): replays the object log's live records.
    void replayLog(sql::Connection& db);
    std::filesystem::path pathOf(const std::string& key) const { return storage->filePath(key); }
};

// The store pipeline behind Archive::store(); `mediaDirectory` (optional) is
// set when the object was refused for being a DICOMDIR.
// `adopt` (optional): the file `bytes` were read from, which the storage may
// take over instead of writing a copy; `adoptFd` a descriptor open on it.
StoreResult storeObject(Archive::Impl& impl, std::string_view bytes, const StoreContext& context,
                        bool* mediaDirectory = nullptr, const std::filesystem::path* adopt = nullptr,
                        int adoptFd = -1);

// Opens (creating) <root>/archive.lock. Exclusive: fails with Error(Io) at
// once when another process has the archive open; shared: waits out a repair.
int lockArchive(const std::filesystem::path& root, bool exclusive);
void unlockArchive(int fd);

}  // namespace lightbox::archive
