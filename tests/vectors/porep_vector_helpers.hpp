#pragma once
// Small helpers shared by the PoRep vector tests.
#include <nlohmann/json.hpp>
#include <vector>

#include "base/hex.hpp"
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

}  // namespace vseal::testing
