#include "merkle/poseidon_tree.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace vseal::merkle {
namespace {

TEST(PoseidonTree, RootIsNestedHashes) {
  std::vector<Fr> leaves;
  for (std::uint64_t i = 0; i < 16; ++i) leaves.push_back(Fr::from_u64(i * 7 + 1));
  const Fr l0 = hash::poseidon_hash(std::span(leaves).subspan(0, 4));
  const Fr l1 = hash::poseidon_hash(std::span(leaves).subspan(4, 4));
  const Fr l2 = hash::poseidon_hash(std::span(leaves).subspan(8, 4));
  const Fr l3 = hash::poseidon_hash(std::span(leaves).subspan(12, 4));
  const Fr level[4] = {l0, l1, l2, l3};
  EXPECT_EQ(poseidon_tree_root(4, leaves), hash::poseidon_hash(level));
  EXPECT_EQ(poseidon_tree_root(2, std::span(leaves).subspan(0, 2)),
            hash::poseidon_hash(std::span(leaves).subspan(0, 2)));
}

TEST(PoseidonTree, RejectsWrongLeafCounts) {
  const std::vector<Fr> leaves(12, Fr::one());
  EXPECT_THROW(poseidon_tree_root(8, leaves), Error);
  EXPECT_THROW(poseidon_tree_root(2, std::vector<Fr>(1, Fr::one())), Error);
  EXPECT_THROW(poseidon_tree_root(2, std::vector<Fr>()), Error);
  EXPECT_THROW(poseidon_tree_root(1, leaves), Error);
}

}  // namespace
}  // namespace vseal::merkle
