// Handlers are thin: resolve the tipset (its parent state), find the actor, write lotus JSON.
// Each error message says what was not found, as lotus does, since clients key on the text.
#include "devchain/rpc_api.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "base/error.hpp"
#include "chain/actor_params.hpp"
#include "chain/cbor.hpp"
#include "chain/commitment_cid.hpp"
#include "chain/randomness.hpp"
#include "devchain/deadlines.hpp"

namespace vseal::coord::devchain {

using lotus::json;
using namespace lotus;

namespace {

// A receipt as lotus writes it (an empty return is null).
json receipt_json(const Receipt& r) {
  return {{"ExitCode", r.exit_code},
          {"Return", r.ret.empty() ? json(nullptr) : bytes_json(r.ret)},
          {"GasUsed", r.gas_used},
          {"EventsRoot", nullptr}};
}

Bytes code_cid(ActorKind k) {
  const char* text = nullptr;
  switch (k) {
    case ActorKind::Account:
      text = "bafk2bzacedpmhtrp2kdjoga2phrbi3f7z7wn25s3tluxoagcu7hsg2ppktxbw";
      break;
    case ActorKind::Miner:
      text = "bafk2bzacedhvcxgdz2w75izwa5s5dwvsrxsnzkjcbpbresziyrrjrsvjzwvxe";
      break;
    case ActorKind::Power:
      text = "bafk2bzacebydegz3ap6xgejojdu3usfddhyrj476f25ooahgcqko6d7djynas";
      break;
    default: {
      chain::CborWriter w;
      w.text("vseal-devchain-builtin").uint(static_cast<std::uint64_t>(k));
      return chain::dag_cbor_cid_bytes(w.data());
    }
  }
  return chain::parse_cid_string(text);
}

Bytes derived_cid(const std::string& what, std::int64_t h) {
  chain::CborWriter w;
  w.array(2).text(what).integer(h);
  return chain::dag_cbor_cid_bytes(w.data());
}

class Api {
 public:
  explicit Api(DevChain& c) : c_(c) {}

  // The height a tipset-key parameter names; [] / null / absent = head.
  std::int64_t height(const json& params, std::size_t index) const {
    if (!params.is_array() || index >= params.size()) return c_.head();
    const auto key = tipset_key_from_json(params[index], "TipSetKey");
    if (key.empty()) return c_.head();
    const auto h = c_.height_of(key[0]);
    if (!h)
      throw Error(ErrorCode::BadInput,
                  "loading tipset " + chain::cid_string(key[0]) + ": not found");
    return *h;
  }

  json tipset(std::int64_t h) const {
    const auto b = c_.block(h);
    if (!b) throw Error(ErrorCode::BadInput, "no tipset at height " + std::to_string(h));
    const Bytes zero96(96, 0);
    json block = {
        {"Miner", "t00"},
        {"Ticket", {{"VRFProof", bytes_json(c_.vrf_proof(h))}}},
        {"ElectionProof", {{"WinCount", 1}, {"VRFProof", bytes_json(c_.vrf_proof(h))}}},
        {"BeaconEntries",
         json::array({{{"Round", h + 100}, {"Data", bytes_json(c_.beacon_data(h + 100))}}})},
        {"WinPoStProof", json::array()},
        {"Parents", h == 0 ? json::array() : tipset_key_json({b->parent})},
        {"ParentWeight", std::to_string(h)},
        {"Height", h},
        {"ParentStateRoot", cid_json(derived_cid("state", h - 1))},
        {"ParentMessageReceipts", cid_json(derived_cid("receipts", h - 1))},
        {"Messages", cid_json(derived_cid("messages", h))},
        {"BLSAggregate", {{"Type", 2}, {"Data", bytes_json(zero96)}}},
        {"Timestamp", c_.genesis_timestamp() + h * c_.policy().block_delay_secs},
        {"BlockSig", {{"Type", 2}, {"Data", bytes_json(zero96)}}},
        {"ForkSignaling", 0},
        {"ParentBaseFee", "100"}};
    return {{"Cids", tipset_key_json({b->cid})}, {"Blocks", json::array({block})}, {"Height", h}};
  }

  std::vector<Bytes> tipset_key(std::int64_t h) const { return {c_.block(h)->cid}; }

  const Miner& miner(const ChainState& st, const json& addr) const {
    const auto a = address_from_json(addr, "miner address");
    const auto id = st.lookup_id(a);
    const Miner* m = id ? st.miner(*id) : nullptr;
    if (!m)
      throw Error(ErrorCode::BadInput,
                  "actor not found: " + a.to_string(chain::Network::Testnet) + " is not a miner");
    return *m;
  }

  json miner_info(const Miner& m) const {
    json multi = json::array();
    for (const auto& a : m.multiaddrs) multi.push_back(bytes_json(a));
    json control = json::array();
    for (const auto c : m.control) control.push_back(address_json(chain::Address::from_id(c)));
    const auto owner = address_json(chain::Address::from_id(m.owner));
    return {{"Owner", owner},
            {"Worker", address_json(chain::Address::from_id(m.worker))},
            {"NewWorker", m.pending_worker
                              ? address_json(chain::Address::from_id(m.pending_worker->first))
                              : json("<empty>")},
            {"ControlAddresses", control},
            {"WorkerChangeEpoch", m.pending_worker ? m.pending_worker->second : -1},
            {"PeerId", nullptr},
            {"Multiaddrs", multi},
            {"WindowPoStProofType", m.window_post_proof},
            {"SectorSize", m.sector_size},
            {"WindowPoStPartitionSectors", m.partition_sectors},
            {"ConsensusFaultElapsed", -1},
            {"PendingOwnerAddress", nullptr},
            {"Beneficiary", owner},
            {"BeneficiaryTerm", {{"Quota", "0"}, {"UsedQuota", "0"}, {"Expiration", 0}}},
            {"PendingBeneficiaryTerm", nullptr}};
  }

  json deadline_json(const DeadlineInfo& d) const {
    const Policy& p = c_.policy();
    return {{"CurrentEpoch", d.current_epoch},
            {"PeriodStart", d.period_start},
            {"Index", d.index},
            {"Open", d.open},
            {"Close", d.close},
            {"Challenge", d.challenge},
            {"FaultCutoff", d.fault_cutoff},
            {"WPoStPeriodDeadlines", p.wpost_period_deadlines},
            {"WPoStProvingPeriod", p.wpost_proving_period},
            {"WPoStChallengeWindow", p.wpost_challenge_window},
            {"WPoStChallengeLookback", p.wpost_challenge_lookback},
            {"FaultDeclarationCutoff", p.fault_declaration_cutoff}};
  }

  json sector_json(const Sector& s) const {
    return {{"SectorNumber", s.number},
            {"SealProof", s.seal_proof},
            {"SealedCID", cid_json(s.sealed_cid)},
            {"DealIDs", nullptr},
            {"Activation", s.activation},
            {"Expiration", s.expiration},
            {"DealWeight", "0"},
            {"VerifiedDealWeight", "0"},
            {"InitialPledge", amount_json(s.pledge)},
            {"ExpectedDayReward", nullptr},
            {"ExpectedStoragePledge", nullptr},
            {"PowerBaseEpoch", s.activation},
            {"ReplacedDayReward", nullptr},
            {"SectorKeyCID", nullptr},
            {"Flags", 1},
            {"DailyFee", amount_json(s.daily_fee)}};
  }

  json precommit_json(const PreCommit& pc) const {
    const auto& i = pc.info;
    return {{"Info",
             {{"SealProof", i.seal_proof},
              {"SectorNumber", i.sector_number},
              {"SealedCID", cid_json(i.sealed_cid)},
              {"SealRandEpoch", i.seal_rand_epoch},
              {"DealIDs", nullptr},
              {"Expiration", i.expiration},
              {"UnsealedCid", i.unsealed_cid ? cid_json(*i.unsealed_cid) : json(nullptr)}}},
            {"PreCommitDeposit", amount_json(pc.deposit)},
            {"PreCommitEpoch", pc.epoch}};
  }

  json return_dec(const chain::Message& m, const Receipt& r) const {
    if (r.exit_code != 0 || r.ret.empty()) return nullptr;
    try {
      if (m.method == chain::method::kCreateMiner && m.to == chain::Address::from_id(4)) {
        const auto ret = chain::CreateMinerReturn::decode(r.ret);
        return {{"IDAddress", address_json(ret.id_address)},
                {"RobustAddress", address_json(ret.robust_address)}};
      }
      if (m.method == chain::method::kProveCommitSectors3) {
        const auto ret = chain::BatchReturn::decode(r.ret);
        json fails = json::array();
        for (const auto& [i, code] : ret.fail_codes) fails.push_back({{"Idx", i}, {"Code", code}});
        return {{"SuccessCount", ret.success_count}, {"FailCodes", fails}};
      }
    } catch (const Error&) {
    }
    return nullptr;
  }

  json lookup_json(const MessageLookup& l, bool with_dec) const {
    json j = {{"Message", cid_json(l.cid)},
              {"Receipt", receipt_json(l.receipt)},
              {"TipSet", tipset_key_json(tipset_key(l.inclusion_height + 1))},
              {"Height", l.inclusion_height + 1}};
    j["ReturnDec"] = with_dec ? return_dec(l.message, l.receipt) : json(nullptr);
    return j;
  }

  json randomness(const json& p, bool beacon) const {
    const auto dst = int_from_json(rpc_param(p, 0, "DomainSeparationTag"), "DomainSeparationTag");
    const auto epoch = int_from_json(rpc_param(p, 1, "ChainEpoch"), "ChainEpoch");
    const Bytes entropy = p.size() > 2 ? bytes_from_json(p[2], "Entropy") : Bytes{};
    const auto h = height(p, 3);
    if (epoch > h) throw Error(ErrorCode::BadInput, "cannot draw randomness from the future");
    const auto digest = beacon ? c_.beacon_digest(epoch) : c_.ticket_digest(epoch);
    const auto r = chain::draw_randomness(dst, digest, epoch, entropy);
    return bytes_json(Bytes(r.begin(), r.end()));
  }

  DevChain& c_;
};

}  // namespace

std::shared_ptr<RpcMethods> make_rpc_methods(DevChain& chain) {
  auto api = std::make_shared<Api>(chain);
  auto table = std::make_shared<RpcMethods>();
  auto add = [&table, api](const std::string& name, Permission perm,
                           std::function<json(Api&, const json&)> fn) {
    table->add("Filecoin." + name, perm, [api, fn](const json& p) { return fn(*api, p); });
  };
  using P = Permission;
  DevChain& c = chain;

  add("Version", P::Read, [](Api& a, const json&) {
    return json{{"Version", "vseal-devchain+" + a.c_.network_name()},
                {"APIVersion", 131840},
                {"BlockDelay", a.c_.policy().block_delay_secs},
                {"Agent", "vseal-devchain"}};
  });
  add("ChainHead", P::Read, [](Api& a, const json&) { return a.tipset(a.c_.head()); });
  // lotus' ChainNotify: one "current" change, then one "apply" per new block in height order
  // (the dev chain never reorganises, so it sends no "revert").
  table->add_stream("Filecoin.ChainNotify", P::Read, [api](const json&, RpcStreamSink& sink) {
    std::int64_t sent = api->c_.head();
    if (!sink.send(json::array({{{"Type", "current"}, {"Val", api->tipset(sent)}}}))) return;
    while (sink.open()) {
      if (!api->c_.wait_for_head_after(sent, std::chrono::milliseconds(250))) {
        std::this_thread::sleep_for(
            std::chrono::milliseconds(20));  // a stopped chain returns at once
        continue;
      }
      json changes = json::array();
      const std::int64_t head = api->c_.head();
      for (std::int64_t h = sent + 1; h <= head; ++h)
        changes.push_back({{"Type", "apply"}, {"Val", api->tipset(h)}});
      sent = head;
      if (!sink.send(changes)) return;
    }
  });
  add("ChainGetTipSet", P::Read, [](Api& a, const json& p) {
    rpc_param(p, 0, "TipSetKey");
    return a.tipset(a.height(p, 0));
  });
  add("ChainGetTipSetByHeight", P::Read, [](Api& a, const json& p) {
    const auto h = int_from_json(rpc_param(p, 0, "ChainEpoch"), "ChainEpoch");
    const auto at = a.height(p, 1);
    if (h > at)
      throw Error(ErrorCode::BadInput, "looking for tipset with height greater than start point");
    if (h < 0) throw Error(ErrorCode::BadInput, "negative height");
    return a.tipset(h);
  });
  add("ChainGetMessage", P::Read, [](Api& a, const json& p) {
    const auto cid = cid_from_json(rpc_param(p, 0, "Cid"), "Cid");
    const auto msg = a.c_.find_message(cid);
    if (!msg)
      throw Error(ErrorCode::BadInput,
                  "failed to load message " + chain::cid_string(cid) + ": not found");
    return message_json(*msg);
  });
  add("StateNetworkVersion", P::Read,
      [](Api& a, const json&) { return a.c_.policy().network_version; });
  add("StateGetNetworkParams", P::Read, [](Api& a, const json&) {
    const Policy& pol = a.c_.policy();
    json forks = json::object();
    for (const char* f :
         {"UpgradeSmokeHeight",      "UpgradeBreezeHeight",     "UpgradeIgnitionHeight",
          "UpgradeLiftoffHeight",    "UpgradeAssemblyHeight",   "UpgradeRefuelHeight",
          "UpgradeTapeHeight",       "UpgradeKumquatHeight",    "BreezeGasTampingDuration",
          "UpgradeCalicoHeight",     "UpgradePersianHeight",    "UpgradeOrangeHeight",
          "UpgradeClausHeight",      "UpgradeTrustHeight",      "UpgradeNorwegianHeight",
          "UpgradeTurboHeight",      "UpgradeHyperdriveHeight", "UpgradeChocolateHeight",
          "UpgradeOhSnapHeight",     "UpgradeSkyrHeight",       "UpgradeSharkHeight",
          "UpgradeHyggeHeight",      "UpgradeLightningHeight",  "UpgradeThunderHeight",
          "UpgradeWatermelonHeight", "UpgradeDragonHeight",     "UpgradePhoenixHeight",
          "UpgradeWaffleHeight",     "UpgradeTuktukHeight",     "UpgradeTeepHeight",
          "UpgradeTockHeight",       "UpgradeGoldenWeekHeight", "UpgradeFireHorseHeight"})
      forks[f] = -1;
    forks["UpgradeXxHeight"] = 999999999999;
    return json{{"NetworkName", a.c_.network_name()},
                {"BlockDelaySecs", pol.block_delay_secs},
                {"ConsensusMinerMinPower", std::to_string(pol.consensus_miner_min_power)},
                {"PreCommitChallengeDelay", pol.pre_commit_challenge_delay},
                {"ForkUpgradeParams", forks},
                {"Eip155ChainID", pol.eip155_chain_id},
                {"GenesisTimestamp", a.c_.genesis_timestamp()}};
  });
  add("StateLookupID", P::Read, [](Api& a, const json& p) {
    const auto addr = address_from_json(rpc_param(p, 0, "Address"), "Address");
    const auto st = a.c_.parent_state(a.height(p, 1));
    const auto id = st->lookup_id(addr);
    if (!id)
      throw RpcError(11, "resolution lookup failed (" + addr.to_string(chain::Network::Testnet) +
                             "): actor not found");
    return address_json(chain::Address::from_id(*id));
  });
  add("StateAccountKey", P::Read, [](Api& a, const json& p) {
    const auto addr = address_from_json(rpc_param(p, 0, "Address"), "Address");
    const auto st = a.c_.parent_state(a.height(p, 1));
    const auto id = st->lookup_id(addr);
    const Actor* act = id ? st->actor(*id) : nullptr;
    if (!act || act->kind != ActorKind::Account)
      throw Error(ErrorCode::BadInput, "address " + addr.to_string(chain::Network::Testnet) +
                                           " is not an account actor");
    return address_json(*act->key);
  });
  add("StateGetActor", P::Read, [](Api& a, const json& p) {
    const auto addr = address_from_json(rpc_param(p, 0, "Address"), "Address");
    const auto h = a.height(p, 1);
    const auto st = a.c_.parent_state(h);
    const auto id = st->lookup_id(addr);
    if (!id) throw Error(ErrorCode::BadInput, "actor not found");
    const Actor& act = *st->actor(*id);
    return json{{"Code", cid_json(code_cid(act.kind))},
                {"Head", cid_json(derived_cid("actor-" + std::to_string(*id), h - 1))},
                {"Nonce", act.nonce},
                {"Balance", amount_json(act.balance)}};
  });
  add("StateMinerInfo", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 1));
    return a.miner_info(a.miner(*st, rpc_param(p, 0, "Address")));
  });
  add("StateMinerProvingDeadline", P::Read, [](Api& a, const json& p) {
    const auto h = a.height(p, 1);
    const auto st = a.c_.parent_state(h);
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const auto& pol = a.c_.policy();
    return a.deadline_json(
        next_not_elapsed(pol, deadline_info(pol, m.proving_period_start, m.current_deadline, h)));
  });
  add("StateMinerPartitions", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const auto d = uint_from_json(rpc_param(p, 1, "Deadline"), "Deadline");
    if (d >= m.deadlines.size())
      throw Error(ErrorCode::BadInput, "deadline " + std::to_string(d) + " out of range");
    json out = json::array();
    for (const auto& pt : m.deadlines[d].partitions)
      out.push_back({{"AllSectors", pt.sectors.json()},
                     {"FaultySectors", pt.faults.json()},
                     {"RecoveringSectors", pt.recoveries.json()},
                     {"LiveSectors", pt.live().json()},
                     {"ActiveSectors", pt.active().json()}});
    return out;
  });
  add("StateMinerDeadlines", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 1));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    json out = json::array();
    for (const auto& d : m.deadlines)
      out.push_back({{"PostSubmissions", d.posted.json()},
                     {"DisputableProofCount", d.snapshot.size()},
                     {"DailyFee", "0"}});
    return out;
  });
  auto sectors = [](Api& a, const json& p, bool active_only, std::size_t tsk) {
    const auto st = a.c_.parent_state(a.height(p, tsk));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    std::optional<BitField> filter;
    if (!active_only && p.size() > 1 && !p[1].is_null()) filter = BitField::from_json(p[1]);
    BitField active;
    for (const auto& d : m.deadlines)
      for (const auto& pt : d.partitions) active = active.unite(pt.active());
    json out = json::array();
    for (const auto& [n, s] : m.sectors) {
      if (active_only && !active.contains(n)) continue;
      if (filter && !filter->contains(n)) continue;
      out.push_back(a.sector_json(s));
    }
    return out;
  };
  add("StateMinerSectors", P::Read,
      [sectors](Api& a, const json& p) { return sectors(a, p, false, 2); });
  add("StateMinerActiveSectors", P::Read,
      [sectors](Api& a, const json& p) { return sectors(a, p, true, 1); });
  add("StateSectorGetInfo", P::Read, [](Api& a, const json& p) -> json {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const auto it = m.sectors.find(uint_from_json(rpc_param(p, 1, "SectorNumber"), "SectorNumber"));
    if (it == m.sectors.end()) return nullptr;
    return a.sector_json(it->second);
  });
  add("StateSectorPreCommitInfo", P::Read, [](Api& a, const json& p) -> json {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const auto it =
        m.precommits.find(uint_from_json(rpc_param(p, 1, "SectorNumber"), "SectorNumber"));
    if (it == m.precommits.end()) return nullptr;
    return a.precommit_json(it->second);
  });
  add("StateSectorPartition", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const auto n = uint_from_json(rpc_param(p, 1, "SectorNumber"), "SectorNumber");
    for (std::size_t d = 0; d < m.deadlines.size(); ++d)
      for (std::size_t i = 0; i < m.deadlines[d].partitions.size(); ++i)
        if (m.deadlines[d].partitions[i].sectors.contains(n))
          return json{{"Deadline", d}, {"Partition", i}};
    throw Error(ErrorCode::BadInput, "sector " + std::to_string(n) + " not due at any deadline");
  });
  add("StateSectorExpiration", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const auto n = uint_from_json(rpc_param(p, 1, "SectorNumber"), "SectorNumber");
    const auto it = m.sectors.find(n);
    if (it == m.sectors.end())
      throw Error(ErrorCode::BadInput, "sector " + std::to_string(n) + " not found");
    return json{{"OnTime", it->second.expiration}, {"Early", 0}};
  });
  add("StateMinerSectorAllocated", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    return m.allocated.contains(uint_from_json(rpc_param(p, 1, "SectorNumber"), "SectorNumber"));
  });
  add("StateMinerAllocated", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 1));
    return a.miner(*st, rpc_param(p, 0, "Address")).allocated.json();
  });
  auto with_margin = [](const TokenAmount& v) { return TokenAmount(v.value() * 110 / 100); };
  add("StateMinerPreCommitDepositForPower", P::Read, [with_margin](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    return amount_json(with_margin(a.c_.economy().pre_commit_deposit(m.sector_size)));
  });
  add("StateMinerInitialPledgeForSector", P::Read, [with_margin](Api& a, const json& p) {
    const auto size = uint_from_json(rpc_param(p, 1, "SectorSize"), "SectorSize");
    return amount_json(with_margin(a.c_.economy().initial_pledge(size)));
  });
  add("StateMinerInitialPledgeCollateral", P::Read, [with_margin](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 2));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    return amount_json(with_margin(a.c_.economy().initial_pledge(m.sector_size)));
  });
  add("StateMinerCreationDeposit", P::Read, [](Api& a, const json&) {
    return amount_json(a.c_.economy().creation_deposit(a.c_.policy().consensus_miner_min_power));
  });
  add("StateMinerAvailableBalance", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 1));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    const Actor& act = *st->actor(m.id);
    return amount_json(act.balance - m.locked_funds - m.precommit_deposits - m.initial_pledge -
                       m.fee_debt);
  });
  auto union_of = [](Api& a, const json& p, bool recoveries) {
    const auto st = a.c_.parent_state(a.height(p, 1));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    BitField out;
    for (const auto& d : m.deadlines)
      for (const auto& pt : d.partitions) out = out.unite(recoveries ? pt.recoveries : pt.faults);
    return out.json();
  };
  add("StateMinerFaults", P::Read,
      [union_of](Api& a, const json& p) { return union_of(a, p, false); });
  add("StateMinerRecoveries", P::Read,
      [union_of](Api& a, const json& p) { return union_of(a, p, true); });
  add("StateMinerPower", P::Read, [](Api& a, const json& p) {
    const auto st = a.c_.parent_state(a.height(p, 1));
    const Miner& m = a.miner(*st, rpc_param(p, 0, "Address"));
    std::uint64_t total = 0;
    for (const auto& [id, other] : st->miners) total += other.raw_power;
    const auto pw = std::to_string(m.raw_power);
    return json{
        {"MinerPower", {{"RawBytePower", pw}, {"QualityAdjPower", pw}}},
        {"TotalPower",
         {{"RawBytePower", std::to_string(total)}, {"QualityAdjPower", std::to_string(total)}}},
        {"HasMinPower", m.raw_power >= a.c_.policy().consensus_miner_min_power}};
  });
  add("StateGetRandomnessFromTickets", P::Read,
      [](Api& a, const json& p) { return a.randomness(p, false); });
  add("StateGetRandomnessFromBeacon", P::Read,
      [](Api& a, const json& p) { return a.randomness(p, true); });
  add("StateSearchMsg", P::Read, [](Api& a, const json& p) -> json {
    const auto at = a.height(p, 0);
    const auto cid = cid_from_json(rpc_param(p, 1, "Cid"), "Cid");
    const auto l = a.c_.search(cid, at);
    if (!l) return nullptr;
    return a.lookup_json(*l, false);
  });
  add("StateWaitMsg", P::Read, [](Api& a, const json& p) -> json {
    const auto cid = cid_from_json(rpc_param(p, 0, "Cid"), "Cid");
    const auto confidence = uint_from_json(rpc_param(p, 1, "Confidence"), "Confidence");
    if (confidence > 900)
      throw Error(ErrorCode::BadInput, "confidence above the chain finality (900)");
    if (!a.c_.known_message(cid))
      throw Error(ErrorCode::BadInput,
                  "failed to load message " + chain::cid_string(cid) + ": not found");
    while (true) {
      const auto head = a.c_.head();
      const auto l = a.c_.search(cid, head);
      if (l && head - (l->inclusion_height + 1) >= static_cast<std::int64_t>(confidence))
        return a.lookup_json(*l, true);
      if (!a.c_.wait_for_head_after(head, std::chrono::minutes(10)))
        throw Error(ErrorCode::Transient,
                    "dev chain stopped while waiting for " + chain::cid_string(cid));
    }
  });
  add("GasEstimateGasLimit", P::Read, [](Api& a, const json& p) {
    try {
      return json(a.c_.estimate(message_from_json(rpc_param(p, 0, "Message"))).gas_used);
    } catch (const Error& e) {
      throw RpcError(3, e.what());
    }
  });
  add("GasEstimateMessageGas", P::Read, [](Api& a, const json& p) {
    const auto spec = p.size() > 1 ? p[1] : json(nullptr);
    try {
      return message_json(
          a.c_.estimate_message_gas(message_from_json(rpc_param(p, 0, "Message")), spec));
    } catch (const Error& e) {
      throw RpcError(3, e.what());
    }
  });
  add("GasEstimateFeeCap", P::Read,
      [](Api&, const json&) { return json(std::to_string(100 * 2699 / 256 + 100000)); });
  add("GasEstimateGasPremium", P::Read, [](Api&, const json&) { return json("100000"); });
  add("MpoolPushMessage", P::Sign, [](Api& a, const json& p) {
    const auto spec = p.size() > 1 ? p[1] : json(nullptr);
    return signed_message_json(
        a.c_.push_message(message_from_json(rpc_param(p, 0, "Message")), spec));
  });
  add("MpoolPush", P::Write, [](Api& a, const json& p) {
    return cid_json(a.c_.push_signed(signed_message_from_json(rpc_param(p, 0, "SignedMessage"))));
  });
  add("MpoolGetNonce", P::Read, [](Api& a, const json& p) {
    return a.c_.next_nonce(address_from_json(rpc_param(p, 0, "Address"), "Address"));
  });
  add("WalletBalance", P::Read, [](Api& a, const json& p) {
    const auto addr = address_from_json(rpc_param(p, 0, "Address"), "Address");
    const auto st = a.c_.state_after(a.c_.head());
    const auto id = st->lookup_id(addr);
    return amount_json(id ? st->actor(*id)->balance : TokenAmount());
  });
  add("WalletList", P::Write, [](Api& a, const json&) {
    json out = json::array();
    for (const auto& w : a.c_.wallet()) out.push_back(address_json(w));
    return out;
  });
  add("WalletDefaultAddress", P::Write,
      [](Api& a, const json&) { return address_json(a.c_.wallet().at(0)); });
  add("WalletHas", P::Write, [](Api& a, const json& p) {
    const auto addr = address_from_json(rpc_param(p, 0, "Address"), "Address");
    const auto w = a.c_.wallet();
    return std::find(w.begin(), w.end(), addr) != w.end();
  });
  add("StateMarketStorageDeal", P::Read, [](Api&, const json& p) -> json {
    throw Error(ErrorCode::BadInput, "deal " + rpc_param(p, 0, "DealID").dump() +
                                         " not found (the dev chain has no market)");
  });
  add("StateGetAllocationForPendingDeal", P::Read,
      [](Api&, const json&) -> json { return nullptr; });
  add("StateGetAllocation", P::Read, [](Api&, const json&) -> json { return nullptr; });
  add("StateGetAllocationIdForPendingDeal", P::Read, [](Api&, const json&) -> json { return 0; });
  add("StateComputeDataCID", P::Read, [](Api&, const json& p) -> json {
    const auto& deals = rpc_param(p, 2, "DealIDs");
    if (deals.is_null() || deals.empty()) return nullptr;
    throw Error(ErrorCode::BadInput, "the dev chain has no market: deals cannot be resolved");
  });

  // Test controls (admin): a manual clock for deterministic tests.
  table->add("DevChain.MineBlocks", P::Admin, [&c](const json& p) {
    const auto n = uint_from_json(rpc_param(p, 0, "Count"), "Count");
    if (n > 100000) throw Error(ErrorCode::BadInput, "at most 100000 blocks at once");
    c.mine(static_cast<int>(n));
    return json(c.head());
  });
  table->add("DevChain.Pause", P::Admin, [&c](const json&) {
    c.pause();
    return json(nullptr);
  });
  table->add("DevChain.Resume", P::Admin, [&c](const json&) {
    c.resume();
    return json(nullptr);
  });
  table->add("DevChain.AuditLog", P::Admin, [&c](const json&) { return json(c.audit_log()); });
  return table;
}

}  // namespace vseal::coord::devchain

namespace vseal::coord::devchain {
namespace {

Bytes unsigned_cid(const chain::Message& m) {
  return chain::dag_cbor_cid_bytes(chain::message_cbor(m));
}

struct Messager {
  explicit Messager(DevChain& c) : c_(c) {}

  // venus-messager's record of `uid`: what every record carries, then what its state adds.
  json record(const std::string& uid) {
    const auto base = [&uid](const chain::Message& m) {
      json j = message_json(m);
      j.erase("CID");
      j.update({{"ID", uid},
                {"UnsignedCid", cid_json(unsigned_cid(m))},
                {"SignedCid", nullptr},
                {"Signature", nullptr},
                {"Height", 0},
                {"Confidence", 0},
                {"Receipt", nullptr},
                {"TipSetKey", json::array()},
                {"ErrorMsg", ""}});
      return j;
    };
    {
      std::lock_guard lock(mu_);
      const auto f = refused_.find(uid);
      if (f != refused_.end()) {
        json j = base(f->second.first);
        j["State"] = 4;
        j["ErrorMsg"] = f->second.second;
        return j;
      }
    }
    const auto sm = c_.pushed_with_uuid(uid);
    if (!sm) throw Error(ErrorCode::BadInput, "message " + uid + ": record not found");
    json j = base(sm->message);
    j["SignedCid"] = cid_json(sm->cid());
    j["Signature"] = {{"Type", sm->signature_type}, {"Data", bytes_json(sm->signature)}};
    j["State"] = 2;
    const auto head = c_.head();
    if (const auto l = c_.search(sm->cid(), head)) {
      const std::int64_t height = l->inclusion_height + 1;
      j["Height"] = height;
      j["Confidence"] = head - height;
      j["Receipt"] = receipt_json(l->receipt);
      j["State"] = 3;
    }
    return j;
  }

  std::string push(const std::string& uid, const chain::Message& m) {
    if (uid.empty()) throw Error(ErrorCode::BadInput, "PushMessageWithId: empty id");
    try {
      c_.push_message(m, json{{"MsgUuid", uid}});
    } catch (const Error& e) {
      // venus-messager accepts the message and reports the failure on its record.
      std::lock_guard lock(mu_);
      refused_.emplace(uid, std::make_pair(m, std::string(e.what())));
    }
    return uid;
  }

  DevChain& c_;
  std::mutex mu_;
  std::map<std::string, std::pair<chain::Message, std::string>> refused_;
};

std::string uid_param(const json& p) {
  const auto& uid = rpc_param(p, 0, "id");
  if (!uid.is_string()) throw Error(ErrorCode::BadInput, "id: expected a string");
  return uid.get<std::string>();
}

}  // namespace

std::shared_ptr<RpcMethods> make_messager_methods(DevChain& chain) {
  auto m = std::make_shared<Messager>(chain);
  auto table = std::make_shared<RpcMethods>();
  using P = Permission;
  table->add("Message.PushMessageWithId", P::Write, [m](const json& p) {
    return json(m->push(uid_param(p), message_from_json(rpc_param(p, 1, "Message"))));
  });
  table->add("Message.PushMessage", P::Write, [m](const json& p) {
    const auto msg = message_from_json(rpc_param(p, 0, "Message"));
    return json(m->push(chain::cid_string(unsigned_cid(msg)), msg));
  });
  table->add("Message.HasMessageByUid", P::Read, [m](const json& p) {
    const std::string uid = uid_param(p);
    try {
      m->record(uid);
      return json(true);
    } catch (const Error&) {
      return json(false);
    }
  });
  table->add("Message.GetMessageByUid", P::Read,
             [m](const json& p) { return m->record(uid_param(p)); });
  table->add("Message.WaitMessage", P::Read, [m](const json& p) {
    const std::string uid = uid_param(p);
    const auto confidence = uint_from_json(rpc_param(p, 1, "confidence"), "confidence");
    while (true) {
      const auto head = m->c_.head();
      json r = m->record(uid);
      if (r["State"] == 4 || (r["State"] == 3 && r["Confidence"].get<std::int64_t>() >=
                                                     static_cast<std::int64_t>(confidence)))
        return r;
      if (!m->c_.wait_for_head_after(head, std::chrono::minutes(10)))
        throw Error(ErrorCode::Transient, "dev chain stopped while waiting for message " + uid);
    }
  });
  return table;
}

}  // namespace vseal::coord::devchain
