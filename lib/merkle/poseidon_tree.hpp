#pragma once
// Roots of full Poseidon Merkle trees (poseidon.md §5.1): leaves go in as they are (never
// hashed), every node is H_arity(children left to right) with the MerkleTree tag. This is the
// building block of tree_c and tree_r_last; the on-disk stores come with PC2.
#include <cstddef>
#include <span>
#include <vector>

#include "field/fr.hpp"

namespace vseal::merkle {

using field::Fr;

// Root of the tree over `leaves`; leaves.size() must be arity^k with k >= 1
// (Error{BadInput} otherwise).
Fr poseidon_tree_root(std::size_t arity, std::span<const Fr> leaves);

// One level up: parents[k] = H_arity(children[k*arity .. k*arity+arity-1]).
std::vector<Fr> poseidon_tree_level(std::size_t arity, std::span<const Fr> children);

}  // namespace vseal::merkle
