// One kept-alive connection per client, re-opened after any transport error; a call is
// retried once on a fresh connection when the kept-alive one turned out to be closed by the
// server (the request cannot have been processed then).
#include "rpc/rpc_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/error.hpp"

namespace vseal::coord {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

RpcEndpoint RpcEndpoint::parse(const std::string& text, const std::string& default_path) {
  RpcEndpoint e;
  auto bad = [&text](const std::string& why) -> Error {
    return Error(ErrorCode::BadInput, "API address '" + text + "': " + why);
  };
  if (text.starts_with("http://")) {
    std::string rest = text.substr(7);
    const auto slash = rest.find('/');
    const std::string hostport = rest.substr(0, slash);
    e.path = slash == std::string::npos ? default_path : rest.substr(slash);
    const auto colon = hostport.rfind(':');
    if (colon == std::string::npos) throw bad("no port");
    e.host = hostport.substr(0, colon);
    e.port = hostport.substr(colon + 1);
  } else if (text.starts_with("/ip4/") || text.starts_with("/ip6/") || text.starts_with("/dns")) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= text.size()) {
      const auto next = text.find('/', start);
      parts.push_back(text.substr(start, next - start));
      if (next == std::string::npos) break;
      start = next + 1;
    }
    if (parts.size() < 4 || parts[2] != "tcp") throw bad("expected /ip4/<addr>/tcp/<port>[/http]");
    e.host = parts[1];
    e.port = parts[3];
    if (parts.size() > 4 && parts[4] != "http" && parts[4] != "ws")
      throw bad("only http and ws transports are supported");
    e.path = default_path;
  } else {
    throw bad(
        "expected http://host:port[/path] or a multiaddr such as /ip4/127.0.0.1/tcp/1234/http");
  }
  if (e.host.empty() || e.port.empty() ||
      e.port.find_first_not_of("0123456789") != std::string::npos)
    throw bad("host or port missing");
  return e;
}

// Beast's stream expiry only bounds asynchronous operations, so each step is started
// asynchronously and the private io_context is run until it completes or times out.
struct RpcClient::Conn {
  asio::io_context io;
  beast::tcp_stream stream{io};
  template <class Start>
  beast::error_code run(std::chrono::milliseconds timeout, Start&& start) {
    beast::error_code result = asio::error::would_block;
    stream.expires_after(timeout);
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    io.restart();
    io.run();
    return result;
  }
};

RpcClient::RpcClient(RpcEndpoint endpoint, std::string token, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), token_(std::move(token)), timeout_(timeout) {}

RpcClient::~RpcClient() = default;

json RpcClient::call(const std::string& method, json params) {
  return call_with_timeout(method, std::move(params), timeout_);
}

json RpcClient::call_with_timeout(const std::string& method, json params,
                                  std::chrono::milliseconds timeout) {
  std::lock_guard lock(mu_);
  const std::uint64_t id = next_id_++;
  const json request = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
  http::request<http::string_body> req{http::verb::post, endpoint_.path, 11};
  req.set(http::field::host, endpoint_.host);
  req.set(http::field::content_type, "application/json");
  if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
  req.keep_alive(true);
  req.body() = request.dump();
  req.prepare_payload();

  http::response<http::string_body> res;
  for (int attempt = 0;; ++attempt) {
    const bool reused = conn_ != nullptr;
    beast::error_code ec;
    if (!conn_) {
      conn_ = std::make_unique<Conn>();
      tcp::resolver resolver(conn_->io);
      const auto addrs = resolver.resolve(endpoint_.host, endpoint_.port, ec);
      if (!ec)
        ec = conn_->run(timeout, [&](auto done) { conn_->stream.async_connect(addrs, done); });
      if (ec) {
        conn_.reset();
        throw Error(ErrorCode::Transient,
                    "cannot reach " + endpoint_.text() + " (" + method + "): " + ec.message());
      }
    }
    ec = conn_->run(timeout, [&](auto done) { http::async_write(conn_->stream, req, done); });
    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    if (!ec)
      ec = conn_->run(timeout,
                      [&](auto done) { http::async_read(conn_->stream, buf, parser, done); });
    if (ec) {
      conn_.reset();
      const bool timed_out = ec == beast::error::timeout;
      if (reused && attempt == 0 && !timed_out) continue;
      throw Error(ErrorCode::Transient,
                  endpoint_.text() + " " + method + ": " +
                      (timed_out ? "no answer within " + std::to_string(timeout.count()) + " ms"
                                 : ec.message()));
    }
    res = parser.release();
    if (!res.keep_alive()) conn_.reset();
    break;
  }
  const auto status = res.result_int();
  if (status == 401 || status == 403)
    throw Error(ErrorCode::BadInput,
                endpoint_.text() + " refused the API token (" + method + "): " + res.body());
  if (status >= 500)
    throw Error(ErrorCode::Transient,
                endpoint_.text() + " " + method + ": HTTP " + std::to_string(status));
  if (status != 200)
    throw Error(ErrorCode::BadInput, endpoint_.text() + " " + method + ": HTTP " +
                                         std::to_string(status) + " " + res.body());
  json reply = json::parse(res.body(), nullptr, false);
  if (reply.is_discarded() || !reply.is_object())
    throw Error(ErrorCode::Transient, endpoint_.text() + " " + method + ": answer is not JSON");
  if (reply.contains("error") && !reply["error"].is_null()) {
    const auto& e = reply["error"];
    throw RpcError(e.value("code", 1), e.value("message", std::string("(no message)")));
  }
  if (!reply.contains("result"))
    throw Error(ErrorCode::Transient, endpoint_.text() + " " + method + ": answer has no result");
  return reply["result"];
}

}  // namespace vseal::coord
