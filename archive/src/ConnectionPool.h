#pragma once
// Connections to the index. SQLite connections must not be used by two
// threads at once, so: one writer connection (a lease on it is exclusive),
// and reader connections handed out from a pool - in WAL mode readers run
// beside the writer and see the last committed state. An in-memory index
// (for tests) has a single connection that every lease shares in turn.

#include "Sqlite.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace lightbox::archive {

class ConnectionPool {
public:
    explicit ConnectionPool(const std::filesystem::path& file);  // WAL database file
    ConnectionPool();                                            // private in-memory database
    ~ConnectionPool();

    class Lease {
    public:
        Lease(Lease&& o) noexcept;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease();
        sql::Connection& operator*() const { return *connection_; }
        sql::Connection* operator->() const { return connection_; }

    private:
        friend class ConnectionPool;
        Lease(ConnectionPool* pool, sql::Connection* c, std::unique_lock<std::mutex> lock, bool pooled);
        ConnectionPool* pool_;
        sql::Connection* connection_;
        std::unique_lock<std::mutex> lock_;
        bool pooled_;
    };

    // How the writer's commits reach the disk. Full: a commit returns only
    // after the WAL is flushed (every writer but one). Normal: not flushed -
    // for the store committer, whose batches are redone from the object log
    // (GroupCommit::commit). The pragma runs only when the mode changes.
    enum class Sync { Full, Normal };
    Lease writer(Sync sync = Sync::Full);
    Lease reader();
    bool inMemory() const { return !file_; }

private:
    void giveBack(sql::Connection* c);
    std::unique_ptr<sql::Connection> openReader();

    std::optional<std::filesystem::path> file_;
    std::unique_ptr<sql::Connection> writer_;
    Sync writerSync_ = Sync::Full;  // guarded by writerMutex_
    std::mutex writerMutex_;
    std::mutex poolMutex_;
    std::vector<std::unique_ptr<sql::Connection>> idle_;
};

}  // namespace lightbox::archive
