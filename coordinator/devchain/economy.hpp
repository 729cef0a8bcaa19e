#pragma once
// The frozen economy of the dev chain (devchain.md §5.4): the builtin-actors formulas for
// expected block reward, pre-commit deposit, initial pledge, fault fee and daily fee, with the
// reward and network-power estimates fixed (velocity 0), so every value is exact and
// reproducible. Intermediate products exceed 128 bits and use Boost.Multiprecision.
#include <cstdint>

#include "chain/token_amount.hpp"

namespace vseal::coord::devchain {

struct Economy {
  // Per-epoch reward estimate R, network QA power estimate Q (= baseline B) and circulating
  // supply CS: the constants devchain.md §5.4 suggests (close to mainnet ratios).
  chain::TokenAmount reward_per_epoch = chain::TokenAmount::fil(20);
  chain::TokenAmount::i128 network_qa_power = chain::TokenAmount::i128{1} << 64;
  chain::TokenAmount circulating_supply = chain::TokenAmount::fil(600'000'000);

  // BR(qa, T) = floor(qa * floor(R * T * 2^128 / Q) / 2^128).
  chain::TokenAmount expected_reward(std::uint64_t qa, std::int64_t epochs) const;
  // max(1, BR(10 * sector size, 20 days)), one value per message (§2.2).
  chain::TokenAmount pre_commit_deposit(std::uint64_t sector_size) const;
  // IP(qa) with the FIP-0081 ramp finished (γ = 700), capped at floor(10^18 / 2^35) * qa.
  chain::TokenAmount initial_pledge(std::uint64_t qa) const;
  // IP(ConsensusMinerMinPower / 10).
  chain::TokenAmount creation_deposit(std::uint64_t consensus_min_power) const;
  chain::TokenAmount fault_fee(std::uint64_t qa) const { return expected_reward(qa, 10108); }
  chain::TokenAmount daily_fee(std::uint64_t qa) const;
};

}  // namespace vseal::coord::devchain
