#pragma once
// Random BLS12-381 field elements and points for the property tests (seeded, replayable).
#include <random>

#include "field/fq12.hpp"
#include "field/fr.hpp"
#include "field/g1.hpp"
#include "field/g2.hpp"

namespace vseal::field::testing {

inline Fq random_fq(std::mt19937_64& rng) {
  for (;;) {
    FqLimbs limbs;
    for (auto& l : limbs) l = rng();
    limbs[5] &= 0x1fffffffffffffffull;
    if (auto v = Fq::from_canonical_limbs(limbs)) return *v;
  }
}
inline Fq2 random_fq2(std::mt19937_64& rng) {
  return {random_fq(rng), random_fq(rng)};
}
inline Fq6 random_fq6(std::mt19937_64& rng) {
  return {random_fq2(rng), random_fq2(rng), random_fq2(rng)};
}
inline Fq12 random_fq12(std::mt19937_64& rng) {
  return {random_fq6(rng), random_fq6(rng)};
}
inline Fr random_fr(std::mt19937_64& rng) {
  for (;;) {
    std::array<std::uint64_t, 4> limbs{rng(), rng(), rng(), rng() & 0x7fffffffffffffffull};
    Fr out;
    FrBytes bytes;
    for (std::size_t i = 0; i < 32; ++i)
      bytes[i] = static_cast<std::uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
    if (Fr::try_from_bytes(bytes, out)) return out;
  }
}
inline G1 random_g1(std::mt19937_64& rng) {
  return G1::from_affine(g1_generator()).mul(random_fr(rng).to_canonical_limbs());
}
inline G2 random_g2(std::mt19937_64& rng) {
  return G2::from_affine(g2_generator()).mul(random_fr(rng).to_canonical_limbs());
}

}  // namespace vseal::field::testing
