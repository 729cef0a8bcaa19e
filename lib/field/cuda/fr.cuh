#pragma once
// Fr arithmetic for CUDA kernels, in the host's layout: four little-endian 64-bit limbs in
// Montgomery form, so arrays of vseal::field::Fr are copied to the device as they are. All
// functions are __host__ __device__: the host build of this same code is unit-tested against
// field/fr.hpp on machines without a GPU.
#include <cstdint>

namespace vseal::field::cuda {

struct DevFr {
  std::uint64_t l[4];
};

__host__ __device__ inline void mul64(std::uint64_t a, std::uint64_t b, std::uint64_t& lo,
                                      std::uint64_t& hi) {
#if defined(__CUDA_ARCH__)
  lo = a * b;
  hi = __umul64hi(a, b);
#else
  __extension__ const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  lo = static_cast<std::uint64_t>(p);
  hi = static_cast<std::uint64_t>(p >> 64);
#endif
}

struct FrModulus {
  static constexpr std::uint64_t r0 = 0xffffffff00000001ull, r1 = 0x53bda402fffe5bfeull,
                                 r2 = 0x3339d80809a1d805ull, r3 = 0x73eda753299d7d48ull;
  static constexpr std::uint64_t inv = 0xfffffffeffffffffull;  // -r^-1 mod 2^64
};

// a >= r ? a - r : a, for a < 2r.
__host__ __device__ inline void reduce_once(DevFr& a) {
  const std::uint64_t r[4] = {FrModulus::r0, FrModulus::r1, FrModulus::r2, FrModulus::r3};
  std::uint64_t d[4];
  std::uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t x = a.l[i] - r[i];
    const std::uint64_t b1 = a.l[i] < r[i];
    d[i] = x - borrow;
    const std::uint64_t b2 = x < borrow;
    borrow = b1 | b2;
  }
  if (!borrow) {
    for (int i = 0; i < 4; ++i) a.l[i] = d[i];
  }
}

__host__ __device__ inline void fr_add(DevFr& out, const DevFr& a, const DevFr& b) {
  // a + b < 2r < 2^256: the top limb never carries out.
  std::uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t s = a.l[i] + b.l[i];
    const std::uint64_t c1 = s < a.l[i];
    out.l[i] = s + carry;
    const std::uint64_t c2 = out.l[i] < s;
    carry = c1 | c2;
  }
  reduce_once(out);
}

// Montgomery product a*b/2^256 mod r: CIOS without the extra carry word (r < 2^255).
__host__ __device__ inline void fr_mul(DevFr& out, const DevFr& a, const DevFr& b) {
  const std::uint64_t r[4] = {FrModulus::r0, FrModulus::r1, FrModulus::r2, FrModulus::r3};
  std::uint64_t t[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    std::uint64_t carry = 0, lo, hi;
    for (int j = 0; j < 4; ++j) {
      mul64(a.l[j], b.l[i], lo, hi);
      std::uint64_t s = t[j] + lo;
      const std::uint64_t c1 = s < lo;
      s += carry;
      const std::uint64_t c2 = s < carry;
      t[j] = s;
      carry = hi + c1 + c2;
    }
    const std::uint64_t top = carry;
    const std::uint64_t m = t[0] * FrModulus::inv;
    mul64(m, r[0], lo, hi);
    carry = hi + ((t[0] + lo) < lo);
    for (int j = 1; j < 4; ++j) {
      mul64(m, r[j], lo, hi);
      std::uint64_t s = t[j] + lo;
      const std::uint64_t c1 = s < lo;
      s += carry;
      const std::uint64_t c2 = s < carry;
      t[j - 1] = s;
      carry = hi + c1 + c2;
    }
    t[3] = top + carry;
  }
  for (int i = 0; i < 4; ++i) out.l[i] = t[i];
  reduce_once(out);
}

}  // namespace vseal::field::cuda
