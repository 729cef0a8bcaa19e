#pragma once
// The parent cache (porep-sdr.md §6.5): for every node its 14 parents as LE u32, 56 bytes per
// node, file "v28-sdr-parent-<digest>.cache" with the same name and bytes as rust-fil-proofs.
// Generation is parallel and atomic (temporary file + rename). Beside the cache vseal keeps
// "<name>.sha256" (the whole file's SHA-256); opening re-hashes the file and compares, and a
// missing sidecar is settled by regenerating the expected digest. A truncated or corrupt cache
// is rebuilt, never used. The open cache is a read-only memory map, safe to share.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "io/mapped_file.hpp"
#include "porep/graph.hpp"

namespace vseal::porep {

inline constexpr std::size_t kParentCacheBytesPerNode = kParentCount * 4;

// "v28-sdr-parent-<hex(SHA256(X))>.cache" (§6.5).
std::string parent_cache_file_name(const GraphParams& params);

struct ParentCacheInfo {
  std::filesystem::path path;
  std::string sha256;  // lower-case hex of the whole file
  std::uint64_t bytes;
  bool generated;  // false when an existing, verified file was reused
};

// Streams the cache bytes for nodes [0, N) in order, computed with `threads` threads, into
// `sink(chunk)`; returns the SHA-256 of everything streamed.
std::string generate_parent_cache_bytes(
    const GraphParams& params, unsigned threads,
    const std::function<void(std::span<const std::uint8_t>)>& sink);

// The whole cache in memory (small graphs, tests, the CLI): 14 u32 per node.
std::vector<std::uint32_t> parent_cache_in_memory(const GraphParams& params, unsigned threads);

class ParentCache {
 public:
  // Verifies the cache in `dir` (or builds it), then maps it.
  static ParentCache open(const std::filesystem::path& dir, const GraphParams& params,
                          unsigned threads);

  const ParentCacheInfo& info() const { return info_; }
  // The 14 parents of node v.
  std::span<const std::uint32_t, kParentCount> parents(std::uint64_t v) const {
    return std::span<const std::uint32_t, kParentCount>(data_ + v * kParentCount, kParentCount);
  }
  const std::uint32_t* data() const { return data_; }

 private:
  ParentCache(ParentCacheInfo info, io::MappedFile map);
  ParentCacheInfo info_;
  io::MappedFile map_;
  const std::uint32_t* data_;
};

}  // namespace vseal::porep
