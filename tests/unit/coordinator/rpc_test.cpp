// vcoord's JSON-RPC transport over real loopback sockets: tokens and per-method permissions,
// the envelope errors of JSON-RPC 2.0, handler error codes passed through (11001), a blocked
// call not stalling another client, endpoint parsing (URL and lotus multiaddr), and a client
// that reports an unreachable server as transient; GET pages behind a token's permission and
// the per-call observer.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "api/jwt.hpp"
#include "base/error.hpp"
#include "raw_http.hpp"
#include "rpc/rpc_client.hpp"
#include "rpc/rpc_server.hpp"
#include "unit/coordinator/rpc_code.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;

const std::vector<std::uint8_t> kSecret(32, 7);

struct Fixture {
  RpcServer server{"127.0.0.1", 0, kSecret};
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Fixture() {
    auto m = std::make_shared<RpcMethods>();
    m->add("T.Echo", Permission::Read, [](const json& p) { return p; });
    m->add("T.Sign", Permission::Sign, [](const json&) { return json("signed"); });
    m->add("T.Missing", Permission::Read,
           [](const json&) -> json { throw RpcError(11001, "sector state not found"); });
    m->add("T.Fails", Permission::Read,
           [](const json&) -> json { throw Error(ErrorCode::BadInput, "bad sector"); });
    m->add("T.Param", Permission::Read,
           [](const json& p) { return rpc_param(p, 1, "SectorNumber"); });
    m->add("T.Block", Permission::Read, [this](const json&) {
      released.wait();
      return json(true);
    });
    server.route("/rpc/v1", m);
    server.start();
  }
  ~Fixture() {
    try {
      release.set_value();
    } catch (...) {
    }
    server.stop();
  }
  RpcClient client(Permission p) {
    return RpcClient(RpcEndpoint::parse(server.url("/rpc/v1"), "/rpc/v1"),
                     create_token(kSecret, permissions_up_to(p)));
  }
};

TEST(Rpc, CallsAndPermissions) {
  Fixture f;
  auto read = f.client(Permission::Read);
  EXPECT_EQ(read.call("T.Echo", json::array({1, "a"})), json::array({1, "a"}));
  EXPECT_EQ(rpc_code([&] { read.call("T.Sign"); }), 1);
  auto sign = f.client(Permission::Sign);
  EXPECT_EQ(sign.call("T.Sign"), "signed");
  EXPECT_EQ(rpc_code([&] { read.call("T.Missing"); }), 11001);
  EXPECT_EQ(rpc_code([&] { read.call("T.Fails"); }), 1);
  EXPECT_EQ(rpc_code([&] { read.call("T.Nope"); }), -32601);
  EXPECT_EQ(rpc_code([&] { read.call("T.Param", json::array({1})); }), -32602);
}

TEST(Rpc, BadTokensAreRefusedWithoutRetry) {
  Fixture f;
  RpcClient none(RpcEndpoint::parse(f.server.url("/rpc/v1"), "/rpc/v1"), "");
  EXPECT_THROW(none.call("T.Echo"), Error);
  const std::vector<std::uint8_t> other(32, 8);
  RpcClient forged(RpcEndpoint::parse(f.server.url("/rpc/v1"), "/rpc/v1"),
                   create_token(other, permissions_up_to(Permission::Admin)));
  try {
    forged.call("T.Echo");
    FAIL() << "a token signed with another secret was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    EXPECT_NE(std::string(e.what()).find("refused the API token"), std::string::npos);
  }
}

TEST(Rpc, ABlockedCallDoesNotStallOtherClients) {
  Fixture f;
  auto blocked = std::async(std::launch::async, [&f] {
    auto c = f.client(Permission::Read);
    return c.call("T.Block");
  });
  auto other = f.client(Permission::Read);
  EXPECT_EQ(other.call("T.Echo", json::array({2})), json::array({2}));
  f.release.set_value();
  EXPECT_EQ(blocked.get(), true);
}

TEST(Rpc, ASilentServerTimesOutAsTransient) {
  Fixture f;
  RpcClient c(RpcEndpoint::parse(f.server.url("/rpc/v1"), "/rpc/v1"),
              create_token(kSecret, permissions_up_to(Permission::Read)),
              std::chrono::milliseconds(300));
  try {
    c.call("T.Block");
    FAIL() << "a call that never answers returned";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Transient);
    EXPECT_NE(std::string(e.what()).find("no answer within 300 ms"), std::string::npos) << e.what();
  }
}

TEST(Rpc, PagesNeedATokenWithTheirPermission) {
  RpcServer server("127.0.0.1", 0, kSecret);
  server.page("/open", Permission::Read, "text/plain", [] { return std::string("hello\n"); });
  server.page("/admin", Permission::Admin, "text/plain", [] { return std::string("secret\n"); });
  server.page("/broken", Permission::Read, "text/plain",
              []() -> std::string { throw Error(ErrorCode::Io, "database gone"); });
  server.start();
  namespace http = boost::beast::http;
  const auto read = create_token(kSecret, permissions_up_to(Permission::Read));
  const auto admin = create_token(kSecret, permissions_up_to(Permission::Admin));
  using vseal::testing::raw_http;
  auto r = raw_http(server.port(), http::verb::get, "/open", read);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello\n");
  EXPECT_EQ(r.content_type, "text/plain");
  EXPECT_EQ(raw_http(server.port(), http::verb::get, "/open", "").status, 401);
  EXPECT_EQ(raw_http(server.port(), http::verb::get, "/open", "not.a.jwt").status, 401);
  EXPECT_EQ(raw_http(server.port(), http::verb::get, "/admin", read).status, 403);
  EXPECT_EQ(raw_http(server.port(), http::verb::get, "/admin", admin).body, "secret\n");
  EXPECT_EQ(raw_http(server.port(), http::verb::post, "/open", read).status, 405);
  EXPECT_EQ(raw_http(server.port(), http::verb::get, "/nothing", read).status, 404);
  r = raw_http(server.port(), http::verb::get, "/broken", read);
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("database gone"), std::string::npos);
  server.stop();
}

TEST(Rpc, TheObserverSeesEveryAnsweredCall) {
  RpcServer server("127.0.0.1", 0, kSecret);
  auto m = std::make_shared<RpcMethods>();
  m->add("T.Ok", Permission::Read, [](const json&) { return json(1); });
  m->add("T.Bad", Permission::Read, [](const json&) -> json { throw RpcError(5, "no"); });
  server.route("/rpc/v1", m);
  std::mutex mu;
  std::vector<std::pair<std::string, bool>> seen;
  server.observe([&](const std::string& method, std::chrono::nanoseconds took, bool error) {
    EXPECT_GE(took.count(), 0);
    std::lock_guard lock(mu);
    seen.emplace_back(method, error);
  });
  server.start();
  RpcClient c(RpcEndpoint::parse(server.url("/rpc/v1"), "/rpc/v1"),
              create_token(kSecret, permissions_up_to(Permission::Read)));
  c.call("T.Ok");
  EXPECT_THROW(c.call("T.Bad"), RpcError);
  EXPECT_THROW(c.call("T.Nope"), RpcError);
  server.stop();
  const std::vector<std::pair<std::string, bool>> want = {
      {"T.Ok", false}, {"T.Bad", true}, {"T.Nope", true}};
  EXPECT_EQ(seen, want);
}

TEST(Rpc, EndpointForms) {
  const auto a = RpcEndpoint::parse("/ip4/127.0.0.1/tcp/1234/http", "/rpc/v1");
  EXPECT_EQ(a.text(), "http://127.0.0.1:1234/rpc/v1");
  const auto b = RpcEndpoint::parse("http://node:1789/rpc/v0", "/rpc/v1");
  EXPECT_EQ(b.path, "/rpc/v0");
  EXPECT_THROW(RpcEndpoint::parse("127.0.0.1:1234", "/rpc/v1"), Error);
  EXPECT_THROW(RpcEndpoint::parse("/ip4/127.0.0.1/udp/1", "/rpc/v1"), Error);
}

TEST(Rpc, UnreachableServerIsTransient) {
  std::uint16_t port = 0;
  {
    RpcServer s("127.0.0.1", 0, kSecret);
    s.start();
    port = s.port();
  }  // closed again: nothing listens there now
  RpcClient c(RpcEndpoint::parse("http://127.0.0.1:" + std::to_string(port), "/rpc/v1"), "t");
  try {
    c.call("T.Echo");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Transient);
  }
}

}  // namespace
}  // namespace vseal::coord
