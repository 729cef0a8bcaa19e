// Trapdoor Groth16 instances (see groth16_simulate.hpp).
#include "snark/groth16_simulate.hpp"

#include <random>

namespace vseal::snark {
namespace {

field::Fr random_scalar(std::mt19937_64& rng) {
  for (;;) {
    field::FrBytes b;
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    b[31] &= 0x3f;
    field::Fr v;
    if (field::Fr::try_from_bytes(b, v) && !v.is_zero()) return v;
  }
}

field::G1Affine g1_times(const field::Fr& k) {
  return field::G1::from_affine(field::g1_generator()).mul(k.to_canonical_limbs()).to_affine();
}
field::G2Affine g2_times(const field::Fr& k) {
  return field::G2::from_affine(field::g2_generator()).mul(k.to_canonical_limbs()).to_affine();
}

}  // namespace

SimulatedGroth16 simulate_groth16(std::size_t public_inputs, std::size_t proofs,
                                  std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const field::Fr alpha = random_scalar(rng), beta = random_scalar(rng);
  const field::Fr gamma = random_scalar(rng), delta = random_scalar(rng);
  std::vector<field::Fr> u(public_inputs + 1);
  for (auto& x : u) x = random_scalar(rng);
  SimulatedGroth16 out;
  out.vk.alpha_g1 = g1_times(alpha);
  out.vk.beta_g1 = g1_times(beta);
  out.vk.beta_g2 = g2_times(beta);
  out.vk.gamma_g2 = g2_times(gamma);
  out.vk.delta_g1 = g1_times(delta);
  out.vk.delta_g2 = g2_times(delta);
  for (const auto& x : u) out.vk.ic.push_back(g1_times(x * gamma.inverse()));
  const field::Fr delta_inv = delta.inverse();
  for (std::size_t j = 0; j < proofs; ++j) {
    std::vector<field::Fr> inputs(public_inputs);
    // The IC points are [u_i / gamma] G1, so e(X, gamma) contributes sum u_i x_i (x_0 = 1).
    field::Fr ux = u[0];
    for (std::size_t i = 0; i < public_inputs; ++i) {
      inputs[i] = field::Fr::from_u64(rng() % 1000000);
      ux += u[i + 1] * inputs[i];
    }
    const field::Fr a = random_scalar(rng), b = random_scalar(rng);
    const field::Fr c = (a * b - alpha * beta - ux) * delta_inv;
    out.proofs.push_back({g1_times(a), g2_times(b), g1_times(c)});
    out.inputs.push_back(std::move(inputs));
  }
  return out;
}

}  // namespace vseal::snark
