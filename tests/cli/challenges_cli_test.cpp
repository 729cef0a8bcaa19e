// commit-post.json's challenge and public-input vectors through `vseal porep challenges|
// synthetic-set|public-inputs` and `vseal post challenges|winning-sector|public-inputs`: the
// commands further vectors from the same sources are checked through.
#include <gtest/gtest.h>

#include <map>

#include "cli/vseal_runner.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::testing {
namespace {

using nlohmann::json;

const json& entry(const std::string& id) {
  static const std::map<std::string, json> m = [] {
    std::map<std::string, json> out;
    for (const auto& v : load_vectors("commit-post.json")) out[v.at("id")] = v.at("value");
    return out;
  }();
  return m.at(id);
}

std::string in(const char* key) {
  return entry("vector_inputs").at(key).get<std::string>();
}
std::string rid(const json& key) {
  return entry("replica_id").at(key.get<std::string>()).get<std::string>();
}
// A small integer as the 32-byte little-endian hex of its field element.
std::string fr_hex(std::uint64_t v) {
  std::string h;
  for (int b = 0; b < 32; ++b) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02x",
                  b < 8 ? static_cast<unsigned>((v >> (8 * b)) & 0xff) : 0u);
    h += buf;
  }
  return h;
}

TEST(ChallengesCli, Interactive) {
  const json& v = entry("interactive_challenges_32GiB_V1_1_k0_5");
  for (const auto& [k, want] : v.at("partitions").items()) {
    const auto out = run_json("porep challenges --nodes 1073741824 --replica-id " +
                              rid(v.at("replica")) + " --seed " + v.at("seed").get<std::string>() +
                              " --partition " + k + " --count 18 --api-version 1.1.0");
    EXPECT_EQ(out["challenges"], want) << k;
  }
  const json& s = entry("interactive_challenges_2KiB_V1_1");
  EXPECT_EQ(run_json("porep challenges --nodes 64 --replica-id " + rid(s.at("replica")) +
                     " --seed " + s.at("seed").get<std::string>() + " --count 2")["challenges"],
            s.at("challenges"));
}

TEST(ChallengesCli, NonInteractive) {
  const json& v = entry("ni_challenges_2KiB");
  for (const auto& [k, want] : v.at("partitions").items())
    EXPECT_EQ(run_json("porep challenges --kind ni --nodes 64 --replica-id " +
                       rid(v.at("replica")) + " --comm-r " + v.at("comm_r").get<std::string>() +
                       " --partition " + k + " --count 2")["challenges"],
              want)
        << k;
  const json& b = entry("ni_challenges_32GiB_k0");
  EXPECT_EQ(run_json("porep challenges --kind ni --nodes 1073741824 --replica-id " +
                     rid(b.at("replica")) + " --comm-r " + b.at("comm_r").get<std::string>() +
                     " --count 18")["challenges"],
            b.at("k0"));
}

TEST(ChallengesCli, Synthetic) {
  const json& h = entry("synth_challenges_hardcoded");
  const std::string rid_h = fr_hex(h.at("replica_id_fr")), comm_r_h = fr_hex(h.at("comm_r_fr"));
  EXPECT_EQ(run_json("porep synthetic-set --nodes 1024 --replica-id " + rid_h + " --comm-r " +
                     comm_r_h + " --count 21")["challenges"],
            h.at("synth_challenges"));
  EXPECT_EQ(
      run_json("porep challenges --kind synthetic --nodes 1024 --replica-id " + rid_h +
               " --comm-r " + comm_r_h + " --seed " + h.at("porep_randomness").get<std::string>() +
               " --num-synthetic 21 --count 10")["challenges"],
      h.at("porep_challenges_partition0"));
  const json& s = entry("synth_2KiB");
  const std::string args = " --nodes 64 --replica-id " + rid(s.at("replica")) + " --comm-r " +
                           s.at("comm_r").get<std::string>();
  const auto set = run_json("porep synthetic-set" + args);
  EXPECT_EQ(set["num_synthetic"], s.at("num_synth"));
  EXPECT_EQ(set["challenges"], s.at("synth_challenges"));
  const auto sel = run_json("porep challenges --kind synthetic --count 2 --seed " +
                            s.at("seed").get<std::string>() + args);
  EXPECT_EQ(sel["synthetic_indexes"], s.at("partition0_indexes"));
  EXPECT_EQ(sel["challenges"], s.at("partition0_challenges"));
  const json& b = entry("synth_32GiB_partition0");
  const auto big = run_json("porep challenges --kind synthetic --count 18 --nodes 1073741824" +
                            std::string(" --replica-id ") + rid(b.at("replica")) + " --comm-r " +
                            in("comm_r") + " --seed " + in("seed"));
  EXPECT_EQ(big["synthetic_indexes"], b.at("partition0_indexes"));
  EXPECT_EQ(big["challenges"], b.at("partition0_challenges"));
}

TEST(ChallengesCli, PorepPublicInputs) {
  const json& v = entry("porep_public_inputs_2KiB_V1_1_k0");
  const std::string common = " --replica-id " + rid(v.at("replica")) + " --comm-d " +
                             v.at("comm_d").get<std::string>() + " --comm-r " +
                             v.at("comm_r").get<std::string>();
  const auto derived =
      run_json("porep public-inputs --registered-proof StackedDrg2KiBV1_1 --seed " +
               v.at("seed").get<std::string>() + common);
  EXPECT_EQ(derived["count"], v.at("count"));
  EXPECT_EQ(derived["inputs"], v.at("inputs"));
  const auto explicit_ = run_json(
      "porep public-inputs --nodes 64 --api-version 1.1.0 --porep-id "
      "0500000000000000000000000000000000000000000000000000000000000000 --challenges 25,41" +
      common);
  EXPECT_EQ(explicit_["inputs"], v.at("inputs"));
  // The real 32GiB proof's partition 0: the parents of its challenges come out in place.
  const json& f = entry("filblst_seal32_partition0_challenges_and_parents");
  std::string list;
  for (const auto& g : f.at("groups")) {
    if (!list.empty()) list += ',';
    list += std::to_string(g.at("challenge").get<std::uint64_t>());
  }
  const auto real =
      run_json("porep public-inputs --nodes 1073741824 --api-version 1.0.0 --porep-id " +
               f.at("porep_id").get<std::string>() + " --replica-id " +
               f.at("replica_id_le").get<std::string>() + " --comm-d " +
               f.at("comm_d_le").get<std::string>() + " --comm-r " +
               f.at("comm_r_le").get<std::string>() + " --challenges " + list);
  ASSERT_EQ(real["count"], 3 + 18 * f.at("groups").size());
  for (std::size_t i = 0; i < f.at("groups").size(); ++i) {
    const auto& g = f.at("groups")[i];
    for (std::size_t p = 0; p < 6; ++p)
      EXPECT_EQ(real["inputs"][3 + 18 * i + 1 + p], fr_hex(g.at("drg_parents")[p]));
    for (std::size_t p = 0; p < 8; ++p)
      EXPECT_EQ(real["inputs"][3 + 18 * i + 7 + p], fr_hex(g.at("exp_parents")[p]));
  }
}

TEST(ChallengesCli, Post) {
  const json& v = entry("window_post_leaf_challenges");
  const std::string rand = v.at("randomness");
  const auto order = v.at("sector_order").get<std::vector<std::uint64_t>>();
  for (const auto& [key, api, nodes] :
       {std::tuple{"2KiB_V1_0_0", "1.0.0", "64"}, std::tuple{"2KiB_V1_2_0", "1.2.0", "64"},
        std::tuple{"32GiB_V1_2_0", "1.2.0", "1073741824"}})
    for (std::size_t pos = 0; pos < order.size(); ++pos)
      EXPECT_EQ(run_json("post challenges --randomness " + rand + " --nodes " + nodes +
                         " --sector-id " + std::to_string(order[pos]) + " --position " +
                         std::to_string(pos) + " --api-version " + api)["challenges"],
                v.at(key).at(std::to_string(order[pos])))
          << key << " " << order[pos];
  EXPECT_EQ(run_json("post challenges --count 66 --nodes 64 --sector-id 7 --randomness " +
                     in("post_randomness"))["challenges"],
            entry("winning_leaf_challenges_sector7_2KiB"));
  const json& w = entry("winning_sector_index");
  EXPECT_EQ(run_json("post winning-sector --prover-id " + w.at("prover_id").get<std::string>() +
                     " --randomness " + w.at("randomness").get<std::string>() + " --sectors " +
                     std::to_string(w.at("sector_set_len").get<int>()))["index"],
            w.at("index"));
  const json& p = entry("window_public_inputs_2KiB_V1_2_0_sectors_3_7");
  const auto out =
      run_json("post public-inputs --registered-proof StackedDrgWindow2KiBV1_1 --randomness " +
               in("post_randomness") + " --sector 3:" + p.at("comm_r").at("3").get<std::string>() +
               " 7:" + p.at("comm_r").at("7").get<std::string>() +
               " 11:" + p.at("comm_r").at("11").get<std::string>());
  EXPECT_EQ(out["inputs"], p.at("inputs"));
  EXPECT_EQ(out["partitions"], 2);
}

TEST(ChallengesCli, BadInputExitsWithTwo) {
  const std::string z(64, '0');
  for (const std::string& args :
       {"porep challenges --nodes 64 --replica-id " + z + " --count 2",
        "porep challenges --nodes 1 --replica-id " + z + " --seed " + z + " --count 2",
        "porep challenges --kind ni --nodes 64 --replica-id " + z + " --count 2",
        "porep challenges --kind other --nodes 64 --replica-id " + z + " --count 2",
        "porep public-inputs --nodes 64 --replica-id " + z + " --comm-d " + z + " --comm-r " + z,
        "porep public-inputs --registered-proof StackedDrg2KiBV1_1 --replica-id " + z +
            " --comm-d " + z + " --comm-r " + z,
        "porep public-inputs --registered-proof 5 --challenges 1,x --replica-id " + z +
            " --comm-d " + z + " --comm-r " + z,
        "porep public-inputs --registered-proof 5 --challenges 64 --replica-id " + z +
            " --comm-d " + z + " --comm-r " + z,
        "post challenges --nodes 64 --sector-id 1 --randomness " + std::string(64, 'f'),
        "post public-inputs --registered-proof StackedDrgWindow2KiBV1 --randomness " + z +
            " --sector 3:" + z + " 3:" + z,
        "post public-inputs --registered-proof 99 --randomness " + z + " --sector 3:" + z}) {
    const auto r = run_vseal(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find("vseal:"), std::string::npos) << args;
  }
}

}  // namespace
}  // namespace vseal::testing
