#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with typed binding, and transactions. Every failure becomes core::Error(Io)
// with SQLite's own message, so callers speak one error vocabulary.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace lightbox::archive::sql {

class Statement;

class Connection {
public:
    // `path` may be ":memory:" or a "file:" URI.
    explicit Connection(const std::string& path, bool readOnly = false);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(const std::string& sql);  // one or more statements, no results
    Statement prepare(std::string_view sql);
    // A statement prepared once per connection and kept (for statements run
    // per stored object: parsing SQL costs more than running it). Returned
    // reset, bindings cleared; the reference stays valid while the
    // connection lives. Not re-entrant for the same text.
    Statement& cached(std::string_view sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&& o) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binding positions start at 1 (SQLite's convention).
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);
    // Binds all values in order from position 1.
    Statement& bindAll(const std::vector<std::string>& values);

    bool step();   // true while a row is available
    void run();    // step to completion, resetting afterwards
    void reset();  // ready to run again with new bindings

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    std::string blob(int column) const;
    bool isNull(int column) const;
    int columns() const;
    std::string columnName(int column) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed (exception path).
// `immediate` false: a deferred BEGIN, for a consistent read snapshot.
class Transaction {
public:
    explicit Transaction(Connection& db, bool immediate = true);
    ~Transaction();
    void commit();

private:
    Connection& db_;
    bool done_ = false;
};

// SAVEPOINT: one item of a group commit can fail without sinking the batch.
class Savepoint {
public:
    Savepoint(Connection& db, const char* name);
    ~Savepoint();
    void release();

private:
    Connection& db_;
    std::string name_;
    bool done_ = false;
};

}  // namespace lightbox::archive::sql
