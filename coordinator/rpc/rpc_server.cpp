// Beast's synchronous API with a thread per connection: the servers here see a handful of
// clients (vcoord, its CLI, a dev chain's coordinator), and blocking calls stay simple. Each
// connection's socket lives on an io_context of its own, which a websocket session runs on
// the connection's thread.
#include "rpc/rpc_server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <list>
#include <mutex>
#include <thread>
#include <variant>

#include "base/error.hpp"
#include "rpc/ws_session.hpp"

namespace vseal::coord {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

struct RpcServer::Impl {
  std::string host;
  std::uint16_t port = 0;
  std::vector<std::uint8_t> secret;
  std::map<std::string, std::shared_ptr<const RpcMethods>> routes;
  struct Page {
    Permission perm;
    std::string content_type;
    std::function<std::string()> render;
  };
  std::map<std::string, Page> pages;
  CallObserver observer;
  asio::io_context io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread accept_thread;
  std::mutex mu;
  struct Conn {
    asio::io_context io;
    tcp::socket sock{io};
    std::thread thread;
    std::atomic<bool> done{false};
  };
  std::list<std::unique_ptr<Conn>> conns;
  bool stopping = false;

  using Request = http::request<http::string_body>;
  using Response = http::response<http::string_body>;

  static Response response(const Request& req, http::status s, const std::string& content_type,
                           std::string body) {
    Response res;
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    res.set(http::field::content_type, content_type);
    res.result(s);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
  }

  static Response refusal(const Request& req, http::status s, const std::string& msg) {
    return response(req, s, "application/json", json({{"error", msg}}).dump());
  }

  // The token's Allow list, or the 401 answer for a missing or bad one.
  std::variant<std::vector<std::string>, Response> authorize(const Request& req) const {
    const auto auth_field = req.find(http::field::authorization);
    const std::string auth =
        auth_field == req.end() ? std::string() : std::string(auth_field->value());
    const std::string_view prefix = "Bearer ";
    if (!auth.starts_with(prefix))
      return refusal(req, http::status::unauthorized, "missing 'Authorization: Bearer <token>'");
    try {
      return verify_token(std::string_view(auth).substr(prefix.size()), secret);
    } catch (const Error& e) {
      return refusal(req, http::status::unauthorized, std::string("token rejected: ") + e.what());
    }
  }

  Response answer(const Request& req) {
    auto fail = [&req](http::status s, const std::string& msg) { return refusal(req, s, msg); };
    const std::string target(req.target());
    const auto route = routes.find(target);
    const auto page = pages.find(target);
    if (route == routes.end() && page == pages.end())
      return fail(http::status::not_found, "nothing served at " + target);
    const bool get = page != pages.end();
    if (req.method() != (get ? http::verb::get : http::verb::post))
      return fail(http::status::method_not_allowed,
                  get ? target + " is read with GET" : "JSON-RPC requests are POSTed");
    auto auth = authorize(req);
    if (auto* refused = std::get_if<Response>(&auth)) return std::move(*refused);
    const auto& allow = std::get<std::vector<std::string>>(auth);
    if (get) {
      if (!token_allows(allow, page->second.perm))
        return fail(http::status::forbidden, "the token lacks the '" +
                                                 std::string(permission_name(page->second.perm)) +
                                                 "' permission");
      try {
        return response(req, http::status::ok, page->second.content_type, page->second.render());
      } catch (const std::exception& e) {
        return fail(http::status::internal_server_error, e.what());
      }
    }
    json reply;
    json request = json::parse(req.body(), nullptr, false);
    const auto started = std::chrono::steady_clock::now();
    if (request.is_discarded())
      reply = rpc_error_answer(nullptr, -32700, "request body is not JSON");
    else if (request.is_array())
      reply = rpc_error_answer(nullptr, -32600, "batch requests are not supported");
    else
      reply = rpc_dispatch(*route->second, request, allow);
    if (observer && request.is_object() && request.contains("method") &&
        request["method"].is_string())
      observer(request["method"].get<std::string>(), std::chrono::steady_clock::now() - started,
               reply.contains("error"));
    return response(req, http::status::ok, "application/json", reply.dump());
  }

  void serve(Conn& c) {
    beast::flat_buffer buf;
    beast::error_code ec;
    while (true) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(kMaxRequestBytes);
      http::read(c.sock, buf, parser, ec);
      if (ec) break;
      const auto& req = parser.get();
      if (beast::websocket::is_upgrade(req)) {
        upgrade(c, req);
        break;
      }
      auto res = answer(req);
      http::write(c.sock, res, ec);
      if (ec || !res.keep_alive()) break;
    }
    c.sock.shutdown(tcp::socket::shutdown_both, ec);
  }

  // A websocket at a JSON-RPC route: the token is checked at the handshake (401 and nothing
  // else without a good one), each call's permission inside the session.
  void upgrade(Conn& c, const Request& req) {
    beast::error_code ec;
    const auto route = routes.find(std::string(req.target()));
    if (route == routes.end()) {
      auto res = refusal(req, http::status::not_found,
                         "no JSON-RPC websocket at " + std::string(req.target()));
      http::write(c.sock, res, ec);
      return;
    }
    auto auth = authorize(req);
    if (auto* refused = std::get_if<Response>(&auth)) {
      http::write(c.sock, *refused, ec);
      return;
    }
    serve_websocket(c.io, c.sock, req, *route->second, std::get<std::vector<std::string>>(auth),
                    observer);
  }

  void accept_loop() {
    while (true) {
      auto conn = std::make_unique<Conn>();
      beast::error_code ec;
      acceptor->accept(conn->sock, ec);
      std::lock_guard lock(mu);
      if (stopping) return;
      if (ec) continue;
      // Reap finished connections so a long-running daemon does not accumulate threads.
      for (auto it = conns.begin(); it != conns.end();) {
        if ((*it)->done) {
          (*it)->thread.join();
          it = conns.erase(it);
        } else {
          ++it;
        }
      }
      Conn& c = *conns.emplace_back(std::move(conn));
      c.thread = std::thread([this, &c] {
        serve(c);
        {
          std::lock_guard closing(mu);  // stop() may be shutting this socket down
          beast::error_code ignored;
          c.sock.close(ignored);
        }
        c.done = true;
      });
    }
  }
};

RpcServer::RpcServer(std::string host, std::uint16_t port, std::vector<std::uint8_t> secret)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->secret = std::move(secret);
}

RpcServer::~RpcServer() {
  stop();
}

void RpcServer::route(const std::string& path, std::shared_ptr<const RpcMethods> methods) {
  impl_->routes[path] = std::move(methods);
}

void RpcServer::page(const std::string& path, Permission perm, std::string content_type,
                     std::function<std::string()> page) {
  impl_->pages[path] = Impl::Page{perm, std::move(content_type), std::move(page)};
}

void RpcServer::observe(CallObserver observer) {
  impl_->observer = std::move(observer);
}

void RpcServer::start() {
  beast::error_code ec;
  const auto addr = asio::ip::make_address(impl_->host, ec);
  if (ec) throw Error(ErrorCode::BadInput, "API listen address '" + impl_->host + "' is not an IP");
  impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->io);
  const tcp::endpoint ep(addr, impl_->port);
  impl_->acceptor->open(ep.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(ep, ec);
  if (!ec) impl_->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw Error(ErrorCode::Io, "cannot listen on " + impl_->host + ":" +
                                   std::to_string(impl_->port) + ": " + ec.message());
  impl_->port = impl_->acceptor->local_endpoint().port();
  impl_->accept_thread = std::thread([this] { impl_->accept_loop(); });
}

void RpcServer::stop() {
  if (!impl_ || !impl_->acceptor) return;
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopping) return;
    impl_->stopping = true;
    beast::error_code ec;
    impl_->acceptor->close(ec);
    for (auto& c : impl_->conns) c->sock.shutdown(tcp::socket::shutdown_both, ec);
  }
  // Wake a blocked accept() by connecting to ourselves (close() alone does not on Linux).
  {
    beast::error_code ec;
    tcp::socket poke(impl_->io);
    poke.connect(tcp::endpoint(asio::ip::make_address(
                                   impl_->host == "0.0.0.0" ? "127.0.0.1" : impl_->host, ec),
                               impl_->port),
                 ec);
  }
  if (impl_->accept_thread.joinable()) impl_->accept_thread.join();
  for (auto& c : impl_->conns)
    if (c->thread.joinable()) c->thread.join();
  impl_->conns.clear();
}

std::uint16_t RpcServer::port() const {
  return impl_->port;
}

std::string RpcServer::url(const std::string& path) const {
  return "http://" + (impl_->host == "0.0.0.0" ? std::string("127.0.0.1") : impl_->host) + ":" +
         std::to_string(impl_->port) + path;
}

}  // namespace vseal::coord
