#pragma once
// A JSON-RPC 2.0 client over HTTP POST with a bearer token, as lotus and venus serve it. The
// endpoint is a URL (http://host:port/rpc/v1) or a lotus multiaddr (/ip4/127.0.0.1/tcp/1234
// [/http]), to which `default_path` is appended. A JSON-RPC error answer throws RpcError with
// the server's code and message; a connection failure, timeout or HTTP 5xx throws
// Error{Transient} (the caller retries); HTTP 401/403 throws Error{BadInput} (a bad token is
// not fixed by retrying).
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rpc/rpc_methods.hpp"

namespace vseal::coord {

struct RpcEndpoint {
  std::string host, port, path;
  static RpcEndpoint parse(const std::string& text, const std::string& default_path);
  std::string text(std::string_view scheme = "http") const {
    return std::string(scheme) + "://" + host + ":" + port + path;
  }
};

class RpcClient {
 public:
  RpcClient(RpcEndpoint endpoint, std::string token,
            std::chrono::milliseconds timeout = std::chrono::seconds(60));
  ~RpcClient();
  RpcClient(const RpcClient&) = delete;
  RpcClient& operator=(const RpcClient&) = delete;

  nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::array());
  // For calls that block on the server (StateWaitMsg).
  nlohmann::json call_with_timeout(const std::string& method, nlohmann::json params,
                                   std::chrono::milliseconds timeout);
  const RpcEndpoint& endpoint() const { return endpoint_; }

 private:
  struct Conn;
  RpcEndpoint endpoint_;
  std::string token_;
  std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::unique_ptr<Conn> conn_;  // kept alive between calls
  std::uint64_t next_id_ = 1;
};

}  // namespace vseal::coord
