#pragma once
// Public inputs of one Fallback PoSt partition (commit-and-post.md §7.4): per sector its comm_r
// then the leaf index of each challenge, sector_count * (1 + challenge_count) values. A
// partition holding fewer sectors repeats the last sector's values. Winning PoSt is the same
// circuit with its one sector listed 66 times and one challenge each.
#include <cstdint>
#include <span>
#include <vector>

#include "field/fr.hpp"
#include "post/challenges.hpp"
#include "post/registered_post.hpp"

namespace vseal::post {

struct PublicSector {
  std::uint64_t sector_id;
  Bytes32 comm_r;
};

// Partitions a proof over `sector_total` sectors needs (at least 1).
std::uint64_t post_partitions(const RegisteredPostProof& proof, std::uint64_t sector_total);

// `sectors` in ascending sector number, all of them (positions count from the first).
// Throws Error{BadInput} for an unsorted list, a partition out of range, or a comm_r >= r.
std::vector<field::Fr> post_public_inputs(const RegisteredPostProof& proof,
                                          const Bytes32& randomness,
                                          std::span<const PublicSector> sectors, int partition);

// The same layout from leaf challenges given per circuit sector, for proofs whose randomness
// is not at hand (test vectors): `circuit` is the circuit's sector list (circuit_sectors(),
// Winning: one sector 66 times) and leaves[s] the challenge_count leaf indices of circuit[s].
std::vector<field::Fr> post_public_inputs_from_leaves(
    const RegisteredPostProof& proof, std::span<const PublicSector> circuit,
    std::span<const std::vector<std::uint64_t>> leaves, int partition);

// The sector list the circuit sees: Window = `sectors`, Winning = the one sector 66 times.
std::vector<PublicSector> circuit_sectors(const RegisteredPostProof& proof,
                                          std::span<const PublicSector> sectors);

}  // namespace vseal::post
