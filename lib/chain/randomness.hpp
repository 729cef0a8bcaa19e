#pragma once
// Chain randomness as lotus and the builtin actors draw it: BLAKE2b-256(i64be(DST) || digest ||
// i64be(epoch) || entropy), with the digest taken from the ticket chain or the beacon
// (devchain.md §3.1). Negative epochs hash as two's complement. Also the domain separation
// tags and the entropy a miner's draws use (the CBOR byte string of its ID address).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "chain/address.hpp"

namespace vseal::chain {

enum class RandomnessTag : std::int64_t {
  TicketProduction = 1,
  ElectionProofProduction = 2,
  WinningPoStChallengeSeed = 3,
  WindowedPoStChallengeSeed = 4,
  SealRandomness = 5,
  InteractiveSealChallengeSeed = 6,
  WindowedPoStDeadlineAssignment = 7,
  MarketDealCronSeed = 8,
  PoStChainCommit = 9,
};

std::array<std::uint8_t, 32> draw_randomness(std::int64_t dst,
                                             std::span<const std::uint8_t, 32> digest,
                                             std::int64_t epoch,
                                             std::span<const std::uint8_t> entropy);

// Appends the 8-byte big-endian form of v (two's complement for negative epochs): the i64be /
// u64be fields of the chain's hash inputs (randomness, proving-period offsets, actor addresses).
void append_be64(std::vector<std::uint8_t>& out, std::uint64_t v);

// CBOR(address): the byte string of the address bytes (t01000 -> 43 00 e8 07).
std::vector<std::uint8_t> address_entropy(const Address& a);

}  // namespace vseal::chain
