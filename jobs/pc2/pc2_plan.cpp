// PC2 work decomposition.
#include "pc2/pc2_plan.hpp"

#include <algorithm>

#include "porep/registered_proof.hpp"

namespace vseal::pc2 {

Pc2Plan make_pc2_plan(std::uint64_t sector_size, int rows_to_discard) {
  const auto& shape = porep::sector_shape(sector_size);
  Pc2Plan p;
  p.nodes = shape.nodes;
  p.layers = shape.layers;
  p.sub_arity = static_cast<std::size_t>(shape.sub_arity);
  p.top_arity = static_cast<std::size_t>(shape.top_arity);
  p.trees = static_cast<std::size_t>(shape.base_trees());
  p.base = merkle::tree_geometry(shape.base_tree_leaves(), 8);
  const std::uint64_t per = p.base.leaves;
  p.unit_leaves = per >= 512 ? per / 8 : per;
  p.units_per_tree = per / p.unit_leaves;
  p.block_leaves = std::min<std::uint64_t>(p.unit_leaves, std::uint64_t{1} << 15);
  for (std::uint64_t n = p.unit_leaves; n > 1; n /= 8) ++p.unit_row;
  for (std::uint64_t n = p.block_leaves; n > 1; n /= 8) ++p.block_row;
  p.rows_to_discard = rows_to_discard;
  return p;
}

}  // namespace vseal::pc2
