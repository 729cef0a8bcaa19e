// vcoord daemon run end to end with the real parts: the built-in dev chain served over
// loopback, real vseal-pc1/vseal-pc2 child processes, SQLite state. Two 2KiB CC sectors go
// from pledge to SeedReady (pre-committed on chain, seed drawn) while the daemon is killed
// with SIGKILL at random moments and restarted; afterwards every sector is exactly once on
// chain, each sent by one pre-commit message, each stage's job ran to success once per
// attempt, and no transition was applied twice. An aborted sector stays aborted. The restarted
// daemon's own API (a fresh port each start, found in <home>/api) pledges and aborts a sector
// with the right tokens only, and its /metrics agrees with the state.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "chainapi/chain_client.hpp"
#include "integration/process.hpp"
#include "integration/vcoord_cli.hpp"
#include "io/atomic_file.hpp"
#include "raw_http.hpp"
#include "state/store.hpp"
#include "temp_dir.hpp"
#include "test_seed.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;
using vseal::testing::sector_states;
using vseal::testing::vcoord;
using vseal::testing::wait_for;

TEST(VcoordDaemon, SealsToSeedReadyThroughKillsAndRestarts) {
  const auto dir = vseal::testing::temp_dir("vcoord-daemon");
  const auto home = dir / "home";
  ASSERT_TRUE(vseal::testing::init_devnet_home(home));
  // Fast blocks and a short confidence keep the test short; the rules are the devnet's.
  ASSERT_TRUE(vseal::testing::edit_config(home, "MsgConfidence = 10", "MsgConfidence = 3"));
  // 400 ms blocks: long enough a run for 20 kills to land before the sectors are done.
  ASSERT_TRUE(vseal::testing::edit_config(home, "BlockTime = \"1s\"", "BlockTime = \"400ms\""));
  const auto daemon = vseal::testing::daemon_argv(home, 200);
  const std::string log = (dir / "daemon.log").string();
  pid_t pid = vseal::testing::spawn(daemon, log);
  ASSERT_TRUE(wait_for([&] { return std::filesystem::exists(home / "devchain" / "api"); },
                       std::chrono::seconds(30)));
  // One daemon per home: a second one is refused while the first runs.
  EXPECT_EQ(vcoord(home, "daemon run --tick 200").exit_code, 2);
  // The head as ChainNotify pushes it over the dev chain's websocket: "current", then one
  // "apply" per block.
  const auto notified = vcoord(home, "util chain notify --count 3");
  ASSERT_EQ(notified.exit_code, 0);
  {
    std::istringstream lines(notified.out);
    std::vector<json> changes;
    for (std::string line; std::getline(lines, line);) changes.push_back(json::parse(line));
    ASSERT_EQ(changes.size(), 3u) << notified.out;
    EXPECT_EQ(changes[0]["type"], "current");
    for (std::size_t i = 1; i < 3; ++i) {
      EXPECT_EQ(changes[i]["type"], "apply");
      EXPECT_EQ(changes[i]["height"], changes[i - 1]["height"].get<std::int64_t>() + 1);
    }
  }
  EXPECT_TRUE(wait_for(
      [&] {
        std::stringstream text;
        text << std::ifstream(log).rdbuf();
        return text.str().find("following the chain head with Filecoin.ChainNotify") !=
               std::string::npos;
      },
      std::chrono::seconds(30)));
  const auto created = vcoord(home, "util miner create --sector-size 2KiB");
  ASSERT_EQ(created.exit_code, 0) << created.out;
  EXPECT_EQ(json::parse(created.out)["id_address"], "t01000");
  const auto pledged = vcoord(home, "sectors pledge --miner 1000 --count 2");
  ASSERT_EQ(pledged.exit_code, 0);
  EXPECT_EQ(json::parse(pledged.out)["sectors"], json::parse("[1,2]"));

  // SIGKILLs at random instants 100-700 ms into each life of the daemon until 20 of them have
  // landed before both sectors were done (the dev chain lives inside the daemon, so the chain
  // only advances while vcoord runs); the states at each kill are in the log.
  std::mt19937 rng(static_cast<unsigned>(vseal::testing::test_seed()));
  int kills_before_done = 0;
  for (int kill = 0; kills_before_done < 20 && kill < 60; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 600));
    ::kill(pid, SIGKILL);
    vseal::testing::wait_child(pid);
    const auto states_at_kill = sector_states(home);
    if (states_at_kill == "SeedReady SeedReady ") break;
    ++kills_before_done;
    std::ofstream(log, std::ios::app)
        << "---- SIGKILL " << kill << " at states: " << states_at_kill << "\n";
    pid = vseal::testing::spawn(daemon, log);
  }
  if (kills_before_done < 20) pid = vseal::testing::spawn(daemon, log);  // the run ended first
  EXPECT_GE(kills_before_done, 20) << "the sectors were done before 20 kills; see " << log;
  const bool done = wait_for([&] { return sector_states(home) == "SeedReady SeedReady "; },
                             std::chrono::seconds(180));
  const auto final_states = sector_states(home);
  // Abort: a third sector stopped by the operator stays stopped.
  const auto third = vcoord(home, "sectors pledge --miner 1000 --count 1");
  const auto aborted = vcoord(home, "sectors abort 3 --reason test");
  // The API of the daemon started after the last kill.
  std::string api_url;
  std::getline(std::ifstream(home / "api"), api_url);
  const auto api = RpcEndpoint::parse(api_url, "/rpc/v0");
  const auto token = [&](const char* perm) {
    auto t = vcoord(home, std::string("auth create-token --perm ") + perm).out;
    t.erase(t.find_last_not_of('\n') + 1);
    return t;
  };
  RpcClient read_api(api, token("read")), write_api(api, token("write")),
      admin_api(api, token("admin"));
  EXPECT_THROW(read_api.call("VCoord.SectorsPledge", json::array({1000, 1})), RpcError);
  const json fourth = write_api.call("VCoord.SectorsPledge", json::array({1000, 1}));
  EXPECT_EQ(fourth["sectors"], json::array({4}));
  EXPECT_THROW(write_api.call("VCoord.SectorAbort", json::array({1000, 4, "api"})), RpcError);
  admin_api.call("VCoord.SectorAbort", json::array({1000, 4, "aborted through the API"}));
  EXPECT_EQ(read_api.call("VCoord.SectorStatus", json::array({1000, 4}))["abort_reason"],
            "aborted through the API");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const auto metrics =
      vseal::testing::raw_http(static_cast<std::uint16_t>(std::stoi(api.port)),
                               boost::beast::http::verb::get, "/metrics", token("read"));
  EXPECT_EQ(metrics.status, 200);
  for (const std::string line :
       {"vcoord_sectors{miner=\"1000\",state=\"SeedReady\"} 2\n",
        "vcoord_sectors{miner=\"1000\",state=\"Aborted\"} 2\n",
        "vcoord_jobs{stage=\"pc1\",state=\"succeeded\"} ",
        "vcoord_message_latency_seconds_count{method=\"PreCommitSectorBatch2\"}",
        "vcoord_api_requests_total{method=\"VCoord.SectorsPledge\",result=\"error\"} 1\n"})
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << " not in\n" << metrics.body;
  ::kill(pid, SIGTERM);
  const auto stopped = vseal::testing::wait_child(pid);
  ASSERT_TRUE(done) << "states: " << final_states << "; see " << log;
  EXPECT_EQ(stopped.exit_code, 0);
  ASSERT_EQ(third.exit_code, 0);
  ASSERT_EQ(aborted.exit_code, 0) << aborted.out;

  StateStore store(home / "state.db");
  EXPECT_EQ(store.sector(1000, 3)->state, "Aborted");
  // One pre-commit message per sector batch, each landed; no sector sent twice.
  std::map<std::string, int> senders;
  for (const auto& m : store.messages(1000)) {
    EXPECT_EQ(m.state, "landed") << m.uid;
    ++senders[m.params_hex];
  }
  for (const auto& [params, n] : senders) EXPECT_EQ(n, 1) << "the same pre-commit sent twice";
  for (std::uint64_t n : {1ull, 2ull}) {
    const auto s = store.sector(1000, n);
    ASSERT_TRUE(s->seed && s->precommit_epoch && s->comm_r);
    int sent = 0, landed = 0;
    for (const auto& e : store.events(1000, n)) {
      sent += e.to == "PreCommitSent";
      landed += e.to == "PreCommitLanded";
    }
    EXPECT_EQ(landed, 1) << "sector " << n;
    EXPECT_LE(sent, 1) << "sector " << n;
    int succeeded_pc1 = 0, succeeded_pc2 = 0;
    for (const auto& j : store.jobs())
      if (j.miner == 1000 && j.number == n && j.state == "succeeded")
        (j.stage == "pc1" ? succeeded_pc1 : succeeded_pc2)++;
    EXPECT_EQ(succeeded_pc1, 1) << "sector " << n;
    EXPECT_EQ(succeeded_pc2, 1) << "sector " << n;
  }
  // The local executor's accounting: every succeeded job has its wall time, CPU time and the
  // peak RSS it measured, from its job directory.
  const auto rep = vcoord(home, "report --json");
  ASSERT_EQ(rep.exit_code, 0);
  const auto report = json::parse(rep.out);
  int accounted = 0;
  for (const auto& j : report["jobs"]) {
    if (j["state"] != "succeeded") continue;
    ++accounted;
    EXPECT_EQ(j["source"], "local") << j.dump();
    EXPECT_GE(j["elapsed_s"].get<double>(), 0.0) << j.dump();
    EXPECT_TRUE(j["cpu_s"].is_number()) << j.dump();
    EXPECT_GT(j["max_rss_bytes"].get<std::uint64_t>(), 1u << 20) << j.dump();
  }
  EXPECT_EQ(accounted, 4);
  EXPECT_EQ(report["miners"][0]["succeeded"], 4);
  // The chain agrees: both numbers allocated and pre-committed with the stored CommR.
  {
    // The daemon is stopped; its dev chain is rebuilt from the block file for the check.
    const auto restarted = vseal::testing::spawn(daemon, log);
    ASSERT_TRUE(wait_for([&] { return std::filesystem::exists(home / "devchain" / "api"); },
                         std::chrono::seconds(30)));
    const auto endpoint = vseal::testing::dev_chain_endpoint(home);
    auto chain = connect_chain(endpoint.url, endpoint.token);
    EXPECT_EQ(chain->allocated(chain::Address::from_id(1000)).values(),
              (std::vector<std::uint64_t>{1, 2}));
    for (std::uint64_t n : {1ull, 2ull}) {
      const auto pci = chain->precommit_info(chain::Address::from_id(1000), n);
      ASSERT_TRUE(pci.has_value()) << "sector " << n;
      EXPECT_EQ(pci->epoch, *store.sector(1000, n)->precommit_epoch);
    }
    ::kill(restarted, SIGTERM);
    vseal::testing::wait_child(restarted);
  }
}

// The venus-messager path: [Messager] Api points at the dev chain's Message.* surface, the two
// sectors are pre-committed in one batch pushed with PushMessageWithId and followed with
// GetMessageByUid; vcoord is killed right after the push and the restarted daemon follows the
// message by its uid alone (venus-messager assigns the CID; vcoord records it once on chain).
TEST(VcoordDaemon, PreCommitsThroughVenusMessager) {
  const auto dir = vseal::testing::temp_dir("vcoord-messager");
  const auto home = dir / "home";
  ASSERT_TRUE(vseal::testing::init_devnet_home(home));
  const int port = vseal::testing::free_port();
  ASSERT_TRUE(vseal::testing::edit_config(home, "MsgConfidence = 10", "MsgConfidence = 3"));
  ASSERT_TRUE(vseal::testing::edit_config(home, "BlockTime = \"1s\"", "BlockTime = \"200ms\""));
  ASSERT_TRUE(vseal::testing::edit_config(home, "EnableBatchPreCommit = false",
                                          "EnableBatchPreCommit = true"));
  ASSERT_TRUE(vseal::testing::edit_config(home, "PreCommitBatchThreshold = 16",
                                          "PreCommitBatchThreshold = 2"));
  // MaxWait counts from the ticket epoch (900 epochs back): long enough that both sectors
  // meet in one batch.
  ASSERT_TRUE(vseal::testing::edit_config(home, "PreCommitBatchMaxWait = \"1h\"",
                                          "PreCommitBatchMaxWait = \"24h\""));
  // The batch's fee cap goes into the message as its GasFeeCap (coordinator.md §4.7).
  ASSERT_TRUE(vseal::testing::edit_config(home, "MaxBatchPreCommitFeeCap = \"5 nanoFIL\"",
                                          "MaxBatchPreCommitFeeCap = \"1000 attoFIL\""));
  ASSERT_TRUE(vseal::testing::edit_config(home, "Listen = \"127.0.0.1:0\"",
                                          "Listen = \"127.0.0.1:" + std::to_string(port) + "\""));
  ASSERT_TRUE(vseal::testing::edit_config(home, "Api = \"\"\nToken = \"\"\n\n[PersistedStore]",
                                          "Api = \"/ip4/127.0.0.1/tcp/" + std::to_string(port) +
                                              "/http\"\nToken = \"\"\n\n[PersistedStore]"));
  const auto daemon = vseal::testing::daemon_argv(home, 200);
  const std::string log = (dir / "daemon.log").string();
  pid_t pid = vseal::testing::spawn(daemon, log);
  ASSERT_TRUE(vseal::testing::create_miner_and_pledge(home, 2)) << "see " << log;
  // Killed as soon as the batch is pushed, before it landed.
  ASSERT_TRUE(wait_for(
      [&] {
        const auto s = sector_states(home);
        return s.find("PreCommitSent") != std::string::npos ||
               s.find("PreCommitLanded") != std::string::npos;
      },
      std::chrono::seconds(60)))
      << sector_states(home);
  ::kill(pid, SIGKILL);
  vseal::testing::wait_child(pid);
  pid = vseal::testing::spawn(daemon, log);
  const bool done = wait_for([&] { return sector_states(home) == "SeedReady SeedReady "; },
                             std::chrono::seconds(120));
  const auto states = sector_states(home);
  json on_chain;
  if (done) {
    const auto messages = StateStore(home / "state.db").messages(1000);
    const auto chain = vseal::testing::dev_chain_endpoint(home);
    RpcClient rpc(RpcEndpoint::parse(chain.url, "/rpc/v1"), chain.token);
    if (messages.size() == 1 && messages[0].cid)
      on_chain = rpc.call("Filecoin.ChainGetMessage", json::array({{{"/", *messages[0].cid}}}));
  }
  ::kill(pid, SIGTERM);
  vseal::testing::wait_child(pid);
  ASSERT_TRUE(done) << "states: " << states << "; see " << log;
  EXPECT_EQ(on_chain["GasFeeCap"], "1000") << on_chain.dump();

  const auto text = io::read_text_file(log);
  EXPECT_NE(text.find("messages through venus-messager at /ip4/127.0.0.1/tcp/"), std::string::npos);
  StateStore store(home / "state.db");
  const auto messages = store.messages(1000);
  ASSERT_EQ(messages.size(), 1u);  // one batch, pushed once under one uid
  EXPECT_EQ(messages[0].state, "landed");
  ASSERT_TRUE(messages[0].cid.has_value());  // the messager's signed CID, once on chain
  EXPECT_EQ(messages[0].cid->rfind("bafy2", 0), 0u);
  for (std::uint64_t n : {1ull, 2ull}) {
    bool via_messager = false;
    for (const auto& e : store.events(1000, n))
      via_messager |=
          e.detail.find("to venus-messager as uid " + messages[0].uid) != std::string::npos;
    EXPECT_TRUE(via_messager) << "sector " << n;
  }
}

}  // namespace
}  // namespace vseal::coord
