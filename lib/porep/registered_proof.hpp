#pragma once
// The one table of Filecoin seal proof types and sector shapes (porep-sdr.md §1). Registered
// proofs (ids 0..19) fix sector size, ApiVersion and feature; porep_id is derived from the id.
// Test sector sizes (4KiB, 16KiB, 32KiB, 16MiB, 1GiB) have shapes but no registered proof and
// are used with an explicit porep_id. All data is constant; lookups throw Error{BadInput}.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace vseal::porep {

using PorepId = std::array<std::uint8_t, 32>;

enum class ApiVersion { V1_0_0, V1_1_0, V1_2_0 };
ApiVersion parse_api_version(std::string_view text);  // "1.0.0", "1.1.0", "1.2.0"
std::string_view api_version_name(ApiVersion v);

enum class ApiFeature { None, SyntheticPoRep, NonInteractivePoRep };

struct SectorShape {
  std::uint64_t sector_size;  // bytes
  std::uint64_t nodes;        // sector_size / 32
  int layers;
  int base_arity, sub_arity, top_arity;  // tree_c / tree_r_last shape, 0 = absent
  int rows_to_discard;                   // tree_r_last
  int partitions;                        // interactive PoRep
  int challenges_per_partition;
  bool has_registered_proof;

  // tree_c / tree_r_last are this many base trees (sub x top, an absent level counting 1) of
  // base_tree_leaves() leaves each.
  constexpr std::uint64_t base_trees() const {
    return static_cast<std::uint64_t>(sub_arity > 0 ? sub_arity : 1) *
           static_cast<std::uint64_t>(top_arity > 0 ? top_arity : 1);
  }
  constexpr std::uint64_t base_tree_leaves() const { return nodes / base_trees(); }
};

// Every supported sector size, smallest first.
std::span<const SectorShape> sector_shapes();
const SectorShape& sector_shape(std::uint64_t sector_size);
// "2KiB", "32GiB", or a byte count.
std::uint64_t parse_sector_size(std::string_view text);

struct RegisteredSealProof {
  int id;
  std::string_view name;  // rust-filecoin-proofs-api name, e.g. "StackedDrg32GiBV1_1"
  std::uint64_t sector_size;
  ApiVersion api_version;
  ApiFeature feature;
};

std::span<const RegisteredSealProof> registered_seal_proofs();
const RegisteredSealProof& registered_seal_proof(int id);
// Accepts the rust name and the go-state-types name (..._Feat_NiPoRep).
const RegisteredSealProof& registered_seal_proof(std::string_view name);

// LE64(id) || LE64(nonce) || 16 zero bytes.
PorepId porep_id_for(int registered_proof_id, std::uint64_t nonce = 0);

}  // namespace vseal::porep
