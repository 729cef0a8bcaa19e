// PoRep and PoSt challenge derivation beyond the vectors: ChaCha20 against RFC 8439, the
// 256-bit reduction against a simple model, partition slicing, and input errors.
#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "porep/chacha.hpp"
#include "porep/challenges.hpp"
#include "post/challenges.hpp"
#include "post/public_inputs.hpp"
#include "test_seed.hpp"

namespace vseal {
namespace {

using porep::Bytes32;

TEST(ChaCha20, Rfc8439BlockFunction) {
  std::array<std::uint8_t, 32> key{};
  for (std::size_t i = 0; i < 32; ++i) key[i] = static_cast<std::uint8_t>(i);
  std::array<std::uint8_t, 12> nonce{};
  from_hex_exact(nonce, "000000090000004a00000000", "nonce");
  std::array<std::uint8_t, 64> block{};
  porep::chacha20_keystream(key, nonce, 64, block);  // block counter 1 (§2.3.2)
  EXPECT_EQ(to_hex(block),
            "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
            "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
  // Unaligned windows are slices of the same stream.
  std::array<std::uint8_t, 200> whole{};
  porep::chacha20_keystream(key, nonce, 0, whole);
  std::array<std::uint8_t, 70> part{};
  porep::chacha20_keystream(key, nonce, 57, part);
  EXPECT_TRUE(std::equal(part.begin(), part.end(), whole.begin() + 57));
}

// V mod m computed bit by bit, the slow obvious way.
std::uint64_t slow_mod(const Bytes32& v, std::uint64_t m) {
  std::uint64_t r = 0;
  for (int bit = 255; bit >= 0; --bit) {
    const bool b = (v[static_cast<std::size_t>(bit / 8)] >> (bit % 8)) & 1;
    // r*2 + b may exceed 64 bits only when r >= 2^63; m < 2^63 in all our uses.
    r = ((r << 1) | (b ? 1u : 0u)) % m;
  }
  return r;
}

TEST(PorepChallenges, ReductionMatchesModel) {
  SCOPED_TRACE(testing::seed_note());
  std::mt19937_64 rng(testing::test_seed());
  for (int iter = 0; iter < 500; ++iter) {
    Bytes32 v{};
    for (auto& b : v) b = static_cast<std::uint8_t>(rng());
    for (const std::uint64_t nodes : {std::uint64_t{2}, std::uint64_t{64}, std::uint64_t{1} << 30,
                                      std::uint64_t{1} << 31, rng() % (std::uint64_t{1} << 40) + 2})
      EXPECT_EQ(porep::challenge_from_digest(v, nodes), slow_mod(v, nodes - 1) + 1);
  }
  Bytes32 max{};
  max.fill(0xff);
  EXPECT_EQ(porep::challenge_from_digest(max, 2), 1u);  // N = 2: only node 1
  EXPECT_THROW(porep::challenge_from_digest(max, 1), Error);
}

TEST(PorepChallenges, PartitionsAreSlicesOfOneSequence) {
  Bytes32 rid{}, seed{};
  rid[0] = 9;
  seed[5] = 3;
  const std::uint64_t nodes = std::uint64_t{1} << 30;
  const auto all = porep::interactive_challenges(nodes, rid, seed, 0, 180);
  for (int k = 0; k < 10; ++k) {
    const auto part = porep::interactive_challenges(nodes, rid, seed, k, 18);
    EXPECT_TRUE(std::equal(part.begin(), part.end(), all.begin() + 18 * k)) << k;
    for (const auto x : part) {
      EXPECT_GE(x, 1u);
      EXPECT_LT(x, nodes);
    }
  }
  const auto ni_all = porep::ni_challenges(64, rid, seed, 0, 26);
  const auto ni_12 = porep::ni_challenges(64, rid, seed, 12, 2);
  EXPECT_TRUE(std::equal(ni_12.begin(), ni_12.end(), ni_all.begin() + 24));
  EXPECT_THROW(porep::interactive_challenges(nodes, rid, seed, -1, 18), Error);
  EXPECT_THROW(porep::interactive_challenges(nodes, rid, seed, 0, 0), Error);
  EXPECT_THROW(porep::synthetic_selection(rid, seed, 0, 0, 2), Error);
}

TEST(PostChallenges, RandomnessAndSectorsAreChecked) {
  Bytes32 rand{};
  rand[31] = 0x40;
  const auto& window = post::registered_post_proof("StackedDrgWindow2KiBV1_2");
  const post::PublicSector s{1, {}};
  EXPECT_THROW(post::post_public_inputs(window, rand, std::span(&s, 1), 0), Error);
  rand[31] = 0x3f;
  EXPECT_EQ(post::post_public_inputs(window, rand, std::span(&s, 1), 0).size(), 22u);
  const post::PublicSector unsorted[] = {{5, {}}, {4, {}}};
  EXPECT_THROW(post::post_public_inputs(window, rand, unsorted, 0), Error);
  const post::PublicSector dup[] = {{5, {}}, {5, {}}};
  EXPECT_THROW(post::post_public_inputs(window, rand, dup, 0), Error);
  const auto& winning = post::registered_post_proof(0);
  const post::PublicSector two[] = {{1, {}}, {2, {}}};
  EXPECT_THROW(post::post_public_inputs(winning, rand, two, 0), Error);
  EXPECT_THROW(post::winning_sector_index(rand, rand, 0), Error);
  EXPECT_THROW(post::registered_post_proof(15), Error);
  EXPECT_THROW(post::registered_post_proof("StackedDrgWindow2KiBV3"), Error);
  Bytes32 big{};
  big.fill(0xff);
  big[31] = 0x7f;  // >= r
  const post::PublicSector bad{1, big};
  EXPECT_THROW(post::post_public_inputs(window, rand, std::span(&bad, 1), 0), Error);
}

}  // namespace
}  // namespace vseal
