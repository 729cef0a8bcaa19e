#pragma once
// The lotus/venus API objects vcoord reads, decoded from their JSON forms (chain-api.json):
// tipsets and head changes, miner info, proving deadlines, partitions, on-chain sectors and
// pre-commits, message lookups and receipts, and venus-messager's message records. Each
// decoder takes the fields vcoord or an operator needs, checks their types, and names the
// object and field it rejects (Error{BadInput}); fields it does not use are left alone, so a
// newer node adding fields still decodes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/actor_params.hpp"
#include "chainapi/lotus_json.hpp"

namespace vseal::coord::lotus {

struct TipSet {
  std::vector<Bytes> cids;  // the key
  std::int64_t height = 0;
  std::vector<chain::Address> miners;  // of its blocks
  std::vector<Bytes> parents;
  chain::TokenAmount parent_weight;
  std::uint64_t timestamp = 0;
};
TipSet tipset_from_json(const json& j);

// ChainNotify's element: {Type: "current" | "apply" | "revert", Val: TipSet}.
struct HeadChange {
  std::string type;
  TipSet tipset;
};
HeadChange head_change_from_json(const json& j);

// StateGetNetworkParams: the network's name and the constants vcoord reads from the node
// instead of assuming them.
struct NetworkParams {
  std::string name;
  std::uint64_t block_delay_secs = 0;
  std::int64_t pre_commit_challenge_delay = 0;
};
NetworkParams network_params_from_json(const json& j);

struct MinerInfo {
  chain::Address owner = chain::Address::from_id(0), worker = chain::Address::from_id(0);
  std::vector<chain::Address> control;
  std::optional<chain::Address> new_worker, pending_owner, beneficiary;
  std::int64_t worker_change_epoch = -1;
  std::optional<std::string> peer_id;
  std::vector<Bytes> multiaddrs;
  std::int64_t window_post_proof_type = 0;
  std::uint64_t sector_size = 0, window_post_partition_sectors = 0;
  std::int64_t consensus_fault_elapsed = 0;
};
MinerInfo miner_info_from_json(const json& j);

// dline.Info: the miner's current (or next) WindowPoSt deadline.
struct DeadlineInfo {
  std::int64_t current_epoch = 0, period_start = 0, open = 0, close = 0, challenge = 0,
               fault_cutoff = 0;
  std::uint64_t index = 0, period_deadlines = 0;
  std::int64_t proving_period = 0, challenge_window = 0, challenge_lookback = 0,
               fault_declaration_cutoff = 0;
};
DeadlineInfo deadline_info_from_json(const json& j);

struct Partition {
  chain::BitField all, faulty, recovering, live, active;
};
Partition partition_from_json(const json& j);

// StateMinerDeadlines' element: the partitions proven in the deadline's current window.
struct DeadlineState {
  chain::BitField post_submissions;
  std::uint64_t disputable_proofs = 0;
};
DeadlineState deadline_state_from_json(const json& j);

// StateMinerPower: the miner's raw-byte and quality-adjusted power (bytes, as decimal text on
// the wire) and whether it meets the consensus minimum.
struct MinerPower {
  chain::TokenAmount raw, qa;  // exact big integers; not token amounts, the same encoding
  bool has_min_power = false;
};
MinerPower miner_power_from_json(const json& j);

struct PreCommitOnChain {
  chain::SectorPreCommitInfo info;
  chain::TokenAmount deposit;
  std::int64_t epoch = 0;
};
PreCommitOnChain precommit_on_chain_from_json(const json& j);

struct SectorOnChain {
  std::uint64_t number = 0;
  std::int64_t seal_proof = 0;
  Bytes sealed_cid;
  std::int64_t activation = 0, expiration = 0;
  chain::TokenAmount deal_weight, verified_deal_weight, initial_pledge;
  std::optional<Bytes> sector_key_cid;  // set once the sector was updated (SnapDeals)
};
SectorOnChain sector_on_chain_from_json(const json& j);

struct Receipt {
  std::int64_t exit_code = 0;
  Bytes ret;
  std::int64_t gas_used = 0;
};
Receipt receipt_from_json(const json& j);

// MsgLookup (StateSearchMsg / StateWaitMsg).
struct MsgLookup {
  Bytes message;  // the CID of the message that was executed (may differ from the pushed one)
  Receipt receipt;
  json return_dec;
  std::vector<Bytes> tipset;
  std::int64_t height = 0;
};
MsgLookup msg_lookup_from_json(const json& j);

// venus-messager's record of a message pushed with a uid. State: 0 unknown, 1 unfilled (no
// nonce yet), 2 filled (signed, in the mpool), 3 on chain, 4 failed, 5 replaced, 6 no wallet.
struct MessagerMessage {
  std::string id;
  Bytes unsigned_cid;
  std::optional<Bytes> signed_cid;
  chain::Message message;
  std::int64_t height = 0, confidence = 0;
  std::optional<Receipt> receipt;
  std::vector<Bytes> tipset;
  int state = 0;
  std::string error;
};
inline constexpr int kMessagerOnChain = 3, kMessagerFailed = 4, kMessagerReplaced = 5,
                     kMessagerNoWallet = 6;
MessagerMessage messager_message_from_json(const json& j);

}  // namespace vseal::coord::lotus
