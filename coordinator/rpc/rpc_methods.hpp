#pragma once
// The JSON-RPC 2.0 method table shared by vcoord's API and the dev chain: each method has the
// permission a caller's token must carry (lotus' read/write/sign/admin) and a handler taking
// the positional params array. Handlers report failures by throwing RpcError (a chosen code,
// e.g. 11001 "sector state not found") or vseal::Error (code 1, go-jsonrpc's default); the
// server turns either into a JSON-RPC error object.
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

 private:
  std::map<std::string, RpcMethod> methods_;
};

// Positional parameter access with errors that name the method's parameter.
const nlohmann::json& rpc_param(const nlohmann::json& params, std::size_t index,
                                std::string_view name);
// Answers one decoded JSON-RPC request object against the table (after authorisation).
nlohmann::json rpc_dispatch(const RpcMethods& methods, const nlohmann::json& request,
                            const std::vector<std::string>& allow);

}  // namespace vseal::coord
