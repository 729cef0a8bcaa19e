#pragma once
// How PC2 cuts a sector into work (pure arithmetic): T base trees of `per` leaves, each cut into
// units of `unit_leaves` (8 units when a tree has at least 8^3 leaves, else one), each unit
// hashed in blocks of at most 8^5 leaves (1 MiB of labels per layer). The cut depends only on
// the sector shape, never on the number of ranks, threads or GPUs.
#include <cstddef>
#include <cstdint>

#include "merkle/tree_shape.hpp"

namespace vseal::pc2 {

struct Pc2Plan {
  std::uint64_t nodes = 0;
  int layers = 0;
  std::size_t trees = 0;  // base trees T
  std::size_t sub_arity = 0, top_arity = 0;
  merkle::TreeGeometry base;  // one base tree (arity 8)
  std::uint64_t unit_leaves = 0;
  std::uint64_t units_per_tree = 0;
  std::uint64_t block_leaves = 0;
  int unit_row = 0;   // row of a unit's root in its base tree
  int block_row = 0;  // row of a block's root
  int rows_to_discard = 0;

  std::uint64_t units() const { return trees * units_per_tree; }
  // tree_r_last files keep rows >= 1 + rows_to_discard; tree_c keeps every row.
  int r_last_first_row() const { return 1 + rows_to_discard; }
  std::uint64_t tree_c_file_bytes() const { return base.total() * 32; }
  std::uint64_t tree_r_last_file_bytes() const {
    return (base.total() - base.row_start(r_last_first_row())) * 32;
  }
  // First sector node of unit u.
  std::uint64_t unit_first_node(std::uint64_t u) const { return u * unit_leaves; }
};

Pc2Plan make_pc2_plan(std::uint64_t sector_size, int rows_to_discard);

}  // namespace vseal::pc2
