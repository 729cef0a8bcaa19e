// Fr multiplication: latency (dependent chain) and throughput (four independent chains), per
// backend. Bound: a 4-limb Montgomery product is 16 + 16 64x64 multiplies plus 4 for m; with
// one multiplier port issuing one mulx per cycle that is ~36 cycles per product at best.
#include <benchmark/benchmark.h>

#include "field/fr_backend.hpp"

namespace {

using vseal::field::Fr;
using vseal::field::FrBackend;

void BM_FrMulLatency(benchmark::State& state, FrBackend backend) {
  if (!vseal::field::fr_backend_supported(backend)) {
    state.SkipWithError("backend not supported on this CPU");
    return;
  }
  Fr x = Fr::from_u64(3), y = Fr::from_u64(0x1234567890abcdefull);
  for (auto _ : state) {
    x = vseal::field::fr_mul(backend, x, y);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FrMulThroughput(benchmark::State& state, FrBackend backend) {
  if (!vseal::field::fr_backend_supported(backend)) {
    state.SkipWithError("backend not supported on this CPU");
    return;
  }
  Fr a = Fr::from_u64(3), b = Fr::from_u64(5), c = Fr::from_u64(7), d = Fr::from_u64(11);
  const Fr y = Fr::from_u64(0x1234567890abcdefull);
  for (auto _ : state) {
    a = vseal::field::fr_mul(backend, a, y);
    b = vseal::field::fr_mul(backend, b, y);
    c = vseal::field::fr_mul(backend, c, y);
    d = vseal::field::fr_mul(backend, d, y);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
    benchmark::DoNotOptimize(c);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(4 * state.iterations());
}

BENCHMARK_CAPTURE(BM_FrMulLatency, portable, FrBackend::Portable);
BENCHMARK_CAPTURE(BM_FrMulLatency, adx, FrBackend::Adx);
BENCHMARK_CAPTURE(BM_FrMulThroughput, portable, FrBackend::Portable);
BENCHMARK_CAPTURE(BM_FrMulThroughput, adx, FrBackend::Adx);

}  // namespace
