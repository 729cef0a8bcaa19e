// Layer readers and tree files for PC2.
#include "pc2/pc2_io.hpp"

#include <mpi.h>

#include <string>

#include "base/error.hpp"
#include "io/h5_layers.hpp"
#include "porep/cache_files.hpp"

namespace vseal::pc2 {
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

class FileLayerReader final : public LayerReader {
 public:
  explicit FileLayerReader(std::vector<io::PositionalFile> files) : files_(std::move(files)) {}
  void read(int layer, std::uint64_t first, std::span<std::uint8_t> out) override {
    files_.at(static_cast<std::size_t>(layer - 1)).read_at(first * 32, out);
  }

 private:
  std::vector<io::PositionalFile> files_;
};

}  // namespace

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

std::unique_ptr<LayerReader> open_layer_files(const std::filesystem::path& dir, int layers,
                                              std::uint64_t nodes) {
  std::vector<io::PositionalFile> files;
  for (int l = 1; l <= layers; ++l) {
    const auto path = dir / porep::layer_file_name(l);
    auto f = io::PositionalFile::open_read(path);
    if (f.size() != nodes * 32) {
      throw Error(ErrorCode::BadInput, path.string() + " holds " + std::to_string(f.size()) +
                                           " bytes, expected " + std::to_string(nodes * 32));
    }
    files.push_back(std::move(f));
  }
  return std::make_unique<FileLayerReader>(std::move(files));
}

TreeFile::TreeFile(io::PositionalFile file, merkle::TreeGeometry geometry, int first_row)
    : file_(std::move(file)), geometry_(geometry), first_row_(first_row) {}

std::uint64_t TreeFile::offset(int row, std::uint64_t index) const {
  return (geometry_.row_start(row) - geometry_.row_start(first_row_) + index) * 32;
}

void TreeFile::write(int row, std::uint64_t index, std::span<const field::Fr> values) {
  if (!stores(row)) return;
  std::vector<std::uint8_t> bytes(values.size() * 32);
  field::fr_to_bytes(values, bytes);
  file_.write_at(offset(row, index), bytes);
}

field::Fr TreeFile::read(int row, std::uint64_t index) const {
  field::FrBytes b;
  file_.read_at(offset(row, index), b);
  field::Fr v;
  if (!field::Fr::try_from_bytes(b, v)) v = field::Fr::zero();  // never a recorded root
  return v;
}

}  // namespace vseal::pc2
