#pragma once
// The binary SHA-256 tree of tree_d / CommD / CommP (porep-sdr.md §5): leaves are the 32-byte
// nodes as they are, a parent is trunc254(SHA256(left || right)). Zero commitments Z[k] are the
// roots of all-zero regions of 32*2^k bytes, so a CC sector's CommD needs no data.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>

namespace vseal::merkle {

using Node = std::array<std::uint8_t, 32>;

// trunc254(SHA256(a || b)).
Node sha256_node(const Node& a, const Node& b);
// Z[k] for k = 0..63 (k = log2(bytes) - 5).
Node zero_commitment(unsigned k);
// Root over `nodes` leaves (a power of two) held in memory.
Node sha256_tree_root(std::span<const std::uint8_t> leaves);
// Root over a file of exactly `bytes` bytes (a power of two, >= 32), streamed.
Node sha256_tree_root_of_file(const std::filesystem::path& path, std::uint64_t bytes);

}  // namespace vseal::merkle
