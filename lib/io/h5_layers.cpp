// HDF5 layer store on the C API: serial access for PC1, MPI-IO hyperslab reads for PC2 ranks.
#include "io/h5_layers.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <utility>

#include "base/error.hpp"

namespace vseal::io {
namespace {

constexpr const char* kDataset = "/layers";
constexpr hsize_t kChunkNodes = (1u << 20) / 32;  // 1 MiB of labels per chunk

// Debian 12 ships HDF5 1.10, which predates H5Fis_accessible.
bool is_hdf5(const std::filesystem::path& path) {
#if H5_VERSION_GE(1, 12, 0)
  return H5Fis_accessible(path.c_str(), H5P_DEFAULT) > 0;
#else
  return H5Fis_hdf5(path.c_str()) > 0;
#endif
}

[[noreturn]] void h5_error(const std::string& what, const std::filesystem::path& path) {
  throw Error(ErrorCode::Io, "HDF5: " + what + " (" + path.string() + ")");
}

}  // namespace

H5LayerStore::H5LayerStore(std::filesystem::path path, std::int64_t file, std::int64_t dataset,
                           std::uint64_t layers, std::uint64_t nodes, bool created)
    : path_(std::move(path)),
      file_(file),
      dataset_(dataset),
      layers_(layers),
      nodes_(nodes),
      created_(created) {}

H5LayerStore::~H5LayerStore() {
  if (dataset_ >= 0) H5Dclose(dataset_);
  if (file_ >= 0) H5Fclose(file_);
}

H5LayerStore::H5LayerStore(H5LayerStore&& o) noexcept
    : path_(std::move(o.path_)),
      file_(std::exchange(o.file_, -1)),
      dataset_(std::exchange(o.dataset_, -1)),
      layers_(o.layers_),
      nodes_(o.nodes_),
      created_(o.created_) {}

H5LayerStore H5LayerStore::open_existing(const std::filesystem::path& path, std::int64_t fapl) {
  if (!std::filesystem::exists(path))
    throw Error(ErrorCode::Io, "no layer store at " + path.string());
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl);
  if (file < 0) h5_error("cannot open", path);
  const hid_t ds = H5Dopen2(file, kDataset, H5P_DEFAULT);
  if (ds < 0) {
    H5Fclose(file);
    h5_error("no /layers dataset", path);
  }
  const hid_t space = H5Dget_space(ds);
  hsize_t dims[3] = {};
  const int rank = H5Sget_simple_extent_dims(space, dims, nullptr);
  H5Sclose(space);
  if (rank != 3 || dims[2] != 32) {
    H5Dclose(ds);
    H5Fclose(file);
    throw Error(ErrorCode::Corrupt, path.string() + ": /layers is not [L][N][32]");
  }
  return H5LayerStore(path, file, ds, dims[0], dims[1], false);
}

H5LayerStore H5LayerStore::open_read_only(const std::filesystem::path& path) {
  return open_existing(path, H5P_DEFAULT);
}

H5LayerStore H5LayerStore::open_read_only_mpi(const std::filesystem::path& path, MPI_Comm comm) {
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_fapl_mpio(fapl, comm, MPI_INFO_NULL);
  try {
    auto store = open_existing(path, fapl);
    H5Pclose(fapl);
    return store;
  } catch (...) {
    H5Pclose(fapl);
    throw;
  }
}

H5LayerStore H5LayerStore::open_or_create(const std::filesystem::path& path, std::uint64_t layers,
                                          std::uint64_t nodes) {
  if (std::filesystem::exists(path) && is_hdf5(path)) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    if (file >= 0) {
      const hid_t ds = H5Lexists(file, kDataset, H5P_DEFAULT) > 0
                           ? H5Dopen2(file, kDataset, H5P_DEFAULT)
                           : H5I_INVALID_HID;
      if (ds >= 0) {
        const hid_t space = H5Dget_space(ds);
        hsize_t dims[3] = {};
        const int rank = H5Sget_simple_extent_dims(space, dims, nullptr);
        H5Sclose(space);
        if (rank == 3 && dims[0] == layers && dims[1] == nodes && dims[2] == 32) {
          return H5LayerStore(path, file, ds, layers, nodes, false);
        }
        H5Dclose(ds);
      }
      H5Fclose(file);
    }
  }
  // Missing, unreadable or another shape: start a fresh file.
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0) h5_error("cannot create", path);
  const hsize_t dims[3] = {layers, nodes, 32};
  const hsize_t chunk[3] = {1, std::min<hsize_t>(nodes, kChunkNodes), 32};
  const hid_t space = H5Screate_simple(3, dims, nullptr);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(dcpl, 3, chunk);
  const hid_t ds =
      H5Dcreate2(file, kDataset, H5T_NATIVE_UINT8, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  H5Pclose(dcpl);
  H5Sclose(space);
  if (ds < 0) {
    H5Fclose(file);
    h5_error("cannot create /layers", path);
  }
  return H5LayerStore(path, file, ds, layers, nodes, true);
}

void H5LayerStore::transfer(std::uint64_t layer, std::uint64_t first, void* buffer,
                            std::size_t bytes, bool write) const {
  const std::uint64_t count = bytes / 32;
  if (layer < 1 || layer > layers_ || bytes % 32 != 0 || first > nodes_ || count > nodes_ - first) {
    throw Error(ErrorCode::BadInput, "layer " + std::to_string(layer) + " nodes [" +
                                         std::to_string(first) + ", +" + std::to_string(count) +
                                         ") outside the store's " + std::to_string(layers_) +
                                         " x " + std::to_string(nodes_));
  }
  const hid_t fs = H5Dget_space(dataset_);
  const hsize_t start[3] = {layer - 1, first, 0};
  const hsize_t extent[3] = {1, count, 32};
  H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, nullptr, extent, nullptr);
  const hid_t ms = H5Screate_simple(3, extent, nullptr);
  const herr_t rc = write ? H5Dwrite(dataset_, H5T_NATIVE_UINT8, ms, fs, H5P_DEFAULT, buffer)
                          : H5Dread(dataset_, H5T_NATIVE_UINT8, ms, fs, H5P_DEFAULT, buffer);
  H5Sclose(ms);
  H5Sclose(fs);
  if (rc < 0)
    h5_error(
        std::string(write ? "cannot write" : "cannot read") + " layer " + std::to_string(layer),
        path_);
}

void H5LayerStore::write_layer(std::uint64_t layer, std::span<const std::uint8_t> data) {
  if (data.size() != nodes_ * 32)
    throw Error(ErrorCode::BadInput, "layer buffer has the wrong size");
  // HDF5 takes a non-const pointer for both directions; a write only reads the buffer.
  transfer(layer, 0, const_cast<std::uint8_t*>(data.data()), data.size(), true);
}

void H5LayerStore::read_layer(std::uint64_t layer, std::span<std::uint8_t> out) const {
  if (out.size() != nodes_ * 32)
    throw Error(ErrorCode::BadInput, "layer buffer has the wrong size");
  transfer(layer, 0, out.data(), out.size(), false);
}

void H5LayerStore::read_nodes(std::uint64_t layer, std::uint64_t first,
                              std::span<std::uint8_t> out) const {
  transfer(layer, first, out.data(), out.size(), false);
}

void H5LayerStore::sync() {
  if (H5Fflush(file_, H5F_SCOPE_GLOBAL) < 0) h5_error("cannot flush", path_);
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw Error(ErrorCode::Io, "cannot fsync " + path_.string());
  }
  ::close(fd);
}

}  // namespace vseal::io
