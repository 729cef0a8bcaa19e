#pragma once
// The dev chain itself (devchain.md §0, §3, §4): one block per epoch from a built-in producer,
// the state after every tipset kept so a query at head h reads the parent state S(h-1), the
// message pool with lotus' push/nonce/inclusion rules, receipts found at the execution tipset
// (inclusion height + 1), gas estimation by executing at the head, and deterministic ticket and
// beacon randomness. Blocks (their messages and timestamps) are appended to a SQLite file; on
// start the chain is rebuilt by re-executing them, so a restarted vcoord finds the same chain
// its state refers to.
#include <array>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "chainapi/lotus_json.hpp"
#include "devchain/actors.hpp"
#include "devchain/economy.hpp"
#include "devchain/policy.hpp"
#include "devchain/state.hpp"

namespace vseal::coord {
class Database;
}

namespace vseal::coord::devchain {

struct DevChainConfig {
  std::string profile = "2k";
  std::string proof_mode = "fake-proofs";  // or "real"
  std::filesystem::path param_cache;       // real mode: where the 2KiB verifying keys are
  std::array<std::uint8_t, 32> seed{};     // ticket chain seed S
  unsigned accounts = 3;                   // funded genesis accounts t0100, t0101, ...
  std::chrono::milliseconds block_time{1000};
  std::filesystem::path data_dir;  // blocks.db; empty = in memory only
};

struct BlockRecord {
  std::int64_t height = 0;
  std::int64_t timestamp = 0;
  std::vector<lotus::SignedMessage> messages;
  Bytes cid;
  Bytes parent;
};

struct MessageLookup {
  Bytes cid;
  std::int64_t inclusion_height = 0;  // the execution tipset is inclusion + 1
  Receipt receipt;
  chain::Message message;
};

class DevChain {
 public:
  explicit DevChain(DevChainConfig config);
  ~DevChain();
  DevChain(const DevChain&) = delete;
  DevChain& operator=(const DevChain&) = delete;

  // The block producer thread; blocks come every block_time until stop() or pause().
  void start();
  void stop();
  void pause();
  void resume();
  // Produces n blocks now (tests, DevChain.MineBlocks).
  void mine(int n);

  const Policy& policy() const { return policy_; }
  const Economy& economy() const { return economy_; }
  const DevChainConfig& config() const { return config_; }
  std::string network_name() const;
  std::int64_t genesis_timestamp() const;

  std::int64_t head() const;
  // The block at height h (≤ head); nullopt beyond.
  std::optional<BlockRecord> block(std::int64_t h) const;
  std::optional<std::int64_t> height_of(const Bytes& tipset_cid) const;
  // The state every query at tipset height h reads: S(h-1).
  std::shared_ptr<const ChainState> parent_state(std::int64_t h) const;
  // S(h): the state after tipset h (gas estimation runs on the head's).
  std::shared_ptr<const ChainState> state_after(std::int64_t h) const;

  std::array<std::uint8_t, 32> ticket_digest(std::int64_t epoch) const;
  std::array<std::uint8_t, 32> beacon_digest(std::int64_t epoch) const;
  Bytes vrf_proof(std::int64_t height) const;
  Bytes beacon_data(std::int64_t round) const;

  // Wallet: the genesis accounts' key addresses and IDs.
  std::vector<chain::Address> wallet() const;

  // MpoolPushMessage (§4.2): estimates gas, assigns the nonce, signs, pushes; a MsgUuid seen
  // before returns the message signed then.
  lotus::SignedMessage push_message(chain::Message m, const lotus::json& spec);
  // MpoolPush (§4.3).
  Bytes push_signed(const lotus::SignedMessage& m);
  std::uint64_t next_nonce(const chain::Address& a) const;
  // Executes m on S(head) with curr_epoch = head after the sender's pending messages; a
  // non-zero exit is Error{BadInput} with the exit code in the message (lotus' behaviour).
  Receipt estimate(const chain::Message& m) const;
  chain::Message estimate_message_gas(chain::Message m, const lotus::json& spec) const;

  // The lookup of a message once its execution tipset exists at or below `at_height`.
  std::optional<MessageLookup> search(const Bytes& cid, std::int64_t at_height) const;
  bool known_message(const Bytes& cid) const;
  // The message pushed with this MsgUuid (MpoolPushMessage), if any.
  std::optional<lotus::SignedMessage> pushed_with_uuid(const std::string& uuid) const;
  std::optional<chain::Message> find_message(const Bytes& cid) const;
  // Blocks until the head changes or `timeout` passes; false on timeout or stop.
  bool wait_for_head_after(std::int64_t height, std::chrono::milliseconds timeout) const;

  std::vector<std::string> audit_log() const;

 private:
  void produce_locked(std::int64_t timestamp);
  void execute_block_locked(const BlockRecord& b);
  void persist_block(const BlockRecord& b);
  void remember_pushed(const lotus::SignedMessage& sm, const std::string& uuid);
  void log(const std::string& line);
  ExecContext context(std::int64_t epoch) const;
  void run_clock();

  DevChainConfig config_;
  Policy policy_;
  Economy economy_;
  std::unique_ptr<ProofChecker> proofs_;
  std::unique_ptr<Database> db_;
  std::int64_t genesis_ts_ = 0;

  mutable std::mutex mu_;
  mutable std::condition_variable head_cv_;
  std::vector<BlockRecord> blocks_;                        // index = height
  std::vector<std::shared_ptr<const ChainState>> states_;  // index = height: S(h)
  std::map<Bytes, std::int64_t, BytesLess> tipset_heights_;
  std::map<Bytes, MessageLookup, BytesLess> executed_;
  std::map<std::uint64_t, std::map<std::uint64_t, lotus::SignedMessage>>
      pending_;  // sender id -> nonce -> msg
  std::map<std::string, lotus::SignedMessage> uuids_;
  std::vector<std::string> audit_;
  bool paused_ = false, stopping_ = false, replaying_ = false;
  std::thread clock_;
  std::condition_variable clock_cv_;
};

std::unique_ptr<ProofChecker> make_proof_checker(const DevChainConfig& config);

}  // namespace vseal::coord::devchain
