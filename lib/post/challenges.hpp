#pragma once
// Fallback PoSt challenges (commit-and-post.md §7.2): which leaf of tree_r_last each sector
// opens, and which sector Winning PoSt picks.
//   leaf(sector, ci) = LE64(SHA256(randomness || LE64(sector_id) || LE64(ci))[0..8]) mod nodes
// Window PoSt ApiVersion 1.0.0 uses ci = position*10 + n for the sector's position among all
// proven sectors (ascending sector number), 1.2.0 uses ci = n; Winning uses ci = 0..65. Node 0
// can be challenged. Randomness is the 32-byte chain value with its top two bits cleared.
#include <array>
#include <cstdint>
#include <vector>

#include "porep/registered_proof.hpp"

namespace vseal::post {

using Bytes32 = std::array<std::uint8_t, 32>;

std::uint64_t leaf_challenge(const Bytes32& randomness, std::uint64_t sector_id,
                             std::uint64_t challenge_index, std::uint64_t sector_nodes);

// The `count` leaves of the sector at global `position` (0-based, ascending sector number).
std::vector<std::uint64_t> window_leaf_challenges(porep::ApiVersion api, const Bytes32& randomness,
                                                  std::uint64_t sector_id, std::uint64_t position,
                                                  std::uint64_t sector_nodes,
                                                  std::uint64_t count = 10);

// Winning PoSt: the 66 leaves of its one sector.
std::vector<std::uint64_t> winning_leaf_challenges(const Bytes32& randomness,
                                                   std::uint64_t sector_id,
                                                   std::uint64_t sector_nodes);

// Index into the eligible sector list (length sector_set_len >= 1) Winning PoSt proves.
std::uint64_t winning_sector_index(const Bytes32& prover_id, const Bytes32& randomness,
                                   std::uint64_t sector_set_len);

// A 32-byte chain randomness value as the proofs take it: the top two bits of byte 31 cleared
// (what Lotus does before calling them).
inline Bytes32 post_randomness(Bytes32 chain_value) {
  chain_value[31] &= 0x3f;
  return chain_value;
}

// Throws Error{BadInput} unless the top two bits of randomness[31] are clear (value < r is then
// guaranteed): the proofs API rejects anything else, callers mask it.
void check_post_randomness(const Bytes32& randomness);

}  // namespace vseal::post
