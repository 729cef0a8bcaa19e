// vcoord.toml: the file `daemon init` writes parses to the defaults, venus-sector-manager's
// sections and keys are read with per-miner overrides, and every bad input names file and line.
#include "config/config.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"

namespace vseal::coord {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_config(text, "vcoord.toml");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    return e.what();
  }
  return "(accepted)";
}

TEST(Values, DurationsAndFil) {
  EXPECT_EQ(parse_duration("1h"), Duration(3600000));
  EXPECT_EQ(parse_duration("1h30m"), Duration(5400000));
  EXPECT_EQ(parse_duration("45s"), Duration(45000));
  EXPECT_EQ(parse_duration("250ms"), Duration(250));
  for (const char* bad : {"", "1", "h", "1d", "1.5h", "-1m", "1h 2m", "99999999999999h"})
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  EXPECT_EQ(format_duration(Duration(5400000)), "1h30m");
  EXPECT_EQ(parse_fil("5 nanoFIL")->atto_string(), "5000000000");
  EXPECT_EQ(parse_fil("0.25 FIL")->atto_string(), "250000000000000000");
  EXPECT_EQ(parse_fil("1")->atto_string(), "1000000000000000000");
  EXPECT_EQ(parse_fil("7 aFIL")->atto_string(), "7");
  EXPECT_EQ(parse_fil("1.5 nFIL")->to_string(), "1500 picoFIL");
  EXPECT_EQ(parse_fil("2000 nanoFIL")->to_string(), "2 microFIL");
  EXPECT_EQ(parse_fil("0")->to_string(), "0 attoFIL");
  for (const char* bad : {"", "FIL", "5 nanofil", "1.2.3 FIL", "0.5 attoFIL", "-1 FIL", "5 FIL x",
                          "999999999999999999999999999999999999999999 FIL"})
    EXPECT_FALSE(parse_fil(bad).has_value()) << bad;
}

TEST(Config, TheInitFileParsesToTheDefaults) {
  for (const char* net : {"mainnet", "calibnet", "devnet"}) {
    const Config cfg = parse_config(default_config_text(net), "vcoord.toml");
    const CommitmentPolicy defaults;
    EXPECT_EQ(cfg.default_policy.pre_commit_batch_threshold, defaults.pre_commit_batch_threshold);
    EXPECT_EQ(cfg.default_policy.max_pre_commit_fee_cap, defaults.max_pre_commit_fee_cap);
    EXPECT_EQ(cfg.default_policy.msg_confidence, 10u);
    EXPECT_EQ(cfg.default_post.msg_confidence, 5u);
    EXPECT_EQ(cfg.jobs.executor, "local");
    EXPECT_EQ(cfg.jobs.stages.size(), 4u);
    EXPECT_EQ(cfg.jobs.stages.at("c2").memory_mib, 8192u);
    EXPECT_EQ(cfg.chain.api.empty(), std::string(net) == "devnet");
    EXPECT_TRUE(cfg.miners.empty());
    EXPECT_EQ(cfg.api.listen, "127.0.0.1:1789");
  }
  EXPECT_EQ(parse_config("[API]\nListen = \"\"\n", "vcoord.toml").api.listen, "");
  const Config st = parse_config(
      "[PersistedStore]\nStores = [{Name = \"a\", Path = \"/a\", Weight = 0, "
      "AllowMiners = [1000, \"f01001\"], DenyMiners = [\"t02000\"]}]\n",
      "vcoord.toml");
  ASSERT_EQ(st.stores.size(), 1u);
  EXPECT_EQ(st.stores[0].weight, 0u);
  EXPECT_EQ(st.stores[0].allow_miners, (std::vector<std::uint64_t>{1000, 1001}));
  EXPECT_EQ(st.stores[0].deny_miners, (std::vector<std::uint64_t>{2000}));
  EXPECT_EQ(parse_config("[API]\nListen = \"0.0.0.0:0\"\n", "vcoord.toml").api.listen, "0.0.0.0:0");
  // An empty file is the defaults too.
  const Config empty = parse_config("", "vcoord.toml");
  EXPECT_EQ(empty.jobs.stages.at("wdpost").time_limit, std::chrono::minutes(30));
}

TEST(Config, VenusSectorManagerFileWithOverrides) {
  const Config cfg = parse_config(R"(
[SectorManager]
Miners = [{ID = 1000, InitNumber = 100, MaxNumber = 5000}, {ID = 2000, Disabled = true}]
PreFetch = false

[Commitment.DefaultPolicy]
EnableBatchPreCommit = true
PreCommitBatchThreshold = 8
MaxPreCommitFeeCap = "2 nanoFIL"
MsgConfidence = 12

[Commitment.Miners.f01000]
MsgConfidence = 3
[Commitment.Miners.f01000.Controls]
PreCommit = "f3abc"

[Chain]
Api = "/ip4/10.0.0.1/tcp/1234/http"
Token = "t0ken"

[PersistedStore]
Includes = ["/mnt/stores"]
Stores = [{Name = "a", Path = "/mnt/a", Strict = true, Weight = 3}, {Path = "/mnt/b", ReadOnly = true}]

[PoSt.Default]
MsgConfidence = 7
ChallengeConfidence = 12
MaxPartitionsPerPoStMessage = 1
[PoSt.Actors.1000]
Sender = "f3post"
SubmitConfidence = 6
MaxRecoverSectorLimit = 100

[RegisterProof.Actors.1000]
Apis = ["/ip4/1.2.3.4/tcp/1/http"]
Token = "x"

[Jobs]
Executor = "slurm"
SlurmScripts = "/opt/vseal/share/vseal/slurm"
ChainPC2 = false
[Jobs.PC2]
Gpus = 1
Ranks = 4
Partition = "gpu"
QOS = "sealing"
)",
                                  "f.toml");
  ASSERT_EQ(cfg.miners.size(), 2u);
  EXPECT_EQ(cfg.miners[0].init_number, 100u);
  EXPECT_EQ(cfg.miners[0].max_number, 5000u);
  EXPECT_TRUE(cfg.miners[1].disabled);
  EXPECT_FALSE(cfg.prefetch);
  // Miner 1000: its override plus every default it did not override.
  const auto& p = cfg.commitment(1000);
  EXPECT_EQ(p.msg_confidence, 3u);
  EXPECT_EQ(p.pre_commit_batch_threshold, 8u);
  EXPECT_TRUE(p.enable_batch_pre_commit);
  EXPECT_EQ(p.max_pre_commit_fee_cap.to_string(), "2 nanoFIL");
  EXPECT_EQ(p.pre_commit_control, "f3abc");
  EXPECT_EQ(cfg.commitment(2000).msg_confidence, 12u);
  EXPECT_EQ(cfg.chain.token, "t0ken");
  ASSERT_EQ(cfg.stores.size(), 2u);
  EXPECT_EQ(cfg.stores[1].name, "/mnt/b");
  EXPECT_TRUE(cfg.stores[1].read_only);
  EXPECT_EQ(cfg.post(1000).sender, "f3post");
  EXPECT_EQ(cfg.post(1000).msg_confidence, 7u);
  EXPECT_EQ(cfg.post(1000).challenge_confidence, 12u);
  EXPECT_EQ(cfg.post(1000).submit_confidence, 6u);
  EXPECT_EQ(cfg.post(2000).submit_confidence, 4u);
  EXPECT_EQ(cfg.post(1000).max_partitions_per_post_message, 1u);
  EXPECT_EQ(cfg.post(1000).max_recover_sector_limit, 100u);
  EXPECT_EQ(cfg.post(2000).max_recover_sector_limit, 0u);
  EXPECT_EQ(cfg.register_proof.at(1000).at(0).token, "x");
  EXPECT_EQ(cfg.jobs.executor, "slurm");
  EXPECT_EQ(cfg.jobs.stages.at("pc2").gpus, 1u);
  EXPECT_EQ(cfg.jobs.stages.at("pc2").ranks, 4u);
  EXPECT_EQ(cfg.jobs.stages.at("pc1").ranks, 1u);
  EXPECT_EQ(cfg.jobs.slurm_scripts, "/opt/vseal/share/vseal/slurm");
  EXPECT_EQ(cfg.jobs.stages.at("pc2").partition, "gpu");
  EXPECT_EQ(cfg.jobs.stages.at("pc1").cpus, 1u);
  EXPECT_FALSE(cfg.jobs.chain_pc2);
  EXPECT_TRUE(cfg.jobs.array_jobs);
}

TEST(Config, BadInputNamesFileLineAndReason) {
  const struct {
    const char* text;
    const char* expected;
  } cases[] = {
      {"[Chain]\nApi = \"x\"\nTokn = \"y\"\n", "vcoord.toml:3: unknown key 'Tokn' in [Chain]"},
      {"[Chian]\n", "vcoord.toml:1: unknown key 'Chian' in [top level]"},
      {"[Commitment.DefaultPolicy]\nPreCommitBatchThreshold = 0\n",
       ":2: PreCommitBatchThreshold must be at least 1"},
      {"[Commitment.DefaultPolicy]\nCommitBatchMaxWait = \"soon\"\n",
       ":2: CommitBatchMaxWait must be a positive duration"},
      {"[Commitment.DefaultPolicy]\nMaxProCommitFeeCap = 5\n",
       ":2: MaxProCommitFeeCap must be an amount"},
      {"[Commitment.DefaultPolicy]\nPreCommitGasOverEstimation = 0.5\n",
       ":2: PreCommitGasOverEstimation must be between"},
      {"[Commitment.DefaultPolicy]\nEnableBatchPreCommit = \"yes\"\n",
       ":2: EnableBatchPreCommit must be true or false"},
      {"[Commitment.Miners.1000]\nMsgConfidence = 1\n",
       ":1: [Commitment.Miners.1000]: miner 1000 is not listed"},
      {"[SectorManager]\nMiners = [{ID = 1}]\n[Commitment.Miners.x1]\n",
       ":3: 'x1' is not a miner actor id"},
      {"[SectorManager]\nMiners = [{ID = 1, InitNumber = 5, MaxNumber = 5}]\n",
       "MaxNumber 5 leaves no sector number"},
      {"[SectorManager]\nMiners = [{ID = 1}, {ID = 1}]\n", "miner 1 is listed twice"},
      {"[SectorManager]\nMiners = [{InitNumber = 1}]\n", "has no ID"},
      {"[SectorManager]\nMiners = [{ID = -4}]\n", "ID must be a non-negative integer"},
      {"[PersistedStore]\nStores = [{Path = \"rel/path\"}]\n",
       ":2: a persisted store needs an absolute Path"},
      {"[PersistedStore]\nStores = [{Name = \"a\", Path = \"/a\"}, {Name = \"a\", Path = "
       "\"/b\"}]\n",
       "name 'a' is used twice"},
      {"[Jobs]\nExecutor = \"k8s\"\n", ":2: [Jobs] Executor must be \"local\" or \"slurm\""},
      {"[Jobs.PC1]\nCpus = 0\n", ":2: Cpus must be at least 1"},
      {"[Jobs.PC2]\nRanks = 0\n", ":2: Ranks must be at least 1"},
      {"[Jobs.PC3]\n", "unknown key 'PC3' in [Jobs]"},
      {"[Jobs.C2]\nMemory = 5\n", "unknown key 'Memory' in [Jobs.C2]"},
      {"[Chain]\nApi = \n", "vcoord.toml:2: TOML syntax"},
      {"[PoSt.Default]\nMsgConfidence = 0\n", ":2: MsgConfidence must be at least 1"},
      {"[PoSt.Default]\nSubmitConfidence = -1\n",
       ":2: SubmitConfidence must be a non-negative integer"},
      {"Chain = 5\n", ":1: [top level] Chain must be a table"},
      {"[DevChain]\nProfile = \"mainnet\"\n", ":2: [DevChain] Profile must be \"2k\" or \"fast\""},
      {"[DevChain]\nProofMode = \"none\"\n", ":2: [DevChain] ProofMode must be"},
      {"[DevChain]\nBlockTime = \"1ms\"\n", ":2: [DevChain] BlockTime must be at least 10ms"},
      {"[DevChain]\nSeed = 1\n", "unknown key 'Seed' in [DevChain]"},
      {"[DevChain]\nListen = \"localhost\"\n", ":2: [DevChain] Listen must be HOST:PORT"},
      {"[DevChain]\nListen = \"127.0.0.1:70000\"\n", ":2: [DevChain] Listen must be HOST:PORT"},
      {"[DevChain]\nListen = \"\"\n", ":2: [DevChain] Listen must be HOST:PORT"},
      {"[API]\nListen = \":1789x\"\n", ":2: [API] Listen must be HOST:PORT"},
      {"[API]\nListen = 1789\n", ":2: Listen must be a string"},
      {"[API]\nToken = \"x\"\n", "unknown key 'Token' in [API]"},
      {"[PersistedStore]\nStores = [{Name = \"a\", Path = \"/a\", AllowMiners = [\"me\"]}]\n",
       ":2: 'me' is not a miner actor id"},
      {"[PersistedStore]\nStores = [{Name = \"a\", Path = \"/a\", DenyMiners = 1000}]\n",
       ":2: DenyMiners must be an array of miner ids"},
  };
  for (const auto& c : cases) {
    const std::string msg = error_of(c.text);
    EXPECT_NE(msg.find(c.expected), std::string::npos) << c.text << "\n -> " << msg;
  }
}

}  // namespace
}  // namespace vseal::coord
