#pragma once
// A thin RAII layer over SQLite for vcoord's state: one connection per thread, statements with
// typed binds and reads, and transactions that roll back unless committed. Every SQLite error
// becomes Error{Io} carrying SQLite's message and the statement; SQLITE_BUSY beyond the busy
// timeout becomes Error{Transient}.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vseal::coord {

class Statement;

class Database {
 public:
  // Opens (creating if needed) with WAL journaling, synchronous=FULL, foreign keys on and a
  // busy timeout, so a process killed at any instant leaves the last committed transaction.
  explicit Database(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t changes() const;
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // 1-based parameter positions, as in SQL's ?1, ?2 ...
  Statement& bind(int pos, std::int64_t v);
  Statement& bind(int pos, std::uint64_t v);
  Statement& bind(int pos, int v) { return bind(pos, static_cast<std::int64_t>(v)); }
  Statement& bind(int pos, std::string_view v);
  Statement& bind(int pos, const char* v) { return bind(pos, std::string_view(v)); }
  Statement& bind(int pos, const std::string& v) { return bind(pos, std::string_view(v)); }
  Statement& bind_null(int pos);
  template <class T>
  Statement& bind(int pos, const std::optional<T>& v) {
    return v ? bind(pos, *v) : bind_null(pos);
  }

  // Advances; false when there is no (further) row.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  std::int64_t i64(int col) const;
  std::uint64_t u64(int col) const { return static_cast<std::uint64_t>(i64(col)); }
  std::string text(int col) const;
  bool is_null(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<std::int64_t> opt_i64(int col) const;

 private:
  void check(int rc, const char* what) const;
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// BEGIN IMMEDIATE (the write lock is taken up front, so two writers never deadlock on upgrade);
// rolled back on destruction unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace vseal::coord
