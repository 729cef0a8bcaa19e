// Merkle inclusion proofs (see inclusion_proof.hpp).
#include "merkle/inclusion_proof.hpp"

#include "field/fr.hpp"
#include "hash/poseidon.hpp"

namespace vseal::merkle {
namespace {

// One level: the current node inserted among its siblings, hashed.
std::optional<Node> hash_level(const Node& current, const PathElement& e, TreeHash hash) {
  const std::size_t arity = e.hashes.size() + 1;
  if (e.index >= arity) return std::nullopt;
  if (hash == TreeHash::Sha256) {
    if (arity != 2) return std::nullopt;
    return e.index == 0 ? sha256_node(current, e.hashes[0]) : sha256_node(e.hashes[0], current);
  }
  if (arity != 2 && arity != 4 && arity != 8) return std::nullopt;
  std::vector<field::Fr> children(arity);
  std::size_t sibling = 0;
  for (std::size_t i = 0; i < arity; ++i) {
    const Node& n = i == e.index ? current : e.hashes[sibling++];
    if (!field::Fr::try_from_bytes(n, children[i])) return std::nullopt;
  }
  return hash::poseidon_hash(children).to_bytes();
}

}  // namespace

std::optional<Node> path_root(const InclusionProof& proof, TreeHash hash) {
  std::optional<Node> current = proof.leaf;
  for (const auto* part : {&proof.base, &proof.sub, &proof.top})
    for (const auto& e : *part) {
      current = hash_level(*current, e, hash);
      if (!current) return std::nullopt;
    }
  return current;
}

std::uint64_t path_index(const InclusionProof& proof) {
  std::uint64_t index = 0, scale = 1;
  for (const auto* part : {&proof.base, &proof.sub, &proof.top})
    for (const auto& e : *part) {
      index += e.index * scale;
      scale *= e.hashes.size() + 1;
    }
  return index;
}

bool has_shape(const InclusionProof& proof, const PathShape& shape) {
  auto part_ok = [](const std::vector<PathElement>& part, std::size_t levels, std::size_t arity) {
    if (part.size() != levels) return false;
    for (const auto& e : part)
      if (e.hashes.size() + 1 != arity) return false;
    return true;
  };
  return part_ok(proof.base, shape.base_levels, shape.base_arity) &&
         part_ok(proof.sub, shape.sub_arity > 0 ? 1 : 0, shape.sub_arity) &&
         part_ok(proof.top, shape.top_arity > 0 ? 1 : 0, shape.top_arity);
}

bool verify_inclusion(const InclusionProof& proof, TreeHash hash, const PathShape& shape,
                      std::uint64_t index, const Node& root) {
  if (!has_shape(proof, shape) || proof.root != root || path_index(proof) != index) return false;
  const auto computed = path_root(proof, hash);
  return computed && *computed == proof.root;
}

}  // namespace vseal::merkle
