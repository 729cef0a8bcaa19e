#pragma once
// JSON-RPC 2.0 over HTTP POST (Boost.Beast), one thread per connection so a long-polling call
// (StateWaitMsg) never stalls the others. Every request must carry "Authorization: Bearer
// <JWT>" signed with the server's secret (HTTP 401 otherwise); the method's permission is then
// checked against the token's Allow list. Bodies above 16 MiB, batches and non-POST requests
// are refused. Binds to the given host (loopback by default); port 0 picks a free port.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rpc/rpc_methods.hpp"

namespace vseal::coord {

class RpcServer {
 public:
  RpcServer(std::string host, std::uint16_t port, std::vector<std::uint8_t> secret);
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Serve `methods` at `path` (e.g. "/rpc/v1"); call before start().
  void route(const std::string& path, std::shared_ptr<const RpcMethods> methods);
  void start();
  void stop();
  std::uint16_t port() const;
  std::string url(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vseal::coord
