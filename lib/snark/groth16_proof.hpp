#pragma once
// Groth16 proofs as bellperson writes them (commit-and-post.md §8.2): A (G1 compressed, 48) ||
// B (G2 compressed, 96) || C (G1 compressed, 48) = 192 bytes; a multi-partition proof is the
// plain concatenation. Reading rejects a length that is not a positive multiple of 192,
// identity points, and points off the curve or outside the subgroup, naming the proof index.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "field/g1.hpp"
#include "field/g2.hpp"

namespace vseal::snark {

inline constexpr std::size_t kProofBytes = 192;

struct Proof {
  field::G1Affine a;
  field::G2Affine b;
  field::G1Affine c;
};

std::vector<Proof> parse_proofs(std::span<const std::uint8_t> bytes);
std::array<std::uint8_t, kProofBytes> encode_proof(const Proof& proof);

}  // namespace vseal::snark
