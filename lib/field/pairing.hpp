#pragma once
// The optimal ate pairing on BLS12-381 (commit-and-post.md §9): a Miller loop over |x| =
// 0xd201000000010000 with the G2 argument's line coefficients precomputed (G2Prepared), a
// multi-Miller loop that shares the squarings among all pairs, and the final exponentiation.
// The final exponentiation computes exactly f^((p^12 - 1) / r) (an x-polynomial chain for
// the hard part), so GT values equal those of other BLS12-381 implementations, as SnarkPack's
// transcripts need.
#include <span>
#include <vector>

#include "field/fq12.hpp"
#include "field/g1.hpp"
#include "field/g2.hpp"

namespace vseal::field {

// Line coefficients of the Miller loop for one G2 point: line(P) = a + (b x_P) v + (c y_P) v w.
struct LineCoefficients {
  Fq2 a, b, c;
};

struct G2Prepared {
  std::vector<LineCoefficients> lines;  // doubling and addition steps in loop order
  bool infinity = true;

  static G2Prepared from(const G2Affine& q);
};

struct MillerTerm {
  G1Affine p;
  const G2Prepared* q;
};

// prod_i f_{|x|, Q_i}(P_i), conjugated for the negative x; terms with an identity are skipped.
Fq12 multi_miller_loop(std::span<const MillerTerm> terms);
Fq12 final_exponentiation(const Fq12& f);
Fq12 pairing(const G1Affine& p, const G2Affine& q);

}  // namespace vseal::field
