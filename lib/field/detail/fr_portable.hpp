#pragma once
// Portable Montgomery arithmetic on the four 64-bit limbs of BLS12-381 Fr (internal to field/
// and hash/; use field/fr.hpp). Inputs and outputs are fully reduced (< r). Multiplication is
// CIOS without the extra carry word, which is valid because r's top limb is below 2^63 - 1
// (r < 2^255), so every intermediate fits in four limbs plus the running carry.
#include <cstdint>

namespace vseal::field::detail {

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

inline constexpr u64 kR[4] = {0xffffffff00000001ull, 0x53bda402fffe5bfeull, 0x3339d80809a1d805ull,
                              0x73eda753299d7d48ull};
// -r^-1 mod 2^64
inline constexpr u64 kInv = 0xfffffffeffffffffull;
// 2^256 mod r (Montgomery one) and 2^512 mod r (to enter Montgomery form).
inline constexpr u64 kMontOne[4] = {0x00000001fffffffeull, 0x5884b7fa00034802ull,
                                    0x998c4fefecbc4ff5ull, 0x1824b159acc5056full};
inline constexpr u64 kMontR2[4] = {0xc999e990f3f29c6dull, 0x2b6cedcb87925c23ull,
                                   0x05d314967254398full, 0x0748d9d99f59ff11ull};

// true when a >= r (a is any 256-bit value)
inline bool geq_modulus(const u64 a[4]) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != kR[i]) return a[i] > kR[i];
  }
  return true;
}

// d = a - b over four limbs; returns all ones when it borrowed (a < b), zero otherwise.
inline u64 sub_borrow_mask(u64 d[4], const u64 a[4], const u64 b[4]) {
  u128 borrow = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 diff = static_cast<u128>(a[i]) - b[i] - borrow;
    d[i] = static_cast<u64>(diff);
    borrow = (diff >> 64) & 1u;
  }
  return static_cast<u64>(0) - static_cast<u64>(borrow);
}

// r = a - kR if a >= kR (a < 2 kR), branch-free so the compiler emits cmov.
inline void reduce_once(u64 r[4], const u64 a[4]) {
  u64 d[4];
  const u64 keep = sub_borrow_mask(d, a, kR);  // all ones: a < r
  for (int i = 0; i < 4; ++i) r[i] = (a[i] & keep) | (d[i] & ~keep);
}

inline void add(u64 r[4], const u64 a[4], const u64 b[4]) {
  // a + b < 2r < 2^256: no carry out of the top limb.
  u64 s[4];
  u128 carry = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 sum = static_cast<u128>(a[i]) + b[i] + carry;
    s[i] = static_cast<u64>(sum);
    carry = sum >> 64;
  }
  reduce_once(r, s);
}

inline void sub(u64 r[4], const u64 a[4], const u64 b[4]) {
  u64 d[4];
  const u64 mask = sub_borrow_mask(d, a, b);  // add r back on borrow
  u128 carry = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 sum = static_cast<u128>(d[i]) + (kR[i] & mask) + carry;
    r[i] = static_cast<u64>(sum);
    carry = sum >> 64;
  }
}

inline void mont_mul(u64 r[4], const u64 a[4], const u64 b[4]) {
  u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (int i = 0; i < 4; ++i) {
    const u64 bi = b[i];
    u128 x = static_cast<u128>(a[0]) * bi + t0;
    u64 hi_a = static_cast<u64>(x >> 64);
    t0 = static_cast<u64>(x);
    const u64 m = t0 * kInv;
    u128 y = static_cast<u128>(m) * kR[0] + t0;
    u64 hi_m = static_cast<u64>(y >> 64);

    x = static_cast<u128>(a[1]) * bi + t1 + hi_a;
    hi_a = static_cast<u64>(x >> 64);
    y = static_cast<u128>(m) * kR[1] + static_cast<u64>(x) + hi_m;
    hi_m = static_cast<u64>(y >> 64);
    t0 = static_cast<u64>(y);

    x = static_cast<u128>(a[2]) * bi + t2 + hi_a;
    hi_a = static_cast<u64>(x >> 64);
    y = static_cast<u128>(m) * kR[2] + static_cast<u64>(x) + hi_m;
    hi_m = static_cast<u64>(y >> 64);
    t1 = static_cast<u64>(y);

    x = static_cast<u128>(a[3]) * bi + t3 + hi_a;
    hi_a = static_cast<u64>(x >> 64);
    y = static_cast<u128>(m) * kR[3] + static_cast<u64>(x) + hi_m;
    hi_m = static_cast<u64>(y >> 64);
    t2 = static_cast<u64>(y);

    t3 = hi_m + hi_a;
  }
  const u64 t[4] = {t0, t1, t2, t3};
  reduce_once(r, t);
}

}  // namespace vseal::field::detail
