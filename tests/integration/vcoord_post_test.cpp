// vcoord daemon run --poster end to end with the real parts: the built-in dev chain ("fast"
// profile: 8 deadlines of 60 epochs, 100 ms blocks, fake-proofs mode), real vseal-pc1,
// vseal-pc2 and vseal-wdpost child processes, SQLite state. Two 2KiB CC sectors are sealed by
// vcoord; vseal has no Groth16 prover, so the test itself sends the ProveCommitSectors3 that
// vcoord's C2 stage would send (the fake-proofs chain accepts any seal proof). From then on
// everything is vcoord's: the WindowPoSt runner proves the sectors' deadline in every proving
// period with vanilla proofs it verifies, for a whole period with the daemon killed (SIGKILL)
// and restarted in between; a sector whose replica is removed is skipped and so becomes faulty;
// once the replica is back it is declared recovered and proven again. Once active on chain the
// sectors move into a persisted store (a read-only one is never chosen) and are proven there. The
// chain's auditor re-checks every optimistically accepted PoSt at the end of its window, so a wrong
// proof or sector list would show up as a fault.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "chain/actor_params.hpp"
#include "chain/message.hpp"
#include "chainapi/chain_client.hpp"
#include "exec/executor.hpp"
#include "integration/process.hpp"
#include "integration/vcoord_cli.hpp"
#include "io/atomic_file.hpp"
#include "state/store.hpp"
#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;
using vseal::testing::sector_states;
using vseal::testing::vcoord;
using vseal::testing::wait_for;

const chain::Address kMiner = chain::Address::from_id(1000);

std::unique_ptr<ChainClient> dev_chain(const std::filesystem::path& home) {
  const auto endpoint = vseal::testing::dev_chain_endpoint(home);
  return connect_chain(endpoint.url, endpoint.token);
}

// Sends a message to the miner actor from `from` through the node (MpoolPushMessage under
// `uid`) and returns its exit code once executed.
std::int64_t send(ChainClient& c, const chain::Address& from, std::uint64_t method,
                  const chain::Bytes& params, const chain::TokenAmount& value,
                  const std::string& uid) {
  chain::Message m;
  m.to = kMiner;
  m.from = from;
  m.value = value.to_string();
  m.method = method;
  m.params = params;
  m.gas_fee_cap = "0";
  return c.wait(c.push(m, uid, chain::TokenAmount()).cid, 1).exit_code;
}

std::string raw_power(ChainClient& c) {
  return c.power(kMiner).raw.to_string();
}

std::vector<std::uint64_t> faults(ChainClient& c) {
  return c.faults(kMiner).values();
}

// Runs of `deadline` in the given state.
int runs_in(StateStore& store, std::uint64_t deadline, const std::string& state) {
  int n = 0;
  for (const auto& r : store.post_runs(1000)) n += r.deadline == deadline && r.state == state;
  return n;
}

TEST(VcoordPoSt, KeepsDeadlinesSkipsAMissingReplicaAndRecoversIt) {
  const auto dir = vseal::testing::temp_dir("vcoord-post");
  const auto home = dir / "home";
  ASSERT_TRUE(vseal::testing::init_devnet_home(home));
  ASSERT_TRUE(vseal::testing::edit_config(home, "MsgConfidence = 10", "MsgConfidence = 3"));
  ASSERT_TRUE(vseal::testing::edit_config(home, "MsgConfidence = 5", "MsgConfidence = 2"));
  ASSERT_TRUE(vseal::testing::edit_config(home, "BlockTime = \"1s\"", "BlockTime = \"100ms\""));
  ASSERT_TRUE(vseal::testing::edit_config(home, "Profile = \"2k\"", "Profile = \"fast\""));
  // A fixed address, so the test's client still reaches the chain after a restart.
  ASSERT_TRUE(vseal::testing::edit_config(
      home, "Listen = \"127.0.0.1:0\"",
      "Listen = \"127.0.0.1:" + std::to_string(vseal::testing::free_port()) + "\""));
  // Two persisted stores: a read-only one found through its sectorstore.json, which must never
  // receive a sector, and the one the sectors move to once proven.
  const auto ro = dir / "store-ro", main_store = dir / "store-main";
  std::filesystem::create_directories(main_store);
  std::filesystem::create_directories(ro);
  std::ofstream(ro / "sectorstore.json") << R"({"Name": "ro", "ReadOnly": true, "Weight": 100})";
  ASSERT_TRUE(vseal::testing::edit_config(home, "Includes = []",
                                          "Includes = [\"" + ro.string() +
                                              "\"]\nStores = [{Name = \"main\", Path = \"" +
                                              main_store.string() + "\", Strict = true}]"));
  auto daemon = vseal::testing::daemon_argv(home, 100);
  daemon.push_back("--poster");
  const std::string log = (dir / "daemon.log").string();
  pid_t pid = vseal::testing::spawn(daemon, log);
  const auto stop = [&] {
    ::kill(pid, SIGTERM);
    vseal::testing::wait_child(pid);
  };
  ASSERT_TRUE(vseal::testing::create_miner_and_pledge(home, 2)) << "see " << log;
  if (!wait_for([&] { return sector_states(home) == "SeedReady SeedReady "; },
                std::chrono::seconds(120))) {
    stop();
    FAIL() << "states: " << sector_states(home) << "; see " << log;
  }

  // Standing in for the C2 stage vseal does not have yet: fund the miner for its pledge and
  // prove-commit both sectors with placeholder proof bytes, which only a fake-proofs chain
  // accepts.
  auto chain = dev_chain(home);
  const auto worker = chain->miner_info(kMiner).worker;
  ASSERT_EQ(send(*chain, worker, 0, {}, chain::TokenAmount::fil(100),
                 "00000000-0000-4000-8000-00000000f001"),
            0);
  chain::ProveCommitSectors3Params pr;
  pr.sector_activations = {{1, {}}, {2, {}}};
  pr.sector_proofs = {chain::Bytes(192, 0), chain::Bytes(192, 0)};
  ASSERT_EQ(send(*chain, worker, 34, pr.encode(), chain::TokenAmount(),
                 "00000000-0000-4000-8000-00000000f002"),
            0);
  EXPECT_TRUE(
      wait_for([&] { return sector_states(home) == "Proving Proving "; }, std::chrono::seconds(30)))
      << sector_states(home);
  // Both moved to the writable store (replica and PoSt files), checked there, and the sealing
  // files deleted from scratch; the job records stay.
  for (const int n : {1, 2}) {
    const std::string name = "s-t01000-" + std::to_string(n);
    EXPECT_TRUE(std::filesystem::exists(main_store / "sealed" / name)) << name;
    EXPECT_TRUE(std::filesystem::exists(main_store / "cache" / name / "p_aux")) << name;
    EXPECT_TRUE(
        std::filesystem::exists(main_store / "cache" / name / "sc-02-data-tree-r-last.dat"));
    EXPECT_FALSE(std::filesystem::exists(main_store / "cache" / name / "sc-02-data-tree-c.dat"));
    const auto scratch = home / "scratch" / "1000" / std::to_string(n);
    EXPECT_FALSE(std::filesystem::exists(scratch / "sealed")) << name;
    EXPECT_FALSE(std::filesystem::exists(scratch / "layers.h5")) << name;
    EXPECT_FALSE(std::filesystem::exists(scratch / "cache")) << name;
    EXPECT_TRUE(std::filesystem::exists(scratch / "result.json")) << name;
    const auto status =
        json::parse(vcoord(home, "sectors status " + std::to_string(n) + " --json").out);
    std::string path;
    for (const auto& h : status["history"]) path += h["to"].get<std::string>() + " ";
    EXPECT_NE(path.find("SeedReady Persisting Proving"), std::string::npos) << path;
  }
  EXPECT_FALSE(std::filesystem::exists(ro / "sealed"));
  const auto listed = json::parse(vcoord(home, "stores list --json").out);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["name"], "main");
  EXPECT_EQ(listed[0]["sectors"], 2);
  EXPECT_EQ(listed[1]["name"], "ro");
  EXPECT_EQ(listed[1]["read_only"], true);
  EXPECT_EQ(listed[1]["sectors"], 0);
  const auto where =
      chain->rpc().call("Filecoin.StateSectorPartition", json::array({"t01000", 1, nullptr}));
  const auto d = where["Deadline"].get<std::uint64_t>();
  const std::int64_t period = chain->proving_deadline(kMiner).proving_period;
  ASSERT_EQ(period, 480);  // "fast": 8 deadlines of 60 epochs

  // 1. The first Window PoSt lands and gives the sectors power.
  StateStore store(home / "state.db");
  ASSERT_TRUE(wait_for([&] { return runs_in(store, d, "landed") == 1; }, std::chrono::seconds(150)))
      << "see " << log;
  EXPECT_EQ(raw_power(*chain), "4096");

  // 2. A whole proving period more, with a SIGKILL and restart inside it: deadline d proven
  // again, no fault, nothing the auditor rejects, no deadline missed or failed.
  std::this_thread::sleep_for(std::chrono::seconds(20));
  ::kill(pid, SIGKILL);
  vseal::testing::wait_child(pid);
  pid = vseal::testing::spawn(daemon, log);
  ASSERT_TRUE(wait_for([&] { return runs_in(store, d, "landed") == 2; }, std::chrono::seconds(120)))
      << "see " << log;
  EXPECT_TRUE(faults(*chain).empty());
  EXPECT_EQ(raw_power(*chain), "4096");
  for (const auto& r : store.post_runs(1000)) {
    EXPECT_NE(r.state, "failed") << r.deadline << ": " << r.detail;
    EXPECT_NE(r.state, "missed") << r.deadline << ": " << r.detail;
    EXPECT_NE(r.state, "unsubmitted") << r.deadline << ": " << r.detail;
  }
  const auto audit = chain->rpc().call("DevChain.AuditLog").dump();
  EXPECT_EQ(audit.find("AUDITOR"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("missed"), std::string::npos) << audit;

  // 3. Sector 2's replica disappears: the next PoSt skips it, the chain marks it faulty.
  const auto sealed2 = main_store / "sealed" / "s-t01000-2";
  std::filesystem::rename(sealed2, dir / "sealed-2.away");
  // The skipping PoSt landed with the reason recorded, and the chain marks sector 2 faulty.
  const auto skipped_run = [&] {
    for (const auto& r : store.post_runs(1000))
      if (r.deadline == d && r.state == "landed" && r.detail.find("1 skipped") != std::string::npos)
        return json::parse(r.plan)["skipped"];
    return json();
  };
  ASSERT_TRUE(wait_for([&] { return !skipped_run().is_null(); }, std::chrono::seconds(120)))
      << "see " << log;
  const auto skipped = skipped_run();
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]["sector"], 2);
  EXPECT_NE(skipped[0]["reason"].get<std::string>().find("s-t01000-2 is missing"),
            std::string::npos)
      << skipped.dump();
  EXPECT_EQ(faults(*chain), std::vector<std::uint64_t>{2});
  EXPECT_EQ(raw_power(*chain), "2048");
  const auto faults_cli = vcoord(home, "proving faults --json");
  ASSERT_EQ(faults_cli.exit_code, 0);
  EXPECT_EQ(json::parse(faults_cli.out),
            json::parse(R"([{"miner":1000,"sector":2,"deadline":)" + std::to_string(d) +
                        R"(,"partition":0,"recovering":false}])"));

  // 4. The replica is back: declared recovered two deadlines ahead, proven, power restored.
  std::filesystem::rename(dir / "sealed-2.away", sealed2);
  const auto all_posts_landed = [&] {
    for (const auto& m : store.messages(1000))
      if (m.method == 5 && m.state != "landed") return false;
    return true;
  };
  const bool recovered = wait_for(
      [&] { return faults(*chain).empty() && raw_power(*chain) == "4096" && all_posts_landed(); },
      std::chrono::seconds(150));
  const auto deadlines_cli = vcoord(home, "proving deadlines --json");
  const auto info_cli = vcoord(home, "proving info --json");
  stop();
  ASSERT_TRUE(recovered) << "see " << log;
  int recoveries = 0;
  for (const auto& m : store.messages(1000))
    if (m.method == 11) {
      ++recoveries;
      EXPECT_EQ(m.state, "landed") << m.uid;
    }
  EXPECT_EQ(recoveries, 1);
  // Every SubmitWindowedPoSt landed once; a deadline instance never had two.
  std::set<std::string> uids;
  for (const auto& m : store.messages(1000))
    if (m.method == 5) {
      EXPECT_EQ(m.state, "landed") << m.uid;
      EXPECT_TRUE(uids.insert(m.uid).second);
    }
  EXPECT_GE(uids.size(), 4u);

  ASSERT_EQ(deadlines_cli.exit_code, 0);
  const auto rows = json::parse(deadlines_cli.out);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[d]["sectors"], 2);
  EXPECT_EQ(rows[d]["faulty"], 0);
  EXPECT_EQ(rows[d]["last_run"]["state"], "landed");
  ASSERT_EQ(info_cli.exit_code, 0);
  const auto info = json::parse(info_cli.out)[0];
  EXPECT_EQ(info["sectors"]["active"], 2);
  EXPECT_EQ(info["raw_power"], "4096");
  EXPECT_EQ(info["deadline"]["deadlines"], 8);
}

}  // namespace
}  // namespace vseal::coord
