// SHA-256: FIPS 180-2 example vectors on every backend, OpenSSL as an independent oracle for
// random lengths, and multi-stream compression against single-stream.
#include "hash/sha256.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>
#include <string>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "test_seed.hpp"

namespace vseal::hash {
namespace {

std::vector<Sha256Backend> backends() {
  std::vector<Sha256Backend> out;
  for (const auto b : {Sha256Backend::Portable, Sha256Backend::ShaNi}) {
    if (sha256_backend_supported(b)) out.push_back(b);
  }
  return out;
}

// Restores the detected backend after each test.
class Sha256Backends : public ::testing::TestWithParam<Sha256Backend> {
 protected:
  void SetUp() override {
    saved_ = sha256_backend();
    force_sha256_backend(GetParam());
  }
  void TearDown() override { force_sha256_backend(saved_); }
  std::mt19937_64 rng{vseal::testing::test_seed()};

 private:
  Sha256Backend saved_{};
};

std::string digest_hex(std::string_view text) {
  return to_hex(sha256(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
}

TEST_P(Sha256Backends, FipsExamples) {
  EXPECT_EQ(digest_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(digest_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digest_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(
      digest_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                 "qklmnopqrlmnopqrsmnopqrstnopqrstu"),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(digest_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_P(Sha256Backends, MatchesOpenSslOnEveryLengthAndSplit) {
  for (std::size_t len = 0; len < 300; ++len) {
    std::vector<std::uint8_t> msg(len);
    for (auto& b : msg) b = static_cast<std::uint8_t>(rng());
    std::array<std::uint8_t, 32> expected{};
    unsigned int out_len = 0;
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), expected.data(), &out_len, EVP_sha256(), nullptr),
              1);
    ASSERT_EQ(sha256(msg), expected) << "len " << len << " " << vseal::testing::seed_note();
    // Streaming with an arbitrary split point must give the same digest.
    const std::size_t split = len == 0 ? 0 : rng() % (len + 1);
    Sha256 h;
    h.update(std::span(msg).first(split)).update(std::span(msg).subspan(split));
    ASSERT_EQ(h.finalize(), expected) << "len " << len << " split " << split;
  }
}

TEST_P(Sha256Backends, MultiStreamMatchesSingleStream) {
  constexpr std::size_t kBlocks = 20;  // one PC1 label's worth
  std::vector<std::uint8_t> data(4 * kBlocks * kSha256BlockBytes);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  const std::uint8_t* ptr[4];
  std::array<Sha256State, 4> single;
  for (std::size_t s = 0; s < 4; ++s) {
    ptr[s] = data.data() + s * kBlocks * kSha256BlockBytes;
    single[s] = Sha256State::initial();
    single[s].h[0] ^= static_cast<std::uint32_t>(s);  // distinct mid-states, as after block 0
    sha256_compress(single[s], ptr[s], kBlocks);
  }
  std::array<Sha256State, 4> four;
  for (std::size_t s = 0; s < 4; ++s) {
    four[s] = Sha256State::initial();
    four[s].h[0] ^= static_cast<std::uint32_t>(s);
  }
  std::array<Sha256State, 2> two = {four[0], four[1]};
  sha256_compress_x4(four, std::span<const std::uint8_t* const, 4>(ptr, 4), kBlocks);
  sha256_compress_x2(two, std::span<const std::uint8_t* const, 2>(ptr, 2), kBlocks);
  for (std::size_t s = 0; s < 4; ++s) EXPECT_EQ(four[s].h, single[s].h) << "stream " << s;
  EXPECT_EQ(two[0].h, single[0].h);
  EXPECT_EQ(two[1].h, single[1].h);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, Sha256Backends, ::testing::ValuesIn(backends()),
                         [](const auto& p) {
                           return std::string(p.param == Sha256Backend::ShaNi ? "ShaNi"
                                                                              : "Portable");
                         });

TEST(Sha256, UnsupportedBackendIsRefusedClearly) {
  if (sha256_backend_supported(Sha256Backend::ShaNi)) GTEST_SKIP() << "this CPU has SHA-NI";
  EXPECT_THROW(force_sha256_backend(Sha256Backend::ShaNi), Error);
}

}  // namespace
}  // namespace vseal::hash
