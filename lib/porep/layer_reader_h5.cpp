// The layers.h5 reader (see layer_reader.hpp); built only with HDF5.
#include <mpi.h>

#include <mutex>
#include <string>

#include "base/error.hpp"
#include "io/h5_layers.hpp"
#include "porep/layer_reader.hpp"

namespace vseal::porep {
namespace {

// HDF5 (Debian's build) is not thread-safe: one read at a time per process.
class Hdf5LayerReader final : public LayerReader {
 public:
  explicit Hdf5LayerReader(io::H5LayerStore store) : store_(std::move(store)) {}
  void read(int layer, std::uint64_t first, std::span<std::uint8_t> out) override {
    const std::lock_guard lock(mutex_);
    store_.read_nodes(static_cast<std::uint64_t>(layer), first, out);
  }

 private:
  std::mutex mutex_;
  io::H5LayerStore store_;
};

}  // namespace

bool hdf5_layers_supported() {
  return true;
}

std::unique_ptr<LayerReader> open_hdf5_layers(const std::filesystem::path& file, int layers,
                                              std::uint64_t nodes, const void* mpi_comm) {
  auto store = mpi_comm != nullptr ? io::H5LayerStore::open_read_only_mpi(
                                         file, *static_cast<const MPI_Comm*>(mpi_comm))
                                   : io::H5LayerStore::open_read_only(file);
  if (store.layers() != static_cast<std::uint64_t>(layers) || store.nodes() != nodes) {
    throw Error(ErrorCode::BadInput, file.string() + " holds " + std::to_string(store.layers()) +
                                         " x " + std::to_string(store.nodes()) +
                                         " labels; this sector needs " + std::to_string(layers) +
                                         " x " + std::to_string(nodes));
  }
  return std::make_unique<Hdf5LayerReader>(std::move(store));
}

}  // namespace vseal::porep
