#pragma once
// Portable Montgomery arithmetic on the six 64-bit limbs of the BLS12-381 base field Fq
// (internal to field/; use field/fq.hpp). Inputs and outputs are fully reduced (< p).
// Multiplication is CIOS without the extra carry word: p's top limb (0x1a01...) is far below
// 2^63 - 1, so every intermediate row fits in six limbs plus the running carry.
#include <cstdint>

#include "field/detail/fr_portable.hpp"

namespace vseal::field::detail {

inline constexpr int kFqLimbs = 6;
inline constexpr u64 kP[6] = {0xb9feffffffffaaabull, 0x1eabfffeb153ffffull, 0x6730d2a0f6b0f624ull,
                              0x64774b84f38512bfull, 0x4b1ba7b6434bacd7ull, 0x1a0111ea397fe69aull};
// -p^-1 mod 2^64
inline constexpr u64 kPInv = 0x89f3fffcfffcfffdull;
// 2^384 mod p (Montgomery one) and 2^768 mod p (to enter Montgomery form).
inline constexpr u64 kFqMontOne[6] = {0x760900000002fffdull, 0xebf4000bc40c0002ull,
                                      0x5f48985753c758baull, 0x77ce585370525745ull,
                                      0x5c071a97a256ec6dull, 0x15f65ec3fa80e493ull};
inline constexpr u64 kFqMontR2[6] = {0xf4df1f341c341746ull, 0x0a76e6a609d104f1ull,
                                     0x8de5476c4c95b6d5ull, 0x67eb88a9939d83c0ull,
                                     0x9a793e85b519952dull, 0x11988fe592cae3aaull};

// true when a >= p (a is any 384-bit value)
inline bool fq_geq_modulus(const u64 a[6]) {
  for (int i = 5; i >= 0; --i) {
    if (a[i] != kP[i]) return a[i] > kP[i];
  }
  return true;
}

// d = a - b; returns all ones when it borrowed (a < b), zero otherwise.
inline u64 fq_sub_borrow_mask(u64 d[6], const u64 a[6], const u64 b[6]) {
  u64 borrow = 0;
  for (int i = 0; i < 6; ++i) {
    const u128 diff = static_cast<u128>(a[i]) - b[i] - borrow;
    d[i] = static_cast<u64>(diff);
    borrow = static_cast<u64>(diff >> 64) & 1u;
  }
  return static_cast<u64>(0) - borrow;
}

// r = a - p if a >= p (a < 2p), branch-free.
inline void fq_reduce_once(u64 r[6], const u64 a[6]) {
  u64 d[6];
  const u64 keep = fq_sub_borrow_mask(d, a, kP);
  for (int i = 0; i < 6; ++i) r[i] = (a[i] & keep) | (d[i] & ~keep);
}

inline void fq_add(u64 r[6], const u64 a[6], const u64 b[6]) {
  // a + b < 2p < 2^384: no carry out of the top limb.
  u64 s[6];
  u64 carry = 0;
  for (int i = 0; i < 6; ++i) {
    const u128 sum = static_cast<u128>(a[i]) + b[i] + carry;
    s[i] = static_cast<u64>(sum);
    carry = static_cast<u64>(sum >> 64);
  }
  fq_reduce_once(r, s);
}

inline void fq_sub(u64 r[6], const u64 a[6], const u64 b[6]) {
  u64 d[6];
  const u64 mask = fq_sub_borrow_mask(d, a, b);
  u64 carry = 0;
  for (int i = 0; i < 6; ++i) {
    const u128 sum = static_cast<u128>(d[i]) + (kP[i] & mask) + carry;
    r[i] = static_cast<u64>(sum);
    carry = static_cast<u64>(sum >> 64);
  }
}

inline void fq_mont_mul(u64 r[6], const u64 a[6], const u64 b[6]) {
  u64 t[6] = {0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 6; ++i) {
    const u64 bi = b[i];
    u64 carry = 0;
    for (int j = 0; j < 6; ++j) {
      const u128 x = static_cast<u128>(a[j]) * bi + t[j] + carry;
      t[j] = static_cast<u64>(x);
      carry = static_cast<u64>(x >> 64);
    }
    const u64 top = carry;  // the row's seventh word; the no-carry bound keeps it one limb
    const u64 m = t[0] * kPInv;
    u128 y = static_cast<u128>(m) * kP[0] + t[0];
    carry = static_cast<u64>(y >> 64);
    for (int j = 1; j < 6; ++j) {
      y = static_cast<u128>(m) * kP[j] + t[j] + carry;
      t[j - 1] = static_cast<u64>(y);
      carry = static_cast<u64>(y >> 64);
    }
    t[5] = top + carry;
  }
  fq_reduce_once(r, t);
}

}  // namespace vseal::field::detail
