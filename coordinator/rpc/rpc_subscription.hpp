#pragma once
// The client side of a streaming JSON-RPC method (lotus' channel results, e.g.
// Filecoin.ChainNotify): a websocket to the endpoint's host and path, the bearer token in the
// handshake, one call, then every element the server pushes on the returned channel handed to
// a callback on the calling thread (go-jsonrpc's xrpc.ch.val / xrpc.ch.close framing).
// Keep-alive pings find a peer that went silent without closing the connection.
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "rpc/rpc_client.hpp"

namespace boost::asio {
class io_context;
}

namespace vseal::coord {

class RpcSubscription {
 public:
  RpcSubscription(RpcEndpoint endpoint, std::string token,
                  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10),
                  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60));
  RpcSubscription(const RpcSubscription&) = delete;
  RpcSubscription& operator=(const RpcSubscription&) = delete;

  // Blocks until stop() (then returns normally) or until the stream ends otherwise: the
  // connection failed or was lost, or the server closed the channel (Error{Transient}); the
  // token was refused (Error{BadInput}); the call was answered with an error (RpcError). An
  // exception from `on_value` ends the subscription and propagates.
  void run(const std::string& method, const nlohmann::json& params,
           const std::function<void(const nlohmann::json& value)>& on_value);
  // From any thread: makes a running run() return, and every later one at once.
  void stop();
  const RpcEndpoint& endpoint() const { return endpoint_; }

 private:
  RpcEndpoint endpoint_;
  std::string token_;
  std::chrono::milliseconds connect_timeout_, idle_timeout_;
  std::mutex mu_;
  boost::asio::io_context* running_ = nullptr;  // the io_context run() is driving, for stop()
  bool stopping_ = false;
};

}  // namespace vseal::coord
