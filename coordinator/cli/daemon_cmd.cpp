// vcoord daemon run: the long-running coordinator. It opens the state, registers the
// configured miners, connects to the chain — or starts the built-in dev chain in-process and
// serves it on loopback — and drives the sector pipeline (and with --poster the WindowPoSt
// runner) once a second until SIGINT/SIGTERM, serving its own API and metrics at [API] Listen.
// Everything it needs to continue lives in SQLite, so stopping it (even with kill -9) and starting
// it again resumes every sector and deadline.
#include <atomic>
#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "api/jwt.hpp"
#include "base/utc_time.hpp"
#include "chainapi/chain_client.hpp"
#include "chainapi/head_follower.hpp"
#include "chainapi/lotus_types.hpp"
#include "cli/commands.hpp"
#include "cli/home_lock.hpp"
#include "config/config.hpp"
#include "devchain/chain.hpp"
#include "devchain/rpc_api.hpp"
#include "exec/executor.hpp"
#include "pipeline/sector_pipeline.hpp"
#include "porep/registered_proof.hpp"
#include "poster/window_post_runner.hpp"
#include "rpc/rpc_server.hpp"
#include "service/vcoord_api.hpp"

namespace vseal::coord {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) {
  g_stop = 1;
}

// Called from the main loop and from the head follower's thread: one write per line.
void log_line(const std::string& line) {
  static std::mutex mu;
  const std::string text = utc_iso8601(std::time(nullptr)) + " vcoord: " + line + "\n";
  std::lock_guard lock(mu);
  std::cerr << text << std::flush;
}

void write_private_text(const std::filesystem::path& p, const std::string& text) {
  const std::string line = text + "\n";
  write_private_file(p, std::span(reinterpret_cast<const std::uint8_t*>(line.data()), line.size()));
}

// [DevChain] Listen, already checked to be HOST:PORT by the config reader.
std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  return {listen.substr(0, colon),
          static_cast<std::uint16_t>(std::stoul(listen.substr(colon + 1)))};
}

}  // namespace

int seal_proof_for(std::uint64_t sector_size) {
  for (const auto& p : porep::registered_seal_proofs())
    if (p.sector_size == sector_size && p.api_version == porep::ApiVersion::V1_1_0 &&
        p.feature == porep::ApiFeature::None)
      return p.id;
  throw Error(ErrorCode::BadInput,
              "no V1_1 seal proof for sector size " + std::to_string(sector_size));
}

std::filesystem::path executable_dir() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path();
}

int daemon_run(const Home& home, const Args& args) {
  po::options_description desc("vcoord daemon run");
  desc.add_options()("poster", "run the WindowPoSt scheduler for the configured miners")(
      "miner", "answer WinningPoSt requests (not built yet: needs the Groth16 prover)")(
      "tick", po::value<unsigned>()->default_value(1000), "milliseconds between pipeline passes");
  const auto vm = parse(args, desc, {});
  if (vm.count("miner"))
    throw Error(
        ErrorCode::Unsupported,
        "--miner is not built yet (WinningPoSt needs the Groth16 prover); start without it");
  const Config cfg = load_config(home.config());
  const HomeLock one_daemon(home.dir / "daemon.lock");
  auto store = home.open_state();

  std::unique_ptr<devchain::DevChain> devchain;
  std::unique_ptr<RpcServer> devchain_server;
  std::unique_ptr<ChainClient> chain;
  std::string chain_token;
  if (cfg.chain.api.empty()) {
    devchain::DevChainConfig dc;
    dc.profile = cfg.devchain.profile;
    dc.proof_mode = cfg.devchain.proof_mode;
    dc.block_time = cfg.devchain.block_time;
    dc.accounts = static_cast<unsigned>(cfg.devchain.accounts);
    dc.data_dir = home.devchain_dir();
    devchain = std::make_unique<devchain::DevChain>(dc);
    const auto secret = load_or_create_secret(home.secret());
    const auto [host, port] = split_listen(cfg.devchain.listen);
    devchain_server = std::make_unique<RpcServer>(host, port, secret);
    devchain_server->route("/rpc/v1", devchain::make_rpc_methods(*devchain));
    devchain_server->route("/rpc/v0", devchain::make_messager_methods(*devchain));
    devchain_server->start();
    const std::string url = devchain_server->url("/rpc/v1");
    const std::string token = create_token(secret, permissions_up_to(Permission::Admin));
    write_private_text(home.devchain_token(), token);
    write_private_text(home.devchain_api(), url);
    devchain->start();
    chain = connect_chain(url, token);
    chain_token = token;
    log_line("built-in dev chain " + devchain->network_name() + " at " + url + ", height " +
             std::to_string(devchain->head()) + " (a test and demo chain)");
  } else {
    chain = connect_chain(cfg.chain.api, cfg.chain.token);
    chain_token = cfg.chain.token;
    log_line("chain node " + cfg.chain.api);
  }
  // Messages go through venus-messager when [Messager] Api is set (its token defaults to the
  // chain's, as one venus-auth token usually serves both), else through the node's mpool.
  std::unique_ptr<MessageSender> sender;
  if (!cfg.messager.api.empty()) {
    sender = std::make_unique<MessagerSender>(connect_messager(
        cfg.messager.api, cfg.messager.token.empty() ? chain_token : cfg.messager.token));
    log_line("messages through venus-messager at " + cfg.messager.api);
  } else {
    sender = std::make_unique<MpoolSender>(*chain);
  }

  for (const auto& m : cfg.miners) {
    const auto info = chain->miner_info(chain::Address::from_id(m.id));
    store.upsert_miner(m.id, m.init_number, m.max_number, seal_proof_for(info.sector_size));
  }

  const auto executor = make_executor(cfg.jobs, executable_dir());
  PipelinePaths paths;
  paths.scratch =
      cfg.jobs.scratch.empty() ? home.dir / "scratch" : std::filesystem::path(cfg.jobs.scratch);
  const char* parents = std::getenv("FIL_PROOFS_PARENT_CACHE");
  paths.parents = parents && *parents ? std::filesystem::path(parents) : home.dir / "parents";
  paths.bin_dir = executable_dir();
  paths.stores = load_persisted_stores(cfg);
  for (const auto& st : paths.stores)
    log_line("persisted store " + st.name + " at " + st.path +
             (st.read_only ? " (read-only)" : "") + (st.strict ? " (strict)" : "") + ", weight " +
             std::to_string(st.weight));
  {
    // A store removed from the configuration leaves its sectors unreadable: say so loudly.
    std::map<std::string, std::uint64_t> orphaned;
    for (const auto& u : store.store_use())
      if (!find_store(paths.stores, u.store)) orphaned[u.store] += u.sectors;
    for (const auto& [name, n] : orphaned)
      log_line("ERROR: " + std::to_string(n) + " sector(s) live in persisted store '" + name +
               "', which [PersistedStore] no longer lists; they cannot be proven until it is "
               "configured again");
  }
  SectorPipeline pipeline(cfg, store, *executor, *chain, *sender, paths, log_line);
  std::unique_ptr<WindowPostRunner> poster;
  if (vm.count("poster")) {
    poster =
        std::make_unique<WindowPostRunner>(cfg, store, *executor, *chain, *sender, paths, log_line);
    log_line("WindowPoSt runner on: every miner in the state is proven in its deadlines");
  }

  // The API's calls that use the executor or the chain client run between pipeline passes.
  std::mutex daemon_lock;
  std::unique_ptr<VcoordApi> api;
  std::unique_ptr<RpcServer> api_server;
  if (!cfg.api.listen.empty()) {
    ApiDeps deps;
    deps.state = home.state();
    deps.version = VSEAL_VERSION;
    deps.network = lotus::network_params_from_json(chain->network_params()).name;
    deps.secret = load_or_create_secret(home.secret());
    const auto [host, port] = split_listen(cfg.api.listen);
    api_server = std::make_unique<RpcServer>(host, port, deps.secret);
    deps.daemon_lock = &daemon_lock;
    deps.chain = chain.get();
    deps.executor = executor.get();
    deps.paths = paths;
    deps.pledge_refusal = [&cfg](std::uint64_t miner) { return cfg.pledge_refusal(miner); };
    api = std::make_unique<VcoordApi>(std::move(deps));
    api->install(*api_server);
    api_server->start();
    write_private_text(home.api_file(), api_server->url("/rpc/v0"));
    log_line("API at " + api_server->url("/rpc/v0") + ", metrics at " +
             api_server->url("/metrics") + " (tokens: vcoord auth create-token)");
    if (host != "127.0.0.1" && host != "::1")
      log_line("WARNING: the API listens on " + host +
               ", beyond loopback; every call still needs a token");
  }

  // A new head starts a pass at once (a PoSt window or a seed is acted on within ~50 ms of its
  // block, not up to a tick later); the tick still paces passes for job progress and covers a
  // node without ChainNotify.
  std::atomic<std::uint64_t> head_changes{0};
  HeadFollower follower(
      chain->rpc().endpoint(), chain_token,
      [&head_changes](const std::vector<lotus::HeadChange>& changes) {
        for (const auto& c : changes)
          if (c.type == "revert")
            log_line("chain reorganisation: the tipset at height " +
                     std::to_string(c.tipset.height) + " was reverted");
        ++head_changes;
      },
      log_line);

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  log_line("running: " + std::to_string(store.sectors().size()) + " sectors in " +
           home.state().string() + ", jobs under " + paths.scratch.string());
  const auto tick = std::chrono::milliseconds(vm["tick"].as<unsigned>());
  while (!g_stop) {
    const std::uint64_t heads_seen = head_changes;
    {
      std::lock_guard lock(daemon_lock);
      pipeline.tick();
      if (poster) poster->tick();
    }
    for (auto waited = std::chrono::milliseconds(0);
         waited < tick && !g_stop && head_changes == heads_seen;
         waited += std::chrono::milliseconds(50))
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  log_line("stopping (jobs keep running and are re-attached on the next start)");
  follower.stop();
  if (api_server) {
    api_server->stop();
    std::filesystem::remove(home.api_file());
  }
  if (devchain_server) devchain_server->stop();
  if (devchain) devchain->stop();
  std::filesystem::remove(home.devchain_api());
  return 0;
}

}  // namespace vseal::coord
