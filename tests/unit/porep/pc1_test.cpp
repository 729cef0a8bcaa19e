// PC1 library behaviour beyond the vectors: batch labelling equals single-sector labelling,
// the parent cache file is reused when valid and rebuilt when corrupt or truncated, and bad
// inputs are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "base/error.hpp"
#include "porep/label.hpp"
#include "porep/parent_cache.hpp"
#include "porep/registered_proof.hpp"
#include "temp_dir.hpp"
#include "test_seed.hpp"
#include "vectors/porep_vector_helpers.hpp"

namespace vseal::porep {
namespace {

using vseal::testing::temp_dir;

TEST(Pc1, BatchEqualsSingleForEveryGroupSize) {
  const GraphParams g{256, porep_id_for(5), ApiVersion::V1_1_0};
  const auto parents = vseal::testing::parents_of(g);
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (const std::size_t sectors : {1u, 2u, 3u, 4u, 7u}) {
    std::vector<std::array<std::uint8_t, 32>> ids(sectors);
    for (auto& id : ids) {
      for (auto& b : id) b = static_cast<std::uint8_t>(rng());
      id[31] &= 0x3f;
    }
    std::vector<std::vector<std::uint8_t>> l1(sectors, std::vector<std::uint8_t>(g.nodes * 32));
    std::vector<std::vector<std::uint8_t>> l2 = l1;
    std::vector<std::uint8_t*> cur1, cur2;
    std::vector<const std::uint8_t*> prev;
    for (std::size_t s = 0; s < sectors; ++s) {
      cur1.push_back(l1[s].data());
      cur2.push_back(l2[s].data());
      prev.push_back(l1[s].data());
    }
    label_layer_batch(parents.data(), g.nodes, ids, 1, cur1, {});
    label_layer_batch(parents.data(), g.nodes, ids, 2, cur2, prev);
    for (std::size_t s = 0; s < sectors; ++s) {
      const auto single = label_all_layers(parents.data(), g.nodes, ids[s], 2);
      EXPECT_EQ(single[0], l1[s]) << sectors << " sectors, sector " << s;
      EXPECT_EQ(single[1], l2[s]) << sectors << " sectors, sector " << s;
    }
  }
}

TEST(Pc1, LayerRangesResumeWhereTheyStopped) {
  const GraphParams g{128, porep_id_for(0), ApiVersion::V1_0_0};
  const auto parents = vseal::testing::parents_of(g);
  std::array<std::uint8_t, 32> id{};
  id.fill(9);
  const auto whole = label_all_layers(parents.data(), g.nodes, id, 2);
  std::vector<std::uint8_t> cur(g.nodes * 32);
  label_layer(parents.data(), g.nodes, id, 2, cur.data(), whole[0].data(), {0, 50});
  label_layer(parents.data(), g.nodes, id, 2, cur.data(), whole[0].data(), {50, 128});
  EXPECT_EQ(cur, whole[1]);
}

TEST(Pc1, ParentCacheIsReusedVerifiedAndRebuilt) {
  const auto dir = temp_dir("parent-cache");
  const GraphParams g{64, porep_id_for(0), ApiVersion::V1_0_0};
  const std::string digest = "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d";
  {
    const auto c = ParentCache::open(dir, g, 2);
    EXPECT_TRUE(c.info().generated);
    EXPECT_EQ(c.info().sha256, digest);
    EXPECT_EQ(c.parents(63)[13], 5u);  // graph_parents_2KiB_porep0_v1_0_0, node 63
  }
  {
    const auto c = ParentCache::open(dir, g, 2);
    EXPECT_FALSE(c.info().generated);
  }
  const auto path = dir / parent_cache_file_name(g);
  {  // flip one byte: detected and rebuilt
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x7f');
  }
  EXPECT_TRUE(ParentCache::open(dir, g, 2).info().generated);
  std::filesystem::resize_file(path, 1000);  // truncated: rebuilt
  const auto c = ParentCache::open(dir, g, 2);
  EXPECT_TRUE(c.info().generated);
  EXPECT_EQ(std::filesystem::file_size(path), 64u * 56u);
  std::filesystem::remove(dir / (parent_cache_file_name(g) + ".sha256"));  // foreign cache
  EXPECT_FALSE(ParentCache::open(dir, g, 2).info().generated);
  std::filesystem::remove_all(dir);
}

TEST(Pc1, RefusesBadInput) {
  EXPECT_THROW(parse_api_version("1.3.0"), Error);
  EXPECT_THROW(sector_shape(3000), Error);
  EXPECT_THROW(parse_sector_size("2KB"), Error);
  EXPECT_EQ(parse_sector_size("32GiB"), 32ull << 30);
  EXPECT_THROW(registered_seal_proof(20), Error);
  EXPECT_THROW(registered_seal_proof("StackedDrg1KiBV1"), Error);
  EXPECT_THROW(ParentGenerator(GraphParams{100, {}, ApiVersion::V1_1_0}), Error);
  std::vector<std::uint8_t> layer(64 * 32);
  std::array<std::uint8_t, 32> id{};
  EXPECT_THROW(label_layer(nullptr, 64, id, 2, layer.data(), nullptr, {0, 64}), Error);
}

}  // namespace
}  // namespace vseal::porep
