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
  std::vector<std::uint32_t> parents;
  parents.reserve(g.nodes * porep::kParentCount);
  porep::generate_parent_cache_bytes(g, 2, [&](auto chunk) {
    const auto* p = reinterpret_cast<const std::uint32_t*>(chunk.data());
    parents.insert(parents.end(), p, p + chunk.size() / 4);
  });
  return parents;
}

}  // namespace vseal::testing
