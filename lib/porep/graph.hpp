#pragma once
// The SDR graph (porep-sdr.md §6): every node v has 14 parents, 6 base (DRG bucket sampling,
// same layer) then 8 expander (Feistel, previous layer), in hashing order. The ApiVersion
// selects where v-1 sits among the base parents and whether expander indices are truncated to
// 32 bits (1.0.0). A ParentGenerator owns a Feistel digest context: one per thread.
#include <array>
#include <cstdint>
#include <span>

#include "porep/feistel.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::porep {

inline constexpr std::size_t kBaseDegree = 6;
inline constexpr std::size_t kExpansionDegree = 8;
inline constexpr std::size_t kParentCount = kBaseDegree + kExpansionDegree;

struct GraphParams {
  std::uint64_t nodes;  // power of two, >= 2
  PorepId porep_id;
  ApiVersion api_version;
};

class ParentGenerator {
 public:
  explicit ParentGenerator(const GraphParams& params);
  void parents(std::uint64_t v, std::span<std::uint32_t, kParentCount> out);
  void base_parents(std::uint64_t v, std::span<std::uint32_t, kBaseDegree> out) const;
  void expander_parents(std::uint64_t v, std::span<std::uint32_t, kExpansionDegree> out);

  const Feistel& feistel() const { return feistel_; }

 private:
  GraphParams params_;
  std::array<std::uint8_t, 28> seed_;
  Feistel feistel_;
};

// Validates a graph description (node count a power of two within the supported range).
void check_graph_params(const GraphParams& params);

}  // namespace vseal::porep
