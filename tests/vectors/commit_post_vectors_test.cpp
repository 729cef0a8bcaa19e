// Entries of ../shared/vectors/commit-post.json that belong to challenges, graphs, ids and
// public inputs (issue #7): each test is named after the entry it checks. Entries about the
// Groth16 keys, circuits and chain constants are checked by their own suites; `Coverage` fails
// when an entry this suite relies on disappears or is renamed.
#include <gtest/gtest.h>

#include <map>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "merkle/sha256_tree.hpp"
#include "porep/challenges.hpp"
#include "porep/graph.hpp"
#include "porep/ids.hpp"
#include "porep/parent_cache.hpp"
#include "porep/public_inputs.hpp"
#include "porep/registered_proof.hpp"
#include "post/challenges.hpp"
#include "post/public_inputs.hpp"
#include "post/registered_post.hpp"
#include "vectors/porep_vector_helpers.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal {
namespace {

using nlohmann::json;
using porep::Bytes32;
using vseal::testing::bytes32;

const std::map<std::string, json>& entries() {
  static const std::map<std::string, json> m = [] {
    std::map<std::string, json> out;
    for (const auto& v : vseal::testing::load_vectors("commit-post.json"))
      out[v.at("id").get<std::string>()] = v.at("value");
    return out;
  }();
  return m;
}

const json& entry(const std::string& id) {
  const auto it = entries().find(id);
  if (it == entries().end()) throw std::runtime_error("commit-post.json has no entry " + id);
  return it->second;
}

const json& inputs() {
  return entry("vector_inputs");
}

Bytes32 fr_bytes(std::uint64_t v) {
  Bytes32 b{};
  for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
  return b;
}

std::vector<std::uint64_t> u64s(const json& j) {
  return j.get<std::vector<std::uint64_t>>();
}

// The replica ids of entry "replica_id", keyed like "2KiB_V1_1_id5".
Bytes32 replica(const std::string& key) {
  return bytes32(entry("replica_id").at(key));
}

std::vector<std::string> hex_all(std::span<const field::Fr> v) {
  std::vector<std::string> out;
  for (const auto& f : v) out.push_back(to_hex(f.to_bytes()));
  return out;
}

TEST(CommitPostVectors, Coverage) {
  for (const char* id : {"synth_challenges_hardcoded",
                         "porep_constants",
                         "parent_cache_2KiB",
                         "registered_proof_ids",
                         "filblst_seal32_partition0_challenges_and_parents",
                         "zero_comm_d",
                         "vector_inputs",
                         "replica_id",
                         "replica_id_2KiB_V1_id0",
                         "interactive_challenges_2KiB_V1_1",
                         "interactive_challenges_32GiB_V1_1_k0_5",
                         "ni_challenges_2KiB",
                         "ni_challenges_32GiB_k0",
                         "synth_2KiB",
                         "synth_32GiB_partition0",
                         "parents_2KiB_V1_1_porep_id5",
                         "parents_2KiB_V1_porep_id0",
                         "parents_32GiB_V1_1_porep_id8",
                         "porep_public_inputs_2KiB_V1_1_k0",
                         "window_post_leaf_challenges",
                         "winning_sector_index",
                         "winning_leaf_challenges_sector7_2KiB",
                         "window_public_inputs_2KiB_V1_2_0_sectors_3_7",
                         "public_input_counts_and_vk_sizes"})
    EXPECT_TRUE(entries().contains(id)) << id;
}

TEST(CommitPostVectors, synth_challenges_hardcoded) {
  const json& v = entry("synth_challenges_hardcoded");
  const std::uint64_t nodes = v.at("sector_nodes");
  const Bytes32 rid = fr_bytes(v.at("replica_id_fr")), comm_r = fr_bytes(v.at("comm_r_fr"));
  const std::uint64_t n = v.at("num_synth_challenges");
  const auto synth = porep::synthetic_challenges(nodes, rid, comm_r, 0, n);
  EXPECT_EQ(synth, u64s(v.at("synth_challenges")));
  const auto sel = porep::synthetic_selection(rid, bytes32(v.at("porep_randomness")), n, 0,
                                              v.at("num_porep_challenges"));
  std::vector<std::uint64_t> picked;
  for (const auto i : sel) picked.push_back(synth[i]);
  EXPECT_EQ(picked, u64s(v.at("porep_challenges_partition0")));
  // Any window of the stream gives the same values as the whole.
  EXPECT_EQ(porep::synthetic_challenges(nodes, rid, comm_r, 5, 3),
            std::vector<std::uint64_t>(synth.begin() + 5, synth.begin() + 8));
}

TEST(CommitPostVectors, porep_constants) {
  const json& v = entry("porep_constants");
  for (const auto& [name, partitions] : v.at("partitions").items()) {
    const auto& shape = porep::sector_shape(porep::parse_sector_size(name));
    EXPECT_EQ(shape.partitions, partitions.get<int>()) << name;
    EXPECT_EQ(shape.layers, v.at("layers").at(name).get<int>()) << name;
    const auto inter = porep::challenge_layout(porep::ApiFeature::None, shape);
    const auto ni = porep::challenge_layout(porep::ApiFeature::NonInteractivePoRep, shape);
    const bool big = shape.sector_size >= (std::uint64_t{32} << 30);
    const std::string key = big ? name : "test_sizes";
    EXPECT_EQ(inter.per_partition, v.at("challenges_per_partition").at(key).get<int>()) << name;
    EXPECT_GE(inter.total(), v.at("interactive_min_challenges").at(key).get<std::uint64_t>());
    EXPECT_EQ(ni.partitions, v.at("ni_partitions").at(key).get<int>()) << name;
    EXPECT_GE(ni.total(), v.at("ni_min_challenges").at(key).get<std::uint64_t>());
    EXPECT_LE(ni.per_partition, v.at("max_challenges_per_partition").get<int>());
    EXPECT_EQ(post::window_sectors_per_partition(shape.sector_size),
              v.at("window_post_sector_count").at(name).get<std::uint64_t>());
  }
  EXPECT_EQ(post::kWindowChallengesPerSector, v.at("window_post_challenge_count"));
  EXPECT_EQ(post::kWinningChallenges, v.at("winning_post_challenge_count"));
  EXPECT_EQ(porep::kBaseDegree, v.at("drg_degree"));
  EXPECT_EQ(porep::kExpansionDegree, v.at("exp_degree"));
}

TEST(CommitPostVectors, parent_cache_2KiB) {
  const json& v = entry("parent_cache_2KiB");
  const std::pair<const char*, int> cases[] = {{"V1_0_porep_id_0", 0}, {"V1_1_porep_id_5", 5}};
  for (const auto& [key, id] : cases) {
    const auto& proof = porep::registered_seal_proof(id);
    const porep::GraphParams g{64, porep::porep_id_for(id), proof.api_version};
    EXPECT_EQ(porep::parent_cache_file_name(g), v.at(key).at("file")) << key;
    EXPECT_EQ(porep::generate_parent_cache_bytes(g, 1, [](auto) {}), v.at(key).at("sha256"));
  }
}

TEST(CommitPostVectors, registered_proof_ids) {
  const json& v = entry("registered_proof_ids");
  for (const auto& [name, id] : v.at("seal").items()) {
    if (!id.is_number()) continue;
    EXPECT_EQ(porep::registered_seal_proof(name).id, id.get<int>()) << name;
  }
  for (const auto& p : post::registered_post_proofs()) {
    const int group = p.id / 5;
    EXPECT_EQ(p.kind == post::PostKind::Winning, group == 0) << p.name;
    EXPECT_EQ(post::registered_post_proof(p.name).id, p.id);
  }
  EXPECT_EQ(post::registered_post_proof("StackedDrgWindow32GiBV1_1").id, 13);
  EXPECT_EQ(to_hex(porep::porep_id_for(8)),
            "0800000000000000000000000000000000000000000000000000000000000000");
}

TEST(CommitPostVectors, filblst_seal32_partition0_challenges_and_parents) {
  const json& v = entry("filblst_seal32_partition0_challenges_and_parents");
  const porep::GraphParams g{v.at("sector_nodes"), bytes32(v.at("porep_id")),
                             porep::ApiVersion::V1_0_0};
  porep::ParentGenerator gen(g);
  std::array<std::uint32_t, porep::kParentCount> p{};
  std::vector<std::uint64_t> challenges;
  for (const auto& group : v.at("groups")) {
    const std::uint64_t x = group.at("challenge");
    challenges.push_back(x);
    gen.parents(x, p);
    EXPECT_EQ(std::vector<std::uint64_t>(p.begin(), p.begin() + 6), u64s(group.at("drg_parents")))
        << x;
    EXPECT_EQ(std::vector<std::uint64_t>(p.begin() + 6, p.end()), u64s(group.at("exp_parents")))
        << x;
  }
  // The partition's public inputs interleave exactly these values.
  const auto pi =
      porep::porep_public_inputs(g, bytes32(v.at("replica_id_le")), bytes32(v.at("comm_d_le")),
                                 bytes32(v.at("comm_r_le")), challenges);
  ASSERT_EQ(pi.size(), 3 + 18 * challenges.size());
  for (std::size_t i = 0; i < challenges.size(); ++i) {
    const auto& group = v.at("groups")[i];
    EXPECT_EQ(pi[3 + 18 * i], field::Fr::from_u64(challenges[i]));
    EXPECT_EQ(pi[3 + 18 * i + 1], field::Fr::from_u64(group.at("drg_parents")[0]));
    EXPECT_EQ(pi[3 + 18 * i + 14], field::Fr::from_u64(group.at("exp_parents")[7]));
  }
}

TEST(CommitPostVectors, zero_comm_d) {
  const json& v = entry("zero_comm_d");
  EXPECT_EQ(to_hex(merkle::zero_commitment(6)), v.at("2KiB"));
  EXPECT_EQ(to_hex(merkle::zero_commitment(30)), v.at("32GiB"));
}

TEST(CommitPostVectors, replica_id) {
  const json& in = inputs();
  const std::pair<const char*, int> cases[] = {{"2KiB_V1_1_id5", 5},
                                               {"32GiB_V1_1_id8", 8},
                                               {"2KiB_V1_2_NI_id15", 15},
                                               {"2KiB_V1_2_synth_id10", 10},
                                               {"32GiB_V1_2_synth_id13", 13}};
  for (const auto& [key, id] : cases) {
    const bool small = porep::registered_seal_proof(id).sector_size == 2048;
    const auto rid = porep::replica_id(
        bytes32(in.at("prover_id")), in.at("sector_id"), bytes32(in.at("ticket")),
        bytes32(in.at(small ? "comm_d_2KiB" : "comm_d_32GiB")), porep::porep_id_for(id));
    EXPECT_EQ(to_hex(rid), entry("replica_id").at(key)) << key;
  }
}

TEST(CommitPostVectors, replica_id_2KiB_V1_id0) {
  const json& in = inputs();
  const auto rid =
      porep::replica_id(bytes32(in.at("prover_id")), in.at("sector_id"), bytes32(in.at("ticket")),
                        bytes32(in.at("comm_d_2KiB")), porep::porep_id_for(0));
  EXPECT_EQ(to_hex(rid), entry("replica_id_2KiB_V1_id0"));
}

TEST(CommitPostVectors, interactive_challenges_2KiB_V1_1) {
  const json& v = entry("interactive_challenges_2KiB_V1_1");
  EXPECT_EQ(porep::interactive_challenges(64, replica(v.at("replica")), bytes32(v.at("seed")),
                                          v.at("k"), 2),
            u64s(v.at("challenges")));
}

TEST(CommitPostVectors, interactive_challenges_32GiB_V1_1_k0_5) {
  const json& v = entry("interactive_challenges_32GiB_V1_1_k0_5");
  const auto& shape = porep::sector_shape(std::uint64_t{32} << 30);
  porep::ChallengeInputs in{shape.nodes,
                            porep::ApiFeature::None,
                            porep::challenge_layout(porep::ApiFeature::None, shape),
                            replica(v.at("replica")),
                            bytes32(v.at("seed")),
                            {}};
  ASSERT_EQ(in.layout.per_partition, v.at("per_partition").get<int>());
  for (const auto& [k, list] : v.at("partitions").items())
    EXPECT_EQ(porep::porep_challenges(in, std::stoi(k)), u64s(list)) << "partition " << k;
}

TEST(CommitPostVectors, ni_challenges_2KiB) {
  const json& v = entry("ni_challenges_2KiB");
  const auto& shape = porep::sector_shape(2048);
  porep::ChallengeInputs in{shape.nodes,
                            porep::ApiFeature::NonInteractivePoRep,
                            porep::challenge_layout(porep::ApiFeature::NonInteractivePoRep, shape),
                            replica(v.at("replica")),
                            {},
                            bytes32(v.at("comm_r"))};
  ASSERT_EQ(static_cast<std::size_t>(in.layout.partitions), v.at("partitions").size());
  for (const auto& [k, list] : v.at("partitions").items())
    EXPECT_EQ(porep::porep_challenges(in, std::stoi(k)), u64s(list)) << "partition " << k;
  EXPECT_THROW(porep::porep_challenges(in, 13), Error);
}

TEST(CommitPostVectors, ni_challenges_32GiB_k0) {
  const json& v = entry("ni_challenges_32GiB_k0");
  EXPECT_EQ(porep::ni_challenges(std::uint64_t{1} << 30, replica(v.at("replica")),
                                 bytes32(v.at("comm_r")), 0, v.at("per_partition")),
            u64s(v.at("k0")));
}

TEST(CommitPostVectors, synth_2KiB) {
  const json& v = entry("synth_2KiB");
  const Bytes32 rid = replica(v.at("replica")), comm_r = bytes32(v.at("comm_r"));
  ASSERT_EQ(porep::synthetic_challenge_count(64), v.at("num_synth").get<std::uint64_t>());
  EXPECT_EQ(porep::synthetic_challenges(64, rid, comm_r, 0, 64), u64s(v.at("synth_challenges")));
  EXPECT_EQ(porep::synthetic_selection(rid, bytes32(v.at("seed")), 64, 0, 2),
            u64s(v.at("partition0_indexes")));
  const auto& shape = porep::sector_shape(2048);
  porep::ChallengeInputs in{64,
                            porep::ApiFeature::SyntheticPoRep,
                            porep::challenge_layout(porep::ApiFeature::SyntheticPoRep, shape),
                            rid,
                            bytes32(v.at("seed")),
                            comm_r};
  EXPECT_EQ(porep::porep_challenges(in, 0), u64s(v.at("partition0_challenges")));
}

TEST(CommitPostVectors, synth_32GiB_partition0) {
  const json& v = entry("synth_32GiB_partition0");
  const std::uint64_t nodes = std::uint64_t{1} << 30;
  const Bytes32 rid = replica(v.at("replica")), comm_r = bytes32(inputs().at("comm_r"));
  const Bytes32 seed = bytes32(inputs().at("seed"));
  ASSERT_EQ(porep::synthetic_challenge_count(nodes), v.at("num_synth").get<std::uint64_t>());
  EXPECT_EQ(porep::synthetic_challenges(nodes, rid, comm_r, 0, 8),
            u64s(v.at("first8_synth_challenges")));
  EXPECT_EQ(porep::synthetic_selection(rid, seed, 1u << 18, 0, 18),
            u64s(v.at("partition0_indexes")));
  porep::ChallengeInputs in{nodes, porep::ApiFeature::SyntheticPoRep, {10, 18}, rid, seed, comm_r};
  EXPECT_EQ(porep::porep_challenges(in, 0), u64s(v.at("partition0_challenges")));
}

void check_parents(const std::string& id, int proof_id, std::uint64_t nodes) {
  const porep::GraphParams g{nodes, porep::porep_id_for(proof_id),
                             porep::registered_seal_proof(proof_id).api_version};
  porep::ParentGenerator gen(g);
  std::array<std::uint32_t, porep::kParentCount> p{};
  for (const auto& [node, want] : entry(id).items()) {
    gen.parents(std::stoull(node), p);
    EXPECT_EQ(std::vector<std::uint64_t>(p.begin(), p.end()), u64s(want)) << id << " node " << node;
  }
}

TEST(CommitPostVectors, parents_2KiB_V1_1_porep_id5) {
  check_parents("parents_2KiB_V1_1_porep_id5", 5, 64);
}
TEST(CommitPostVectors, parents_2KiB_V1_porep_id0) {
  check_parents("parents_2KiB_V1_porep_id0", 0, 64);
}
TEST(CommitPostVectors, parents_32GiB_V1_1_porep_id8) {
  check_parents("parents_32GiB_V1_1_porep_id8", 8, std::uint64_t{1} << 30);
}

TEST(CommitPostVectors, porep_public_inputs_2KiB_V1_1_k0) {
  const json& v = entry("porep_public_inputs_2KiB_V1_1_k0");
  const Bytes32 rid = replica(v.at("replica"));
  const auto challenges = porep::interactive_challenges(64, rid, bytes32(v.at("seed")), 0, 2);
  const porep::GraphParams g{64, porep::porep_id_for(5), porep::ApiVersion::V1_1_0};
  const auto pi = porep::porep_public_inputs(g, rid, bytes32(v.at("comm_d")),
                                             bytes32(v.at("comm_r")), challenges);
  EXPECT_EQ(pi.size(), v.at("count").get<std::size_t>());
  EXPECT_EQ(hex_all(pi), v.at("inputs").get<std::vector<std::string>>());
}

TEST(CommitPostVectors, window_post_leaf_challenges) {
  const json& v = entry("window_post_leaf_challenges");
  const Bytes32 rand = bytes32(v.at("randomness"));
  const auto order = u64s(v.at("sector_order"));
  const std::pair<const char*, porep::ApiVersion> cases[] = {
      {"2KiB_V1_0_0", porep::ApiVersion::V1_0_0},
      {"2KiB_V1_2_0", porep::ApiVersion::V1_2_0},
      {"32GiB_V1_2_0", porep::ApiVersion::V1_2_0}};
  for (const auto& [key, api] : cases) {
    const std::uint64_t nodes = std::string(key).starts_with("2KiB") ? 64 : std::uint64_t{1} << 30;
    for (std::size_t pos = 0; pos < order.size(); ++pos) {
      const auto want = u64s(v.at(key).at(std::to_string(order[pos])));
      EXPECT_EQ(post::window_leaf_challenges(api, rand, order[pos], pos, nodes), want)
          << key << " sector " << order[pos];
    }
  }
}

TEST(CommitPostVectors, winning_sector_index) {
  const json& v = entry("winning_sector_index");
  EXPECT_EQ(post::winning_sector_index(bytes32(v.at("prover_id")), bytes32(v.at("randomness")),
                                       v.at("sector_set_len")),
            v.at("index").get<std::uint64_t>());
}

TEST(CommitPostVectors, winning_leaf_challenges_sector7_2KiB) {
  const json& v = entry("winning_leaf_challenges_sector7_2KiB");
  EXPECT_EQ(post::winning_leaf_challenges(bytes32(inputs().at("post_randomness")), 7, 64), u64s(v));
  // The Winning circuit sees the sector 66 times with one challenge each; its inputs are the
  // same leaves after each copy of comm_r.
  const auto& proof = post::registered_post_proof("StackedDrgWinning2KiBV1");
  const post::PublicSector s{7, bytes32(inputs().at("post_comm_r").at("7"))};
  const auto pi =
      post::post_public_inputs(proof, bytes32(inputs().at("post_randomness")), std::span(&s, 1), 0);
  ASSERT_EQ(pi.size(), 132u);
  for (std::size_t i = 0; i < 66; ++i) {
    EXPECT_EQ(to_hex(pi[2 * i].to_bytes()), inputs().at("post_comm_r").at("7"));
    EXPECT_EQ(pi[2 * i + 1], field::Fr::from_u64(v[i]));
  }
}

TEST(CommitPostVectors, window_public_inputs_2KiB_V1_2_0_sectors_3_7) {
  const json& v = entry("window_public_inputs_2KiB_V1_2_0_sectors_3_7");
  const auto& proof = post::registered_post_proof("StackedDrgWindow2KiBV1_2");
  std::vector<post::PublicSector> sectors;
  for (const std::uint64_t id : {3u, 7u, 11u})
    sectors.push_back({id, bytes32(v.at("comm_r").at(std::to_string(id)))});
  const Bytes32 rand = bytes32(inputs().at("post_randomness"));
  const auto want = v.at("inputs").get<std::vector<std::string>>();
  EXPECT_EQ(hex_all(post::post_public_inputs(proof, rand, sectors, 0)), want);
  EXPECT_EQ(hex_all(post::post_public_inputs(proof, rand, std::span(sectors).first(2), 0)), want);
  // Partition 1 holds sector 11 alone, padded with a copy of itself.
  const auto p1 = post::post_public_inputs(proof, rand, sectors, 1);
  ASSERT_EQ(p1.size(), 22u);
  EXPECT_TRUE(std::equal(p1.begin(), p1.begin() + 11, p1.begin() + 11));
  EXPECT_EQ(to_hex(p1[0].to_bytes()), v.at("comm_r").at("11"));
  EXPECT_THROW(post::post_public_inputs(proof, rand, sectors, 2), Error);
}

TEST(CommitPostVectors, public_input_counts_and_vk_sizes) {
  const json& v = entry("public_input_counts_and_vk_sizes");
  const porep::GraphParams g2{64, porep::porep_id_for(5), porep::ApiVersion::V1_1_0};
  const Bytes32 z{};
  EXPECT_EQ(porep::porep_public_inputs(g2, z, z, z, std::vector<std::uint64_t>(2, 1)).size(),
            v.at("2KiB_porep").at("inputs").get<std::size_t>());
  const porep::GraphParams g32{std::uint64_t{1} << 30, porep::porep_id_for(8),
                               porep::ApiVersion::V1_1_0};
  EXPECT_EQ(porep::porep_public_inputs(g32, z, z, z, std::vector<std::uint64_t>(18, 5)).size(),
            v.at("32GiB_porep").at("inputs").get<std::size_t>());
  const std::pair<const char*, const char*> window[] = {
      {"StackedDrgWindow2KiBV1_2", "2KiB_window"},
      {"StackedDrgWindow32GiBV1_2", "32GiB_window"},
      {"StackedDrgWindow64GiBV1_2", "64GiB_window"}};
  for (const auto& [name, key] : window) {
    const auto& p = post::registered_post_proof(name);
    EXPECT_EQ(p.sector_count * (1 + p.challenge_count), v.at(key).at("inputs").get<std::uint64_t>())
        << name;
  }
  const auto& winning = post::registered_post_proof("StackedDrgWinning32GiBV1");
  EXPECT_EQ(winning.sector_count * (1 + winning.challenge_count),
            v.at("winning_any_size").at("inputs").get<std::uint64_t>());
}

}  // namespace
}  // namespace vseal
