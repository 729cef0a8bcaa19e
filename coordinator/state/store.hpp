#pragma once
// vcoord's durable state in one SQLite database (WAL): miners and their sector-number counters,
// sectors with the full history of their state transitions, jobs and messages. Every mutation
// is one transaction, so a process killed at any instant (kill -9) leaves either all of a
// change or none of it. Sector transitions are compare-and-set on the current state: a
// transition from a state the sector is no longer in is refused (Error{Transient}), which is
// what keeps two loops or a restarted daemon from applying a step twice.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "state/sqlite.hpp"

namespace vseal::coord {

struct SectorRecord {
  std::uint64_t miner = 0, number = 0;
  std::string state;
  int seal_proof = 0;
  std::optional<std::string> ticket, seed, comm_d, comm_r, abort_reason;
  std::optional<std::int64_t> ticket_epoch, seed_epoch, next_attempt_at_ms;
  std::int64_t failures = 0;
  std::int64_t created_at_ms = 0, updated_at_ms = 0;
  std::optional<std::string> message_uid;       // the message the sector waits on
  std::optional<std::int64_t> precommit_epoch;  // from the chain, once landed
  std::optional<std::string> job_id;            // the job of its current or last stage
  std::optional<std::string> store;             // the persisted store it is moved to / lives in
};

struct SectorEvent {
  std::int64_t id = 0, at_ms = 0;
  std::string from, to, detail;
};

// Fields set together with a transition (absent = unchanged).
struct SectorUpdate {
  std::optional<std::string> ticket, seed, comm_d, comm_r, abort_reason;
  std::optional<std::int64_t> ticket_epoch, seed_epoch, next_attempt_at_ms;
  bool count_failure = false;              // failures += 1
  bool reset_failures = false;             // failures = 0
  std::optional<std::string> message_uid;  // set (an empty string clears it)
  std::optional<std::int64_t> precommit_epoch;
  std::optional<std::string> job_id;  // set
  std::optional<std::string> store;   // set
};

// A chain message vcoord sends. The uid is fixed before the push (lotus MsgUuid / venus
// uid), recorded with the sectors it carries in one transaction, so a restart pushes the same
// message again under the same uid and the node returns the one it already has.
struct MessageRecord {
  std::string uid;
  std::uint64_t miner = 0;
  std::uint64_t method = 0;
  std::string params_hex;
  std::string state;  // new | pushed | landed | failed
  std::optional<std::string> cid;
  std::optional<std::int64_t> landed_epoch, exit_code;
  std::string sender, value = "0", detail;
  std::int64_t created_at_ms = 0, updated_at_ms = 0;
};

struct JobRecord {
  std::string id;  // <stage>-<miner>-<number>-<attempt>, attempt counted per sector and stage
  std::uint64_t miner = 0, number = 0;
  std::string stage;  // pc1 | pc2 | c2 | wdpost
  int attempt = 1;
  std::string executor;               // local | slurm
  std::optional<std::string> handle;  // pid or Slurm job id once submitted
  // queued | running | succeeded | failed | cancelled | lost, or withdrawn: a job submitted to
  // start after another one that failed, so it never ran.
  std::string state;
  std::string spec_path, workdir;
  std::optional<std::int64_t> exit_code;
  std::int64_t created_at_ms = 0, updated_at_ms = 0;
  std::optional<std::string> after;  // the job it starts after (PC2 chained to PC1)

  // Still in the executor's hands (the states jobs(true) selects).
  bool active() const { return state == "queued" || state == "running"; }
};

// One WindowPoSt deadline instance of a miner as the runner works through it (coordinator.md
// §4.11); (miner, open) is its key, so a restarted runner finds the instance it was proving.
// States: proving (its vanilla-proof job runs) -> submitting (messages recorded, pushed once
// the window is open) -> submitted -> landed; or nothing (no live sector), skipped (sectors to
// prove, but every one was skipped before proving: nothing could be submitted), unsubmitted
// (proven but this chain needs a SNARK vseal cannot make yet), missed (the window closed
// first), failed.
inline constexpr std::string_view kPostRunFinalStates[] = {"landed",      "nothing", "skipped",
                                                           "unsubmitted", "missed",  "failed"};
struct PostRun {
  std::uint64_t miner = 0;
  std::int64_t open = 0;
  std::uint64_t deadline = 0;
  std::int64_t challenge = 0, close = 0;
  std::string state;
  std::optional<std::string> job_id;
  std::string randomness;  // hex, the WindowedPoStChallengeSeed draw as the node gave it
  std::string plan;        // JSON: partitions, their sectors, what is proven and what skipped
  std::vector<std::string> message_uids;    // SubmitWindowedPoSt messages, one per batch
  std::optional<std::string> recovery_uid;  // DeclareFaultsRecovered for deadline + 2
  std::string detail;
  std::int64_t created_at_ms = 0, updated_at_ms = 0;

  bool final() const {
    return std::find(std::begin(kPostRunFinalStates), std::end(kPostRunFinalStates), state) !=
           std::end(kPostRunFinalStates);
  }
};

struct MinerRecord {
  std::uint64_t id = 0;
  std::uint64_t last_number = 0;  // last allocated sector number (0: none yet)
  std::uint64_t init_number = 0, max_number = 0;
  int seal_proof = 0;
};

class StateStore {
 public:
  static constexpr int kSchemaVersion = 6;

  // Opens or creates the database and brings its schema to kSchemaVersion; a database written
  // by a newer vcoord is refused (Error{BadInput}).
  explicit StateStore(const std::filesystem::path& path);

  // Registers the miner or updates its limits (the counter is kept).
  void upsert_miner(std::uint64_t id, std::uint64_t init_number, std::uint64_t max_number,
                    int seal_proof);
  std::optional<MinerRecord> miner(std::uint64_t id);
  std::vector<MinerRecord> miners();

  // Hands out `count` consecutive numbers after the miner's counter (raised to InitNumber
  // first) and creates their sectors in state "Allocated", all in one transaction. Refused
  // when the numbers would pass MaxNumber or meet a number in `allocated_on_chain`.
  std::vector<std::uint64_t> allocate_sectors(
      std::uint64_t miner, std::uint64_t count,
      std::span<const std::uint64_t> allocated_on_chain = {});

  // Moves the sector from `from` to `to`, applies `update` and appends the event.
  void transition(std::uint64_t miner, std::uint64_t number, std::string_view from,
                  std::string_view to, std::string_view detail, const SectorUpdate& update = {});

  // Records a message (state "new") and moves every listed sector from `from` to `to` with
  // message_uid set, in one transaction.
  void record_message(const MessageRecord& m,
                      std::span<const std::pair<std::uint64_t, std::uint64_t>> sectors,
                      std::string_view from, std::string_view to, std::string_view detail);
  void update_message(std::string_view uid, std::string_view state, std::optional<std::string> cid,
                      std::optional<std::int64_t> landed_epoch = std::nullopt,
                      std::optional<std::int64_t> exit_code = std::nullopt);
  std::optional<MessageRecord> message(std::string_view uid);
  std::vector<MessageRecord> messages(std::optional<std::uint64_t> miner = std::nullopt);
  // Messages of one method still to push or follow (state "new" or "pushed"), oldest first.
  std::vector<MessageRecord> unfinished_messages(std::uint64_t method);

  std::optional<SectorRecord> sector(std::uint64_t miner, std::uint64_t number);
  std::vector<SectorRecord> sectors(std::optional<std::uint64_t> miner = std::nullopt);
  std::vector<SectorRecord> sectors_in_state(std::string_view state);
  // How many sectors each persisted store holds, per sector state (sectors with a store only).
  struct StoreUse {
    std::string store, state;
    std::uint64_t sectors = 0;
  };
  std::vector<StoreUse> store_use();
  // Every sector not in one of `states` (the pipeline's pass skips the settled ones this way
  // without reading them: at 100 000 proving sectors that is most of the table).
  std::vector<SectorRecord> sectors_except(std::span<const std::string_view> states);
  std::vector<SectorEvent> events(std::uint64_t miner, std::uint64_t number);

  // Jobs: inserted once (a second insert of the same id is a no-op returning false), then
  // updated as the executor reports.
  bool insert_job(const JobRecord& job);
  // Records `jobs` and moves the sector from `from` to `to` with job_id = jobs[0].id, in one
  // transaction: a job exists exactly when the sector moved on to run it, so its id (counted
  // from the sector's earlier jobs) is never handed out twice. It is submitted afterwards.
  void start_jobs(std::uint64_t miner, std::uint64_t number, std::string_view from,
                  std::string_view to, std::string_view detail, std::span<const JobRecord> jobs);
  // A sector's jobs, oldest first.
  std::vector<JobRecord> sector_jobs(std::uint64_t miner, std::uint64_t number);
  void update_job(std::string_view id, std::string_view state, std::optional<std::string> handle,
                  std::optional<std::int64_t> exit_code);
  std::optional<JobRecord> job(std::string_view id);
  std::vector<JobRecord> jobs(bool active_only = false);

  // WindowPoSt runs (post_runs.cpp). A run is inserted once, together with its job when it has
  // one (false: the run exists already, nothing written); updates replace its mutable fields
  // and record `messages` (state "new") and a new `job` (a retry) in the same transaction.
  bool insert_post_run(const PostRun& run, const std::optional<JobRecord>& job);
  void update_post_run(const PostRun& run, std::span<const MessageRecord> messages = {},
                       const std::optional<JobRecord>& job = std::nullopt);
  std::optional<PostRun> post_run(std::uint64_t miner, std::int64_t open);
  // Newest first; `unfinished_only` selects the runs not in a final state.
  std::vector<PostRun> post_runs(std::optional<std::uint64_t> miner = std::nullopt,
                                 bool unfinished_only = false);

  Database& db() { return db_; }

 private:
  void migrate();
  void transition_in_tx(std::uint64_t miner, std::uint64_t number, std::string_view from,
                        std::string_view to, std::string_view detail, const SectorUpdate& update);
  Database db_;
};

std::int64_t now_ms();

}  // namespace vseal::coord
