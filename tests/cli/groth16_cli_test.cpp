// vseal groth16 verify and vseal verify seal|post on fil-blst's real 32GiB proofs: the files
// are split into the forms a user has (a .vk, a proof file, an inputs JSON, challenge lists),
// then checked through the binary, including one-bit changes and malformed arguments.
#include <gtest/gtest.h>

#include <fstream>

#include "base/hex.hpp"
#include "cli/vseal_runner.hpp"
#include "temp_dir.hpp"
#include "vectors/prf_file.hpp"

namespace vseal::testing {
namespace {

const std::string kSealKey =
    "v27-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-sha256_hasher-"
    "82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820";
const std::string kWinningKey =
    "v27-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-8-0-"
    "559e581f022bb4e4ec6e719e563bf0e026ad6de42e56c18714a2c692b1b88d7e";

class Groth16Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dir_ = temp_dir("groth16-cli"); }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::string write(const std::string& name, const std::vector<std::uint8_t>& bytes) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path.string();
  }
  static std::string write(const std::string& name, const nlohmann::json& doc) {
    const auto path = dir_ / name;
    std::ofstream(path) << doc.dump();
    return path.string();
  }
  static nlohmann::json hex_inputs(const std::vector<field::Fr>& inputs) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : inputs) out.push_back(v.to_hex());
    return out;
  }
  static std::string key(const std::string& stem) {
    return (params_dir() / (stem + ".vk")).string();
  }
  static inline std::filesystem::path dir_;
};

TEST_F(Groth16Cli, GrothVerifyOneAndManyProofs) {
  const auto seal = read_prf_batch(params_dir() / "fil-blst-seal32_x10.prf");
  nlohmann::json all = nlohmann::json::array();
  for (const auto& inputs : seal.inputs) all.push_back(hex_inputs(inputs));
  const auto proofs = write("seal.proof", seal.proofs);
  const auto doc = run_json("groth16 verify --vk " + key(kSealKey) + " --proof-file " + proofs +
                            " --inputs " + write("seal-inputs.json", all));
  EXPECT_EQ(doc, (nlohmann::json{{"valid", true}, {"proofs", 10}}));
  // One proof with a flat input array.
  const std::vector<std::uint8_t> first(seal.proofs.begin(), seal.proofs.begin() + 192);
  EXPECT_EQ(run_json("groth16 verify --vk " + key(kSealKey) + " --proof-file " +
                     write("p0.proof", first) + " --inputs " +
                     write("p0.json", hex_inputs(seal.inputs[0])))["valid"],
            true);
  // An input changed in one bit: valid false, exit 0.
  auto changed = all;
  std::string h = changed[4][100].get<std::string>();
  h[0] = h[0] == '0' ? '1' : '0';
  changed[4][100] = h;
  EXPECT_EQ(run_json("groth16 verify --vk " + key(kSealKey) + " --proof-file " + proofs +
                     " --inputs " + write("changed.json", changed))["valid"],
            false);
  // Mismatched counts and a non-canonical input are usage errors.
  auto nine = all;
  nine.erase(nine.end() - 1);
  auto r = run_vseal("groth16 verify --vk " + key(kSealKey) + " --proof-file " + proofs +
                     " --inputs " + write("nine.json", nine));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("10 proofs in the proof file but 9 input arrays"), std::string::npos)
      << r.err;
  auto big = all;
  big[0][0] = std::string(64, 'f');
  r = run_vseal("groth16 verify --vk " + key(kSealKey) + " --proof-file " + proofs + " --inputs " +
                write("big.json", big));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not canonical"), std::string::npos) << r.err;
  r = run_vseal("groth16 verify --vk " + proofs + " --proof-file " + proofs + " --inputs " +
                write("all.json", all));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("alpha_g1"), std::string::npos) << r.err;
}

TEST_F(Groth16Cli, VerifySealAssemblesTheInputs) {
  const auto seal = read_prf_batch(params_dir() / "fil-blst-seal32_x10.prf");
  nlohmann::json challenges = nlohmann::json::array();
  for (const auto& inputs : seal.inputs) {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t c = 0; c < 18; ++c) list.push_back(inputs[3 + 18 * c].to_canonical_limbs()[0]);
    challenges.push_back(list);
  }
  const std::string common = "verify seal --registered-proof StackedDrg32GiBV1 --replica-id " +
                             seal.inputs[0][0].to_hex() + " --comm-d " +
                             seal.inputs[0][1].to_hex() + " --proof-file " +
                             write("seal.proof", seal.proofs);
  const std::string comm_r = " --comm-r " + seal.inputs[0][2].to_hex();
  const auto doc = run_json(common + comm_r + " --challenges " + write("ch.json", challenges) +
                            " --param-cache " + params_dir().string() + " --param-version v27");
  EXPECT_EQ(doc["valid"], true);
  EXPECT_EQ(doc["partitions"], 10);
  EXPECT_EQ(doc["vk"], key(kSealKey));
  // A different challenge in partition 9.
  challenges[9][0] = challenges[9][0].get<std::uint64_t>() + 1;
  EXPECT_EQ(run_json(common + comm_r + " --challenges " + write("ch2.json", challenges) + " --vk " +
                     key(kSealKey))["valid"],
            false);
  // Without the key in the parameter cache: a clear error naming the file it looked for.
  auto r = run_vseal(common + comm_r + " --seed " + std::string(64, '1') + " --param-cache " +
                     dir_.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-"
                       "sha256_hasher-82a357d2"),
            std::string::npos)
      << r.err;
  r = run_vseal(common + comm_r + " --vk " + key(kSealKey));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--seed is required"), std::string::npos) << r.err;
  r = run_vseal(common + " --comm-r " + std::string(64, '0') + " --seed " + std::string(64, '1') +
                " --vk " + key(kSealKey));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("comm_r is zero"), std::string::npos) << r.err;
}

TEST_F(Groth16Cli, VerifyWinningPost) {
  const auto win = read_prf_single(params_dir() / "fil-blst-winning32.prf");
  nlohmann::json leaves = nlohmann::json::array();
  for (std::size_t s = 0; s < 66; ++s)
    leaves.push_back({win.inputs[0][2 * s + 1].to_canonical_limbs()[0]});
  const std::string base = "verify post --registered-proof StackedDrgWinning32GiBV1 --sector 42:" +
                           win.inputs[0][0].to_hex() + " --proof-file " +
                           write("win.proof", win.proofs) + " --vk " + key(kWinningKey);
  EXPECT_EQ(run_json(base + " --leaves " + write("leaves.json", leaves))["valid"], true);
  leaves[0][0] = leaves[0][0].get<std::uint64_t>() ^ 1;
  EXPECT_EQ(run_json(base + " --leaves " + write("leaves2.json", leaves))["valid"], false);
  // The randomness-derived challenges of some other sector do not match this proof.
  EXPECT_EQ(run_json(base + " --randomness " + std::string(62, '0') + "01")["valid"], false);
  const auto r = run_vseal(base + " --leaves " + write("bad.json", nlohmann::json{{"x"}}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not an unsigned integer"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace vseal::testing
