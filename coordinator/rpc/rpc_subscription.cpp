// Each step is started asynchronously on a private io_context and run until it completes, as
// the HTTP client does, so connect and handshake are bounded and stop() can interrupt a read
// that would otherwise wait for the next element indefinitely.
#include "rpc/rpc_subscription.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <optional>

#include "base/error.hpp"

namespace vseal::coord {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;

RpcSubscription::RpcSubscription(RpcEndpoint endpoint, std::string token,
                                 std::chrono::milliseconds connect_timeout,
                                 std::chrono::milliseconds idle_timeout)
    : endpoint_(std::move(endpoint)),
      token_(std::move(token)),
      connect_timeout_(connect_timeout),
      idle_timeout_(idle_timeout) {}

void RpcSubscription::stop() {
  std::lock_guard lock(mu_);
  stopping_ = true;
  if (running_) running_->stop();
}

void RpcSubscription::run(const std::string& method, const json& params,
                          const std::function<void(const json&)>& on_value) {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws(io);
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    running_ = &io;
  }
  struct Unregister {
    RpcSubscription& s;
    ~Unregister() {
      std::lock_guard lock(s.mu_);
      s.running_ = nullptr;
    }
  } unregister{*this};

  // Runs one asynchronous step; false when stop() interrupted it.
  auto step = [&](auto start, beast::error_code& ec) {
    ec = asio::error::would_block;
    {
      // A stop() after this restart() makes the run() below return at once.
      std::lock_guard lock(mu_);
      if (stopping_) return false;
      io.restart();
    }
    start([&ec](beast::error_code result, auto&&...) { ec = result; });
    // run_one until the step completes: the websocket's keep-alive timer stays pending
    // between reads, so run() would not return.
    while (ec == asio::error::would_block)
      if (io.run_one() == 0) break;  // stopped
    std::lock_guard lock(mu_);
    return !stopping_;
  };
  const std::string where = endpoint_.text("ws");
  auto lost = [&](const std::string& what, const beast::error_code& ec) {
    return Error(ErrorCode::Transient, where + " " + method + ": " + what + ": " + ec.message());
  };

  beast::error_code ec;
  tcp::resolver resolver(io);
  const auto addrs = resolver.resolve(endpoint_.host, endpoint_.port, ec);
  if (ec) throw lost("cannot resolve the host", ec);
  beast::get_lowest_layer(ws).expires_after(connect_timeout_);
  if (!step([&](auto done) { beast::get_lowest_layer(ws).async_connect(addrs, done); }, ec)) return;
  if (ec) throw lost("cannot connect", ec);

  ws.set_option(websocket::stream_base::decorator([this](websocket::request_type& req) {
    if (!token_.empty()) req.set(beast::http::field::authorization, "Bearer " + token_);
  }));
  websocket::response_type handshake;
  if (!step(
          [&](auto done) {
            ws.async_handshake(handshake, endpoint_.host + ":" + endpoint_.port, endpoint_.path,
                               done);
          },
          ec))
    return;
  if (ec) {
    const auto status = handshake.result_int();
    if (status == 401 || status == 403)
      throw Error(ErrorCode::BadInput,
                  where + " refused the API token (" + method + "): " + handshake.body());
    if (ec == websocket::error::upgrade_declined)
      throw Error(ErrorCode::Transient, where + " " + method +
                                            ": no websocket served there (HTTP " +
                                            std::to_string(status) + ")");
    throw lost("websocket handshake failed", ec);
  }
  beast::get_lowest_layer(ws).expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = connect_timeout_;
  timeouts.idle_timeout = idle_timeout_;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(64u << 20);

  const json request = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
  const std::string request_text = request.dump();
  ws.text(true);
  if (!step([&](auto done) { ws.async_write(asio::buffer(request_text), done); }, ec)) return;
  if (ec) throw lost("cannot send the call", ec);

  std::optional<json> channel;
  beast::flat_buffer buf;
  while (true) {
    if (!step([&](auto done) { ws.async_read(buf, done); }, ec)) return;
    if (ec) throw lost("connection lost", ec);
    const json frame = json::parse(beast::buffers_to_string(buf.data()), nullptr, false);
    buf.consume(buf.size());
    if (!frame.is_object())
      throw Error(ErrorCode::Transient, where + " " + method + ": a frame is not a JSON object");
    if (!channel) {
      if (!frame.contains("id") || frame["id"] != request["id"]) continue;
      if (frame.contains("error") && !frame["error"].is_null()) {
        const auto& e = frame["error"];
        throw RpcError(e.value("code", 1), e.value("message", std::string("(no message)")));
      }
      if (!frame.contains("result") || !frame["result"].is_number_integer())
        throw Error(ErrorCode::Transient,
                    where + " " + method + ": the answer carries no channel id");
      channel = frame["result"];
      continue;
    }
    const std::string name = frame.value("method", std::string());
    const json& p = frame.contains("params") ? frame["params"] : json();
    if (!p.is_array() || p.empty() || p[0] != *channel) continue;
    if (name == "xrpc.ch.close")
      throw Error(ErrorCode::Transient, where + " " + method + ": the server closed the channel");
    if (name == "xrpc.ch.val") {
      if (p.size() < 2)
        throw Error(ErrorCode::Transient, where + " " + method + ": a value frame has no value");
      on_value(p[1]);
    }
  }
}

}  // namespace vseal::coord
