// Parent cache generation, naming and verification (porep-sdr.md §6.5).
#include "porep/parent_cache.hpp"

#include <algorithm>
#include <bit>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/sha256.hpp"
#include "io/atomic_file.hpp"
#include "porep/ids.hpp"

namespace vseal::porep {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the parent cache is little-endian u32 and is mapped as it is");

// Nodes per generation chunk: 2^16 nodes = 3.5 MiB of output, split over the threads.
constexpr std::uint64_t kChunkNodes = 1u << 16;

std::string file_sha256(const std::filesystem::path& path) {
  const io::MappedFile map(path);
  return to_hex(hash::sha256(map.bytes()));
}

std::filesystem::path sidecar(const std::filesystem::path& cache) {
  auto p = cache;
  p += ".sha256";
  return p;
}

}  // namespace

std::string parent_cache_file_name(const GraphParams& params) {
  check_graph_params(params);
  const std::string identifier =
      "stacked_graph::StackedGraph{expansion_degree: 8 base_graph: drgraph::BucketGraph{size: " +
      std::to_string(params.nodes) + "; degree: 6; hasher: poseidon_hasher} }";
  hash::Sha256 h;
  const std::string hasher = "poseidon_hasher";
  h.update(std::span(reinterpret_cast<const std::uint8_t*>(hasher.data()), hasher.size()));
  h.update(std::span(reinterpret_cast<const std::uint8_t*>(identifier.data()), identifier.size()));
  for (const std::uint64_t key : feistel_keys(params.porep_id)) {
    std::uint8_t le[8];
    for (int i = 0; i < 8; ++i) le[i] = static_cast<std::uint8_t>(key >> (8 * i));
    h.update(le);
  }
  std::uint8_t n[4];
  for (int i = 0; i < 4; ++i) n[i] = static_cast<std::uint8_t>(params.nodes >> (8 * i));
  h.update(n);
  return "v28-sdr-parent-" + to_hex(h.finalize()) + ".cache";
}

std::string generate_parent_cache_bytes(
    const GraphParams& params, unsigned threads,
    const std::function<void(std::span<const std::uint8_t>)>& sink) {
  check_graph_params(params);
  threads = std::max(1u, threads);
  std::vector<ParentGenerator> gens;
  for (unsigned t = 0; t < threads; ++t) gens.emplace_back(params);
  std::vector<std::uint32_t> chunk(kChunkNodes * kParentCount);
  hash::Sha256 digest;
  for (std::uint64_t first = 0; first < params.nodes; first += kChunkNodes) {
    const std::uint64_t count = std::min(kChunkNodes, params.nodes - first);
    const std::uint64_t per_thread = (count + threads - 1) / threads;
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      const std::uint64_t lo = t * per_thread, hi = std::min(count, lo + per_thread);
      if (lo >= hi) break;
      workers.emplace_back([&, t, lo, hi] {
        for (std::uint64_t i = lo; i < hi; ++i) {
          gens[t].parents(first + i, std::span<std::uint32_t, kParentCount>(
                                         chunk.data() + i * kParentCount, kParentCount));
        }
      });
    }
    for (auto& w : workers) w.join();
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(chunk.data()),
                                              count * kParentCacheBytesPerNode);
    digest.update(bytes);
    sink(bytes);
  }
  return to_hex(digest.finalize());
}

std::vector<std::uint32_t> parent_cache_in_memory(const GraphParams& params, unsigned threads) {
  std::vector<std::uint32_t> parents;
  parents.reserve(params.nodes * kParentCount);
  generate_parent_cache_bytes(params, threads, [&](auto chunk) {
    const auto* p = reinterpret_cast<const std::uint32_t*>(chunk.data());
    parents.insert(parents.end(), p, p + chunk.size() / 4);
  });
  return parents;
}

ParentCache::ParentCache(ParentCacheInfo info, io::MappedFile map)
    : info_(std::move(info)),
      map_(std::move(map)),
      data_(reinterpret_cast<const std::uint32_t*>(map_.bytes().data())) {}

ParentCache ParentCache::open(const std::filesystem::path& dir, const GraphParams& params,
                              unsigned threads) {
  std::filesystem::create_directories(dir);
  const auto path = dir / parent_cache_file_name(params);
  const std::uint64_t bytes = params.nodes * kParentCacheBytesPerNode;
  std::error_code ec;
  const bool present =
      std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) == bytes && !ec;
  if (present) {
    std::string expected;
    if (std::filesystem::exists(sidecar(path))) {
      expected = io::read_text_file(sidecar(path));
    } else {
      // A cache from elsewhere (e.g. rust-fil-proofs): trust it only if it equals what we compute.
      expected = generate_parent_cache_bytes(params, threads, [](auto) {});
    }
    if (file_sha256(path) == expected) {
      if (!std::filesystem::exists(sidecar(path))) io::write_file_atomic(sidecar(path), expected);
      return ParentCache({path, expected, bytes, false}, io::MappedFile(path));
    }
    // Corrupt: fall through and rebuild.
  }
  std::filesystem::remove(sidecar(path), ec);
  io::AtomicFileWriter writer(path);
  const std::string digest =
      generate_parent_cache_bytes(params, threads, [&](auto chunk) { writer.write(chunk); });
  writer.commit();
  io::write_file_atomic(sidecar(path), digest);
  return ParentCache({path, digest, bytes, true}, io::MappedFile(path));
}

}  // namespace vseal::porep
