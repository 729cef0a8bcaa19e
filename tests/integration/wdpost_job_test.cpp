// vseal-wdpost as real processes under real mpirun over 2KiB sectors sealed by `vseal seal`:
// 1 and 2 ranks write the same vanilla proofs, which `vseal post verify-vanilla` accepts;
// missing and damaged sectors are reported as faulty with the job still succeeding (and, under
// ApiVersion 1.0.0, the sectors after them proven at their new positions); a rerun resumes from
// the per-sector records and gives the same bytes, while a changed spec never reuses them; bad
// specs exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/vseal_runner.hpp"
#include "io/atomic_file.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace vseal::testing {
namespace {

namespace fs = std::filesystem;
const std::string kBin = VSEAL_BIN_DIR;
const std::string kMpirun = VSEAL_MPIEXEC;
const std::string kRand = "800577407b1008e07436a67970ee19b047a63eede36aebca7c2145894d7a370a";

class Wdpost : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    use_local_open_mpi();
    root_ = temp_dir("wdpost");
    for (int i = 0; i < 3; ++i) {
      const auto dir = root_ / (std::string("s") += std::to_string(i));
      char ticket[65];
      std::snprintf(ticket, sizeof ticket, "%064x", i + 1);
      // Built piece by piece: GCC 12 warns falsely (-Wrestrict) on a chained operator+.
      std::string args = "seal --registered-proof StackedDrg2KiBV1_1 --prover-id ";
      args += std::string(64, '0');
      args += " --sector-id ";
      args += std::to_string(i + 1);
      args += " --ticket ";
      args += ticket;
      args += " --cc --out ";
      args += dir.string();
      args += " --parents ";
      args += (root_ / "parents").string();
      const auto r = run_vseal(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      comm_r_.push_back(nlohmann::json::parse(r.out)["comm_r"]);
    }
    // A fourth sector whose replica is damaged: its tree_r_last root no longer matches.
    fs::copy(root_ / "s2", root_ / "bad", fs::copy_options::recursive);
    std::fstream f(root_ / "bad/sealed", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x07');
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  // Sectors 10, 20, 25 (damaged), 30, 40 (missing), 50 over the three sealed ones.
  static nlohmann::json spec(const std::string& proof, const fs::path& out,
                             const std::string& rand = kRand) {
    auto sector = [&](int id, const fs::path& dir, std::size_t c) {
      return nlohmann::json{{"sector_number", id},
                            {"comm_r", comm_r_[c]},
                            {"cache", (dir / "cache").string()},
                            {"sealed", (dir / "sealed").string()}};
    };
    return {{"miner", 1000},
            {"deadline", 7},
            {"registered_proof", proof},
            {"randomness", rand},
            {"sectors",
             {sector(10, root_ / "s0", 0), sector(20, root_ / "s1", 1),
              sector(25, root_ / "bad", 2), sector(30, root_ / "s2", 2),
              sector(40, root_ / "missing", 0), sector(50, root_ / "s1", 1)}},
            {"paths", {{"out", out.string()}}}};
  }

  static ChildResult run_job(const nlohmann::json& s, const std::string& name, int ranks) {
    const auto file = root_ / (name + ".spec.json");
    io::write_file_atomic(file, s.dump());
    const std::string log = (root_ / (name + ".log")).string();
    if (ranks == 0) return run({kBin + "/vseal-wdpost", file.string()}, log);  // no mpirun
    return run({kMpirun, "-np", std::to_string(ranks), kBin + "/vseal-wdpost", file.string()}, log);
  }

  static nlohmann::json result_of(const nlohmann::json& s) {
    return nlohmann::json::parse(
        io::read_text_file(fs::path(s["paths"]["out"].get<std::string>()) / "result.json"));
  }
  static std::string vanilla_of(const nlohmann::json& s) {
    return io::read_text_file(fs::path(s["paths"]["out"].get<std::string>()) / "vanilla.json");
  }

  static inline fs::path root_;
  static inline std::vector<nlohmann::json> comm_r_;
};

TEST_F(Wdpost, RanksAgreeAndFaultsAreReported) {
  const auto one = spec("StackedDrgWindow2KiBV1_1", root_ / "one");
  const auto two = spec("StackedDrgWindow2KiBV1_1", root_ / "two");
  ASSERT_EQ(run_job(one, "one", 0).exit_code, 0);  // a plain run, no mpirun
  ASSERT_EQ(run_job(two, "two", 2).exit_code, 0);
  EXPECT_EQ(vanilla_of(one), vanilla_of(two));
  const auto r = result_of(two);
  EXPECT_EQ(r["ranks"], 2);
  EXPECT_EQ(r["proven"], 4);
  ASSERT_EQ(r["faulty"].size(), 2u);
  EXPECT_EQ(r["faulty"][0]["sector_id"], 25);
  EXPECT_NE(r["faulty"][0]["reason"].get<std::string>().find("bad/sealed"), std::string::npos)
      << r.dump();
  EXPECT_EQ(r["faulty"][1]["sector_id"], 40);
  // 4 proven sectors in partitions of 2, each with 2 * (1 + 10) public inputs.
  ASSERT_EQ(r["partitions"].size(), 2u);
  EXPECT_EQ(r["partitions"][1]["sectors"], nlohmann::json({30, 50}));
  EXPECT_EQ(r["partitions"][0]["public_inputs"], 22);
  const auto v = run_json("post verify-vanilla " + (root_ / "two/vanilla.json").string());
  EXPECT_EQ(v["valid"], true) << v.dump();
  EXPECT_EQ(v["sectors"], 4);
}

TEST_F(Wdpost, PositionalChallengesAreReprovenAfterFaults) {
  const auto s = spec("StackedDrgWindow2KiBV1", root_ / "v1");
  ASSERT_EQ(run_job(s, "v1", 2).exit_code, 0);
  const auto r = result_of(s);
  EXPECT_EQ(r["proven"], 4);
  EXPECT_EQ(r["registered_proof"], "StackedDrgWindow2KiBV1");
  const auto v = run_json("post verify-vanilla " + (root_ / "v1/vanilla.json").string());
  EXPECT_EQ(v["valid"], true) << v.dump();
}

TEST_F(Wdpost, RerunResumesAndAChangedSpecStartsOver) {
  const auto s = spec("StackedDrgWindow2KiBV1_1", root_ / "resume");
  ASSERT_EQ(run_job(s, "resume", 1).exit_code, 0);
  const std::string first = vanilla_of(s);
  fs::remove(root_ / "resume/sectors/20.json");
  ASSERT_EQ(run_job(s, "resume", 1).exit_code, 0);
  EXPECT_EQ(vanilla_of(s), first);
  const auto r = result_of(s);
  EXPECT_EQ(r["sectors_resumed_rank0"], 5);
  EXPECT_EQ(r["sectors_proven_rank0"], 1);
  // Other randomness, same directory: nothing reused, and the proofs differ.
  std::string other = kRand;
  other[0] = '9';
  const auto changed = spec("StackedDrgWindow2KiBV1_1", root_ / "resume", other);
  ASSERT_EQ(run_job(changed, "resume2", 1).exit_code, 0);
  EXPECT_EQ(result_of(changed)["sectors_resumed_rank0"], 0);
  EXPECT_NE(vanilla_of(changed), first);
  EXPECT_EQ(run_json("post verify-vanilla " + (root_ / "resume/vanilla.json").string())["valid"],
            true);
}

TEST_F(Wdpost, BadSpecsExitWithTwo) {
  const auto good = spec("StackedDrgWindow2KiBV1_1", root_ / "bad");
  std::vector<std::pair<std::string, nlohmann::json>> cases;
  auto with = [&](const std::string& what, auto edit) {
    nlohmann::json s = good;
    edit(s);
    cases.emplace_back(what, s);
  };
  with("winning", [](auto& s) { s["registered_proof"] = "StackedDrgWinning2KiBV1"; });
  with("unsorted", [](auto& s) { std::swap(s["sectors"][0], s["sectors"][1]); });
  with("unknown field", [](auto& s) { s["sectors"][2]["extra"] = 1; });
  with("randomness", [](auto& s) { s["randomness"] = std::string(64, 'f'); });
  with("deadline", [](auto& s) { s["deadline"] = 48; });
  with("no sectors", [](auto& s) { s["sectors"] = nlohmann::json::array(); });
  for (const auto& [what, s] : cases) {
    EXPECT_EQ(run_job(s, "bad-" + std::to_string(&s - &cases[0].second), 0).exit_code, 2) << what;
  }
}

}  // namespace
}  // namespace vseal::testing
