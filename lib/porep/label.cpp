// Labelling kernels. A message for v >= 1 is 1248 bytes = 20 SHA-256 blocks: block 0 is the
// prefix, blocks 1..18 hold parents P_0..P_35, block 19 holds P_36 and the padding (0x80, zeros,
// bit length 9984). The parent sequence repeats 6 (layer 1) or 14 (later layers) distinct labels,
// so only those are gathered from memory and the rest is copied from the message itself.
#include "porep/label.hpp"

#include <cstring>
#include <string>

#include "base/error.hpp"
#include "hash/sha256.hpp"
#include "porep/graph.hpp"

namespace vseal::porep {
namespace {

constexpr std::size_t kBlocks = 20;
constexpr std::size_t kMessageBytes = kBlocks * 64;
constexpr std::size_t kParentSlots = 37;

// One node's message buffer: the tail padding of block 19 never changes.
struct alignas(64) Message {
  std::uint8_t bytes[kMessageBytes];
  Message() {
    std::memset(bytes, 0, sizeof bytes);
    bytes[64 + kParentSlots * 32] = 0x80;
    // Bit length 1248 * 8 = 9984 = 0x2700, big-endian in the last 8 bytes.
    bytes[kMessageBytes - 2] = 0x27;
    bytes[kMessageBytes - 1] = 0x00;
  }
};

void write_prefix(std::uint8_t* block, std::span<const std::uint8_t, 32> replica_id,
                  std::uint32_t layer, std::uint64_t v) {
  std::memcpy(block, replica_id.data(), 32);
  for (int i = 0; i < 4; ++i) block[32 + i] = static_cast<std::uint8_t>(layer >> (24 - 8 * i));
  for (int i = 0; i < 8; ++i) block[36 + i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
  std::memset(block + 44, 0, 20);
}

// Fills P_0..P_36 of `m` for node v >= 1.
inline void gather_parents(Message& m, const std::uint32_t* p, std::uint32_t layer,
                           const std::uint8_t* cur, const std::uint8_t* prev) {
  std::uint8_t* slots = m.bytes + 64;
  if (layer == 1) {
    for (std::size_t j = 0; j < kBaseDegree; ++j)
      std::memcpy(slots + 32 * j, cur + 32ull * p[j], 32);
    // P = B_0..B_5 six times, then B_0.
    for (std::size_t k = kBaseDegree; k < kParentSlots; k += kBaseDegree) {
      std::memcpy(slots + 32 * k, slots, 32 * std::min(kBaseDegree, kParentSlots - k));
    }
  } else {
    for (std::size_t j = 0; j < kBaseDegree; ++j)
      std::memcpy(slots + 32 * j, cur + 32ull * p[j], 32);
    for (std::size_t j = kBaseDegree; j < kParentCount; ++j) {
      std::memcpy(slots + 32 * j, prev + 32ull * p[j], 32);
    }
    // P = X_0..X_13, X_0..X_13, X_0..X_8.
    std::memcpy(slots + 32 * kParentCount, slots, 32 * kParentCount);
    std::memcpy(slots + 64 * kParentCount, slots, 32 * (kParentSlots - 2 * kParentCount));
  }
}

// How many nodes ahead the parent labels are prefetched. One node takes 0.6-2 us of hashing,
// far longer than a DRAM miss, so a short lead covers the latency; 2, 8 and 32 measured the same
// within noise on a 512MiB sector (docs/performance.md), 8 leaves margin for slower memory.
constexpr std::uint64_t kPrefetchDistance = 8;

inline void prefetch_parents(const std::uint32_t* p, std::uint32_t layer, const std::uint8_t* cur,
                             const std::uint8_t* prev) {
  for (std::size_t j = 0; j < kBaseDegree; ++j) __builtin_prefetch(cur + 32ull * p[j]);
  if (layer > 1) {
    for (std::size_t j = kBaseDegree; j < kParentCount; ++j)
      __builtin_prefetch(prev + 32ull * p[j]);
  }
}

inline void store_label(std::uint8_t* dst, const hash::Sha256State& st) {
  const auto d = st.digest();
  std::memcpy(dst, d.data(), 32);
  dst[31] &= 0x3f;
}

// Node 0 has no parents: the message is the 64-byte prefix alone.
void label_node_zero(std::span<const std::uint8_t, 32> replica_id, std::uint32_t layer,
                     std::uint8_t* dst) {
  std::array<std::uint8_t, 64> prefix;
  write_prefix(prefix.data(), replica_id, layer, 0);
  const auto d = hash::sha256_64(prefix);
  std::memcpy(dst, d.data(), 32);
  dst[31] &= 0x3f;
}

void check_layer(std::uint32_t layer, const std::uint8_t* prev) {
  if (layer == 0) throw Error(ErrorCode::BadInput, "layers are numbered from 1");
  if (layer > 1 && prev == nullptr) {
    throw Error(ErrorCode::BadInput,
                "layer " + std::to_string(layer) + " needs the previous layer");
  }
}

}  // namespace

void label_layer(const std::uint32_t* parents, std::uint64_t nodes,
                 std::span<const std::uint8_t, 32> replica_id, std::uint32_t layer,
                 std::uint8_t* cur, const std::uint8_t* prev, LayerRange range) {
  check_layer(layer, prev);
  if (range.first > range.last || range.last > nodes) {
    throw Error(ErrorCode::BadInput, "label range is outside the layer");
  }
  Message m;
  for (std::uint64_t v = range.first; v < range.last; ++v) {
    if (v == 0) {
      label_node_zero(replica_id, layer, cur);
      continue;
    }
    if (v + kPrefetchDistance < range.last) {
      prefetch_parents(parents + (v + kPrefetchDistance) * kParentCount, layer, cur, prev);
    }
    write_prefix(m.bytes, replica_id, layer, v);
    gather_parents(m, parents + v * kParentCount, layer, cur, prev);
    hash::Sha256State st = hash::Sha256State::initial();
    hash::sha256_compress(st, m.bytes, kBlocks);
    store_label(cur + 32 * v, st);
  }
}

void label_layer_batch(const std::uint32_t* parents, std::uint64_t nodes,
                       std::span<const std::array<std::uint8_t, 32>> replica_ids,
                       std::uint32_t layer, std::span<std::uint8_t* const> cur,
                       std::span<const std::uint8_t* const> prev) {
  const std::size_t sectors = replica_ids.size();
  if (cur.size() != sectors || (layer > 1 && prev.size() != sectors)) {
    throw Error(ErrorCode::BadInput,
                "batch labelling needs one current (and previous) layer per sector");
  }
  for (std::size_t s = 0; s < sectors; ++s) {
    check_layer(layer, layer > 1 ? prev[s] : nullptr);
    label_node_zero(replica_ids[s], layer, cur[s]);
  }
  std::vector<Message> msgs(sectors);
  std::vector<hash::Sha256State> states(sectors);
  std::vector<const std::uint8_t*> data(sectors);
  for (std::size_t s = 0; s < sectors; ++s) data[s] = msgs[s].bytes;
  for (std::uint64_t v = 1; v < nodes; ++v) {
    const std::uint32_t* p = parents + v * kParentCount;  // read once for every sector
    if (v + kPrefetchDistance < nodes) {
      const std::uint32_t* ahead = parents + (v + kPrefetchDistance) * kParentCount;
      for (std::size_t s = 0; s < sectors; ++s) {
        prefetch_parents(ahead, layer, cur[s], layer > 1 ? prev[s] : nullptr);
      }
    }
    for (std::size_t s = 0; s < sectors; ++s) {
      write_prefix(msgs[s].bytes, replica_ids[s], layer, v);
      gather_parents(msgs[s], p, layer, cur[s], layer > 1 ? prev[s] : nullptr);
      states[s] = hash::Sha256State::initial();
    }
    std::size_t s = 0;
    for (; s + 4 <= sectors; s += 4) {
      hash::sha256_compress_x4(std::span<hash::Sha256State, 4>(states.data() + s, 4),
                               std::span<const std::uint8_t* const, 4>(data.data() + s, 4),
                               kBlocks);
    }
    for (; s + 2 <= sectors; s += 2) {
      hash::sha256_compress_x2(std::span<hash::Sha256State, 2>(states.data() + s, 2),
                               std::span<const std::uint8_t* const, 2>(data.data() + s, 2),
                               kBlocks);
    }
    for (; s < sectors; ++s) hash::sha256_compress(states[s], data[s], kBlocks);
    for (std::size_t t = 0; t < sectors; ++t) store_label(cur[t] + 32 * v, states[t]);
  }
}

std::vector<std::vector<std::uint8_t>> label_all_layers(
    const std::uint32_t* parents, std::uint64_t nodes, std::span<const std::uint8_t, 32> replica_id,
    std::size_t layers) {
  std::vector<std::vector<std::uint8_t>> out(layers, std::vector<std::uint8_t>(nodes * 32));
  for (std::size_t l = 0; l < layers; ++l) {
    label_layer(parents, nodes, replica_id, static_cast<std::uint32_t>(l + 1), out[l].data(),
                l == 0 ? nullptr : out[l - 1].data(), {0, nodes});
  }
  return out;
}

}  // namespace vseal::porep
