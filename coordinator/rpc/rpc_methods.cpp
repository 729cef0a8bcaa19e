// Envelope checks and error mapping of JSON-RPC 2.0 (codes -32600..-32603 for envelope
// problems; handler failures keep their own code as go-jsonrpc does).
#include "rpc/rpc_methods.hpp"

#include "base/error.hpp"

namespace vseal::coord {

using nlohmann::json;

const json& rpc_param(const json& params, std::size_t index, std::string_view name) {
  if (!params.is_array() || index >= params.size())
    throw RpcError(
        -32602, "missing parameter " + std::to_string(index + 1) + " (" + std::string(name) + ")");
  return params[index];
}

json rpc_error_answer(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json rpc_dispatch(const RpcMethods& methods, const json& request,
                  const std::vector<std::string>& allow, const RpcStreamOpener& open_stream) {
  if (!request.is_object())
    return rpc_error_answer(nullptr, -32600, "request must be a JSON object");
  const json id = request.contains("id") ? request["id"] : json(nullptr);
  if (!request.contains("method") || !request["method"].is_string())
    return rpc_error_answer(id, -32600, "request has no method name");
  const std::string name = request["method"].get<std::string>();
  json params = request.contains("params") ? request["params"] : json::array();
  if (params.is_null()) params = json::array();
  if (!params.is_array()) return rpc_error_answer(id, -32602, "params must be a positional array");
  const RpcMethod* m = methods.find(name);
  const RpcStream* stream = m ? nullptr : methods.find_stream(name);
  if (!m && !stream) return rpc_error_answer(id, -32601, "method '" + name + "' not found");
  const Permission perm = m ? m->perm : stream->perm;
  if (!token_allows(allow, perm))
    return rpc_error_answer(id, 1,
                            "missing permission to invoke '" + name + "' (need '" +
                                std::string(permission_name(perm)) + "')");
  if (stream && !open_stream)
    return rpc_error_answer(id, -32601,
                            "method '" + name +
                                "' returns a channel: call it over a websocket (ws:// at the same "
                                "path), not over HTTP POST");
  try {
    return {{"jsonrpc", "2.0"},
            {"id", id},
            {"result", stream ? open_stream(*stream, params) : m->handler(params)}};
  } catch (const RpcError& e) {
    return rpc_error_answer(id, e.code(), e.what());
  } catch (const json::exception& e) {
    return rpc_error_answer(id, -32602, name + ": malformed parameters: " + e.what());
  } catch (const std::exception& e) {
    return rpc_error_answer(id, 1, e.what());
  }
}

}  // namespace vseal::coord
