#pragma once
// Fq12 = Fq6[w] / (w^2 - v), the pairing's target field. Elements of the pairing group GT
// (order r) live in its cyclotomic subgroup, where the inverse is the conjugate.
#include <span>

#include "field/fq6.hpp"

namespace vseal::field {

struct Fq12 {
  Fq6 c0, c1;  // c0 + c1 w

  static constexpr Fq12 zero() { return Fq12{}; }
  static constexpr Fq12 one() { return Fq12{Fq6::one(), Fq6::zero()}; }

  bool is_one() const { return *this == one(); }
  Fq12 conjugate() const { return {c0, -c1}; }  // x^(p^6)
  Fq12 square() const {
    // (c0 + c1 w)^2 = (c0 + c1)(c0 + v c1) - (1 + v) c0 c1 + 2 c0 c1 w
    const Fq6 t = c0 * c1;
    return {(c0 + c1) * (c0 + c1.mul_by_nonresidue()) - t - t.mul_by_nonresidue(), t + t};
  }
  // Squaring in the cyclotomic subgroup (elements with x^(p^6+1) = 1, e.g. after the easy part
  // of the final exponentiation), Granger-Scott: three Fq4 squarings instead of a full Fq12
  // square. Wrong for other elements.
  Fq12 cyclotomic_square() const;
  // this * (a + b v + c v w): a Miller-loop line value.
  Fq12 mul_by_line(const Fq2& a, const Fq2& b, const Fq2& c) const {
    const Fq6 t0 = c0.mul_by_01(a, b);
    const Fq6 t1 = c1.mul_by_1(c);
    return {t1.mul_by_nonresidue() + t0, (c0 + c1).mul_by_01(a, b + c) - t0 - t1};
  }
  Fq12 inverse() const;
  Fq12 frobenius() const;  // x^p
  Fq12 pow(std::span<const std::uint64_t> exponent) const;

  friend bool operator==(const Fq12& a, const Fq12& b) = default;
  friend Fq12 operator+(const Fq12& a, const Fq12& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fq12 operator-(const Fq12& a, const Fq12& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  friend Fq12 operator*(const Fq12& a, const Fq12& b) {
    const Fq6 t0 = a.c0 * b.c0;
    const Fq6 t1 = a.c1 * b.c1;
    return {t1.mul_by_nonresidue() + t0, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
  }
  Fq12& operator*=(const Fq12& b) { return *this = *this * b; }
};

}  // namespace vseal::field
