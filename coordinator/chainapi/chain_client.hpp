#pragma once
// vcoord's view of a lotus/venus full node: the Filecoin.* calls of coordinator.md §5.1 that
// the sector pipeline and the CLI make, typed, over one JSON-RPC connection. Node errors come
// back as RpcError (the node answered) or Error{Transient} (it could not be reached); callers
// retry the latter and report the former.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "chain/actor_params.hpp"
#include "chainapi/lotus_json.hpp"
#include "chainapi/lotus_types.hpp"
#include "rpc/rpc_client.hpp"

namespace vseal::coord {

struct ChainHead {
  std::int64_t height = 0;
  lotus::json key;  // the tipset key, passed back to pin later calls to this tipset
};

struct PushedMessage {
  std::string cid;  // the CID the node gives (of the message as it signed it)
  std::uint64_t nonce = 0;
};

struct MessageOutcome {
  std::int64_t exit_code = 0;
  std::int64_t height = 0;  // execution tipset
  chain::Bytes ret;
  lotus::json return_dec;
};

class ChainClient {
 public:
  explicit ChainClient(std::unique_ptr<RpcClient> rpc);

  ChainHead head();
  lotus::json network_params();
  lotus::MinerInfo miner_info(const chain::Address& miner);
  // At the head, or at `tipset` (a key from head()).
  lotus::DeadlineInfo proving_deadline(const chain::Address& miner,
                                       const lotus::json& tipset = nullptr);
  std::vector<lotus::Partition> partitions(const chain::Address& miner, std::uint64_t deadline,
                                           const lotus::json& tipset = nullptr);
  std::vector<lotus::DeadlineState> deadlines(const chain::Address& miner);
  lotus::MinerPower power(const chain::Address& miner);
  chain::BitField faults(const chain::Address& miner);
  chain::BitField recoveries(const chain::Address& miner);
  chain::BitField allocated(const chain::Address& miner);
  std::array<std::uint8_t, 32> randomness(bool beacon, std::int64_t dst, std::int64_t epoch,
                                          const chain::Bytes& entropy, const lotus::json& tipset);
  std::optional<lotus::PreCommitOnChain> precommit_info(const chain::Address& miner,
                                                        std::uint64_t number);
  std::optional<lotus::SectorOnChain> sector_info(const chain::Address& miner,
                                                  std::uint64_t number);
  // StateMinerSectors with a filter: the on-chain info of those sectors that exist.
  std::vector<lotus::SectorOnChain> sectors(const chain::Address& miner,
                                            const chain::BitField& filter);
  chain::TokenAmount precommit_deposit(const chain::Address& miner,
                                       const chain::SectorPreCommitInfo& info);
  chain::TokenAmount creation_deposit();
  chain::Address lookup_id(const chain::Address& a);
  chain::TokenAmount balance(const chain::Address& a);
  std::vector<chain::Address> wallet_list();
  // MpoolPushMessage with MsgUuid = uid (a node that saw the uid returns the same message).
  PushedMessage push(const chain::Message& m, const std::string& uid,
                     const chain::TokenAmount& max_fee);
  // StateSearchMsg at the head: nullopt until the execution tipset exists.
  std::optional<MessageOutcome> search(const std::string& cid);
  MessageOutcome wait(const std::string& cid, std::uint64_t confidence);

  RpcClient& rpc() { return *rpc_; }

 private:
  std::unique_ptr<RpcClient> rpc_;
};

// Where a node's API is and the token to use: [Chain] Api/Token, or the built-in dev chain's
// <home>/devchain/api and token files written by a running daemon.
std::unique_ptr<ChainClient> connect_chain(const std::string& api, const std::string& token);

}  // namespace vseal::coord
