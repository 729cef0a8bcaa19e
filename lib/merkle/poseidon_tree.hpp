#pragma once
// Full Poseidon Merkle trees (poseidon.md §5.1): leaves go in as they are (never hashed), every
// node is H_arity(children left to right) with the MerkleTree tag. tree_c and tree_r_last are
// built from these rows; which engine hashes a level (CPU backends, a GPU) is the caller's
// choice, and every engine gives the same bits.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "field/fr.hpp"

namespace vseal::merkle {

using field::Fr;

// out[k] = H_arity(in[k*arity .. k*arity+arity-1]); in.size() == out.size() * arity.
using PoseidonLevelHasher =
    std::function<void(std::size_t arity, std::span<Fr> out, std::span<const Fr> in)>;
// The fastest CPU backend (hash::poseidon_hash_batch).
PoseidonLevelHasher cpu_level_hasher();

// Root of the tree over `leaves`; leaves.size() must be arity^k with k >= 1
// (Error{BadInput} otherwise).
Fr poseidon_tree_root(std::size_t arity, std::span<const Fr> leaves);

// Every row above the leaves: result[0] is row 1, result.back() holds the single root.
std::vector<std::vector<Fr>> poseidon_tree_rows(std::size_t arity, std::span<const Fr> leaves,
                                                const PoseidonLevelHasher& hasher);

}  // namespace vseal::merkle
