// The 512MiB parent cache of porep.json generated in full and hashed (about a minute on two
// cores): the whole-graph check for the production DRG + Feistel at a real size.
#include <gtest/gtest.h>

#include <thread>

#include "porep/parent_cache.hpp"
#include "vectors/porep_vector_helpers.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::porep {
namespace {

TEST(PorepSlowVectors, ParentCacheDigestsUpTo512MiB) {
  std::size_t checked = 0;
  for (const auto& v : vseal::testing::load_vectors("porep.json")) {
    if (v.at("category") != "parent_cache") continue;
    const auto& in = v.at("inputs");
    const std::uint64_t nodes = in.at("nodes");
    if (nodes > (1u << 24)) continue;  // 32/64GiB: names only (fast suite)
    const GraphParams g{nodes, vseal::testing::bytes32(in.at("porep_id")),
                        parse_api_version(in.at("api_version").get<std::string>())};
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    EXPECT_EQ(generate_parent_cache_bytes(g, threads, [](auto) {}),
              v.at("expected").at("sha256_of_file"))
        << v.at("name");
    ++checked;
  }
  EXPECT_GE(checked, 3u);
}

}  // namespace
}  // namespace vseal::porep
