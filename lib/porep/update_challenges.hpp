#pragma once
// SnapDeals (empty-sector-update) challenge derivation, poseidon.md §5 "SnapDeals challenge
// derivation" (storage-proofs-update challenges.rs): digest_j = Poseidon2 with the Custom(1)
// tag 2^40 over (comm_r_new, j); each digest yields floor(254 / b) challenges of b bits, read
// little-endian, where b = log2(sector_nodes) - log2(partitions), OR'ed with k << b.
#include <cstdint>
#include <vector>

#include "field/fr.hpp"

namespace vseal::porep {

struct UpdateChallengeParams {
  std::uint64_t sector_nodes;  // power of two
  std::uint64_t partitions;
  std::uint64_t challenges_per_partition;
};

// The rust-fil-proofs constants for a sector of `sector_nodes` 32-byte nodes:
// partitions 1 (<= 2^8 nodes), 2 (<= 2^10), 4 (<= 2^19), 16 (larger); challenges per
// partition 10 up to 2^19 nodes (test sizes), 86 for production sizes.
UpdateChallengeParams update_challenge_params(std::uint64_t sector_nodes);

// The first `count` challenges of partition k (node indices within the sector).
std::vector<std::uint64_t> update_challenges(const UpdateChallengeParams& params,
                                             const field::Fr& comm_r_new, std::uint64_t k,
                                             std::size_t count);

}  // namespace vseal::porep
