#pragma once
// PC1 layers in HDF5 (architecture.md §4): file `layers.h5`, dataset "/layers" of shape
// [L][N][32] unsigned bytes, chunked by 1 MiB along N so PC2 ranks can read hyperslabs. Whole
// layers are written and read by PC1; PC2 reads node ranges (hyperslabs), alone or from every
// rank of an MPI job through MPI-IO. Durability (flush + fsync) is explicit so the job can record a
// layer as complete only after it is on disk. Not thread-safe: one store per thread.
#include <mpi.h>
#include <cstdint>
#include <filesystem>

#include <span>

namespace vseal::io {

class H5LayerStore {
 public:
  // Opens `path` if it holds a /layers dataset of exactly this shape, else (re)creates it.
  static H5LayerStore open_or_create(const std::filesystem::path& path, std::uint64_t layers,
                                     std::uint64_t nodes);
  // Opens an existing store read-only, taking its shape from the file.
  static H5LayerStore open_read_only(const std::filesystem::path& path);
  // The same, opened collectively by every rank of `comm` with the MPI-IO driver; each rank
  // then reads its own hyperslabs independently.
  static H5LayerStore open_read_only_mpi(const std::filesystem::path& path, MPI_Comm comm);
  ~H5LayerStore();
  H5LayerStore(H5LayerStore&& other) noexcept;
  H5LayerStore& operator=(H5LayerStore&&) = delete;
  H5LayerStore(const H5LayerStore&) = delete;
  H5LayerStore& operator=(const H5LayerStore&) = delete;

  std::uint64_t layers() const { return layers_; }
  std::uint64_t nodes() const { return nodes_; }
  bool created() const { return created_; }

  // layer is 1-based; data is nodes*32 bytes.
  void write_layer(std::uint64_t layer, std::span<const std::uint8_t> data);
  void read_layer(std::uint64_t layer, std::span<std::uint8_t> out) const;
  // Nodes [first, first + out.size()/32) of `layer` (1-based).
  void read_nodes(std::uint64_t layer, std::uint64_t first, std::span<std::uint8_t> out) const;
  // Flushes HDF5's buffers and fsyncs the file.
  void sync();

 private:
  H5LayerStore(std::filesystem::path path, std::int64_t file, std::int64_t dataset,
               std::uint64_t layers, std::uint64_t nodes, bool created);
  static H5LayerStore open_existing(const std::filesystem::path& path, std::int64_t fapl);
  void transfer(std::uint64_t layer, std::uint64_t first, void* buffer, std::size_t bytes,
                bool write) const;
  std::filesystem::path path_;
  std::int64_t file_ = -1;
  std::int64_t dataset_ = -1;
  std::uint64_t layers_ = 0;
  std::uint64_t nodes_ = 0;
  bool created_ = false;
};

}  // namespace vseal::io
