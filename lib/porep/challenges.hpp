#pragma once
// PoRep challenges (commit-and-post.md §2): which nodes C1 must open, per partition. Every
// variant maps a 256-bit value V to node (V mod (N-1)) + 1, so node 0 is never challenged;
// challenge number j = k*C + i (partition k, C per partition) makes partition k's challenges
// the slice [kC, kC + C) of one sequence.
//  - interactive: V_j = SHA256(replica_id || seed || LE32(j));
//  - non-interactive (NI-PoRep): V_j = SHA256(tag || replica_id || comm_r || LE32(j));
//  - synthetic: a set of min(N, 2^18) challenges from ChaCha20 keyed by BLAKE2b(replica_id ||
//    comm_r), generated before the seed exists; the seed then selects C per partition.
// replica_id, comm_r and seed are the 32-byte little-endian values as on chain.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "porep/registered_proof.hpp"

namespace vseal::porep {

using Bytes32 = std::array<std::uint8_t, 32>;

struct ChallengeLayout {
  int partitions;
  int per_partition;
  std::uint64_t total() const {
    return static_cast<std::uint64_t>(partitions) * static_cast<std::uint64_t>(per_partition);
  }
};

// Interactive and synthetic PoRep use the shape's partitions; NI-PoRep 13 x 2 for the small
// sizes and 126 x 18 for 32/64GiB (constants.rs, same per-partition circuit).
ChallengeLayout challenge_layout(ApiFeature feature, const SectorShape& shape);

// (V mod (nodes - 1)) + 1 for V = the 32 bytes as a little-endian integer; nodes >= 2.
std::uint64_t challenge_from_digest(std::span<const std::uint8_t, 32> v, std::uint64_t nodes);

std::vector<std::uint64_t> interactive_challenges(std::uint64_t nodes, const Bytes32& replica_id,
                                                  const Bytes32& seed, int partition,
                                                  int per_partition);

std::vector<std::uint64_t> ni_challenges(std::uint64_t nodes, const Bytes32& replica_id,
                                         const Bytes32& comm_r, int partition, int per_partition);

// min(nodes, 2^18): how many synthetic challenges a sector has.
std::uint64_t synthetic_challenge_count(std::uint64_t nodes);

// Synthetic challenges [first, first + count) of the set keyed by (replica_id, comm_r).
std::vector<std::uint64_t> synthetic_challenges(std::uint64_t nodes, const Bytes32& replica_id,
                                                const Bytes32& comm_r, std::uint64_t first,
                                                std::uint64_t count);

// Positions in the synthetic set (0..num_synthetic-1) that partition k's challenges take.
std::vector<std::uint64_t> synthetic_selection(const Bytes32& replica_id, const Bytes32& seed,
                                               std::uint64_t num_synthetic, int partition,
                                               int per_partition);

// Partition k of synthetic PoRep: the positions in the set of `num_synthetic` the seed selects
// and the challenges standing there (the generation key is derived once).
struct SyntheticPartition {
  std::vector<std::uint64_t> indexes;
  std::vector<std::uint64_t> challenges;
};
SyntheticPartition synthetic_partition(std::uint64_t nodes, const Bytes32& replica_id,
                                       const Bytes32& comm_r, const Bytes32& seed,
                                       std::uint64_t num_synthetic, int partition,
                                       int per_partition);

// The challenges of one partition of a sector sealed with `proof`'s rules: seed is ignored by
// NI-PoRep, comm_r by interactive PoRep. Throws Error{BadInput} for a partition out of range.
struct ChallengeInputs {
  std::uint64_t nodes;
  ApiFeature feature;
  ChallengeLayout layout;
  Bytes32 replica_id;
  Bytes32 seed;
  Bytes32 comm_r;
};
std::vector<std::uint64_t> porep_challenges(const ChallengeInputs& in, int partition);

}  // namespace vseal::porep
