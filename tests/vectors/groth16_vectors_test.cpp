// Real Groth16 proofs: fil-blst's 32GiB seal (10 partitions) and 32GiB Winning PoSt proofs with
// their v27 verifying keys (../shared/vectors/params). Verified one by one and batched, from
// the inputs stored in the files and from PoRep inputs vseal assembles itself; a one-bit change
// to a proof or an input is rejected.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "porep/graph.hpp"
#include "porep/public_inputs.hpp"
#include "porep/registered_proof.hpp"
#include "snark/groth16_verify.hpp"
#include "vectors/prf_file.hpp"

namespace vseal::snark {
namespace {

using testing::params_dir;

const testing::PrfFile& seal_file() {
  static const auto f = testing::read_prf_batch(params_dir() / "fil-blst-seal32_x10.prf");
  return f;
}
const testing::PrfFile& winning_file() {
  static const auto f = testing::read_prf_single(params_dir() / "fil-blst-winning32.prf");
  return f;
}
const PreparedVerifyingKey& seal_key() {
  static const auto k = prepare_verifying_key(parse_verifying_key(seal_file().vk));
  return k;
}

porep::Bytes32 bytes_of(const field::Fr& v) {
  return v.to_bytes();
}

TEST(Groth16Vectors, ShippedKeysAreTheOnesInsideTheProofFiles) {
  const auto seal_vk = read_verifying_key_file(
      params_dir() /
      "v27-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-sha256_hasher-"
      "82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820.vk");
  EXPECT_EQ(encode_verifying_key(seal_vk), seal_file().vk);
  EXPECT_EQ(seal_vk.ic.size(), 328u);
  const auto win_vk = read_verifying_key_file(
      params_dir() /
      "v27-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-8-0-"
      "559e581f022bb4e4ec6e719e563bf0e026ad6de42e56c18714a2c692b1b88d7e.vk");
  EXPECT_EQ(encode_verifying_key(win_vk), winning_file().vk);
  EXPECT_EQ(win_vk.ic.size(), 133u);
}

TEST(Groth16Vectors, Seal32GiBPartitionsVerifyEachAndBatched) {
  const auto proofs = parse_proofs(seal_file().proofs);
  ASSERT_EQ(proofs.size(), 10u);
  for (std::size_t j = 0; j < proofs.size(); ++j) {
    EXPECT_TRUE(verify_proof(seal_key(), proofs[j], seal_file().inputs[j])) << "partition " << j;
  }
  EXPECT_TRUE(verify_proofs_batch(seal_key(), proofs, seal_file().inputs));
  // Each proof only verifies with its own partition's inputs.
  EXPECT_FALSE(verify_proof(seal_key(), proofs[0], seal_file().inputs[1]));
}

TEST(Groth16Vectors, Seal32GiBInputsAssembledByVseal) {
  // replica_id, comm_d, comm_r and the challenge of each slot come from the file; the 14
  // parents of every challenge come from vseal's 32GiB V1 graph (porep_id 03 00..00).
  const auto& proof = porep::registered_seal_proof("StackedDrg32GiBV1");
  const porep::GraphParams graph{porep::sector_shape(proof.sector_size).nodes,
                                 porep::porep_id_for(proof.id), proof.api_version};
  const auto proofs = parse_proofs(seal_file().proofs);
  std::vector<std::vector<field::Fr>> assembled;
  for (const auto& stored : seal_file().inputs) {
    std::vector<std::uint64_t> challenges;
    for (std::size_t c = 0; c < 18; ++c) {
      const auto limbs = stored[3 + 18 * c].to_canonical_limbs();
      challenges.push_back(limbs[0]);
    }
    assembled.push_back(porep::porep_public_inputs(graph, bytes_of(stored[0]), bytes_of(stored[1]),
                                                   bytes_of(stored[2]), challenges));
    EXPECT_EQ(assembled.back(), stored);
  }
  EXPECT_TRUE(verify_proofs_batch(seal_key(), proofs, assembled));
}

TEST(Groth16Vectors, WinningPostVerifies) {
  const auto vk = prepare_verifying_key(parse_verifying_key(winning_file().vk));
  const auto proofs = parse_proofs(winning_file().proofs);
  ASSERT_EQ(proofs.size(), 1u);
  EXPECT_TRUE(verify_proof(vk, proofs[0], winning_file().inputs[0]));
  auto changed = winning_file().inputs[0];
  changed[5] += field::Fr::one();
  EXPECT_FALSE(verify_proof(vk, proofs[0], changed));
}

TEST(Groth16Vectors, OneBitChangesAreRejected) {
  const auto proofs = parse_proofs(seal_file().proofs);
  // An input bit.
  auto inputs = seal_file().inputs;
  auto bytes = inputs[3][7].to_bytes();
  bytes[0] ^= 1;
  inputs[3][7] = field::Fr::from_bytes(bytes);
  EXPECT_FALSE(verify_proofs_batch(seal_key(), proofs, inputs));
  EXPECT_FALSE(verify_proof(seal_key(), proofs[3], inputs[3]));
  // Proof bits: a flipped sign bit gives the negated point (valid encoding, wrong proof);
  // other flipped bits almost always leave the curve or the subgroup and fail to decode.
  const auto flipped = [&](std::size_t byte, std::uint8_t mask) {
    std::vector<std::uint8_t> raw(seal_file().proofs.begin(), seal_file().proofs.begin() + 192);
    raw[byte] ^= mask;
    return raw;
  };
  for (const std::size_t sign_byte : {0u, 48u, 144u}) {
    const auto p = parse_proofs(flipped(sign_byte, 0x20));
    EXPECT_FALSE(verify_proof(seal_key(), p[0], seal_file().inputs[0])) << "byte " << sign_byte;
  }
  for (const std::size_t byte : {1u, 20u, 47u, 49u, 100u, 143u, 145u, 191u}) {
    try {
      const auto p = parse_proofs(flipped(byte, 0x04));
      EXPECT_FALSE(verify_proof(seal_key(), p[0], seal_file().inputs[0])) << "byte " << byte;
    } catch (const Error&) {
      // rejected by the decoder
    }
  }
}

TEST(Groth16Vectors, MalformedKeysAndProofsAreRejectedWithReasons) {
  const auto& vk = seal_file().vk;
  const auto message = [](auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  std::vector<std::uint8_t> truncated(vk.begin(), vk.end() - 1);
  EXPECT_NE(message([&] { parse_verifying_key(truncated); }).find("truncated"), std::string::npos);
  auto longer = vk;
  longer.push_back(0);
  EXPECT_NE(message([&] { parse_verifying_key(longer); }).find("unexpected bytes"),
            std::string::npos);
  auto wrong_count = vk;
  wrong_count[867] ^= 1;  // IC count 328 -> 329
  EXPECT_NE(message([&] { parse_verifying_key(wrong_count); }).find("IC count"), std::string::npos);
  auto infinity = vk;
  std::fill(infinity.begin() + 868, infinity.begin() + 868 + 96, 0);
  infinity[868] = 0x40;
  EXPECT_NE(
      message([&] { parse_verifying_key(infinity); }).find("IC[0] (offset 868): point at infinity"),
      std::string::npos);
  auto off_curve = vk;
  off_curve[95] ^= 1;
  EXPECT_NE(message([&] { parse_verifying_key(off_curve); }).find("alpha_g1"), std::string::npos);
  std::vector<std::uint8_t> short_proof(seal_file().proofs.begin(),
                                        seal_file().proofs.begin() + 191);
  EXPECT_NE(message([&] { parse_proofs(short_proof); }).find("multiple of 192"), std::string::npos);
  std::vector<std::uint8_t> id_proof(seal_file().proofs.begin(), seal_file().proofs.begin() + 192);
  std::fill(id_proof.begin(), id_proof.begin() + 48, 0);
  id_proof[0] = 0xc0;
  EXPECT_NE(message([&] { parse_proofs(id_proof); }).find("point at infinity"), std::string::npos);
  // Input count must match the key.
  const auto proofs = parse_proofs(seal_file().proofs);
  std::vector<field::Fr> too_few(seal_file().inputs[0].begin(), seal_file().inputs[0].end() - 1);
  EXPECT_NE(
      message([&] { verify_proof(seal_key(), proofs[0], too_few); }).find("326 public inputs"),
      std::string::npos);
}

}  // namespace
}  // namespace vseal::snark
