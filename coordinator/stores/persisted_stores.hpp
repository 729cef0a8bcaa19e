#pragma once
// Persisted stores: where a sector's replica and the files WindowPoSt reads live once it is
// proven on chain (coordinator.md §4.10). The configured stores and those found through
// sectorstore.json files, the choice of a store for a new sector (not ReadOnly, admitting the
// miner, with room for it after what other sectors moving there still need, then weighted at
// random) and the on-disk names lotus and damocles use: <Path>/sealed/s-t0<m>-<n> and
// <Path>/cache/s-t0<m>-<n>/.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace vseal::coord {

// [PersistedStore] Stores plus one store per Includes directory (its sectorstore.json, lotus'
// or damocles' keys). Refused (Error{BadInput}, naming the file or store): a missing store
// directory, a malformed or unknown-keyed sectorstore.json, two stores with one name.
std::vector<PersistStore> load_persisted_stores(const Config& cfg);
PersistStore read_sectorstore_json(const std::filesystem::path& dir);

bool store_admits(const PersistStore& store, std::uint64_t miner);

struct StoreRoom {
  std::uint64_t free = 0;      // bytes available to vcoord's user on the store's filesystem
  std::uint64_t reserved = 0;  // bytes other sectors moving there still have to write
};

// The store for a sector needing `need` bytes, or nullopt when none can take it. `draw` is a
// uniformly random number; the same inputs give the same choice.
std::optional<std::size_t> choose_store(std::span<const PersistStore> stores,
                                        std::span<const StoreRoom> room, std::uint64_t miner,
                                        std::uint64_t need, std::uint64_t draw);

// Where a sector's replica and cache directory are; `strict` when only regular files count.
struct SectorLocation {
  std::filesystem::path sealed, cache;
  std::string store;  // empty: the scratch directory
  bool strict = false;
};

// Where a sector is sealed: <scratch>/<miner>/<number>/ (cache/ and sealed inside, with the
// job directories and results).
std::filesystem::path sector_dir(const std::filesystem::path& scratch, std::uint64_t miner,
                                 std::uint64_t number);
std::string sector_file_name(std::uint64_t miner, std::uint64_t number);  // s-t0<m>-<n>
SectorLocation location_in_store(const PersistStore& store, std::uint64_t miner,
                                 std::uint64_t number);
SectorLocation location_in_scratch(const std::filesystem::path& scratch, std::uint64_t miner,
                                   std::uint64_t number);
const PersistStore* find_store(std::span<const PersistStore> stores, std::string_view name);

// Where the files of a sector whose record names `store` are read from: that store, except
// while the sector is `still_moving` into it and its replica (written last, so the cache files
// are complete when it is there) has not arrived; then, as with no store, the scratch
// directory. A store no longer configured gives the scratch directory too (the daemon reports
// such sectors at start).
SectorLocation locate_sector(std::span<const PersistStore> stores,
                             const std::filesystem::path& scratch, std::uint64_t miner,
                             std::uint64_t number, const std::optional<std::string>& store,
                             bool still_moving);

// Why a Strict store's sector may not be read (one of its files is a symlink or another
// non-regular file), or nullopt.
std::optional<std::string> strict_store_refuses(const SectorLocation& at);

}  // namespace vseal::coord
