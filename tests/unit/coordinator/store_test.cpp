// vcoord's SQLite state: sector-number allocation (InitNumber floor, MaxNumber, numbers already
// on chain), compare-and-set transitions with their history, jobs, schema versioning, and
// durability under kill -9 at random instants (a child process hammering the store).
#include "state/store.hpp"

#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "integration/process.hpp"
#include "temp_dir.hpp"
#include "test_seed.hpp"

namespace vseal::coord {
namespace {

std::filesystem::path fresh_db(const std::string& name) {
  return vseal::testing::temp_dir("vcoord-" + name) / "state.db";
}

TEST(StateStore, AllocationFollowsInitAndMaxNumber) {
  StateStore s(fresh_db("alloc"));
  s.upsert_miner(1000, 0, 5, 5);
  EXPECT_EQ(s.allocate_sectors(1000, 2), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(s.allocate_sectors(1000, 1), (std::vector<std::uint64_t>{3}));
  EXPECT_THROW(s.allocate_sectors(1000, 3), Error);  // 4, 5, 6 > MaxNumber 5
  EXPECT_EQ(s.allocate_sectors(1000, 2), (std::vector<std::uint64_t>{4, 5}));
  EXPECT_THROW(s.allocate_sectors(1000, 1), Error);
  // InitNumber 1000: the first number is 1001 (damocles' semantics); raising InitNumber later
  // moves the counter up, lowering it never moves it down.
  s.upsert_miner(2000, 1000, 100000, 5);
  EXPECT_EQ(s.allocate_sectors(2000, 1).front(), 1001u);
  s.upsert_miner(2000, 500, 100000, 5);
  EXPECT_EQ(s.allocate_sectors(2000, 1).front(), 1002u);
  s.upsert_miner(2000, 5000, 100000, 5);
  EXPECT_EQ(s.allocate_sectors(2000, 1).front(), 5001u);
  // Numbers the chain already has are refused, and nothing is consumed by the refusal.
  const std::vector<std::uint64_t> on_chain = {5003};
  EXPECT_THROW(s.allocate_sectors(2000, 3, on_chain), Error);
  EXPECT_EQ(s.miner(2000)->last_number, 5001u);
  EXPECT_EQ(s.allocate_sectors(2000, 1, on_chain).front(), 5002u);
  EXPECT_THROW(s.allocate_sectors(3000, 1), Error);  // unknown miner
  EXPECT_THROW(s.allocate_sectors(1000, 0), Error);
  EXPECT_EQ(s.sectors(1000).size(), 5u);
  EXPECT_EQ(s.sectors().size(), 9u);
}

TEST(StateStore, TransitionsAreCompareAndSetWithHistory) {
  StateStore s(fresh_db("transitions"));
  s.upsert_miner(1000, 0, 100, 5);
  s.allocate_sectors(1000, 1);
  SectorUpdate ticket;
  ticket.ticket = "ab";
  ticket.ticket_epoch = -12;  // young chains have negative ticket epochs
  s.transition(1000, 1, "Allocated", "TicketAssigned", "ticket at epoch -12", ticket);
  SectorUpdate fail;
  fail.count_failure = true;
  fail.next_attempt_at_ms = 42;
  s.transition(1000, 1, "TicketAssigned", "TicketAssigned", "pc1 submit failed: retry", fail);
  s.transition(1000, 1, "TicketAssigned", "TicketAssigned", "retry again", fail);
  auto rec = *s.sector(1000, 1);
  EXPECT_EQ(rec.failures, 2);
  EXPECT_EQ(rec.next_attempt_at_ms, 42);
  EXPECT_EQ(rec.ticket, "ab");
  EXPECT_EQ(rec.ticket_epoch, -12);
  SectorUpdate ok;
  ok.reset_failures = true;
  ok.comm_d = "cd";
  s.transition(1000, 1, "TicketAssigned", "PC1Done", "pc1 ok", ok);
  rec = *s.sector(1000, 1);
  EXPECT_EQ(rec.failures, 0);
  EXPECT_FALSE(rec.next_attempt_at_ms.has_value());
  EXPECT_EQ(rec.ticket, "ab");  // unchanged fields are kept
  EXPECT_EQ(rec.comm_d, "cd");
  // A stale transition is refused and changes nothing.
  try {
    s.transition(1000, 1, "TicketAssigned", "PC1Done", "duplicate");
    ADD_FAILURE() << "stale transition accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Transient);
    EXPECT_NE(std::string(e.what()).find("is in state PC1Done, not TicketAssigned"),
              std::string::npos);
  }
  EXPECT_THROW(s.transition(1000, 99, "Allocated", "X", "no such sector"), Error);
  const auto ev = s.events(1000, 1);
  ASSERT_EQ(ev.size(), 5u);
  EXPECT_EQ(ev[0].to, "Allocated");
  EXPECT_EQ(ev[1].detail, "ticket at epoch -12");
  EXPECT_EQ(ev[4].from, "TicketAssigned");
  EXPECT_EQ(ev[4].to, "PC1Done");
}

TEST(StateStore, JobsAreInsertedOnceAndTracked) {
  StateStore s(fresh_db("jobs"));
  JobRecord j{"pc1-1000-1-1", 1000,          1,    "pc1",        1, "local", std::nullopt,
              "queued",       "/s/pc1.json", "/s", std::nullopt, 0, 0,       std::nullopt};
  EXPECT_TRUE(s.insert_job(j));
  EXPECT_FALSE(s.insert_job(j));  // deterministic ids: a resubmission after a crash is a no-op
  s.update_job("pc1-1000-1-1", "running", "4242", std::nullopt);
  EXPECT_EQ(s.jobs(true).size(), 1u);
  s.update_job("pc1-1000-1-1", "succeeded", std::nullopt, 0);
  const auto done = *s.job("pc1-1000-1-1");
  EXPECT_EQ(done.handle, "4242");
  EXPECT_EQ(done.exit_code, 0);
  EXPECT_TRUE(s.jobs(true).empty());
  EXPECT_EQ(s.jobs().size(), 1u);
  EXPECT_THROW(s.update_job("nope", "running", std::nullopt, std::nullopt), Error);
}

TEST(StateStore, ReopensAndRefusesANewerSchema) {
  const auto path = fresh_db("schema");
  {
    StateStore s(path);
    s.upsert_miner(7, 0, 10, 5);
    s.allocate_sectors(7, 3);
  }
  {
    StateStore s(path);
    EXPECT_EQ(s.miner(7)->last_number, 3u);
    s.db().exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    StateStore s(path);
    ADD_FAILURE() << "newer schema accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos);
  }
}

TEST(StateStore, AVersionOneDatabaseIsUpgradedInPlace) {
  const auto path = fresh_db("upgrade");
  {
    StateStore s(path);
    s.upsert_miner(7, 0, 10, 5);
    s.allocate_sectors(7, 1);
    // Make it look like a v1 database: the columns v2 and v3 added are dropped.
    s.db().exec(
        "ALTER TABLE sectors DROP COLUMN message_uid; ALTER TABLE sectors DROP COLUMN "
        "precommit_epoch; ALTER TABLE sectors DROP COLUMN job_id;"
        "ALTER TABLE sectors DROP COLUMN store;"
        "ALTER TABLE messages DROP COLUMN sender; ALTER TABLE messages DROP COLUMN value;"
        "ALTER TABLE messages DROP COLUMN detail; ALTER TABLE jobs DROP COLUMN after_job;"
        "DROP INDEX jobs_by_sector; DROP TABLE post_runs;"
        "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  }
  StateStore s(path);
  EXPECT_EQ(s.sector(7, 1)->state, "Allocated");
  EXPECT_FALSE(s.sector(7, 1)->message_uid.has_value());
}

TEST(StateStore, AVersionTwoDatabaseKnowsTheJobsItsSectorsRun) {
  const auto path = fresh_db("upgrade2");
  {
    StateStore s(path);
    s.upsert_miner(7, 0, 10, 5);
    s.allocate_sectors(7, 3);
    SectorUpdate failed_once;
    failed_once.count_failure = true;
    s.transition(7, 1, "Allocated", "PC1Running", "pc1", failed_once);
    s.transition(7, 2, "Allocated", "PC2Running", "pc2");
    // v2 had no job column: a running sector's job id followed its failure count.
    s.db().exec(
        "ALTER TABLE sectors DROP COLUMN job_id; ALTER TABLE jobs DROP COLUMN after_job;"
        "ALTER TABLE sectors DROP COLUMN store;"
        "DROP INDEX jobs_by_sector; DROP TABLE post_runs;"
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  }
  StateStore s(path);
  EXPECT_EQ(s.sector(7, 1)->job_id, "pc1-7-1-2");
  EXPECT_EQ(s.sector(7, 2)->job_id, "pc2-7-2-1");
  EXPECT_FALSE(s.sector(7, 3)->job_id.has_value());
}

TEST(StateStore, JobsAreRecordedWithTheTransitionThatRunsThem) {
  StateStore s(fresh_db("start-jobs"));
  s.upsert_miner(7, 0, 10, 5);
  s.allocate_sectors(7, 1);
  const auto job = [](std::string id, std::string stage, std::optional<std::string> after) {
    JobRecord j;
    j.id = std::move(id);
    j.miner = 7;
    j.number = 1;
    j.stage = std::move(stage);
    j.executor = "slurm";
    j.state = "queued";
    j.spec_path = "spec";
    j.workdir = "dir";
    j.after = std::move(after);
    return j;
  };
  const std::vector<JobRecord> pair = {job("pc1-7-1-1", "pc1", std::nullopt),
                                       job("pc2-7-1-1", "pc2", "pc1-7-1-1")};
  s.start_jobs(7, 1, "Allocated", "PC1Running", "both", pair);
  EXPECT_EQ(s.sector(7, 1)->job_id, "pc1-7-1-1");
  const auto jobs = s.sector_jobs(7, 1);
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[1].after, "pc1-7-1-1");
  EXPECT_FALSE(jobs[0].after.has_value());
  // From a state the sector is not in, nothing is recorded: no job without its transition.
  const std::vector<JobRecord> late = {job("pc1-7-1-2", "pc1", std::nullopt)};
  EXPECT_THROW(s.start_jobs(7, 1, "Allocated", "PC1Running", "again", late), Error);
  EXPECT_FALSE(s.job("pc1-7-1-2").has_value());
  // An id handed out before is refused, the sector unchanged.
  EXPECT_THROW(s.start_jobs(7, 1, "PC1Running", "PC1Done", "dup", pair), Error);
  EXPECT_EQ(s.sector(7, 1)->state, "PC1Running");
  // A withdrawn job is final: not among the active ones.
  s.update_job("pc2-7-1-1", "withdrawn", std::nullopt, std::nullopt);
  EXPECT_EQ(s.jobs(true).size(), 1u);
}

TEST(StateStore, AVersionThreeDatabaseGainsWindowPostRuns) {
  const auto path = fresh_db("upgrade3");
  {
    StateStore s(path);
    s.upsert_miner(7, 0, 10, 5);
    s.db().exec(
        "DROP TABLE post_runs; ALTER TABLE sectors DROP COLUMN store;"
        "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
  }
  StateStore s(path);
  EXPECT_TRUE(s.post_runs().empty());
  PostRun r;
  r.miner = 7;
  r.open = 100;
  r.state = "nothing";
  EXPECT_TRUE(s.insert_post_run(r, std::nullopt));
}

TEST(StateStore, AVersionFiveDatabaseCountsItsTransitions) {
  const auto path = fresh_db("upgrade5");
  const auto count = [](StateStore& s, const char* state) {
    auto q = s.db().prepare(
        "SELECT COALESCE(SUM(n), 0) FROM transition_counts WHERE miner = 7 AND to_state = ?1");
    q.bind(1, state);
    q.step();
    return q.i64(0);
  };
  {
    StateStore s(path);
    s.upsert_miner(7, 0, 10, 5);
    s.allocate_sectors(7, 2);
    s.transition(7, 1, "Allocated", "PC1Running", "x");
    EXPECT_EQ(count(s, "Allocated"), 2);  // counted as they happen
    EXPECT_EQ(count(s, "PC1Running"), 1);
    s.db().exec(
        "DROP TRIGGER count_transition; DROP TABLE transition_counts;"
        "UPDATE meta SET value = '5' WHERE key = 'schema_version'");
    s.transition(7, 2, "Allocated", "PC1Running", "before the upgrade");
  }
  StateStore s(path);
  EXPECT_EQ(count(s, "Allocated"), 2);  // rebuilt from the events
  EXPECT_EQ(count(s, "PC1Running"), 2);
  s.transition(7, 1, "PC1Running", "PC1Done", "after");
  EXPECT_EQ(count(s, "PC1Done"), 1);
}

TEST(StateStore, SectorsByStateAndAllButSomeStates) {
  StateStore s(fresh_db("by-state"));
  s.upsert_miner(7, 0, 10, 5);
  s.allocate_sectors(7, 4);
  s.transition(7, 2, "Allocated", "Proving", "x");
  s.transition(7, 3, "Allocated", "Failed", "x");
  const auto numbers = [](const std::vector<SectorRecord>& v) {
    std::vector<std::uint64_t> out;
    for (const auto& r : v) out.push_back(r.number);
    return out;
  };
  EXPECT_EQ(numbers(s.sectors_in_state("Allocated")), (std::vector<std::uint64_t>{1, 4}));
  EXPECT_EQ(numbers(s.sectors_in_state("Persisting")), std::vector<std::uint64_t>{});
  const std::string_view settled[] = {"Proving", "Failed", "Aborted"};
  EXPECT_EQ(numbers(s.sectors_except(settled)), (std::vector<std::uint64_t>{1, 4}));
  EXPECT_EQ(numbers(s.sectors_except({})), (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(StateStore, AVersionFourDatabaseGainsTheSectorsStore) {
  const auto path = fresh_db("upgrade4");
  {
    StateStore s(path);
    s.upsert_miner(7, 0, 10, 5);
    s.allocate_sectors(7, 1);
    s.db().exec(
        "ALTER TABLE sectors DROP COLUMN store;"
        "UPDATE meta SET value = '4' WHERE key = 'schema_version'");
  }
  StateStore s(path);
  EXPECT_FALSE(s.sector(7, 1)->store.has_value());
  SectorUpdate u;
  u.store = "store-a";
  s.transition(7, 1, "Allocated", "Persisting", "to store-a", u);
  s.transition(7, 1, "Persisting", "Proving", "moved");  // the store is kept
  EXPECT_EQ(s.sector(7, 1)->store, "store-a");
  s.allocate_sectors(7, 2);
  u.store = "store-b";
  s.transition(7, 2, "Allocated", "Persisting", "to store-b", u);
  s.transition(7, 3, "Allocated", "Persisting", "to store-b", u);
  const auto use = s.store_use();
  ASSERT_EQ(use.size(), 2u);  // sectors without a store are not counted
  EXPECT_EQ(use[0].store, "store-a");
  EXPECT_EQ(use[0].state, "Proving");
  EXPECT_EQ(use[0].sectors, 1u);
  EXPECT_EQ(use[1].store, "store-b");
  EXPECT_EQ(use[1].state, "Persisting");
  EXPECT_EQ(use[1].sectors, 2u);
}

TEST(StateStore, AWindowPostRunIsRecordedOnceWithItsJobAndMessages) {
  StateStore s(fresh_db("post-runs"));
  s.upsert_miner(7, 0, 10, 5);
  PostRun r;
  r.miner = 7;
  r.open = 1068;
  r.deadline = 1;
  r.challenge = 1048;
  r.close = 1128;
  r.state = "proving";
  r.job_id = "wdpost-7-1068-1";
  r.randomness = "00";
  r.plan = "{}";
  JobRecord j;
  j.id = *r.job_id;
  j.miner = 7;
  j.number = 1;
  j.stage = "wdpost";
  j.executor = "local";
  j.state = "queued";
  j.spec_path = "spec";
  j.workdir = "dir";
  EXPECT_TRUE(s.insert_post_run(r, j));
  ASSERT_TRUE(s.job(j.id).has_value());
  // A second start of the same deadline instance writes nothing, not even its job.
  PostRun again = r;
  again.job_id = "wdpost-7-1068-2";
  JobRecord j2 = j;
  j2.id = *again.job_id;
  EXPECT_FALSE(s.insert_post_run(again, j2));
  EXPECT_FALSE(s.job(j2.id).has_value());
  EXPECT_EQ(s.post_run(7, 1068)->job_id, "wdpost-7-1068-1");
  // A retry: the new job is recorded with the run that names it.
  r.job_id = j2.id;
  s.update_post_run(r, {}, j2);
  EXPECT_TRUE(s.job(j2.id).has_value());
  EXPECT_EQ(s.post_run(7, 1068)->job_id, j2.id);
  EXPECT_THROW(s.update_post_run(r, {}, j2), Error);  // the id is taken
  // A run whose job id is taken already is not recorded either.
  PostRun other = r;
  other.open = 1548;
  EXPECT_THROW(s.insert_post_run(other, j), Error);
  EXPECT_FALSE(s.post_run(7, 1548).has_value());

  // Messages are recorded with the run's new state, or neither is.
  MessageRecord m;
  m.uid = "wdpost-7-1068-0";
  m.miner = 7;
  m.method = 5;
  m.params_hex = "80";
  m.sender = "t0100";
  r.state = "submitting";
  r.message_uids = {m.uid};
  s.update_post_run(r, std::span(&m, 1));
  EXPECT_EQ(s.post_run(7, 1068)->message_uids, std::vector<std::string>{m.uid});
  EXPECT_EQ(s.message(m.uid)->state, "new");
  PostRun later = r;
  later.state = "submitted";
  EXPECT_THROW(s.update_post_run(later, std::span(&m, 1)), Error);  // uid taken: rolled back
  EXPECT_EQ(s.post_run(7, 1068)->state, "submitting");
  // Still to push or follow: by method, until it lands or fails.
  EXPECT_EQ(s.unfinished_messages(5).size(), 1u);
  EXPECT_TRUE(s.unfinished_messages(11).empty());
  s.update_message(m.uid, "pushed", std::string("bafy-post"));
  EXPECT_EQ(s.unfinished_messages(5).size(), 1u);
  s.update_message(m.uid, "landed", std::nullopt, 1074, 0);
  EXPECT_TRUE(s.unfinished_messages(5).empty());
  // Unfinished runs are the ones the runner still advances.
  EXPECT_EQ(s.post_runs(7, true).size(), 1u);
  r.state = "landed";
  s.update_post_run(r);
  EXPECT_TRUE(s.post_run(7, 1068)->final());
  EXPECT_TRUE(s.post_runs(7, true).empty());
  EXPECT_EQ(s.post_runs(7).size(), 1u);
  // A deadline whose sectors were all skipped is final too: nothing is left to submit.
  PostRun skipped = r;
  skipped.open = 1128;
  skipped.state = "skipped";
  EXPECT_TRUE(s.insert_post_run(skipped, std::nullopt));
  EXPECT_TRUE(s.post_run(7, 1128)->final());
  EXPECT_TRUE(s.post_runs(7, true).empty());
  PostRun missing = r;
  missing.open = 1;
  EXPECT_THROW(s.update_post_run(missing), Error);
}

TEST(StateStore, AMessageIsRecordedWithItsSectorsInOneTransaction) {
  StateStore s(fresh_db("messages"));
  s.upsert_miner(7, 0, 100, 5);
  s.allocate_sectors(7, 3);
  MessageRecord m;
  m.uid = "u-1";
  m.miner = 7;
  m.method = 28;
  m.params_hex = "80";
  m.sender = "t0100";
  m.value = "12";
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> both = {{7, 1}, {7, 2}};
  s.record_message(m, both, "Allocated", "PreCommitSending", "recorded");
  EXPECT_EQ(s.sector(7, 2)->message_uid, "u-1");
  EXPECT_EQ(s.message("u-1")->state, "new");
  s.update_message("u-1", "pushed", std::string("bafy-test"));
  EXPECT_EQ(s.message("u-1")->cid, "bafy-test");
  // Sector 3 is not in the expected state: nothing of the second message is kept.
  s.transition(7, 3, "Allocated", "PC1Running", "x");
  m.uid = "u-2";
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> one = {{7, 3}};
  EXPECT_THROW(s.record_message(m, one, "Allocated", "PreCommitSending", "recorded"), Error);
  EXPECT_FALSE(s.message("u-2").has_value());
  EXPECT_EQ(s.messages(7).size(), 1u);
}

// The child (vcoord_state_torture) loops: allocate a sector, walk it through five states, record
// a job. Killed with SIGKILL at random instants and restarted on the same database, it must
// leave numbers 1..last with no gap or duplicate, every sector's history a chain from
// "Allocated" to its current state, and a job only for sectors past "S4" (the job is written
// just before the last transition). A final resume-only run must then finish every sector.
TEST(StateStore, SurvivesKillNineAtAnyInstant) {
  const auto path = fresh_db("kill9");
  const std::string child = std::string(VSEAL_BIN_DIR) + "/../tests/vcoord_state_torture";
  std::mt19937_64 rng(vseal::testing::test_seed());
  int killed = 0;
  for (int round = 0; round < 12; ++round) {
    const auto delay = std::chrono::milliseconds(20 + rng() % 150);
    const auto r =
        vseal::testing::run_and_kill_after({child, path.string()}, path.string() + ".log", delay);
    if (r.signal == SIGKILL) ++killed;
    ASSERT_TRUE(r.signal == SIGKILL || r.exit_code == 0) << "child failed; see " << path << ".log";
  }
  EXPECT_GT(killed, 0);
  StateStore s(path);
  const auto m = s.miner(1000);
  ASSERT_TRUE(m.has_value());
  const auto all = s.sectors(1000);
  ASSERT_EQ(all.size(), m->last_number);
  ASSERT_GT(all.size(), 0u);
  const std::vector<std::string> chain = {"Allocated", "S1", "S2", "S3", "S4", "Done"};
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].number, i + 1);
    const auto ev = s.events(1000, all[i].number);
    ASSERT_FALSE(ev.empty());
    for (std::size_t k = 0; k < ev.size(); ++k) {
      ASSERT_LT(k, chain.size());
      EXPECT_EQ(ev[k].to, chain[k]) << "sector " << all[i].number;
      EXPECT_EQ(ev[k].from, k == 0 ? "" : chain[k - 1]);
    }
    EXPECT_EQ(all[i].state, ev.back().to);
    const bool has_job = s.job("job-" + std::to_string(all[i].number)).has_value();
    if (all[i].state == "Done") {
      EXPECT_TRUE(has_job) << "sector " << all[i].number;
    } else if (all[i].state != "S4") {
      EXPECT_FALSE(has_job) << "sector " << all[i].number;
    }
  }
  const auto r =
      vseal::testing::run_and_kill_after({child, path.string(), "--resume-only"},
                                         path.string() + ".log", std::chrono::milliseconds(60000));
  ASSERT_EQ(r.exit_code, 0) << "resume failed; see " << path << ".log";
  for (const auto& sec : StateStore(path).sectors(1000)) {
    EXPECT_EQ(sec.state, "Done") << "sector " << sec.number;
    EXPECT_TRUE(s.job("job-" + std::to_string(sec.number)).has_value());
  }
}

}  // namespace
}  // namespace vseal::coord
