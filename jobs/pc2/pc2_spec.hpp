#pragma once
// The PC2 job spec (docs/job-specs.md): the sector, its comm_d, where PC1 left the layers, the
// unsealed data (or CC) and where the sealed replica and the cache directory go. Parsed
// strictly: unknown or missing fields are Error{BadInput} (exit code 2).
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "jobs/common/sector_spec.hpp"

namespace vseal::pc2 {

enum class LayerInput { Hdf5, CacheFiles };

struct Pc2Spec {
  jobs::SectorIdentity sector;
  std::array<std::uint8_t, 32> comm_d;
  std::optional<std::array<std::uint8_t, 32>> replica_id;  // passed through to result.json
  bool cc;                                                 // all-zero sector; otherwise `data`
  std::filesystem::path data;                              // the fr32-padded unsealed sector
  LayerInput layer_input;  // layers.h5 in the sector dir, or sc-02-data-layer-<l>.dat in cache
  std::filesystem::path scratch;
  std::filesystem::path cache;   // rust-fil-proofs cache directory (tree files, p_aux, t_aux)
  std::filesystem::path sealed;  // the replica file
  int rows_to_discard;           // tree_r_last; default rust-fil-proofs' rule
  unsigned threads;
  unsigned gpus;       // 0: CPU; >= 1: one GPU per rank when the node has one
  std::string sha256;  // digest of what determines the output bytes

  std::filesystem::path sector_dir() const {
    return scratch / std::to_string(sector.miner) / std::to_string(sector.sector_number);
  }
};

Pc2Spec parse_pc2_spec(const std::filesystem::path& file);

}  // namespace vseal::pc2
