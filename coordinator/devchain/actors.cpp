// The VM envelope and the power/miner actor methods. Each method validates in the order of
// devchain.md §2's tables and throws Abort{exit, reason} at the first failure; apply_message
// restores the state copied before the method, so an abort changes nothing but the sender's
// nonce and gas.
#include "devchain/actors.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "chain/cbor.hpp"
#include "chain/cbor_reader.hpp"
#include "chain/commitment_cid.hpp"
#include "chain/randomness.hpp"
#include "devchain/deadlines.hpp"
#include "hash/blake2b.hpp"
#include "post/challenges.hpp"

namespace vseal::coord::devchain {

using namespace exit_code;
using chain::Message;

namespace {

struct Abort {
  std::int64_t code;
  std::string reason;
};

[[noreturn]] void abort_with(std::int64_t code, const std::string& reason) {
  throw Abort{code, reason};
}

// Parameters that do not decode as the method's CBOR tuple abort with 21 (ErrSerialization).
template <class Params>
Params decode_params(std::span<const std::uint8_t> cbor) {
  try {
    return Params::decode(cbor);
  } catch (const Error& e) {
    abort_with(kSerialization, e.what());
  }
}

constexpr std::uint64_t kMaxSectorNumber = (std::uint64_t{1} << 63) - 1;
constexpr std::uint64_t kPowerActor = 4;
// The zero-data CommD of a 2KiB sector (devchain.md §2.2); 8MiB sectors use their own.
constexpr std::array<std::uint8_t, 32> kZeroCommD2KiB = {
    0xfc, 0x7e, 0x92, 0x82, 0x96, 0xe5, 0x16, 0xfa, 0xad, 0xe9, 0x86, 0xb2, 0x8f, 0x92, 0xd4, 0x4a,
    0x4f, 0x24, 0xb9, 0x35, 0x48, 0x52, 0x23, 0x37, 0x6a, 0x79, 0x90, 0x27, 0xbc, 0x18, 0xf8, 0x33};

TokenAmount unlocked(const Actor& a, const Miner& m) {
  return a.balance - m.locked_funds - m.precommit_deposits - m.initial_pledge;
}
TokenAmount available(const Actor& a, const Miner& m) {
  return unlocked(a, m) - m.fee_debt;
}

bool controlling(const Miner& m, std::uint64_t caller) {
  return caller == m.owner || caller == m.worker ||
         std::find(m.control.begin(), m.control.end(), caller) != m.control.end();
}

// Fee debt is paid from the unlocked balance and burned (vesting funds are never unlocked on
// the dev chain, §1.7); 19 when it cannot be paid.
void repay_debt_or_abort(ChainState& st, Actor& a, Miner& m) {
  if (m.fee_debt > unlocked(a, m))
    abort_with(kInsufficientFunds, "unlocked balance below fee debt");
  a.balance -= m.fee_debt;
  st.burnt += m.fee_debt;
  m.fee_debt = TokenAmount();
}

// Pays what it can of the debt; the rest stays owed.
void repay_debt_partially(ChainState& st, Actor& a, Miner& m) {
  const TokenAmount can = std::max(TokenAmount(), std::min(unlocked(a, m), m.fee_debt));
  a.balance -= can;
  st.burnt += can;
  m.fee_debt -= can;
}

std::array<std::uint8_t, 32> comm_of(chain::CommitmentKind k, const Bytes& cid) {
  return chain::commitment_from_cid(k, cid);
}

DeadlineInfo recorded_deadline(const ExecContext& ctx, const Miner& m) {
  return deadline_info(*ctx.policy, m.proving_period_start, m.current_deadline, ctx.epoch);
}

void enroll_cron(const ExecContext& ctx, Miner& m) {
  const auto d = current_deadline(*ctx.policy, m.proving_period_start, ctx.epoch);
  m.cron_epoch = d.last();
}

// ---- power actor -------------------------------------------------------------------------

Bytes create_miner(ChainState& st, const ExecContext& ctx, const Message& msg, std::uint64_t caller,
                   TokenAmount value) {
  const auto p = decode_params<chain::CreateMinerParams>(msg.params);
  if (p.peer.size() > 128) abort_with(kIllegalArgument, "peer id longer than 128 bytes");
  std::size_t total = 0;
  for (const auto& a : p.multiaddrs) {
    if (a.empty()) abort_with(kIllegalArgument, "empty multiaddr");
    total += a.size();
  }
  if (total > 1024) abort_with(kIllegalArgument, "multiaddrs longer than 1024 bytes in total");
  const SealTypeInfo* type = seal_type_for_post(p.window_post_proof_type);
  if (!type)
    abort_with(kIllegalArgument, "window PoSt proof type " +
                                     std::to_string(p.window_post_proof_type) +
                                     " not allowed on this network (10, 11)");
  if (value < ctx.economy->creation_deposit(ctx.policy->consensus_miner_min_power))
    abort_with(kInsufficientFunds, "value below the miner creation deposit");
  const auto owner = st.lookup_id(p.owner);
  if (!owner)
    abort_with(kIllegalArgument,
               "owner " + p.owner.to_string(chain::Network::Testnet) + " not found");
  const auto worker = st.lookup_id(p.worker);
  const Actor* w = worker ? st.actor(*worker) : nullptr;
  if (!w || w->kind != ActorKind::Account || !w->key ||
      w->key->protocol() != chain::AddressProtocol::Bls)
    abort_with(kIllegalArgument, "worker must be an account actor with a BLS key");

  const std::uint64_t id = st.next_id++;
  // Robust address: BLAKE2b-160(CBOR(from as written) || u64be(nonce) || u64be(0)).
  Bytes seed = chain::address_entropy(msg.from);
  chain::append_be64(seed, msg.nonce);
  chain::append_be64(seed, 0);  // actors created so far by this message
  const auto robust = Address::from_actor_data(seed);

  Miner m;
  m.id = id;
  m.robust = robust;
  m.owner = *owner;
  m.worker = *worker;
  m.peer = p.peer;
  m.multiaddrs = p.multiaddrs;
  m.window_post_proof = p.window_post_proof_type;
  m.sector_size = type->sector_size;
  m.partition_sectors = type->partition_sectors;
  const auto offset = proving_period_offset(*ctx.policy, Address::from_id(id), ctx.epoch);
  const auto start = period_at_creation(*ctx.policy, offset, ctx.epoch);
  m.proving_period_start = start.period_start;
  m.current_deadline = start.index;
  m.deadlines.resize(static_cast<std::size_t>(ctx.policy->wpost_period_deadlines));
  m.locked_funds = ctx.economy->creation_deposit(ctx.policy->consensus_miner_min_power);
  Actor a;
  a.kind = ActorKind::Miner;
  a.balance = value;  // the power actor forwards the value to the new miner
  a.key = robust;
  st.actor(kPowerActor)->balance -= value;
  st.actors[id] = a;
  st.key_ids[robust.bytes()] = id;
  st.miners[id] = std::move(m);
  (void)caller;
  return chain::CreateMinerReturn{Address::from_id(id), robust}.encode();
}

// ---- miner actor -------------------------------------------------------------------------

void pre_commit_batch(ChainState& st, const ExecContext& ctx, Miner& m, Actor& a,
                      std::uint64_t caller, const Bytes& params) {
  const Policy& p = *ctx.policy;
  const std::int64_t now = ctx.epoch;
  const auto in = decode_params<chain::PreCommitSectorBatch2Params>(params);
  if (in.sectors.empty()) abort_with(kIllegalArgument, "batch empty");
  {
    std::vector<std::uint64_t> nums;
    for (const auto& s : in.sectors) nums.push_back(s.sector_number);
    std::sort(nums.begin(), nums.end());
    if (std::adjacent_find(nums.begin(), nums.end()) != nums.end())
      abort_with(kIllegalArgument, "duplicate sector number in batch");
  }
  for (const auto& s : in.sectors) {
    const std::string which = "sector " + std::to_string(s.sector_number) + ": ";
    if (!seal_type(s.seal_proof))
      abort_with(kIllegalArgument, which + "seal proof " + std::to_string(s.seal_proof) +
                                       " not allowed for pre-commit (5, 6, 10, 11)");
    if (s.sector_number > kMaxSectorNumber)
      abort_with(kIllegalArgument, which + "number too large");
    try {
      comm_of(chain::CommitmentKind::Sealed, s.sealed_cid);
    } catch (const Error& e) {
      abort_with(kIllegalArgument, which + e.what());
    }
    if (s.seal_rand_epoch >= now)
      abort_with(kIllegalArgument, which + "seal challenge epoch " +
                                       std::to_string(s.seal_rand_epoch) + " must be before now " +
                                       std::to_string(now));
    if (s.seal_rand_epoch < now - p.max_pre_commit_randomness_lookback)
      abort_with(kIllegalArgument, which + "seal challenge epoch " +
                                       std::to_string(s.seal_rand_epoch) + " too old (lookback " +
                                       std::to_string(p.max_pre_commit_randomness_lookback) + ")");
    if (s.unsealed_cid) {
      try {
        comm_of(chain::CommitmentKind::Unsealed, *s.unsealed_cid);
      } catch (const Error& e) {
        abort_with(kIllegalArgument, which + e.what());
      }
    }
    const std::int64_t activation = now + p.max_prove_commit_duration;
    if (s.expiration <= activation)
      abort_with(kIllegalArgument, which + "expiration " + std::to_string(s.expiration) +
                                       " before the latest activation " +
                                       std::to_string(activation));
    if (s.expiration - activation < p.min_sector_expiration)
      abort_with(kIllegalArgument, which + "expiration too soon (minimum sector lifetime " +
                                       std::to_string(p.min_sector_expiration) + " epochs)");
    if (s.expiration > now + p.max_sector_expiration_extension)
      abort_with(kIllegalArgument, which + "expiration beyond now + " +
                                       std::to_string(p.max_sector_expiration_extension));
    if (s.expiration - activation > p.max_sector_lifetime)
      abort_with(kIllegalArgument, which + "lifetime above the maximum");
    if (!s.deal_ids.empty())
      abort_with(kIllegalArgument, which + "deal ids given, but the dev chain has no market");
  }
  if (m.fee_debt > unlocked(a, m))
    abort_with(kInsufficientFunds, "unlocked balance below fee debt");
  if (!controlling(m, caller))
    abort_with(kForbidden, "caller is not the owner, worker or a control address");
  for (const auto& s : in.sectors)
    if (seal_type(s.seal_proof)->window_post_proof != m.window_post_proof)
      abort_with(kIllegalArgument, "sector " + std::to_string(s.sector_number) +
                                       ": seal proof does not match the miner's Window PoSt type");
  const TokenAmount deposit = ctx.economy->pre_commit_deposit(m.sector_size);
  const TokenAmount total = deposit * static_cast<TokenAmount::i128>(in.sectors.size());
  if (total > available(a, m))
    abort_with(kInsufficientFunds, "insufficient funds for pre-commit deposit: need " +
                                       total.fil_string() + ", available " +
                                       available(a, m).fil_string());
  for (const auto& s : in.sectors)
    if (m.allocated.contains(s.sector_number))
      abort_with(kIllegalArgument,
                 "sector number " + std::to_string(s.sector_number) + " already allocated");

  repay_debt_or_abort(st, a, m);
  m.precommit_deposits += total;
  for (const auto& s : in.sectors) {
    m.allocated.set(s.sector_number);
    m.precommits[s.sector_number] = PreCommit{s, deposit, now};
    const std::int64_t cleanup =
        quantize_up(now + p.max_prove_commit_duration + p.expired_pre_commit_clean_up_delay,
                    p.wpost_challenge_window, m.proving_period_start);
    m.precommit_cleanup[cleanup].set(s.sector_number);
  }
  if (!m.cron_active) {
    m.cron_active = true;
    enroll_cron(ctx, m);
  }
}

void add_to_deadlines(const ExecContext& ctx, Miner& m, const std::vector<std::uint64_t>& sectors) {
  const Policy& p = *ctx.policy;
  std::vector<DeadlineLoad> loads(m.deadlines.size());
  std::vector<bool> candidate(m.deadlines.size());
  for (std::size_t d = 0; d < m.deadlines.size(); ++d) {
    loads[d] = {m.deadlines[d].live_sectors, m.deadlines[d].total_sectors};
    candidate[d] = deadline_is_mutable(p, m.proving_period_start, d, ctx.epoch);
  }
  std::vector<std::uint64_t> where;
  try {
    where = assign_deadlines(p, m.partition_sectors, loads, candidate, sectors.size());
  } catch (const Error& e) {
    abort_with(kIllegalState, e.what());
  }
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    Deadline& d = m.deadlines[where[i]];
    if (d.partitions.empty() || d.partitions.back().sectors.count() >= m.partition_sectors)
      d.partitions.emplace_back();
    Partition& part = d.partitions.back();
    part.sectors.set(sectors[i]);
    part.unproven.set(sectors[i]);
    ++d.live_sectors;
    ++d.total_sectors;
  }
}

Bytes prove_commit_sectors3(ChainState&, const ExecContext& ctx, Miner& m, Actor& a,
                            std::uint64_t caller, const Bytes& params) {
  const Policy& p = *ctx.policy;
  const std::int64_t now = ctx.epoch;
  const auto in = decode_params<chain::ProveCommitSectors3Params>(params);
  if (!controlling(m, caller))
    abort_with(kForbidden, "caller is not the owner, worker or a control address");
  std::vector<const PreCommit*> pcs;
  for (const auto& s : in.sector_activations) {
    if (s.sector_number > kMaxSectorNumber) abort_with(kIllegalArgument, "sector number too large");
    const auto it = m.precommits.find(s.sector_number);
    if (it == m.precommits.end())
      abort_with(kNotFound, "no pre-commit for sector " + std::to_string(s.sector_number));
    pcs.push_back(&it->second);
  }
  if (pcs.empty()) abort_with(kIllegalArgument, "no sectors to prove");
  const bool individual = !in.sector_proofs.empty();
  if (individual == !in.aggregate_proof.empty())
    abort_with(kIllegalArgument, "exactly one of SectorProofs and AggregateProof must be given");
  const SealTypeInfo* type = seal_type(pcs[0]->info.seal_proof);
  if (individual) {
    if (in.aggregate_proof_type)
      abort_with(kIllegalArgument, "AggregateProofType given without an aggregate");
    if (in.sector_proofs.size() != pcs.size())
      abort_with(kIllegalArgument, "number of proofs does not match the number of sectors");
    for (const auto& pr : in.sector_proofs)
      if (pr.size() > type->proof_bytes)
        abort_with(kIllegalArgument, "proof longer than the seal proof size");
  } else {
    if (!in.aggregate_proof_type || *in.aggregate_proof_type != 1)
      abort_with(kIllegalArgument, "aggregate proof type must be 1 (SnarkPackV2)");
    if (pcs.size() < p.min_aggregated_sectors || pcs.size() > p.max_aggregated_sectors)
      abort_with(kIllegalArgument, "aggregates hold 4 to 819 sectors");
    if (in.aggregate_proof.size() > p.max_aggregate_proof_size)
      abort_with(kIllegalArgument, "aggregate proof too large");
  }
  for (const auto* pc : pcs)
    if (pc->info.seal_proof != pcs[0]->info.seal_proof)
      abort_with(kIllegalState, "mixed seal proof types in one prove-commit");
  for (const auto* pc : pcs)
    if (now <= pc->epoch + p.pre_commit_challenge_delay)
      abort_with(kForbidden, "too early to prove sector " + std::to_string(pc->info.sector_number) +
                                 " (pre-committed at " + std::to_string(pc->epoch) + ", seed at " +
                                 std::to_string(pc->epoch + p.pre_commit_challenge_delay) + ")");

  const auto entropy = chain::address_entropy(Address::from_id(m.id));
  std::vector<std::pair<std::size_t, std::uint64_t>> fails;  // index, code
  std::vector<SealCheck> checks(pcs.size());
  std::vector<bool> ok(pcs.size(), true);
  for (std::size_t i = 0; i < pcs.size(); ++i) {
    const auto& info = pcs[i]->info;
    auto fail = [&](const std::string& why) {
      if (in.require_activation_success)
        abort_with(kIllegalArgument, "sector " + std::to_string(info.sector_number) + ": " + why);
      ok[i] = false;
      if (ctx.log)
        ctx.log("prove-commit of sector " + std::to_string(info.sector_number) + ": " + why);
    };
    if (!info.deal_ids.empty()) fail("pre-commit carries deal ids");
    if (now > pcs[i]->epoch + p.max_prove_commit_duration) fail("too late to prove");
    if (!in.sector_activations[i].pieces.empty())
      fail("piece activation is not emulated by the dev chain (no market or verified registry)");
    SealCheck& c = checks[i];
    c.miner = m.id;
    c.sector = info.sector_number;
    c.seal_proof = info.seal_proof;
    c.comm_r = comm_of(chain::CommitmentKind::Sealed, info.sealed_cid);
    c.comm_d = info.unsealed_cid ? comm_of(chain::CommitmentKind::Unsealed, *info.unsealed_cid)
                                 : kZeroCommD2KiB;
    const auto td = ctx.ticket_digest(info.seal_rand_epoch);
    c.ticket = chain::draw_randomness(5, td, info.seal_rand_epoch, entropy);
    const std::int64_t seed_epoch = pcs[i]->epoch + p.pre_commit_challenge_delay;
    const auto bd = ctx.beacon_digest(seed_epoch);
    c.seed = chain::draw_randomness(6, bd, seed_epoch, entropy);
    if (individual) c.proof = in.sector_proofs[i];
  }
  if (std::none_of(ok.begin(), ok.end(), [](bool b) { return b; }))
    abort_with(kIllegalArgument, "no sector passed the per-sector checks");
  if (individual) {
    for (std::size_t i = 0; i < pcs.size(); ++i) {
      if (!ok[i]) continue;
      if (!ctx.proofs->verify_seal(checks[i])) {
        if (in.require_activation_success)
          abort_with(kIllegalArgument,
                     "invalid seal proof for sector " + std::to_string(checks[i].sector));
        ok[i] = false;
        if (ctx.log) ctx.log("invalid seal proof for sector " + std::to_string(checks[i].sector));
      }
    }
    if (std::none_of(ok.begin(), ok.end(), [](bool b) { return b; }))
      abort_with(kIllegalArgument, "no valid seal proof");
  } else if (!ctx.proofs->verify_aggregate(checks, in.aggregate_proof)) {
    abort_with(kIllegalArgument, "invalid aggregate seal proof");
  }
  TokenAmount released, pledge_total;
  std::vector<std::uint64_t> proven;
  for (std::size_t i = 0; i < pcs.size(); ++i) {
    if (!ok[i]) continue;
    if (pcs[i]->info.expiration - now < p.min_sector_expiration)
      abort_with(kIllegalArgument,
                 "sector " + std::to_string(checks[i].sector) + " expires too soon");
    released += pcs[i]->deposit;
    pledge_total += ctx.economy->initial_pledge(m.sector_size);
  }
  if (pledge_total > unlocked(a, m) + released)
    abort_with(kInsufficientFunds, "insufficient funds for initial pledge: need " +
                                       pledge_total.fil_string() + ", unlocked " +
                                       (unlocked(a, m) + released).fil_string());
  for (std::size_t i = 0; i < pcs.size(); ++i) {
    if (!ok[i]) {
      fails.emplace_back(i, kIllegalArgument);
      continue;
    }
    const auto info = pcs[i]->info;
    Sector s;
    s.number = info.sector_number;
    s.seal_proof = info.seal_proof;
    s.sealed_cid = info.sealed_cid;
    s.activation = now;
    s.expiration = info.expiration;
    s.pledge = ctx.economy->initial_pledge(m.sector_size);
    s.daily_fee = ctx.economy->daily_fee(m.sector_size);
    m.precommit_deposits -= pcs[i]->deposit;
    m.initial_pledge += s.pledge;
    m.sectors[s.number] = s;
    proven.push_back(s.number);
  }
  for (const auto n : proven) m.precommits.erase(n);
  std::sort(proven.begin(), proven.end());
  add_to_deadlines(ctx, m, proven);
  chain::BatchReturn ret;
  ret.success_count = proven.size();
  for (const auto& [idx, code] : fails) ret.fail_codes.emplace_back(idx, code);
  return ret.encode();
}

PostCheck post_check(const ExecContext& ctx, const Miner& m, const Deadline& d,
                     const BitField& partitions, const DeadlineInfo& info, std::int64_t post_proof,
                     const Bytes& proof) {
  PostCheck c;
  c.miner = m.id;
  c.post_proof = post_proof;
  const auto entropy = chain::address_entropy(Address::from_id(m.id));
  c.randomness = post::post_randomness(
      chain::draw_randomness(4, ctx.beacon_digest(info.challenge), info.challenge, entropy));
  BitField all, bad;
  for (const auto idx : partitions.values()) {
    const Partition& part = d.partitions[idx];
    all = all.unite(part.sectors);
    bad = bad.unite(part.faults).unite(part.terminated);
  }
  const auto good = all.subtract(bad);
  if (good.empty()) return c;
  const Sector& substitute = m.sectors.at(*good.first());
  for (const auto n : all.values()) {
    const Sector& s = bad.contains(n) ? substitute : m.sectors.at(n);
    c.sectors.push_back({s.seal_proof, s.number, s.sealed_cid});
  }
  c.proof = proof;
  return c;
}

void submit_windowed_post(ChainState&, const ExecContext& ctx, Miner& m, std::uint64_t caller,
                          const Bytes& params) {
  const Policy& p = *ctx.policy;
  const std::int64_t now = ctx.epoch;
  const auto in = decode_params<chain::SubmitWindowedPoStParams>(params);
  if (in.proofs.size() != 1) abort_with(kIllegalArgument, "expected exactly one proof");
  if (!seal_type_for_post(in.proofs[0].post_proof))
    abort_with(kIllegalArgument,
               "proof type " + std::to_string(in.proofs[0].post_proof) + " not allowed");
  if (static_cast<std::int64_t>(in.deadline) >= p.wpost_period_deadlines)
    abort_with(kIllegalArgument, "deadline " + std::to_string(in.deadline) + " out of range");
  if (in.chain_commit_rand.size() > 32)
    abort_with(kIllegalArgument, "chain commit randomness longer than 32 bytes");
  if (!controlling(m, caller))
    abort_with(kForbidden, "caller is not the owner, worker or a control address");
  if (in.proofs[0].post_proof != m.window_post_proof)
    abort_with(kIllegalArgument, "proof type does not match the miner's");
  if (in.proofs[0].proof_bytes.size() > 192 * in.partitions.size())
    abort_with(kIllegalArgument, "proof longer than 192 bytes per partition");
  const std::uint64_t max_parts =
      std::min({p.posted_partitions_max, p.addressed_sectors_max / m.partition_sectors,
                p.addressed_partitions_max});
  if (in.partitions.size() > max_parts)
    abort_with(kIllegalArgument,
               "more than " + std::to_string(max_parts) + " partitions in one PoSt");
  const DeadlineInfo cur = current_deadline(p, m.proving_period_start, now);
  if (!cur.is_open()) abort_with(kIllegalState, "proving period not open");
  if (in.deadline != cur.index)
    abort_with(kIllegalArgument, "invalid deadline " + std::to_string(in.deadline) + " at epoch " +
                                     std::to_string(now) + ", expected " +
                                     std::to_string(cur.index));
  if (in.chain_commit_epoch < cur.challenge)
    abort_with(kIllegalArgument, "chain commit epoch " + std::to_string(in.chain_commit_epoch) +
                                     " before the challenge epoch " +
                                     std::to_string(cur.challenge));
  if (in.chain_commit_epoch >= now)
    abort_with(kIllegalArgument, "chain commit epoch " + std::to_string(in.chain_commit_epoch) +
                                     " must be before now");
  const auto expect = chain::draw_randomness(9, ctx.ticket_digest(in.chain_commit_epoch),
                                             in.chain_commit_epoch, {});
  if (!std::equal(expect.begin(), expect.end(), in.chain_commit_rand.begin(),
                  in.chain_commit_rand.end()))
    abort_with(kIllegalArgument, "post commit randomness mismatched");
  Deadline& d = m.deadlines[in.deadline];
  BitField submitted;
  for (const auto& part : in.partitions) {
    if (submitted.contains(part.index))
      abort_with(kIllegalArgument, "duplicate partition " + std::to_string(part.index));
    submitted.set(part.index);
  }
  if (!submitted.intersect(d.posted).empty())
    abort_with(kIllegalArgument, "partition already proven in this window");
  bool had_recoveries = false;
  for (const auto& part : in.partitions) {
    if (part.index >= d.partitions.size())
      abort_with(kNotFound, "no partition " + std::to_string(part.index));
    Partition& pt = d.partitions[part.index];
    if (!part.skipped.subset_of(pt.sectors))
      abort_with(kIllegalArgument,
                 "skipped sectors not in partition " + std::to_string(part.index));
    // New faults from the skipped set; recovering sectors listed as skipped lose the recovery.
    pt.add_faults(part.skipped);
    if (!pt.recoveries.empty()) had_recoveries = true;
    pt.faults = pt.faults.subtract(pt.recoveries);
    pt.recoveries = BitField();
    pt.unproven = BitField();
    d.posted.set(part.index);
  }
  bool something = false;
  for (const auto& part : in.partitions) {
    const Partition& pt = d.partitions[part.index];
    if (!pt.live().subtract(pt.faults).empty()) something = true;
  }
  if (!something)
    abort_with(kIllegalArgument,
               "all sectors of the submitted partitions are faulty or terminated");
  OptimisticProof op{submitted, in.proofs[0].proof_bytes, in.proofs[0].post_proof};
  if (had_recoveries) {
    const PostCheck c = post_check(ctx, m, d, submitted, cur, op.post_proof, op.proof);
    if (!ctx.proofs->verify_post(c))
      abort_with(kIllegalArgument,
                 "invalid PoSt proof (partitions with recoveries are verified at submission)");
  } else {
    d.optimistic.push_back(std::move(op));
  }
  m.raw_power = m.qa_power = sector_power_active(m);
}

void declare(ChainState& st, const ExecContext& ctx, Miner& m, Actor& a, std::uint64_t caller,
             const Bytes& params, bool recoveries) {
  const Policy& p = *ctx.policy;
  const auto in = decode_params<chain::DeclarationParams>(params);
  std::uint64_t sectors = 0;
  for (const auto& d : in.declarations) {
    if (static_cast<std::int64_t>(d.deadline) >= p.wpost_period_deadlines)
      abort_with(kIllegalArgument, "deadline " + std::to_string(d.deadline) + " out of range");
    sectors += d.sectors.count();
  }
  if (in.declarations.size() > p.addressed_partitions_max || sectors > p.addressed_sectors_max)
    abort_with(kIllegalArgument, "too many partitions or sectors in one declaration");
  if (recoveries && m.fee_debt > unlocked(a, m))
    abort_with(kInsufficientFunds, "unlocked balance below fee debt");
  if (recoveries) repay_debt_or_abort(st, a, m);
  if (!controlling(m, caller))
    abort_with(kForbidden, "caller is not the owner, worker or a control address");
  const DeadlineInfo cur = current_deadline(p, m.proving_period_start, ctx.epoch);
  for (const auto& decl : in.declarations) {
    const auto target =
        next_not_elapsed(p, deadline_info(p, cur.period_start, decl.deadline, ctx.epoch));
    if (target.fault_cutoff_passed())
      abort_with(kIllegalArgument, "late declaration for deadline " +
                                       std::to_string(decl.deadline) + ": fault cutoff " +
                                       std::to_string(target.fault_cutoff) + " passed at " +
                                       std::to_string(ctx.epoch));
    Deadline& d = m.deadlines[decl.deadline];
    if (decl.partition >= d.partitions.size())
      abort_with(kNotFound, "no partition " + std::to_string(decl.partition) + " in deadline " +
                                std::to_string(decl.deadline));
    Partition& pt = d.partitions[decl.partition];
    if (!decl.sectors.subset_of(pt.sectors))
      abort_with(kIllegalArgument, "declared sectors not in the partition");
    if (recoveries) {
      pt.recoveries = pt.recoveries.unite(decl.sectors.intersect(pt.faults));
    } else {
      pt.add_faults(decl.sectors);
    }
  }
  m.raw_power = m.qa_power = sector_power_active(m);
}

Bytes control_addresses(const Miner& m) {
  chain::CborWriter w;
  w.array(3).bytes(Address::from_id(m.owner).bytes()).bytes(Address::from_id(m.worker).bytes());
  w.array(m.control.size());
  for (const auto c : m.control) w.bytes(Address::from_id(c).bytes());
  return w.data();
}

Bytes withdraw_balance(ChainState& st, Miner& m, Actor& a, std::uint64_t caller,
                       const Bytes& params) {
  TokenAmount requested;
  try {
    const auto v = chain::CborValue::parse(params);
    requested = TokenAmount::from_bigint_bytes(
        v.as_array("WithdrawBalanceParams", 1)[0].as_bytes("AmountRequested"));
  } catch (const Error& e) {
    abort_with(kSerialization, e.what());
  }
  if (requested < TokenAmount()) abort_with(kIllegalArgument, "negative withdrawal");
  if (caller != m.owner) abort_with(kForbidden, "only the owner may withdraw");
  repay_debt_or_abort(st, a, m);
  const TokenAmount amount = std::max(TokenAmount(), std::min(requested, available(a, m)));
  a.balance -= amount;
  st.actor(m.owner)->balance += amount;
  chain::CborWriter w;
  w.bytes(amount.bigint_bytes());
  return w.data();
}

Bytes invoke(ChainState& st, const ExecContext& ctx, const Message& msg, std::uint64_t caller,
             std::uint64_t receiver, TokenAmount value) {
  Actor* to = st.actor(receiver);
  if (msg.method == chain::method::kSend) return {};
  if (to->kind == ActorKind::Power) {
    if (msg.method == chain::method::kCreateMiner) return create_miner(st, ctx, msg, caller, value);
    abort_with(kUnhandledMessage, "power actor has no method " + std::to_string(msg.method));
  }
  if (to->kind != ActorKind::Miner)
    abort_with(kUnhandledMessage, "actor " + std::to_string(receiver) + " has no method " +
                                      std::to_string(msg.method) + " on the dev chain");
  Miner& m = *st.miner(receiver);
  switch (msg.method) {
    case chain::method::kControlAddresses:
      return control_addresses(m);
    case chain::method::kSubmitWindowedPoSt:
      submit_windowed_post(st, ctx, m, caller, msg.params);
      return {};
    case chain::method::kDeclareFaults:
      declare(st, ctx, m, *to, caller, msg.params, false);
      return {};
    case chain::method::kDeclareFaultsRecovered:
      declare(st, ctx, m, *to, caller, msg.params, true);
      return {};
    case chain::method::kWithdrawBalance:
      return withdraw_balance(st, m, *to, caller, msg.params);
    case chain::method::kPreCommitSectorBatch2:
      pre_commit_batch(st, ctx, m, *to, caller, msg.params);
      return {};
    case chain::method::kProveCommitSectors3:
      return prove_commit_sectors3(st, ctx, m, *to, caller, msg.params);
    default:
      if (ctx.log && msg.method != 6 && msg.method != 7 && msg.method != 8 && msg.method != 25 &&
          msg.method != 26 && msg.method != 27 && msg.method != 29)
        ctx.log("miner method " + std::to_string(msg.method) + " is not emulated by the dev chain");
      abort_with(kUnhandledMessage, "miner actor method " + std::to_string(msg.method) +
                                        " does not exist or is not emulated");
  }
}

void check_balance_invariant(const Actor& a, const Miner& m) {
  if (a.balance < m.precommit_deposits + m.locked_funds + m.initial_pledge)
    abort_with(1000, "balance invariant broken");
}

}  // namespace

std::int64_t minimum_message_gas(std::size_t serialized_size) {
  return (38863 + 475000) + (36 + static_cast<std::int64_t>(serialized_size)) * 1300;
}

std::int64_t message_gas(const Message& m) {
  // A deterministic model: the minimum message gas plus a per-method execution charge.
  std::int64_t exec = 0;
  switch (m.method) {
    case chain::method::kCreateMiner:
      exec = 20'000'000;
      break;
    case chain::method::kPreCommitSectorBatch2:
      exec = 15'000'000;
      break;
    case chain::method::kProveCommitSectors3:
      exec = 40'000'000;
      break;
    case chain::method::kSubmitWindowedPoSt:
      exec = 30'000'000;
      break;
    default:
      exec = 1'000'000;
  }
  return minimum_message_gas(
             chain::signed_message_cbor(m, 2, std::vector<std::uint8_t>(96)).size()) +
         exec;
}

std::uint64_t sector_power_active(const Miner& m) {
  std::uint64_t n = 0;
  for (const auto& d : m.deadlines)
    for (const auto& p : d.partitions) n += p.active().count();
  return n * m.sector_size;
}

Receipt apply_message(ChainState& st, const ExecContext& ctx, const Message& msg) {
  Receipt r;
  const auto from = st.lookup_id(msg.from);
  Actor* sender = from ? st.actor(*from) : nullptr;
  r.gas_used = message_gas(msg);
  if (!sender || sender->kind != ActorKind::Account) {
    r.exit_code = kSenderInvalid;
    r.error = "sender is not an account actor";
    return r;
  }
  const TokenAmount fee_cap = TokenAmount::parse(msg.gas_fee_cap);
  const TokenAmount premium = TokenAmount::parse(msg.gas_premium);
  const TokenAmount max_gas_cost = fee_cap * msg.gas_limit;
  if (msg.nonce != sender->nonce || sender->balance < max_gas_cost) {
    r.exit_code = kSenderStateInvalid;
    r.error = msg.nonce != sender->nonce ? "nonce mismatch" : "balance below the gas limit's cost";
    return r;
  }
  // Gas: the sender pays GasUsed × BaseFee + GasLimit × min(premium, feecap − basefee).
  auto charge = [&](std::int64_t used) {
    const TokenAmount tip_rate = std::max(TokenAmount(), std::min(premium, fee_cap - ctx.base_fee));
    const TokenAmount cost = ctx.base_fee * used + tip_rate * msg.gas_limit;
    Actor* s = st.actor(*from);
    s->balance -= std::min(cost, s->balance);
    st.burnt += ctx.base_fee * used;
  };
  sender->nonce += 1;
  if (msg.gas_limit < r.gas_used) {
    r.exit_code = kOutOfGas;
    r.error = "gas limit " + std::to_string(msg.gas_limit) + " below the gas used " +
              std::to_string(r.gas_used);
    r.gas_used = msg.gas_limit;
    charge(msg.gas_limit);
    return r;
  }
  const ChainState before = st;
  try {
    const TokenAmount value = TokenAmount::parse(msg.value);
    if (value < TokenAmount()) abort_with(kIllegalArgument, "negative value");
    Actor* s = st.actor(*from);
    if (s->balance - max_gas_cost < value)
      abort_with(kInsufficientFundsSys,
                 "sender cannot pay the message value " + value.fil_string());
    auto to = st.lookup_id(msg.to);
    if (!to) {
      const auto proto = msg.to.protocol();
      if (proto != chain::AddressProtocol::Bls && proto != chain::AddressProtocol::Secp256k1)
        abort_with(kInvalidReceiver,
                   "receiver " + msg.to.to_string(chain::Network::Testnet) + " does not exist");
      to = create_account(st, msg.to, TokenAmount());
      s = st.actor(*from);
    }
    s->balance -= value;
    st.actor(*to)->balance += value;
    r.ret = invoke(st, ctx, msg, *from, *to, value);
    if (const Miner* m = st.miner(*to)) check_balance_invariant(*st.actor(*to), *m);
  } catch (const Abort& a) {
    st = before;
    r.exit_code = a.code;
    r.error = a.reason;
    r.ret.clear();
  }
  charge(r.gas_used);
  return r;
}

std::uint64_t create_account(ChainState& st, const Address& key, TokenAmount balance) {
  const std::uint64_t id = st.next_id++;
  Actor a;
  a.kind = ActorKind::Account;
  a.balance = balance;
  a.key = key;
  st.actors[id] = a;
  st.key_ids[key.bytes()] = id;
  return id;
}

namespace {

void deadline_cron(ChainState& st, const ExecContext& ctx, Miner& m) {
  const Policy& p = *ctx.policy;
  Actor& a = *st.actor(m.id);
  const std::int64_t now = ctx.epoch;
  if (m.pending_worker && now >= m.pending_worker->second) {
    m.worker = m.pending_worker->first;
    m.pending_worker.reset();
  }
  // Expired pre-commits: deleted, deposit burned.
  for (auto it = m.precommit_cleanup.begin();
       it != m.precommit_cleanup.end() && it->first <= now;) {
    for (const auto n : it->second.values()) {
      const auto pc = m.precommits.find(n);
      if (pc == m.precommits.end()) continue;
      m.precommit_deposits -= pc->second.deposit;
      m.fee_debt += pc->second.deposit;
      if (ctx.log)
        ctx.log("miner " + std::to_string(m.id) + ": pre-commit of sector " + std::to_string(n) +
                " expired, deposit burned");
      m.precommits.erase(pc);
    }
    it = m.precommit_cleanup.erase(it);
  }
  const DeadlineInfo info = recorded_deadline(ctx, m);
  if (now >= info.period_start) {  // the proving period has started
    Deadline& d = m.deadlines[info.index];
    TokenAmount fault_fee;
    if (d.total_sectors > 0) {
      std::uint64_t previously_faulty = 0;
      for (const auto& pt : d.partitions) previously_faulty += pt.faults.count();
      for (std::size_t i = 0; i < d.partitions.size(); ++i) {
        Partition& pt = d.partitions[i];
        if (d.posted.contains(i)) continue;
        const bool all_faulty = pt.live().subtract(pt.faults).empty();
        if (pt.recoveries.empty() && all_faulty) continue;
        const auto newly = pt.add_faults(pt.live());
        pt.recoveries = BitField();
        if (!newly.empty() && ctx.log)
          ctx.log("miner " + std::to_string(m.id) + ": deadline " + std::to_string(info.index) +
                  " partition " + std::to_string(i) + " missed its Window PoSt; " +
                  std::to_string(newly.count()) + " sectors now faulty");
      }
      // Auditor: optimistic proofs of the closing window are checked now (§2.6).
      for (const auto& op : d.optimistic) {
        const PostCheck c = post_check(ctx, m, d, op.partitions, info, op.post_proof, op.proof);
        if (c.sectors.empty() || ctx.proofs->verify_post(c)) continue;
        std::uint64_t qa = 0;
        for (const auto idx : op.partitions.values()) {
          Partition& pt = d.partitions[idx];
          // Only sectors not yet faulty: declared recoveries of faulty ones are kept.
          qa += pt.add_faults(pt.live().subtract(pt.faults)).count() * m.sector_size;
        }
        const TokenAmount penalty = ctx.economy->expected_reward(qa, 15868) + TokenAmount::fil(24);
        m.fee_debt += penalty;
        if (ctx.log)
          ctx.log("AUDITOR: miner " + std::to_string(m.id) + " deadline " +
                  std::to_string(info.index) +
                  ": an accepted Window PoSt does not verify; its sectors are now faulty and " +
                  penalty.fil_string() + " is charged as a dispute would");
      }
      d.posted = BitField();
      d.snapshot = std::move(d.optimistic);
      d.optimistic.clear();
      fault_fee = ctx.economy->fault_fee(previously_faulty * m.sector_size);
    }
    m.fee_debt += fault_fee;
    m.current_deadline = (info.index + 1) % static_cast<std::uint64_t>(p.wpost_period_deadlines);
    if (m.current_deadline == 0) m.proving_period_start += p.wpost_proving_period;
  }
  repay_debt_partially(st, a, m);
  m.raw_power = m.qa_power = sector_power_active(m);
  if (m.precommit_deposits > TokenAmount() || m.initial_pledge > TokenAmount() ||
      m.locked_funds > TokenAmount()) {
    const DeadlineInfo next = recorded_deadline(ctx, m);
    m.cron_epoch = next.last() > now ? next.last() : next.last() + p.wpost_proving_period;
  } else {
    m.cron_active = false;
    m.cron_epoch.reset();
  }
}

}  // namespace

void run_cron(ChainState& st, const ExecContext& ctx) {
  for (auto& [id, m] : st.miners)
    while (m.cron_epoch && *m.cron_epoch <= ctx.epoch) deadline_cron(st, ctx, m);
}

std::optional<std::uint64_t> ChainState::lookup_id(const Address& a) const {
  if (a.protocol() == chain::AddressProtocol::Id) {
    const auto id = a.id();
    return actors.count(id) ? std::optional(id) : std::nullopt;
  }
  const auto it = key_ids.find(a.bytes());
  return it == key_ids.end() ? std::nullopt : std::optional(it->second);
}
Actor* ChainState::actor(std::uint64_t id) {
  const auto it = actors.find(id);
  return it == actors.end() ? nullptr : &it->second;
}
const Actor* ChainState::actor(std::uint64_t id) const {
  const auto it = actors.find(id);
  return it == actors.end() ? nullptr : &it->second;
}
Miner* ChainState::miner(std::uint64_t id) {
  const auto it = miners.find(id);
  return it == miners.end() ? nullptr : &it->second;
}
const Miner* ChainState::miner(std::uint64_t id) const {
  const auto it = miners.find(id);
  return it == miners.end() ? nullptr : &it->second;
}

}  // namespace vseal::coord::devchain
