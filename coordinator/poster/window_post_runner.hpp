#pragma once
// The WindowPoSt runner of `vcoord daemon run --poster` (coordinator.md §4.11). On each tick,
// for every registered miner, the current deadline — and the next one once the head is past
// its challenge epoch — is started ChallengeConfidence epochs after its challenge epoch and
// never after its window closed: the challenge randomness and the partitions are read at that
// head and a vseal-wdpost job computes the vanilla proofs of every sector to prove
// (Live − Faulty + Recovering). Faulty sectors of deadline + 2 whose files prove again are
// declared recovered (DeclareFaultsRecovered) while that deadline's fault cutoff allows.
// When the job ends vcoord checks its proofs itself (every opening against the chain's
// comm_r and the randomness), skips the sectors that could not be proven and records one
// SubmitWindowedPoSt per batch of partitions, pushed SubmitConfidence epochs after the window
// opens and followed until it lands. A deadline whose window closes first is recorded missed.
//
// The SNARK: vseal has no Groth16 prover yet. On a chain running builtin-actors'
// testing-fake-proofs rules (the dev chain's "fake-proofs" mode, known by its network name)
// the proof bytes are that bundle's digest of the randomness and the proven sectors; on any
// other chain a deadline ends "unsubmitted" with its vanilla proofs verified and an error
// logged, since such a chain only takes a SNARK.
//
// Each step is one SQLite transaction keyed by (miner, deadline open) and every message has a
// uid fixed before its push, so a runner killed at any point resumes without a second job or
// message for the same deadline.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "chainapi/chain_client.hpp"
#include "chainapi/message_sender.hpp"
#include "config/config.hpp"
#include "exec/executor.hpp"
#include "pipeline/sector_pipeline.hpp"
#include "post/registered_post.hpp"
#include "state/store.hpp"

namespace vseal::coord {

class WindowPostRunner {
 public:
  using Log = std::function<void(const std::string&)>;
  WindowPostRunner(const Config& config, StateStore& store, Executor& executor, ChainClient& chain,
                   MessageSender& sender, PipelinePaths paths, Log log);

  // One pass: start due deadlines, declare recoveries, advance unfinished runs, follow
  // recovery messages. An unreachable node ends the pass early (retried next tick).
  void tick();

 private:
  void start_due(std::uint64_t miner, const ChainHead& head);
  void start(std::uint64_t miner, const lotus::DeadlineInfo& d, const ChainHead& head);
  void declare_recoveries(PostRun run, const lotus::DeadlineInfo& d, const ChainHead& head);
  void advance(PostRun run, const ChainHead& head);
  void job_ended(PostRun& run, const JobRecord& job, const JobStatus& status,
                 const ChainHead& head);
  void push_messages(PostRun& run, const ChainHead& head);
  void follow_messages(PostRun& run, const ChainHead& head);
  void follow_recoveries(const ChainHead& head);
  void finish(PostRun& run, const std::string& state, const std::string& detail);
  JobRecord new_job(const PostRun& run, lotus::json spec, int attempt) const;
  JobLaunch launch_for(const JobRecord& job) const;
  const lotus::MinerInfo& miner_info(std::uint64_t miner);
  const post::RegisteredPostProof& post_proof(std::uint64_t miner);  // the miner's Window PoSt
  // Where the sector's files are read from: its persisted store, or scratch (persisted_stores).
  SectorLocation sector_location(std::uint64_t miner, std::uint64_t number);
  std::string sender_for(std::uint64_t miner);
  bool fake_proofs();

  const Config& config_;
  StateStore& store_;
  Executor& exec_;
  ChainClient& chain_;
  MessageSender& sender_;
  PipelinePaths paths_;
  Log log_;
  std::map<std::uint64_t, lotus::MinerInfo> miner_info_;
  std::optional<bool> fake_proofs_;
};

}  // namespace vseal::coord
