// Full Poseidon tree roots, level by level through the bulk hash.
#include "merkle/poseidon_tree.hpp"

#include <string>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace vseal::merkle {

std::vector<Fr> poseidon_tree_level(std::size_t arity, std::span<const Fr> children) {
  if (arity < 2 || children.size() % arity != 0) {
    throw Error(ErrorCode::BadInput, std::to_string(children.size()) +
                                         " nodes do not form a level of an arity-" +
                                         std::to_string(arity) + " tree");
  }
  std::vector<Fr> parents(children.size() / arity);
  hash::poseidon_hash_batch(arity, parents, children);
  return parents;
}

Fr poseidon_tree_root(std::size_t arity, std::span<const Fr> leaves) {
  std::size_t n = leaves.size();
  bool power = arity >= 2 && n >= arity;
  while (power && n > 1) {
    power = n % arity == 0;
    n /= arity;
  }
  if (!power) {
    throw Error(ErrorCode::BadInput, "a full arity-" + std::to_string(arity) +
                                         " tree needs arity^k leaves (k >= 1), got " +
                                         std::to_string(leaves.size()));
  }
  std::vector<Fr> level = poseidon_tree_level(arity, leaves);
  while (level.size() > 1) level = poseidon_tree_level(arity, level);
  return level[0];
}

}  // namespace vseal::merkle
