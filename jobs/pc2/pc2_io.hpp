#pragma once
// PC2's files: the layer reader (layers.h5 hyperslabs, through MPI-IO under MPI, or the
// rust-fil-proofs layer files) and the tree files that units fill row piece by row piece.
// Readers and writers are safe to use from several threads at once.
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

class LayerReader {
 public:
  virtual ~LayerReader() = default;
  // Labels of nodes [first, first + out.size()/32) of `layer` (1-based).
  virtual void read(int layer, std::uint64_t first, std::span<std::uint8_t> out) = 0;
};

// layers.h5 of a PC1 run; `mpi_comm` (an MPI_Comm*, may be null) opens it collectively with
// MPI-IO. Checks the store's shape.
std::unique_ptr<LayerReader> open_hdf5_layers(const std::filesystem::path& file, int layers,
                                              std::uint64_t nodes, const void* mpi_comm);
// sc-02-data-layer-<l>.dat files in `dir`, each nodes*32 bytes.
std::unique_ptr<LayerReader> open_layer_files(const std::filesystem::path& dir, int layers,
                                              std::uint64_t nodes);

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
