// tree_d in chunks: each chunk of leaves is hashed up to its own root with every row piece
// written at its place in the full-tree layout; the chunk roots then make the top rows.
#include "porep/tree_d.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "io/positional_file.hpp"
#include "merkle/tree_shape.hpp"

namespace vseal::porep {
namespace {

constexpr std::uint64_t kChunkLeaves = std::uint64_t{1} << 15;  // 1 MiB of leaves

// Byte offset of row r in the full-tree file.
std::uint64_t row_offset(const merkle::TreeGeometry& g, int r) {
  return g.row_start(r) * 32;
}

void check_size(std::uint64_t sector_size) {
  if (sector_size < 64 || !std::has_single_bit(sector_size))
    throw Error(ErrorCode::BadInput, "tree_d: sector size " + std::to_string(sector_size) +
                                         " is not a power of two of at least 64 bytes");
}

merkle::Node write_zero_tree(const merkle::TreeGeometry& g, io::PositionalFile& file) {
  std::vector<std::uint8_t> run;
  merkle::Node z{};
  for (int r = 0; r < g.rows; ++r) {
    const std::uint64_t width = g.row_width(r);
    const std::uint64_t per_write = std::min<std::uint64_t>(width, kChunkLeaves);
    run.resize(per_write * 32);
    for (std::uint64_t i = 0; i < per_write; ++i) std::memcpy(run.data() + 32 * i, z.data(), 32);
    for (std::uint64_t i = 0; i < width; i += per_write)
      file.write_at(row_offset(g, r) + i * 32, run);
    if (r + 1 < g.rows) z = merkle::sha256_node(z, z);
  }
  return z;
}

}  // namespace

merkle::Node write_tree_d(const std::optional<std::filesystem::path>& data,
                          std::uint64_t sector_size, const std::filesystem::path& out) {
  check_size(sector_size);
  const std::uint64_t n = sector_size / 32;
  const auto g = merkle::tree_geometry(n, 2);
  auto file = io::PositionalFile::open_write(io::partial_path(out));
  file.resize(g.total() * 32);
  merkle::Node root;
  if (!data) {
    root = write_zero_tree(g, file);
  } else {
    const auto source = io::PositionalFile::open_read(*data);
    if (source.size() != sector_size) {
      throw Error(ErrorCode::BadInput, data->string() + " holds " + std::to_string(source.size()) +
                                           " bytes, expected the sector size " +
                                           std::to_string(sector_size));
    }
    const std::uint64_t chunk = std::min(n, kChunkLeaves);
    const int chunk_rows = std::countr_zero(chunk);  // rows above the leaves
    std::vector<std::uint8_t> roots;
    std::vector<std::uint8_t> below(chunk * 32), above(chunk * 16);
    for (std::uint64_t c = 0; c < n / chunk; ++c) {
      below.resize(chunk * 32);
      source.read_at(c * chunk * 32, below);
      file.write_at(c * chunk * 32, below);
      for (int r = 1; r <= chunk_rows; ++r) {
        above.resize(below.size() / 2);
        merkle::sha256_tree_level(below, above);
        file.write_at(row_offset(g, r) + c * (chunk >> r) * 32, above);
        std::swap(below, above);
      }
      roots.insert(roots.end(), below.begin(), below.end());
    }
    // Rows above the chunk roots, all in memory (N/2^15 nodes at most).
    int r = chunk_rows;
    while (roots.size() > 32) {
      std::vector<std::uint8_t> next(roots.size() / 2);
      merkle::sha256_tree_level(roots, next);
      file.write_at(row_offset(g, ++r), next);
      roots = std::move(next);
    }
    std::copy_n(roots.begin(), 32, root.begin());
  }
  file.sync();
  io::commit_partial_file(out);
  return root;
}

merkle::Node read_tree_d_root(const std::filesystem::path& path, std::uint64_t sector_size) {
  check_size(sector_size);
  const auto file = io::PositionalFile::open_read(path);
  const std::uint64_t expected = (2 * (sector_size / 32) - 1) * 32;
  if (file.size() != expected) {
    throw Error(ErrorCode::Corrupt, path.string() + " holds " + std::to_string(file.size()) +
                                        " bytes; a tree_d of this sector holds " +
                                        std::to_string(expected));
  }
  merkle::Node root;
  file.read_at(expected - 32, root);
  return root;
}

}  // namespace vseal::porep
