#pragma once
// Fq6 = Fq2[v] / (v^3 - xi) with xi = u + 1, the middle of the BLS12-381 tower.
// The sparse products serve the Miller loop, whose line functions have two or one non-zero
// Fq6 coefficients.
#include "field/fq2.hpp"

namespace vseal::field {

struct Fq6 {
  Fq2 c0, c1, c2;  // c0 + c1 v + c2 v^2

  static constexpr Fq6 zero() { return Fq6{}; }
  static constexpr Fq6 one() { return Fq6{Fq2::one(), Fq2::zero(), Fq2::zero()}; }

  bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  // Multiplication by v.
  Fq6 mul_by_nonresidue() const { return {c2.mul_by_nonresidue(), c0, c1}; }
  // this * (a0 + a1 v)
  Fq6 mul_by_01(const Fq2& a0, const Fq2& a1) const {
    const Fq2 t0 = c0 * a0;
    const Fq2 t1 = c1 * a1;
    return {(c2 * a1).mul_by_nonresidue() + t0, (c0 + c1) * (a0 + a1) - t0 - t1, c2 * a0 + t1};
  }
  // this * (a1 v)
  Fq6 mul_by_1(const Fq2& a1) const { return {(c2 * a1).mul_by_nonresidue(), c0 * a1, c1 * a1}; }
  Fq6 scale(const Fq2& s) const { return {c0 * s, c1 * s, c2 * s}; }
  Fq6 square() const { return *this * *this; }
  Fq6 inverse() const;
  Fq6 frobenius() const;  // x^p

  friend bool operator==(const Fq6& a, const Fq6& b) = default;
  friend Fq6 operator+(const Fq6& a, const Fq6& b) {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
  }
  friend Fq6 operator-(const Fq6& a, const Fq6& b) {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
  }
  friend Fq6 operator-(const Fq6& a) { return {-a.c0, -a.c1, -a.c2}; }
  friend Fq6 operator*(const Fq6& a, const Fq6& b) {
    // Karatsuba over the cubic extension: six Fq2 products.
    const Fq2 t0 = a.c0 * b.c0;
    const Fq2 t1 = a.c1 * b.c1;
    const Fq2 t2 = a.c2 * b.c2;
    return {((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mul_by_nonresidue() + t0,
            (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mul_by_nonresidue(),
            (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1};
  }
  Fq6& operator+=(const Fq6& b) { return *this = *this + b; }
  Fq6& operator-=(const Fq6& b) { return *this = *this - b; }
  Fq6& operator*=(const Fq6& b) { return *this = *this * b; }
};

}  // namespace vseal::field
