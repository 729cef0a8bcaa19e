#pragma once
// Moving a proven sector from its sealing directory into a persisted store, crash-safe and
// repeatable: every file is written under a temporary name, synced and renamed into place, a
// file already in place is left alone, and the replica goes last, so "the replica is in the
// store" means "the whole sector is". The sealing files nobody reads any more (layers, tree-c,
// tree-d) are deleted only after the copy was checked.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "stores/persisted_stores.hpp"

namespace vseal::coord {

struct FileCopy {
  std::filesystem::path from, to;
};

// What a proven sector keeps: from its cache p_aux, t_aux and the tree-r-last files (one per
// sub-tree for large sectors), then the replica. Error{BadInput} when the source has no
// p_aux or no tree-r-last file and the destination has neither (nothing to move).
std::vector<FileCopy> persist_plan(const SectorLocation& from, const SectorLocation& to);

// Bytes of the plan's files not yet in place (what a store must still have room for).
std::uint64_t bytes_to_write(const std::vector<FileCopy>& plan);

// Copies every file not yet in place (temporary name, fsync, rename, fsync of the directory).
// A source that is gone while its destination exists counts as done (a move that crashed after
// deleting the sealing files). Error{Io} when neither exists or a write fails.
void copy_into_store(const std::vector<FileCopy>& plan);

// Deletes what sealing left in <scratch>/<miner>/<number> besides the job records and results:
// layers.h5 and data-layer files, the replica, cache/ and tree-d. Returns the bytes freed.
std::uint64_t drop_sealing_files(const std::filesystem::path& sector_dir);

}  // namespace vseal::coord
