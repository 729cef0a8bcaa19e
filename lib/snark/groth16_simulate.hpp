#pragma once
// Valid Groth16 instances of any shape, made with a known trapdoor: the key's exponents are
// chosen, so for any inputs a proof can be solved for directly (C = [(ab - alpha beta -
// gamma sum x_i u_i) / delta] G1). Only for benchmarks and tests of the verifier at the real
// sizes (e.g. 10 x 327 inputs, the 32GiB seal): the trapdoor makes these keys worthless.
#include <cstdint>
#include <vector>

#include "field/fr.hpp"
#include "snark/groth16_key.hpp"
#include "snark/groth16_proof.hpp"

namespace vseal::snark {

struct SimulatedGroth16 {
  VerifyingKey vk;
  std::vector<Proof> proofs;
  std::vector<std::vector<field::Fr>> inputs;
};

SimulatedGroth16 simulate_groth16(std::size_t public_inputs, std::size_t proofs,
                                  std::uint64_t seed);

}  // namespace vseal::snark
