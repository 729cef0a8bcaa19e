// Poseidon: the optimised permutation equals the plain one on random states for every
// Filecoin arity and both strengths; all batch backends agree; bad requests are refused.
#include "hash/poseidon.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "base/error.hpp"
#include "test_seed.hpp"

namespace vseal::hash {
namespace {

Fr random_fr(std::mt19937_64& rng) {
  for (;;) {
    std::array<std::uint64_t, 4> l = {rng(), rng(), rng(), rng() & 0x7fffffffffffffffull};
    Fr x;
    std::array<std::uint8_t, 32> b{};
    for (std::size_t i = 0; i < 32; ++i)
      b[i] = static_cast<std::uint8_t>(l[i / 8] >> (8 * (i % 8)));
    if (Fr::try_from_bytes(b, x)) return x;
  }
}

struct Instance {
  std::size_t arity;
  PoseidonStrength strength;
};

class PoseidonInstance : public ::testing::TestWithParam<Instance> {
 protected:
  std::mt19937_64 rng{vseal::testing::test_seed() + GetParam().arity};
};

TEST_P(PoseidonInstance, OptimizedEqualsPlainOnRandomStates) {
  const auto& c = poseidon_constants(GetParam().arity, GetParam().strength);
  const std::size_t iters = vseal::testing::test_iters(20);
  for (std::size_t it = 0; it < iters; ++it) {
    std::vector<Fr> a(c.width);
    for (auto& x : a) x = random_fr(rng);
    auto b = a;
    poseidon_permute_plain(c, a);
    poseidon_permute_optimized(c, b);
    ASSERT_EQ(a, b) << vseal::testing::seed_note() << " iteration " << it;
  }
}

TEST_P(PoseidonInstance, BatchBackendsAgree) {
  const std::size_t arity = GetParam().arity;
  constexpr std::size_t kHashes = 9;
  std::vector<Fr> in(kHashes * arity);
  for (auto& x : in) x = random_fr(rng);
  std::vector<Fr> reference(kHashes);
  poseidon_hash_batch_with(PoseidonBackend::Plain, arity, reference, in, GetParam().strength);
  for (const auto b :
       {PoseidonBackend::Optimized, PoseidonBackend::OptimizedAdx, PoseidonBackend::Ifma}) {
    if (!poseidon_backend_supported(b)) continue;
    std::vector<Fr> out(kHashes);
    poseidon_hash_batch_with(b, arity, out, in, GetParam().strength);
    EXPECT_EQ(out, reference) << poseidon_backend_name(b) << " " << vseal::testing::seed_note();
  }
  for (std::size_t k = 0; k < kHashes; ++k) {
    EXPECT_EQ(poseidon_hash(std::span(in).subspan(k * arity, arity), GetParam().strength),
              reference[k]);
  }
}

TEST_P(PoseidonInstance, ConstantShapes) {
  const auto& c = poseidon_constants(GetParam().arity, GetParam().strength);
  const std::size_t t = c.width;
  const std::size_t rounds = static_cast<std::size_t>(c.full_rounds + c.partial_rounds);
  const std::size_t rp = static_cast<std::size_t>(c.partial_rounds);
  EXPECT_EQ(c.round_constants.size(), t * rounds);
  EXPECT_EQ(c.mds.size(), t * t);
  EXPECT_EQ(c.compressed_round_constants.size(), 8 * t + rp);
  EXPECT_EQ(c.pre_sparse.size(), t * t);
  EXPECT_EQ(c.sparse.size(), rp * (2 * t - 1));
  // The Cauchy matrix is symmetric.
  for (std::size_t i = 0; i < t; ++i) {
    for (std::size_t j = 0; j < t; ++j) EXPECT_EQ(c.mds[i * t + j], c.mds[j * t + i]);
  }
}

std::vector<Instance> instances() {
  std::vector<Instance> out;
  for (const std::size_t a : {1u, 2u, 4u, 8u, 11u, 16u, 24u, 36u}) {
    out.push_back({a, PoseidonStrength::Standard});
    out.push_back({a, PoseidonStrength::Strengthened});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    Arities, PoseidonInstance, ::testing::ValuesIn(instances()), [](const auto& p) {
      return "arity" + std::to_string(p.param.arity) +
             (p.param.strength == PoseidonStrength::Standard ? "_standard" : "_strengthened");
    });

TEST(Poseidon, BackendsAgreeOnEdgeValues) {
  // r - 1, 0, 1 and 2^254 - 1 in every lane position, with batch sizes that leave partial
  // eight-lane groups for the IFMA path.
  Fr r_minus_1 = -Fr::one();
  std::array<std::uint8_t, 32> top{};
  top.fill(0xff);
  const Fr big = Fr::from_sha256_digest(top);
  const Fr edges[4] = {r_minus_1, Fr::zero(), Fr::one(), big};
  for (const std::size_t arity : {2u, 8u, 11u}) {
    for (const std::size_t n : {1u, 7u, 8u, 17u}) {
      std::vector<Fr> in(n * arity);
      for (std::size_t i = 0; i < in.size(); ++i) in[i] = edges[(i * 7 + n) % 4];
      std::vector<Fr> reference(n);
      poseidon_hash_batch_with(PoseidonBackend::Plain, arity, reference, in);
      for (const auto b :
           {PoseidonBackend::Optimized, PoseidonBackend::OptimizedAdx, PoseidonBackend::Ifma}) {
        if (!poseidon_backend_supported(b)) continue;
        std::vector<Fr> out(n);
        poseidon_hash_batch_with(b, arity, out, in);
        EXPECT_EQ(out, reference) << poseidon_backend_name(b) << " arity " << arity << " n " << n;
      }
    }
  }
}

TEST(Poseidon, RefusesBadRequests) {
  EXPECT_THROW(poseidon_constants(0), Error);
  EXPECT_THROW(poseidon_constants(37), Error);
  EXPECT_THROW(poseidon_round_numbers(126, PoseidonStrength::Standard), Error);
  const std::vector<Fr> three(3, Fr::one());
  EXPECT_THROW(poseidon_hash_tagged(poseidon_merkle_tag(2), three, 2), Error);
  std::vector<Fr> out(2);
  EXPECT_THROW(poseidon_hash_batch(2, out, three), Error);
  EXPECT_THROW(poseidon_hash_md(std::span<const Fr>()), Error);
  EXPECT_THROW(poseidon_custom_tag(0), Error);
  EXPECT_THROW(poseidon_custom_tag(257), Error);
}

TEST(Poseidon, ConstantsAreSharedAcrossThreads) {
  // First use from several threads at once must build one instance.
  std::vector<const PoseidonConstants*> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &poseidon_constants(5); });
  }
  for (auto& th : threads) th.join();
  for (const auto* p : seen) EXPECT_EQ(p, seen[0]);
}

}  // namespace
}  // namespace vseal::hash
