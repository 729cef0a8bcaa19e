#pragma once
// Small helpers shared by the PoRep vector tests.
#include <nlohmann/json.hpp>
#include <vector>

#include "base/hex.hpp"
#include "porep/fr32.hpp"
#include "porep/graph.hpp"
#include "porep/parent_cache.hpp"

namespace vseal::testing {

inline std::array<std::uint8_t, 32> bytes32(const nlohmann::json& hex) {
  std::array<std::uint8_t, 32> out{};
  from_hex_exact(out, hex.get<std::string>(), "vector field");
  return out;
}

// The whole parent cache of a graph, in memory.
inline std::vector<std::uint32_t> parents_of(const porep::GraphParams& g) {
  return porep::parent_cache_in_memory(g, 2);
}

// The sector of an e2e seal vector (porep-sdr.md §11 item 6): all zero for the CC entries, else
// the fr32 padding of u[i] = (151 i + 7) mod 256 over the sector's unpadded capacity.
inline bool e2e_is_cc(const nlohmann::json& inputs) {
  return inputs.at("data_description").get<std::string>().find("all-zero") != std::string::npos;
}

inline std::vector<std::uint8_t> e2e_sector_data(const nlohmann::json& inputs) {
  const std::uint64_t size = inputs.at("sector_size_bytes");
  if (e2e_is_cc(inputs)) return std::vector<std::uint8_t>(size, 0);
  std::vector<std::uint8_t> u(size / 128 * 127);
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = static_cast<std::uint8_t>((151 * i + 7) % 256);
  return porep::fr32_pad(u);
}

}  // namespace vseal::testing
