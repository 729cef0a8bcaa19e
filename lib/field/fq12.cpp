// Fq6 and Fq12 inversion and Frobenius maps. The Frobenius coefficients are powers of xi
// computed once from p, not typed-in constants.
#include "field/fq12.hpp"

#include <utility>

#include "field/detail/pow.hpp"

namespace vseal::field {
namespace {

struct FrobeniusCoefficients {
  Fq2 v1;  // xi^((p-1)/3): v^p = v1 * v
  Fq2 v2;  // xi^(2(p-1)/3): (v^2)^p = v2 * v^2
  Fq2 w1;  // xi^((p-1)/6): w^p = w1 * w
};

const FrobeniusCoefficients& frobenius_coefficients() {
  static const FrobeniusCoefficients c = [] {
    const Fq2 xi{Fq::one(), Fq::one()};
    FrobeniusCoefficients out;
    out.v1 = xi.pow(fq_exponents().p_minus_1_over_3);
    out.v2 = out.v1.square();
    out.w1 = xi.pow(fq_exponents().p_minus_1_over_6);
    return out;
  }();
  return c;
}

}  // namespace

Fq6 Fq6::inverse() const {
  const Fq2 t0 = c0.square() - (c1 * c2).mul_by_nonresidue();
  const Fq2 t1 = c2.square().mul_by_nonresidue() - c0 * c1;
  const Fq2 t2 = c1.square() - c0 * c2;
  const Fq2 d = c0 * t0 + (c2 * t1 + c1 * t2).mul_by_nonresidue();
  const Fq2 inv = d.inverse();
  return {t0 * inv, t1 * inv, t2 * inv};
}

Fq6 Fq6::frobenius() const {
  const auto& k = frobenius_coefficients();
  return {c0.frobenius(), c1.frobenius() * k.v1, c2.frobenius() * k.v2};
}

namespace {

// (a + b t)^2 in Fq4 = Fq2[t] / (t^2 - xi): returns (a^2 + xi b^2, 2ab).
std::pair<Fq2, Fq2> fq4_square(const Fq2& a, const Fq2& b) {
  const Fq2 t0 = a.square();
  const Fq2 t1 = b.square();
  return {t1.mul_by_nonresidue() + t0, (a + b).square() - t0 - t1};
}

}  // namespace

Fq12 Fq12::cyclotomic_square() const {
  Fq2 z0 = c0.c0, z4 = c0.c1, z3 = c0.c2, z2 = c1.c0, z1 = c1.c1, z5 = c1.c2;
  auto [t0, t1] = fq4_square(z0, z1);
  z0 = (t0 - z0).dbl() + t0;
  z1 = (t1 + z1).dbl() + t1;
  auto [s0, s1] = fq4_square(z2, z3);
  auto [s2, s3] = fq4_square(z4, z5);
  z4 = (s0 - z4).dbl() + s0;
  z5 = (s1 + z5).dbl() + s1;
  const Fq2 u = s3.mul_by_nonresidue();
  z2 = (u + z2).dbl() + u;
  z3 = (s2 - z3).dbl() + s2;
  return {Fq6{z0, z4, z3}, Fq6{z2, z1, z5}};
}

Fq12 Fq12::inverse() const {
  // 1 / (c0 + c1 w) = (c0 - c1 w) / (c0^2 - v c1^2)
  const Fq6 inv = (c0.square() - c1.square().mul_by_nonresidue()).inverse();
  return {c0 * inv, -(c1 * inv)};
}

Fq12 Fq12::frobenius() const {
  return {c0.frobenius(), c1.frobenius().scale(frobenius_coefficients().w1)};
}

Fq12 Fq12::pow(std::span<const std::uint64_t> exponent) const {
  return detail::pow_limbs(*this, exponent);
}

}  // namespace vseal::field
