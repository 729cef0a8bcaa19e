#pragma once
// fil-blst's test proof files (../shared/vectors/params/README.md): a verifying key, Groth16
// proofs and their public inputs, the inputs stored as 32-byte big-endian field elements.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "field/fr.hpp"

namespace vseal::testing {

struct PrfFile {
  std::vector<std::uint8_t> vk;                // bellperson .vk bytes
  std::vector<std::uint8_t> proofs;            // 192 bytes per proof
  std::vector<std::vector<field::Fr>> inputs;  // per proof
};

// seal32_x10.prf: N (u64 BE) || M (u64 BE) || vk || N x (proof || M inputs)
PrfFile read_prf_batch(const std::filesystem::path& path);
// winning32.prf: proof || M (u64 BE) || M inputs || vk (to the end)
PrfFile read_prf_single(const std::filesystem::path& path);

std::filesystem::path params_dir();

}  // namespace vseal::testing
