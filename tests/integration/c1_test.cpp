// C1 end to end: sectors sealed by `vseal seal` (2KiB in every proof flavour, an 8MiB data
// sector) give C1 outputs the vanilla verifier accepts, through `vseal c1` and `vseal c1
// verify`; the bincode form has the sizes of commit-post.json's c1_bincode_sizes; the JSON
// round-trips exactly and its parser is strict; layers read from HDF5 and from layer files give
// the same bytes; one flipped byte in the replica, a layer or a tree file, or in the output,
// makes C1 (or the verifier) fail and say where; bad inputs exit 2. The same sectors give
// Window and Winning PoSt vanilla proofs (`vseal post prove-vanilla|verify-vanilla`) that open
// the derived leaves; damaged or missing sectors are reported as faulty, never fatal.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "cli/vseal_runner.hpp"
#include "io/atomic_file.hpp"
#include "porep/c1_bincode.hpp"
#include "porep/c1_json.hpp"
#include "porep/challenges.hpp"
#include "porep/vanilla_verify.hpp"
#include "post/challenges.hpp"
#include "post/vanilla_post.hpp"
#include "temp_dir.hpp"
#include "test_seed.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::testing {
namespace {

namespace fs = std::filesystem;
const std::string kProver = "e807000000000000000000000000000000000000000000000000000000000000";
const std::string kTicket = "c772fedc116ef9b1c5cbfdc09a47b5fcee5eed041a72364258ee0d70d8db5cea";
const std::string kSeed = "7b3d467781e7fd2d470cdcb2fa437715fe10e0722a7ae04199ac5d8687d1298f";

class C1 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = temp_dir("c1");
    for (const char* proof :
         {"StackedDrg2KiBV1", "StackedDrg2KiBV1_1", "StackedDrg2KiBV1_1_Feat_SyntheticPoRep",
          "StackedDrg2KiBV1_2_Feat_NonInteractivePoRep"})
      seal(proof, "--cc");
    // An 8MiB sector with random fr32-valid data: tree_r_last discards rows, trees have depth.
    std::mt19937_64 rng(test_seed());
    std::string data(8u << 20, '\0');
    for (std::size_t i = 0; i < data.size(); ++i)
      data[i] = static_cast<char>(i % 32 == 31 ? rng() & 0x3f : rng() & 0xff);
    std::ofstream(root_ / "data8m", std::ios::binary) << data;
    seal("StackedDrg8MiBV1_1", "--data " + (root_ / "data8m").string());
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  static void seal(const std::string& proof, const std::string& input) {
    const auto r =
        run_vseal("seal --registered-proof " + proof + " --prover-id " + kProver +
                  " --sector-id 7 --ticket " + kTicket + " " + input + " --out " +
                  (root_ / proof).string() + " --parents " + (root_ / "parents").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    sealed_[proof] = nlohmann::json::parse(r.out);
  }

  // A copy of a sealed sector's directory, for tampering.
  static fs::path copy_of(const std::string& proof, const std::string& name) {
    const fs::path dst = root_ / name;
    fs::remove_all(dst);
    fs::copy(root_ / proof, dst, fs::copy_options::recursive);
    return dst;
  }

  static std::string c1_args(const std::string& proof, const fs::path& dir,
                             const std::string& extra = "") {
    return "c1 --registered-proof " + proof + " --cache " + (dir / "cache").string() +
           " --sealed " + (dir / "sealed").string() + " --prover-id " + kProver +
           " --sector-id 7 --ticket " + kTicket + " --seed " + kSeed + " " + extra;
  }

  static porep::C1Output load(const fs::path& p) {
    return porep::c1_output_from_json(nlohmann::json::parse(io::read_text_file(p)));
  }

  static void flip_byte(const fs::path& file, std::uint64_t offset) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x01);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(&c, 1);
  }

  // The challenged nodes of the 2KiB V1_1 sector.
  static std::vector<std::uint64_t> challenges_2k() {
    porep::Bytes32 rid{}, seed{};
    from_hex_exact(rid, sealed_["StackedDrg2KiBV1_1"]["replica_id"].get<std::string>(), "rid");
    from_hex_exact(seed, kSeed, "seed");
    return porep::interactive_challenges(64, rid, seed, 0, 2);
  }

  static inline fs::path root_;
  static inline std::map<std::string, nlohmann::json> sealed_;
};

TEST_F(C1, EveryProofFlavourVerifies) {
  for (const auto& [proof, seal] : sealed_) {
    const fs::path out = root_ / (proof + ".c1.json");
    const auto made = run_json(c1_args(proof, root_ / proof, "--out " + out.string()));
    EXPECT_EQ(made["verified"], true) << proof;
    EXPECT_EQ(made["comm_r"], seal["comm_r"]) << proof;
    EXPECT_EQ(made["replica_id"], seal["replica_id"]) << proof;
    const auto checked = run_json("c1 verify " + out.string());
    EXPECT_EQ(checked["valid"], true) << proof << " " << checked.dump();
    const auto c1 = load(out);
    EXPECT_EQ(c1.proof.name, proof);
    const bool ni = proof.find("NonInteractive") != std::string::npos;
    const bool big = proof.find("8MiB") != std::string::npos;
    EXPECT_EQ(c1.partitions.size(), ni ? 13u : 1u) << proof;
    EXPECT_EQ(checked["challenges_checked"], ni ? 26 : 2) << proof;
    // tree_r_last of 8MiB discards two rows: the path still has all levels.
    EXPECT_EQ(c1.partitions[0][0].comm_r_last_proof.base.size(), big ? 6u : 2u) << proof;
    EXPECT_EQ(c1.partitions[0][0].comm_d_proof.base.size(), big ? 18u : 6u) << proof;
  }
}

TEST_F(C1, BincodeHasTheReferenceSizes) {
  const auto& sizes = [] {
    for (const auto& v : load_vectors("commit-post.json"))
      if (v.at("id") == "c1_bincode_sizes") return v.at("value");
    throw std::runtime_error("c1_bincode_sizes missing");
  }();
  const fs::path json = root_ / "bin.c1.json", bin = root_ / "c1.bin";
  const auto made = run_json(c1_args("StackedDrg2KiBV1_1", root_ / "StackedDrg2KiBV1_1",
                                     "--out " + json.string() + " --bincode " + bin.string()));
  EXPECT_EQ(made["bincode"]["bytes"], sizes.at("2KiB_total_bytes"));
  EXPECT_EQ(fs::file_size(bin), sizes.at("2KiB_total_bytes").get<std::uint64_t>());
  const auto c1 = load(json);
  for (const auto& p : c1.partitions[0])
    EXPECT_EQ(porep::challenge_proof_bincode_size(p),
              sizes.at("2KiB_per_challenge_bytes").get<std::uint64_t>());
  EXPECT_EQ(porep::c1_output_to_bincode(c1).size(), fs::file_size(bin));
}

TEST_F(C1, JsonRoundTripsAndLayerSourcesAgree) {
  const std::string proof = "StackedDrg8MiBV1_1";
  const fs::path dir = root_ / proof;
  const fs::path a = root_ / "h5.c1.json", b = root_ / "dat.c1.json";
  run_json(c1_args(
      proof, dir, "--out " + a.string() + " --layers " + (dir / "scratch/0/7/layers.h5").string()));
  run_json(c1_args(proof, dir, "--out " + b.string()));  // sc-02-data-layer-*.dat in the cache
  EXPECT_EQ(io::read_text_file(a), io::read_text_file(b));
  const auto c1 = load(a);
  EXPECT_EQ(porep::c1_output_to_json(c1).dump(), io::read_text_file(a));
  EXPECT_EQ(porep::c1_output_from_json(porep::c1_output_to_json(c1)), c1);
  EXPECT_TRUE(porep::verify_c1_output(c1).ok());
}

TEST_F(C1, JsonParserIsStrict) {
  const fs::path out = root_ / "strict.c1.json";
  run_json(c1_args("StackedDrg2KiBV1_1", root_ / "StackedDrg2KiBV1_1", "--out " + out.string()));
  const auto good = nlohmann::json::parse(io::read_text_file(out));
  const std::vector<std::pair<std::string, nlohmann::json>> cases = [&] {
    std::vector<std::pair<std::string, nlohmann::json>> c;
    auto with = [&](auto edit) {
      nlohmann::json d = good;
      edit(d, d["vanilla_proofs"]["StackedDrg2KiBV1"][0][0]);
      return d;
    };
    c.emplace_back("extra", with([](nlohmann::json& d, nlohmann::json&) { d["extra"] = 1; }));
    c.emplace_back("comm_r", with([](nlohmann::json& d, nlohmann::json&) { d.erase("comm_r"); }));
    c.emplace_back("[31]", with([](nlohmann::json& d, nlohmann::json&) { d["seed"][31] = 256; }));
    c.emplace_back("32 byte values",
                   with([](nlohmann::json& d, nlohmann::json&) { d["ticket"].erase(0); }));
    c.emplace_back("Double", with([](nlohmann::json&, nlohmann::json& p) {
                     p["comm_d_proofs"]["data"]["Double"] = p["comm_d_proofs"]["data"]["Single"];
                     p["comm_d_proofs"]["data"].erase("Single");
                   }));
    c.emplace_back("_h", with([](nlohmann::json&, nlohmann::json& p) {
                     p["replica_column_proofs"]["c_x"]["column"]["_h"] = 0;
                   }));
    c.emplace_back("StackedDrg2KiBV1", with([](nlohmann::json& d, nlohmann::json&) {
                     d["registered_proof"] = "StackedDrg8MiBV1_1";
                   }));
    c.emplace_back("StackedDrg3KiBV1", with([](nlohmann::json& d, nlohmann::json&) {
                     d["registered_proof"] = "StackedDrg3KiBV1";
                   }));
    return c;
  }();

  for (const auto& [needle, doc] : cases) {
    try {
      porep::c1_output_from_json(doc);
      ADD_FAILURE() << "accepted a document with a bad " << needle;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
          << needle << " vs " << e.what();
    }
  }
}

TEST_F(C1, TamperedOutputIsRejectedWithThePlace) {
  const fs::path out = root_ / "tamper.c1.json";
  run_json(c1_args("StackedDrg2KiBV1_1", root_ / "StackedDrg2KiBV1_1", "--out " + out.string()));
  auto doc = nlohmann::json::parse(io::read_text_file(out));
  auto& labels = doc["vanilla_proofs"]["StackedDrg2KiBV1"][0][1]["replica_column_proofs"]["c_x"]
                    ["column"]["rows"][1];
  labels[0] = labels[0].get<int>() ^ 1;
  io::write_file_atomic(root_ / "bad.c1.json", doc.dump());
  const auto r = run_vseal("c1 verify " + (root_ / "bad.c1.json").string());
  EXPECT_EQ(r.exit_code, 1);
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["valid"], false);
  const std::string problems = report["problems"].dump();
  EXPECT_NE(problems.find("partition 0 challenge 1"), std::string::npos) << problems;
  EXPECT_NE(problems.find("c_x"), std::string::npos) << problems;
  EXPECT_NE(problems.find("layer 2"), std::string::npos) << problems;

  // A wrong seed: the proofs open other nodes than the seed's challenges.
  auto other = nlohmann::json::parse(io::read_text_file(out));
  other["seed"][0] = other["seed"][0].get<int>() ^ 1;
  EXPECT_FALSE(porep::verify_c1_output(porep::c1_output_from_json(other)).ok());
}

TEST_F(C1, DamagedFilesAreFoundAndNamed) {
  const std::string proof = "StackedDrg2KiBV1_1";
  const auto x = challenges_2k()[0];
  struct Case {
    const char* what;
    fs::path file;  // relative to the copy
    std::uint64_t offset;
    const char* expect;
  };
  const Case cases[] = {
      {"replica", "sealed", x * 32, "sealed"},
      {"layer", "cache/sc-02-data-layer-2.dat", x * 32, "c_x"},
      {"tree_c", "cache/sc-02-data-tree-c.dat", x * 32, "c_x"},
      {"tree_c-root", "cache/sc-02-data-tree-c.dat", 72 * 32, "comm_r"},
      {"tree_d", "cache/sc-02-data-tree-d.dat", (x ^ 1) * 32, "tree_d"},
  };
  for (const auto& c : cases) {
    const auto dir = copy_of(proof, std::string("damaged-") + c.what);
    flip_byte(dir / c.file, c.offset);
    // comm_d and comm_r from the undamaged seal: C1 must not take them from damaged files.
    const auto r =
        run_vseal(c1_args(proof, dir,
                          "--out " + (dir / "c1.json").string() + " --comm-d " +
                              sealed_[proof]["comm_d"].get<std::string>() + " --comm-r " +
                              sealed_[proof]["comm_r"].get<std::string>()));
    EXPECT_NE(r.exit_code, 0) << c.what;
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.what << ": " << r.err;
    EXPECT_FALSE(fs::exists(dir / "c1.json")) << c.what;
  }
}

TEST_F(C1, BadInputsExitWithTwo) {
  const std::string proof = "StackedDrg2KiBV1_1";
  const fs::path dir = root_ / proof;
  const std::string zero(64, '0');
  const std::vector<std::string> cases = {
      c1_args(proof, dir,
              "--out x --comm-d " + zero.substr(0, 62) + "01 --comm-r " +
                  sealed_[proof]["comm_r"].get<std::string>()),
      "c1 --registered-proof " + proof + " --cache " + (dir / "cache").string() + " --sealed " +
          (dir / "sealed").string() + " --prover-id " + kProver + " --sector-id 7 --ticket " +
          kTicket + " --seed " + zero + " --out x",
      c1_args(proof, root_ / "nowhere", "--out x"),
      c1_args("StackedDrg8MiBV1_1", dir, "--out x"),
      c1_args(proof, dir, "--out x --layers " + (root_ / "missing.h5").string()),
      "c1 verify " + (root_ / "missing.json").string(),
  };
  for (const auto& args : cases) {
    const auto r = run_vseal(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("vseal:"), std::string::npos) << args;
  }
}

TEST_F(C1, WindowPostVanillaProofsAndFaults) {
  const std::string rand = "800577407b1008e07436a67970ee19b047a63eede36aebca7c2145894d7a370a";
  const auto damaged = copy_of("StackedDrg2KiBV1_1", "post-damaged");
  flip_byte(damaged / "cache/sc-02-data-tree-r-last.dat", 0);  // its only stored row: the root
  std::map<std::uint64_t, fs::path> dirs = {{1, root_ / "StackedDrg2KiBV1"},
                                            {2, damaged},
                                            {3, root_ / "StackedDrg2KiBV1_1"},
                                            {5, root_ / "nowhere"},
                                            {8, root_ / "StackedDrg2KiBV1_1_Feat_SyntheticPoRep"}};
  auto comm_r_of = [&](std::uint64_t id) {
    const std::string proof = dirs[id] == damaged || dirs[id] == root_ / "nowhere"
                                  ? "StackedDrg2KiBV1_1"
                                  : dirs[id].filename().string();
    return sealed_[proof]["comm_r"].get<std::string>();
  };
  for (const char* proof : {"StackedDrgWindow2KiBV1_1", "StackedDrgWindow2KiBV1"}) {
    std::string args = std::string("post prove-vanilla --registered-proof ") + proof +
                       " --randomness " + rand + " --out " + (root_ / "wpost.json").string() +
                       " --sector";
    for (const auto& [id, dir] : dirs) {
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on a chained operator+.
      args += ' ';
      args += std::to_string(id);
      args += ':';
      args += comm_r_of(id);
      args += ':';
      args += (dir / "cache").string();
      args += ':';
      args += (dir / "sealed").string();
    }
    const auto made = run_json(args);
    EXPECT_EQ(made["proven"], 3) << proof;
    ASSERT_EQ(made["faulty"].size(), 2u) << made.dump();
    EXPECT_EQ(made["faulty"][0]["sector_id"], 2);
    EXPECT_NE(made["faulty"][0]["reason"].get<std::string>().find("tree-r-last"), std::string::npos)
        << made.dump();
    EXPECT_EQ(made["faulty"][1]["sector_id"], 5);
    const auto checked = run_json("post verify-vanilla " + (root_ / "wpost.json").string());
    EXPECT_EQ(checked["valid"], true) << checked.dump();
    // Each inclusion proof opens the leaf `vseal post challenges` derives for the sector's
    // position among the proven sectors (1, 3, 8 -> 0, 1, 2 for ApiVersion 1.0.0).
    const auto file = post::vanilla_post_from_json(
        nlohmann::json::parse(io::read_text_file(root_ / "wpost.json")));
    for (std::size_t i = 0; i < file.post.proofs.size(); ++i) {
      const auto& p = file.post.proofs[i];
      EXPECT_EQ(file.post.positions[i], i);
      const auto want =
          run_json("post challenges --nodes 64 --randomness " + rand + " --sector-id " +
                   std::to_string(p.sector_id) + " --position " + std::to_string(i) +
                   " --api-version " + porep::api_version_name(file.proof->api_version).data());
      std::vector<std::uint64_t> opened;
      for (const auto& ip : p.proof.inclusion_proofs) opened.push_back(merkle::path_index(ip));
      EXPECT_EQ(nlohmann::json(opened), want["challenges"]) << proof << " sector " << p.sector_id;
    }
  }
}

TEST_F(C1, WinningPostVanillaProofAndTampering) {
  const std::string rand = "800577407b1008e07436a67970ee19b047a63eede36aebca7c2145894d7a370a";
  const fs::path dir = root_ / "StackedDrg8MiBV1_1", out = root_ / "winning.json";
  const auto made = run_json(
      "post prove-vanilla --registered-proof StackedDrgWinning8MiBV1 "
      "--randomness " +
      rand + " --out " + out.string() +
      " --sector 7:" + sealed_["StackedDrg8MiBV1_1"]["comm_r"].get<std::string>() + ":" +
      (dir / "cache").string() + ":" + (dir / "sealed").string());
  EXPECT_EQ(made["proven"], 1);
  auto doc = nlohmann::json::parse(io::read_text_file(out));
  const auto file = post::vanilla_post_from_json(doc);
  ASSERT_EQ(file.post.proofs.size(), 1u);
  EXPECT_EQ(file.post.proofs[0].proof.inclusion_proofs.size(), 66u);
  EXPECT_EQ(run_json("post verify-vanilla " + out.string())["valid"], true);
  auto& sibling = doc["sectors"][0]["vanilla_proof"]["sectors"][0]["inclusion_proofs"][5]["data"]
                     ["Single"]["path"]["path"][3]["hashes"][2][0];
  sibling = sibling.get<int>() ^ 1;
  io::write_file_atomic(root_ / "winning-bad.json", doc.dump());
  const auto r = run_vseal("post verify-vanilla " + (root_ / "winning-bad.json").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("sector 7 challenge 5"), std::string::npos) << r.out;
  // A wrong comm_r makes the sector faulty, not the run.
  const auto wrong = run_json(
      "post prove-vanilla --registered-proof StackedDrgWinning8MiBV1 "
      "--randomness " +
      rand + " --out " + out.string() +
      " --sector 7:" + sealed_["StackedDrg2KiBV1_1"]["comm_r"].get<std::string>() + ":" +
      (dir / "cache").string() + ":" + (dir / "sealed").string());
  EXPECT_EQ(wrong["proven"], 0);
  EXPECT_EQ(wrong["faulty"].size(), 1u);
  // Randomness with its top bits set is refused.
  EXPECT_EQ(run_vseal("post prove-vanilla --registered-proof StackedDrgWinning8MiBV1 "
                      "--randomness " +
                      std::string(64, 'f') + " --out " + out.string() +
                      " --sector 7:" + std::string(64, '0') + ":a:b")
                .exit_code,
            2);
}

}  // namespace
}  // namespace vseal::testing
