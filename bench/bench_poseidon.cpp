// Poseidon MerkleTree hashes per second per core for the tree arities (2, 8, 11), plain vs
// optimised vs optimised+ADX, and the CUDA kernel when a GPU is present. Items are hashes.
// Bound: arity 8 optimised needs ~2 000 Fr products (docs/performance.md).
#include <benchmark/benchmark.h>

#include <random>

#include "hash/poseidon.hpp"
#include "hash/poseidon_gpu.hpp"

namespace {

using vseal::field::Fr;
using vseal::hash::PoseidonBackend;

std::vector<Fr> inputs(std::size_t n) {
  std::mt19937_64 rng(9);
  std::vector<Fr> v(n);
  for (auto& x : v) x = Fr::from_u64(rng());
  return v;
}

void BM_PoseidonCpu(benchmark::State& state, PoseidonBackend backend) {
  const auto arity = static_cast<std::size_t>(state.range(0));
  if (!vseal::hash::poseidon_backend_supported(backend)) {
    state.SkipWithError("backend not supported on this CPU");
    return;
  }
  constexpr std::size_t kHashes = 32;
  const auto in = inputs(kHashes * arity);
  std::vector<Fr> out(kHashes);
  for (auto _ : state) {
    vseal::hash::poseidon_hash_batch_with(backend, arity, out, in);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kHashes));
}

void BM_PoseidonCuda(benchmark::State& state) {
  const auto arity = static_cast<std::size_t>(state.range(0));
  if (!vseal::hash::poseidon_gpu_available()) {
    state.SkipWithError("no GPU");
    return;
  }
  const std::size_t n = std::size_t{1} << 22;
  const auto in = inputs(n * arity);
  std::vector<Fr> out(n);
  for (auto _ : state) vseal::hash::poseidon_hash_batch_gpu(arity, out, in);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

BENCHMARK_CAPTURE(BM_PoseidonCpu, plain, PoseidonBackend::Plain)->Arg(2)->Arg(8)->Arg(11);
BENCHMARK_CAPTURE(BM_PoseidonCpu, optimized, PoseidonBackend::Optimized)->Arg(2)->Arg(8)->Arg(11);
BENCHMARK_CAPTURE(BM_PoseidonCpu, optimized_adx, PoseidonBackend::OptimizedAdx)
    ->Arg(2)
    ->Arg(8)
    ->Arg(11);
BENCHMARK_CAPTURE(BM_PoseidonCpu, ifma, PoseidonBackend::Ifma)->Arg(2)->Arg(8)->Arg(11);
BENCHMARK(BM_PoseidonCuda)->Arg(2)->Arg(8)->Arg(11)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
