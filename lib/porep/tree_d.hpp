#pragma once
// tree_d (porep-sdr.md §5.1): the binary SHA-256 tree over the unsealed sector, written as
// rust-fil-proofs writes `sc-02-data-tree-d.dat` — every row from the leaves to the root,
// (2N-1)*32 bytes, no header. Built in 1 MiB chunks of leaves (their sub-trees written in
// place) and the rows above the chunk roots in memory, so memory stays small for any sector.
// A CC sector's rows are copies of the zero commitments: no hashing. The file appears under
// its final name only when complete.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "merkle/sha256_tree.hpp"

namespace vseal::porep {

inline constexpr const char* kTreeDFileName = "sc-02-data-tree-d.dat";

// Writes the tree of `sector_size` bytes read from `data` (nullopt: an all-zero CC sector) to
// `out` and returns its root, comm_d. `data` must hold exactly sector_size bytes.
merkle::Node write_tree_d(const std::optional<std::filesystem::path>& data,
                          std::uint64_t sector_size, const std::filesystem::path& out);

// Root of an existing tree_d file (its last 32 bytes), after checking its size.
merkle::Node read_tree_d_root(const std::filesystem::path& file, std::uint64_t sector_size);

}  // namespace vseal::porep
