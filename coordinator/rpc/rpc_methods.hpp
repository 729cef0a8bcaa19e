#pragma once
// The JSON-RPC 2.0 method table shared by vcoord's API and the dev chain: each method has the
// permission a caller's token must carry (lotus' read/write/sign/admin) and a handler taking
// the positional params array. Handlers report failures by throwing RpcError (a chosen code,
// e.g. 11001 "sector state not found") or vseal::Error (code 1, go-jsonrpc's default); the
// server turns either into a JSON-RPC error object. Streaming methods (lotus' channel results,
// e.g. Filecoin.ChainNotify) are served only over a websocket (see RpcServer).
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "api/jwt.hpp"

namespace vseal::coord {

class RpcError : public std::runtime_error {
 public:
  RpcError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

struct RpcMethod {
  Permission perm = Permission::Admin;
  std::function<nlohmann::json(const nlohmann::json& params)> handler;
};

// What a streaming method's handler sees: `send` pushes one element to the client and returns
// false once the channel is gone (client disconnected or cancelled, server stopping); `open`
// says the same without sending, so a handler waiting for something to send can give up.
class RpcStreamSink {
 public:
  virtual ~RpcStreamSink() = default;
  virtual bool send(const nlohmann::json& value) = 0;
  virtual bool open() const = 0;
};

struct RpcStream {
  Permission perm = Permission::Admin;
  // Runs on its own thread after the call was answered with the channel id; the channel is
  // closed when it returns.
  std::function<void(const nlohmann::json& params, RpcStreamSink& sink)> run;
};

class RpcMethods {
 public:
  void add(std::string name, Permission perm,
           std::function<nlohmann::json(const nlohmann::json& params)> handler) {
    methods_[std::move(name)] = RpcMethod{perm, std::move(handler)};
  }
  const RpcMethod* find(const std::string& name) const {
    const auto it = methods_.find(name);
    return it == methods_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, RpcMethod>& all() const { return methods_; }

  void add_stream(std::string name, Permission perm,
                  std::function<void(const nlohmann::json& params, RpcStreamSink& sink)> run) {
    streams_[std::move(name)] = RpcStream{perm, std::move(run)};
  }
  const RpcStream* find_stream(const std::string& name) const {
    const auto it = streams_.find(name);
    return it == streams_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, RpcMethod> methods_;
  std::map<std::string, RpcStream> streams_;
};

// Positional parameter access with errors that name the method's parameter.
const nlohmann::json& rpc_param(const nlohmann::json& params, std::size_t index,
                                std::string_view name);
// Opens a streaming method's channel once the envelope and permission checks have passed and
// returns what the call answers (the channel id).
using RpcStreamOpener =
    std::function<nlohmann::json(const RpcStream& stream, const nlohmann::json& params)>;
// Answers one decoded JSON-RPC request object against the table (after authorisation). A
// streaming method is opened with `open_stream`; without one (plain HTTP) it is answered with
// an error naming the websocket.
nlohmann::json rpc_dispatch(const RpcMethods& methods, const nlohmann::json& request,
                            const std::vector<std::string>& allow,
                            const RpcStreamOpener& open_stream = nullptr);
nlohmann::json rpc_error_answer(const nlohmann::json& id, int code, const std::string& message);

}  // namespace vseal::coord
