#include "poster/window_post_runner.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "chain/commitment_cid.hpp"
#include "chain/fake_proofs.hpp"
#include "chain/randomness.hpp"
#include "io/atomic_file.hpp"
#include "post/registered_post.hpp"
#include "post/vanilla_post.hpp"
#include "poster/post_plan.hpp"
#include "rpc/rpc_methods.hpp"

namespace vseal::coord {

using lotus::json;

namespace {

constexpr std::uint64_t kSubmitWindowedPoSt = 5;
constexpr std::uint64_t kDeclareFaultsRecovered = 11;
constexpr std::int64_t kWindowedPoStChallengeSeed = 4;  // DST, beacon
constexpr std::int64_t kPoStChainCommit = 9;            // DST, tickets
constexpr int kMaxJobAttempts = 3;

std::string run_name(const PostRun& r) {
  return "miner " + std::to_string(r.miner) + " deadline " + std::to_string(r.deadline) +
         " (open " + std::to_string(r.open) + ")";
}

std::string numbers_text(const std::vector<std::uint64_t>& v) {
  std::string out;
  for (const auto n : v) out += (out.empty() ? "" : ",") + std::to_string(n);
  return out.empty() ? "none" : out;
}

chain::BitField bitfield_of(const json& numbers) {
  return chain::BitField::of(numbers.get<std::vector<std::uint64_t>>());
}

post::Bytes32 randomness_of(const PostRun& r) {
  post::Bytes32 out{};
  from_hex_exact(out, r.randomness, "post run randomness");
  return out;
}

// The deadline after `d` (the next window, wrapping into the next proving period).
lotus::DeadlineInfo next_deadline(const lotus::DeadlineInfo& d) {
  lotus::DeadlineInfo n = d;
  n.index = (d.index + 1) % d.period_deadlines;
  if (n.index == 0) n.period_start += d.proving_period;
  n.open = d.open + d.challenge_window;
  n.close = d.close + d.challenge_window;
  n.challenge = d.challenge + d.challenge_window;
  n.fault_cutoff = d.fault_cutoff + d.challenge_window;
  return n;
}

}  // namespace

WindowPostRunner::WindowPostRunner(const Config& config, StateStore& store, Executor& executor,
                                   ChainClient& chain, MessageSender& sender, PipelinePaths paths,
                                   Log log)
    : config_(config),
      store_(store),
      exec_(executor),
      chain_(chain),
      sender_(sender),
      paths_(std::move(paths)),
      log_(std::move(log)) {}

void WindowPostRunner::tick() {
  try {
    const ChainHead head = chain_.head();
    for (const auto& m : store_.miners()) {
      try {
        start_due(m.id, head);
      } catch (const RpcError& e) {
        log_("WindowPoSt: miner " + std::to_string(m.id) + ": chain node answered: " + e.what());
      }
    }
    for (auto& run : store_.post_runs(std::nullopt, true)) {
      try {
        advance(run, head);
      } catch (const RpcError& e) {
        log_("WindowPoSt: " + run_name(run) + ": chain node answered: " + e.what());
      } catch (const Error& e) {
        if (e.code() == ErrorCode::Transient) throw;
        finish(run, "failed", e.what());
      }
    }
    follow_recoveries(head);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::Transient) throw;
    log_(std::string("WindowPoSt: ") + e.what() + " (retrying)");
  }
}

const lotus::MinerInfo& WindowPostRunner::miner_info(std::uint64_t miner) {
  auto it = miner_info_.find(miner);
  if (it == miner_info_.end())
    it = miner_info_.emplace(miner, chain_.miner_info(chain::Address::from_id(miner))).first;
  return it->second;
}

SectorLocation WindowPostRunner::sector_location(std::uint64_t miner, std::uint64_t number) {
  const auto rec = store_.sector(miner, number);
  return locate_sector(paths_.stores, paths_.scratch, miner, number,
                       rec ? rec->store : std::nullopt,
                       rec && rec->state == sector_state::kPersisting);
}

const post::RegisteredPostProof& WindowPostRunner::post_proof(std::uint64_t miner) {
  return post::registered_post_proof(static_cast<int>(miner_info(miner).window_post_proof_type));
}

std::string WindowPostRunner::sender_for(std::uint64_t miner) {
  const auto& policy = config_.post(miner);
  if (!policy.sender.empty()) return policy.sender;
  return lotus::address_json(miner_info(miner).worker).get<std::string>();
}

bool WindowPostRunner::fake_proofs() {
  if (!fake_proofs_) {
    const auto name = lotus::network_params_from_json(chain_.network_params()).name;
    const std::string suffix = "-fake-proofs";
    fake_proofs_ = name.size() >= suffix.size() &&
                   name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  }
  return *fake_proofs_;
}

// The current deadline, and the next one once the head is past its challenge epoch: at most
// two are active at once. Each is started once, at Challenge + ChallengeConfidence, and only
// while its window has not closed (a stale deadline is never proven).
void WindowPostRunner::start_due(std::uint64_t miner, const ChainHead& head) {
  const auto& policy = config_.post(miner);
  const auto current = chain_.proving_deadline(chain::Address::from_id(miner), head.key);
  for (const auto& d : {current, next_deadline(current)}) {
    if (d.index >= d.period_deadlines) continue;  // the miner's proving has not started
    const auto due = d.challenge + static_cast<std::int64_t>(policy.challenge_confidence);
    if (head.height < due || head.height >= d.close) continue;
    auto run = store_.post_run(miner, d.open);
    if (!run) {
      start(miner, d, head);
      run = store_.post_run(miner, d.open);
    }
    if (run && !run->recovery_uid) declare_recoveries(*run, d, head);
  }
}

void WindowPostRunner::start(std::uint64_t miner, const lotus::DeadlineInfo& d,
                             const ChainHead& head) {
  const auto addr = chain::Address::from_id(miner);
  const auto& proof = post_proof(miner);
  const auto randomness = post::post_randomness(chain_.randomness(
      true, kWindowedPoStChallengeSeed, d.challenge, chain::address_entropy(addr), head.key));

  PostRun run;
  run.miner = miner;
  run.open = d.open;
  run.deadline = d.index;
  run.challenge = d.challenge;
  run.close = d.close;
  run.randomness = to_hex(randomness);

  const auto planned = plan_partitions(chain_.partitions(addr, d.index, head.key));
  chain::BitField to_prove;
  json plan = {{"partitions", json::array()},
               {"sectors", json::object()},
               {"proven", json::array()},
               {"skipped", json::array()}};
  for (const auto& p : planned) {
    plan["partitions"].push_back(
        {{"index", p.index}, {"all", p.all.values()}, {"to_prove", p.to_prove.values()}});
    to_prove = to_prove.unite(p.to_prove);
  }
  json spec_sectors = json::array();
  if (!to_prove.empty()) {
    for (const auto& s : chain_.sectors(addr, to_prove)) {
      if (!to_prove.contains(s.number)) continue;
      const auto comm_r = chain::commitment_from_cid(chain::CommitmentKind::Sealed, s.sealed_cid);
      plan["sectors"][std::to_string(s.number)] = {{"seal_proof", s.seal_proof},
                                                   {"sealed_cid", chain::cid_string(s.sealed_cid)},
                                                   {"comm_r", to_hex(comm_r)}};
      const auto at = sector_location(miner, s.number);
      if (const auto why = strict_store_refuses(at)) {
        plan["skipped"].push_back({{"sector", s.number}, {"reason", *why}});
        continue;
      }
      spec_sectors.push_back({{"sector_number", s.number},
                              {"comm_r", to_hex(comm_r)},
                              {"cache", at.cache.string()},
                              {"sealed", at.sealed.string()}});
    }
    for (const auto n : to_prove.values())
      if (!plan["sectors"].contains(std::to_string(n)))
        plan["skipped"].push_back({{"sector", n}, {"reason", "the chain has no info for it"}});
  }
  std::sort(spec_sectors.begin(), spec_sectors.end(), [](const json& a, const json& b) {
    return a["sector_number"].get<std::uint64_t>() < b["sector_number"].get<std::uint64_t>();
  });

  std::optional<JobRecord> job;
  if (spec_sectors.empty()) {
    run.state = to_prove.empty() ? "nothing" : "skipped";
    // Say why: an empty deadline is routine, every sector skipped is a loss of power.
    run.detail = to_prove.empty()
                     ? "no sector to prove in " + std::to_string(planned.size()) + " partition(s)"
                     : "all " + std::to_string(to_prove.count()) +
                           " sector(s) to prove were skipped (" +
                           plan["skipped"][0]["reason"].get<std::string>() +
                           (plan["skipped"].size() > 1 ? ", …" : "") + "); nothing submitted";
  } else {
    const json spec = {{"miner", miner},
                       {"deadline", d.index},
                       {"registered_proof", std::string(proof.name)},
                       {"randomness", run.randomness},
                       {"sectors", spec_sectors}};
    const JobRecord j = new_job(run, spec, 1);
    job = j;
    run.state = "proving";
    run.job_id = j.id;
    run.detail = "proving " + std::to_string(spec_sectors.size()) + " sector(s) in " +
                 std::to_string(planned.size()) + " partition(s)";
  }
  run.plan = plan.dump();
  if (!store_.insert_post_run(run, job)) return;  // started by an earlier pass
  if (job) {
    if (const auto h = exec_.submit(launch_for(*job)))
      store_.update_job(job->id, "queued", h, std::nullopt);
    log_("WindowPoSt: " + run_name(run) + ": " + run.detail + ", job " + job->id);
  } else if (run.state == "skipped") {
    log_("ERROR: WindowPoSt: " + run_name(run) + ": " + run.detail);
  }
}

// Faulty sectors of deadline + 2 that prove again from their files are declared recovered,
// so that deadline's PoSt includes them. Run once per deadline instance, recorded as the
// run's recovery_uid ("" when there was nothing to declare or it was too late).
void WindowPostRunner::declare_recoveries(PostRun run, const lotus::DeadlineInfo& d,
                                          const ChainHead& head) {
  const auto& policy = config_.post(run.miner);
  const auto addr = chain::Address::from_id(run.miner);
  lotus::DeadlineInfo target = next_deadline(next_deadline(d));
  run.recovery_uid = "";
  std::string note;
  std::optional<MessageRecord> message;
  if (head.height >= target.fault_cutoff) {
    note = "recoveries for deadline " + std::to_string(target.index) + ": fault cutoff " +
           std::to_string(target.fault_cutoff) + " passed";
  } else {
    const auto parts = chain_.partitions(addr, target.index, head.key);
    chain::BitField candidates;
    for (const auto& p : parts) candidates = candidates.unite(p.faulty.subtract(p.recovering));
    std::map<std::uint64_t, post::Node> comm_r;
    if (!candidates.empty())
      for (const auto& s : chain_.sectors(addr, candidates))
        comm_r[s.number] = chain::commitment_from_cid(chain::CommitmentKind::Sealed, s.sealed_cid);
    const auto& proof = post_proof(run.miner);
    const auto randomness = randomness_of(run);
    chain::DeclarationParams decl;
    std::uint64_t declared = 0;
    std::vector<std::uint64_t> still_bad;
    const std::uint64_t max_parts = policy.max_partitions_per_recovery_message;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (max_parts && decl.declarations.size() >= max_parts) break;
      chain::BitField good;
      for (const auto n : parts[i].faulty.subtract(parts[i].recovering).values()) {
        if (policy.max_recover_sector_limit && declared >= policy.max_recover_sector_limit) break;
        const auto c = comm_r.find(n);
        if (c == comm_r.end()) continue;
        const auto at = sector_location(run.miner, n);
        const auto outcome =
            strict_store_refuses(at)
                ? post::SectorOutcome{}
                : post::prove_sector(proof, randomness, {n, c->second, at.cache, at.sealed}, 0);
        if (outcome.proof) {
          good.set(n);
          ++declared;
        } else {
          still_bad.push_back(n);
        }
      }
      if (!good.empty()) decl.declarations.push_back({target.index, i, good});
    }
    if (declared > 0) {
      MessageRecord m;
      m.uid = "recover-" + std::to_string(run.miner) + "-" + std::to_string(run.open);
      m.miner = run.miner;
      m.method = kDeclareFaultsRecovered;
      m.params_hex = to_hex(decl.encode());
      m.sender = sender_for(run.miner);
      m.detail = "recover " + std::to_string(declared) + " sector(s) of deadline " +
                 std::to_string(target.index);
      run.recovery_uid = m.uid;
      message = m;
    }
    if (declared > 0 || !still_bad.empty())
      note = "deadline " + std::to_string(target.index) + ": " + std::to_string(declared) +
             " faulty sector(s) prove again and are declared recovered; still faulty: " +
             numbers_text(still_bad);
  }
  if (message)
    store_.update_post_run(run, std::span(&*message, 1));
  else
    store_.update_post_run(run);
  if (!note.empty()) log_("WindowPoSt: " + run_name(run) + ": " + note);
}

// A job record for attempt `attempt` of the run, its spec (with its own output directory,
// since a job directory holds one process' status files) written.
JobRecord WindowPostRunner::new_job(const PostRun& run, json spec, int attempt) const {
  JobRecord j;
  j.id = "wdpost-" + std::to_string(run.miner) + "-" + std::to_string(run.open) + "-" +
         std::to_string(attempt);
  j.miner = run.miner;
  j.number = run.deadline;
  j.stage = "wdpost";
  j.attempt = attempt;
  j.executor = exec_.name();
  j.state = "queued";
  const auto workdir = paths_.scratch / std::to_string(run.miner) / "wdpost" /
                       (std::to_string(run.open) + "-" + std::to_string(attempt));
  spec["paths"] = {{"out", workdir.string()}};
  std::filesystem::create_directories(workdir);
  io::write_file_atomic(workdir / "spec.json", spec.dump(2) + "\n");
  j.spec_path = (workdir / "spec.json").string();
  j.workdir = workdir.string();
  return j;
}

JobLaunch WindowPostRunner::launch_for(const JobRecord& j) const {
  return job_launch(j, paths_.bin_dir);
}

void WindowPostRunner::finish(PostRun& run, const std::string& state, const std::string& detail) {
  run.state = state;
  run.detail = detail;
  store_.update_post_run(run);
  log_("WindowPoSt: " + run_name(run) + ": " + state + ": " + detail);
}

void WindowPostRunner::advance(PostRun run, const ChainHead& head) {
  if (run.state == "proving") {
    const auto j = store_.job(*run.job_id);
    if (!j) throw Error(ErrorCode::Corrupt, "WindowPoSt job " + *run.job_id + " not recorded");
    if (!j->handle) {
      if (const auto h = exec_.submit(launch_for(*j)))
        store_.update_job(j->id, "queued", h, std::nullopt);
    }
    const JobStatus status = exec_.poll(launch_for(*j));
    record_job_status(store_, *j, status);
    if (status.phase == JobPhase::Queued || status.phase == JobPhase::Running) {
      if (head.height >= run.close) {
        exec_.cancel(launch_for(*j));
        finish(run, "missed",
               "the window closed at epoch " + std::to_string(run.close) + " before job " + j->id +
                   " ended (cancelled)");
      }
      return;
    }
    job_ended(run, *j, status, head);
    if (run.state != "submitting") return;
  }
  if (run.state == "submitting") push_messages(run, head);
  if (run.state == "submitted") follow_messages(run, head);
}

// The job's vanilla proofs are checked here, independently of the job's own check: the
// right proof type and randomness, every sector one the chain asked for with the chain's
// comm_r, every opening valid. Sectors the job could not prove are skipped in the message.
void WindowPostRunner::job_ended(PostRun& run, const JobRecord& job, const JobStatus& status,
                                 const ChainHead& head) {
  const auto log_path = (std::filesystem::path(job.workdir) / "job.log").string();
  // A job lost, killed or failing for a passing reason is run again while the window allows.
  const bool retryable = status.phase == JobPhase::Lost ||
                         status.failure == FailureKind::Transient ||
                         status.failure == FailureKind::Killed;
  if (status.phase != JobPhase::Succeeded && retryable && job.attempt < kMaxJobAttempts &&
      head.height < run.close) {
    const auto spec = read_json_file(job.spec_path);
    if (!spec) return finish(run, "failed", "job " + job.id + " spec unreadable: " + job.spec_path);
    const JobRecord next = new_job(run, *spec, job.attempt + 1);
    run.job_id = next.id;
    run.detail = "job " + job.id + " " + std::string(job_phase_name(status.phase)) +
                 (status.detail.empty() ? "" : " (" + status.detail + ")") + "; retried as " +
                 next.id;
    store_.update_post_run(run, {}, next);
    if (const auto h = exec_.submit(launch_for(next)))
      store_.update_job(next.id, "queued", h, std::nullopt);
    log_("WindowPoSt: " + run_name(run) + ": " + run.detail);
    return;
  }
  if (status.phase != JobPhase::Succeeded)
    return finish(run, "failed",
                  "job " + job.id + " " + std::string(job_phase_name(status.phase)) +
                      (status.exit_code ? " with exit " + std::to_string(*status.exit_code) : "") +
                      (status.detail.empty() ? "" : " (" + status.detail + ")") +
                      "; log: " + log_path);
  const auto doc = read_json_file(std::filesystem::path(job.workdir) / "vanilla.json");
  if (!doc) return finish(run, "failed", "job " + job.id + " left no readable vanilla.json");
  const auto file = post::vanilla_post_from_json(*doc);
  const auto& info = miner_info(run.miner);
  const auto& proof = post_proof(run.miner);
  const auto randomness = randomness_of(run);
  json plan = json::parse(run.plan);
  std::vector<std::string> problems;
  if (file.proof->id != proof.id) problems.push_back("proof type " + std::string(file.proof->name));
  if (file.randomness != randomness) problems.push_back("randomness differs from the run's");
  chain::BitField proven;
  for (const auto& p : file.post.proofs) {
    const auto key = std::to_string(p.sector_id);
    if (!plan["sectors"].contains(key)) {
      problems.push_back("sector " + key + " was not asked for");
      continue;
    }
    if (to_hex(p.comm_r) != plan["sectors"][key]["comm_r"].get<std::string>())
      problems.push_back("sector " + key + ": comm_r differs from the chain's");
    proven.set(p.sector_id);
  }
  for (const auto& pr :
       post::verify_vanilla_post(proof, randomness, file.post.proofs, file.post.positions))
    problems.push_back(pr);
  if (!problems.empty())
    return finish(
        run, "failed",
        "vanilla proofs of job " + job.id + " rejected: " + problems.front() +
            (problems.size() > 1 ? " (+" + std::to_string(problems.size() - 1) + " more)" : ""));
  std::map<std::uint64_t, std::string> reasons;
  for (const auto& f : file.post.faulty) reasons[f.sector_id] = f.reason;
  for (const auto& s : plan["skipped"]) reasons[s["sector"].get<std::uint64_t>()] = s["reason"];
  plan["proven"] = proven.values();
  plan["skipped"] = json::array();
  std::vector<PlannedPartition> parts;
  for (const auto& p : plan["partitions"])
    parts.push_back(
        {p["index"].get<std::uint64_t>(), bitfield_of(p["all"]), bitfield_of(p["to_prove"])});
  std::uint64_t to_prove_count = 0;
  for (const auto& p : parts) {
    to_prove_count += p.to_prove.count();
    for (const auto n : p.to_prove.subtract(proven).values()) {
      const auto r = reasons.find(n);
      plan["skipped"].push_back(
          {{"sector", n}, {"reason", r == reasons.end() ? "not proven by the job" : r->second}});
    }
  }
  run.plan = plan.dump();
  std::string skipped_text;
  for (const auto& s : plan["skipped"])
    skipped_text += (skipped_text.empty() ? "" : "; ") + std::string("sector ") +
                    std::to_string(s["sector"].get<std::uint64_t>()) + ": " +
                    s["reason"].get<std::string>();
  const std::string summary = std::to_string(proven.count()) + " of " +
                              std::to_string(to_prove_count) +
                              " sector(s) proven, vanilla proofs verified" +
                              (skipped_text.empty() ? "" : "; skipped " + skipped_text);
  if (proven.empty())
    return finish(run, "failed", "no sector could be proven; skipped " + skipped_text);
  if (!fake_proofs()) {
    log_("WindowPoSt: ERROR " + run_name(run) +
         ": this chain verifies Groth16 SNARKs, which vseal cannot make yet (no prover); the "
         "deadline is not submitted and its sectors will be marked faulty");
    return finish(run, "unsubmitted", summary + "; no Groth16 prover to make the SNARK");
  }

  // One SubmitWindowedPoSt per batch of partitions with live sectors.
  std::map<std::uint64_t, chain::PoStSectorInfo> infos;
  for (const auto& [key, s] : plan["sectors"].items())
    infos[std::stoull(key)] = {s["seal_proof"].get<std::int64_t>(), std::stoull(key),
                               chain::parse_cid_string(s["sealed_cid"].get<std::string>())};
  std::vector<const PlannedPartition*> live;
  for (const auto& p : parts)
    if (!p.to_prove.empty()) live.push_back(&p);
  const auto per = partitions_per_message(info.window_post_partition_sectors,
                                          config_.post(run.miner).max_partitions_per_post_message);
  const auto commit_rand = chain_.randomness(false, kPoStChainCommit, run.challenge, {}, head.key);
  std::vector<MessageRecord> messages;
  for (const auto& batch : split_batches(live.size(), per)) {
    std::vector<const PlannedPartition*> group;
    chain::SubmitWindowedPoStParams params;
    params.deadline = run.deadline;
    for (const auto i : batch) {
      group.push_back(live[i]);
      params.partitions.push_back({live[i]->index, live[i]->to_prove.subtract(proven)});
    }
    const auto sectors = proof_sectors(group, proven, infos);
    if (sectors.empty()) continue;  // every sector of these partitions skipped: nothing to prove
    params.proofs = {{info.window_post_proof_type, chain::fake_post_proof(randomness, sectors)}};
    params.chain_commit_epoch = run.challenge;
    params.chain_commit_rand.assign(commit_rand.begin(), commit_rand.end());
    MessageRecord m;
    m.uid = "wdpost-" + std::to_string(run.miner) + "-" + std::to_string(run.open) + "-" +
            std::to_string(messages.size());
    m.miner = run.miner;
    m.method = kSubmitWindowedPoSt;
    m.params_hex = to_hex(params.encode());
    m.sender = sender_for(run.miner);
    m.detail = "deadline " + std::to_string(run.deadline) + ", " + std::to_string(batch.size()) +
               " partition(s)";
    run.message_uids.push_back(m.uid);
    messages.push_back(std::move(m));
  }
  run.state = "submitting";
  run.detail = summary + "; " + std::to_string(messages.size()) +
               " SubmitWindowedPoSt message(s) with the fake-proofs digest in place of a SNARK";
  store_.update_post_run(run, messages);
  log_("WindowPoSt: " + run_name(run) + ": " + run.detail);
}

void WindowPostRunner::push_messages(PostRun& run, const ChainHead& head) {
  if (head.height >= run.close)
    return finish(
        run, "missed",
        "the window closed at epoch " + std::to_string(run.close) + " before the proof was pushed");
  if (head.height < run.open + static_cast<std::int64_t>(config_.post(run.miner).submit_confidence))
    return;
  for (const auto& uid : run.message_uids) {
    const auto m = store_.message(uid);
    if (!m) throw Error(ErrorCode::Corrupt, "WindowPoSt message " + uid + " not recorded");
    if (m->state != "new") continue;
    try {
      const auto& policy = config_.post(run.miner);
      const auto cid = sender_.push(message_from_record(*m, policy.max_fee_cap), uid,
                                    policy.gas_over_estimation);
      store_.update_message(uid, "pushed", cid);
    } catch (const RpcError& e) {
      store_.update_message(uid, "failed", std::nullopt);
      return finish(run, "failed",
                    "SubmitWindowedPoSt " + uid + " refused by the node: " + e.what());
    }
  }
  run.state = "submitted";
  store_.update_post_run(run);
}

void WindowPostRunner::follow_messages(PostRun& run, const ChainHead& head) {
  const auto& policy = config_.post(run.miner);
  std::vector<std::string> landed;
  for (const auto& uid : run.message_uids) {
    const auto m = store_.message(uid);
    if (!m) throw Error(ErrorCode::Corrupt, "WindowPoSt message " + uid + " not recorded");
    const auto status = sender_.status(uid, m->cid, head.height, policy.msg_confidence);
    switch (status.state) {
      case MessageState::Pending:
      case MessageState::Packed:
        return;
      case MessageState::Failed:
      case MessageState::PermFailed:
        store_.update_message(uid, "failed", status.cid, status.height, status.exit_code);
        return finish(run, "failed", "SubmitWindowedPoSt " + uid + " " + status.detail);
      case MessageState::Landed:
        if (m->state != "landed")
          store_.update_message(uid, "landed", status.cid, status.height, 0);
        landed.push_back((status.cid ? *status.cid : uid) + " at epoch " +
                         std::to_string(status.height));
        break;
    }
  }
  std::string where;
  for (const auto& l : landed) where += (where.empty() ? "" : ", ") + l;
  const auto plan = json::parse(run.plan);
  finish(run, "landed",
         std::to_string(plan["proven"].size()) + " sector(s) proven, " +
             std::to_string(plan["skipped"].size()) + " skipped; " + where);
}

// DeclareFaultsRecovered messages: pushed as soon as they are recorded, followed to the end.
void WindowPostRunner::follow_recoveries(const ChainHead& head) {
  for (const auto& m : store_.unfinished_messages(kDeclareFaultsRecovered)) {
    const auto& policy = config_.post(m.miner);
    try {
      if (m.state == "new") {
        const auto cid = sender_.push(message_from_record(m, policy.max_fee_cap), m.uid,
                                      policy.gas_over_estimation);
        store_.update_message(m.uid, "pushed", cid);
        log_("WindowPoSt: miner " + std::to_string(m.miner) + ": " + m.detail + " (" + m.uid +
             " pushed)");
        continue;
      }
      const auto status = sender_.status(m.uid, m.cid, head.height, policy.msg_confidence);
      if (status.state == MessageState::Pending || status.state == MessageState::Packed) continue;
      const bool ok = status.state == MessageState::Landed;
      store_.update_message(m.uid, ok ? "landed" : "failed", status.cid, status.height,
                            status.exit_code);
      log_("WindowPoSt: miner " + std::to_string(m.miner) + ": " + m.detail + ": " +
           (ok ? "landed at epoch " + std::to_string(status.height) : status.detail));
    } catch (const RpcError& e) {
      store_.update_message(m.uid, "failed", std::nullopt);
      log_("WindowPoSt: miner " + std::to_string(m.miner) + ": " + m.detail +
           " refused by the node: " + e.what());
    }
  }
}

}  // namespace vseal::coord
