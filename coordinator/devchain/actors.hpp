#pragma once
// Message execution on the dev chain: the VM envelope (sender checks, nonce, gas charge, value
// transfer, atomic abort) and the methods of the power and miner actors with every check and
// exit code of devchain.md §2, plus the per-epoch cron (§2.9). Execution is deterministic:
// the same state, epoch and message give the same receipt and state.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "chain/fake_proofs.hpp"
#include "chain/message.hpp"
#include "devchain/economy.hpp"
#include "devchain/policy.hpp"
#include "devchain/state.hpp"

namespace vseal::coord::devchain {

namespace exit_code {
inline constexpr std::int64_t kOk = 0, kSenderInvalid = 1, kSenderStateInvalid = 2,
                              kInvalidReceiver = 5, kInsufficientFundsSys = 6, kOutOfGas = 7,
                              kIllegalArgument = 16, kNotFound = 17, kForbidden = 18,
                              kInsufficientFunds = 19, kIllegalState = 20, kSerialization = 21,
                              kUnhandledMessage = 22;
}

struct SealCheck {
  std::uint64_t miner = 0, sector = 0;
  std::int64_t seal_proof = 0;
  std::array<std::uint8_t, 32> comm_r{}, comm_d{}, ticket{}, seed{};
  Bytes proof;
};

struct PostCheck {
  std::uint64_t miner = 0;
  std::int64_t post_proof = 0;
  std::array<std::uint8_t, 32> randomness{};  // byte 31 already masked
  std::vector<chain::PoStSectorInfo> sectors;
  Bytes proof;
};

// How proofs are judged: "real" (vseal's Groth16 verifier with the 2KiB keys) or
// "fake-proofs" (the builtin-actors testing bundle's rules, §2.13).
class ProofChecker {
 public:
  virtual ~ProofChecker() = default;
  virtual std::string mode() const = 0;
  virtual bool verify_seal(const SealCheck& c) = 0;
  virtual bool verify_aggregate(const std::vector<SealCheck>& c, const Bytes& aggregate) = 0;
  virtual bool verify_post(const PostCheck& c) = 0;
};

// The fake-proofs PoSt bytes of the check's randomness and sectors (chain/fake_proofs.hpp).
inline Bytes fake_post_proof(const PostCheck& c) {
  return chain::fake_post_proof(c.randomness, c.sectors);
}

struct ExecContext {
  const Policy* policy = nullptr;
  const Economy* economy = nullptr;
  std::int64_t epoch = 0;
  ProofChecker* proofs = nullptr;
  // Digests of the ticket chain and the beacon at an epoch ≤ the executing one (§3.2, §3.3).
  std::function<std::array<std::uint8_t, 32>(std::int64_t)> ticket_digest, beacon_digest;
  std::function<void(const std::string&)> log;  // notable events (auditor findings, gaps)
  TokenAmount base_fee{100};
};

struct Receipt {
  std::int64_t exit_code = 0;
  Bytes ret;
  std::int64_t gas_used = 0;
  std::string error;  // why a non-zero exit happened (the dev chain's log, gas-estimate errors)
};

// The minimum gas any message needs, from its serialized size (§4.4).
std::int64_t minimum_message_gas(std::size_t serialized_size);
// Gas a message uses when it executes (deterministic; ≥ minimum_message_gas).
std::int64_t message_gas(const chain::Message& m);

// Applies a message at ctx.epoch. `check_only` runs it without charging gas (estimation).
Receipt apply_message(ChainState& st, const ExecContext& ctx, const chain::Message& m);
// The cron tick of ctx.epoch: every miner deadline event enrolled for an epoch ≤ it.
void run_cron(ChainState& st, const ExecContext& ctx);

// Creates a funded BLS account (genesis); returns its id.
std::uint64_t create_account(ChainState& st, const Address& key, TokenAmount balance);

// Shared by the actors and the JSON API (StateMinerProvingDeadline).
std::uint64_t sector_power_active(const Miner& m);

}  // namespace vseal::coord::devchain
