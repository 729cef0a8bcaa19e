// Tree geometry and the compound (sub/top) root.
#include "merkle/tree_shape.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace vseal::merkle {

std::uint64_t TreeGeometry::row_width(int row) const {
  std::uint64_t w = leaves;
  for (int r = 0; r < row; ++r) w /= arity;
  return w;
}

std::uint64_t TreeGeometry::row_start(int row) const {
  std::uint64_t start = 0, w = leaves;
  for (int r = 0; r < row; ++r, w /= arity) start += w;
  return start;
}

TreeGeometry tree_geometry(std::uint64_t leaves, std::size_t arity) {
  TreeGeometry g{leaves, arity, 1};
  std::uint64_t n = leaves;
  while (arity >= 2 && n > 1 && n % arity == 0) {
    n /= arity;
    ++g.rows;
  }
  if (arity < 2 || n != 1 || g.rows < 2) {
    throw Error(ErrorCode::BadInput, std::to_string(leaves) + " leaves do not fill an arity-" +
                                         std::to_string(arity) + " tree (arity^k leaves, k >= 1)");
  }
  return g;
}

int default_rows_to_discard(std::uint64_t leaves, std::size_t arity, int setting) {
  const int rows = tree_geometry(leaves, arity).rows;
  if (rows <= 2) return 0;
  if (rows == 3) return 1;
  return std::min(rows - 2, setting);
}

field::Fr compound_root(std::span<const field::Fr> roots, std::size_t sub_arity,
                        std::size_t top_arity) {
  const std::size_t expected =
      std::max<std::size_t>(sub_arity, 1) * std::max<std::size_t>(top_arity, 1);
  if (roots.size() != expected) {
    throw Error(ErrorCode::BadInput, "compound tree expects " + std::to_string(expected) +
                                         " base roots, got " + std::to_string(roots.size()));
  }
  if (sub_arity == 0) return roots[0];
  if (top_arity == 0) return hash::poseidon_hash(roots);
  std::vector<field::Fr> subs;
  for (std::size_t i = 0; i < top_arity; ++i)
    subs.push_back(hash::poseidon_hash(roots.subspan(i * sub_arity, sub_arity)));
  return hash::poseidon_hash(subs);
}

}  // namespace vseal::merkle
