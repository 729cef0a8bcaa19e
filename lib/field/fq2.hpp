#pragma once
// Fq2 = Fq[u] / (u^2 + 1), the field of BLS12-381's G2 coordinates (commit-and-post.md §9).
// xi = u + 1 is the non-residue the rest of the tower (Fq6, Fq12) and the twist are built on.
// The zcash encoding writes c1 before c0.
#include <optional>
#include <span>

#include "field/fq.hpp"

namespace vseal::field {

struct Fq2 {
  Fq c0, c1;  // c0 + c1 * u

  static constexpr Fq2 zero() { return Fq2{}; }
  static constexpr Fq2 one() { return Fq2{Fq::one(), Fq::zero()}; }

  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  // zcash sign: compare c1, or c0 when c1 is zero.
  bool is_lexicographically_largest() const {
    return c1.is_zero() ? c0.is_lexicographically_largest() : c1.is_lexicographically_largest();
  }

  Fq2 conjugate() const { return {c0, -c1}; }
  // x^p: conjugation, since p = 3 mod 4 makes u^p = -u.
  Fq2 frobenius() const { return conjugate(); }
  Fq2 dbl() const { return {c0.dbl(), c1.dbl()}; }
  Fq2 square() const {
    // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u
    return {(c0 + c1) * (c0 - c1), (c0 * c1).dbl()};
  }
  // Multiplication by xi = u + 1.
  Fq2 mul_by_nonresidue() const { return {c0 - c1, c0 + c1}; }
  Fq2 scale(const Fq& s) const { return {c0 * s, c1 * s}; }
  Fq norm() const { return c0.square() + c1.square(); }
  Fq2 inverse() const;  // zero maps to zero
  Fq2 pow(std::span<const std::uint64_t> exponent) const;
  std::optional<Fq2> sqrt() const;

  friend bool operator==(const Fq2& a, const Fq2& b) = default;
  friend Fq2 operator+(const Fq2& a, const Fq2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fq2 operator-(const Fq2& a, const Fq2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  friend Fq2 operator-(const Fq2& a) { return {-a.c0, -a.c1}; }
  friend Fq2 operator*(const Fq2& a, const Fq2& b) {
    // Karatsuba: three Fq products.
    const Fq t0 = a.c0 * b.c0;
    const Fq t1 = a.c1 * b.c1;
    return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
  }
  Fq2& operator+=(const Fq2& b) { return *this = *this + b; }
  Fq2& operator-=(const Fq2& b) { return *this = *this - b; }
  Fq2& operator*=(const Fq2& b) { return *this = *this * b; }
};

}  // namespace vseal::field
