#pragma once
// vcoord's own API, served by `vcoord daemon run` at [API] Listen: JSON-RPC 2.0 at /rpc/v0
// (namespace "VCoord.") and Prometheus metrics at /metrics. Every request needs a token from
// `vcoord auth create-token` (lotus-style JWT): reads need "read", starting sectors "write",
// aborting sectors and minting tokens "admin"; a missing or bad token gets HTTP 401 and
// nothing else. The API answers from its own SQLite connection, so reads never wait for the
// pipeline; calls that drive the daemon's executor or chain client take the daemon's lock,
// so they run between pipeline passes, never inside one. Unknown sectors answer error 11001
// ("sector state not found"), as damocles-manager's API does.
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/sector_pipeline.hpp"
#include "rpc/rpc_server.hpp"
#include "service/metrics.hpp"

namespace vseal::coord {

class ChainClient;
class Executor;

struct ApiDeps {
  std::filesystem::path state;  // the daemon's state database
  std::string version, network;
  std::vector<std::uint8_t> secret;   // the token secret (VCoord.AuthNew signs with it)
  std::mutex* daemon_lock = nullptr;  // held while a call uses `chain` or `executor`
  ChainClient* chain = nullptr;
  Executor* executor = nullptr;
  PipelinePaths paths;
  // Refuses pledges for miners the configuration disables (Config::pledge_refusal).
  std::function<std::optional<std::string>(std::uint64_t miner)> pledge_refusal;
};

inline constexpr int kSectorStateNotFound = 11001;

class VcoordApi {
 public:
  explicit VcoordApi(ApiDeps deps);
  // Routes /rpc/v0 and /metrics on `server` and counts its calls; before server.start().
  void install(RpcServer& server);
  std::shared_ptr<RpcMethods> methods();
  std::string metrics();

 private:
  ApiDeps deps_;
  std::mutex store_mu_;  // one connection, one call at a time on it
  StateStore store_;
  ApiCallStats stats_;
  std::int64_t started_at_ms_;
};

}  // namespace vseal::coord
