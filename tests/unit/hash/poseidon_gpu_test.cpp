// CUDA Poseidon against the CPU path. Two levels: the device arithmetic itself, run on the
// host (the same __host__ __device__ code the kernels execute; needs a VC_CUDA build, no GPU),
// and the kernels on a real GPU (skipped with a message when none is visible).
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "base/error.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_gpu.hpp"
#include "test_seed.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::hash {
namespace {

std::vector<Fr> random_inputs(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fr> out(n);
  for (auto& x : out) {
    std::array<std::uint8_t, 32> b{};
    for (auto& byte : b) byte = static_cast<std::uint8_t>(rng());
    x = Fr::from_sha256_digest(b);
  }
  return out;
}

// Every MerkleTree vector of poseidon.json for arities 2, 8 and 11.
std::vector<std::pair<std::size_t, std::vector<Fr>>> merkle_vectors(std::vector<Fr>& expected) {
  std::vector<std::pair<std::size_t, std::vector<Fr>>> out;
  for (const auto& v : vseal::testing::vectors_of_kind("poseidon.json", "hash")) {
    const std::size_t arity = v.at("arity");
    if (!poseidon_gpu_supports_arity(arity) || v.value("strength", "") != "standard") continue;
    if (Fr::from_hex(v.at("tag").get<std::string>()) != poseidon_merkle_tag(arity)) continue;
    std::vector<Fr> in;
    for (const auto& h : v.at("inputs")) in.push_back(Fr::from_hex(h.get<std::string>()));
    out.emplace_back(arity, in);
    expected.push_back(Fr::from_hex(v.at("expected").get<std::string>()));
  }
  return out;
}

class GpuCode : public ::testing::TestWithParam<std::size_t> {};

TEST_P(GpuCode, DeviceArithmeticOnHostMatchesCpu) {
#if !defined(VSEAL_HAVE_CUDA)
  GTEST_SKIP() << "built without CUDA (VC_CUDA=OFF): no device code to check";
#endif
  const std::size_t arity = GetParam();
  const std::size_t n = 64;
  const auto in = random_inputs(n * arity, vseal::testing::test_seed());
  std::vector<Fr> cpu(n), dev(n);
  poseidon_hash_batch(arity, cpu, in);
  poseidon_gpu_code_on_host(arity, dev, in);
  EXPECT_EQ(dev, cpu) << vseal::testing::seed_note();
}

TEST_P(GpuCode, KernelMatchesCpuOnRandomBatches) {
  if (!poseidon_gpu_available()) {
    GTEST_SKIP() << "no GPU: " << poseidon_gpu_describe(0);
  }
  const std::size_t arity = GetParam();
  for (const std::size_t n : {std::size_t{1}, std::size_t{127}, std::size_t{4099}}) {
    const auto in = random_inputs(n * arity, vseal::testing::test_seed() + n);
    std::vector<Fr> cpu(n), gpu(n);
    poseidon_hash_batch(arity, cpu, in);
    poseidon_hash_batch_gpu(arity, gpu, in);
    EXPECT_EQ(gpu, cpu) << "batch " << n << " " << vseal::testing::seed_note();
  }
}

INSTANTIATE_TEST_SUITE_P(Arities, GpuCode, ::testing::Values(2, 8, 11));

TEST(GpuVectors, EveryMerkleVector) {
  std::vector<Fr> expected;
  const auto cases = merkle_vectors(expected);
  ASSERT_FALSE(cases.empty());
#if defined(VSEAL_HAVE_CUDA)
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Fr out[1];
    poseidon_gpu_code_on_host(cases[i].first, out, cases[i].second);
    EXPECT_EQ(out[0], expected[i]) << "host run of device code, case " << i;
  }
#endif
  if (!poseidon_gpu_available()) GTEST_SKIP() << "no GPU: " << poseidon_gpu_describe(0);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Fr out[1];
    poseidon_hash_batch_gpu(cases[i].first, out, cases[i].second);
    EXPECT_EQ(out[0], expected[i]) << "GPU, case " << i;
  }
}

TEST(GpuApi, RefusesBadRequests) {
  std::vector<Fr> out(1), in(3);
  EXPECT_THROW(poseidon_hash_batch_gpu(4, out, std::vector<Fr>(4)), Error);
  EXPECT_THROW(poseidon_hash_batch_gpu(2, out, in), Error);
}

}  // namespace
}  // namespace vseal::hash
