// vcoord state store (see store.hpp).
#include "state/store.hpp"

#include <algorithm>
#include <chrono>

#include "base/error.hpp"
#include "state/store_detail.hpp"

namespace vseal::coord {
namespace {

constexpr const char* kSchemaV1 = R"(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS miners (
  id INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL DEFAULT 0,
  init_number INTEGER NOT NULL,
  max_number INTEGER NOT NULL,
  seal_proof INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sectors (
  miner INTEGER NOT NULL REFERENCES miners(id),
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  seal_proof INTEGER NOT NULL,
  ticket TEXT, ticket_epoch INTEGER, seed TEXT, seed_epoch INTEGER,
  comm_d TEXT, comm_r TEXT, abort_reason TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (miner, number)
);
CREATE INDEX IF NOT EXISTS sectors_by_state ON sectors(state);
CREATE TABLE IF NOT EXISTS sector_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  miner INTEGER NOT NULL,
  number INTEGER NOT NULL,
  at INTEGER NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  detail TEXT NOT NULL,
  FOREIGN KEY (miner, number) REFERENCES sectors(miner, number)
);
CREATE INDEX IF NOT EXISTS events_by_sector ON sector_events(miner, number);
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  miner INTEGER NOT NULL,
  number INTEGER NOT NULL,
  stage TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  executor TEXT NOT NULL,
  handle TEXT,
  state TEXT NOT NULL,
  spec_path TEXT NOT NULL,
  workdir TEXT NOT NULL,
  exit_code INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state);
CREATE TABLE IF NOT EXISTS messages (
  uid TEXT PRIMARY KEY,
  miner INTEGER NOT NULL,
  method INTEGER NOT NULL,
  params BLOB NOT NULL,
  state TEXT NOT NULL,
  cid TEXT,
  landed_epoch INTEGER,
  exit_code INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
)";

constexpr const char* kSectorColumns =
    "miner, number, state, seal_proof, ticket, seed, comm_d, comm_r, abort_reason, ticket_epoch, "
    "seed_epoch, next_attempt_at, failures, created_at, updated_at, message_uid, precommit_epoch, "
    "job_id, store";

SectorRecord read_sector(const Statement& s) {
  SectorRecord r;
  r.miner = s.u64(0);
  r.number = s.u64(1);
  r.state = s.text(2);
  r.seal_proof = static_cast<int>(s.i64(3));
  r.ticket = s.opt_text(4);
  r.seed = s.opt_text(5);
  r.comm_d = s.opt_text(6);
  r.comm_r = s.opt_text(7);
  r.abort_reason = s.opt_text(8);
  r.ticket_epoch = s.opt_i64(9);
  r.seed_epoch = s.opt_i64(10);
  r.next_attempt_at_ms = s.opt_i64(11);
  r.failures = s.i64(12);
  r.created_at_ms = s.i64(13);
  r.updated_at_ms = s.i64(14);
  r.message_uid = s.opt_text(15);
  r.precommit_epoch = s.opt_i64(16);
  r.job_id = s.opt_text(17);
  r.store = s.opt_text(18);
  return r;
}

constexpr const char* kMessageColumns =
    "uid, miner, method, params, state, cid, landed_epoch, exit_code, sender, value, detail, "
    "created_at, updated_at";

MessageRecord read_message(const Statement& s) {
  MessageRecord m;
  m.uid = s.text(0);
  m.miner = s.u64(1);
  m.method = s.u64(2);
  m.params_hex = s.text(3);
  m.state = s.text(4);
  m.cid = s.opt_text(5);
  m.landed_epoch = s.opt_i64(6);
  m.exit_code = s.opt_i64(7);
  m.sender = s.opt_text(8).value_or("");
  m.value = s.opt_text(9).value_or("0");
  m.detail = s.opt_text(10).value_or("");
  m.created_at_ms = s.i64(11);
  m.updated_at_ms = s.i64(12);
  return m;
}

constexpr const char* kJobColumns =
    "id, miner, number, stage, attempt, executor, handle, state, spec_path, workdir, exit_code, "
    "created_at, updated_at, after_job";

JobRecord read_job(const Statement& s) {
  JobRecord j;
  j.id = s.text(0);
  j.miner = s.u64(1);
  j.number = s.u64(2);
  j.stage = s.text(3);
  j.attempt = static_cast<int>(s.i64(4));
  j.executor = s.text(5);
  j.handle = s.opt_text(6);
  j.state = s.text(7);
  j.spec_path = s.text(8);
  j.workdir = s.text(9);
  j.exit_code = s.opt_i64(10);
  j.created_at_ms = s.i64(11);
  j.updated_at_ms = s.i64(12);
  j.after = s.opt_text(13);
  return j;
}

constexpr const char* kMinerColumns = "id, last_number, init_number, max_number, seal_proof";

MinerRecord read_miner(const Statement& s) {
  return {s.u64(0), s.u64(1), s.u64(2), s.u64(3), static_cast<int>(s.i64(4))};
}

std::string sector_name(std::uint64_t miner, std::uint64_t number) {
  std::string out = "sector ";
  out += std::to_string(miner);
  out += '/';
  out += std::to_string(number);
  return out;
}

}  // namespace

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

StateStore::StateStore(const std::filesystem::path& path) : db_(path) {
  migrate();
}

void StateStore::migrate() {
  Transaction tx(db_);
  db_.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  auto q = db_.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  const int version = q.step() ? std::stoi(q.text(0)) : 0;
  q.reset();
  if (version > kSchemaVersion) {
    throw Error(ErrorCode::BadInput, db_.path().string() + " has schema version " +
                                         std::to_string(version) + "; this vcoord knows up to " +
                                         std::to_string(kSchemaVersion) +
                                         " (a newer vcoord wrote it)");
  }
  if (version < 1) {
    db_.exec(kSchemaV1);
  }
  if (version < 2) {
    // v2: the message a sector waits on, its pre-commit epoch, and what each message sends.
    db_.exec(
        "ALTER TABLE sectors ADD COLUMN message_uid TEXT;"
        "ALTER TABLE sectors ADD COLUMN precommit_epoch INTEGER;"
        "ALTER TABLE messages ADD COLUMN sender TEXT;"
        "ALTER TABLE messages ADD COLUMN value TEXT;"
        "ALTER TABLE messages ADD COLUMN detail TEXT;");
  }
  if (version < 3) {
    // v3: the job a sector runs is recorded with it (ids are counted per sector and stage, so
    // a chained PC2 and its retries never collide), and what a job waits for.
    db_.exec(
        "ALTER TABLE sectors ADD COLUMN job_id TEXT;"
        "ALTER TABLE jobs ADD COLUMN after_job TEXT;"
        "CREATE INDEX IF NOT EXISTS jobs_by_sector ON jobs(miner, number);"
        "UPDATE sectors SET job_id = CASE state "
        "WHEN 'PC1Running' THEN 'pc1-' || miner || '-' || number || '-' || (failures + 1) "
        "WHEN 'PC2Running' THEN 'pc2-' || miner || '-' || number || '-' || (failures + 1) END "
        "WHERE state IN ('PC1Running', 'PC2Running');");
  }
  if (version < 4) {
    // v4: WindowPoSt runs, one per miner and deadline instance.
    db_.exec(
        "CREATE TABLE IF NOT EXISTS post_runs ("
        "  miner INTEGER NOT NULL, open INTEGER NOT NULL, deadline INTEGER NOT NULL,"
        "  challenge INTEGER NOT NULL, close INTEGER NOT NULL, state TEXT NOT NULL,"
        "  job_id TEXT, randomness TEXT NOT NULL, plan TEXT NOT NULL,"
        "  message_uids TEXT NOT NULL, recovery_uid TEXT, detail TEXT NOT NULL,"
        "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
        "  PRIMARY KEY (miner, open));"
        "CREATE INDEX IF NOT EXISTS post_runs_by_state ON post_runs(state);");
  }
  if (version < 5) {
    // v5: the persisted store holding a sector's files once it is proven (NULL: scratch).
    db_.exec("ALTER TABLE sectors ADD COLUMN store TEXT;");
  }
  if (version < 6) {
    // v6: transitions counted per miner and state entered, kept by a trigger in the same
    // transaction as the event, so /metrics reads a few rows instead of every event.
    db_.exec(
        "CREATE TABLE IF NOT EXISTS transition_counts ("
        "  miner INTEGER NOT NULL, to_state TEXT NOT NULL, n INTEGER NOT NULL,"
        "  PRIMARY KEY (miner, to_state));"
        "INSERT OR REPLACE INTO transition_counts(miner, to_state, n) "
        "  SELECT miner, to_state, COUNT(*) FROM sector_events GROUP BY miner, to_state;"
        "CREATE TRIGGER IF NOT EXISTS count_transition AFTER INSERT ON sector_events BEGIN"
        "  INSERT INTO transition_counts(miner, to_state, n) VALUES (NEW.miner, NEW.to_state, 1)"
        "  ON CONFLICT(miner, to_state) DO UPDATE SET n = n + 1;"
        " END;");
  }
  if (version < kSchemaVersion) {
    db_.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)")
        .bind(1, std::to_string(kSchemaVersion))
        .run();
  }
  tx.commit();
}

void StateStore::upsert_miner(std::uint64_t id, std::uint64_t init_number, std::uint64_t max_number,
                              int seal_proof) {
  Transaction tx(db_);
  db_.prepare(
         "INSERT INTO miners(id, init_number, max_number, seal_proof) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT(id) DO UPDATE SET init_number = ?2, max_number = ?3, seal_proof = ?4")
      .bind(1, id)
      .bind(2, init_number)
      .bind(3, std::min<std::uint64_t>(max_number, INT64_MAX))
      .bind(4, seal_proof)
      .run();
  tx.commit();
}

std::optional<MinerRecord> StateStore::miner(std::uint64_t id) {
  auto q = db_.prepare(std::string("SELECT ") + kMinerColumns + " FROM miners WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_miner(q);
}

std::vector<MinerRecord> StateStore::miners() {
  std::vector<MinerRecord> out;
  auto q = db_.prepare(std::string("SELECT ") + kMinerColumns + " FROM miners ORDER BY id");
  while (q.step()) out.push_back(read_miner(q));
  return out;
}

std::vector<std::uint64_t> StateStore::allocate_sectors(
    std::uint64_t miner, std::uint64_t count, std::span<const std::uint64_t> allocated_on_chain) {
  if (count == 0 || count > 100000)
    throw Error(ErrorCode::BadInput,
                "sector count must be 1..100000, not " + std::to_string(count));
  Transaction tx(db_);
  const auto m = this->miner(miner);
  if (!m) throw Error(ErrorCode::BadInput, "miner " + std::to_string(miner) + " is not registered");
  const std::uint64_t start = std::max(m->last_number, m->init_number);
  if (start > m->max_number || m->max_number - start < count) {
    throw Error(ErrorCode::BadInput, "miner " + std::to_string(miner) + ": " +
                                         std::to_string(count) + " more sector numbers after " +
                                         std::to_string(start) + " would pass MaxNumber " +
                                         std::to_string(m->max_number));
  }
  std::vector<std::uint64_t> numbers;
  for (std::uint64_t i = 1; i <= count; ++i) numbers.push_back(start + i);
  for (const std::uint64_t n : allocated_on_chain) {
    if (n >= numbers.front() && n <= numbers.back()) {
      throw Error(ErrorCode::BadInput,
                  "miner " + std::to_string(miner) + ": sector number " + std::to_string(n) +
                      " is already allocated on chain; raise InitNumber above the "
                      "chain's allocated numbers");
    }
  }
  const std::int64_t now = now_ms();
  db_.prepare("UPDATE miners SET last_number = ?2 WHERE id = ?1")
      .bind(1, miner)
      .bind(2, numbers.back())
      .run();
  auto ins = db_.prepare(
      "INSERT INTO sectors(miner, number, state, seal_proof, created_at, updated_at) "
      "VALUES (?1, ?2, 'Allocated', ?3, ?4, ?4)");
  auto ev = db_.prepare(
      "INSERT INTO sector_events(miner, number, at, from_state, to_state, detail) "
      "VALUES (?1, ?2, ?3, '', 'Allocated', 'sector number allocated')");
  for (const std::uint64_t n : numbers) {
    ins.bind(1, miner).bind(2, n).bind(3, m->seal_proof).bind(4, now).run();
    ev.bind(1, miner).bind(2, n).bind(3, now).run();
  }
  tx.commit();
  return numbers;
}

void StateStore::transition(std::uint64_t miner, std::uint64_t number, std::string_view from,
                            std::string_view to, std::string_view detail, const SectorUpdate& u) {
  Transaction tx(db_);
  transition_in_tx(miner, number, from, to, detail, u);
  tx.commit();
}

void StateStore::transition_in_tx(std::uint64_t miner, std::uint64_t number, std::string_view from,
                                  std::string_view to, std::string_view detail,
                                  const SectorUpdate& u) {
  const std::int64_t now = now_ms();
  auto upd = db_.prepare(
      "UPDATE sectors SET state = ?3, updated_at = ?4, "
      "ticket = COALESCE(?5, ticket), ticket_epoch = COALESCE(?6, ticket_epoch), "
      "seed = COALESCE(?7, seed), seed_epoch = COALESCE(?8, seed_epoch), "
      "comm_d = COALESCE(?9, comm_d), comm_r = COALESCE(?10, comm_r), "
      "abort_reason = COALESCE(?11, abort_reason), next_attempt_at = ?12, "
      "failures = CASE WHEN ?13 THEN 0 ELSE failures END + ?14, "
      "message_uid = CASE WHEN ?16 THEN ?17 ELSE message_uid END, "
      "precommit_epoch = COALESCE(?18, precommit_epoch), job_id = COALESCE(?19, job_id), "
      "store = COALESCE(?20, store) "
      "WHERE miner = ?1 AND number = ?2 AND state = ?15");
  upd.bind(1, miner)
      .bind(2, number)
      .bind(3, to)
      .bind(4, now)
      .bind(5, u.ticket)
      .bind(6, u.ticket_epoch)
      .bind(7, u.seed)
      .bind(8, u.seed_epoch)
      .bind(9, u.comm_d)
      .bind(10, u.comm_r)
      .bind(11, u.abort_reason)
      .bind(12, u.next_attempt_at_ms)
      .bind(13, u.reset_failures ? 1 : 0)
      .bind(14, u.count_failure ? 1 : 0)
      .bind(15, from)
      .bind(16, u.message_uid ? 1 : 0)
      .bind(17, u.message_uid ? std::optional<std::string>(*u.message_uid) : std::nullopt)
      .bind(18, u.precommit_epoch)
      .bind(19, u.job_id)
      .bind(20, u.store)
      .run();
  if (db_.changes() != 1) {
    const auto current = sector(miner, number);
    if (!current) throw Error(ErrorCode::BadInput, sector_name(miner, number) + " does not exist");
    throw Error(ErrorCode::Transient, sector_name(miner, number) + " is in state " +
                                          current->state + ", not " + std::string(from) +
                                          "; transition to " + std::string(to) + " refused");
  }
  db_.prepare(
         "INSERT INTO sector_events(miner, number, at, from_state, to_state, detail) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, miner)
      .bind(2, number)
      .bind(3, now)
      .bind(4, from)
      .bind(5, to)
      .bind(6, detail)
      .run();
}

void StateStore::record_message(const MessageRecord& m,
                                std::span<const std::pair<std::uint64_t, std::uint64_t>> sectors,
                                std::string_view from, std::string_view to,
                                std::string_view detail) {
  Transaction tx(db_);
  detail::insert_message_in_tx(db_, m);
  SectorUpdate u;
  u.message_uid = m.uid;
  for (const auto& [miner, number] : sectors) transition_in_tx(miner, number, from, to, detail, u);
  tx.commit();
}

void StateStore::update_message(std::string_view uid, std::string_view state,
                                std::optional<std::string> cid,
                                std::optional<std::int64_t> landed_epoch,
                                std::optional<std::int64_t> exit_code) {
  Transaction tx(db_);
  db_.prepare(
         "UPDATE messages SET state = ?2, cid = COALESCE(?3, cid), "
         "landed_epoch = COALESCE(?4, landed_epoch), exit_code = COALESCE(?5, exit_code), "
         "updated_at = ?6 WHERE uid = ?1")
      .bind(1, uid)
      .bind(2, state)
      .bind(3, cid)
      .bind(4, landed_epoch)
      .bind(5, exit_code)
      .bind(6, now_ms())
      .run();
  if (db_.changes() != 1)
    throw Error(ErrorCode::BadInput, "message " + std::string(uid) + " does not exist");
  tx.commit();
}

std::optional<MessageRecord> StateStore::message(std::string_view uid) {
  auto q = db_.prepare(std::string("SELECT ") + kMessageColumns + " FROM messages WHERE uid = ?1");
  q.bind(1, uid);
  if (!q.step()) return std::nullopt;
  return read_message(q);
}

std::vector<MessageRecord> StateStore::messages(std::optional<std::uint64_t> miner) {
  auto q = db_.prepare(std::string("SELECT ") + kMessageColumns +
                       " FROM messages WHERE ?1 IS NULL OR miner = ?1 ORDER BY created_at, uid");
  q.bind(1, miner);
  std::vector<MessageRecord> out;
  while (q.step()) out.push_back(read_message(q));
  return out;
}

std::vector<MessageRecord> StateStore::unfinished_messages(std::uint64_t method) {
  auto q = db_.prepare(std::string("SELECT ") + kMessageColumns +
                       " FROM messages WHERE method = ?1 AND state IN ('new', 'pushed') "
                       "ORDER BY created_at, uid");
  q.bind(1, method);
  std::vector<MessageRecord> out;
  while (q.step()) out.push_back(read_message(q));
  return out;
}

std::optional<SectorRecord> StateStore::sector(std::uint64_t miner, std::uint64_t number) {
  auto q = db_.prepare(std::string("SELECT ") + kSectorColumns +
                       " FROM sectors WHERE miner = ?1 AND number = ?2");
  q.bind(1, miner).bind(2, number);
  if (!q.step()) return std::nullopt;
  return read_sector(q);
}

std::vector<SectorRecord> StateStore::sectors(std::optional<std::uint64_t> miner) {
  auto q = db_.prepare(std::string("SELECT ") + kSectorColumns +
                       " FROM sectors WHERE ?1 IS NULL OR miner = ?1 ORDER BY miner, number");
  q.bind(1, miner);
  std::vector<SectorRecord> out;
  while (q.step()) out.push_back(read_sector(q));
  return out;
}

std::vector<SectorRecord> StateStore::sectors_in_state(std::string_view state) {
  auto q = db_.prepare(std::string("SELECT ") + kSectorColumns +
                       " FROM sectors WHERE state = ?1 ORDER BY miner, number");
  q.bind(1, state);
  std::vector<SectorRecord> out;
  while (q.step()) out.push_back(read_sector(q));
  return out;
}

std::vector<StateStore::StoreUse> StateStore::store_use() {
  auto q = db_.prepare(
      "SELECT store, state, COUNT(*) FROM sectors WHERE store IS NOT NULL GROUP BY store, state "
      "ORDER BY store, state");
  std::vector<StoreUse> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.u64(2)});
  return out;
}

std::vector<SectorRecord> StateStore::sectors_except(std::span<const std::string_view> states) {
  std::string sql = std::string("SELECT ") + kSectorColumns + " FROM sectors WHERE state NOT IN (";
  for (std::size_t i = 0; i < states.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(i + 1);
  sql += ") ORDER BY miner, number";
  auto q = db_.prepare(sql);
  for (std::size_t i = 0; i < states.size(); ++i) q.bind(static_cast<int>(i + 1), states[i]);
  std::vector<SectorRecord> out;
  while (q.step()) out.push_back(read_sector(q));
  return out;
}

std::vector<SectorEvent> StateStore::events(std::uint64_t miner, std::uint64_t number) {
  auto q = db_.prepare(
      "SELECT id, at, from_state, to_state, detail FROM sector_events WHERE miner = ?1 AND number "
      "= ?2 "
      "ORDER BY id");
  q.bind(1, miner).bind(2, number);
  std::vector<SectorEvent> out;
  while (q.step()) out.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4)});
  return out;
}

namespace detail {

bool insert_job_in_tx(Database& db, const JobRecord& j) {
  const std::int64_t now = now_ms();
  db.prepare(std::string("INSERT OR IGNORE INTO jobs(") + kJobColumns +
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)")
      .bind(1, j.id)
      .bind(2, j.miner)
      .bind(3, j.number)
      .bind(4, j.stage)
      .bind(5, j.attempt)
      .bind(6, j.executor)
      .bind(7, j.handle)
      .bind(8, j.state)
      .bind(9, j.spec_path)
      .bind(10, j.workdir)
      .bind(11, j.exit_code)
      .bind(12, now)
      .bind(13, j.after)
      .run();
  return db.changes() == 1;
}

void insert_message_in_tx(Database& db, const MessageRecord& m) {
  db.prepare(
        "INSERT INTO messages(uid, miner, method, params, state, sender, value, detail, "
        "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'new', ?5, ?6, ?7, ?8, ?8)")
      .bind(1, m.uid)
      .bind(2, m.miner)
      .bind(3, m.method)
      .bind(4, m.params_hex)
      .bind(5, m.sender)
      .bind(6, m.value)
      .bind(7, m.detail)
      .bind(8, now_ms())
      .run();
}

}  // namespace detail

bool StateStore::insert_job(const JobRecord& j) {
  Transaction tx(db_);
  const bool inserted = detail::insert_job_in_tx(db_, j);
  tx.commit();
  return inserted;
}

void StateStore::start_jobs(std::uint64_t miner, std::uint64_t number, std::string_view from,
                            std::string_view to, std::string_view detail,
                            std::span<const JobRecord> jobs) {
  if (jobs.empty()) throw Error(ErrorCode::BadInput, "start_jobs without a job");
  Transaction tx(db_);
  for (const auto& j : jobs)
    if (!detail::insert_job_in_tx(db_, j))
      throw Error(ErrorCode::Corrupt, "job " + j.id + " is recorded already");
  SectorUpdate u;
  u.job_id = jobs.front().id;
  transition_in_tx(miner, number, from, to, detail, u);
  tx.commit();
}

std::vector<JobRecord> StateStore::sector_jobs(std::uint64_t miner, std::uint64_t number) {
  auto q = db_.prepare(std::string("SELECT ") + kJobColumns +
                       " FROM jobs WHERE miner = ?1 AND number = ?2 ORDER BY created_at, id");
  q.bind(1, miner).bind(2, number);
  std::vector<JobRecord> out;
  while (q.step()) out.push_back(read_job(q));
  return out;
}

void StateStore::update_job(std::string_view id, std::string_view state,
                            std::optional<std::string> handle,
                            std::optional<std::int64_t> exit_code) {
  Transaction tx(db_);
  db_.prepare(
         "UPDATE jobs SET state = ?2, handle = COALESCE(?3, handle), exit_code = COALESCE(?4, "
         "exit_code), "
         "updated_at = ?5 WHERE id = ?1")
      .bind(1, id)
      .bind(2, state)
      .bind(3, handle)
      .bind(4, exit_code)
      .bind(5, now_ms())
      .run();
  if (db_.changes() != 1)
    throw Error(ErrorCode::BadInput, "job " + std::string(id) + " does not exist");
  tx.commit();
}

std::optional<JobRecord> StateStore::job(std::string_view id) {
  auto q = db_.prepare(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_job(q);
}

std::vector<JobRecord> StateStore::jobs(bool active_only) {
  auto q = db_.prepare(
      std::string("SELECT ") + kJobColumns +
      " FROM jobs WHERE NOT ?1 OR state IN ('queued', 'running') ORDER BY created_at, id");
  q.bind(1, active_only ? 1 : 0);
  std::vector<JobRecord> out;
  while (q.step()) out.push_back(read_job(q));
  return out;
}

}  // namespace vseal::coord
