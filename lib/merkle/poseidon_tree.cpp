// Full Poseidon trees, level by level through a bulk hasher.
#include "merkle/poseidon_tree.hpp"

#include "hash/poseidon.hpp"
#include "merkle/tree_shape.hpp"

namespace vseal::merkle {

PoseidonLevelHasher cpu_level_hasher() {
  return [](std::size_t arity, std::span<Fr> out, std::span<const Fr> in) {
    hash::poseidon_hash_batch(arity, out, in);
  };
}

std::vector<std::vector<Fr>> poseidon_tree_rows(std::size_t arity, std::span<const Fr> leaves,
                                                const PoseidonLevelHasher& hasher) {
  const auto geometry = tree_geometry(leaves.size(), arity);
  std::vector<std::vector<Fr>> rows;
  rows.reserve(static_cast<std::size_t>(geometry.rows - 1));
  std::span<const Fr> below = leaves;
  for (int r = 1; r < geometry.rows; ++r) {
    rows.emplace_back(below.size() / arity);
    hasher(arity, rows.back(), below);
    below = rows.back();
  }
  return rows;
}

Fr poseidon_tree_root(std::size_t arity, std::span<const Fr> leaves) {
  return poseidon_tree_rows(arity, leaves, cpu_level_hasher()).back()[0];
}

}  // namespace vseal::merkle
