// Fq2 inversion, exponentiation and square roots.
#include "field/fq2.hpp"

#include "field/detail/pow.hpp"

namespace vseal::field {

Fq2 Fq2::inverse() const {
  // 1 / (c0 + c1 u) = (c0 - c1 u) / (c0^2 + c1^2)
  const Fq inv = norm().inverse();
  return {c0 * inv, -(c1 * inv)};
}

Fq2 Fq2::pow(std::span<const std::uint64_t> exponent) const {
  return detail::pow_limbs(*this, exponent);
}

std::optional<Fq2> Fq2::sqrt() const {
  // Through the norm: if x^2 = a then N(x)^2 = N(a), so s = sqrt(N(a)) lies in Fq and
  // x0^2 = (a0 + s) / 2 or (a0 - s) / 2 for x = x0 + x1 u with x1 = a1 / (2 x0). The result
  // is checked, so any non-square (or an unlucky branch) returns nullopt.
  if (is_zero()) return Fq2::zero();
  const auto s = norm().sqrt();
  if (!s) return std::nullopt;
  static const Fq half = Fq::from_u64(2).inverse();
  for (const Fq& candidate : {(c0 + *s) * half, (c0 - *s) * half}) {
    const auto x0 = candidate.sqrt();
    if (!x0) continue;
    Fq2 root;
    if (x0->is_zero()) {
      // a1 = 0 and a0 = -t^2 for some t: the root is t u.
      const auto t = (-c0).sqrt();
      if (!t) continue;
      root = {Fq::zero(), *t};
    } else {
      root = {*x0, c1 * x0->dbl().inverse()};
    }
    if (root.square() == *this) return root;
  }
  return std::nullopt;
}

}  // namespace vseal::field
