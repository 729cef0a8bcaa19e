// WindowPoSt runs in vcoord's state (see PostRun in store.hpp).
#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "state/store.hpp"
#include "state/store_detail.hpp"

namespace vseal::coord {
namespace {

constexpr const char* kPostRunColumns =
    "miner, open, deadline, challenge, close, state, job_id, randomness, plan, message_uids, "
    "recovery_uid, detail, created_at, updated_at";

PostRun read_post_run(const Statement& s) {
  PostRun r;
  r.miner = s.u64(0);
  r.open = s.i64(1);
  r.deadline = s.u64(2);
  r.challenge = s.i64(3);
  r.close = s.i64(4);
  r.state = s.text(5);
  r.job_id = s.opt_text(6);
  r.randomness = s.text(7);
  r.plan = s.text(8);
  r.message_uids = nlohmann::json::parse(s.text(9)).get<std::vector<std::string>>();
  r.recovery_uid = s.opt_text(10);
  r.detail = s.text(11);
  r.created_at_ms = s.i64(12);
  r.updated_at_ms = s.i64(13);
  return r;
}

std::string uids_text(const std::vector<std::string>& uids) {
  return nlohmann::json(uids).dump();
}

}  // namespace

bool StateStore::insert_post_run(const PostRun& r, const std::optional<JobRecord>& job) {
  Transaction tx(db_);
  const std::int64_t now = now_ms();
  db_.prepare(std::string("INSERT OR IGNORE INTO post_runs(") + kPostRunColumns +
              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)")
      .bind(1, r.miner)
      .bind(2, r.open)
      .bind(3, r.deadline)
      .bind(4, r.challenge)
      .bind(5, r.close)
      .bind(6, r.state)
      .bind(7, r.job_id)
      .bind(8, r.randomness)
      .bind(9, r.plan)
      .bind(10, uids_text(r.message_uids))
      .bind(11, r.recovery_uid)
      .bind(12, r.detail)
      .bind(13, now)
      .run();
  if (db_.changes() != 1) return false;
  if (job && !detail::insert_job_in_tx(db_, *job))
    throw Error(ErrorCode::Corrupt, "job " + job->id + " is recorded already");
  tx.commit();
  return true;
}

void StateStore::update_post_run(const PostRun& r, std::span<const MessageRecord> messages,
                                 const std::optional<JobRecord>& job) {
  Transaction tx(db_);
  for (const auto& m : messages) detail::insert_message_in_tx(db_, m);
  if (job && !detail::insert_job_in_tx(db_, *job))
    throw Error(ErrorCode::Corrupt, "job " + job->id + " is recorded already");
  db_.prepare(
         "UPDATE post_runs SET state = ?3, job_id = ?4, plan = ?5, message_uids = ?6, "
         "recovery_uid = ?7, detail = ?8, updated_at = ?9 WHERE miner = ?1 AND open = ?2")
      .bind(1, r.miner)
      .bind(2, r.open)
      .bind(3, r.state)
      .bind(4, r.job_id)
      .bind(5, r.plan)
      .bind(6, uids_text(r.message_uids))
      .bind(7, r.recovery_uid)
      .bind(8, r.detail)
      .bind(9, now_ms())
      .run();
  if (db_.changes() != 1)
    throw Error(ErrorCode::Corrupt, "no WindowPoSt run of miner " + std::to_string(r.miner) +
                                        " at epoch " + std::to_string(r.open));
  tx.commit();
}

std::optional<PostRun> StateStore::post_run(std::uint64_t miner, std::int64_t open) {
  auto q = db_.prepare(std::string("SELECT ") + kPostRunColumns +
                       " FROM post_runs WHERE miner = ?1 AND open = ?2");
  q.bind(1, miner).bind(2, open);
  if (!q.step()) return std::nullopt;
  return read_post_run(q);
}

std::vector<PostRun> StateStore::post_runs(std::optional<std::uint64_t> miner,
                                           bool unfinished_only) {
  std::string sql = std::string("SELECT ") + kPostRunColumns + " FROM post_runs WHERE 1";
  if (miner) sql += " AND miner = ?1";
  if (unfinished_only) {
    sql += " AND state NOT IN (";
    for (const auto f : kPostRunFinalStates) sql.append("'").append(f).append("',");
    sql.back() = ')';
  }
  sql += " ORDER BY open DESC, miner";
  auto q = db_.prepare(sql);
  if (miner) q.bind(1, *miner);
  std::vector<PostRun> out;
  while (q.step()) out.push_back(read_post_run(q));
  return out;
}

}  // namespace vseal::coord
