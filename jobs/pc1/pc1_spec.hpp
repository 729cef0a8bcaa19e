#pragma once
// The PC1 job spec (docs/job-specs.md): which sector, which graph, where the data is, where to
// write. Parsed strictly: unknown or missing fields are Error{BadInput} (exit code 2).
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "porep/registered_proof.hpp"

namespace vseal::pc1 {

struct Pc1Spec {
  std::uint64_t miner;  // actor id (t0<miner>)
  std::uint64_t sector_number;
  std::string registered_proof;  // empty for test sizes given by sector_size + porep_id
  std::uint64_t sector_size;
  std::uint64_t nodes;
  int layers;
  porep::PorepId porep_id;
  porep::ApiVersion api_version;
  std::array<std::uint8_t, 32> ticket;
  std::array<std::uint8_t, 32> prover_id;
  bool cc;                        // committed capacity: all-zero sector, no data file
  std::filesystem::path data;     // otherwise: the staged, fr32-padded unsealed sector
  std::filesystem::path scratch;  // sector work directory is <scratch>/<miner>/<sector_number>
  std::filesystem::path parents;  // parent cache directory
  std::optional<std::filesystem::path> cache;  // also write sc-02-data-layer-<l>.dat here
  unsigned threads;
  std::string sha256;  // digest of the canonical spec: binds the resume ledger to this spec

  std::filesystem::path sector_dir() const {
    return scratch / std::to_string(miner) / std::to_string(sector_number);
  }
};

Pc1Spec parse_pc1_spec(const std::filesystem::path& file);

// Lotus' prover_id for actor id `miner`: unsigned LEB128 of the id, zero-padded to 32 bytes.
std::array<std::uint8_t, 32> prover_id_for_miner(std::uint64_t miner);

}  // namespace vseal::pc1
