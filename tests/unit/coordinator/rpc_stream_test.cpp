// Streaming JSON-RPC methods over a websocket: RpcServer's sessions against RpcSubscription and
// a raw Beast websocket, over real loopback connections.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

#include "api/jwt.hpp"
#include "base/error.hpp"
#include "raw_http.hpp"
#include "rpc/rpc_client.hpp"
#include "rpc/rpc_server.hpp"
#include "rpc/rpc_subscription.hpp"
#include "unit/coordinator/rpc_code.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

const std::vector<std::uint8_t> kSecret(32, 9);

struct Fixture {
  RpcServer server{"127.0.0.1", 0, kSecret};
  std::atomic<int> endless_running{0};
  Fixture() {
    auto m = std::make_shared<RpcMethods>();
    m->add("T.Echo", Permission::Read, [](const json& p) { return p; });
    // Pushes 0 .. n-1, then ends the channel.
    m->add_stream("T.Count", Permission::Read, [](const json& p, RpcStreamSink& sink) {
      const int n = rpc_param(p, 0, "n").get<int>();
      for (int i = 0; i < n; ++i)
        if (!sink.send(i)) return;
    });
    // Pushes a counter every 5 ms until the client goes.
    m->add_stream("T.Endless", Permission::Read, [this](const json&, RpcStreamSink& sink) {
      ++endless_running;
      for (int i = 0; sink.send(i); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --endless_running;
    });
    m->add_stream("T.AdminStream", Permission::Admin,
                  [](const json&, RpcStreamSink& sink) { sink.send(1); });
    server.route("/rpc/v1", m);
    server.start();
  }
  RpcEndpoint endpoint() const { return RpcEndpoint::parse(server.url("/rpc/v1"), "/rpc/v1"); }
  std::string token(Permission p) const { return create_token(kSecret, permissions_up_to(p)); }
};

ErrorCode error_code_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no vseal::Error thrown";
  return ErrorCode::Internal;
}

TEST(RpcStream, ValuesArriveInOrderThenTheChannelCloses) {
  Fixture f;
  RpcSubscription sub(f.endpoint(), f.token(Permission::Read));
  std::vector<int> got;
  EXPECT_EQ(error_code_of([&] {
              sub.run("T.Count", json::array({50}),
                      [&](const json& v) { got.push_back(v.get<int>()); });
            }),
            ErrorCode::Transient);  // the server closed the channel after the last value
  ASSERT_EQ(got.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)], i);
}

TEST(RpcStream, StopEndsTheRunAndTheServerSideHandler) {
  Fixture f;
  RpcSubscription sub(f.endpoint(), f.token(Permission::Read));
  int seen = 0;
  sub.run("T.Endless", json::array(), [&](const json& v) {
    EXPECT_EQ(v.get<int>(), seen);
    if (++seen == 5) sub.stop();
  });
  EXPECT_EQ(seen, 5);
  // The client's connection is gone, so the handler's next send fails and it returns.
  for (int i = 0; i < 400 && f.endless_running > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(f.endless_running, 0);
  sub.run("T.Endless", json::array(), [](const json&) { FAIL() << "stopped for good"; });
}

TEST(RpcStream, StopFromAnotherThreadInterruptsAWaitingRead) {
  Fixture f;
  RpcSubscription sub(f.endpoint(), f.token(Permission::Read));
  std::atomic<int> seen{0};
  std::thread stopper([&] {
    while (seen < 3) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    sub.stop();
  });
  sub.run("T.Endless", json::array(), [&](const json&) { ++seen; });
  stopper.join();
  EXPECT_GE(seen, 3);
}

TEST(RpcStream, TokensAndPermissionsAreChecked) {
  Fixture f;
  auto run_with = [&](const std::string& token, const std::string& method) {
    RpcSubscription sub(f.endpoint(), token);
    sub.run(method, json::array({1}), [](const json&) {});
  };
  EXPECT_EQ(error_code_of([&] { run_with("", "T.Count"); }), ErrorCode::BadInput);
  EXPECT_EQ(error_code_of([&] { run_with("not.a.token", "T.Count"); }), ErrorCode::BadInput);
  EXPECT_EQ(error_code_of([&] {
              run_with(create_token(std::vector<std::uint8_t>(32, 1), {"read"}), "T.Count");
            }),
            ErrorCode::BadInput);
  EXPECT_EQ(rpc_code([&] { run_with(f.token(Permission::Write), "T.AdminStream"); }), 1);
  EXPECT_EQ(rpc_code([&] { run_with(f.token(Permission::Read), "T.Nope"); }), -32601);
  // A plain method's answer carries no channel id.
  EXPECT_EQ(error_code_of([&] { run_with(f.token(Permission::Read), "T.Echo"); }),
            ErrorCode::Transient);
}

TEST(RpcStream, AStreamingMethodOverHttpNamesTheWebsocket) {
  Fixture f;
  RpcClient client(f.endpoint(), f.token(Permission::Read));
  try {
    client.call("T.Count", json::array({1}));
    FAIL() << "answered over HTTP";
  } catch (const RpcError& e) {
    EXPECT_EQ(e.code(), -32601);
    EXPECT_NE(std::string(e.what()).find("websocket"), std::string::npos) << e.what();
  }
}

TEST(RpcStream, ServerStopEndsASubscriptionAsTransient) {
  auto f = std::make_unique<Fixture>();
  RpcSubscription sub(f->endpoint(), f->token(Permission::Read));
  std::atomic<int> seen{0};
  std::thread stopper([&] {
    while (seen < 2) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    f->server.stop();
  });
  EXPECT_EQ(
      error_code_of([&] { sub.run("T.Endless", json::array(), [&](const json&) { ++seen; }); }),
      ErrorCode::Transient);
  stopper.join();
  EXPECT_EQ(f->endless_running, 0);
}

TEST(RpcStream, NoServerIsTransient) {
  std::uint16_t port = 0;
  {
    RpcServer s("127.0.0.1", 0, kSecret);
    s.start();
    port = s.port();
  }
  RpcSubscription sub(RpcEndpoint::parse("http://127.0.0.1:" + std::to_string(port), "/rpc/v1"),
                      "t");
  EXPECT_EQ(error_code_of([&] { sub.run("T.Count", json::array(), [](const json&) {}); }),
            ErrorCode::Transient);
}

// The raw framing, as a go-jsonrpc client sees it: plain calls answered in order, garbage
// answered with -32700, xrpc.cancel closing the channel its request opened.
TEST(RpcStream, RawFramesCallsAndCancel) {
  Fixture f;
  boost::asio::io_context io;
  websocket::stream<boost::asio::ip::tcp::socket> ws(io);
  ws.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), f.server.port()});
  const std::string token = f.token(Permission::Read);
  ws.set_option(websocket::stream_base::decorator([&](websocket::request_type& req) {
    req.set(beast::http::field::authorization, "Bearer " + token);
  }));
  ws.handshake("127.0.0.1", "/rpc/v1");
  ws.text(true);
  auto send = [&](const std::string& text) { ws.write(boost::asio::buffer(text)); };
  auto next = [&] {
    beast::flat_buffer buf;
    ws.read(buf);
    return json::parse(beast::buffers_to_string(buf.data()));
  };
  send(R"({"jsonrpc":"2.0","id":7,"method":"T.Echo","params":["x"]})");
  EXPECT_EQ(next(), json::parse(R"({"jsonrpc":"2.0","id":7,"result":["x"]})"));
  send("{not json");
  EXPECT_EQ(next()["error"]["code"], -32700);
  send(R"({"jsonrpc":"2.0","id":8,"method":"T.Endless","params":[]})");
  const json opened = next();
  ASSERT_EQ(opened["id"], 8);
  const json channel = opened["result"];
  ASSERT_TRUE(channel.is_number_integer());
  json v = next();
  EXPECT_EQ(v["method"], "xrpc.ch.val");
  EXPECT_EQ(v["params"], json::array({channel, 0}));
  send(R"({"jsonrpc":"2.0","method":"xrpc.cancel","params":[8]})");
  while ((v = next())["method"] == "xrpc.ch.val") {
  }
  EXPECT_EQ(v, json::parse(R"({"jsonrpc":"2.0","method":"xrpc.ch.close","params":[)" +
                           channel.dump() + "]}"));
  send(R"({"jsonrpc":"2.0","id":9,"method":"T.Echo","params":[2]})");
  EXPECT_EQ(next()["result"], json::array({2}));
  ws.close(websocket::close_code::normal);
}

TEST(RpcStream, AnUpgradeWithoutAGoodTokenGets401AndNoWebsocket) {
  Fixture f;
  namespace http = beast::http;
  for (const std::string& token : {std::string(), std::string("garbage")}) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket sock(io);
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), f.server.port()});
    http::request<http::empty_body> req(http::verb::get, "/rpc/v1", 11);
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::connection, "Upgrade");
    req.set(http::field::upgrade, "websocket");
    req.set(http::field::sec_websocket_version, "13");
    req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    http::write(sock, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(sock, buf, res);
    EXPECT_EQ(res.result_int(), 401u) << token;
    EXPECT_NE(res.body().find(token.empty() ? "missing" : "token rejected"), std::string::npos)
        << res.body();
  }
}

}  // namespace
}  // namespace vseal::coord
