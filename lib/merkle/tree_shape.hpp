#pragma once
// Geometry of the Poseidon trees tree_c and tree_r_last (porep-sdr.md §8): T base trees of
// arity 8 stored row by row from the leaves up (rust-fil-proofs/merkletree layout), whose roots
// are combined in memory by an optional sub level and top level. Pure arithmetic, no I/O.
#include <cstddef>
#include <cstdint>
#include <span>

#include "field/fr.hpp"

namespace vseal::merkle {

struct TreeGeometry {
  std::uint64_t leaves = 0;
  std::size_t arity = 0;
  int rows = 0;  // including the leaves and the root

  // Elements in row r (0 = leaves).
  std::uint64_t row_width(int row) const;
  // Elements of all rows below `row`: the row's first index in the full-tree file.
  std::uint64_t row_start(int row) const;
  // Elements of the full tree (merkletree's get_merkle_tree_len).
  std::uint64_t total() const { return row_start(rows); }
};

// Throws Error{BadInput} unless leaves = arity^k with k >= 1.
TreeGeometry tree_geometry(std::uint64_t leaves, std::size_t arity);

// rust-fil-proofs' default_rows_to_discard for a base tree (`setting` is the configured cap,
// 2 by default): 0 for trees of <= 2 rows, 1 for 3 rows, else min(rows - 2, setting).
int default_rows_to_discard(std::uint64_t leaves, std::size_t arity, int setting = 2);

// comm_c / comm_r_last from the base roots: the root itself for one tree, H_sub over the roots,
// or H_top over consecutive H_sub groups (sub_arity/top_arity 0 = absent level).
field::Fr compound_root(std::span<const field::Fr> base_roots, std::size_t sub_arity,
                        std::size_t top_arity);

}  // namespace vseal::merkle
