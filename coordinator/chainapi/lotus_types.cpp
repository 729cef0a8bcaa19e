// Decoders of the lotus/venus API objects (see lotus_types.hpp).
#include "chainapi/lotus_types.hpp"

#include "base/error.hpp"

namespace vseal::coord::lotus {
namespace {

// A field's JSON value; a missing one is refused with the object's and field's names.
const json& need(const json& j, std::string_view object, const char* key) {
  if (!j.is_object())
    throw Error(ErrorCode::BadInput, std::string(object) + ": expected a JSON object");
  const auto it = j.find(key);
  if (it == j.end())
    throw Error(ErrorCode::BadInput, std::string(object) + "." + key + ": missing");
  return *it;
}

// Absent or null.
const json* maybe(const json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string name(std::string_view object, const char* key) {
  return std::string(object) + "." + key;
}

std::int64_t int_field(const json& j, std::string_view object, const char* key) {
  return int_from_json(need(j, object, key), name(object, key));
}

std::uint64_t uint_field(const json& j, std::string_view object, const char* key) {
  return uint_from_json(need(j, object, key), name(object, key));
}

chain::Address address_field(const json& j, std::string_view object, const char* key) {
  return address_from_json(need(j, object, key), name(object, key));
}

std::optional<chain::Address> optional_address(const json& j, std::string_view object,
                                               const char* key) {
  const json* v = maybe(j, key);
  // lotus writes an undefined address (no pending worker change) as "<empty>".
  if (!v || *v == "<empty>") return std::nullopt;
  return address_from_json(*v, name(object, key));
}

chain::TokenAmount amount_field(const json& j, std::string_view object, const char* key) {
  return amount_from_json(need(j, object, key), name(object, key));
}

chain::BitField bitfield_field(const json& j, std::string_view object, const char* key) {
  const json& v = need(j, object, key);
  try {
    return chain::BitField::from_json(v);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::BadInput, name(object, key) + ": " + e.what());
  }
}

}  // namespace

TipSet tipset_from_json(const json& j) {
  TipSet t;
  t.cids = tipset_key_from_json(need(j, "TipSet", "Cids"), "TipSet.Cids");
  t.height = int_field(j, "TipSet", "Height");
  const json& blocks = need(j, "TipSet", "Blocks");
  if (!blocks.is_array()) throw Error(ErrorCode::BadInput, "TipSet.Blocks: expected an array");
  for (const auto& b : blocks) {
    t.miners.push_back(address_field(b, "BlockHeader", "Miner"));
    if (t.parents.empty()) {
      t.parents = tipset_key_from_json(need(b, "BlockHeader", "Parents"), "BlockHeader.Parents");
      t.parent_weight = amount_field(b, "BlockHeader", "ParentWeight");
      t.timestamp = uint_field(b, "BlockHeader", "Timestamp");
    }
  }
  return t;
}

HeadChange head_change_from_json(const json& j) {
  const json& type = need(j, "HeadChange", "Type");
  if (!type.is_string()) throw Error(ErrorCode::BadInput, "HeadChange.Type: expected a string");
  return {type.get<std::string>(), tipset_from_json(need(j, "HeadChange", "Val"))};
}

NetworkParams network_params_from_json(const json& j) {
  NetworkParams p;
  const json& n = need(j, "NetworkParams", "NetworkName");
  if (!n.is_string())
    throw Error(ErrorCode::BadInput, "NetworkParams.NetworkName: expected a string");
  p.name = n.get<std::string>();
  p.block_delay_secs = uint_field(j, "NetworkParams", "BlockDelaySecs");
  p.pre_commit_challenge_delay = int_field(j, "NetworkParams", "PreCommitChallengeDelay");
  return p;
}

MinerInfo miner_info_from_json(const json& j) {
  constexpr std::string_view o = "MinerInfo";
  MinerInfo m;
  m.owner = address_field(j, o, "Owner");
  m.worker = address_field(j, o, "Worker");
  if (const json* c = maybe(j, "ControlAddresses")) {
    if (!c->is_array())
      throw Error(ErrorCode::BadInput, "MinerInfo.ControlAddresses: expected an array");
    for (const auto& a : *c)
      m.control.push_back(address_from_json(a, "MinerInfo.ControlAddresses"));
  }
  m.new_worker = optional_address(j, o, "NewWorker");
  m.pending_owner = optional_address(j, o, "PendingOwnerAddress");
  m.beneficiary = optional_address(j, o, "Beneficiary");
  m.worker_change_epoch = int_field(j, o, "WorkerChangeEpoch");
  if (const json* p = maybe(j, "PeerId")) {
    if (!p->is_string()) throw Error(ErrorCode::BadInput, "MinerInfo.PeerId: expected a string");
    m.peer_id = p->get<std::string>();
  }
  if (const json* a = maybe(j, "Multiaddrs")) {
    if (!a->is_array()) throw Error(ErrorCode::BadInput, "MinerInfo.Multiaddrs: expected an array");
    for (const auto& b : *a) m.multiaddrs.push_back(bytes_from_json(b, "MinerInfo.Multiaddrs"));
  }
  m.window_post_proof_type = int_field(j, o, "WindowPoStProofType");
  m.sector_size = uint_field(j, o, "SectorSize");
  m.window_post_partition_sectors = uint_field(j, o, "WindowPoStPartitionSectors");
  m.consensus_fault_elapsed = int_field(j, o, "ConsensusFaultElapsed");
  return m;
}

DeadlineInfo deadline_info_from_json(const json& j) {
  constexpr std::string_view o = "DeadlineInfo";
  DeadlineInfo d;
  d.current_epoch = int_field(j, o, "CurrentEpoch");
  d.period_start = int_field(j, o, "PeriodStart");
  d.index = uint_field(j, o, "Index");
  d.open = int_field(j, o, "Open");
  d.close = int_field(j, o, "Close");
  d.challenge = int_field(j, o, "Challenge");
  d.fault_cutoff = int_field(j, o, "FaultCutoff");
  d.period_deadlines = uint_field(j, o, "WPoStPeriodDeadlines");
  d.proving_period = int_field(j, o, "WPoStProvingPeriod");
  d.challenge_window = int_field(j, o, "WPoStChallengeWindow");
  d.challenge_lookback = int_field(j, o, "WPoStChallengeLookback");
  d.fault_declaration_cutoff = int_field(j, o, "FaultDeclarationCutoff");
  return d;
}

Partition partition_from_json(const json& j) {
  constexpr std::string_view o = "Partition";
  return {bitfield_field(j, o, "AllSectors"), bitfield_field(j, o, "FaultySectors"),
          bitfield_field(j, o, "RecoveringSectors"), bitfield_field(j, o, "LiveSectors"),
          bitfield_field(j, o, "ActiveSectors")};
}

DeadlineState deadline_state_from_json(const json& j) {
  constexpr std::string_view o = "Deadline";
  DeadlineState d;
  d.post_submissions = bitfield_field(j, o, "PostSubmissions");
  if (maybe(j, "DisputableProofCount"))
    d.disputable_proofs = uint_field(j, o, "DisputableProofCount");
  return d;
}

MinerPower miner_power_from_json(const json& j) {
  constexpr std::string_view o = "MinerPower";
  const json& claim = need(j, "StatePowerResult", "MinerPower");
  MinerPower p;
  p.raw = amount_field(claim, o, "RawBytePower");
  p.qa = amount_field(claim, o, "QualityAdjPower");
  if (const json* h = maybe(j, "HasMinPower")) {
    if (!h->is_boolean())
      throw Error(ErrorCode::BadInput, "StatePowerResult.HasMinPower: expected true or false");
    p.has_min_power = h->get<bool>();
  }
  return p;
}

PreCommitOnChain precommit_on_chain_from_json(const json& j) {
  constexpr std::string_view o = "SectorPreCommitOnChainInfo";
  constexpr std::string_view io = "SectorPreCommitInfo";
  PreCommitOnChain p;
  const json& info = need(j, o, "Info");
  p.info.seal_proof = int_field(info, io, "SealProof");
  p.info.sector_number = uint_field(info, io, "SectorNumber");
  p.info.sealed_cid = cid_from_json(need(info, io, "SealedCID"), "SectorPreCommitInfo.SealedCID");
  p.info.seal_rand_epoch = int_field(info, io, "SealRandEpoch");
  if (const json* deals = maybe(info, "DealIDs")) {
    if (!deals->is_array())
      throw Error(ErrorCode::BadInput, "SectorPreCommitInfo.DealIDs: expected an array");
    for (const auto& d : *deals) p.info.deal_ids.push_back(uint_from_json(d, "DealIDs"));
  }
  p.info.expiration = int_field(info, io, "Expiration");
  if (const json* u = maybe(info, "UnsealedCid"))
    p.info.unsealed_cid = cid_from_json(*u, "SectorPreCommitInfo.UnsealedCid");
  p.deposit = amount_field(j, o, "PreCommitDeposit");
  p.epoch = int_field(j, o, "PreCommitEpoch");
  return p;
}

SectorOnChain sector_on_chain_from_json(const json& j) {
  constexpr std::string_view o = "SectorOnChainInfo";
  SectorOnChain s;
  s.number = uint_field(j, o, "SectorNumber");
  s.seal_proof = int_field(j, o, "SealProof");
  s.sealed_cid = cid_from_json(need(j, o, "SealedCID"), "SectorOnChainInfo.SealedCID");
  s.activation = int_field(j, o, "Activation");
  s.expiration = int_field(j, o, "Expiration");
  s.deal_weight = amount_field(j, o, "DealWeight");
  s.verified_deal_weight = amount_field(j, o, "VerifiedDealWeight");
  s.initial_pledge = amount_field(j, o, "InitialPledge");
  if (const json* k = maybe(j, "SectorKeyCID"))
    s.sector_key_cid = cid_from_json(*k, "SectorOnChainInfo.SectorKeyCID");
  return s;
}

Receipt receipt_from_json(const json& j) {
  Receipt r;
  r.exit_code = int_field(j, "Receipt", "ExitCode");
  r.ret = bytes_from_json(j.value("Return", json(nullptr)), "Receipt.Return");
  r.gas_used = int_field(j, "Receipt", "GasUsed");
  return r;
}

MsgLookup msg_lookup_from_json(const json& j) {
  MsgLookup l;
  l.message = cid_from_json(need(j, "MsgLookup", "Message"), "MsgLookup.Message");
  l.receipt = receipt_from_json(need(j, "MsgLookup", "Receipt"));
  l.return_dec = j.value("ReturnDec", json(nullptr));
  l.tipset = tipset_key_from_json(need(j, "MsgLookup", "TipSet"), "MsgLookup.TipSet");
  l.height = int_field(j, "MsgLookup", "Height");
  return l;
}

MessagerMessage messager_message_from_json(const json& j) {
  constexpr std::string_view o = "messager Message";
  MessagerMessage m;
  const json& id = need(j, o, "ID");
  if (!id.is_string()) throw Error(ErrorCode::BadInput, "messager Message.ID: expected a string");
  m.id = id.get<std::string>();
  m.unsigned_cid = cid_from_json(need(j, o, "UnsignedCid"), "messager Message.UnsignedCid");
  if (const json* s = maybe(j, "SignedCid"))
    m.signed_cid = cid_from_json(*s, "messager Message.SignedCid");
  m.message = message_from_json(j);  // the unsigned message's fields sit at the top level
  m.height = int_field(j, o, "Height");
  m.confidence = int_field(j, o, "Confidence");
  if (const json* r = maybe(j, "Receipt")) m.receipt = receipt_from_json(*r);
  if (const json* t = maybe(j, "TipSetKey"))
    m.tipset = tipset_key_from_json(*t, "messager Message.TipSetKey");
  m.state = static_cast<int>(int_field(j, o, "State"));
  if (const json* e = maybe(j, "ErrorMsg")) {
    if (!e->is_string())
      throw Error(ErrorCode::BadInput, "messager Message.ErrorMsg: expected a string");
    m.error = e->get<std::string>();
  }
  return m;
}

}  // namespace vseal::coord::lotus
