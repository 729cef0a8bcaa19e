#pragma once
// JSON-RPC 2.0 over HTTP POST (Boost.Beast), one thread per connection so a long-polling call
// (StateWaitMsg) never stalls the others. Every request must carry "Authorization: Bearer
// <JWT>" signed with the server's secret (HTTP 401 otherwise); the method's permission is then
// checked against the token's Allow list. Bodies above 16 MiB, batches and non-POST requests
// are refused. Binds to the given host (loopback by default); port 0 picks a free port. Plain
// GET pages (Prometheus' /metrics) need a token with their permission too. A JSON-RPC route
// also accepts a websocket upgrade (token checked at the handshake) carrying the same calls
// plus the table's streaming methods (rpc/ws_session.hpp has the framing).
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rpc/rpc_methods.hpp"

namespace vseal::coord {

class RpcServer {
 public:
  // The largest request body (HTTP) or frame (websocket) read.
  static constexpr std::size_t kMaxRequestBytes = 16u << 20;

  RpcServer(std::string host, std::uint16_t port, std::vector<std::uint8_t> secret);
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Serve `methods` at `path` (e.g. "/rpc/v1"); call before start().
  void route(const std::string& path, std::shared_ptr<const RpcMethods> methods);
  // Serve the text `page()` returns at `path` to GET requests whose token carries `perm`
  // (content type `content_type`); call before start().
  void page(const std::string& path, Permission perm, std::string content_type,
            std::function<std::string()> page);
  // Called after every answered JSON-RPC call (from the connection's thread) with the method
  // name, the time taken and whether the reply was an error; set before start().
  using CallObserver =
      std::function<void(const std::string& method, std::chrono::nanoseconds took, bool error)>;
  void observe(CallObserver observer);
  void start();
  void stop();
  std::uint16_t port() const;
  std::string url(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vseal::coord
