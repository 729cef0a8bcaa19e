// Groth16 verification (see groth16_verify.hpp).
#include "snark/groth16_verify.hpp"

#include <openssl/rand.h>

#include <string>

#include "base/error.hpp"
#include "field/msm.hpp"

namespace vseal::snark {
namespace {

void check_input_count(const PreparedVerifyingKey& pvk, std::size_t got, std::size_t proof) {
  if (got + 1 != pvk.ic.size()) {
    throw Error(ErrorCode::BadInput, "proof " + std::to_string(proof) + ": " + std::to_string(got) +
                                         " public inputs, the key expects " +
                                         std::to_string(pvk.ic.size() - 1));
  }
}

// A uniformly random non-zero 128-bit scalar from the OS generator.
field::Fr random_batch_scalar() {
  for (;;) {
    field::FrBytes bytes{};
    if (RAND_bytes(bytes.data(), 16) != 1)
      throw Error(ErrorCode::Internal, "RAND_bytes failed to produce a batch scalar");
    const field::Fr r = field::Fr::from_bytes(bytes);
    if (!r.is_zero()) return r;
  }
}

bool final_check(std::span<const field::MillerTerm> terms, const field::Fq12& expected_alpha_beta) {
  return field::final_exponentiation(field::multi_miller_loop(terms)) == expected_alpha_beta;
}

}  // namespace

PreparedVerifyingKey prepare_verifying_key(const VerifyingKey& vk) {
  PreparedVerifyingKey pvk;
  pvk.alpha_beta = field::pairing(vk.alpha_g1, vk.beta_g2);
  pvk.neg_gamma = field::G2Prepared::from(field::G2::from_affine(vk.gamma_g2).neg().to_affine());
  pvk.neg_delta = field::G2Prepared::from(field::G2::from_affine(vk.delta_g2).neg().to_affine());
  pvk.ic = vk.ic;
  return pvk;
}

bool verify_proof(const PreparedVerifyingKey& pvk, const Proof& proof,
                  std::span<const field::Fr> inputs) {
  check_input_count(pvk, inputs.size(), 0);
  // X = IC_0 + sum x_i IC_i
  const field::G1 x = field::g1_msm(std::span(pvk.ic).subspan(1), inputs).add(pvk.ic[0]);
  const field::G2Prepared b = field::G2Prepared::from(proof.b);
  const field::MillerTerm terms[] = {
      {proof.a, &b}, {x.to_affine(), &pvk.neg_gamma}, {proof.c, &pvk.neg_delta}};
  return final_check(terms, pvk.alpha_beta);
}

bool verify_proofs_batch(const PreparedVerifyingKey& pvk, std::span<const Proof> proofs,
                         std::span<const std::vector<field::Fr>> inputs) {
  if (proofs.empty()) throw Error(ErrorCode::BadInput, "batch verification of zero proofs");
  if (inputs.size() != proofs.size()) {
    throw Error(ErrorCode::BadInput, std::to_string(proofs.size()) + " proofs but " +
                                         std::to_string(inputs.size()) + " input vectors");
  }
  for (std::size_t j = 0; j < inputs.size(); ++j) check_input_count(pvk, inputs[j].size(), j);
  if (proofs.size() == 1) return verify_proof(pvk, proofs[0], inputs[0]);

  // Scalars of the combined input point: s_0 = sum r_j, s_i = sum_j r_j x_ji.
  std::vector<field::Fr> s(pvk.ic.size(), field::Fr::zero());
  std::vector<field::Fr> r(proofs.size());
  std::vector<field::G1Affine> c_points(proofs.size());
  std::vector<field::G2Prepared> b_lines(proofs.size());
  std::vector<field::MillerTerm> terms;
  terms.reserve(proofs.size() + 2);
  for (std::size_t j = 0; j < proofs.size(); ++j) {
    r[j] = random_batch_scalar();
    s[0] += r[j];
    for (std::size_t i = 0; i < inputs[j].size(); ++i) s[i + 1] += r[j] * inputs[j][i];
    c_points[j] = proofs[j].c;
    b_lines[j] = field::G2Prepared::from(proofs[j].b);
    const auto rj = r[j].to_canonical_limbs();
    terms.push_back({field::G1::from_affine(proofs[j].a).mul(rj).to_affine(), &b_lines[j]});
  }
  const field::G1 x = field::g1_msm(pvk.ic, s);
  const field::G1 c = field::g1_msm(c_points, r);
  terms.push_back({x.to_affine(), &pvk.neg_gamma});
  terms.push_back({c.to_affine(), &pvk.neg_delta});
  return final_check(terms, pvk.alpha_beta.pow(s[0].to_canonical_limbs()));
}

}  // namespace vseal::snark
