// SHA-256 compression: single stream and 2/4 interleaved streams, per backend; items are
// blocks. Bound on SHA-NI: 32 sha256rnds2 per block; one stream waits on their latency, many
// streams on their throughput plus the msg1/msg2 that share the SHA unit (docs/performance.md).
#include <benchmark/benchmark.h>

#include <random>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "hash/sha256.hpp"

namespace {

using vseal::hash::Sha256Backend;
using vseal::hash::Sha256State;
constexpr std::size_t kBlocks = 20;
constexpr std::int64_t kBlocksI =
    static_cast<std::int64_t>(kBlocks);  // one PC1 label (porep-sdr.md §7.1)

struct Data {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(4 * kBlocks * 64);
  const std::uint8_t* stream[4];
  Data() {
    std::mt19937_64 rng(7);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    for (std::size_t s = 0; s < 4; ++s) stream[s] = bytes.data() + s * kBlocks * 64;
  }
};

bool select(benchmark::State& state, Sha256Backend backend) {
  if (!vseal::hash::sha256_backend_supported(backend)) {
    state.SkipWithError("backend not supported on this CPU");
    return false;
  }
  vseal::hash::force_sha256_backend(backend);
  return true;
}

void BM_Sha256Streams(benchmark::State& state, Sha256Backend backend, int streams) {
  if (!select(state, backend)) return;
  Data d;
  std::array<Sha256State, 4> st;
  st.fill(Sha256State::initial());
  for (auto _ : state) {
    if (streams == 1) {
      vseal::hash::sha256_compress(st[0], d.stream[0], kBlocks);
    } else if (streams == 2) {
      vseal::hash::sha256_compress_x2(std::span<Sha256State, 2>(st.data(), 2),
                                      std::span<const std::uint8_t* const, 2>(d.stream, 2),
                                      kBlocks);
    } else {
      vseal::hash::sha256_compress_x4(st, std::span<const std::uint8_t* const, 4>(d.stream, 4),
                                      kBlocks);
    }
    benchmark::DoNotOptimize(st);
  }
  state.SetItemsProcessed(state.iterations() * streams * kBlocksI);
  state.SetBytesProcessed(state.iterations() * streams * kBlocksI * 64);
}

#if defined(__x86_64__)
// The bound itself: sha256rnds2 in 1 dependent chain (latency) and 8 independent chains
// (throughput). One block needs 32 of them, so one stream cannot beat 32 x latency and any
// number of streams cannot beat 32 x reciprocal throughput.
template <std::size_t kChains>
[[gnu::target("sha,sse4.1")]] void BM_Rnds2(benchmark::State& state) {
  if (!vseal::hash::sha256_backend_supported(Sha256Backend::ShaNi)) {
    state.SkipWithError("CPU has no SHA-NI");
    return;
  }
  __m128i a[kChains], b[kChains];
  const __m128i k = _mm_set1_epi32(3);
  for (std::size_t i = 0; i < kChains; ++i) {
    a[i] = _mm_set1_epi32(static_cast<int>(i));
    b[i] = _mm_set1_epi32(static_cast<int>(i) + 7);
  }
  for (auto _ : state) {
    for (int r = 0; r < 16; ++r) {
      for (std::size_t i = 0; i < kChains; ++i) a[i] = _mm_sha256rnds2_epu32(a[i], b[i], k);
    }
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations() * 16 * static_cast<std::int64_t>(kChains));
}
BENCHMARK_TEMPLATE(BM_Rnds2, 1);
BENCHMARK_TEMPLATE(BM_Rnds2, 8);
#endif

BENCHMARK_CAPTURE(BM_Sha256Streams, shani_1, Sha256Backend::ShaNi, 1);
BENCHMARK_CAPTURE(BM_Sha256Streams, shani_2, Sha256Backend::ShaNi, 2);
BENCHMARK_CAPTURE(BM_Sha256Streams, shani_4, Sha256Backend::ShaNi, 4);
BENCHMARK_CAPTURE(BM_Sha256Streams, portable_1, Sha256Backend::Portable, 1);
BENCHMARK_CAPTURE(BM_Sha256Streams, portable_4, Sha256Backend::Portable, 4);

}  // namespace
