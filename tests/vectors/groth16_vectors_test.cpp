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
#include "snark/parameter_files.hpp"
#include "snark/proof_verify.hpp"
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

// The 18 challenged nodes of a stored 32GiB partition: slot +0 of each challenge (§5.2).
std::vector<std::uint64_t> stored_challenges(const std::vector<field::Fr>& partition) {
  std::vector<std::uint64_t> out;
  for (std::size_t c = 0; c < 18; ++c) out.push_back(partition[3 + 18 * c].to_canonical_limbs()[0]);
  return out;
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
    const auto challenges = stored_challenges(stored);
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

TEST(Groth16Vectors, ParameterFileStemsAreComputedFromTheCircuitShape) {
  // v28 stems of the published parameters.json (commit-and-post.md §10).
  struct Row {
    const char* size;
    const char* porep;
    const char* window;
    const char* winning;
  };
  const Row rows[] = {
      {"2KiB",
       "8-0-0-sha256_hasher-032d3138d22506ec0082ed72b2dcba18df18477904e35bafee82b3793b06832f",
       "8-0-0-0170db1f394b35d995252228ee359194b13199d259380541dc529fb0099096b0",
       "8-0-0-3ea05428c9d11689f23529cde32fd30aabd50f7d2c93657c1d3650bca3e8ea9e"},
      {"8MiB",
       "8-0-0-sha256_hasher-ecd683648512ab1765faa2a5f14bab48f676e633467f0aa8aad4b55dcb0652bb",
       "8-0-0-5294475db5237a2e83c3e52fd6c2b03859a1831d45ed08c4f35dbf9a803165a9",
       "8-0-0-50c7368dea9593ed0989e70974d28024efa9d156d585b7eea1be22b2e753f331"},
      {"512MiB",
       "8-0-0-sha256_hasher-6babf46ce344ae495d558e7770a585b2382d54f225af8ed0397b8be7c3fcd472",
       "8-0-0-0cfb4f178bbb71cf2ecfcd42accce558b27199ab4fb59cb78f2483fe21ef36d9",
       "8-0-0-7d739b8cf60f1b0709eeebee7730e297683552e4b69cab6984ec0285663c5781"},
      {"32GiB",
       "8-8-0-sha256_hasher-82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820",
       "8-8-0-0377ded656c6f524f1618760bffe4e0a1c51d5a70c4509eedae8a27555733edc",
       "8-8-0-559e581f022bb4e4ec6e719e563bf0e026ad6de42e56c18714a2c692b1b88d7e"},
      {"64GiB",
       "8-8-2-sha256_hasher-96f1b4a04c5c51e4759bbf224bbc2ef5a42c7100f16ec0637123f16a845ddfb2",
       "8-8-2-2627e4006b67f99cef990c0a47d5426cb7ab0a0ad58fc1061547bf2d28b09def",
       "8-8-2-b62098629d07946e9028127e70295ed996fe3ed25b0f9f88eb610a0ab4385a3c"},
  };
  for (const auto& row : rows) {
    const std::string size = row.size;
    const std::string porep_prefix = "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-";
    const std::string post_prefix = "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-";
    for (const char* version : {"V1", "V1_1"}) {
      EXPECT_EQ(porep_parameter_stem(porep::registered_seal_proof("StackedDrg" + size + version)),
                porep_prefix + row.porep);
    }
    EXPECT_EQ(post_parameter_stem(post::registered_post_proof("StackedDrgWindow" + size + "V1")),
              post_prefix + row.window);
    EXPECT_EQ(post_parameter_stem(post::registered_post_proof("StackedDrgWinning" + size + "V1")),
              post_prefix + row.winning);
  }
  EXPECT_EQ(porep_parameter_stem(porep::registered_seal_proof("StackedDrg32GiBV1"), "v27"),
            "v27-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-sha256_hasher-"
            "82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820");
}

SealStatement seal_statement_from_file() {
  const auto& stored = seal_file().inputs;
  SealStatement st;
  st.proof = &porep::registered_seal_proof("StackedDrg32GiBV1");
  st.replica_id = bytes_of(stored[0][0]);
  st.comm_d = bytes_of(stored[0][1]);
  st.comm_r = bytes_of(stored[0][2]);
  for (const auto& partition : stored) st.challenges.push_back(stored_challenges(partition));
  return st;
}

TEST(Groth16Vectors, VerifySealChecksTheWholeStatement) {
  SealStatement st = seal_statement_from_file();
  EXPECT_TRUE(verify_seal(seal_key(), st, seal_file().proofs));
  // Another comm_r (still a valid field element): false, not an error.
  SealStatement other = st;
  other.comm_r[0] ^= 1;
  EXPECT_FALSE(verify_seal(seal_key(), other, seal_file().proofs));
  // A different challenge in one partition.
  other = st;
  other.challenges[9][17] += 1;
  EXPECT_FALSE(verify_seal(seal_key(), other, seal_file().proofs));
  // API checks.
  std::vector<std::uint8_t> nine(seal_file().proofs.begin(), seal_file().proofs.end() - 192);
  EXPECT_THROW(verify_seal(seal_key(), st, nine), Error);
  other = st;
  other.comm_d.fill(0);
  EXPECT_THROW(verify_seal(seal_key(), other, seal_file().proofs), Error);
  other = st;
  other.comm_r.fill(0xff);
  EXPECT_THROW(verify_seal(seal_key(), other, seal_file().proofs), Error);
  other = st;
  other.challenges.pop_back();
  EXPECT_THROW(verify_seal(seal_key(), other, seal_file().proofs), Error);
}

TEST(Groth16Vectors, VerifyWinningPostFromItsSectorAndLeaves) {
  const auto& stored = winning_file().inputs[0];
  ASSERT_EQ(stored.size(), 132u);
  PostStatement st;
  st.proof = &post::registered_post_proof("StackedDrgWinning32GiBV1");
  st.sectors.push_back({7, bytes_of(stored[0])});
  for (std::size_t s = 0; s < 66; ++s) {
    EXPECT_EQ(stored[2 * s], stored[0]);  // one sector, repeated
    st.leaves.push_back({stored[2 * s + 1].to_canonical_limbs()[0]});
  }
  EXPECT_EQ(post_public_inputs_all(st).at(0), stored);
  const auto vk = prepare_verifying_key(parse_verifying_key(winning_file().vk));
  EXPECT_TRUE(verify_post(vk, st, winning_file().proofs));
  st.leaves[65][0] ^= 1;
  EXPECT_FALSE(verify_post(vk, st, winning_file().proofs));
  st.leaves.pop_back();
  EXPECT_THROW(verify_post(vk, st, winning_file().proofs), Error);
}

}  // namespace
}  // namespace vseal::snark
