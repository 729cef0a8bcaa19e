// Groth16 verifier on trapdoor instances (any shape, no files): valid proofs pass alone and
// batched, every kind of tampering fails, and the key and params-header formats round-trip
// and reject damage.
#include <gtest/gtest.h>

#include <fstream>

#include "base/error.hpp"
#include "snark/groth16_simulate.hpp"
#include "snark/groth16_verify.hpp"
#include "temp_dir.hpp"
#include "test_seed.hpp"

namespace vseal::snark {
namespace {

TEST(Groth16, SimulatedProofsVerifyAloneAndBatched) {
  const auto sim = simulate_groth16(5, 4, vseal::testing::test_seed());
  const auto pvk = prepare_verifying_key(sim.vk);
  for (std::size_t j = 0; j < sim.proofs.size(); ++j)
    EXPECT_TRUE(verify_proof(pvk, sim.proofs[j], sim.inputs[j])) << vseal::testing::seed_note();
  EXPECT_TRUE(verify_proofs_batch(pvk, sim.proofs, sim.inputs));
}

TEST(Groth16, TamperingFails) {
  const auto sim = simulate_groth16(3, 3, vseal::testing::test_seed() + 1);
  const auto pvk = prepare_verifying_key(sim.vk);
  // Swapped inputs, a changed input, swapped points between proofs, a negated point.
  EXPECT_FALSE(verify_proof(pvk, sim.proofs[0], sim.inputs[1]));
  auto inputs = sim.inputs;
  inputs[2][1] += field::Fr::one();
  EXPECT_FALSE(verify_proofs_batch(pvk, sim.proofs, inputs));
  auto proofs = sim.proofs;
  std::swap(proofs[0].c, proofs[1].c);
  EXPECT_FALSE(verify_proofs_batch(pvk, proofs, sim.inputs));
  proofs = sim.proofs;
  proofs[2].a = field::G1::from_affine(proofs[2].a).neg().to_affine();
  EXPECT_FALSE(verify_proofs_batch(pvk, proofs, sim.inputs));
  EXPECT_FALSE(verify_proof(pvk, proofs[2], sim.inputs[2]));
  // One valid proof among wrong ones does not carry the batch; the batch of valid ones does.
  proofs = sim.proofs;
  proofs[1].b = proofs[0].b;
  EXPECT_FALSE(verify_proofs_batch(pvk, proofs, sim.inputs));
  EXPECT_THROW(
      verify_proofs_batch(pvk, std::span<const Proof>{}, std::span<const std::vector<field::Fr>>{}),
      Error);
  EXPECT_THROW(verify_proofs_batch(pvk, sim.proofs, std::span(sim.inputs).first(2)), Error);
}

TEST(Groth16, ProofAndKeyEncodingsRoundTrip) {
  const auto sim = simulate_groth16(2, 2, vseal::testing::test_seed() + 2);
  const auto vk_bytes = encode_verifying_key(sim.vk);
  EXPECT_EQ(vk_bytes.size(), 868u + 96u * 3u);
  EXPECT_EQ(encode_verifying_key(parse_verifying_key(vk_bytes)), vk_bytes);
  std::vector<std::uint8_t> proof_bytes;
  for (const auto& p : sim.proofs) {
    const auto b = encode_proof(p);
    proof_bytes.insert(proof_bytes.end(), b.begin(), b.end());
  }
  const auto parsed = parse_proofs(proof_bytes);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(encode_proof(parsed[1]), encode_proof(sim.proofs[1]));
  EXPECT_THROW(parse_proofs(std::vector<std::uint8_t>{}), Error);
}

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

TEST(Groth16, ParamsHeaderCountsEveryArray) {
  const auto dir = vseal::testing::temp_dir("params-header");
  const auto sim = simulate_groth16(2, 1, vseal::testing::test_seed() + 3);
  std::vector<std::uint8_t> file = encode_verifying_key(sim.vk);
  const auto g1 = field::g1_serialize(sim.vk.alpha_g1);
  const auto g2 = field::g2_serialize(sim.vk.beta_g2);
  const std::uint32_t counts[5] = {3, 2, 4, 1, 1};
  for (int k = 0; k < 5; ++k) {
    put_u32(file, counts[k]);
    for (std::uint32_t i = 0; i < counts[k]; ++i) {
      if (k == 4)
        file.insert(file.end(), g2.begin(), g2.end());
      else
        file.insert(file.end(), g1.begin(), g1.end());
    }
  }
  const auto write = [&](const std::vector<std::uint8_t>& bytes) {
    const auto path = dir / "test.params";
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path;
  };
  const auto h = read_params_header(write(file));
  EXPECT_EQ(h.h, 3u);
  EXPECT_EQ(h.l, 2u);
  EXPECT_EQ(h.a, 4u);
  EXPECT_EQ(h.b_g1, 1u);
  EXPECT_EQ(h.b_g2, 1u);
  EXPECT_EQ(h.vk.ic.size(), 3u);
  EXPECT_EQ(h.file_bytes, file.size());
  auto shorter = file;
  shorter.pop_back();
  EXPECT_THROW(read_params_header(write(shorter)), Error);
  auto longer = file;
  longer.push_back(0);
  EXPECT_THROW(read_params_header(write(longer)), Error);
}

}  // namespace
}  // namespace vseal::snark
