#pragma once
// Groth16 verification as bellperson does it (commit-and-post.md §8.3). A prepared key holds
// e(alpha, beta) and the Miller-loop lines of -gamma and -delta, so one proof costs one MSM
// over the inputs and a three-pair multi-Miller loop. Batch verification of N proofs draws a
// random non-zero 128-bit r_j per proof and checks
//   prod_j e(r_j A_j, B_j) * e(sum r_j C_j, -delta) * e(sum r_j X_j, -gamma) = e(alpha, beta)^(sum
//   r_j)
// with one final exponentiation: a batch with any invalid proof fails except with probability
// about 2^-128. Verification returns false for a wrong proof; inputs of the wrong count or
// non-canonical values are caller errors (Error{BadInput}).
#include <span>
#include <vector>

#include "field/fr.hpp"
#include "field/pairing.hpp"
#include "snark/groth16_key.hpp"
#include "snark/groth16_proof.hpp"

namespace vseal::snark {

struct PreparedVerifyingKey {
  field::Fq12 alpha_beta;
  field::G2Prepared neg_gamma, neg_delta;
  std::vector<field::G1Affine> ic;
};

PreparedVerifyingKey prepare_verifying_key(const VerifyingKey& vk);

bool verify_proof(const PreparedVerifyingKey& pvk, const Proof& proof,
                  std::span<const field::Fr> inputs);

// inputs[j] belongs to proofs[j]; an empty batch is an error.
bool verify_proofs_batch(const PreparedVerifyingKey& pvk, std::span<const Proof> proofs,
                         std::span<const std::vector<field::Fr>> inputs);

}  // namespace vseal::snark
