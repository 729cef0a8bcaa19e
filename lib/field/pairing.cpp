// Optimal ate pairing: Miller loop line functions in Jacobian coordinates and the final
// exponentiation. Derivation of the lines (M-twist, psi(x', y') = (x' / w^2, y' / w^3)):
// the tangent or chord through psi(T) evaluated at P, times w^3 and times an Fq2 factor that
// the final exponentiation removes, is (lambda' x_T - y_T) - lambda' x_P v + y_P v w, where
// lambda' is the slope on the twist. Clearing denominators in Jacobian coordinates gives the
// (a, b, c) below; a, b, c only depend on Q, so they are computed once per G2 point.
#include "field/pairing.hpp"

#include "base/error.hpp"

namespace vseal::field {
namespace {

constexpr std::uint64_t kAbsX = 0xd201000000010000ull;  // x = -kAbsX

// Tangent at T, then T = 2T.
LineCoefficients double_step(G2& t) {
  const Fq2 x2 = t.x.square();
  const Fq2 y2 = t.y.square();
  const Fq2 z2 = t.z.square();
  const Fq2 x2_3 = x2.dbl() + x2;
  // a = 3X^3 - 2Y^2, b = -3X^2 Z^2, c = 2 Y Z^3
  LineCoefficients line{x2_3 * t.x - y2.dbl(), -(x2_3 * z2), (t.y * t.z * z2).dbl()};
  t = t.dbl();
  return line;
}

// Chord through T and Q (affine), then T = T + Q. Within the loop T = [k]Q with 1 < k < r,
// so T != +-Q and H != 0.
LineCoefficients add_step(G2& t, const G2Affine& q) {
  const Fq2 z2 = t.z.square();
  const Fq2 h = q.x * z2 - t.x;        // x_Q Z^2 - X
  const Fq2 r = q.y * z2 * t.z - t.y;  // y_Q Z^3 - Y
  const Fq2 zh = t.z * h;
  // a = R x_Q - y_Q Z H, b = -R, c = Z H
  LineCoefficients line{r * q.x - q.y * zh, -r, zh};
  const Fq2 hh = h.square();
  const Fq2 hhh = hh * h;
  const Fq2 v = t.x * hh;
  const Fq2 x3 = r.square() - hhh - v.dbl();
  t = G2{x3, r * (v - x3) - t.y * hhh, zh};
  return line;
}

// a^(-e) for a in the cyclotomic subgroup (where the conjugate is the inverse); the two
// exponents used, x = -kAbsX and (x - 1) / 3 = -kXMinusOneThirdAbs, are both negative.
Fq12 cyclotomic_exp_negative(const Fq12& a, std::uint64_t e) {
  Fq12 acc = a;
  const int top = 63 - __builtin_clzll(e);
  for (int bit = top - 1; bit >= 0; --bit) {
    acc = acc.cyclotomic_square();
    if ((e >> bit) & 1u) acc *= a;
  }
  return acc.conjugate();
}

constexpr std::uint64_t kXMinusOneThirdAbs = 0x460055555555aaabull;  // (x - 1) / 3 = -this

Fq12 exp_by_x(const Fq12& a) {
  return cyclotomic_exp_negative(a, kAbsX);
}

}  // namespace

G2Prepared G2Prepared::from(const G2Affine& q) {
  G2Prepared out;
  if (q.infinity) return out;
  out.infinity = false;
  out.lines.reserve(70);
  G2 t = G2::from_affine(q);
  for (int bit = 62; bit >= 0; --bit) {
    out.lines.push_back(double_step(t));
    if ((kAbsX >> bit) & 1u) out.lines.push_back(add_step(t, q));
  }
  return out;
}

Fq12 multi_miller_loop(std::span<const MillerTerm> terms) {
  std::vector<const MillerTerm*> live;
  for (const auto& term : terms) {
    VSEAL_ASSERT(term.q != nullptr);
    if (!term.p.infinity && !term.q->infinity) live.push_back(&term);
  }
  Fq12 f = Fq12::one();
  std::size_t step = 0;
  const auto apply = [&](std::size_t index) {
    for (const MillerTerm* term : live) {
      const LineCoefficients& l = term->q->lines[index];
      f = f.mul_by_line(l.a, l.b.scale(term->p.x), l.c.scale(term->p.y));
    }
  };
  for (int bit = 62; bit >= 0; --bit) {
    if (bit != 62) f = f.square();
    apply(step++);
    if ((kAbsX >> bit) & 1u) apply(step++);
  }
  return f.conjugate();
}

Fq12 final_exponentiation(const Fq12& f) {
  // Easy part: f^((p^6 - 1)(p^2 + 1)) lands in the cyclotomic subgroup.
  const Fq12 t = f.conjugate() * f.inverse();
  const Fq12 y = t.frobenius().frobenius() * t;
  // Hard part (p^4 - p^2 + 1) / r = ((x-1)/3) (x-1) (x+p) (x^2+p^2-1) + 1; x = 1 mod 3 makes
  // (x-1)/3 an integer, so no factor 3 is left over and the result is the textbook pairing.
  Fq12 a = cyclotomic_exp_negative(y, kXMinusOneThirdAbs);
  a = exp_by_x(a) * a.conjugate();
  const Fq12 b = exp_by_x(a) * a.frobenius();
  const Fq12 c = exp_by_x(exp_by_x(b)) * b.frobenius().frobenius() * b.conjugate();
  return c * y;
}

Fq12 pairing(const G1Affine& p, const G2Affine& q) {
  const G2Prepared prepared = G2Prepared::from(q);
  const MillerTerm term{p, &prepared};
  return final_exponentiation(multi_miller_loop(std::span(&term, 1)));
}

}  // namespace vseal::field
