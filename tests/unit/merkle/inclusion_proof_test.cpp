// Merkle inclusion proofs: paths built from full trees (SHA-256 binary, Poseidon arity 8, and a
// compound 8-2-2 tree) verify for every leaf; a changed sibling, index, leaf, root or shape fails.
#include <gtest/gtest.h>

#include <random>

#include "field/fr.hpp"
#include "hash/poseidon.hpp"
#include "merkle/inclusion_proof.hpp"
#include "merkle/poseidon_tree.hpp"
#include "merkle/tree_shape.hpp"
#include "test_seed.hpp"

namespace vseal::merkle {
namespace {

using field::Fr;

// Rows of a full tree, leaves first, as Nodes.
std::vector<std::vector<Node>> rows_of(std::size_t arity, const std::vector<Node>& leaves,
                                       TreeHash hash) {
  std::vector<std::vector<Node>> rows{leaves};
  while (rows.back().size() > 1) {
    const auto& below = rows.back();
    std::vector<Node> up;
    for (std::size_t i = 0; i < below.size(); i += arity) {
      if (hash == TreeHash::Sha256) {
        up.push_back(sha256_node(below[i], below[i + 1]));
      } else {
        std::vector<Fr> in(arity);
        for (std::size_t k = 0; k < arity; ++k)
          EXPECT_TRUE(Fr::try_from_bytes(below[i + k], in[k]));
        up.push_back(hash::poseidon_hash(in).to_bytes());
      }
    }
    rows.push_back(up);
  }
  return rows;
}

std::vector<PathElement> path_of(const std::vector<std::vector<Node>>& rows, std::size_t arity,
                                 std::uint64_t leaf) {
  std::vector<PathElement> path;
  for (std::size_t r = 0; r + 1 < rows.size(); ++r, leaf /= arity) {
    PathElement e;
    e.index = leaf % arity;
    for (std::uint64_t i = leaf - e.index; i < leaf - e.index + arity; ++i)
      if (i != leaf) e.hashes.push_back(rows[r][i]);
    path.push_back(e);
  }
  return path;
}

std::vector<Node> random_leaves(std::size_t n, std::mt19937_64& rng) {
  std::vector<Node> out(n);
  for (auto& l : out) l = Fr::from_u64(rng()).to_bytes();
  return out;
}

TEST(InclusionProof, Sha256BinaryTree) {
  std::mt19937_64 rng(testing::test_seed());
  const auto leaves = random_leaves(16, rng);
  const auto rows = rows_of(2, leaves, TreeHash::Sha256);
  const PathShape shape{4, 2, 0, 0};
  for (std::uint64_t x = 0; x < 16; ++x) {
    InclusionProof p{rows.back()[0], leaves[x], path_of(rows, 2, x), {}, {}};
    EXPECT_TRUE(verify_inclusion(p, TreeHash::Sha256, shape, x, rows.back()[0])) << x;
    EXPECT_FALSE(verify_inclusion(p, TreeHash::Sha256, shape, x ^ 1, rows.back()[0]));
    auto bad = p;
    bad.base[2].hashes[0][0] ^= 1;
    EXPECT_FALSE(verify_inclusion(bad, TreeHash::Sha256, shape, x, rows.back()[0]));
    bad = p;
    bad.leaf[3] ^= 1;
    EXPECT_FALSE(verify_inclusion(bad, TreeHash::Sha256, shape, x, rows.back()[0]));
    bad = p;
    bad.base.pop_back();
    EXPECT_FALSE(verify_inclusion(bad, TreeHash::Sha256, shape, x, rows.back()[0]));
    bad = p;
    bad.base[0].index = 2;  // out of range for arity 2
    EXPECT_FALSE(path_root(bad, TreeHash::Sha256).has_value());
  }
}

TEST(InclusionProof, CompoundPoseidonTree) {
  std::mt19937_64 rng(testing::test_seed() + 1);
  // 8-2-2: four base trees of 64 leaves, pairs under a sub level, a top level of 2.
  const std::size_t per = 64, sub = 2, top = 2;
  const auto leaves = random_leaves(per * sub * top, rng);
  std::vector<std::vector<std::vector<Node>>> base;
  std::vector<Fr> base_roots;
  for (std::size_t t = 0; t < sub * top; ++t) {
    base.push_back(rows_of(8,
                           {leaves.begin() + static_cast<std::ptrdiff_t>(t * per),
                            leaves.begin() + static_cast<std::ptrdiff_t>((t + 1) * per)},
                           TreeHash::Poseidon));
    Fr r;
    ASSERT_TRUE(Fr::try_from_bytes(base.back().back()[0], r));
    base_roots.push_back(r);
  }
  const Node root = compound_root(base_roots, sub, top).to_bytes();
  std::vector<Node> sub_roots;
  for (std::size_t g = 0; g < top; ++g)
    sub_roots.push_back(
        hash::poseidon_hash(std::span(base_roots).subspan(g * sub, sub)).to_bytes());
  const PathShape shape{2, 8, sub, top};
  for (std::uint64_t x = 0; x < leaves.size(); x += 7) {
    const std::size_t t = x / per;
    InclusionProof p;
    p.leaf = leaves[x];
    p.root = root;
    p.base = path_of(base[t], 8, x % per);
    p.sub = {{{base_roots[t ^ 1].to_bytes()}, t % sub}};
    p.top = {{{sub_roots[(t / sub) ^ 1]}, (t / sub) % top}};
    EXPECT_EQ(p.kind(), ProofKind::Top);
    EXPECT_EQ(path_index(p), x);
    EXPECT_TRUE(verify_inclusion(p, TreeHash::Poseidon, shape, x, root)) << x;
    auto bad = p;
    bad.top[0].index ^= 1;
    EXPECT_FALSE(verify_inclusion(bad, TreeHash::Poseidon, shape, x, root));
    bad = p;
    bad.sub.clear();
    EXPECT_FALSE(verify_inclusion(bad, TreeHash::Poseidon, shape, x, root));
    bad = p;
    bad.base[0].hashes[6].fill(0xff);  // not a field element
    EXPECT_FALSE(path_root(bad, TreeHash::Poseidon).has_value());
  }
}

}  // namespace
}  // namespace vseal::merkle
