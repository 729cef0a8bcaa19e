// vseal-pc2 as real processes under real mpirun, on an 8MiB sector labelled by vseal-pc1:
// 1, 2 and 4 ranks write identical cache files and replicas; layers read from HDF5 and from
// rust-fil-proofs layer files agree; a job stopped after some units or SIGKILLed at random
// moments and rerun ends with the same bytes; `vseal cache check` accepts the result and finds
// a corrupted file; the GPU engine (when a GPU is present) writes the CPU's bytes; bad specs and
// a wrong comm_d exit 2.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <map>
#include <nlohmann/json.hpp>

#include "base/hex.hpp"
#include "hash/poseidon_gpu.hpp"
#include "io/atomic_file.hpp"
#include "porep/cache_files.hpp"
#include "process.hpp"
#include "test_seed.hpp"

namespace vseal::testing {
namespace {

namespace fs = std::filesystem;
const std::string kBin = VSEAL_BIN_DIR;
const std::string kMpirun = VSEAL_MPIEXEC;

nlohmann::json read_json(const fs::path& p) {
  return nlohmann::json::parse(io::read_text_file(p));
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Pc2Job : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    use_local_open_mpi();
    root_ = fs::temp_directory_path() / ("vseal-pc2-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    // Random fr32-valid sector data (top two bits of every node cleared).
    std::mt19937_64 rng(test_seed());
    std::string data(kSectorSize, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) {
      auto b = static_cast<unsigned char>(rng());
      if (i % 32 == 31) b &= 0x3f;
      data[i] = static_cast<char>(b);
    }
    std::ofstream(root_ / "data", std::ios::binary) << data;
    const nlohmann::json pc1 = {{"miner", 1000},
                                {"sector_number", 7},
                                {"registered_proof", "StackedDrg8MiBV1_1"},
                                {"ticket", std::string(64, '3')},
                                {"data", (root_ / "data").string()},
                                {"paths",
                                 {{"scratch", (root_ / "scratch").string()},
                                  {"parents", (root_ / "parents").string()},
                                  {"cache", (root_ / "pc1-cache").string()}}}};
    io::write_file_atomic(root_ / "pc1.json", pc1.dump());
    const auto r =
        run({kBin + "/vseal-pc1", (root_ / "pc1.json").string()}, (root_ / "pc1.log").string());
    ASSERT_EQ(r.exit_code, 0) << io::read_text_file(root_ / "pc1.log");
    comm_d_ = read_json(root_ / "scratch" / "1000" / "7" / "result.json").at("comm_d");
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  // A PC2 spec whose outputs go to <root>/<name>/{cache,sealed}; tree_d comes from PC1.
  static fs::path spec(const std::string& name, nlohmann::json extra = nlohmann::json::object()) {
    const auto dir = root_ / name;
    fs::create_directories(dir / "cache");
    fs::copy_file(root_ / "pc1-cache" / "sc-02-data-tree-d.dat",
                  dir / "cache" / "sc-02-data-tree-d.dat", fs::copy_options::overwrite_existing);
    nlohmann::json s = {{"miner", 1000},
                        {"sector_number", 7},
                        {"registered_proof", "StackedDrg8MiBV1_1"},
                        {"comm_d", comm_d_},
                        {"data", (root_ / "data").string()},
                        {"paths",
                         {{"scratch", (root_ / "scratch").string()},
                          {"cache", (dir / "cache").string()},
                          {"sealed", (dir / "sealed").string()}}}};
    s.update(extra);
    io::write_file_atomic(dir / "pc2.json", s.dump());
    return dir;
  }

  static ChildResult pc2(const fs::path& dir, int ranks, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {kMpirun, "-np", std::to_string(ranks), kBin + "/vseal-pc2",
                                     (dir / "pc2.json").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run(argv, (dir / "pc2.log").string());
  }

  // Every output except t_aux (which names its own directory), by name.
  static std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir / "cache"))
      if (e.path().filename() != "t_aux") out[e.path().filename()] = file_bytes(e.path());
    out["sealed"] = file_bytes(dir / "sealed");
    return out;
  }

  static void expect_same_outputs(const fs::path& a, const fs::path& b) {
    const auto x = outputs(a), y = outputs(b);
    ASSERT_EQ(x.size(), y.size());
    for (const auto& [name, bytes] : x) {
      ASSERT_TRUE(y.count(name)) << name;
      EXPECT_TRUE(bytes == y.at(name)) << name << " differs between " << a << " and " << b;
    }
    const auto sa = file_bytes(a / "cache" / "t_aux");
    auto ta = porep::decode_t_aux(std::vector<std::uint8_t>(sa.begin(), sa.end()));
    const auto sb = file_bytes(b / "cache" / "t_aux");
    auto tb = porep::decode_t_aux(std::vector<std::uint8_t>(sb.begin(), sb.end()));
    EXPECT_EQ(ta.tree_r_last.rows_to_discard, tb.tree_r_last.rows_to_discard);
    EXPECT_EQ(ta.tree_c.size, tb.tree_c.size);
  }

  static constexpr std::size_t kSectorSize = 8u << 20;
  static inline fs::path root_;
  static inline std::string comm_d_;
};

TEST_F(Pc2Job, OneTwoAndFourRanksWriteIdenticalFiles) {
  const auto one = spec("np1"), two = spec("np2"), four = spec("np4");
  ASSERT_EQ(pc2(one, 1).exit_code, 0) << io::read_text_file(one / "pc2.log");
  ASSERT_EQ(pc2(two, 2).exit_code, 0) << io::read_text_file(two / "pc2.log");
  ASSERT_EQ(pc2(four, 4).exit_code, 0) << io::read_text_file(four / "pc2.log");
  expect_same_outputs(one, two);
  expect_same_outputs(one, four);
  const auto files = outputs(one);
  EXPECT_EQ(files.at("sc-02-data-tree-c.dat").size(), 299593u * 32);  // per + per/8 + ... + 1
  EXPECT_EQ(files.at("sc-02-data-tree-r-last.dat").size(), 585u * 32);
  EXPECT_EQ(files.at("p_aux").size(), 64u);
  EXPECT_FALSE(fs::exists(one / "sealed.partial"));
  // The published cache verifies against its replica; one flipped byte does not.
  const auto check = run({kBin + "/vseal", "cache", "check", (one / "cache").string(), "--sealed",
                          (one / "sealed").string()},
                         (one / "check.log").string());
  EXPECT_EQ(check.exit_code, 0) << io::read_text_file(one / "check.log");
  {
    std::fstream f(one / "cache" / "sc-02-data-tree-r-last.dat",
                   std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(100);
    f.put('\x01');
  }
  const auto bad = run({kBin + "/vseal", "cache", "check", (one / "cache").string(), "--sealed",
                        (one / "sealed").string()},
                       (one / "check-bad.log").string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(io::read_text_file(one / "check-bad.log").find("tree-r-last"), std::string::npos);
}

TEST_F(Pc2Job, LayerFilesGiveTheSameResultAsHdf5) {
  const auto h5 = spec("from-h5");
  ASSERT_EQ(pc2(h5, 1).exit_code, 0) << io::read_text_file(h5 / "pc2.log");
  const auto dat = spec("from-dat", {{"layers", "cache"}});
  for (int l = 1; l <= 2; ++l) {
    const auto name = porep::layer_file_name(l);
    fs::copy_file(root_ / "pc1-cache" / name, dat / "cache" / name);
  }
  ASSERT_EQ(pc2(dat, 2).exit_code, 0) << io::read_text_file(dat / "pc2.log");
  const auto a = read_json(root_ / "scratch" / "1000" / "7" / "pc2.result.json");
  for (int l = 1; l <= 2; ++l) fs::remove(dat / "cache" / porep::layer_file_name(l));
  expect_same_outputs(h5, dat);
  EXPECT_EQ(a.at("ranks"), 2);
}

TEST_F(Pc2Job, StoppedOrKilledJobResumesToTheSameBytes) {
  const auto reference = spec("reference");
  ASSERT_EQ(pc2(reference, 1).exit_code, 0);

  const auto stopped = spec("stopped");
  EXPECT_EQ(pc2(stopped, 2, {"--stop-after-units", "1"}).exit_code, 75)
      << io::read_text_file(stopped / "pc2.log");
  EXPECT_FALSE(fs::exists(stopped / "cache" / "p_aux"));
  ASSERT_EQ(pc2(stopped, 1).exit_code, 0) << io::read_text_file(stopped / "pc2.log");
  const auto result = read_json(root_ / "scratch" / "1000" / "7" / "pc2.result.json");
  EXPECT_EQ(result.at("units").at("resumed_by_rank0"), 2) << result.dump();
  expect_same_outputs(reference, stopped);

  // Rerunning a finished job changes nothing and reports the same commitments.
  ASSERT_EQ(pc2(stopped, 1).exit_code, 0);
  EXPECT_NE(io::read_text_file(stopped / "pc2.log").find("already complete"), std::string::npos);

  std::mt19937_64 rng(test_seed() + 7);
  const auto killed = spec("killed");
  for (int attempt = 0; attempt < 3; ++attempt) {
    const auto delay = std::chrono::milliseconds(100 + rng() % 600);
    run_and_kill_after({kBin + "/vseal-pc2", (killed / "pc2.json").string()},
                       (killed / "pc2.log").string(), delay);
  }
  ASSERT_EQ(pc2(killed, 2).exit_code, 0) << io::read_text_file(killed / "pc2.log");
  expect_same_outputs(reference, killed);
}

TEST_F(Pc2Job, GpuHashingWritesTheSameBytesAsTheCpu) {
  if (!hash::poseidon_gpu_available())
    GTEST_SKIP() << "no usable GPU here: " << hash::poseidon_gpu_describe(0);
  const auto cpu = spec("cpu"), gpu = spec("gpu", {{"resources", {{"gpus", 1}}}});
  ASSERT_EQ(pc2(cpu, 1).exit_code, 0) << io::read_text_file(cpu / "pc2.log");
  ASSERT_EQ(pc2(gpu, 2).exit_code, 0) << io::read_text_file(gpu / "pc2.log");
  EXPECT_EQ(read_json(root_ / "scratch" / "1000" / "7" / "pc2.result.json")
                .at("engine")
                .get<std::string>()
                .rfind("gpu", 0),
            0u);
  expect_same_outputs(cpu, gpu);
}

TEST_F(Pc2Job, BadSpecsExitTwo) {
  const auto unknown = spec("unknown-field", {{"colour", "blue"}});
  EXPECT_EQ(pc2(unknown, 2).exit_code, 2);
  EXPECT_NE(io::read_text_file(unknown / "pc2.log").find("spec.colour"), std::string::npos);
  const auto wrong = spec("wrong-comm-d", {{"comm_d", std::string(64, '0')}});
  EXPECT_EQ(pc2(wrong, 2).exit_code, 2);
  EXPECT_NE(io::read_text_file(wrong / "pc2.log").find("does not match tree_d"), std::string::npos);
  const auto rtd = spec("bad-rtd", {{"rows_to_discard", 9}});
  EXPECT_EQ(pc2(rtd, 1).exit_code, 2);
  const auto both = spec("cc-and-data", {{"cc", true}});
  EXPECT_EQ(pc2(both, 1).exit_code, 2);
}

}  // namespace
}  // namespace vseal::testing
