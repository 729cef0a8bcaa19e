#pragma once
// The rust-fil-proofs cache directory (porep-sdr.md §9): file names of the layer and tree
// stores, and the two small metadata files PC2 leaves for C1 and PoSt — p_aux (comm_c ||
// comm_r_last, 64 bytes) and t_aux (bincode 1.3 TemporaryAux: the StoreConfig of every store).
// Byte-compatible so lotus, damocles or curio can prove a sector vseal sealed. Parsers reject
// truncated, oversized or inconsistent input with Error{Corrupt}.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "field/fr.hpp"

namespace vseal::porep {

inline constexpr const char* kPAuxFileName = "p_aux";
inline constexpr const char* kTAuxFileName = "t_aux";

std::string layer_file_name(int layer);  // sc-02-data-layer-<l>.dat
// sc-02-data-tree-c.dat for one base tree, else sc-02-data-tree-c-<i>.dat.
std::string tree_c_file_name(std::size_t base_trees, std::size_t i);
std::string tree_r_last_file_name(std::size_t base_trees, std::size_t i);

struct PAux {
  field::Fr comm_c;
  field::Fr comm_r_last;
};
std::vector<std::uint8_t> encode_p_aux(const PAux& p);
PAux decode_p_aux(std::span<const std::uint8_t> bytes);

struct StoreConfig {
  std::string path;                   // the cache directory as given to PC2
  std::string id;                     // "layer-1", "tree-d", "tree-r-last", "tree-c"
  std::optional<std::uint64_t> size;  // elements of one (base) tree
  std::uint64_t rows_to_discard = 0;
  friend bool operator==(const StoreConfig&, const StoreConfig&) = default;
};

struct TAux {
  std::vector<StoreConfig> labels;
  StoreConfig tree_d, tree_r_last, tree_c;
  friend bool operator==(const TAux&, const TAux&) = default;
};

// The TemporaryAux rust-fil-proofs writes for a sector of `nodes` nodes, `layers` layers,
// base trees of `base_leaves` leaves and the given tree_r_last rows_to_discard.
TAux make_t_aux(const std::string& cache_dir, std::uint64_t nodes, int layers,
                std::uint64_t base_leaves, int rows_to_discard);
std::vector<std::uint8_t> encode_t_aux(const TAux& t);
TAux decode_t_aux(std::span<const std::uint8_t> bytes);

}  // namespace vseal::porep
