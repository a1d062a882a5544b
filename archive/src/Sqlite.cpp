#include "Sqlite.h"

#include "lightbox/core/Error.h"

#include <sqlite3.h>

namespace lightbox::archive::sql {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    const char* message = db ? sqlite3_errmsg(db) : "out of memory";
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    const bool full = (code & 0xFF) == SQLITE_FULL;
    throw core::Error(core::ErrorCode::Io, "archive index: " + what + ": " + message +
                                               (full ? " (the disk is full)" : ""));
}

}  // namespace

Connection::Connection(const std::string& path, bool readOnly) {
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw core::Error(core::ErrorCode::Io, "archive index " + path + ": cannot open (" + message + ")");
    }
    sqlite3_extended_result_codes(db_, 1);
    // Several connections (group-commit writer, readers, other processes)
    // share the file: wait for a lock instead of failing at once.
    sqlite3_busy_timeout(db_, 30000);
}

Connection::~Connection() {
    cache_.clear();
    sqlite3_close_v2(db_);
}

void Connection::exec(const std::string& sqlText) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sqlText.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        const bool full = (sqlite3_extended_errcode(db_) & 0xFF) == SQLITE_FULL;
        throw core::Error(core::ErrorCode::Io, "archive index: " + message + (full ? " (the disk is full)" : ""));
    }
}

Statement Connection::prepare(std::string_view sqlText) { return Statement(db_, sqlText); }

Statement& Connection::cached(std::string_view sqlText) {
    auto it = cache_.find(std::string(sqlText));
    if (it == cache_.end()) it = cache_.emplace(std::string(sqlText), std::make_unique<Statement>(db_, sqlText)).first;
    it->second->reset();
    return *it->second;
}

std::int64_t Connection::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

Statement::Statement(sqlite3* db, std::string_view sqlText) : db_(db) {
    if (sqlite3_prepare_v3(db, sqlText.data(), int(sqlText.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
        SQLITE_OK)
        fail(db, "preparing \"" + std::string(sqlText.substr(0, 80)) + "\"");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(stmt_);
        db_ = o.db_;
        stmt_ = o.stmt_;
        o.stmt_ = nullptr;
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(stmt_, index, text.data(), int(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "binding a value");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size) {
    if (sqlite3_bind_blob(stmt_, index, data, int(size), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "binding a value");
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "binding a value");
    return *this;
}

Statement& Statement::bindAll(const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) bind(int(i + 1), values[i]);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string statement = sqlite3_sql(stmt_) ? std::string(sqlite3_sql(stmt_)).substr(0, 80) : "";
    sqlite3_reset(stmt_);
    fail(db_, "running \"" + statement + "\"");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(n)) : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::blob(int column) const {
    const void* p = sqlite3_column_blob(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(static_cast<const char*>(p), std::size_t(n)) : std::string();
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int Statement::columns() const { return sqlite3_column_count(stmt_); }

std::string Statement::columnName(int column) const {
    const char* name = sqlite3_column_name(stmt_, column);
    return name ? name : "";
}

Transaction::Transaction(Connection& db, bool immediate) : db_(db) { db_.cached(immediate ? "BEGIN IMMEDIATE" : "BEGIN").run(); }

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // The transaction may already be gone (SQLite rolls back on some errors).
        }
    }
}

void Transaction::commit() {
    db_.cached("COMMIT").run();
    done_ = true;
}

Savepoint::Savepoint(Connection& db, const char* name) : db_(db), name_(name) { db_.cached("SAVEPOINT " + name_).run(); }

Savepoint::~Savepoint() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK TO " + name_);
            db_.exec("RELEASE " + name_);
        } catch (...) {
        }
    }
}

void Savepoint::release() {
    db_.cached("RELEASE " + name_).run();
    done_ = true;
}

}  // namespace lightbox::archive::sql
