// Fr multiplication: latency (each product feeds the next) and throughput (four independent
// chains), for the inlined portable and mulx/adx kernels and for the public dispatching call.
// Bound: a 4-limb Montgomery product issues 16 + 16 64x64 multiplies plus 4 for the m values;
// with one multiply per cycle that is ~36 cycles of throughput per product.
#include <benchmark/benchmark.h>

#include <type_traits>

#include "field/detail/fr_adx.hpp"
#include "field/fr_backend.hpp"

namespace {

using vseal::field::Fr;
using vseal::field::FrBackend;
using u64 = vseal::field::detail::u64;

struct Portable {
  static void mul(u64* r, const u64* a, const u64* b) { vseal::field::detail::mont_mul(r, a, b); }
};
#if defined(VSEAL_HAVE_FR_ADX)
struct Adx {
  static void mul(u64* r, const u64* a, const u64* b) {
    vseal::field::detail::mont_mul_adx(r, a, b);
  }
};
#endif

template <class K>
void BM_FrMulLatency(benchmark::State& state) {
  if (!std::is_same_v<K, Portable> && !vseal::field::fr_backend_supported(FrBackend::Adx)) {
    state.SkipWithError("CPU has no bmi2+adx");
    return;
  }
  Fr x = Fr::from_u64(3);
  const Fr y = Fr::from_u64(0x1234567890abcdefull);
  for (auto _ : state) {
    K::mul(x.mont.data(), x.mont.data(), y.mont.data());
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations());
}

template <class K>
void BM_FrMulThroughput(benchmark::State& state) {
  if (!std::is_same_v<K, Portable> && !vseal::field::fr_backend_supported(FrBackend::Adx)) {
    state.SkipWithError("CPU has no bmi2+adx");
    return;
  }
  Fr v[4] = {Fr::from_u64(3), Fr::from_u64(5), Fr::from_u64(7), Fr::from_u64(11)};
  const Fr y = Fr::from_u64(0x1234567890abcdefull);
  for (auto _ : state) {
    for (auto& x : v) K::mul(x.mont.data(), x.mont.data(), y.mont.data());
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(4 * state.iterations());
}

// The public entry (Fr operator* is the inlined portable kernel).
void BM_FrOperatorMulLatency(benchmark::State& state) {
  Fr x = Fr::from_u64(3);
  const Fr y = Fr::from_u64(0x1234567890abcdefull);
  for (auto _ : state) {
    x = x * y;
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_TEMPLATE(BM_FrMulLatency, Portable);
BENCHMARK_TEMPLATE(BM_FrMulThroughput, Portable);
#if defined(VSEAL_HAVE_FR_ADX)
BENCHMARK_TEMPLATE(BM_FrMulLatency, Adx);
BENCHMARK_TEMPLATE(BM_FrMulThroughput, Adx);
#endif
BENCHMARK(BM_FrOperatorMulLatency);

}  // namespace
