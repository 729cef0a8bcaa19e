// DRG bucket-sampling base parents and Feistel expander parents (porep-sdr.md §6.2-6.4).
#include "porep/graph.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "base/error.hpp"
#include "porep/chacha.hpp"
#include "porep/ids.hpp"

namespace vseal::porep {

void check_graph_params(const GraphParams& params) {
  // 2^31 nodes (64GiB) is the largest sector; parents are stored as u32.
  if (params.nodes < 2 || !std::has_single_bit(params.nodes) || params.nodes > (1ull << 31)) {
    throw Error(ErrorCode::BadInput, "graph node count " + std::to_string(params.nodes) +
                                         " must be a power of two in 2..2^31");
  }
}

ParentGenerator::ParentGenerator(const GraphParams& params)
    : params_(params),
      seed_(drg_seed(params.porep_id)),
      feistel_(feistel_keys(params.porep_id), params.nodes * kExpansionDegree) {
  check_graph_params(params);
}

void ParentGenerator::base_parents(std::uint64_t v,
                                   std::span<std::uint32_t, kBaseDegree> out) const {
  if (v < 2) {
    std::fill(out.begin(), out.end(), 0u);
    return;
  }
  std::array<std::uint8_t, 32> key{};
  std::memcpy(key.data(), seed_.data(), seed_.size());
  for (std::size_t i = 0; i < 4; ++i) key[28 + i] = static_cast<std::uint8_t>(v >> (8 * i));
  ChaCha8 rng(key);
  const std::uint64_t meta = 5 * v;
  // ceil(log2(meta)); meta is a multiple of 5, never a power of two.
  const std::uint64_t buckets = static_cast<std::uint64_t>(std::bit_width(meta - 1));
  std::array<std::uint32_t, 5> random{};
  for (auto& parent : random) {
    const std::uint64_t b = rng.next_u64() % buckets + 1;
    const std::uint64_t hi = std::min(meta, std::uint64_t{1} << b);
    const std::uint64_t lo = std::max<std::uint64_t>(2, hi / 2);
    const std::uint64_t dist = lo + rng.next_u64() % (hi - lo + 1);
    std::uint64_t p = (meta - dist) / 5;
    if (p == v) p = v - 1;
    parent = static_cast<std::uint32_t>(p);
  }
  const auto pred = static_cast<std::uint32_t>(v - 1);
  if (params_.api_version == ApiVersion::V1_0_0) {
    std::copy(random.begin(), random.end(), out.begin());
    out[5] = pred;
  } else {
    out[0] = pred;
    std::copy(random.begin(), random.end(), out.begin() + 1);
  }
}

void ParentGenerator::expander_parents(std::uint64_t v,
                                       std::span<std::uint32_t, kExpansionDegree> out) {
  for (std::size_t i = 0; i < kExpansionDegree; ++i) {
    std::uint64_t t = feistel_.permute(kExpansionDegree * v + i);
    if (params_.api_version == ApiVersion::V1_0_0) t &= 0xffffffffull;  // legacy truncation
    out[i] = static_cast<std::uint32_t>(t / kExpansionDegree);
  }
}

void ParentGenerator::parents(std::uint64_t v, std::span<std::uint32_t, kParentCount> out) {
  base_parents(v, out.first<kBaseDegree>());
  expander_parents(v, out.last<kExpansionDegree>());
}

}  // namespace vseal::porep
