// The sector state machine (see sector_pipeline.hpp). Every handler reads the sector as
// stored, does at most one externally visible thing (start a job, push a message, read the
// chain) and records the outcome with a compare-and-set transition, so a repeated or
// concurrent step is refused by the store instead of being applied twice.
#include "pipeline/sector_pipeline.hpp"

#include <algorithm>
#include <bit>
#include <fstream>
#include <random>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "chain/commitment_cid.hpp"
#include "chain/randomness.hpp"
#include "hash/blake2b.hpp"
#include "io/atomic_file.hpp"
#include "merkle/sha256_tree.hpp"
#include "porep/registered_proof.hpp"
#include "post/registered_post.hpp"
#include "post/vanilla_post.hpp"
#include "stores/sector_move.hpp"

namespace vseal::coord {

namespace st = sector_state;
using lotus::json;

namespace {

constexpr std::int64_t kMaxTransientFailures = 5;
constexpr std::int64_t kSealRandomnessLookback = 900;  // ChainFinality (coordinator.md §4.4)
constexpr std::int64_t kMaxPreCommitRandomnessLookback = 3780;
constexpr std::int64_t kInteractivePoRepConfidence = 6;
constexpr std::int64_t kMinSectorExpiration = 518400;
constexpr std::int64_t kMaxSectorExpirationExtension = 3680640;
constexpr std::int64_t kLifetimeDays = 540;
constexpr std::int64_t kEpochsInDay = 2880;

std::array<std::uint8_t, 32> bytes32(const std::string& hex) {
  const auto v = from_hex(hex);
  if (v.size() != 32) throw Error(ErrorCode::Corrupt, "stored value is not 32 bytes of hex");
  std::array<std::uint8_t, 32> out{};
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

// A UUID fixed by the message content and how many identical messages were sent before:
// the same message re-pushed after a restart carries the same MsgUuid.
std::string message_uuid(std::uint64_t miner, std::uint64_t method, const std::string& params_hex,
                         std::size_t resend) {
  std::string in = "vcoord-message/" + std::to_string(miner) + "/" + std::to_string(method) + "/" +
                   params_hex + "/" + std::to_string(resend);
  auto h =
      hash::blake2b(std::span(reinterpret_cast<const std::uint8_t*>(in.data()), in.size()), 16);
  h[6] = static_cast<std::uint8_t>((h[6] & 0x0f) | 0x40);  // version 4 layout
  h[8] = static_cast<std::uint8_t>((h[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string x = to_hex(h);
  return x.substr(0, 8) + "-" + x.substr(8, 4) + "-" + x.substr(12, 4) + "-" + x.substr(16, 4) +
         "-" + x.substr(20);
}

bool is_final(const std::string& s) {
  return s == st::kFailed || s == st::kAborted;
}

// Cancels every job of the sector still queued or running and records it cancelled. With
// `log`, a job that cannot be cancelled is logged and the others still are; without, the
// error goes to the caller (the operator's abort reports it).
void cancel_active_jobs(StateStore& store, Executor& executor, const std::filesystem::path& bin_dir,
                        std::uint64_t miner, std::uint64_t number, const SectorPipeline::Log* log) {
  for (const auto& j : store.sector_jobs(miner, number)) {
    if (!j.active()) continue;
    try {
      executor.cancel(job_launch(j, bin_dir));
      store.update_job(j.id, "cancelled", std::nullopt, std::nullopt);
    } catch (const Error& e) {
      if (!log) throw;
      (*log)("cancelling job " + j.id + ": " + e.what());
    }
  }
}

}  // namespace

struct SectorPipeline::ChainFacts {
  ChainHead head;
  std::int64_t challenge_delay = 150;
  std::map<std::string, MessageStatus> searched;  // uid -> status this tick
};

std::string sector_state_explanation(const std::string& s) {
  if (s == st::kAllocated) return "waiting for a ticket from the chain";
  if (s == st::kTicketAssigned) return "ticket assigned; the PC1 job is being submitted";
  if (s == st::kPC1Running) return "PC1 job (SDR labelling) running";
  if (s == st::kPC1Done) return "PC1 done; the PC2 job is being submitted";
  if (s == st::kPC2Running) return "PC2 job (trees, CommR) running";
  if (s == st::kPC2Done) return "PC2 done; joining the pre-commit batch";
  if (s == st::kPreCommitQueued)
    return "in the pre-commit batch (threshold / max wait of [Commitment])";
  if (s == st::kPreCommitSending) return "pre-commit message recorded, being pushed";
  if (s == st::kPreCommitSent)
    return "pre-commit message pushed, waiting for it to land with confidence";
  if (s == st::kPreCommitLanded) return "pre-committed on chain; waiting for the interactive seed";
  if (s == st::kSeedReady)
    return "seed drawn; waiting for the C2 job (vseal-c2 comes with the Groth16 prover), or for "
           "a prove-commit sent outside vcoord";
  if (s == st::kPersisting)
    return "active on chain; its replica and PoSt files are being copied into its persisted "
           "store (proven from scratch until they are there)";
  if (s == st::kProving)
    return "active on chain; proven in its deadline by the WindowPoSt runner (daemon --poster)";
  if (s == st::kFailed) return "stopped: see abort_reason";
  if (s == st::kAborted) return "aborted by the operator";
  return "unknown state";
}

SectorPipeline::SectorPipeline(const Config& config, StateStore& store, Executor& executor,
                               ChainClient& chain, MessageSender& sender, PipelinePaths paths,
                               Log log)
    : config_(config),
      store_(store),
      exec_(executor),
      chain_(chain),
      sender_(sender),
      paths_(std::move(paths)),
      log_(std::move(log)) {}

std::optional<nlohmann::json> read_json_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) return std::nullopt;
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

chain::Message message_from_record(const MessageRecord& m, const FilAmount& fee_cap) {
  chain::Message msg;
  msg.to = chain::Address::from_id(m.miner);
  msg.from = chain::Address::parse(m.sender);
  msg.value = m.value;
  msg.method = m.method;
  msg.params = from_hex(m.params_hex);
  msg.gas_fee_cap = fee_cap.atto_string();
  return msg;
}

void record_job_status(StateStore& store, const JobRecord& j, const JobStatus& status) {
  const std::string_view phase = job_phase_name(status.phase);
  if (j.state != phase || (status.handle.size() && j.handle != status.handle))
    store.update_job(
        j.id, phase, status.handle.empty() ? j.handle : std::optional(status.handle),
        status.exit_code ? std::optional<std::int64_t>(*status.exit_code) : std::nullopt);
}

std::filesystem::path SectorPipeline::sector_dir(const SectorRecord& s) const {
  return coord::sector_dir(paths_.scratch, s.miner, s.number);
}

const lotus::MinerInfo& SectorPipeline::miner_info(std::uint64_t miner) {
  auto it = miner_info_.find(miner);
  if (it == miner_info_.end())
    it = miner_info_.emplace(miner, chain_.miner_info(chain::Address::from_id(miner))).first;
  return it->second;
}

void SectorPipeline::fail(const SectorRecord& s, const std::string& reason) {
  cancel_active_jobs(store_, exec_, paths_.bin_dir, s.miner, s.number, &log_);
  SectorUpdate u;
  u.abort_reason = reason;
  store_.transition(s.miner, s.number, s.state, st::kFailed, reason, u);
  log_("sector " + std::to_string(s.miner) + "/" + std::to_string(s.number) + " failed: " + reason);
}

void SectorPipeline::retry(const SectorRecord& s, const char* to, const std::string& why) {
  if (s.failures + 1 >= kMaxTransientFailures) {
    fail(s, why + " (" + std::to_string(s.failures + 1) + " attempts)");
    return;
  }
  SectorUpdate u;
  u.count_failure = true;
  const std::int64_t backoff_ms = std::min<std::int64_t>(10'000LL << s.failures, 600'000);
  u.next_attempt_at_ms = now_ms() + backoff_ms;
  store_.transition(s.miner, s.number, s.state, to,
                    why + "; retrying in " + std::to_string(backoff_ms / 1000) + " s", u);
  log_("sector " + std::to_string(s.miner) + "/" + std::to_string(s.number) + ": " + why +
       "; retry in " + std::to_string(backoff_ms / 1000) + " s");
}

void SectorPipeline::tick() {
  ChainFacts facts;
  try {
    facts.head = chain_.head();
    // A network constant: asked once, not every tick.
    if (!challenge_delay_)
      challenge_delay_ =
          lotus::network_params_from_json(chain_.network_params()).pre_commit_challenge_delay;
    facts.challenge_delay = *challenge_delay_;
  } catch (const Error& e) {
    log_(std::string("chain node unreachable, sectors wait: ") + e.what());
    return;
  }
  head_height_ = facts.head.height;
  std::vector<SectorRecord> queued, ready_pc1;
  const std::int64_t now = now_ms();
  // Proving sectors have nothing to do here (the WindowPoSt runner reads the chain for them).
  static constexpr std::string_view kSettled[] = {st::kProving, st::kFailed, st::kAborted};
  for (const auto& s : store_.sectors_except(kSettled)) {
    if (s.next_attempt_at_ms && *s.next_attempt_at_ms > now) continue;
    if (s.state == st::kPreCommitQueued) {
      queued.push_back(s);
      continue;
    }
    if (s.state == st::kTicketAssigned) {
      ready_pc1.push_back(s);
      continue;
    }
    guarded(s, [&] { step(s, facts); });
  }
  if (!ready_pc1.empty()) start_pc1(ready_pc1);
  if (!queued.empty()) {
    try {
      precommit_batches(queued, facts);
    } catch (const std::exception& e) {
      log_(std::string("pre-commit batching: ") + e.what());
    }
  }
}

void SectorPipeline::guarded(const SectorRecord& s, const std::function<void()>& fn) {
  try {
    fn();
  } catch (const RpcError& e) {
    log_("sector " + std::to_string(s.miner) + "/" + std::to_string(s.number) + " (" + s.state +
         "): chain node answered: " + e.what());
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Transient) {
      log_("sector " + std::to_string(s.miner) + "/" + std::to_string(s.number) + " (" + s.state +
           "): " + e.what());
      return;
    }
    const auto fresh = store_.sector(s.miner, s.number);
    if (fresh && fresh->state == s.state) fail(*fresh, e.what());
  }
}

void SectorPipeline::step(const SectorRecord& s, ChainFacts& facts) {
  if (s.state == st::kAllocated) return assign_ticket(s, facts);
  if (s.state == st::kPC1Running) return poll_job(s, "pc1", st::kTicketAssigned, st::kPC1Done);
  if (s.state == st::kPC1Done) return start_pc2(s);
  if (s.state == st::kPC2Running) return poll_job(s, "pc2", st::kPC1Done, st::kPC2Done);
  if (s.state == st::kPC2Done) {
    // A ticket older than the pre-commit lookback would be refused on chain: seal again with
    // a fresh one rather than send a message that must fail.
    if (facts.head.height - *s.ticket_epoch > kMaxPreCommitRandomnessLookback - 60) {
      store_.transition(s.miner, s.number, s.state, st::kAllocated,
                        "ticket epoch " + std::to_string(*s.ticket_epoch) +
                            " too old to pre-commit; sealing again with a new ticket");
      return;
    }
    store_.transition(s.miner, s.number, s.state, st::kPreCommitQueued, "queued for pre-commit");
    return;
  }
  if (s.state == st::kPreCommitSending) {
    const auto m = store_.message(*s.message_uid);
    if (!m) throw Error(ErrorCode::Corrupt, "sector refers to unknown message " + *s.message_uid);
    // Already on chain (pushed before a crash and landed since)?
    if (const auto pci = chain_.precommit_info(chain::Address::from_id(s.miner), s.number)) {
      SectorUpdate u;
      u.precommit_epoch = pci->epoch;
      store_.transition(s.miner, s.number, s.state, st::kPreCommitLanded,
                        "pre-commit found on chain after a restart", u);
      return;
    }
    std::vector<SectorRecord> group;
    for (const auto& o : store_.sectors(s.miner))
      if (o.state == st::kPreCommitSending && o.message_uid == s.message_uid) group.push_back(o);
    return push_precommit(*m, group);
  }
  if (s.state == st::kPreCommitSent) return check_precommit(s, facts);
  if (s.state == st::kPreCommitLanded) return wait_seed(s, facts);
  // SeedReady: waits for the C2 job, which does not exist yet (see sector_state_explanation);
  // a sector proven by a prove-commit sent outside vcoord is seen on chain and goes on.
  if (s.state == st::kSeedReady) return check_proven(s);
  if (s.state == st::kPersisting) return persist(s);
}

void SectorPipeline::check_proven(const SectorRecord& s) {
  const auto info = chain_.sector_info(chain::Address::from_id(s.miner), s.number);
  if (!info) return;
  const std::string active = "active on chain since epoch " + std::to_string(info->activation) +
                             " (prove-commit sent outside vcoord)";
  const std::string name = std::to_string(s.miner) + "/" + std::to_string(s.number);
  if (paths_.stores.empty()) {
    store_.transition(s.miner, s.number, s.state, st::kProving,
                      active + "; no [PersistedStore] configured, its files stay in scratch");
    log_("sector " + name + " is active on chain: Proving");
    return;
  }
  // Room: what this sector will write, after what the sectors already moving there still
  // have to write.
  const std::uint64_t need =
      bytes_to_write(persist_plan(location_in_scratch(paths_.scratch, s.miner, s.number),
                                  location_in_store(paths_.stores.front(), s.miner, s.number)));
  std::vector<StoreRoom> room(paths_.stores.size());
  for (std::size_t i = 0; i < paths_.stores.size(); ++i) {
    std::error_code ec;
    const auto space = std::filesystem::space(paths_.stores[i].path, ec);
    room[i].free = ec ? 0 : space.available;
  }
  for (const auto& o : store_.sectors_in_state(st::kPersisting)) {
    const PersistStore* target = o.store ? find_store(paths_.stores, *o.store) : nullptr;
    if (!target) continue;
    room[static_cast<std::size_t>(target - paths_.stores.data())].reserved +=
        bytes_to_write(persist_plan(location_in_scratch(paths_.scratch, o.miner, o.number),
                                    location_in_store(*target, o.miner, o.number)));
  }
  std::random_device rd;
  const std::uint64_t draw = (std::uint64_t{rd()} << 32) | rd();
  const auto pick = choose_store(paths_.stores, room, s.miner, need, draw);
  if (!pick) {
    log_now_and_then(s, "sector " + name + " is active on chain but no persisted store takes it (" +
                            std::to_string(need) +
                            " bytes; every store is read-only, denies the miner or is full); "
                            "it is proven from scratch meanwhile");
    return;
  }
  const PersistStore& target = paths_.stores[*pick];
  SectorUpdate u;
  u.store = target.name;
  store_.transition(s.miner, s.number, s.state, st::kPersisting,
                    active + "; moving " + std::to_string(need) + " bytes to store " + target.name +
                        " (" + target.path + ")",
                    u);
  log_("sector " + name + " is active on chain: moving it to store " + target.name);
}

void SectorPipeline::persist(const SectorRecord& s) {
  const std::string name = std::to_string(s.miner) + "/" + std::to_string(s.number);
  const PersistStore* target = s.store ? find_store(paths_.stores, *s.store) : nullptr;
  if (!target) {
    log_now_and_then(s, "sector " + name + " is to move to store '" + s.store.value_or("") +
                            "', which is not configured any more; add it to [PersistedStore] "
                            "(the sector is proven from scratch meanwhile)");
    return;
  }
  const auto from = location_in_scratch(paths_.scratch, s.miner, s.number);
  const auto to = location_in_store(*target, s.miner, s.number);
  copy_into_store(persist_plan(from, to));
  // The copy must prove before the originals go: a WindowPoSt vanilla proof of fresh
  // randomness over the stored files, against the chain's CommR.
  const auto info = chain_.sector_info(chain::Address::from_id(s.miner), s.number);
  if (!info) throw Error(ErrorCode::Transient, "sector " + name + " is not on chain any more");
  post::Bytes32 fresh{};
  std::random_device rd;
  for (auto& b : fresh) b = static_cast<std::uint8_t>(rd());
  const auto randomness = post::post_randomness(fresh);
  const auto& proof =
      post::registered_post_proof(static_cast<int>(miner_info(s.miner).window_post_proof_type));
  const auto outcome = post::prove_sector(
      proof, randomness,
      {s.number, chain::commitment_from_cid(chain::CommitmentKind::Sealed, info->sealed_cid),
       to.cache, to.sealed},
      0);
  if (!outcome.proof) {
    // A bad copy is removed (replica first: it marks the copy complete) and made again.
    std::error_code ec;
    std::filesystem::remove(to.sealed, ec);
    std::filesystem::remove_all(to.cache, ec);
    retry(s, st::kPersisting,
          "the copy in store " + target->name + " does not prove: " + outcome.fault);
    return;
  }
  const auto freed = drop_sealing_files(sector_dir(s));
  store_.transition(s.miner, s.number, s.state, st::kProving,
                    "in store " + target->name + " (" + to.sealed.string() +
                        "), its copy proven by a WindowPoSt vanilla proof; " +
                        std::to_string(freed) + " bytes of sealing files deleted",
                    SectorUpdate{});
  log_("sector " + name + " is in store " + target->name + ": Proving");
}

void SectorPipeline::log_now_and_then(const SectorRecord& s, const std::string& line) {
  auto& at = logged_at_ms_[{s.miner, s.number}];
  const std::int64_t now = now_ms();
  if (now - at < 60'000) return;
  at = now;
  log_(line);
}

void SectorPipeline::assign_ticket(const SectorRecord& s, ChainFacts& facts) {
  const std::int64_t epoch = facts.head.height - kSealRandomnessLookback;
  const auto entropy = chain::address_entropy(chain::Address::from_id(s.miner));
  const auto ticket = chain_.randomness(false, 5, epoch, entropy, facts.head.key);
  SectorUpdate u;
  u.ticket = to_hex(ticket);
  u.ticket_epoch = epoch;
  u.reset_failures = true;
  store_.transition(s.miner, s.number, s.state, st::kTicketAssigned,
                    "ticket at epoch " + std::to_string(epoch), u);
}

JobLaunch job_launch(const JobRecord& j, const std::filesystem::path& bin_dir) {
  JobLaunch l;
  l.id = j.id;
  l.name = "vseal-" + j.stage + "-" + std::to_string(j.miner) + "-" + std::to_string(j.number);
  l.stage = j.stage;
  l.argv = {(bin_dir / ("vseal-" + j.stage)).string(), j.spec_path};
  l.workdir = j.workdir;
  return l;
}

JobLaunch SectorPipeline::launch_for(const JobRecord& j, const SectorRecord& s) const {
  JobLaunch l = job_launch(j, paths_.bin_dir);
  // A job waits for its predecessor only while that one may still succeed; once it did (a
  // crash came between the two submissions), there is nothing left to wait for.
  if (j.after) {
    const auto dep = store_.job(*j.after);
    if (dep && dep->state != "succeeded") {
      const JobLaunch d = job_launch(*dep, paths_.bin_dir);
      l.after = JobRef{d.id, d.workdir, d.stage, d.name};
    }
  }
  // Within the stage's band, the sector nearest to losing its ticket goes first: nice 0..99
  // above the band's base as the slack runs from none to the whole pre-commit lookback.
  if (s.ticket_epoch && (j.stage == "pc1" || j.stage == "pc2")) {
    const std::int64_t deadline = *s.ticket_epoch + kMaxPreCommitRandomnessLookback - 60;
    const std::int64_t slack =
        std::clamp<std::int64_t>(deadline - head_height_, 0, kMaxPreCommitRandomnessLookback);
    l.nice = default_nice(j.stage) + static_cast<int>(slack * 99 / kMaxPreCommitRandomnessLookback);
  }
  return l;
}

JobRecord SectorPipeline::new_job(const SectorRecord& s, const std::string& stage,
                                  const JobRecord* after) {
  int attempt = 1;
  for (const auto& j : store_.sector_jobs(s.miner, s.number))
    if (j.stage == stage) attempt = std::max(attempt, j.attempt + 1);
  const std::string id = stage + "-" + std::to_string(s.miner) + "-" + std::to_string(s.number) +
                         "-" + std::to_string(attempt);
  const auto dir = sector_dir(s);
  const auto workdir = dir / "jobs" / id;
  const auto& proof = porep::registered_seal_proof(s.seal_proof);
  const auto& res = config_.jobs.stages.at(stage);
  json spec = {{"miner", s.miner},
               {"sector_number", s.number},
               {"registered_proof", std::string(proof.name)},
               {"cc", true},
               {"resources", {{"threads", res.cpus}}}};
  if (stage == "pc1") {
    spec["ticket"] = *s.ticket;
    spec["paths"] = {{"scratch", paths_.scratch.string()}, {"parents", paths_.parents.string()}};
  } else {
    // Submitted with PC1, before its result: a CC sector's CommD is the zero commitment of its
    // size (PC2 checks it against tree_d and refuses a mismatch).
    spec["comm_d"] = s.comm_d
                         ? *s.comm_d
                         : to_hex(merkle::zero_commitment(
                               static_cast<unsigned>(std::countr_zero(proof.sector_size)) - 5));
    spec["paths"] = {{"scratch", paths_.scratch.string()},
                     {"cache", (dir / "cache").string()},
                     {"sealed", (dir / "sealed").string()}};
    if (res.gpus > 0) spec["resources"]["gpus"] = res.gpus;
  }
  const auto spec_path = workdir / "spec.json";
  std::filesystem::create_directories(workdir);
  io::write_file_atomic(spec_path, spec.dump(2) + "\n");
  JobRecord j;
  j.id = id;
  j.miner = s.miner;
  j.number = s.number;
  j.stage = stage;
  j.attempt = attempt;
  j.executor = exec_.name();
  j.state = "queued";
  j.spec_path = spec_path.string();
  j.workdir = workdir.string();
  if (after) j.after = after->id;
  return j;
}

void SectorPipeline::record_handles(std::span<const JobRecord> jobs,
                                    const std::vector<std::optional<std::string>>& handles) {
  for (std::size_t i = 0; i < jobs.size() && i < handles.size(); ++i)
    if (handles[i]) store_.update_job(jobs[i].id, "queued", handles[i], std::nullopt);
}

void SectorPipeline::start_pc1(const std::vector<SectorRecord>& ready) {
  // Sectors of one miner and proof type that got their tickets together are one submission
  // (a Slurm job array); with chaining, their PC2s are a second one waiting on the first.
  std::map<std::pair<std::uint64_t, int>, std::vector<SectorRecord>> groups;
  std::size_t solo = 0;
  for (const auto& s : ready)
    groups[{s.miner, config_.jobs.array_jobs ? s.seal_proof : -static_cast<int>(++solo)}].push_back(
        s);
  const bool chain = config_.jobs.chain_pc2 && exec_.supports_dependencies();
  for (const auto& [key, sectors] : groups) {
    std::vector<JobRecord> pc1s, pc2s;
    std::vector<SectorRecord> started;
    for (const auto& s : sectors) {
      guarded(s, [&] {
        std::vector<JobRecord> jobs = {new_job(s, "pc1", nullptr)};
        if (chain) jobs.push_back(new_job(s, "pc2", &jobs[0]));
        store_.start_jobs(s.miner, s.number, s.state, st::kPC1Running,
                          "job " + jobs[0].id + " submitted" +
                              (chain ? " with " + jobs[1].id + " to follow it" : ""),
                          jobs);
        pc1s.push_back(jobs[0]);
        if (chain) pc2s.push_back(jobs[1]);
        started.push_back(s);
      });
    }
    if (pc1s.empty()) continue;
    // A submission that fails here is retried when the sectors are polled (jobs are recorded
    // before they are submitted, and submitting is idempotent per job).
    try {
      std::vector<JobLaunch> launches;
      for (std::size_t i = 0; i < pc1s.size(); ++i)
        launches.push_back(launch_for(pc1s[i], started[i]));
      record_handles(pc1s, exec_.submit_all(launches));
      launches.clear();
      for (std::size_t i = 0; i < pc2s.size(); ++i)
        launches.push_back(launch_for(pc2s[i], started[i]));
      if (!launches.empty()) record_handles(pc2s, exec_.submit_all(launches));
    } catch (const Error& e) {
      log_("submitting " + std::to_string(pc1s.size()) + " PC1 job(s) of miner " +
           std::to_string(key.first) + ": " + e.what() + " (retried when they are polled)");
    }
  }
}

void SectorPipeline::start_pc2(const SectorRecord& s) {
  // A PC2 submitted with this PC1 (and not withdrawn) takes over; otherwise a new one starts.
  // (A sector done with PC1 before schema v3 has no job id, and no such PC2.)
  for (const auto& j : store_.sector_jobs(s.miner, s.number)) {
    if (!s.job_id || j.stage != "pc2" || j.after != s.job_id || !j.active()) continue;
    SectorUpdate u;
    u.job_id = j.id;
    store_.transition(s.miner, s.number, s.state, st::kPC2Running,
                      "job " + j.id + " (submitted with " + *s.job_id + ") takes over", u);
    return;
  }
  const std::vector<JobRecord> jobs = {new_job(s, "pc2", nullptr)};
  store_.start_jobs(s.miner, s.number, s.state, st::kPC2Running, "job " + jobs[0].id + " submitted",
                    jobs);
  record_handles(jobs, {exec_.submit(launch_for(jobs[0], s))});
}

void SectorPipeline::withdraw_followers(const SectorRecord& s, const std::string& job_id) {
  for (const auto& j : store_.sector_jobs(s.miner, s.number)) {
    if (j.after != job_id || !j.active()) continue;
    exec_.cancel(launch_for(j, s));
    store_.update_job(j.id, "withdrawn", std::nullopt, std::nullopt);
  }
}

void SectorPipeline::poll_job(const SectorRecord& s, const std::string& stage,
                              const char* retry_state, const char* done_state) {
  // Recorded with the transition that started the job (schema v3 filled it in for sectors
  // running before it).
  if (!s.job_id) throw Error(ErrorCode::Corrupt, "sector runs a " + stage + " job but names none");
  const std::string id = *s.job_id;
  const auto j = store_.job(id);
  if (!j) throw Error(ErrorCode::Corrupt, "sector is running job " + id + " which is not recorded");
  // Jobs are recorded before they are submitted: one without a handle may not have reached
  // the executor (a crash, a refused submission); submitting again is a no-op otherwise.
  if (!j->handle) record_handles(std::span(&*j, 1), {exec_.submit(launch_for(*j, s))});
  for (const auto& f : store_.sector_jobs(s.miner, s.number))
    if (f.after == id && !f.handle && f.active())
      record_handles(std::span(&f, 1), {exec_.submit(launch_for(f, s))});
  const JobStatus status = exec_.poll(launch_for(*j, s));
  record_job_status(store_, *j, status);
  if (status.phase == JobPhase::Queued || status.phase == JobPhase::Running) return;
  if (status.phase == JobPhase::Succeeded) {
    const auto result =
        read_json_file(sector_dir(s) / (stage == "pc1" ? "result.json" : "pc2.result.json"));
    SectorUpdate u;
    u.reset_failures = true;
    if (stage == "pc1") {
      if (!result || !result->contains("comm_d"))
        return fail(s, "PC1 job " + id + " succeeded without comm_d in its result.json");
      u.comm_d = (*result)["comm_d"].get<std::string>();
    } else {
      if (!result || !result->contains("comm_r"))
        return fail(s, "PC2 job " + id + " succeeded without comm_r in pc2.result.json");
      u.comm_r = (*result)["comm_r"].get<std::string>();
    }
    store_.transition(s.miner, s.number, s.state, done_state, "job " + id + " succeeded", u);
    return;
  }
  withdraw_followers(s, id);
  const std::string what =
      "job " + id + " " + std::string(job_phase_name(status.phase)) +
      (status.exit_code ? " with exit " + std::to_string(*status.exit_code) : "") +
      (status.detail.empty() ? "" : " (" + status.detail + ")") +
      "; log: " + (std::filesystem::path(j->workdir) / "job.log").string();
  if (status.failure == FailureKind::BadInput || status.failure == FailureKind::Bug)
    return fail(s, what);
  retry(s, retry_state, what);  // transient, killed or lost: jobs resume where they stopped
}

void SectorPipeline::precommit_batches(const std::vector<SectorRecord>& queued, ChainFacts& facts) {
  std::map<std::uint64_t, std::vector<SectorRecord>> by_miner;
  for (const auto& s : queued) by_miner[s.miner].push_back(s);
  for (auto& [miner, sectors] : by_miner) {
    const auto& policy = config_.commitment(miner);
    const std::uint64_t threshold =
        policy.enable_batch_pre_commit
            ? std::max<std::uint64_t>(1, policy.pre_commit_batch_threshold)
            : 1;
    // MaxWait is measured from the ticket epoch with 30 s epochs, as the reference does, and
    // looked at every CheckInterval (the batcher's timer); a ticket close to the lookback limit
    // is looked at every pass, since waiting longer would lose the sealing work.
    const std::int64_t max_wait_epochs =
        std::chrono::duration_cast<std::chrono::seconds>(policy.pre_commit_batch_max_wait).count() /
        30;
    const auto now = std::chrono::steady_clock::now();
    const auto checked = precommit_wait_checked_.find(miner);
    const bool check_wait = checked == precommit_wait_checked_.end() ||
                            now - checked->second >= policy.pre_commit_check_interval;
    if (check_wait) precommit_wait_checked_[miner] = now;
    const bool expired = std::any_of(sectors.begin(), sectors.end(), [&](const SectorRecord& s) {
      return (check_wait && facts.head.height - *s.ticket_epoch > max_wait_epochs) ||
             facts.head.height - *s.ticket_epoch > kMaxPreCommitRandomnessLookback - 300;
    });
    if (sectors.size() < threshold && !expired) continue;
    std::sort(sectors.begin(), sectors.end(),
              [](const SectorRecord& a, const SectorRecord& b) { return a.number < b.number; });
    const auto maddr = chain::Address::from_id(miner);
    const auto& info = miner_info(miner);
    const std::int64_t pp = chain_.proving_deadline(maddr).proving_period;
    const std::int64_t head = facts.head.height;
    chain::PreCommitSectorBatch2Params params;
    chain::TokenAmount value;
    for (const auto& s : sectors) {
      std::int64_t exp = head + kLifetimeDays * kEpochsInDay - 2 * pp;
      exp = std::max(exp, head + kMinSectorExpiration + pp);
      exp = std::max(exp, *s.ticket_epoch + kMaxPreCommitRandomnessLookback +
                              (30 * kEpochsInDay + facts.challenge_delay) + kMinSectorExpiration);
      exp = std::min(exp, head + facts.challenge_delay + kMaxSectorExpirationExtension);
      const auto comm_r = bytes32(*s.comm_r);
      chain::SectorPreCommitInfo pi;
      pi.seal_proof = s.seal_proof;
      pi.sector_number = s.number;
      pi.sealed_cid = chain::commitment_cid(chain::CommitmentKind::Sealed, comm_r);
      pi.seal_rand_epoch = *s.ticket_epoch;
      pi.expiration = exp;
      value += chain_.precommit_deposit(maddr, pi);
      params.sectors.push_back(pi);
    }
    const std::string sender_text = policy.pre_commit_control.empty()
                                        ? lotus::address_json(info.worker).get<std::string>()
                                        : policy.pre_commit_control;
    MessageRecord m;
    m.miner = miner;
    m.method = chain::method::kPreCommitSectorBatch2;
    m.params_hex = to_hex(params.encode());
    m.sender = sender_text;
    m.value = value.to_string();
    std::size_t resend = 0;
    for (const auto& old : store_.messages(miner))
      if (old.method == m.method && old.params_hex == m.params_hex) ++resend;
    m.uid = message_uuid(miner, m.method, m.params_hex, resend);
    m.detail = "PreCommitSectorBatch2 of " + std::to_string(sectors.size()) + " sector(s)";
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ids;
    for (const auto& s : sectors) ids.emplace_back(s.miner, s.number);
    store_.record_message(m, ids, st::kPreCommitQueued, st::kPreCommitSending,
                          "pre-commit message " + m.uid + " recorded (" +
                              std::to_string(sectors.size()) + " sectors, deposit " +
                              value.fil_string() + ")");
    std::vector<SectorRecord> group;
    for (const auto& s : sectors) group.push_back(*store_.sector(s.miner, s.number));
    push_precommit(*store_.message(m.uid), group);
  }
}

void SectorPipeline::push_precommit(const MessageRecord& m,
                                    const std::vector<SectorRecord>& sectors) {
  const auto& policy = config_.commitment(m.miner);
  const bool batch = sectors.size() > 1;
  const chain::Message msg = message_from_record(
      m, batch ? policy.max_batch_pre_commit_fee_cap : policy.max_pre_commit_fee_cap);
  std::optional<std::string> cid;
  try {
    cid = sender_.push(msg, m.uid,
                       batch ? policy.batch_pre_commit_gas_over_estimation
                             : policy.pre_commit_gas_over_estimation);
  } catch (const RpcError& e) {
    // The node refused it (typically gas estimation: the message would fail now). Funds are
    // worth retrying; anything else is for the operator.
    const std::string why = std::string("pre-commit refused by the node: ") + e.what();
    store_.update_message(m.uid, "failed", std::nullopt);
    const bool funds = std::string(e.what()).find("exit 19") != std::string::npos ||
                       std::string(e.what()).find("not enough funds") != std::string::npos ||
                       std::string(e.what()).find("exit 6") != std::string::npos;
    for (const auto& s : sectors) {
      if (funds)
        retry(s, st::kPC2Done, why);
      else
        fail(s, why);
    }
    return;
  }
  store_.update_message(m.uid, "pushed", cid);
  const std::string as = cid ? "as " + *cid : "to " + sender_.name() + " as uid " + m.uid;
  for (const auto& s : sectors)
    store_.transition(s.miner, s.number, st::kPreCommitSending, st::kPreCommitSent,
                      "pre-commit pushed " + as);
  log_("miner " + std::to_string(m.miner) + ": pre-commit of " + std::to_string(sectors.size()) +
       " sector(s) pushed " + as);
}

void SectorPipeline::check_precommit(const SectorRecord& s, ChainFacts& facts) {
  const auto m = store_.message(*s.message_uid);
  if (!m) throw Error(ErrorCode::Corrupt, "pre-commit message of the sector not recorded");
  const auto& policy = config_.commitment(s.miner);
  auto it = facts.searched.find(m->uid);
  if (it == facts.searched.end())
    it = facts.searched
             .emplace(m->uid,
                      sender_.status(m->uid, m->cid, facts.head.height, policy.msg_confidence))
             .first;
  const MessageStatus& status = it->second;
  const std::string name = status.cid ? *status.cid : m->uid;
  switch (status.state) {
    case MessageState::Pending:
    case MessageState::Packed:
      return;
    case MessageState::Failed:
    case MessageState::PermFailed: {
      if (m->state != "failed")
        store_.update_message(m->uid, "failed", status.cid, status.height, status.exit_code);
      const std::string why = "pre-commit message " + name + " " + status.detail;
      if (status.state == MessageState::Failed) return retry(s, st::kPC2Done, why);
      return fail(s, why);
    }
    case MessageState::Landed:
      break;
  }
  if (m->state != "landed") store_.update_message(m->uid, "landed", status.cid, status.height, 0);
  const auto pci = chain_.precommit_info(chain::Address::from_id(s.miner), s.number);
  if (!pci)
    return fail(s, "pre-commit message landed but the chain has no pre-commit for the sector");
  SectorUpdate u;
  u.precommit_epoch = pci->epoch;
  u.reset_failures = true;
  store_.transition(s.miner, s.number, s.state, st::kPreCommitLanded,
                    "pre-commit landed at epoch " + std::to_string(*u.precommit_epoch), u);
}

void SectorPipeline::wait_seed(const SectorRecord& s, ChainFacts& facts) {
  const std::int64_t seed_epoch = *s.precommit_epoch + facts.challenge_delay;
  if (facts.head.height < seed_epoch + kInteractivePoRepConfidence) return;
  const auto entropy = chain::address_entropy(chain::Address::from_id(s.miner));
  const auto seed = chain_.randomness(true, 6, seed_epoch, entropy, facts.head.key);
  SectorUpdate u;
  u.seed = to_hex(seed);
  u.seed_epoch = seed_epoch;
  store_.transition(s.miner, s.number, s.state, st::kSeedReady,
                    "seed drawn at epoch " + std::to_string(seed_epoch) +
                        "; waiting for the C2 job (not built yet)",
                    u);
}

void SectorPipeline::abort_sector(StateStore& store, Executor& executor, const PipelinePaths& paths,
                                  std::uint64_t miner, std::uint64_t number,
                                  const std::string& reason) {
  const auto s = store.sector(miner, number);
  if (!s)
    throw Error(ErrorCode::BadInput, "sector " + std::to_string(miner) + "/" +
                                         std::to_string(number) + " does not exist");
  if (is_final(s->state))
    throw Error(ErrorCode::BadInput,
                "sector " + std::to_string(number) + " is already " + s->state);
  cancel_active_jobs(store, executor, paths.bin_dir, miner, number, nullptr);
  SectorUpdate u;
  u.abort_reason = reason;
  store.transition(miner, number, s->state, st::kAborted, "aborted: " + reason, u);
}

}  // namespace vseal::coord
