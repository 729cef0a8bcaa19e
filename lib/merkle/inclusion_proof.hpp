#pragma once
// Merkle inclusion proofs as rust-fil-proofs' storage-proofs-core carries them
// (commit-and-post.md §4.4): the leaf, the claimed root, and per level the siblings in child
// order with the current node left out plus the current node's position. Single proofs have only
// base levels (tree_d, trees of <= 512MiB sectors); compound trees add one sub level (8-8-0) and
// one top level (8-8-2). Nodes are 32-byte values: SHA-256 truncated to 254 bits for tree_d,
// Poseidon field elements (little-endian) for tree_c / tree_r_last. Checking never throws: a
// malformed path (wrong sibling count, index >= arity, a non-field value) simply fails.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "merkle/sha256_tree.hpp"

namespace vseal::merkle {

struct PathElement {
  std::vector<Node> hashes;  // arity - 1 siblings
  std::uint64_t index = 0;   // position of the current node among its arity children
  friend bool operator==(const PathElement&, const PathElement&) = default;
};

enum class ProofKind { Single, Sub, Top };
enum class TreeHash { Sha256, Poseidon };

struct InclusionProof {
  Node root{};
  Node leaf{};
  std::vector<PathElement> base, sub, top;  // leaf upward; sub/top hold one element or none
  ProofKind kind() const {
    return !top.empty() ? ProofKind::Top : !sub.empty() ? ProofKind::Sub : ProofKind::Single;
  }
  friend bool operator==(const InclusionProof&, const InclusionProof&) = default;
};

// The root the path leads to from the leaf; nullopt when the path is malformed.
std::optional<Node> path_root(const InclusionProof& proof, TreeHash hash);

// The leaf index the path encodes: per level its index times the product of the arities below.
std::uint64_t path_index(const InclusionProof& proof);

// The expected path shape: levels of each part and their arity (0 levels for an absent part).
struct PathShape {
  std::size_t base_levels = 0, base_arity = 2;
  std::size_t sub_arity = 0, top_arity = 0;  // 0 = absent
};
bool has_shape(const InclusionProof& proof, const PathShape& shape);

// All of: shape as expected, the path leads from leaf to `root` field, which equals `root`,
// and it opens leaf `index`.
bool verify_inclusion(const InclusionProof& proof, TreeHash hash, const PathShape& shape,
                      std::uint64_t index, const Node& root);

}  // namespace vseal::merkle
