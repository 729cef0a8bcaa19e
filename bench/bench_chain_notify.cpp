// How soon vcoord hears of a new block: a dev chain served over loopback, vcoord's
// HeadFollower subscribed to Filecoin.ChainNotify, and the time from the block being produced
// to the follower's callback (what wakes the daemon's pipeline and PoSt passes). Polling
// ChainHead every tick T hears of it T/2 later on average (500 ms at the default 1 s tick).
#include <benchmark/benchmark.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "api/jwt.hpp"
#include "chainapi/head_follower.hpp"
#include "devchain/chain.hpp"
#include "devchain/rpc_api.hpp"
#include "rpc/rpc_server.hpp"

namespace {

using namespace vseal::coord;

void BM_ChainNotifyBlockToCallback(benchmark::State& state) {
  devchain::DevChainConfig cfg;
  devchain::DevChain chain(cfg);
  const std::vector<std::uint8_t> secret(32, 3);
  RpcServer server("127.0.0.1", 0, secret);
  server.route("/rpc/v1", devchain::make_rpc_methods(chain));
  server.start();
  std::mutex mu;
  std::condition_variable cv;
  std::int64_t heard = -1;
  HeadFollower follower(
      RpcEndpoint::parse(server.url("/rpc/v1"), "/rpc/v1"),
      create_token(secret, permissions_up_to(Permission::Read)),
      [&](const std::vector<lotus::HeadChange>& changes) {
        std::lock_guard lock(mu);
        heard = changes.back().tipset.height;
        cv.notify_all();
      },
      [](const std::string&) {});
  auto wait_heard = [&](std::int64_t h) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return heard >= h; });
  };
  wait_heard(chain.head());
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    chain.mine(1);
    wait_heard(chain.head());
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  follower.stop();
  server.stop();
  chain.stop();
}
BENCHMARK(BM_ChainNotifyBlockToCallback)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace
