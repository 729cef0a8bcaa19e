#pragma once
// Short-Weierstrass points y^2 = x^3 + b (a = 0) in Jacobian coordinates (x = X/Z^2,
// y = Y/Z^3, identity Z = 0), generic over the coordinate field so G1 (Fq) and G2 (Fq2) share
// one implementation (internal to field/; use field/g1.hpp and field/g2.hpp). Formulas:
// dbl-2009-l, add-2007-bl and madd-2007-bl of the Explicit-Formulas Database, with the
// exceptional cases (identity operands, P + P, P + (-P)) handled explicitly.
#include <cstdint>
#include <span>

namespace vseal::field::detail {

template <class F>
struct Affine {
  F x, y;
  bool infinity = true;
  friend bool operator==(const Affine& a, const Affine& b) {
    if (a.infinity || b.infinity) return a.infinity == b.infinity;
    return a.x == b.x && a.y == b.y;
  }
};

// Traits supply F and b().
template <class Traits>
struct Jacobian {
  using F = typename Traits::F;
  using AffinePoint = Affine<F>;
  F x, y, z;  // z == 0: the identity

  static Jacobian identity() { return {F::one(), F::one(), F::zero()}; }
  static Jacobian from_affine(const AffinePoint& p) {
    return p.infinity ? identity() : Jacobian{p.x, p.y, F::one()};
  }
  bool is_identity() const { return z.is_zero(); }

  AffinePoint to_affine() const {
    if (is_identity()) return {};
    const F zi = z.inverse();
    const F zi2 = zi.square();
    return {x * zi2, y * zi2 * zi, false};
  }

  bool is_on_curve() const {
    if (is_identity()) return true;
    const F z2 = z.square();
    const F z6 = z2.square() * z2;
    return y.square() == x.square() * x + Traits::b() * z6;
  }

  Jacobian neg() const { return {x, -y, z}; }

  Jacobian dbl() const {
    if (is_identity()) return *this;
    const F a = x.square();
    const F b = y.square();
    const F c = b.square();
    const F d = ((x + b).square() - a - c).dbl();
    const F e = a.dbl() + a;
    const F f = e.square();
    const F x3 = f - d.dbl();
    const F c8 = c.dbl().dbl().dbl();
    return {x3, e * (d - x3) - c8, (y * z).dbl()};
  }

  Jacobian add(const Jacobian& q) const {
    if (is_identity()) return q;
    if (q.is_identity()) return *this;
    const F z1z1 = z.square();
    const F z2z2 = q.z.square();
    const F u1 = x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = y * q.z * z2z2;
    const F s2 = q.y * z * z1z1;
    if (u1 == u2) return s1 == s2 ? dbl() : identity();
    const F h = u2 - u1;
    const F i = h.dbl().square();
    const F j = h * i;
    const F r = (s2 - s1).dbl();
    const F v = u1 * i;
    const F x3 = r.square() - j - v.dbl();
    return {x3, r * (v - x3) - (s1 * j).dbl(), ((z + q.z).square() - z1z1 - z2z2) * h};
  }

  Jacobian add(const AffinePoint& q) const {
    if (q.infinity) return *this;
    if (is_identity()) return from_affine(q);
    const F z1z1 = z.square();
    const F u2 = q.x * z1z1;
    const F s2 = q.y * z * z1z1;
    if (x == u2) return y == s2 ? dbl() : identity();
    const F h = u2 - x;
    const F hh = h.square();
    const F i = hh.dbl().dbl();
    const F j = h * i;
    const F r = (s2 - y).dbl();
    const F v = x * i;
    const F x3 = r.square() - j - v.dbl();
    return {x3, r * (v - x3) - (y * j).dbl(), (z + h).square() - z1z1 - hh};
  }

  // [k]P for k given as little-endian 64-bit limbs (public scalars: not constant time).
  Jacobian mul(std::span<const std::uint64_t> k) const {
    Jacobian acc = identity();
    for (std::size_t i = k.size(); i-- > 0;) {
      for (int bit = 63; bit >= 0; --bit) {
        acc = acc.dbl();
        if ((k[i] >> bit) & 1u) acc = acc.add(*this);
      }
    }
    return acc;
  }

  friend bool operator==(const Jacobian& a, const Jacobian& b) {
    if (a.is_identity() || b.is_identity()) return a.is_identity() == b.is_identity();
    const F z1z1 = a.z.square();
    const F z2z2 = b.z.square();
    return a.x * z2z2 == b.x * z1z1 && a.y * b.z * z2z2 == b.y * a.z * z1z1;
  }
};

}  // namespace vseal::field::detail
