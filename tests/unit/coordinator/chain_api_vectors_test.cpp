// Every example of chain-api.json (lotus v1, venus-messager, venus-gateway):
// - the JSON-RPC envelope (version, id, method namespace of its API, one param per type);
// - every param and result decoded by vcoord's decoder for its Go type, and re-encoded to the
//   same JSON where vcoord also writes the type (messages, CIDs, tipset keys, amounts, bytes,
//   bitfields, addresses);
// - replayed over the real JSON-RPC transport: a server answers each method with the example's
//   result, vcoord's ChainClient and MessagerClient call it, their typed results carry the
//   example's values, and the params they send have the example's shape.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "api/jwt.hpp"
#include "base/error.hpp"
#include "chain/commitment_cid.hpp"
#include "chainapi/chain_client.hpp"
#include "chainapi/message_sender.hpp"
#include "chainapi/messager_client.hpp"
#include "rpc/rpc_server.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::coord {
namespace {

using lotus::json;

const std::vector<json>& examples() {
  static const auto v = vseal::testing::load_vectors("chain-api.json");
  return v;
}

const json& example(const std::string& id) {
  for (const auto& v : examples())
    if (v["id"] == id) return v;
  throw std::runtime_error("no example " + id);
}

// A message as vcoord writes it: no CID (the node computes it) and test-network addresses
// ("t"; the examples are mainnet "f").
json without_cid(json j) {
  if (!j.is_object()) return j;
  j.erase("CID");
  for (const char* k : {"To", "From"})
    if (j.contains(k))
      j[k] = chain::Address::parse(j[k].get<std::string>()).to_string(chain::Network::Testnet);
  return j;
}

// Decodes one value of Go type `type` with vcoord's decoder; re-encodes it where vcoord writes
// that type and expects the same JSON back. Returns false for a type it has no decoder for.
bool decode(const std::string& type, const json& v) {
  using namespace lotus;
  if (type == "types.TipSetKey") {
    EXPECT_EQ(tipset_key_json(tipset_key_from_json(v, type)), v);
  } else if (type == "*types.TipSet") {
    const auto t = tipset_from_json(v);
    EXPECT_EQ(t.height, v["Height"].get<std::int64_t>());
    EXPECT_EQ(t.cids.size(), v["Cids"].size());
    EXPECT_EQ(t.parent_weight.to_string(), v["Blocks"][0]["ParentWeight"].get<std::string>());
  } else if (type == "<-chan []*HeadChange") {
    for (const auto& c : v) EXPECT_EQ(head_change_from_json(c).type, c["Type"]);
  } else if (type == "apitypes.NetworkVersion" || type == "uint64" || type == "abi.SectorNumber" ||
             type == "verifreg.AllocationId" || type == "abi.DealID" ||
             type == "abi.RegisteredSealProof") {
    uint_from_json(v, type);
  } else if (type == "int64" || type == "abi.ChainEpoch" || type == "crypto.DomainSeparationTag") {
    int_from_json(v, type);
  } else if (type == "*NetworkParams") {
    const auto p = network_params_from_json(v);
    EXPECT_EQ(p.pre_commit_challenge_delay, v["PreCommitChallengeDelay"].get<std::int64_t>());
    EXPECT_EQ(p.name, v["NetworkName"]);
  } else if (type == "MinerInfo") {
    const auto m = miner_info_from_json(v);
    EXPECT_EQ(m.worker.to_string(chain::Network::Mainnet), v["Worker"]);
    EXPECT_EQ(m.sector_size, v["SectorSize"].get<std::uint64_t>());
    EXPECT_EQ(m.control.size(), v["ControlAddresses"].size());
  } else if (type == "address.Address") {
    // vcoord writes test-network addresses ("t"); the examples are mainnet ("f").
    const auto a = address_from_json(v, type);
    EXPECT_EQ(a.to_string(chain::Network::Mainnet), v.get<std::string>());
  } else if (type == "*types.Actor") {
    cid_from_json(v.at("Code"), "Actor.Code");
    uint_from_json(v.at("Nonce"), "Actor.Nonce");
    amount_from_json(v.at("Balance"), "Actor.Balance");
  } else if (type == "*dline.Info") {
    const auto d = deadline_info_from_json(v);
    EXPECT_EQ(d.index, v["Index"].get<std::uint64_t>());
    EXPECT_EQ(d.proving_period, v["WPoStProvingPeriod"].get<std::int64_t>());
  } else if (type == "[]Partition") {
    for (const auto& p : v) EXPECT_EQ(partition_from_json(p).faulty.json(), p["FaultySectors"]);
  } else if (type == "[]*miner.SectorOnChainInfo") {
    for (const auto& s : v) EXPECT_EQ(sector_on_chain_from_json(s).number, s["SectorNumber"]);
  } else if (type == "*miner.SectorOnChainInfo") {
    const auto s = sector_on_chain_from_json(v);
    EXPECT_EQ(cid_json(s.sealed_cid), v["SealedCID"]);
  } else if (type == "*miner.SectorPreCommitOnChainInfo") {
    const auto p = precommit_on_chain_from_json(v);
    EXPECT_EQ(p.epoch, v["PreCommitEpoch"].get<std::int64_t>());
    EXPECT_EQ(p.info.deal_ids.size(), v["Info"]["DealIDs"].size());
  } else if (type == "miner.SectorPreCommitInfo") {
    json wrapped = {{"Info", v}, {"PreCommitDeposit", "0"}, {"PreCommitEpoch", 0}};
    EXPECT_EQ(precommit_on_chain_from_json(wrapped).info.sector_number,
              v["SectorNumber"].get<std::uint64_t>());
  } else if (type == "bool") {
    EXPECT_TRUE(v.is_boolean());
  } else if (type == "types.BigInt") {
    EXPECT_EQ(amount_json(amount_from_json(v, type)), v);
  } else if (type == "bitfield.BitField" || type == "*bitfield.BitField") {
    EXPECT_EQ(chain::BitField::from_json(v).json(), v);
  } else if (type == "abi.Randomness" || type == "[]byte") {
    EXPECT_EQ(bytes_json(bytes_from_json(v, type)), v);
  } else if (type == "*verifreg.Allocation") {
    uint_from_json(v.at("Client"), "Allocation.Client");
    cid_from_json(v.at("Data"), "Allocation.Data");
    uint_from_json(v.at("Size"), "Allocation.Size");
  } else if (type == "cid.Cid") {
    EXPECT_EQ(cid_json(cid_from_json(v, type)), v);
  } else if (type == "[]abi.DealID") {
    for (const auto& d : v) uint_from_json(d, type);
  } else if (type == "*MsgLookup") {
    const auto l = msg_lookup_from_json(v);
    EXPECT_EQ(l.receipt.exit_code, v["Receipt"]["ExitCode"].get<std::int64_t>());
    EXPECT_EQ(bytes_json(l.receipt.ret), v["Receipt"]["Return"]);
    EXPECT_EQ(l.height, v["Height"].get<std::int64_t>());
  } else if (type == "*types.Message") {
    // message_json writes the CID vcoord computes; the examples carry a placeholder one.
    EXPECT_EQ(without_cid(message_json(message_from_json(v))), without_cid(v));
  } else if (type == "*types.SignedMessage") {
    auto back = signed_message_json(signed_message_from_json(v));
    auto want = v;
    back.erase("CID");
    want.erase("CID");
    back["Message"] = without_cid(back["Message"]);
    want["Message"] = without_cid(want["Message"]);
    EXPECT_EQ(back, want);
  } else if (type == "*MessageSendSpec") {
    amount_from_json(v.at("MaxFee"), "MessageSendSpec.MaxFee");
    EXPECT_TRUE(v.at("MsgUuid").is_string());
  } else if (type == "*mtypes.SendSpec") {
    EXPECT_TRUE(v.at("gasOverEstimation").is_number());
    amount_from_json(v.at("maxFee"), "SendSpec.maxFee");
  } else if (type == "string") {
    EXPECT_TRUE(v.is_string());
  } else if (type == "*mtypes.Message") {
    const auto m = messager_message_from_json(v);
    EXPECT_EQ(m.id, v["ID"]);
    EXPECT_EQ(m.state, v["State"].get<int>());
    EXPECT_EQ(m.confidence, v["Confidence"].get<std::int64_t>());
    EXPECT_TRUE(m.receipt.has_value());
    EXPECT_EQ(m.message.nonce, v["Nonce"].get<std::uint64_t>());
  } else if (type == "*gtypes.ProofRegisterPolicy") {
    address_from_json(v.at("MinerAddress"), "ProofRegisterPolicy.MinerAddress");
  } else if (type == "<-chan *gtypes.RequestEvent") {
    EXPECT_TRUE(v.at("Id").is_string() && v.at("Method").is_string());
    bytes_from_json(v.at("Payload"), "RequestEvent.Payload");
  } else if (type == "*gtypes.ResponseEvent") {
    EXPECT_TRUE(v.at("Id").is_string());
    bytes_from_json(v.at("Payload"), "ResponseEvent.Payload");
  } else if (type == "None") {
    EXPECT_TRUE(v.is_object() && v.empty());
  } else {
    return false;
  }
  return true;
}

TEST(ChainApiVectors, EveryExampleDecodesWithVcoordsTypes) {
  ASSERT_GE(examples().size(), 36u);
  const std::map<std::string, std::string> prefix = {{"lotus-full-v1", "Filecoin."},
                                                     {"venus-messager", "Message."},
                                                     {"venus-gateway-v2", "Gateway."}};
  for (const auto& v : examples()) {
    SCOPED_TRACE(v["id"].get<std::string>());
    const auto& req = v["request"];
    const auto& res = v["response"];
    EXPECT_EQ(req["jsonrpc"], "2.0");
    EXPECT_EQ(res["jsonrpc"], "2.0");
    EXPECT_EQ(req["id"], res["id"]);
    ASSERT_TRUE(prefix.count(v["api"]));
    EXPECT_EQ(req["method"].get<std::string>().rfind(prefix.at(v["api"]), 0), 0u);
    ASSERT_EQ(req["params"].size(), v["param_types"].size());
    for (std::size_t i = 0; i < req["params"].size(); ++i) {
      const std::string type = v["param_types"][i];
      SCOPED_TRACE("param " + std::to_string(i) + " " + type);
      try {
        EXPECT_TRUE(decode(type, req["params"][i])) << "no decoder for param type " << type;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    }
    // A method with no result (ResponseProofEvent) has a null result type and answers {}.
    const std::string type =
        v["result_type"].is_string() ? v["result_type"].get<std::string>() : "None";
    SCOPED_TRACE("result " + type);
    try {
      EXPECT_TRUE(decode(type, res["result"])) << "no decoder for result type " << type;
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

TEST(ChainApiVectors, DecodersNameWhatTheyRefuse) {
  auto info = example("lotus-full-v1/StateMinerInfo")["response"]["result"];
  info.erase("Worker");
  try {
    lotus::miner_info_from_json(info);
    FAIL() << "MinerInfo without Worker accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("MinerInfo.Worker"), std::string::npos) << e.what();
  }
  auto lookup = example("lotus-full-v1/StateWaitMsg")["response"]["result"];
  lookup["Receipt"]["ExitCode"] = "0";
  EXPECT_THROW(lotus::msg_lookup_from_json(lookup), Error);
  auto part = example("lotus-full-v1/StateMinerPartitions")["response"]["result"][0];
  part["LiveSectors"] = "x";
  EXPECT_THROW(lotus::partition_from_json(part), Error);
  // lotus writes "no pending worker change" as the undefined address.
  info = example("lotus-full-v1/StateMinerInfo")["response"]["result"];
  info["NewWorker"] = "<empty>";
  EXPECT_FALSE(lotus::miner_info_from_json(info).new_worker.has_value());
}

// coordinator.md §4.7's table, on the example record.
TEST(ChainApiVectors, MessagerStatesMapAsTheCoordinatorSpecSays) {
  const auto base = example("venus-messager/GetMessageByUid")["response"]["result"];
  const auto status = [&](int state, std::int64_t confidence, std::optional<std::int64_t> exit) {
    json r = base;
    r["State"] = state;
    r["Confidence"] = confidence;
    if (exit)
      r["Receipt"]["ExitCode"] = *exit;
    else
      r["Receipt"] = nullptr;
    return messager_status(lotus::messager_message_from_json(r), 10);
  };
  EXPECT_EQ(status(3, 9, 0).state, MessageState::Packed);
  EXPECT_EQ(status(3, 10, 0).state, MessageState::Landed);
  EXPECT_EQ(status(5, 10, 0).state, MessageState::Landed);  // NonceConflict: landed as another
  EXPECT_EQ(status(3, 10, std::nullopt).state, MessageState::Failed);
  for (std::int64_t code : {6, 7, 19}) EXPECT_EQ(status(3, 10, code).state, MessageState::Failed);
  EXPECT_EQ(status(3, 10, 16).state, MessageState::PermFailed);
  EXPECT_EQ(status(4, 0, std::nullopt).state, MessageState::Failed);
  for (int pending : {0, 1, 2, 6}) EXPECT_EQ(status(pending, 0, 0).state, MessageState::Pending);
  const auto landed = status(3, 12, 0);
  EXPECT_EQ(landed.height, 100);
  EXPECT_EQ(landed.cid, "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4");
  // The lotus path applies the same exit-code rule to StateSearchMsg's receipt.
  EXPECT_EQ(executed_status(0, 50, 2, 3).state, MessageState::Packed);
  EXPECT_EQ(executed_status(0, 50, 3, 3).state, MessageState::Landed);
  EXPECT_EQ(executed_status(7, 50, 0, 3).state, MessageState::Failed);
  EXPECT_EQ(executed_status(18, 50, 9, 3).state, MessageState::PermFailed);
}

// A node that answers every method with its example's result and records what it was sent.
struct ReplayNode {
  const std::vector<std::uint8_t> secret = std::vector<std::uint8_t>(32, 7);
  RpcServer server{"127.0.0.1", 0, secret};
  std::mutex mu;
  std::map<std::string, json> sent;  // method -> params of the last call
  ReplayNode() {
    auto v1 = std::make_shared<RpcMethods>();
    auto v0 = std::make_shared<RpcMethods>();
    for (const auto& v : examples()) {
      const std::string method = v["request"]["method"];
      auto& table = v["endpoint"] == "/rpc/v0" ? *v0 : *v1;
      table.add(method, Permission::Read,
                [this, method, result = v["response"]["result"]](const json& params) {
                  std::lock_guard lock(mu);
                  sent[method] = params;
                  return result;
                });
    }
    server.route("/rpc/v1", v1);
    server.route("/rpc/v0", v0);
    server.start();
  }
  ~ReplayNode() { server.stop(); }
  std::string token() const { return create_token(secret, permissions_up_to(Permission::Admin)); }
  json params(const std::string& method) {
    std::lock_guard lock(mu);
    return sent.at(method);
  }
};

// Same JSON types position by position and the same object keys (CID aside: vcoord leaves the
// node to compute it); vcoord's null tipset key stands for the head as the examples' [] does.
void expect_shape(const json& ours, const json& theirs, const std::string& where) {
  if (ours.is_null() && theirs.is_array()) return;
  if (ours.is_number() && theirs.is_number()) return;
  ASSERT_EQ(ours.type_name(), std::string(theirs.type_name())) << where;
  if (ours.is_object()) {
    std::vector<std::string> a, b;
    for (const auto& [k, _] : ours.items())
      if (k != "CID") a.push_back(k);
    for (const auto& [k, _] : theirs.items())
      if (k != "CID") b.push_back(k);
    ASSERT_EQ(a, b) << where;
    for (const auto& k : a) expect_shape(ours[k], theirs[k], where + "." + k);
  } else if (ours.is_array() && !ours.empty() && !theirs.empty()) {
    expect_shape(ours[0], theirs[0], where + "[0]");
  }
}

void expect_request_like_example(ReplayNode& node, const std::string& id) {
  const auto& v = example(id);
  const std::string method = v["request"]["method"];
  const json ours = node.params(method);
  const json& theirs = v["request"]["params"];
  ASSERT_EQ(ours.size(), theirs.size()) << method;
  for (std::size_t i = 0; i < ours.size(); ++i)
    expect_shape(ours[i], theirs[i], method + " param " + std::to_string(i));
}

TEST(ChainApiVectors, ClientsReplayedAgainstTheExamples) {
  ReplayNode node;
  ChainClient chain(std::make_unique<RpcClient>(
      RpcEndpoint::parse(node.server.url("/rpc/v1"), "/rpc/v1"), node.token()));
  const auto miner = chain::Address::parse("f01234");

  const auto head = chain.head();
  EXPECT_EQ(head.height, example("lotus-full-v1/ChainHead")["response"]["result"]["Height"]);
  EXPECT_EQ(lotus::network_params_from_json(chain.network_params()).pre_commit_challenge_delay,
            10101);
  EXPECT_EQ(chain.miner_info(miner).sector_size, 34359738368u);
  expect_request_like_example(node, "lotus-full-v1/StateMinerInfo");
  EXPECT_EQ(chain.proving_deadline(miner).index, 42u);
  expect_request_like_example(node, "lotus-full-v1/StateMinerProvingDeadline");
  const auto pci = chain.precommit_info(miner, 9);
  ASSERT_TRUE(pci.has_value());
  EXPECT_EQ(pci->info.deal_ids, (std::vector<std::uint64_t>{5432}));
  expect_request_like_example(node, "lotus-full-v1/StateSectorPreCommitInfo");
  const auto sector = chain.sector_info(miner, 9);
  ASSERT_TRUE(sector.has_value());
  EXPECT_EQ(sector->seal_proof, 8);
  expect_request_like_example(node, "lotus-full-v1/StateSectorGetInfo");
  // The WindowPoSt runner's reads.
  const auto parts = chain.partitions(miner, 42, head.key);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].faulty.values(), (std::vector<std::uint64_t>{5}));
  EXPECT_EQ(parts[0].active.values(), (std::vector<std::uint64_t>{5}));
  expect_request_like_example(node, "lotus-full-v1/StateMinerPartitions");
  const auto sectors = chain.sectors(miner, chain::BitField());
  ASSERT_EQ(sectors.size(), 1u);
  EXPECT_EQ(sectors[0].number, 9u);
  expect_request_like_example(node, "lotus-full-v1/StateMinerSectors");
  EXPECT_EQ(chain.faults(miner).values(), (std::vector<std::uint64_t>{5}));
  expect_request_like_example(node, "lotus-full-v1/StateMinerFaults");

  chain::SectorPreCommitInfo info;
  info.seal_proof = 8;
  info.sector_number = 9;
  const std::array<std::uint8_t, 32> comm{};
  info.sealed_cid = chain::commitment_cid(chain::CommitmentKind::Sealed, comm);
  info.seal_rand_epoch = 10101;
  info.deal_ids = {5432};
  info.expiration = 10101;
  info.unsealed_cid = chain::commitment_cid(chain::CommitmentKind::Unsealed, comm);
  EXPECT_EQ(chain.precommit_deposit(miner, info).to_string(), "0");
  expect_request_like_example(node, "lotus-full-v1/StateMinerPreCommitDepositForPower");
  EXPECT_EQ(chain.creation_deposit().to_string(), "0");
  EXPECT_EQ(chain.lookup_id(miner), miner);
  EXPECT_EQ(chain.balance(miner).to_string(), "0");
  expect_request_like_example(node, "lotus-full-v1/WalletBalance");
  // The example's randomness is one byte: vcoord refuses it rather than seal with it.
  try {
    chain.randomness(false, 2, 10101, {1, 2, 3}, head.key);
    FAIL() << "1-byte randomness accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("32 bytes"), std::string::npos);
  }
  expect_request_like_example(node, "lotus-full-v1/StateGetRandomnessFromTickets");

  chain::Message m;
  m.version = 0;
  m.to = miner;
  m.from = miner;
  m.method = 1;
  m.params = {1, 2};
  const auto pushed = chain.push(m, "07070707-0707-0707-0707-070707070707", chain::TokenAmount());
  EXPECT_EQ(pushed.nonce, 42u);
  EXPECT_EQ(pushed.cid, "bafy2bzacebbpdegvr3i4cosewthysg5xkxpqfn2wfcz6mv2hmoktwbdxkax4s");
  expect_request_like_example(node, "lotus-full-v1/MpoolPushMessage");
  const auto outcome = chain.wait(pushed.cid, 42);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.height, 10101);
  expect_request_like_example(node, "lotus-full-v1/StateWaitMsg");

  MessagerClient messager(std::make_unique<RpcClient>(
      RpcEndpoint::parse(node.server.url("/rpc/v0"), "/rpc/v0"), node.token()));
  MessagerSendSpec spec;
  spec.gas_over_estimation = 1.25;
  messager.push("string value", m, spec);
  expect_request_like_example(node, "venus-messager/PushMessageWithId");
  // A messager answering with another uid than the one pushed is refused.
  EXPECT_THROW(messager.push("another uid", m, spec), Error);
  const auto rec = messager.get("string value");
  EXPECT_EQ(rec.state, 1);
  EXPECT_EQ(rec.height, 100);
  EXPECT_EQ(rec.confidence, 10);
  expect_request_like_example(node, "venus-messager/GetMessageByUid");
  EXPECT_EQ(messager.wait("string value", 42).id, "e26f1e5c-47f7-4561-a11d-18fab6e748af");
  expect_request_like_example(node, "venus-messager/WaitMessage");
}

}  // namespace
}  // namespace vseal::coord
