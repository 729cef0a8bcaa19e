// Fq against a naive big-integer model, then the field laws of Fq2, Fq6 and Fq12 on random
// elements (associativity, distributivity, inverses, Frobenius = p-th power) and Fq's
// encoding rules.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "bls12_381_random.hpp"
#include "test_seed.hpp"

namespace vseal::field {
namespace {

using testing::random_fq;
using testing::random_fq12;
using testing::random_fq2;
using testing::random_fq6;
__extension__ typedef unsigned __int128 u128;

const FqLimbs kModulus = {0xb9feffffffffaaabull, 0x1eabfffeb153ffffull, 0x6730d2a0f6b0f624ull,
                          0x64774b84f38512bfull, 0x4b1ba7b6434bacd7ull, 0x1a0111ea397fe69aull};

// Naive model: schoolbook product, then reduction one bit at a time.
FqLimbs naive_mul(const FqLimbs& a, const FqLimbs& b) {
  std::array<std::uint64_t, 12> prod{};
  for (std::size_t i = 0; i < 6; ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < 6; ++j) {
      const u128 t = static_cast<u128>(a[i]) * b[j] + prod[i + j] + carry;
      prod[i + j] = static_cast<std::uint64_t>(t);
      carry = static_cast<std::uint64_t>(t >> 64);
    }
    prod[i + 6] = carry;
  }
  std::array<std::uint64_t, 7> rem{};
  for (std::size_t bit = 768; bit-- > 0;) {
    for (std::size_t k = 6; k > 0; --k) rem[k] = (rem[k] << 1) | (rem[k - 1] >> 63);
    rem[0] = (rem[0] << 1) | ((prod[bit / 64] >> (bit % 64)) & 1u);
    bool geq = rem[6] != 0;
    if (!geq) {
      geq = true;
      for (std::size_t k = 6; k-- > 0;) {
        if (rem[k] != kModulus[k]) {
          geq = rem[k] > kModulus[k];
          break;
        }
      }
    }
    if (geq) {
      std::uint64_t borrow = 0;
      for (std::size_t k = 0; k < 6; ++k) {
        const u128 d = static_cast<u128>(rem[k]) - kModulus[k] - borrow;
        rem[k] = static_cast<std::uint64_t>(d);
        borrow = static_cast<std::uint64_t>(d >> 64) & 1u;
      }
      rem[6] -= borrow;
    }
  }
  return {rem[0], rem[1], rem[2], rem[3], rem[4], rem[5]};
}

TEST(Fq, MultiplicationMatchesNaiveModel) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (std::size_t i = 0; i < vseal::testing::test_iters(200); ++i) {
    const Fq a = random_fq(rng);
    const Fq b = random_fq(rng);
    ASSERT_EQ((a * b).to_canonical_limbs(),
              naive_mul(a.to_canonical_limbs(), b.to_canonical_limbs()))
        << vseal::testing::seed_note();
  }
}

TEST(Fq, AdditionSubtractionAndEdges) {
  const Fq p_minus_1 = -Fq::one();
  EXPECT_EQ(p_minus_1 + Fq::one(), Fq::zero());
  EXPECT_EQ(Fq::zero() - Fq::one(), p_minus_1);
  EXPECT_EQ(p_minus_1 * p_minus_1, Fq::one());
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int i = 0; i < 100; ++i) {
    const Fq a = random_fq(rng);
    const Fq b = random_fq(rng);
    EXPECT_EQ(a + b - b, a);
    EXPECT_EQ(a - b + b, a);
    EXPECT_EQ(a.dbl(), a + a);
  }
}

TEST(Fq, InverseAndSquareRoot) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  int non_squares = 0;
  for (int i = 0; i < 50; ++i) {
    const Fq a = random_fq(rng);
    EXPECT_EQ(a * a.inverse(), Fq::one());
    const auto root = a.square().sqrt();
    ASSERT_TRUE(root.has_value());
    EXPECT_TRUE(*root == a || *root == -a);
    if (!a.sqrt()) ++non_squares;
  }
  EXPECT_GT(non_squares, 0);  // about half of all elements are non-squares
  EXPECT_EQ(Fq::zero().inverse(), Fq::zero());
}

TEST(Fq, BigEndianEncodingIsCanonical) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int i = 0; i < 20; ++i) {
    const Fq a = random_fq(rng);
    const auto bytes = a.to_bytes_be();
    EXPECT_EQ(*Fq::from_bytes_be(bytes), a);
    EXPECT_EQ(Fq::from_hex(a.to_hex()), a);
  }
  FqBytes p_bytes;
  for (int i = 0; i < 48; ++i) {
    p_bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(
        kModulus[static_cast<std::size_t>((47 - i) / 8)] >> (8 * ((47 - i) % 8)));
  }
  EXPECT_FALSE(Fq::from_bytes_be(p_bytes).has_value());
  p_bytes[47] -= 1;  // p - 1 is the largest element
  EXPECT_EQ(*Fq::from_bytes_be(p_bytes), -Fq::one());
  EXPECT_THROW(Fq::from_hex(std::string(97, '1')), Error);
  EXPECT_THROW(Fq::from_hex("zz"), Error);
  EXPECT_EQ(Fq::from_hex("0x5"), Fq::from_u64(5));
}

TEST(Fq, LexicographicSign) {
  EXPECT_FALSE(Fq::zero().is_lexicographically_largest());
  EXPECT_FALSE(Fq::one().is_lexicographically_largest());
  EXPECT_TRUE((-Fq::one()).is_lexicographically_largest());
  // (p-1)/2 is the largest "small" value; (p+1)/2 the smallest "large" one.
  const Fq half = Fq::from_u64(2).inverse();  // (p+1)/2
  EXPECT_TRUE(half.is_lexicographically_largest());
  EXPECT_FALSE((half - Fq::one()).is_lexicographically_largest());
}

template <class F, class Gen>
void check_field_laws(Gen gen, int iters) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int i = 0; i < iters; ++i) {
    const F a = gen(rng), b = gen(rng), c = gen(rng);
    ASSERT_EQ((a * b) * c, a * (b * c)) << vseal::testing::seed_note();
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a.square(), a * a);
    ASSERT_EQ(a * a.inverse(), F::one());
    ASSERT_EQ(a - a, F::zero());
  }
}

TEST(Fq2, FieldLawsSquareRootAndNonResidue) {
  check_field_laws<Fq2>(random_fq2, 50);
  const Fq2 u{Fq::zero(), Fq::one()};
  EXPECT_EQ(u.square(), -Fq2::one());
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int i = 0; i < 20; ++i) {
    const Fq2 a = random_fq2(rng);
    EXPECT_EQ(a.mul_by_nonresidue(), (a * Fq2{Fq::one(), Fq::one()}));
    const auto root = a.square().sqrt();
    ASSERT_TRUE(root.has_value());
    EXPECT_TRUE(*root == a || *root == -a);
    EXPECT_EQ(a.frobenius(), a.pow(fq_exponents().p_minus_1_over_2).square() * a);  // a^p
  }
  // Purely "real" and purely "imaginary" squares.
  for (const Fq2& square : {Fq2{-Fq::from_u64(4), Fq::zero()}, Fq2{Fq::from_u64(9), Fq::zero()}}) {
    const auto root = square.sqrt();
    ASSERT_TRUE(root.has_value());
    EXPECT_EQ(root->square(), square);
  }
  // xi = u + 1 is not a square (nor a cube): the tower needs it to be a non-residue.
  EXPECT_FALSE((Fq2{Fq::one(), Fq::one()}).sqrt().has_value());
}

TEST(Fq6, FieldLawsAndSparseProducts) {
  check_field_laws<Fq6>(random_fq6, 30);
  std::mt19937_64 rng(vseal::testing::test_seed());
  const Fq6 v{Fq2::zero(), Fq2::one(), Fq2::zero()};
  EXPECT_EQ(v * v * v, (Fq6{Fq2{Fq::one(), Fq::one()}, Fq2::zero(), Fq2::zero()}));
  for (int i = 0; i < 20; ++i) {
    const Fq6 a = random_fq6(rng);
    const Fq2 s0 = random_fq2(rng), s1 = random_fq2(rng);
    EXPECT_EQ(a.mul_by_nonresidue(), a * v);
    EXPECT_EQ(a.mul_by_01(s0, s1), (a * Fq6{s0, s1, Fq2::zero()}));
    EXPECT_EQ(a.mul_by_1(s1), (a * Fq6{Fq2::zero(), s1, Fq2::zero()}));
  }
}

TEST(Fq12, FieldLawsLinesAndFrobenius) {
  check_field_laws<Fq12>(random_fq12, 20);
  std::mt19937_64 rng(vseal::testing::test_seed());
  const FqLimbs p = kModulus;
  for (int i = 0; i < 5; ++i) {
    const Fq12 a = random_fq12(rng);
    const Fq12 b = random_fq12(rng);
    const Fq2 l0 = random_fq2(rng), l1 = random_fq2(rng), l2 = random_fq2(rng);
    const Fq12 line{Fq6{l0, l1, Fq2::zero()}, Fq6{Fq2::zero(), l2, Fq2::zero()}};
    EXPECT_EQ(a.mul_by_line(l0, l1, l2), a * line);
    EXPECT_EQ(a.frobenius(), a.pow(p));
    EXPECT_EQ((a * b).frobenius(), a.frobenius() * b.frobenius());
    Fq12 twelve = a;
    for (int k = 0; k < 12; ++k) twelve = twelve.frobenius();
    EXPECT_EQ(twelve, a);
    Fq12 six = a;
    for (int k = 0; k < 6; ++k) six = six.frobenius();
    EXPECT_EQ(six, a.conjugate());
  }
}

}  // namespace
}  // namespace vseal::field

namespace vseal::field {
namespace {

TEST(Fq, AdxAndPortableBackendsAgree) {
  if (!fq_backend_supported(FqBackend::Adx)) GTEST_SKIP() << "no bmi2+adx in this CPU or build";
  const FqBackend before = fq_backend();
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (std::size_t i = 0; i < vseal::testing::test_iters(2000); ++i) {
    Fq a = testing::random_fq(rng), b = testing::random_fq(rng);
    if (i == 0) a = -Fq::one();
    if (i == 1) b = -Fq::one();
    force_fq_backend(FqBackend::Portable);
    const Fq portable = a * b;
    force_fq_backend(FqBackend::Adx);
    const Fq adx = a * b;
    ASSERT_EQ(portable, adx) << vseal::testing::seed_note();
    ASSERT_EQ(adx.to_canonical_limbs(), naive_mul(a.to_canonical_limbs(), b.to_canonical_limbs()));
  }
  force_fq_backend(before);
}

TEST(Fq, EveryTowerLawHoldsOnThePortableBackendToo) {
  const FqBackend before = fq_backend();
  force_fq_backend(FqBackend::Portable);
  check_field_laws<Fq12>(testing::random_fq12, 3);
  force_fq_backend(before);
}

}  // namespace
}  // namespace vseal::field

namespace vseal::field {
namespace {

TEST(Fq12, CyclotomicSquareMatchesSquareInTheCyclotomicSubgroup) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int i = 0; i < 10; ++i) {
    const Fq12 f = testing::random_fq12(rng);
    // f^((p^6 - 1)(p^2 + 1)) lies in the cyclotomic subgroup.
    const Fq12 t = f.conjugate() * f.inverse();
    const Fq12 g = t.frobenius().frobenius() * t;
    ASSERT_EQ(g.cyclotomic_square(), g.square()) << vseal::testing::seed_note();
  }
}

}  // namespace
}  // namespace vseal::field
