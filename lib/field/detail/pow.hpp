#pragma once
// Exponentiation by a public exponent given as little-endian 64-bit limbs, shared by the
// BLS12-381 fields (internal to field/). Square-and-multiply, not constant time: every
// exponent used here (field orders, Frobenius and final-exponentiation constants, batch
// verification scalars) is public.
#include <cstdint>
#include <span>

namespace vseal::field::detail {

template <class F>
F pow_limbs(const F& base, std::span<const std::uint64_t> exponent) {
  F acc = F::one();
  bool started = false;
  for (std::size_t i = exponent.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      if (started) acc = acc.square();
      if ((exponent[i] >> bit) & 1u) {
        acc = started ? acc * base : base;
        started = true;
      }
    }
  }
  return acc;
}

}  // namespace vseal::field::detail
