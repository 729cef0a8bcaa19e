// SQLite RAII layer (see sqlite.hpp).
#include "state/sqlite.hpp"

#include "base/error.hpp"

namespace vseal::coord {
namespace {

[[noreturn]] void raise(sqlite3* db, int rc, const std::string& context) {
  std::string msg = context;
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  throw Error(
      primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? ErrorCode::Transient : ErrorCode::Io,
      msg);
}

}  // namespace

Database::Database(const std::filesystem::path& path) : path_(path) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = "cannot open state database " + path.string();
    if (db_) {
      const std::string detail = sqlite3_errmsg(db_);
      sqlite3_close(db_);
      db_ = nullptr;
      throw Error(ErrorCode::Io, msg + ": " + detail);
    }
    raise(nullptr, rc, msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = "SQL failed (" + text.substr(0, 80) + "): ";
    msg += err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    const int primary = rc & 0xff;
    throw Error(
        primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? ErrorCode::Transient : ErrorCode::Io,
        msg);
  }
}

Statement Database::prepare(std::string_view sql) {
  return Statement(*this, sql);
}

std::int64_t Database::changes() const {
  return sqlite3_changes64(db_);
}

Statement::Statement(Database& db, std::string_view sql) : db_(&db), sql_(sql) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql_.data(), static_cast<int>(sql_.size()), 0,
                                    &stmt_, nullptr);
  if (rc != SQLITE_OK) raise(db.handle(), rc, "SQL does not prepare (" + sql_ + ")");
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

void Statement::check(int rc, const char* what) const {
  if (rc != SQLITE_OK) raise(db_->handle(), rc, std::string(what) + " (" + sql_ + ")");
}

Statement& Statement::bind(int pos, std::int64_t v) {
  check(sqlite3_bind_int64(stmt_, pos, v), "bind");
  return *this;
}

Statement& Statement::bind(int pos, std::uint64_t v) {
  if (v > static_cast<std::uint64_t>(INT64_MAX))
    throw Error(ErrorCode::BadInput,
                "value " + std::to_string(v) + " does not fit the state database");
  return bind(pos, static_cast<std::int64_t>(v));
}

Statement& Statement::bind(int pos, std::string_view v) {
  check(sqlite3_bind_text(stmt_, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT),
        "bind");
  return *this;
}

Statement& Statement::bind_null(int pos) {
  check(sqlite3_bind_null(stmt_, pos), "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  raise(db_->handle(), rc, "SQL step failed (" + sql_ + ")");
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

std::int64_t Statement::i64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

bool Statement::is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<std::int64_t> Statement::opt_i64(int col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // The connection already rolled back (e.g. after SQLITE_FULL); nothing left to undo.
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace vseal::coord
