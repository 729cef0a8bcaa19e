#pragma once
// Where PC2 and C1 read PC1's labels from: `layers.h5` (HDF5 hyperslabs, optionally through
// MPI-IO when every rank of a job opens it collectively) or rust-fil-proofs'
// `sc-02-data-layer-<l>.dat` files. Readers are safe to use from several threads at once.
// Opening checks the shape (layers x nodes) and throws Error{BadInput} naming the file.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

namespace vseal::porep {

class LayerReader {
 public:
  virtual ~LayerReader() = default;
  // Labels of nodes [first, first + out.size()/32) of `layer` (1-based).
  virtual void read(int layer, std::uint64_t first, std::span<std::uint8_t> out) = 0;
};

// sc-02-data-layer-<l>.dat files in `dir`, each nodes*32 bytes.
std::unique_ptr<LayerReader> open_layer_files(const std::filesystem::path& dir, int layers,
                                              std::uint64_t nodes);

// Whether this build reads layers.h5 (HDF5 found at configure time).
bool hdf5_layers_supported();
// layers.h5 of a PC1 run; `mpi_comm` (an MPI_Comm*, may be null) opens it collectively with
// MPI-IO. Throws Error{Unsupported} in a build without HDF5.
std::unique_ptr<LayerReader> open_hdf5_layers(const std::filesystem::path& file, int layers,
                                              std::uint64_t nodes, const void* mpi_comm);

}  // namespace vseal::porep
