#pragma once
// PC2's tree files, which units fill row piece by row piece; safe to use from several threads
// at once. Layers are read through porep/layer_reader.hpp.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "field/fr.hpp"
#include "io/positional_file.hpp"
#include "merkle/tree_shape.hpp"

namespace vseal::pc2 {

// One base tree's file holding rows first_row.. of `geometry` (all rows for tree_c, the rows
// above rows_to_discard for tree_r_last).
class TreeFile {
 public:
  TreeFile(io::PositionalFile file, merkle::TreeGeometry geometry, int first_row);
  // Writes values as row `row`, elements index.. ; rows below first_row are not stored.
  void write(int row, std::uint64_t index, std::span<const field::Fr> values);
  // Whether `row` is stored, and element `index` of it.
  bool stores(int row) const { return row >= first_row_; }
  field::Fr read(int row, std::uint64_t index) const;
  void sync() { file_.sync(); }

 private:
  std::uint64_t offset(int row, std::uint64_t index) const;
  io::PositionalFile file_;
  merkle::TreeGeometry geometry_;
  int first_row_;
};

}  // namespace vseal::pc2
