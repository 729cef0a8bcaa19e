#include "chainapi/chain_client.hpp"

#include "base/error.hpp"
#include "chain/commitment_cid.hpp"

namespace vseal::coord {

using lotus::json;

namespace {
chain::BitField bitfield_answer(const json& r, const char* method) {
  try {
    return chain::BitField::from_json(r);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::BadInput, std::string(method) + ": " + e.what());
  }
}
}  // namespace

ChainClient::ChainClient(std::unique_ptr<RpcClient> rpc) : rpc_(std::move(rpc)) {}

std::unique_ptr<ChainClient> connect_chain(const std::string& api, const std::string& token) {
  return std::make_unique<ChainClient>(
      std::make_unique<RpcClient>(RpcEndpoint::parse(api, "/rpc/v1"), token));
}

ChainHead ChainClient::head() {
  const auto ts = rpc_->call("Filecoin.ChainHead");
  const auto t = lotus::tipset_from_json(ts);
  return {t.height, lotus::tipset_key_json(t.cids)};
}

json ChainClient::network_params() {
  return rpc_->call("Filecoin.StateGetNetworkParams");
}

lotus::MinerInfo ChainClient::miner_info(const chain::Address& miner) {
  return lotus::miner_info_from_json(
      rpc_->call("Filecoin.StateMinerInfo", json::array({lotus::address_json(miner), nullptr})));
}

lotus::DeadlineInfo ChainClient::proving_deadline(const chain::Address& miner, const json& tipset) {
  return lotus::deadline_info_from_json(rpc_->call(
      "Filecoin.StateMinerProvingDeadline", json::array({lotus::address_json(miner), tipset})));
}

std::vector<lotus::Partition> ChainClient::partitions(const chain::Address& miner,
                                                      std::uint64_t deadline, const json& tipset) {
  const auto r = rpc_->call("Filecoin.StateMinerPartitions",
                            json::array({lotus::address_json(miner), deadline, tipset}));
  if (!r.is_array()) throw Error(ErrorCode::BadInput, "StateMinerPartitions: expected an array");
  std::vector<lotus::Partition> out;
  for (const auto& p : r) out.push_back(lotus::partition_from_json(p));
  return out;
}

std::vector<lotus::DeadlineState> ChainClient::deadlines(const chain::Address& miner) {
  const auto r = rpc_->call("Filecoin.StateMinerDeadlines",
                            json::array({lotus::address_json(miner), nullptr}));
  if (!r.is_array()) throw Error(ErrorCode::BadInput, "StateMinerDeadlines: expected an array");
  std::vector<lotus::DeadlineState> out;
  for (const auto& d : r) out.push_back(lotus::deadline_state_from_json(d));
  return out;
}

lotus::MinerPower ChainClient::power(const chain::Address& miner) {
  return lotus::miner_power_from_json(
      rpc_->call("Filecoin.StateMinerPower", json::array({lotus::address_json(miner), nullptr})));
}

chain::BitField ChainClient::faults(const chain::Address& miner) {
  return bitfield_answer(
      rpc_->call("Filecoin.StateMinerFaults", json::array({lotus::address_json(miner), nullptr})),
      "StateMinerFaults");
}

chain::BitField ChainClient::recoveries(const chain::Address& miner) {
  return bitfield_answer(rpc_->call("Filecoin.StateMinerRecoveries",
                                    json::array({lotus::address_json(miner), nullptr})),
                         "StateMinerRecoveries");
}

chain::BitField ChainClient::allocated(const chain::Address& miner) {
  return bitfield_answer(rpc_->call("Filecoin.StateMinerAllocated",
                                    json::array({lotus::address_json(miner), nullptr})),
                         "StateMinerAllocated");
}

std::array<std::uint8_t, 32> ChainClient::randomness(bool beacon, std::int64_t dst,
                                                     std::int64_t epoch,
                                                     const chain::Bytes& entropy,
                                                     const json& tipset) {
  const auto r = rpc_->call(
      beacon ? "Filecoin.StateGetRandomnessFromBeacon" : "Filecoin.StateGetRandomnessFromTickets",
      json::array(
          {dst, epoch, entropy.empty() ? json(nullptr) : lotus::bytes_json(entropy), tipset}));
  const auto bytes = lotus::bytes_from_json(r, "randomness");
  if (bytes.size() != 32)
    throw Error(ErrorCode::BadInput, "node returned randomness that is not 32 bytes");
  std::array<std::uint8_t, 32> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

std::optional<lotus::PreCommitOnChain> ChainClient::precommit_info(const chain::Address& miner,
                                                                   std::uint64_t number) {
  const auto r = rpc_->call("Filecoin.StateSectorPreCommitInfo",
                            json::array({lotus::address_json(miner), number, nullptr}));
  if (r.is_null()) return std::nullopt;
  return lotus::precommit_on_chain_from_json(r);
}

std::optional<lotus::SectorOnChain> ChainClient::sector_info(const chain::Address& miner,
                                                             std::uint64_t number) {
  const auto r = rpc_->call("Filecoin.StateSectorGetInfo",
                            json::array({lotus::address_json(miner), number, nullptr}));
  if (r.is_null()) return std::nullopt;
  return lotus::sector_on_chain_from_json(r);
}

std::vector<lotus::SectorOnChain> ChainClient::sectors(const chain::Address& miner,
                                                       const chain::BitField& filter) {
  const auto r = rpc_->call("Filecoin.StateMinerSectors",
                            json::array({lotus::address_json(miner), filter.json(), nullptr}));
  std::vector<lotus::SectorOnChain> out;
  if (r.is_null()) return out;  // lotus answers null for no sectors
  if (!r.is_array()) throw Error(ErrorCode::BadInput, "StateMinerSectors: expected an array");
  for (const auto& s : r) out.push_back(lotus::sector_on_chain_from_json(s));
  return out;
}

chain::TokenAmount ChainClient::precommit_deposit(const chain::Address& miner,
                                                  const chain::SectorPreCommitInfo& i) {
  const json info = {
      {"SealProof", i.seal_proof},
      {"SectorNumber", i.sector_number},
      {"SealedCID", lotus::cid_json(i.sealed_cid)},
      {"SealRandEpoch", i.seal_rand_epoch},
      {"DealIDs", json::array()},
      {"Expiration", i.expiration},
      {"UnsealedCid", i.unsealed_cid ? lotus::cid_json(*i.unsealed_cid) : json(nullptr)}};
  return lotus::amount_from_json(
      rpc_->call("Filecoin.StateMinerPreCommitDepositForPower",
                 json::array({lotus::address_json(miner), info, nullptr})),
      "StateMinerPreCommitDepositForPower");
}

chain::TokenAmount ChainClient::creation_deposit() {
  return lotus::amount_from_json(
      rpc_->call("Filecoin.StateMinerCreationDeposit", json::array({nullptr})),
      "StateMinerCreationDeposit");
}

chain::Address ChainClient::lookup_id(const chain::Address& a) {
  return lotus::address_from_json(
      rpc_->call("Filecoin.StateLookupID", json::array({lotus::address_json(a), nullptr})),
      "StateLookupID");
}

chain::TokenAmount ChainClient::balance(const chain::Address& a) {
  return lotus::amount_from_json(
      rpc_->call("Filecoin.WalletBalance", json::array({lotus::address_json(a)})), "WalletBalance");
}

std::vector<chain::Address> ChainClient::wallet_list() {
  std::vector<chain::Address> out;
  for (const auto& a : rpc_->call("Filecoin.WalletList"))
    out.push_back(lotus::address_from_json(a, "WalletList"));
  return out;
}

PushedMessage ChainClient::push(const chain::Message& m, const std::string& uid,
                                const chain::TokenAmount& max_fee) {
  json msg = lotus::message_json(m);
  msg.erase("CID");
  const json spec = {{"MaxFee", max_fee.to_string()}, {"MsgUuid", uid}, {"MaximizeFeeCap", false}};
  const auto r = rpc_->call("Filecoin.MpoolPushMessage", json::array({msg, spec}));
  const auto cid = lotus::cid_from_json(r.at("CID"), "SignedMessage.CID");
  return {chain::cid_string(cid), lotus::uint_from_json(r.at("Message").at("Nonce"), "Nonce")};
}

namespace {
MessageOutcome outcome_of(const lotus::MsgLookup& l) {
  return {l.receipt.exit_code, l.height, l.receipt.ret, l.return_dec};
}
}  // namespace

std::optional<MessageOutcome> ChainClient::search(const std::string& cid) {
  const auto r =
      rpc_->call("Filecoin.StateSearchMsg", json::array({nullptr, json{{"/", cid}}, -1, true}));
  if (r.is_null()) return std::nullopt;
  return outcome_of(lotus::msg_lookup_from_json(r));
}

MessageOutcome ChainClient::wait(const std::string& cid, std::uint64_t confidence) {
  return outcome_of(lotus::msg_lookup_from_json(rpc_->call_with_timeout(
      "Filecoin.StateWaitMsg", json::array({json{{"/", cid}}, confidence, -1, true}),
      std::chrono::minutes(10))));
}

}  // namespace vseal::coord
