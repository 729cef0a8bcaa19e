#pragma once
// Multi-scalar multiplication sum_i k_i P_i (Pippenger's bucket method) over G1 and G2, for
// Groth16's input accumulation and batch verification. Scalars are Fr values; points are
// affine (identities allowed and skipped). Variable time: inputs are public.
#include <span>

#include "field/fr.hpp"
#include "field/g1.hpp"
#include "field/g2.hpp"

namespace vseal::field {

// Error{BadInput} when the spans differ in length.
G1 g1_msm(std::span<const G1Affine> points, std::span<const Fr> scalars);
G2 g2_msm(std::span<const G2Affine> points, std::span<const Fr> scalars);

}  // namespace vseal::field
