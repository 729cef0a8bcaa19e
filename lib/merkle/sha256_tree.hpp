#pragma once
// The binary SHA-256 tree of tree_d / CommD / CommP (porep-sdr.md §5): leaves are the 32-byte
// nodes as they are, a parent is trunc254(SHA256(left || right)). Zero commitments Z[k] are the
// roots of all-zero regions of 32*2^k bytes, so a CC sector's CommD needs no data.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace vseal::merkle {

using Node = std::array<std::uint8_t, 32>;

// trunc254(SHA256(a || b)).
Node sha256_node(const Node& a, const Node& b);
// Z[k] for k = 0..63 (k = log2(bytes) - 5).
Node zero_commitment(unsigned k);
// parents[k] = trunc254(SHA256(children[2k] || children[2k+1])); children is 2*parents bytes.
// Four pairs are compressed interleaved (sha256_compress_x4).
void sha256_tree_level(std::span<const std::uint8_t> children, std::span<std::uint8_t> parents);

// Folds leaves pushed one at a time into the root (one pending node per level), so a tree over
// a stream needs O(log n) memory. The leaf count must end up a power of two.
class Sha256TreeBuilder {
 public:
  void push(Node n);
  Node root() const;

 private:
  std::vector<Node> pending_;
  std::vector<bool> has_;
};

// Root over `nodes` leaves (a power of two) held in memory.
Node sha256_tree_root(std::span<const std::uint8_t> leaves);

}  // namespace vseal::merkle
