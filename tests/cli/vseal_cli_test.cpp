// The `vseal` CLI end to end: every applicable poseidon.json and porep.json vector through the
// commands the issues name (the e2e seals through `vseal seal`), SHA-256 examples, and exit
// code 2 with a message on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "base/hex.hpp"
#include "cli/vseal_runner.hpp"
#include "hash/sha256.hpp"
#include "vectors/porep_vector_helpers.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::testing {
namespace {

std::string joined(const nlohmann::json& hexes) {
  std::string s;
  for (const auto& h : hexes) {
    s += ' ';
    s += h.get<std::string>();
  }
  return s;
}

class CliPoseidonVector : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(CliPoseidonVector, Matches) {
  const auto& v = GetParam();
  SCOPED_TRACE("source: " + v.at("source").get<std::string>());
  const std::string kind = v.at("kind");
  const std::string arity = std::to_string(v.at("arity").get<int>());
  const std::string strength = v.value("strength", "standard");
  if (kind == "hash") {
    const auto out = run_json("hash poseidon --arity " + arity + " --strength " + strength +
                              joined(v.at("inputs")));
    EXPECT_EQ(out["digest"], v.at("expected"));
  } else if (kind == "sponge_constant_length") {
    const auto out = run_json("hash poseidon --type constlen --arity " + arity + " --strength " +
                              strength + joined(v.at("inputs")));
    EXPECT_EQ(out["digest"], v.at("expected"));
  } else if (kind == "tree_root") {
    const auto out =
        run_json("merkle root --hasher poseidon --arity " + arity + joined(v.at("inputs")));
    EXPECT_EQ(out["root"], v.at("expected"));
  } else if (kind == "round_constant") {
    const auto out = run_json("poseidon params --arity " + arity + " --strength " + strength);
    EXPECT_EQ(out["round_constants"][v.at("params").at("index").get<std::size_t>()],
              v.at("expected"));
    EXPECT_EQ(out["round_constants"].size(),
              (out["full_rounds"].get<std::size_t>() + out["partial_rounds"].get<std::size_t>()) *
                  (v.at("arity").get<std::size_t>() + 1));
  } else if (kind == "mds_entry") {
    const auto out = run_json("poseidon params --arity " + arity);
    const auto& p = v.at("params");
    EXPECT_EQ(out["mds"][p.at("row").get<std::size_t>()][p.at("col").get<std::size_t>()],
              v.at("expected"));
  }
}

// MerkleTree-tagged hashes (the CLI's merkle type), constant-length sponges, trees, constants.
std::vector<nlohmann::json> cli_vectors() {
  std::vector<nlohmann::json> out;
  for (const auto& v : vectors_of_kind(
           "poseidon.json", "hash,sponge_constant_length,tree_root,round_constant,mds_entry")) {
    if (v.at("kind") == "hash") {
      const std::size_t arity = v.at("arity");
      const std::string tag = v.at("tag");
      // MerkleTree tag 2^arity - 1 as 32 little-endian bytes.
      std::array<std::uint8_t, 32> expect_tag{};
      const std::uint64_t t = (std::uint64_t{1} << arity) - 1;
      for (std::size_t i = 0; i < 8; ++i) expect_tag[i] = static_cast<std::uint8_t>(t >> (8 * i));
      char hex[65];
      for (std::size_t i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", expect_tag[i]);
      if (tag != hex || v.at("inputs").size() != arity) continue;
    }
    out.push_back(v);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(PoseidonJson, CliPoseidonVector, ::testing::ValuesIn(cli_vectors()),
                         [](const auto& p) { return test_name(p.param); });

std::string sha256_of_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return to_hex(
      hash::sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())));
}

// An e2e seal through `vseal seal` (PC1 + PC2 job code): commitments, the replica and every
// cache file's size and digest, then `vseal cache check` on the result.
void expect_seal_matches(const nlohmann::json& v) {
  const auto& in = v.at("inputs");
  const auto& ex = v.at("expected");
  const std::uint64_t size = in.at("sector_size_bytes");
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("vseal-cli-seal-" + v.at("name").get<std::string>() + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string source = " --cc";
  if (!e2e_is_cc(in)) {
    const auto data = e2e_sector_data(in);
    std::ofstream(dir / "data", std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()),
               static_cast<std::streamsize>(data.size()));
    source = " --data " + (dir / "data").string();
  }
  const auto out = run_json("seal --sector-size " + std::to_string(size) + " --porep-id " +
                            in.at("porep_id").get<std::string>() + " --api-version " +
                            in.at("api_version").get<std::string>() + " --prover-id " +
                            in.at("prover_id").get<std::string>() + " --sector-id " +
                            std::to_string(in.at("sector_id").get<std::uint64_t>()) + " --ticket " +
                            in.at("ticket").get<std::string>() + source + " --out " +
                            (dir / "out").string() + " --parents " + (dir / "parents").string());
  for (const char* key : {"comm_d", "replica_id", "comm_c", "comm_r_last", "comm_r"})
    EXPECT_EQ(out[key], ex.at(key)) << key;
  const auto cache = dir / "out" / "cache";
  EXPECT_EQ(sha256_of_file(dir / "out" / "sealed"), ex.at("sealed_file_sha256"));
  for (const auto& [name, file] : ex.at("cache_files").items()) {
    ASSERT_TRUE(std::filesystem::exists(cache / name)) << name;
    EXPECT_EQ(std::filesystem::file_size(cache / name), file.at("size_bytes").get<std::uint64_t>())
        << name;
    EXPECT_EQ(sha256_of_file(cache / name), file.at("sha256")) << name;
  }
  std::ifstream p_aux(cache / "p_aux", std::ios::binary);
  const std::string p{std::istreambuf_iterator<char>(p_aux), std::istreambuf_iterator<char>()};
  EXPECT_EQ(to_hex(std::span(reinterpret_cast<const std::uint8_t*>(p.data()), p.size())),
            ex.at("p_aux_hex"));
  const auto check = run_json("cache check " + cache.string());
  EXPECT_EQ(check["ok"], true) << check.dump();
  EXPECT_EQ(check["comm_r"], ex.at("comm_r"));
  std::filesystem::remove_all(dir);
}

// PC1/PC2 entries of porep.json through `vseal porep ...`, `vseal piece ...`, `vseal seal`.
class CliPorepVector : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(CliPorepVector, Matches) {
  const auto& v = GetParam();
  SCOPED_TRACE("source: " + v.at("source").get<std::string>());
  const std::string category = v.at("category");
  const auto& in = v.at("inputs");
  const auto& ex = v.at("expected");
  auto graph = [](std::uint64_t nodes, const nlohmann::json& porep_id, const nlohmann::json& api) {
    return " --nodes " + std::to_string(nodes) + " --porep-id " + porep_id.get<std::string>() +
           " --api-version " + api.get<std::string>();
  };
  if (category == "sdr_labels") {
    const auto out =
        run_json("porep labels" + graph(in.at("nodes"), in.at("porep_id"), in.at("api_version")) +
                 " --layers " + std::to_string(in.at("layers").get<int>()) + " --replica-id " +
                 in.at("replica_id").get<std::string>());
    EXPECT_EQ(out["last_label"], ex.at("last_label_of_last_layer"));
  } else if (category == "parent_cache") {
    const std::uint64_t nodes = in.at("nodes");
    if (nodes > 64) return;  // large digests: library suites
    const auto out =
        run_json("porep parent-cache" + graph(nodes, in.at("porep_id"), in.at("api_version")));
    EXPECT_EQ(out["file"], ex.at("file_name"));
    EXPECT_EQ(out["sha256"], ex.at("sha256_of_file"));
    EXPECT_EQ(out["bytes"], ex.at("file_size_bytes"));
  } else if (category == "graph" && ex.contains("parents")) {
    for (const auto& [node, expected] : ex.at("parents").items()) {
      const auto out =
          run_json("porep parents" +
                   graph(in.at("nodes_in_graph"), in.at("porep_id"), in.at("api_version")) +
                   " --node " + node);
      EXPECT_EQ(out["parents"], expected) << "node " << node;
    }
  } else if (category == "e2e_seal") {
    const auto out = run_json(
        "porep replica-id --prover-id " + in.at("prover_id").get<std::string>() + " --sector-id " +
        std::to_string(in.at("sector_id").get<std::uint64_t>()) + " --ticket " +
        in.at("ticket").get<std::string>() + " --comm-d " + ex.at("comm_d").get<std::string>() +
        " --porep-id " + in.at("porep_id").get<std::string>());
    EXPECT_EQ(out["replica_id"], ex.at("replica_id"));
    const auto labels = run_json("porep labels" +
                                 graph(in.at("sector_size_bytes").get<std::uint64_t>() / 32,
                                       in.at("porep_id"), in.at("api_version")) +
                                 " --layers " + std::to_string(in.at("layers").get<int>()) +
                                 " --replica-id " + ex.at("replica_id").get<std::string>());
    EXPECT_EQ(labels["layer_first_labels"], ex.at("label_first_node_per_layer"));
    EXPECT_EQ(labels["layer_last_labels"], ex.at("label_last_node_per_layer"));
    expect_seal_matches(v);
  } else if (category == "comm_d" && in.contains("pieces")) {
    std::string pieces;
    for (const auto& p : in.at("pieces"))
      pieces += " " + p.at("commitment").get<std::string>() + ":" +
                std::to_string(p.at("unpadded_size").get<std::uint64_t>());
    const auto out = run_json("porep commd --sector-size " +
                              std::to_string(in.at("sector_size_bytes").get<std::uint64_t>()) +
                              (pieces.empty() ? "" : " --piece-commitments" + pieces));
    EXPECT_EQ(out["comm_d"], ex.at("comm_d"));
  } else if (category == "pieces") {
    for (const auto& row : ex.at("rows")) {
      const auto out = run_json("piece align --written " + row.at("written").dump() + " --size " +
                                row.at("piece").dump());
      EXPECT_EQ(out["left_unpadded"], row.at("left_unpadded")) << row.dump();
      EXPECT_EQ(out["right_unpadded"], row.at("right_unpadded")) << row.dump();
    }
  } else if (category == "fr32") {
    for (std::size_t i = 0; i < in.at("cases").size(); ++i) {
      const std::string unpadded = in.at("cases")[i].at("unpadded");
      const auto out = run_json("piece fr32-pad " + unpadded);
      EXPECT_EQ(out["padded"], ex.at("padded")[i]);
      const auto back = run_json("piece fr32-unpad " + ex.at("padded")[i].get<std::string>() +
                                 " --bytes " + std::to_string(unpadded.size() / 2));
      EXPECT_EQ(back["unpadded"], unpadded);
    }
  } else if (category == "cache_files") {
    const auto out = run_json("cache t-aux --sector-size " +
                              std::to_string(in.at("sector_size_bytes").get<std::uint64_t>()) +
                              " --cache-path " + in.at("cache_path_string").get<std::string>());
    EXPECT_EQ(out["t_aux_hex"], ex.at("t_aux_hex"));
    EXPECT_EQ(out["size_bytes"], ex.at("size_bytes"));
  }
}

std::vector<nlohmann::json> cli_porep_vectors() {
  std::vector<nlohmann::json> out;
  for (const auto& v : load_vectors("porep.json")) {
    const std::string c = v.at("category");
    if (c == "sdr_labels" || c == "parent_cache" || c == "graph" || c == "e2e_seal" ||
        c == "comm_d" || c == "pieces" || c == "fr32" || c == "cache_files")
      out.push_back(v);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(PorepJson, CliPorepVector, ::testing::ValuesIn(cli_porep_vectors()),
                         [](const auto& p) { return test_name(p.param); });

TEST(Cli, Sha256) {
  EXPECT_EQ(run_json("hash sha256 616263")["digest"],
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(run_json("hash sha256 ''")["digest"],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Cli, BadInputExitsWithTwoAndSaysWhy) {
  const std::string zero = " 0000000000000000000000000000000000000000000000000000000000000000";
  const std::string modulus = " 01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73";
  struct Case {
    std::string args;
    std::string says;
  } cases[] = {
      {"hash poseidon --arity 2" + zero + modulus, "not canonical"},
      {"hash poseidon --arity 2" + zero, "exactly 2 inputs"},
      {"hash poseidon --arity 37" + zero, "not supported"},
      {"hash poseidon --arity 2 --strength weak" + zero + zero, "--strength"},
      {"hash poseidon --arity 2 --type sponge" + zero + zero, "--type"},
      {"hash poseidon --arity 2 0011" + zero, "64 hex digits"},
      {"hash sha256 abc", "odd length"},
      {"merkle root --hasher poseidon --arity 8" + zero + zero, "arity^k"},
      {"merkle root --hasher sha256 --arity 2" + zero + zero, "--hasher"},
      {"poseidon params", "arity"},
      {"frobnicate", "unknown command group"},
      {"bench nothing", "unknown target"},
      {"porep parents --nodes 100 --porep-id" + zero + " --api-version 1.1.0 --node 1",
       "power of two"},
      {"porep parents --nodes 64 --porep-id" + zero + " --api-version 2.0.0 --node 1",
       "api version"},
      {"porep parents --nodes 64 --porep-id" + zero + " --api-version 1.1.0 --node 64", "--node"},
      {"porep replica-id --prover-id 00 --sector-id 1 --ticket" + zero + " --comm-d" + zero +
           " --porep-id" + zero,
       "--prover-id"},
      {"porep labels --nodes 64 --layers 0 --replica-id" + zero + " --porep-id" + zero +
           " --api-version 1.1.0",
       "--layers"},
      {"piece commp /nonexistent/piece", "cannot read piece file"},
      {"piece align --written 0", "--size"},
      {"porep commd --sector-size 2KiB --piece-commitments 00:127", "64 hex digits"},
      {"porep commd --sector-size 2KiB --piece-commitments" + zero + ":100", "127 * 2^k"},
      {"porep commd --sector-size 3000", "sector size"},
      {"seal --sector-size 2KiB --porep-id" + zero + " --api-version 1.1.0 --prover-id" + zero +
           " --sector-id 1 --ticket" + zero + " --out /tmp/x",
       "--data FILE or --cc"},
      {"cache check /nonexistent/cache", "not a directory"},
      {"cache t-aux --sector-size 3KiB --cache-path /c", "sector size"},
      {"", "usage"},
  };
  for (const auto& c : cases) {
    const Result r = run_vseal(c.args);
    EXPECT_EQ(r.exit_code, 2) << "vseal " << c.args;
    EXPECT_TRUE(r.out.empty() || c.args.empty()) << "vseal " << c.args << " printed " << r.out;
    const std::string text = c.args.empty() ? r.out : r.err;
    EXPECT_NE(text.find(c.says), std::string::npos) << "vseal " << c.args << " said: " << text;
  }
}

TEST(Cli, BenchReportsJson) {
  const auto out = run_json("bench fr --seconds 0.01");
  EXPECT_GT(out["portable"]["mul_throughput_ns"].get<double>(), 0.0);
  EXPECT_TRUE(out["context"].contains("cpu"));
}

}  // namespace
}  // namespace vseal::testing
