#include "SqliteDb.h"

#include "lightbox/core/Error.h"

#include <sqlite3.h>

namespace lightbox::calibration::detail {

using core::Error;
using core::ErrorCode;

namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw Error(ErrorCode::Io, "QC history: " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

SqliteDb::SqliteDb(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(ErrorCode::Io, "QC history: cannot open " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 5000);
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

void SqliteDb::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string why = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error(ErrorCode::Io, "QC history (" + path_ + "): " + why);
    }
}

Statement SqliteDb::prepare(const std::string& sql) { return Statement(db_, sql); }

std::int64_t SqliteDb::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &stmt_, nullptr) != SQLITE_OK) fail(db, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }

Statement& Statement::bind(int i, std::int64_t v) {
    if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
    return *this;
}
Statement& Statement::bind(int i, const std::string& v) {
    if (sqlite3_bind_text(stmt_, i, v.data(), int(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::optional<double> v) { return v ? bind(i, *v) : bindNull(i); }
Statement& Statement::bindBlob(int i, std::span<const std::uint8_t> bytes) {
    if (sqlite3_bind_blob(stmt_, i, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
    return *this;
}
Statement& Statement::bindNull(int i) {
    if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
}
void Statement::run() {
    while (step()) {
    }
}
void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
std::int64_t Statement::integer(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::real(int c) const { return sqlite3_column_double(stmt_, c); }
std::optional<double> Statement::optionalReal(int c) const {
    return isNull(c) ? std::nullopt : std::optional<double>(real(c));
}
std::string Statement::text(int c) const {
    const auto* p = sqlite3_column_text(stmt_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(stmt_, c))) : std::string();
}
std::vector<std::uint8_t> Statement::blob(int c) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, c));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(stmt_, c)) : std::vector<std::uint8_t>();
}

}  // namespace lightbox::calibration::detail
