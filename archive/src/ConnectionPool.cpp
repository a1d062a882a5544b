#include "ConnectionPool.h"


namespace lightbox::archive {

namespace {

void tune(sql::Connection& db) {
    // FULL: a commit returns only after the WAL is on disk - the store
    // acknowledgement depends on it. 64 MiB of page cache per connection.
    db.exec("PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF");
}

}  // namespace

ConnectionPool::ConnectionPool(const std::filesystem::path& file) : file_(file) {
    writer_ = std::make_unique<sql::Connection>(file.string());
    writer_->exec("PRAGMA journal_mode=WAL");
    tune(*writer_);
}

ConnectionPool::ConnectionPool() {
    writer_ = std::make_unique<sql::Connection>(":memory:");
    tune(*writer_);
}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::Lease(ConnectionPool* pool, sql::Connection* c, std::unique_lock<std::mutex> lock, bool pooled)
    : pool_(pool), connection_(c), lock_(std::move(lock)), pooled_(pooled) {}

ConnectionPool::Lease::Lease(Lease&& o) noexcept
    : pool_(o.pool_), connection_(o.connection_), lock_(std::move(o.lock_)), pooled_(o.pooled_) {
    o.connection_ = nullptr;
    o.pooled_ = false;
}

ConnectionPool::Lease::~Lease() {
    if (pooled_ && connection_) pool_->giveBack(connection_);
}

ConnectionPool::Lease ConnectionPool::writer(Sync sync) {
    std::unique_lock<std::mutex> lock(writerMutex_);
    if (sync != writerSync_) {
        try {
            writer_->cached(sync == Sync::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL").run();
            writerSync_ = sync;
        } catch (...) {
            if (sync == Sync::Full) throw;  // staying at FULL is merely slower
        }
    }
    return Lease(this, writer_.get(), std::move(lock), false);
}

std::unique_ptr<sql::Connection> ConnectionPool::openReader() {
    auto c = std::make_unique<sql::Connection>(file_->string());
    tune(*c);
    c->exec("PRAGMA query_only=ON; PRAGMA mmap_size=268435456");
    return c;
}

ConnectionPool::Lease ConnectionPool::reader() {
    if (!file_) return writer();
    std::unique_ptr<sql::Connection> c;
    {
        std::lock_guard lock(poolMutex_);
        if (!idle_.empty()) {
            c = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (!c) c = openReader();
    sql::Connection* raw = c.release();
    return Lease(this, raw, {}, true);
}

void ConnectionPool::giveBack(sql::Connection* c) {
    std::lock_guard lock(poolMutex_);
    idle_.push_back(std::unique_ptr<sql::Connection>(c));
}

}  // namespace lightbox::archive
