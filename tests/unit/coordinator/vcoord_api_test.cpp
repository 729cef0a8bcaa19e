// vcoord's API over a real loopback server and a real state database: each method's answer,
// the permission each needs, error 11001 for unknown sectors, malformed parameters refused
// with -32602 and nothing changed, tokens minted and checked, and /metrics behind a token
// counting the calls (unknown method names pooled, so callers cannot mint label values).
// Pledging against the chain and aborting running jobs are driven end to end by the daemon
// tests.
#include "service/vcoord_api.hpp"

#include <gtest/gtest.h>

#include "api/jwt.hpp"
#include "exec/executor.hpp"
#include "raw_http.hpp"
#include "rpc/rpc_client.hpp"
#include "temp_dir.hpp"
#include "unit/coordinator/rpc_code.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;
namespace http = boost::beast::http;

const std::vector<std::uint8_t> kSecret(32, 9);

struct ApiFixture {
  std::filesystem::path dir = vseal::testing::temp_dir("vcoord-api");
  StateStore store{dir / "state.db"};
  std::mutex daemon_lock;
  std::unique_ptr<Executor> executor;
  std::unique_ptr<VcoordApi> api;
  RpcServer server{"127.0.0.1", 0, kSecret};

  ApiFixture() {
    store.upsert_miner(1000, 0, 100, 5);
    store.allocate_sectors(1000, 2);
    JobsConfig jobs;
    for (const auto stage : kStages) jobs.stages[std::string(stage)] = StageResources{};
    executor = make_executor(jobs, dir);
    ApiDeps deps;
    deps.state = dir / "state.db";
    deps.version = "9.9.9";
    deps.network = "testnet";
    deps.secret = kSecret;
    deps.daemon_lock = &daemon_lock;
    deps.executor = executor.get();
    deps.paths.scratch = dir / "scratch";
    deps.paths.bin_dir = dir;
    deps.pledge_refusal = [](std::uint64_t miner) -> std::optional<std::string> {
      if (miner == 1001) return "miner 1001 is Disabled";
      return std::nullopt;
    };
    api = std::make_unique<VcoordApi>(std::move(deps));
    api->install(server);
    server.start();
  }
  ~ApiFixture() { server.stop(); }
  std::string token(Permission p) const { return create_token(kSecret, permissions_up_to(p)); }
  RpcClient client(const std::string& token) {
    return RpcClient(RpcEndpoint::parse(server.url("/rpc/v0"), "/rpc/v0"), token);
  }
};

TEST(VcoordApi, ReadsTheState) {
  ApiFixture f;
  auto c = f.client(f.token(Permission::Read));
  EXPECT_EQ(c.call("VCoord.Version"),
            (json{{"Version", "9.9.9"}, {"APIVersion", "v0"}, {"Network", "testnet"}}));
  const json list = c.call("VCoord.SectorsList", json::array({1000}));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["number"], 2);
  EXPECT_EQ(list[1]["state"], "Allocated");
  EXPECT_EQ(c.call("VCoord.SectorsList").size(), 2u);  // the miner filter is optional
  EXPECT_EQ(c.call("VCoord.SectorsList", json::array({2000})).size(), 0u);
  const json status = c.call("VCoord.SectorStatus", json::array({1000, 1}));
  EXPECT_EQ(status["state"], "Allocated");
  ASSERT_EQ(status["history"].size(), 1u);
  EXPECT_EQ(status["history"][0]["to"], "Allocated");
  EXPECT_EQ(status["jobs"], json::array());
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorStatus", json::array({1000, 99})); }), 11001);
  EXPECT_EQ(c.call("VCoord.JobsList", json::array({true})), json::array());
  EXPECT_EQ(c.call("VCoord.PoStRuns"), json::array());
}

TEST(VcoordApi, MalformedParametersAreRefusedAndChangeNothing) {
  ApiFixture f;
  auto c = f.client(f.token(Permission::Admin));
  for (const json& params : {json::array({-1000, 1}), json::array({"1000", 1}),
                             json::array({1000.5, 1}), json::array({1000})})
    EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorStatus", params); }), -32602) << params;
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.JobsList", json::array({"yes"})); }), -32602);
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorsPledge", json::array({1000, 0})); }), -32602);
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorAbort", json::array({1000, 1, ""})); }), -32602);
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorAbort", json::array({1000, -1, "x"})); }), -32602);
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.AuthNew", json::array({json::array()})); }), -32602);
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.AuthNew", json::array({json::array({"root"})})); }), 1);
  // A miner vcoord does not manage: refused before anything asks the chain.
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorsPledge", json::array({2000, 1})); }), 1);
  // A miner the configuration disables: refused the same way.
  f.store.upsert_miner(1001, 0, 100, 5);
  EXPECT_EQ(rpc_code([&] { c.call("VCoord.SectorsPledge", json::array({1001, 1})); }), 1);
  EXPECT_EQ(f.store.sectors().size(), 2u);
  EXPECT_EQ(f.store.sector(1000, 1)->state, "Allocated");
}

TEST(VcoordApi, EachMethodNeedsItsPermission) {
  ApiFixture f;
  auto read = f.client(f.token(Permission::Read));
  auto write = f.client(f.token(Permission::Write));
  EXPECT_EQ(rpc_code([&] { read.call("VCoord.SectorsPledge", json::array({1000, 1})); }), 1);
  EXPECT_EQ(rpc_code([&] { write.call("VCoord.SectorAbort", json::array({1000, 1, "x"})); }), 1);
  EXPECT_EQ(rpc_code([&] { write.call("VCoord.AuthNew", json::array({json::array({"read"})})); }),
            1);
  EXPECT_EQ(f.store.sector(1000, 1)->state, "Allocated");

  auto admin = f.client(f.token(Permission::Admin));
  EXPECT_EQ(admin.call("VCoord.SectorAbort", json::array({1000, 1, "disk replaced"})),
            (json{{"miner", 1000}, {"sector", 1}, {"state", "Aborted"}}));
  EXPECT_EQ(f.store.sector(1000, 1)->state, "Aborted");
  EXPECT_EQ(f.store.sector(1000, 1)->abort_reason, "disk replaced");
  EXPECT_EQ(rpc_code([&] {
              admin.call("VCoord.SectorAbort", json::array({1000, 77, "x"}));
            }),
            11001);

  // A minted token carries exactly the permissions asked for.
  const std::string minted =
      admin.call("VCoord.AuthNew", json::array({json::array({"read", "write"})}));
  EXPECT_EQ(read.call("VCoord.AuthVerify", json::array({minted})), json::array({"read", "write"}));
  EXPECT_EQ(rpc_code([&] { read.call("VCoord.AuthVerify", json::array({minted + "x"})); }), 1);
  auto minted_client = f.client(minted);
  EXPECT_EQ(rpc_code([&] {
              minted_client.call("VCoord.AuthNew", json::array({json::array({"admin"})}));
            }),
            1);
  EXPECT_EQ(minted_client.call("VCoord.SectorsList").size(), 2u);
}

TEST(VcoordApi, MissingOrBadTokensGet401AndNothingElse) {
  ApiFixture f;
  const std::string abort =
      R"({"jsonrpc":"2.0","id":1,"method":"VCoord.SectorAbort","params":[1000,2,"x"]})";
  const std::vector<std::uint8_t> other(32, 1);
  for (const std::string& token : {std::string(), std::string("garbage"),
                                   create_token(other, permissions_up_to(Permission::Admin))}) {
    const auto r =
        vseal::testing::raw_http(f.server.port(), http::verb::post, "/rpc/v0", token, abort);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body.find("result"), std::string::npos) << r.body;
    EXPECT_EQ(vseal::testing::raw_http(f.server.port(), http::verb::get, "/metrics", token).status,
              401);
  }
  EXPECT_EQ(f.store.sector(1000, 2)->state, "Allocated");
}

TEST(VcoordApi, MetricsCountSectorsAndCalls) {
  ApiFixture f;
  auto c = f.client(f.token(Permission::Read));
  c.call("VCoord.SectorsList");
  c.call("VCoord.SectorsList");
  EXPECT_THROW(c.call("VCoord.NoSuchThing"), RpcError);
  EXPECT_THROW(c.call("VCoord.AnotherMadeUpName"), RpcError);
  const auto r = vseal::testing::raw_http(f.server.port(), http::verb::get, "/metrics",
                                          f.token(Permission::Read));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("vcoord_sectors{miner=\"1000\",state=\"Allocated\"} 2\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(
      r.body.find("vcoord_api_requests_total{method=\"VCoord.SectorsList\",result=\"ok\"} 2\n"),
      std::string::npos);
  EXPECT_NE(r.body.find("vcoord_api_requests_total{method=\"unknown\",result=\"error\"} 2\n"),
            std::string::npos);
  EXPECT_EQ(r.body.find("NoSuchThing"), std::string::npos);
  EXPECT_NE(r.body.find("vcoord_info{version=\"9.9.9\",network=\"testnet\"} 1\n"),
            std::string::npos);
}

}  // namespace
}  // namespace vseal::coord
