#pragma once
// SDR labelling (porep-sdr.md §7): label_l[v] = trunc254(SHA256(replica_id || BE32(l) ||
// BE64(v) || 0^20 || P_0..P_36)), parents taken from the current layer (base) and the previous
// layer (expander). Layers are flat arrays of nodes*32 bytes. `parents` is the parent cache
// layout: 14 u32 per node. Single-sector labelling runs one SHA-256 stream (node v needs v-1);
// the batch labels several sectors of the same graph together, reading each node's parents
// once and compressing 2 or 4 sectors' messages interleaved. Both give identical bytes.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace vseal::porep {

struct LayerRange {
  std::uint64_t first;  // node range [first, last) of the layer to compute
  std::uint64_t last;
};

// Computes nodes [range.first, range.last) of layer `layer` (1-based) into `cur`; `prev` is the
// previous layer (ignored for layer 1). Nodes before range.first must already be in `cur`.
void label_layer(const std::uint32_t* parents, std::uint64_t nodes,
                 std::span<const std::uint8_t, 32> replica_id, std::uint32_t layer,
                 std::uint8_t* cur, const std::uint8_t* prev, LayerRange range);

// The same for several sectors sharing the graph: cur[s], prev[s], replica_ids[s].
void label_layer_batch(const std::uint32_t* parents, std::uint64_t nodes,
                       std::span<const std::array<std::uint8_t, 32>> replica_ids,
                       std::uint32_t layer, std::span<std::uint8_t* const> cur,
                       std::span<const std::uint8_t* const> prev);

// All layers of one sector in memory (small sectors, tests, the CLI): result[l-1] is layer l.
std::vector<std::vector<std::uint8_t>> label_all_layers(
    const std::uint32_t* parents, std::uint64_t nodes, std::span<const std::uint8_t, 32> replica_id,
    std::size_t layers);

}  // namespace vseal::porep
