// vseal-pc1 as a real process: the e2e seals of porep.json (CC and data sectors) give the
// vectors' CommD, replica_id and per-layer labels in layers.h5 and in sc-02-data-layer-*.dat;
// a job stopped or SIGKILLed at any moment and rerun ends with the same bytes as an
// uninterrupted run; a layer whose bytes disagree with the ledger is redone; bad specs exit 2.
#include <gtest/gtest.h>

#include <functional>

#include <filesystem>
#include <fstream>
#include <random>

#include "base/hex.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_layers.hpp"
#include "process.hpp"
#include "test_seed.hpp"
#include "vectors/porep_vector_helpers.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::testing {
namespace {

namespace fs = std::filesystem;
const std::string kPc1 = std::string(VSEAL_BIN_DIR) + "/vseal-pc1";

fs::path fresh_dir(const std::string& name) {
  const auto dir =
      fs::temp_directory_path() / ("vseal-pc1-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

nlohmann::json read_json(const fs::path& p) {
  return nlohmann::json::parse(io::read_text_file(p));
}

std::string log_of(const fs::path& dir) {
  return (dir / "job.log").string();
}

// A spec for the sector of an e2e vector, with its data written where the spec points.
nlohmann::json e2e_spec(const nlohmann::json& v, const fs::path& dir) {
  const auto& in = v.at("inputs");
  nlohmann::json spec = {{"miner", 1000},
                         {"sector_number", in.at("sector_id")},
                         {"ticket", in.at("ticket")},
                         {"prover_id", in.at("prover_id")},
                         {"paths",
                          {{"scratch", (dir / "scratch").string()},
                           {"parents", (dir / "parents").string()},
                           {"cache", (dir / "cache").string()}}}};
  const std::uint64_t size = in.at("sector_size_bytes");
  if (size == 2048 &&
      in.at("porep_id") == "0500000000000000000000000000000000000000000000000000000000000000") {
    spec["registered_proof"] = "StackedDrg2KiBV1_1";
  } else {
    spec["sector_size"] = std::to_string(size);
    spec["porep_id"] = in.at("porep_id");
    spec["api_version"] = in.at("api_version");
  }
  if (e2e_is_cc(in)) {
    spec["cc"] = true;
  } else {
    const auto padded = e2e_sector_data(in);
    EXPECT_EQ(padded.size(), size);
    io::write_file_atomic(dir / "data.bin", padded);
    spec["data"] = (dir / "data.bin").string();
  }
  return spec;
}

class Pc1E2e : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(Pc1E2e, JobReproducesVector) {
  const auto& v = GetParam();
  const auto& ex = v.at("expected");
  const auto dir = fresh_dir(test_name(v));
  const auto spec = e2e_spec(v, dir);
  io::write_file_atomic(dir / "spec.json", spec.dump());
  const auto r = run({kPc1, (dir / "spec.json").string()}, log_of(dir));
  ASSERT_EQ(r.exit_code, 0) << io::read_text_file(log_of(dir));
  const auto sector =
      dir / "scratch" / "1000" / std::to_string(spec.at("sector_number").get<std::uint64_t>());
  const auto result = read_json(sector / "result.json");
  EXPECT_EQ(result.at("comm_d"), ex.at("comm_d"));
  EXPECT_EQ(result.at("replica_id"), ex.at("replica_id"));
  const auto store = io::H5LayerStore::open_read_only(sector / "layers.h5");
  std::vector<std::uint8_t> layer(store.nodes() * 32);
  for (std::uint64_t l = 1; l <= store.layers(); ++l) {
    store.read_layer(l, layer);
    EXPECT_EQ(to_hex(std::span(layer).first(32)), ex.at("label_first_node_per_layer")[l - 1]);
    EXPECT_EQ(to_hex(std::span(layer).last(32)), ex.at("label_last_node_per_layer")[l - 1]);
    const auto dat =
        io::read_text_file(dir / "cache" / ("sc-02-data-layer-" + std::to_string(l) + ".dat"));
    EXPECT_TRUE(
        std::equal(dat.begin(), dat.end(), layer.begin(), layer.end(),
                   [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; }));
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(PorepJson, Pc1E2e,
                         ::testing::ValuesIn(vectors_of_kind_by_category("porep.json", "e2e_seal")),
                         [](const auto& p) { return test_name(p.param); });

// Layer bytes of a finished job, for comparing runs.
std::vector<std::uint8_t> all_layers(const fs::path& sector) {
  const auto store = io::H5LayerStore::open_read_only(sector / "layers.h5");
  std::vector<std::uint8_t> out(store.layers() * store.nodes() * 32);
  for (std::uint64_t l = 1; l <= store.layers(); ++l) {
    store.read_layer(l, std::span(out).subspan((l - 1) * store.nodes() * 32, store.nodes() * 32));
  }
  return out;
}

nlohmann::json cc_spec(const fs::path& dir, const std::string& size) {
  return {{"miner", 1000},
          {"sector_number", 7},
          {"sector_size", size},
          {"porep_id", "0600000000000000000000000000000000000000000000000000000000000000"},
          {"api_version", "1.1.0"},
          {"ticket", "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a"},
          {"cc", true},
          {"paths",
           {{"scratch", (dir / "scratch").string()}, {"parents", (dir / "parents").string()}}}};
}

TEST(Pc1Job, KilledAnywhereThenRerunGivesIdenticalBytes) {
  const auto ref_dir = fresh_dir("ref");
  io::write_file_atomic(ref_dir / "spec.json", cc_spec(ref_dir, "8MiB").dump());
  ASSERT_EQ(run({kPc1, (ref_dir / "spec.json").string()}, log_of(ref_dir)).exit_code, 0);
  const auto ref_sector = ref_dir / "scratch" / "1000" / "7";
  const auto ref_result = read_json(ref_sector / "result.json");
  const auto ref_layers = all_layers(ref_sector);

  std::mt19937_64 rng(test_seed());
  const std::size_t rounds = test_iters(4);
  for (std::size_t round = 0; round < rounds; ++round) {
    const auto dir = fresh_dir("kill" + std::to_string(round));
    io::write_file_atomic(dir / "spec.json", cc_spec(dir, "8MiB").dump());
    // Kill at random moments (parent cache generation, either layer, the writes), repeatedly.
    for (int kills = 0; kills < 3; ++kills) {
      const auto delay = std::chrono::milliseconds(50 + rng() % 1500);
      const auto r = run_and_kill_after({kPc1, (dir / "spec.json").string()}, log_of(dir), delay);
      if (r.exit_code == 0) break;
      ASSERT_EQ(r.signal, SIGKILL) << io::read_text_file(log_of(dir));
    }
    ASSERT_EQ(run({kPc1, (dir / "spec.json").string()}, log_of(dir)).exit_code, 0)
        << io::read_text_file(log_of(dir)) << seed_note();
    const auto sector = dir / "scratch" / "1000" / "7";
    const auto result = read_json(sector / "result.json");
    EXPECT_EQ(result.at("comm_d"), ref_result.at("comm_d"));
    EXPECT_EQ(result.at("replica_id"), ref_result.at("replica_id"));
    EXPECT_EQ(result.at("last_label"), ref_result.at("last_label"));
    EXPECT_TRUE(all_layers(sector) == ref_layers) << "round " << round << " " << seed_note();
    fs::remove_all(dir);
  }
  fs::remove_all(ref_dir);
}

TEST(Pc1Job, StopAfterLayerResumesAndMismatchedLayerIsRedone) {
  const auto dir = fresh_dir("resume");
  io::write_file_atomic(dir / "spec.json", cc_spec(dir, "2KiB").dump());
  const auto spec = (dir / "spec.json").string();
  EXPECT_EQ(run({kPc1, spec, "--stop-after-layer", "1"}, log_of(dir)).exit_code, 75);
  const auto sector = dir / "scratch" / "1000" / "7";
  auto ledger = read_json(sector / "pc1.steps.json");
  ASSERT_EQ(ledger.at("steps").size(), 2u);  // tree-d (CommD), layer-1
  EXPECT_EQ(ledger.at("steps")[0].at("step"), "tree-d");
  ASSERT_EQ(run({kPc1, spec}, log_of(dir)).exit_code, 0);
  EXPECT_NE(io::read_text_file(log_of(dir)).find("layer 1 already complete"), std::string::npos);
  const auto first = all_layers(sector);
  // Corrupt the record of layer 1: the job must notice and redo it, ending with the same bytes.
  ledger = read_json(sector / "pc1.steps.json");
  ASSERT_EQ(ledger["steps"][1]["step"], "layer-1");
  ledger["steps"][1]["sha256"] = std::string(64, '0');
  io::write_file_atomic(sector / "pc1.steps.json", ledger.dump());
  ASSERT_EQ(run({kPc1, spec}, log_of(dir)).exit_code, 0);
  EXPECT_NE(io::read_text_file(log_of(dir)).find("does not match its record"), std::string::npos);
  EXPECT_TRUE(all_layers(sector) == first);
  fs::remove_all(dir);
}

TEST(Pc1Job, BadSpecsExitWithTwoAndSayWhy) {
  const auto dir = fresh_dir("bad");
  const auto good = cc_spec(dir, "2KiB");
  struct Case {
    std::function<void(nlohmann::json&)> edit;
    std::string says;
  } cases[] = {
      {[](auto& s) { s["colour"] = "blue"; }, "spec.colour: unknown field"},
      {[](auto& s) { s.erase("ticket"); }, "spec.ticket: missing required field"},
      {[](auto& s) { s["ticket"] = "abcd"; }, "spec.ticket"},
      {[](auto& s) { s["paths"]["extra"] = 1; }, "spec.paths.extra: unknown field"},
      {[](auto& s) { s["data"] = "/x"; }, "exactly one of"},
      {[](auto& s) { s["sector_size"] = "3KiB"; }, "sector size"},
      {[](auto& s) { s["api_version"] = "9.9.9"; }, "api version"},
      {[](auto& s) { s["miner"] = -1; }, "spec.miner: must be a non-negative integer"},
      {[](auto& s) { s["registered_proof"] = "StackedDrg2KiBV1"; }, "not both"},
  };
  for (const auto& c : cases) {
    auto spec = good;
    c.edit(spec);
    io::write_file_atomic(dir / "spec.json", spec.dump());
    fs::remove(log_of(dir));
    const auto r = run({kPc1, (dir / "spec.json").string()}, log_of(dir));
    const auto log = io::read_text_file(log_of(dir));
    EXPECT_EQ(r.exit_code, 2) << log;
    EXPECT_NE(log.find(c.says), std::string::npos) << "expected '" << c.says << "' in: " << log;
  }
  io::write_file_atomic(dir / "spec.json", std::string("{ not json"));
  EXPECT_EQ(run({kPc1, (dir / "spec.json").string()}, log_of(dir)).exit_code, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vseal::testing
