#pragma once
// Internal: neptune's optimised Poseidon schedule (poseidon.md §7.3) over one state, generic
// in the Montgomery multiplier (portable CIOS or mulx/adx) so both backends share one body.
// Cost per hash for arity a (t = a+1): 8 full rounds of t S-boxes and a t x t mix, plus R_P
// partial rounds of one S-box and a sparse mix of 2t-1 products, versus a full t x t mix in
// every round for the plain form: for arity 8, about 2 000 multiplications against 5 600.
#include <cstddef>

#include "field/detail/fr_adx.hpp"
#include "field/detail/fr_portable.hpp"
#include "hash/poseidon.hpp"

namespace vseal::hash::detail {

using field::detail::u64;

// The width stays a run-time value on purpose: with it fixed at compile time the compiler
// unrolls each t x t mix into t^2 inlined multipliers (81 for arity 8, ~20 KB of code per mix),
// which overflowed the instruction cache and measured 20% slower.
template <class Mul>
struct PoseidonOptimized {
  static inline void mul(Fr& r, const Fr& a, const Fr& b) {
    Mul::mul(r.mont.data(), a.mont.data(), b.mont.data());
  }
  static inline void add(Fr& r, const Fr& a, const Fr& b) {
    field::detail::add(r.mont.data(), a.mont.data(), b.mont.data());
  }
  static inline void quintic(Fr& x) {
    Fr x2, x4;
    mul(x2, x, x);
    mul(x4, x2, x2);
    mul(x, x4, x);
  }
  // s = s . X for a t x t row-major X.
  static inline void mix_dense(Fr* s, const Fr* x, std::size_t t) {
    Fr out[kPoseidonMaxWidth];
    for (std::size_t j = 0; j < t; ++j) {
      Fr acc, prod;
      mul(acc, s[0], x[j]);
      for (std::size_t i = 1; i < t; ++i) {
        mul(prod, s[i], x[i * t + j]);
        add(acc, acc, prod);
      }
      out[j] = acc;
    }
    for (std::size_t j = 0; j < t; ++j) s[j] = out[j];
  }
  // Sparse S: first column w (t values), rest of first row v (t-1 values), identity elsewhere.
  static inline void mix_sparse(Fr* s, const Fr* w, const Fr* v, std::size_t t) {
    Fr first, prod;
    mul(first, s[0], w[0]);
    for (std::size_t i = 1; i < t; ++i) {
      mul(prod, s[i], w[i]);
      add(first, first, prod);
    }
    const Fr s0 = s[0];
    for (std::size_t i = 1; i < t; ++i) {
      mul(prod, s0, v[i - 1]);
      add(s[i], s[i], prod);
    }
    s[0] = first;
  }

  static void permute(const PoseidonConstants& c, Fr* s) {
    const std::size_t t = c.width;
    const Fr* rc = c.compressed_round_constants.data();
    const std::size_t half = static_cast<std::size_t>(c.full_rounds / 2);
    for (std::size_t i = 0; i < t; ++i) add(s[i], s[i], rc[i]);
    rc += t;
    for (std::size_t k = 0; k < half; ++k) {
      for (std::size_t i = 0; i < t; ++i) {
        quintic(s[i]);
        add(s[i], s[i], rc[i]);
      }
      rc += t;
      mix_dense(s, k + 1 == half ? c.pre_sparse.data() : c.mds.data(), t);
    }
    const Fr* sparse = c.sparse.data();
    for (int j = 0; j < c.partial_rounds; ++j) {
      quintic(s[0]);
      add(s[0], s[0], *rc++);
      mix_sparse(s, sparse, sparse + t, t);
      sparse += 2 * t - 1;
    }
    for (std::size_t k = 0; k + 1 < half; ++k) {
      for (std::size_t i = 0; i < t; ++i) {
        quintic(s[i]);
        add(s[i], s[i], rc[i]);
      }
      rc += t;
      mix_dense(s, c.mds.data(), t);
    }
    for (std::size_t i = 0; i < t; ++i) quintic(s[i]);
    mix_dense(s, c.mds.data(), t);
  }

  // out[k] = lane 1 after permuting [tag, in[k*a .. k*a+a-1]].
  static void hash_batch(const PoseidonConstants& c, const Fr& tag, Fr* out, const Fr* in,
                         std::size_t count) {
    const std::size_t a = c.arity;
    Fr s[kPoseidonMaxWidth];
    for (std::size_t k = 0; k < count; ++k) {
      s[0] = tag;
      for (std::size_t i = 0; i < a; ++i) s[i + 1] = in[k * a + i];
      permute(c, s);
      out[k] = s[1];
    }
  }
};

struct PortableMul {
  static inline void mul(u64* r, const u64* a, const u64* b) { field::detail::mont_mul(r, a, b); }
};
#if defined(VSEAL_HAVE_FR_ADX)
struct AdxMul {
  static inline void mul(u64* r, const u64* a, const u64* b) {
    field::detail::mont_mul_adx(r, a, b);
  }
};
#endif

// Entry points of the optimised backends (poseidon_optimized.cpp). The ADX one exists only
// where field/detail/fr_adx.hpp defines VSEAL_HAVE_FR_ADX.
void poseidon_optimized_portable(const PoseidonConstants& c, const Fr& tag, Fr* out, const Fr* in,
                                 std::size_t count);
void poseidon_optimized_adx(const PoseidonConstants& c, const Fr& tag, Fr* out, const Fr* in,
                            std::size_t count);

}  // namespace vseal::hash::detail
