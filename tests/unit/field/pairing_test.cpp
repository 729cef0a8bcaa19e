// The pairing: bilinearity in both arguments, non-degeneracy, values of order r, agreement of
// the multi-Miller loop with products of single pairings, and the Groth16-style check
// e(A, B) = e(C, D) as one product equal to one.
#include "field/pairing.hpp"

#include <gtest/gtest.h>

#include "bls12_381_random.hpp"
#include "test_seed.hpp"

namespace vseal::field {
namespace {

using testing::random_fr;

TEST(Pairing, BilinearAndNonDegenerate) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  const G1 g1 = G1::from_affine(g1_generator());
  const G2 g2 = G2::from_affine(g2_generator());
  const Fq12 base = pairing(g1_generator(), g2_generator());
  EXPECT_FALSE(base.is_one());
  EXPECT_TRUE(base.pow(std::span(detail::kR)).is_one());
  for (int i = 0; i < 3; ++i) {
    const Fr a = random_fr(rng), b = random_fr(rng);
    const Fq12 lhs = pairing(g1.mul(a.to_canonical_limbs()).to_affine(),
                             g2.mul(b.to_canonical_limbs()).to_affine());
    EXPECT_EQ(lhs, base.pow((a * b).to_canonical_limbs())) << vseal::testing::seed_note();
    EXPECT_EQ(lhs, pairing(g1.mul((a * b).to_canonical_limbs()).to_affine(), g2_generator()));
    EXPECT_EQ(lhs, pairing(g1_generator(), g2.mul((a * b).to_canonical_limbs()).to_affine()));
  }
}

TEST(Pairing, MultiMillerLoopIsTheProduct) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  std::vector<G1Affine> ps;
  std::vector<G2Affine> qs;
  for (int i = 0; i < 3; ++i) {
    ps.push_back(testing::random_g1(rng).to_affine());
    qs.push_back(testing::random_g2(rng).to_affine());
  }
  std::vector<G2Prepared> prepared;
  for (const auto& q : qs) prepared.push_back(G2Prepared::from(q));
  std::vector<MillerTerm> terms;
  Fq12 product = Fq12::one();
  for (std::size_t i = 0; i < ps.size(); ++i) {
    terms.push_back({ps[i], &prepared[i]});
    product *= pairing(ps[i], qs[i]);
  }
  EXPECT_EQ(final_exponentiation(multi_miller_loop(terms)), product);
  // Identity arguments contribute one.
  const G2Prepared infinity = G2Prepared::from(G2Affine{});
  terms.push_back({ps[0], &infinity});
  terms.push_back({G1Affine{}, &prepared[1]});
  EXPECT_EQ(final_exponentiation(multi_miller_loop(terms)), product);
  EXPECT_TRUE(pairing(G1Affine{}, qs[0]).is_one());
}

TEST(Pairing, ProductCheckAcceptsOnlyMatchingPairs) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  const G1 g1 = G1::from_affine(g1_generator());
  const G2 g2 = G2::from_affine(g2_generator());
  const Fr a = random_fr(rng), b = random_fr(rng), c = random_fr(rng);
  // e(aG1, bG2) * e(-(ab/c) G1, c G2) = 1
  const Fr d = a * b * c.inverse();
  const G2Prepared qb = G2Prepared::from(g2.mul(b.to_canonical_limbs()).to_affine());
  const G2Prepared qc = G2Prepared::from(g2.mul(c.to_canonical_limbs()).to_affine());
  const MillerTerm ok[] = {{g1.mul(a.to_canonical_limbs()).to_affine(), &qb},
                           {g1.mul(d.to_canonical_limbs()).neg().to_affine(), &qc}};
  EXPECT_TRUE(final_exponentiation(multi_miller_loop(ok)).is_one());
  const MillerTerm bad[] = {{g1.mul(a.to_canonical_limbs()).to_affine(), &qb},
                            {g1.mul((d + Fr::one()).to_canonical_limbs()).neg().to_affine(), &qc}};
  EXPECT_FALSE(final_exponentiation(multi_miller_loop(bad)).is_one());
}

TEST(Pairing, FinalExponentiationIsExact) {
  // h = (p^4 - p^2 + 1) / r, computed with Python big integers; the fast x-chain must give
  // exactly (easy part)^h, not a power of it.
  const std::uint64_t h[20] = {
      0xe516c3f438e3ba79ull, 0xfa9912aae208ccf1ull, 0x905ce937335d5b68ull, 0xc71a2629b0dea236ull,
      0x83774940996754c8ull, 0x21d160aeb6a1e799ull, 0x2ed0b283ed237db4ull, 0x915c97f36c6f1821ull,
      0x67f17fcbde783765ull, 0x2378b9039096d1b7ull, 0x7988f8761bdc51dcull, 0x2076995003fc77a1ull,
      0x827eca0ba621315bull, 0xe5a72bce8d63cb9full, 0xf68f7764c28b6f8aull, 0x2f230063cf081517ull,
      0x94506632528d6a9aull, 0xd3cde88eeb996ca3ull, 0xc0bd38c3195c899eull, 0x000f686b3d807d01ull};
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int i = 0; i < 2; ++i) {
    const Fq12 f = testing::random_fq12(rng);
    const Fq12 t = f.conjugate() * f.inverse();
    const Fq12 easy = t.frobenius().frobenius() * t;
    EXPECT_EQ(final_exponentiation(f), easy.pow(h)) << vseal::testing::seed_note();
  }
}

}  // namespace
}  // namespace vseal::field
