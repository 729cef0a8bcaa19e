// The built-in dev chain against devchain.md: the frozen-economy values of §5.4, the deadline
// examples of §1.6 and §2.5, the randomness digests of §3.4, and a miner's life driven through
// the real JSON-RPC server exactly as vcoord drives it — CreateMiner, a pre-commit visible at
// H+1 and not at H, the seed, a prove-commit refused by gas estimation while too early and
// accepted after, the deadline assignment, a garbage Window PoSt accepted optimistically and
// then caught by the auditor, a declared recovery proven (and a bad proof refused, since
// recoveries are verified at submission), a missed PoSt turning sectors faulty, and the chain
// rebuilt from its block file after a restart.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "chain/actor_params.hpp"
#include "chain/commitment_cid.hpp"
#include "chain/randomness.hpp"
#include "chainapi/head_follower.hpp"
#include "chainapi/lotus_json.hpp"
#include "chainapi/message_sender.hpp"
#include "devchain/chain.hpp"
#include "devchain/deadlines.hpp"
#include "devchain/economy.hpp"
#include "devchain/rpc_api.hpp"
#include "rpc/rpc_client.hpp"
#include "rpc/rpc_server.hpp"
#include "state/sqlite.hpp"
#include "temp_dir.hpp"

namespace vseal::coord::devchain {
namespace {

using chain::TokenAmount;
using lotus::json;

TEST(DevChainEconomy, FrozenValuesOfTheSpecTable) {
  const Economy e;
  EXPECT_EQ(e.pre_commit_deposit(2048).to_string(), "1278976924");
  EXPECT_EQ(e.initial_pledge(2048).to_string(), "20111912134");
  EXPECT_EQ(e.expected_reward(2048, 57600).to_string(), "127897692");
  EXPECT_EQ(e.creation_deposit(2048).to_string(), "2003334997");
  EXPECT_EQ(e.fault_fee(2048).to_string(), "22444268");
  // API values carry lotus' 10 % margin (§2.2, §2.3).
  EXPECT_EQ(TokenAmount(e.pre_commit_deposit(2048).value() * 110 / 100).to_string(), "1406874616");
  EXPECT_EQ(TokenAmount(e.initial_pledge(2048).value() * 110 / 100).to_string(), "22123103347");
}

TEST(DevChainDeadlines, CreationExamples) {
  const Policy p;
  const auto t01000 = chain::Address::from_id(1000);
  EXPECT_EQ(proving_period_offset(p, t01000, 50), 847);
  auto c = period_at_creation(p, 847, 50);
  EXPECT_EQ(c.period_start, -2033);
  EXPECT_EQ(c.index, 34u);
  EXPECT_EQ(deadline_info(p, c.period_start, c.index, 50).open, 7);
  EXPECT_EQ(proving_period_offset(p, t01000, 1234), 194);
  c = period_at_creation(p, 194, 1234);
  EXPECT_EQ(c.period_start, 194);
  EXPECT_EQ(c.index, 17u);
  EXPECT_EQ(deadline_info(p, c.period_start, c.index, 1234).open, 1214);
  // Truncating quantization with negative epochs.
  EXPECT_EQ(quantize_up(-2033, 2880, -2033), -2033);
  EXPECT_EQ(current_deadline(p, -2033, 50).index, 34u);
  // next-not-elapsed moves whole periods.
  const auto d = deadline_info(p, -2033, 0, 900);
  EXPECT_TRUE(d.has_elapsed());
  EXPECT_EQ(next_not_elapsed(p, d).open, -2033 + 2880);
}

TEST(DevChainDeadlines, AssignmentExamples) {
  const Policy p;
  std::vector<bool> candidate(48, true);
  candidate[10] = candidate[11] = false;
  std::vector<DeadlineLoad> loads(48);
  EXPECT_EQ(assign_deadlines(p, 2, loads, candidate, 5),
            (std::vector<std::uint64_t>{0, 0, 1, 1, 2}));
  std::vector<DeadlineLoad> loads2(48);
  loads2[0] = {1, 2};
  loads2[2] = {1, 1};
  loads2[3] = {2, 2};
  EXPECT_EQ(assign_deadlines(p, 2, loads2, candidate, 4), (std::vector<std::uint64_t>{2, 1, 1, 4}));
}

TEST(DevChainRandomness, DigestsOfTheSpec) {
  DevChainConfig cfg;
  DevChain c(cfg);
  EXPECT_EQ(to_hex(c.ticket_digest(100)),
            "b8252a3b65ce6e6c3b770ec70488639dbcc8610aa8b77837f8dc7362b5ae3e86");
  EXPECT_EQ(to_hex(c.ticket_digest(-800)),
            "d30b125a6472c505ca4e89f6de29546e5b88a03d2d8d84a14b38be6fd012faf6");
  EXPECT_EQ(to_hex(c.beacon_digest(10)),
            "c2cbf8f301a86f4ae9df24670faa1031712a092c21f5358ccca9002f020beb06");
  EXPECT_EQ(to_hex(c.beacon_digest(-5)), to_hex(c.beacon_digest(0)));
  EXPECT_EQ(to_hex(c.beacon_digest(0)),
            "e8e2a513cecfca7973aa870c3462393469818c8a863d928328b96b7892ed87d5");
}

// A dev chain served over loopback, with a client holding an admin token.
struct Node {
  std::unique_ptr<DevChain> chain;
  std::unique_ptr<RpcServer> server;
  std::unique_ptr<RpcClient> rpc;
  explicit Node(DevChainConfig cfg) {
    chain = std::make_unique<DevChain>(cfg);
    const std::vector<std::uint8_t> secret(32, 1);
    server = std::make_unique<RpcServer>("127.0.0.1", 0, secret);
    server->route("/rpc/v1", make_rpc_methods(*chain));
    server->start();
    rpc = std::make_unique<RpcClient>(RpcEndpoint::parse(server->url("/rpc/v1"), "/rpc/v1"),
                                      create_token(secret, permissions_up_to(Permission::Admin)),
                                      std::chrono::seconds(20));
  }
  ~Node() {
    server->stop();
    chain->stop();
  }
  json call(const std::string& m, json p = json::array()) { return rpc->call(m, std::move(p)); }
  std::int64_t head() { return call("Filecoin.ChainHead")["Height"].get<std::int64_t>(); }
  void mine(std::int64_t n) { call("DevChain.MineBlocks", json::array({n})); }
  // Pushes through MpoolPushMessage and returns the CID lotus gives back.
  json push(const std::string& from, const std::string& to, std::uint64_t method,
            const chain::Bytes& params, const std::string& value = "0") {
    json msg = {{"Version", 0},     {"To", to},
                {"From", from},     {"Nonce", 0},
                {"Value", value},   {"GasLimit", 0},
                {"GasFeeCap", "0"}, {"GasPremium", "0"},
                {"Method", method}, {"Params", lotus::base64_encode(params)}};
    return call("Filecoin.MpoolPushMessage", json::array({msg, nullptr}))["CID"];
  }
  json wait(const json& cid) {
    return call("Filecoin.StateWaitMsg", json::array({cid, 0, -1, false}));
  }
};

std::string rpc_error(auto&& f) {
  try {
    f();
  } catch (const RpcError& e) {
    return e.what();
  }
  return "";
}

chain::Bytes sealed_cid(std::uint8_t tag) {
  std::array<std::uint8_t, 32> c{};
  c[0] = tag;
  return chain::commitment_cid(chain::CommitmentKind::Sealed, c);
}

TEST(DevChainNode, AMinersLifeThroughTheRpcApi) {
  const auto dir = vseal::testing::temp_dir("devchain-life");
  DevChainConfig cfg;
  cfg.data_dir = dir / "chain";
  std::int64_t precommit_height = 0;
  std::int64_t final_head = 0;
  {
    Node n(cfg);
    const auto wallet = n.call("Filecoin.WalletList");
    ASSERT_EQ(wallet.size(), 3u);
    const std::string owner = n.call("Filecoin.StateLookupID", json::array({wallet[0], nullptr}));
    EXPECT_EQ(owner, "t0100");

    // CreateMiner with the creation deposit.
    chain::CreateMinerParams cm;
    cm.owner = chain::Address::parse(owner);
    cm.worker = chain::Address::parse(owner);
    cm.window_post_proof_type = 10;
    const std::string deposit =
        n.call("Filecoin.StateMinerCreationDeposit", json::array({nullptr}));
    const auto cid = n.push(owner, "t04", 2, cm.encode(), deposit);
    n.mine(2);
    const auto created = n.wait(cid);
    ASSERT_EQ(created["Receipt"]["ExitCode"], 0) << created.dump();
    EXPECT_EQ(created["ReturnDec"]["IDAddress"], "t01000");
    const std::string miner = "t01000";
    const auto info = n.call("Filecoin.StateMinerInfo", json::array({miner, nullptr}));
    EXPECT_EQ(info["SectorSize"], 2048);
    EXPECT_EQ(info["WindowPoStPartitionSectors"], 2);

    // A V1 PoSt type is refused with 16, reported by gas estimation as an error.
    chain::CreateMinerParams bad = cm;
    bad.window_post_proof_type = 5;
    EXPECT_NE(rpc_error([&] { n.push(owner, "t04", 2, bad.encode(), deposit); }).find("exit 16"),
              std::string::npos);

    // Fund the miner and pre-commit two CC sectors; the ticket epoch is negative (head - 900).
    n.push(owner, miner, 0, {}, TokenAmount::fil(10).to_string());
    n.mine(1);
    const auto head = n.head();
    chain::PreCommitSectorBatch2Params pc;
    for (std::uint64_t s : {1ull, 2ull})
      pc.sectors.push_back({5,
                            s,
                            sealed_cid(static_cast<std::uint8_t>(s)),
                            head - 900,
                            {},
                            head + 86410 + 518400 + 3000,
                            std::nullopt});
    const auto pcid = n.push(owner, miner, 28, pc.encode());
    n.mine(1);
    precommit_height = n.head();  // the block that carried it
    n.mine(1);                    // its execution tipset
    const auto lookup = n.wait(pcid);
    ASSERT_EQ(lookup["Receipt"]["ExitCode"], 0) << lookup.dump();
    EXPECT_EQ(lookup["Height"], precommit_height + 1);
    // Visible at head H+1, not at H (§0.3).
    const auto tsk_h =
        n.call("Filecoin.ChainGetTipSetByHeight", json::array({precommit_height, nullptr}))["Cids"];
    EXPECT_TRUE(
        n.call("Filecoin.StateSectorPreCommitInfo", json::array({miner, 1, tsk_h})).is_null());
    const auto pci = n.call("Filecoin.StateSectorPreCommitInfo", json::array({miner, 1, nullptr}));
    EXPECT_EQ(pci["PreCommitEpoch"], precommit_height);
    EXPECT_EQ(pci["PreCommitDeposit"], "1278976924");
    EXPECT_TRUE(
        n.call("Filecoin.StateMinerSectorAllocated", json::array({miner, 2, nullptr})).get<bool>());
    // The same numbers again: the whole batch fails with 16.
    EXPECT_NE(rpc_error([&] { n.push(owner, miner, 28, pc.encode()); }).find("already allocated"),
              std::string::npos);

    // Prove-commit before the seed epoch is refused at estimation with exit 18.
    chain::ProveCommitSectors3Params pr;
    pr.sector_activations = {{1, {}}, {2, {}}};
    pr.sector_proofs = {chain::Bytes(192, 1), chain::Bytes(192, 2)};
    EXPECT_NE(rpc_error([&] { n.push(owner, miner, 34, pr.encode()); }).find("exit 18"),
              std::string::npos);
    n.mine(10);
    const auto prcid = n.push(owner, miner, 34, pr.encode());
    n.mine(2);
    const auto proved = n.wait(prcid);
    ASSERT_EQ(proved["Receipt"]["ExitCode"], 0) << proved.dump();
    EXPECT_EQ(proved["Receipt"]["Return"], lotus::base64_encode(from_hex("820280")));
    EXPECT_EQ(proved["ReturnDec"]["SuccessCount"], 2);
    EXPECT_FALSE(n.call("Filecoin.StateSectorGetInfo", json::array({miner, 1, nullptr})).is_null());
    const auto where = n.call("Filecoin.StateSectorPartition", json::array({miner, 1, nullptr}));
    const auto d = where["Deadline"].get<std::uint64_t>();
    // No power before the first PoSt.
    EXPECT_EQ(n.call("Filecoin.StateMinerPower",
                     json::array({miner, nullptr}))["MinerPower"]["RawBytePower"],
              "0");

    const auto entropy = chain::address_entropy(chain::Address::parse(miner));
    const auto power = [&] {
      return n.call("Filecoin.StateMinerPower",
                    json::array({miner, nullptr}))["MinerPower"]["RawBytePower"];
    };
    const auto faults = [&] {
      return n.call("Filecoin.StateMinerPartitions",
                    json::array({miner, d, nullptr}))[0]["FaultySectors"];
    };
    // Mines until deadline d is open and returns its DeadlineInfo.
    const auto walk_to_window = [&] {
      while (true) {
        const auto dl = n.call("Filecoin.StateMinerProvingDeadline", json::array({miner, nullptr}));
        if (dl["Index"] == d &&
            dl["CurrentEpoch"].get<std::int64_t>() >= dl["Open"].get<std::int64_t>())
          return dl;
        n.mine(std::max<std::int64_t>(
            1, dl["Close"].get<std::int64_t>() - dl["CurrentEpoch"].get<std::int64_t>()));
      }
    };
    // A SubmitWindowedPoSt for partition 0 of the open window; `valid` = the fake-proofs bytes.
    const auto post_params = [&](const json& dl, bool valid) {
      const std::int64_t challenge = dl["Challenge"];
      const auto rand = lotus::base64_decode(
          n.call("Filecoin.StateGetRandomnessFromBeacon",
                 json::array({4, challenge, lotus::base64_encode(entropy), nullptr}))
              .get<std::string>());
      PostCheck check;
      std::copy(rand.begin(), rand.end(), check.randomness.begin());
      check.randomness[31] &= 0x3f;
      for (std::uint64_t s : {1ull, 2ull})
        check.sectors.push_back({5, s, sealed_cid(static_cast<std::uint8_t>(s))});
      chain::SubmitWindowedPoStParams post;
      post.deadline = d;
      post.partitions = {{0, {}}};
      post.proofs = {{10, valid ? fake_post_proof(check) : chain::Bytes(192, 7)}};
      post.chain_commit_epoch = challenge;
      post.chain_commit_rand =
          lotus::base64_decode(n.call("Filecoin.StateGetRandomnessFromTickets",
                                      json::array({9, challenge, nullptr, nullptr}))
                                   .get<std::string>());
      return post.encode();
    };

    // 1. A garbage proof is accepted optimistically (no recoveries) and gives power ...
    auto dl = walk_to_window();
    const auto garbage = n.push(owner, miner, 5, post_params(dl, false));
    n.mine(2);
    ASSERT_EQ(n.wait(garbage)["Receipt"]["ExitCode"], 0);
    EXPECT_EQ(power(), "4096");
    // ... until the window closes and the auditor finds it: the sectors become faulty.
    n.mine(dl["Close"].get<std::int64_t>() - n.head() + 2);
    EXPECT_EQ(faults(), json::parse("[1,2]"));
    EXPECT_EQ(power(), "0");
    const auto audit = n.call("DevChain.AuditLog").dump();
    EXPECT_NE(audit.find("AUDITOR"), std::string::npos) << audit;

    // 2. Recovery: declared for the next instance of d, proven there; with recoveries the
    // proof is verified at submission, so a garbage one is refused by gas estimation.
    // The dispute penalty (24 FIL and more) left fee debt that a declaration must repay first:
    // without funds it is refused with 19.
    chain::DeclarationParams rec;
    rec.declarations = {{d, 0, chain::BitField::of(std::vector<std::uint64_t>{1, 2})}};
    EXPECT_NE(rpc_error([&] { n.push(owner, miner, 11, rec.encode()); }).find("exit 19"),
              std::string::npos);
    n.push(owner, miner, 0, {}, TokenAmount::fil(100).to_string());
    n.mine(1);
    const auto reccid = n.push(owner, miner, 11, rec.encode());
    n.mine(2);
    ASSERT_EQ(n.wait(reccid)["Receipt"]["ExitCode"], 0);
    EXPECT_EQ(n.call("Filecoin.StateMinerRecoveries", json::array({miner, nullptr})),
              json::parse("[1,2]"));
    dl = walk_to_window();
    EXPECT_NE(rpc_error([&] { n.push(owner, miner, 5, post_params(dl, false)); }).find("exit 16"),
              std::string::npos);
    const auto good = n.push(owner, miner, 5, post_params(dl, true));
    n.mine(2);
    ASSERT_EQ(n.wait(good)["Receipt"]["ExitCode"], 0);
    EXPECT_EQ(faults(), json::parse("[0]"));
    EXPECT_EQ(power(), "4096");

    // 3. A missed PoSt: one more period without a proof faults every live sector.
    n.mine(dl["Close"].get<std::int64_t>() - n.head() + 2);
    EXPECT_EQ(faults(), json::parse("[0]"));  // the auditor accepted the valid proof
    n.mine(dl["WPoStProvingPeriod"].get<std::int64_t>());
    EXPECT_EQ(faults(), json::parse("[1,2]"));
    EXPECT_EQ(power(), "0");
    final_head = n.head();
  }
  // Restart: the chain is rebuilt from its block file with identical state.
  Node again(cfg);
  const auto info = again.call("Filecoin.StateSectorGetInfo", json::array({"t01000", 1, nullptr}));
  EXPECT_EQ(info["SectorNumber"], 1);
  EXPECT_EQ(again.head(), final_head);
  EXPECT_EQ(again.call("Filecoin.StateMinerFaults", json::array({"t01000", nullptr})),
            json::parse("[1,2]"));
}

TEST(DevChainNode, PermissionsAndUnknownMessages) {
  DevChainConfig cfg;
  Node n(cfg);
  const std::vector<std::uint8_t> secret(32, 1);
  RpcClient reader(RpcEndpoint::parse(n.server->url("/rpc/v1"), "/rpc/v1"),
                   create_token(secret, permissions_up_to(Permission::Read)));
  EXPECT_NE(rpc_error([&] {
              reader.call("Filecoin.MpoolPushMessage", json::array({json::object(), nullptr}));
            }).find("need 'sign'"),
            std::string::npos);
  const json unknown = {{"/", "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"}};
  EXPECT_NE(rpc_error([&] {
              n.call("Filecoin.StateWaitMsg", json::array({unknown, 0, -1, false}));
            }).find("failed to load message"),
            std::string::npos);
  EXPECT_TRUE(
      n.call("Filecoin.StateSearchMsg", json::array({nullptr, unknown, -1, false})).is_null());
  EXPECT_NE(
      rpc_error([&] {
        n.call("Filecoin.StateGetRandomnessFromTickets", json::array({5, 1000, nullptr, nullptr}));
      }).find("from the future"),
      std::string::npos);
}

// Filecoin.ChainNotify over a websocket, followed by vcoord's HeadFollower: "current" first,
// then one "apply" per block in height order with the tipsets ChainGetTipSetByHeight gives;
// after the node goes away and comes back on the same port, a new subscription starts with
// "current" again.
TEST(DevChainNode, ChainNotifyFollowsTheHeadAndResubscribes) {
  DevChainConfig cfg;
  Node n(cfg);
  const std::vector<std::uint8_t> secret(32, 1);
  std::mutex mu;
  std::condition_variable cv;
  std::vector<lotus::HeadChange> seen;
  std::vector<std::string> log;
  HeadFollower follower(
      RpcEndpoint::parse(n.server->url("/rpc/v1"), "/rpc/v1"),
      create_token(secret, permissions_up_to(Permission::Read)),
      [&](const std::vector<lotus::HeadChange>& changes) {
        std::lock_guard lock(mu);
        seen.insert(seen.end(), changes.begin(), changes.end());
        cv.notify_all();
      },
      [&](const std::string& line) {
        std::lock_guard lock(mu);
        log.push_back(line);
      },
      std::chrono::milliseconds(100));
  auto wait_for = [&](std::size_t count) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(20), [&] { return seen.size() >= count; });
  };
  auto cids_at = [&](std::int64_t h) {
    return n.call("Filecoin.ChainGetTipSetByHeight", json::array({h, nullptr}))["Cids"];
  };
  ASSERT_TRUE(wait_for(1));
  const std::int64_t start = n.head();
  EXPECT_EQ(seen[0].type, "current");
  EXPECT_EQ(seen[0].tipset.height, start);
  n.mine(3);
  ASSERT_TRUE(wait_for(4));
  for (std::size_t i = 1; i <= 3; ++i) {
    EXPECT_EQ(seen[i].type, "apply");
    EXPECT_EQ(seen[i].tipset.height, start + static_cast<std::int64_t>(i));
    EXPECT_EQ(lotus::tipset_key_json(seen[i].tipset.cids), cids_at(seen[i].tipset.height));
  }
  EXPECT_TRUE(follower.following());
  EXPECT_EQ(follower.subscriptions(), 1u);

  const auto port = n.server->port();
  n.server->stop();
  n.server = std::make_unique<RpcServer>("127.0.0.1", port, secret);
  n.server->route("/rpc/v1", make_rpc_methods(*n.chain));
  n.server->start();
  n.mine(1);
  ASSERT_TRUE(wait_for(5));
  {
    std::lock_guard lock(mu);
    const auto& back = seen.back();
    EXPECT_EQ(back.type, "current");
    EXPECT_EQ(back.tipset.height, n.head());
  }
  EXPECT_EQ(follower.subscriptions(), 2u);
  follower.stop();
  std::lock_guard lock(mu);
  // Connected, then a warning per distinct failure (lost, then maybe refused while the node
  // was down), then back.
  ASSERT_GE(log.size(), 3u);
  EXPECT_NE(log.front().find("following the chain head with Filecoin.ChainNotify"),
            std::string::npos);
  for (std::size_t i = 1; i + 1 < log.size(); ++i)
    EXPECT_NE(log[i].find("WARNING"), std::string::npos) << log[i];
  EXPECT_NE(log.back().find("is back"), std::string::npos) << log.back();
}

TEST(DevChainNode, ChainNotifyIsRefusedWithoutAToken) {
  DevChainConfig cfg;
  Node n(cfg);
  RpcSubscription sub(RpcEndpoint::parse(n.server->url("/rpc/v1"), "/rpc/v1"), "");
  try {
    sub.run("Filecoin.ChainNotify", json::array(), [](const json&) { FAIL(); });
    FAIL() << "subscribed without a token";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
  }
}

// A dev chain kept in `dir` and served with both surfaces (node and venus-messager), restartable
// from its blocks and mpool.
struct PersistentNode {
  std::filesystem::path dir;
  std::unique_ptr<DevChain> chain;
  std::unique_ptr<RpcServer> server;
  std::uint16_t port = 0;
  const std::vector<std::uint8_t> secret = std::vector<std::uint8_t>(32, 4);
  explicit PersistentNode(std::filesystem::path d) : dir(std::move(d)) { start(); }
  ~PersistentNode() { stop(); }
  void start() {
    DevChainConfig cfg;
    cfg.data_dir = dir;
    chain = std::make_unique<DevChain>(cfg);
    server = std::make_unique<RpcServer>("127.0.0.1", port, secret);
    server->route("/rpc/v1", make_rpc_methods(*chain));
    server->route("/rpc/v0", make_messager_methods(*chain));
    server->start();
    port = server->port();
  }
  void stop() {
    server->stop();
    chain->stop();
  }
  std::string token() const { return create_token(secret, permissions_up_to(Permission::Admin)); }
  std::string url(const char* path) const { return server->url(path); }
};

chain::Message transfer(DevChain& c, const std::string& fee_cap) {
  chain::Message m;
  m.from = c.wallet()[0];
  m.to = c.wallet()[1];
  m.value = "1";
  m.gas_fee_cap = fee_cap;
  return m;
}

TEST(DevChainMessages, AMessageTheNodeLostIsReportedFailedAndSentAgain) {
  const auto dir = vseal::testing::temp_dir("devchain-lost-message");
  PersistentNode node(dir);
  auto chain = connect_chain(node.url("/rpc/v1"), node.token());
  MpoolSender sender(*chain);
  const auto cid = sender.push(transfer(*node.chain, "0"), "lost-1", 1.0);
  ASSERT_TRUE(cid.has_value());
  EXPECT_EQ(sender.status("lost-1", cid, node.chain->head(), 0).state, MessageState::Pending);
  // The node drops it before a block included it (lotus prunes a full mpool; here its row goes
  // while the node is down).
  node.stop();
  {
    Database db(dir / "blocks.db");
    db.exec("DELETE FROM mpool");
  }
  node.start();
  const auto lost = sender.status("lost-1", cid, node.chain->head(), 0);
  EXPECT_EQ(lost.state, MessageState::Failed);
  EXPECT_NE(lost.detail.find("dropped from its mpool"), std::string::npos) << lost.detail;
  // Sent again under a new uid, it lands.
  const auto again = sender.push(transfer(*node.chain, "0"), "lost-2", 1.0);
  node.chain->mine(2);
  EXPECT_EQ(sender.status("lost-2", again, node.chain->head(), 0).state, MessageState::Landed);
}

TEST(DevChainMessages, AUidVenusMessagerDoesNotKnowIsReportedFailed) {
  const auto dir = vseal::testing::temp_dir("devchain-unknown-uid");
  PersistentNode node(dir);
  MessagerSender sender(connect_messager(node.url("/rpc/v0"), node.token()));
  const auto s = sender.status("never-pushed", std::nullopt, node.chain->head(), 0);
  EXPECT_EQ(s.state, MessageState::Failed);
  EXPECT_NE(s.detail.find("no record of uid never-pushed"), std::string::npos) << s.detail;
}

// A fee cap the sender chose below the estimated premium caps the premium (lotus' capGasFee)
// instead of refusing the message, and the message keeps that fee cap on chain.
TEST(DevChainMessages, AChosenFeeCapIsKeptAndCapsThePremium) {
  const auto dir = vseal::testing::temp_dir("devchain-fee-cap");
  PersistentNode node(dir);
  auto chain = connect_chain(node.url("/rpc/v1"), node.token());
  const auto pushed = chain->push(transfer(*node.chain, "1000"), "capped", chain::TokenAmount());
  node.chain->mine(2);
  const auto on_chain =
      chain->rpc().call("Filecoin.ChainGetMessage", json::array({{{"/", pushed.cid}}}));
  EXPECT_EQ(on_chain["GasFeeCap"], "1000");
  EXPECT_EQ(on_chain["GasPremium"], "1000");
  MpoolSender sender(*chain);
  EXPECT_EQ(
      sender.status("capped", std::optional<std::string>(pushed.cid), node.chain->head(), 0).state,
      MessageState::Landed);
}

TEST(HeadChanges, MalformedElementsAreRejected) {
  EXPECT_THROW(head_changes_from_json(json::object()), Error);
  EXPECT_THROW(head_changes_from_json(json::array({{{"Type", "apply"}}})), Error);
  const json ts = {{"Cids", json::array()}, {"Blocks", json::array()}, {"Height", 5}};
  EXPECT_THROW(head_changes_from_json(json::array({{{"Type", "sideways"}, {"Val", ts}}})), Error);
  const auto ok = head_changes_from_json(json::array({{{"Type", "revert"}, {"Val", ts}}}));
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].tipset.height, 5);
}

}  // namespace
}  // namespace vseal::coord::devchain
