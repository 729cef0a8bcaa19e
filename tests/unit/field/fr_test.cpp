// Fr against a naive big-integer model (schoolbook products, bit-serial reduction), plus the
// encoding rules of poseidon.md §1 and agreement of the portable and ADX multipliers.
#include "field/fr.hpp"

#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "field/fr_backend.hpp"
#include "test_seed.hpp"

namespace vseal::field {
namespace {

using Limbs = std::array<std::uint64_t, 4>;
__extension__ typedef unsigned __int128 u128;
constexpr Limbs kModulus = {0xffffffff00000001ull, 0x53bda402fffe5bfeull, 0x3339d80809a1d805ull,
                            0x73eda753299d7d48ull};

// --- naive model: values as canonical limbs, everything reduced with shift-and-subtract ---
bool geq(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  for (std::size_t i = n; i-- > 0;) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return true;
}
void sub_in_place(std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t bi = b[i] + borrow;
    const std::uint64_t nb = (bi < borrow) || (a[i] < bi);
    a[i] -= bi;
    borrow = nb;
  }
}
// x (8 limbs) mod r, one bit at a time.
Limbs reduce512(const std::array<std::uint64_t, 8>& x) {
  std::array<std::uint64_t, 5> rem{};  // < 2r fits in 5 limbs
  const std::array<std::uint64_t, 5> mod = {kModulus[0], kModulus[1], kModulus[2], kModulus[3], 0};
  for (int bit = 511; bit >= 0; --bit) {
    for (std::size_t i = 4; i > 0; --i) rem[i] = (rem[i] << 1) | (rem[i - 1] >> 63);
    rem[0] = (rem[0] << 1) | ((x[static_cast<std::size_t>(bit / 64)] >> (bit % 64)) & 1u);
    if (geq(rem.data(), mod.data(), 5)) sub_in_place(rem.data(), mod.data(), 5);
  }
  return {rem[0], rem[1], rem[2], rem[3]};
}
Limbs naive_mul(const Limbs& a, const Limbs& b) {
  std::array<std::uint64_t, 8> p{};
  for (std::size_t i = 0; i < 4; ++i) {
    u128 carry = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const u128 t = static_cast<u128>(a[i]) * b[j] + p[i + j] + carry;
      p[i + j] = static_cast<std::uint64_t>(t);
      carry = t >> 64;
    }
    p[i + 4] = static_cast<std::uint64_t>(carry);
  }
  return reduce512(p);
}
Limbs naive_add(const Limbs& a, const Limbs& b) {
  std::array<std::uint64_t, 8> s{};
  u128 carry = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const u128 t = static_cast<u128>(a[i]) + b[i] + carry;
    s[i] = static_cast<std::uint64_t>(t);
    carry = t >> 64;
  }
  s[4] = static_cast<std::uint64_t>(carry);
  return reduce512(s);
}
Limbs naive_neg(const Limbs& a) {
  if (a == Limbs{}) return a;
  Limbs r = kModulus;
  sub_in_place(r.data(), a.data(), 4);
  return r;
}

class FrRandom : public ::testing::Test {
 protected:
  std::mt19937_64 rng{vseal::testing::test_seed()};
  Limbs random_limbs() {
    // Mix uniform values with edge values: 0, 1, r-1, r-2 and small numbers.
    switch (rng() % 8) {
      case 0:
        return {0, 0, 0, 0};
      case 1:
        return {1, 0, 0, 0};
      case 2:
        return {kModulus[0] - 1, kModulus[1], kModulus[2], kModulus[3]};
      case 3:
        return {kModulus[0] - 2, kModulus[1], kModulus[2], kModulus[3]};
      default:
        break;
    }
    for (;;) {
      Limbs l = {rng(), rng(), rng(), rng() & 0x7fffffffffffffffull};
      if (!geq(l.data(), kModulus.data(), 4)) return l;
    }
  }
};

TEST_F(FrRandom, ArithmeticMatchesNaiveModel) {
  const std::size_t iters = vseal::testing::test_iters(2000);
  for (std::size_t i = 0; i < iters; ++i) {
    const Limbs la = random_limbs(), lb = random_limbs();
    const Fr a = Fr::from_canonical_limbs(la), b = Fr::from_canonical_limbs(lb);
    ASSERT_EQ((a * b).to_canonical_limbs(), naive_mul(la, lb))
        << vseal::testing::seed_note() << " i=" << i;
    ASSERT_EQ((a + b).to_canonical_limbs(), naive_add(la, lb)) << vseal::testing::seed_note();
    ASSERT_EQ((-a).to_canonical_limbs(), naive_neg(la)) << vseal::testing::seed_note();
    ASSERT_EQ((a - b).to_canonical_limbs(), naive_add(la, naive_neg(lb)))
        << vseal::testing::seed_note();
    ASSERT_EQ(a.square(), a * a);
  }
}

TEST_F(FrRandom, FieldLaws) {
  const std::size_t iters = vseal::testing::test_iters(300);
  for (std::size_t i = 0; i < iters; ++i) {
    const Fr a = Fr::from_canonical_limbs(random_limbs());
    const Fr b = Fr::from_canonical_limbs(random_limbs());
    const Fr c = Fr::from_canonical_limbs(random_limbs());
    ASSERT_EQ(a * (b + c), a * b + a * c) << vseal::testing::seed_note();
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a + b, b + a);
    if (!a.is_zero()) {
      ASSERT_EQ(a * a.inverse(), Fr::one()) << vseal::testing::seed_note();
      // Fermat: a^(r-1) = 1.
      const std::uint64_t e[4] = {kModulus[0] - 1, kModulus[1], kModulus[2], kModulus[3]};
      ASSERT_EQ(a.pow(e), Fr::one());
    }
  }
}

TEST_F(FrRandom, AdxAgreesWithPortable) {
  if (!fr_backend_supported(FrBackend::Adx)) GTEST_SKIP() << "CPU or build has no bmi2+adx";
  const std::size_t iters = vseal::testing::test_iters(20000);
  for (std::size_t i = 0; i < iters; ++i) {
    const Fr a = Fr::from_canonical_limbs(random_limbs());
    const Fr b = Fr::from_canonical_limbs(random_limbs());
    ASSERT_EQ(fr_mul(FrBackend::Adx, a, b), fr_mul(FrBackend::Portable, a, b))
        << vseal::testing::seed_note() << " i=" << i;
  }
}

TEST(Fr, SmallValues) {
  EXPECT_EQ(Fr::from_u64(2) * Fr::from_u64(3), Fr::from_u64(6));
  EXPECT_EQ(Fr::from_u64(7) - Fr::from_u64(9) + Fr::from_u64(2), Fr::zero());
  EXPECT_EQ(Fr::one().to_hex(), "0100000000000000000000000000000000000000000000000000000000000000");
  EXPECT_EQ(Fr::from_u64(5).pow(3), Fr::from_u64(125));
  EXPECT_THROW(Fr::zero().inverse(), Error);
}

TEST(Fr, CanonicalDecoding) {
  FrBytes modulus = fr_modulus_bytes();
  EXPECT_EQ(to_hex(modulus), "01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73");
  Fr out;
  EXPECT_FALSE(Fr::try_from_bytes(modulus, out));
  try {
    Fr::from_bytes(modulus);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    EXPECT_NE(std::string(e.what()).find("not canonical"), std::string::npos);
  }
  FrBytes all_ones;
  all_ones.fill(0xff);
  EXPECT_FALSE(Fr::try_from_bytes(all_ones, out));
  FrBytes r_minus_1 = modulus;
  r_minus_1[0] = 0x00;
  ASSERT_TRUE(Fr::try_from_bytes(r_minus_1, out));
  EXPECT_EQ(out + Fr::one(), Fr::zero());
  EXPECT_EQ(out.to_bytes(), r_minus_1);
  EXPECT_THROW(Fr::from_hex("00"), Error);
  EXPECT_THROW(Fr::from_hex(to_hex(modulus)), Error);
}

TEST(Fr, Sha256DigestTrimsTopTwoBits) {
  FrBytes digest;
  digest.fill(0xff);
  const Fr x = Fr::from_sha256_digest(digest);
  FrBytes expected = digest;
  expected[31] = 0x3f;
  EXPECT_EQ(x.to_bytes(), expected);
}

TEST_F(FrRandom, EncodingRoundTrip) {
  for (int i = 0; i < 500; ++i) {
    const Fr a = Fr::from_canonical_limbs(random_limbs());
    EXPECT_EQ(Fr::from_bytes(a.to_bytes()), a);
    EXPECT_EQ(Fr::from_hex(a.to_hex()), a);
  }
}

}  // namespace
}  // namespace vseal::field
