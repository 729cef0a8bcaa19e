#pragma once
// The manager-side sector state machine (coordinator.md §4, issue #5 deliverable 3), one step
// per sector per tick, each step one state transition in SQLite:
//
//   Allocated -> TicketAssigned -> PC1Running -> PC1Done -> PC2Running -> PC2Done
//   -> PreCommitQueued -> PreCommitSending -> PreCommitSent -> PreCommitLanded -> SeedReady
//   (-> Proving)
//
// SeedReady is where a sector waits for the C2 job, which arrives with the Groth16 prover;
// nothing is faked past it. A sector the chain shows active (proven by a prove-commit sent
// outside vcoord) moves on to Proving, where the WindowPoSt runner keeps it. A job is recorded
// together with the transition that runs it (its id <stage>-<miner>-<number>-<attempt> counted per
// sector and stage) and submitted after, so a submission lost in a crash is made when the sector is
// next polled. Sectors that get their tickets together start PC1 in one submission (a Slurm job
// array); where the executor supports dependencies each PC2 is submitted with its PC1 and starts
// when it succeeds (withdrawn if it fails). Slurm priority (nice) orders a stage's jobs by the
// slack left before the ticket expires. Jobs go through the Executor (idempotent per job id), chain
// messages through the node with a uid fixed before the push, so a daemon killed at any point
// resumes every sector without starting a job or sending a message twice. Temporary failures
// (job exit 75, a lost job, message exits 6/7/19, an unreachable node) retry with back-off;
// permanent ones move the sector to Failed with a reason an operator can read.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chainapi/chain_client.hpp"
#include "chainapi/message_sender.hpp"
#include "config/config.hpp"
#include "exec/executor.hpp"
#include "state/store.hpp"
#include "stores/persisted_stores.hpp"

namespace vseal::coord {

struct PipelinePaths {
  std::filesystem::path scratch;     // <scratch>/<miner>/<sector>/ holds a sector's files
  std::filesystem::path parents;     // parent cache directory
  std::filesystem::path bin_dir;     // vseal-pc1, vseal-pc2
  std::vector<PersistStore> stores;  // where proven sectors go (none: they stay in scratch)
};

// States a sector can be in; "Failed" and "Aborted" are final.
namespace sector_state {
inline constexpr const char* kAllocated = "Allocated";
inline constexpr const char* kTicketAssigned = "TicketAssigned";
inline constexpr const char* kPC1Running = "PC1Running";
inline constexpr const char* kPC1Done = "PC1Done";
inline constexpr const char* kPC2Running = "PC2Running";
inline constexpr const char* kPC2Done = "PC2Done";
inline constexpr const char* kPreCommitQueued = "PreCommitQueued";
inline constexpr const char* kPreCommitSending = "PreCommitSending";
inline constexpr const char* kPreCommitSent = "PreCommitSent";
inline constexpr const char* kPreCommitLanded = "PreCommitLanded";
inline constexpr const char* kSeedReady = "SeedReady";
inline constexpr const char* kPersisting = "Persisting";
inline constexpr const char* kProving = "Proving";
inline constexpr const char* kFailed = "Failed";
inline constexpr const char* kAborted = "Aborted";
}  // namespace sector_state

// A job's JSON output file; nullopt when it is missing or not JSON.
std::optional<nlohmann::json> read_json_file(const std::filesystem::path& p);

// The chain message of a recorded one: to the miner actor, from its sender, with the
// configured fee cap as its GasFeeCap (coordinator.md §4.7; 0 lets the node or the messager
// choose it); gas limit and premium are left to them to estimate.
chain::Message message_from_record(const MessageRecord& m, const FilAmount& fee_cap);

// Records what the executor reports of a job (state, handle, exit code) when it changed.
void record_job_status(StateStore& store, const JobRecord& job, const JobStatus& status);

// How a recorded job is launched (the stage's binary next to vcoord, with its spec).
JobLaunch job_launch(const JobRecord& job, const std::filesystem::path& bin_dir);

// What a sector in `state` is waiting for, in words (for `sectors status`).
std::string sector_state_explanation(const std::string& state);

class SectorPipeline {
 public:
  using Log = std::function<void(const std::string&)>;
  SectorPipeline(const Config& config, StateStore& store, Executor& executor, ChainClient& chain,
                 MessageSender& sender, PipelinePaths paths, Log log);

  // One pass over every sector that is not final. Errors of one sector never stop the others;
  // an unreachable node ends the pass early (retried next tick).
  void tick();

  // Stops a sector: its running job is cancelled and it moves to Aborted.
  static void abort_sector(StateStore& store, Executor& executor, const PipelinePaths& paths,
                           std::uint64_t miner, std::uint64_t number, const std::string& reason);

 private:
  struct ChainFacts;
  // Runs one sector's step; a chain error or a transient one is logged (retried next tick), any
  // other fails the sector if it is still in the state the step started from.
  void guarded(const SectorRecord& s, const std::function<void()>& fn);
  void step(const SectorRecord& s, ChainFacts& facts);
  void assign_ticket(const SectorRecord& s, ChainFacts& facts);
  // Sectors with tickets: PC1 jobs (one submission per miner and proof type), each with its PC2
  // chained when the executor supports dependencies and [Jobs] ChainPC2 is on.
  void start_pc1(const std::vector<SectorRecord>& ready);
  // PC1 done: the chained PC2 takes over, or a new PC2 job starts.
  void start_pc2(const SectorRecord& s);
  // A new job record for the sector's next attempt at `stage` (spec written, not yet stored).
  JobRecord new_job(const SectorRecord& s, const std::string& stage, const JobRecord* after);
  void record_handles(std::span<const JobRecord> jobs,
                      const std::vector<std::optional<std::string>>& handles);
  // Cancels the jobs waiting on `job_id` (it failed) and marks them withdrawn.
  void withdraw_followers(const SectorRecord& s, const std::string& job_id);
  void poll_job(const SectorRecord& s, const std::string& stage, const char* retry_state,
                const char* done_state);
  void precommit_batches(const std::vector<SectorRecord>& queued, ChainFacts& facts);
  void push_precommit(const MessageRecord& m, const std::vector<SectorRecord>& sectors);
  void check_precommit(const SectorRecord& s, ChainFacts& facts);
  void wait_seed(const SectorRecord& s, ChainFacts& facts);
  // SeedReady: once the chain shows the sector active, a persisted store is chosen for it
  // (Persisting), or with none configured it is Proving from its scratch directory.
  void check_proven(const SectorRecord& s);
  // Persisting: the files WindowPoSt reads are copied into the store and proven there once,
  // the sealing files deleted, then Proving.
  void persist(const SectorRecord& s);
  // Logs `line` for the sector at most once a minute (conditions that last, like a full store).
  void log_now_and_then(const SectorRecord& s, const std::string& line);
  void fail(const SectorRecord& s, const std::string& reason);
  void retry(const SectorRecord& s, const char* to, const std::string& why);
  std::filesystem::path sector_dir(const SectorRecord& s) const;
  JobLaunch launch_for(const JobRecord& j, const SectorRecord& s) const;
  const lotus::MinerInfo& miner_info(std::uint64_t miner);

  const Config& config_;
  StateStore& store_;
  Executor& exec_;
  ChainClient& chain_;
  MessageSender& sender_;
  PipelinePaths paths_;
  Log log_;
  std::map<std::uint64_t, lotus::MinerInfo> miner_info_;
  // Per miner, when the pre-commit batch's MaxWait was last checked ([Commitment]
  // PreCommitCheckInterval); a full batch is sent at once regardless.
  std::map<std::uint64_t, std::chrono::steady_clock::time_point> precommit_wait_checked_;
  std::optional<std::int64_t> challenge_delay_;  // PreCommitChallengeDelay of the network
  std::int64_t head_height_ = 0;                 // chain head of the current tick
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::int64_t> logged_at_ms_;
};

}  // namespace vseal::coord
