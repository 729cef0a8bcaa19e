// vcoord: the coordinator's command line. Global options pick the home directory (config and
// state) and the network; the commands built so far set up a home, check the configuration and
// read the state. Errors go to stderr with the exit codes of architecture.md §5.
#include <sys/stat.h>

#include <boost/program_options.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "api/jwt.hpp"
#include "base/error.hpp"
#include "base/utc_time.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "jobs/common/job_main.hpp"
#include "pipeline/sector_pipeline.hpp"
#include "service/state_views.hpp"
#include "state/store.hpp"

namespace po = boost::program_options;

namespace vseal::coord {
namespace {

using Args = std::vector<std::string>;

constexpr const char* kUsage =
    R"(usage: vcoord [--home DIR] [--net mainnet|calibnet|devnet] <command>

  vcoord daemon init              write DIR/vcoord.toml (commented defaults) and DIR/state.db
  vcoord daemon run [--poster]    run the coordinator (and the built-in dev chain when
                                  [Chain] Api is empty) until SIGINT/SIGTERM; --poster also
                                  keeps the miners' WindowPoSt deadlines
  vcoord util chain head          the chain's head height and tipset key
  vcoord util chain notify [--count N]
                                  follow the head (Filecoin.ChainNotify over a websocket),
                                  one JSON line per change
  vcoord util miner create [--from A] [--owner A] [--worker A] [--sector-size 2KiB]
                                  CreateMiner on chain; registers the new miner
  vcoord util miner info ADDRESS  miner info, proving deadline, power, available balance
  vcoord sectors pledge --miner ID [--count N]
                                  start N committed-capacity sectors
  vcoord sectors abort NUMBER [--miner ID] [--reason TEXT]
                                  stop a sector: cancel its job, mark it Aborted
  vcoord config check [FILE]      read and validate the configuration (default DIR/vcoord.toml)
  vcoord sectors list [--miner ID] [--json]
  vcoord sectors status NUMBER [--miner ID] [--json]
  vcoord jobs list [--active] [--json]
  vcoord report [--miner ID] [--json|--csv|--html]
                                  job accounting: wall time, CPU-/GPU-hours, peak RSS,
                                  retries per sector and stage, per miner (sacct for Slurm)
  vcoord proving info|deadlines|faults [--miner ID] [--json]
                                  WindowPoSt duties from the chain and what the runner did
  vcoord stores list [--json]     the persisted stores: flags, weight, room, sectors in each
  vcoord auth create-token --perm read|write|sign|admin
                                  an API token (lotus-style JWT) signed with DIR/token-secret

DIR defaults to $VCOORD_HOME or ~/.vcoord. The running daemon serves its JSON-RPC API
(VCoord.*) and Prometheus /metrics at [API] Listen (default 127.0.0.1:1789; its URL in
DIR/api), every request with a token from `vcoord auth create-token` (docs/vcoord.md).
Not built yet: the C2 stage (sectors wait at SeedReady for the Groth16 prover; WindowPoSt
SNARKs likewise) and daemon run --miner (WinningPoSt).
)";

int daemon_init(const Home& home) {
  std::filesystem::create_directories(home.dir);
  ::chmod(home.dir.c_str(), 0700);  // tokens and keys live here
  if (std::filesystem::exists(home.config())) {
    throw Error(ErrorCode::BadInput,
                home.config().string() +
                    " already exists; vcoord daemon init never overwrites a configuration");
  }
  const std::string text = default_config_text(home.net);
  parse_config(text, home.config().string());  // the file we write must be one we accept
  {
    const auto tmp = home.config().string() + ".tmp";
    std::ofstream out(tmp);
    out << text;
    out.close();
    if (!out) throw Error(ErrorCode::Io, "cannot write " + tmp);
    std::filesystem::rename(tmp, home.config());
  }
  StateStore store(home.state());
  load_or_create_secret(home.secret());
  std::cout << nlohmann::json{{"home", home.dir.string()},
                              {"config", home.config().string()},
                              {"state", home.state().string()},
                              {"schema_version", StateStore::kSchemaVersion},
                              {"net", home.net}}
                   .dump()
            << "\n";
  return 0;
}

int config_check(const Home& home, const Args& args) {
  po::options_description desc("vcoord config check");
  desc.add_options()("file", po::value<std::string>(), "configuration file");
  po::positional_options_description pos;
  pos.add("file", 1);
  const auto vm = parse(args, desc, pos);
  const std::filesystem::path path =
      vm.count("file") ? std::filesystem::path(vm["file"].as<std::string>()) : home.config();
  const Config cfg = load_config(path);
  nlohmann::json miners = nlohmann::json::array();
  for (const auto& m : cfg.miners) {
    const auto& p = cfg.commitment(m.id);
    miners.push_back({{"id", m.id},
                      {"init_number", m.init_number},
                      {"max_number", m.max_number},
                      {"disabled", m.disabled},
                      {"pre_commit_batch", p.enable_batch_pre_commit},
                      {"prove_commit_batch", p.enable_batch_pro_commit},
                      {"msg_confidence", p.msg_confidence},
                      {"max_pre_commit_fee_cap", p.max_pre_commit_fee_cap.to_string()}});
  }
  nlohmann::json stages = nlohmann::json::object();
  for (const auto& [name, s] : cfg.jobs.stages)
    stages[name] = {{"cpus", s.cpus},
                    {"memory_mib", s.memory_mib},
                    {"gpus", s.gpus},
                    {"concurrency", s.concurrency}};
  std::cout << nlohmann::json{{"file", path.string()},
                              {"valid", true},
                              {"miners", miners},
                              {"chain",
                               cfg.chain.api.empty() ? "built-in dev chain" : cfg.chain.api},
                              {"persisted_stores", cfg.stores.size()},
                              {"executor", cfg.jobs.executor},
                              {"stages", stages}}
                   .dump()
            << "\n";
  return 0;
}

int sectors_cmd(const Home& home, const Args& args) {
  if (args.empty()) throw Error(ErrorCode::BadInput, "usage: vcoord sectors list|status ...");
  po::options_description desc("vcoord sectors");
  desc.add_options()("miner", po::value<std::uint64_t>(), "miner actor id")("json", "JSON output")(
      "number", po::value<std::uint64_t>(), "sector number");
  po::positional_options_description pos;
  pos.add("number", 1);
  const auto vm = parse(Args(args.begin() + 1, args.end()), desc, pos);
  auto store = home.open_state();
  const std::optional<std::uint64_t> miner =
      vm.count("miner") ? std::optional(vm["miner"].as<std::uint64_t>()) : std::nullopt;
  if (args[0] == "list") {
    const auto all = store.sectors(miner);
    if (vm.count("json")) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : all) out.push_back(sector_json(r));
      std::cout << out.dump() << "\n";
    } else {
      std::cout << std::left << std::setw(10) << "MINER" << std::setw(10) << "SECTOR"
                << std::setw(22) << "STATE" << std::setw(9) << "FAILURES"
                << "UPDATED\n";
      for (const auto& r : all)
        std::cout << std::setw(10) << r.miner << std::setw(10) << r.number << std::setw(22)
                  << r.state << std::setw(9) << r.failures << time_text(r.updated_at_ms) << "\n";
    }
    return 0;
  }
  if (args[0] == "status") {
    if (!vm.count("number"))
      throw Error(ErrorCode::BadInput, "usage: vcoord sectors status NUMBER [--miner ID]");
    const std::uint64_t number = vm["number"].as<std::uint64_t>();
    std::optional<SectorRecord> rec;
    if (miner) {
      rec = store.sector(*miner, number);
    } else {
      for (const auto& m : store.miners()) {
        auto r = store.sector(m.id, number);
        if (r && rec)
          throw Error(ErrorCode::BadInput, "sector " + std::to_string(number) +
                                               " exists for several miners: add --miner");
        if (r) rec = r;
      }
    }
    if (!rec) throw Error(ErrorCode::BadInput, "no sector " + std::to_string(number));
    nlohmann::json out = sector_json(*rec);
    const nlohmann::json history = sector_history_json(store.events(rec->miner, rec->number));
    out["history"] = history;
    if (vm.count("json")) {
      std::cout << out.dump() << "\n";
    } else {
      std::cout << "sector " << rec->miner << "/" << rec->number << ": " << rec->state << " — "
                << sector_state_explanation(rec->state) << "\n";
      if (rec->abort_reason) std::cout << "  reason: " << *rec->abort_reason << "\n";
      for (const auto& h : history)
        std::cout << "  " << h["at"].get<std::string>() << "  " << std::setw(20)
                  << h["to"].get<std::string>() << " " << h["detail"].get<std::string>() << "\n";
    }
    return 0;
  }
  throw Error(ErrorCode::BadInput,
              "unknown sectors command '" + args[0] + "' (list, status, pledge, abort)");
}

int jobs_cmd(const Home& home, const Args& args) {
  if (args.empty() || args[0] != "list")
    throw Error(ErrorCode::BadInput, "usage: vcoord jobs list [--active] [--json]");
  po::options_description desc("vcoord jobs list");
  desc.add_options()("active", "only queued and running jobs")("json", "JSON output");
  const auto vm = parse(Args(args.begin() + 1, args.end()), desc, {});
  auto store = home.open_state();
  const auto all = store.jobs(vm.count("active") > 0);
  if (vm.count("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& j : all) out.push_back(job_json(j));
    std::cout << out.dump() << "\n";
  } else {
    std::cout << std::left << std::setw(28) << "JOB" << std::setw(8) << "STAGE" << std::setw(11)
              << "STATE" << std::setw(10) << "EXECUTOR"
              << "HANDLE\n";
    for (const auto& j : all)
      std::cout << std::setw(28) << j.id << std::setw(8) << j.stage << std::setw(11) << j.state
                << std::setw(10) << j.executor << j.handle.value_or("-") << "\n";
  }
  return 0;
}

int auth_cmd(const Home& home, const Args& args) {
  if (args.empty() || args[0] != "create-token")
    throw Error(ErrorCode::BadInput,
                "usage: vcoord auth create-token --perm read|write|sign|admin");
  po::options_description desc("vcoord auth create-token");
  desc.add_options()("perm", po::value<std::string>()->required(), "read | write | sign | admin");
  const auto vm = parse(Args(args.begin() + 1, args.end()), desc, {});
  if (!std::filesystem::exists(home.secret()))
    throw Error(ErrorCode::BadInput, "no token secret at " + home.secret().string() +
                                         ": run 'vcoord daemon init' first");
  const auto secret = load_or_create_secret(home.secret());
  std::cout << create_token(secret,
                            permissions_up_to(parse_permission(vm["perm"].as<std::string>())))
            << "\n";
  return 0;
}

int run(const Args& argv) {
  po::options_description global("vcoord");
  global.add_options()("home", po::value<std::string>(), "home directory")(
      "net", po::value<std::string>()->default_value("mainnet"), "mainnet | calibnet | devnet")(
      "help,h", "usage");
  // Global options come before the command; everything from the command on is the command's.
  std::size_t first = 0;
  while (first < argv.size() && argv[first].starts_with("-")) {
    first += (argv[first] == "--home" || argv[first] == "--net") ? 2u : 1u;
  }
  first = std::min(first, argv.size());
  const auto vm =
      parse(Args(argv.begin(), argv.begin() + static_cast<std::ptrdiff_t>(first)), global, {});
  const Args cmd(argv.begin() + static_cast<std::ptrdiff_t>(first), argv.end());
  if (vm.count("help") || cmd.empty()) {
    std::cout << kUsage;
    return cmd.empty() && !vm.count("help") ? jobs::kExitBadInput : 0;
  }
  Home home;
  home.net = vm["net"].as<std::string>();
  if (home.net != "mainnet" && home.net != "calibnet" && home.net != "devnet")
    throw Error(ErrorCode::BadInput,
                "--net must be mainnet, calibnet or devnet, not '" + home.net + "'");
  if (vm.count("home")) {
    home.dir = vm["home"].as<std::string>();
  } else if (const char* env = std::getenv("VCOORD_HOME"); env && *env) {
    home.dir = env;
  } else {
    const char* h = std::getenv("HOME");
    home.dir = std::filesystem::path(h ? h : "/root") / ".vcoord";
  }
  // Jobs run in their own directories and the home's paths go into their specs: a relative
  // --home must not be read relative to some job's working directory.
  home.dir = std::filesystem::absolute(home.dir).lexically_normal();
  const Args rest(cmd.begin() + 1, cmd.end());
  if (cmd[0] == "daemon" && !rest.empty() && rest[0] == "init") return daemon_init(home);
  if (cmd[0] == "daemon" && !rest.empty() && rest[0] == "run")
    return daemon_run(home, Args(rest.begin() + 1, rest.end()));
  if (cmd[0] == "util") return util_cmd(home, rest);
  if (cmd[0] == "sectors" && !rest.empty() && rest[0] == "pledge")
    return sectors_pledge(home, Args(rest.begin() + 1, rest.end()));
  if (cmd[0] == "sectors" && !rest.empty() && rest[0] == "abort")
    return sectors_abort(home, Args(rest.begin() + 1, rest.end()));
  if (cmd[0] == "config" && !rest.empty() && rest[0] == "check")
    return config_check(home, Args(rest.begin() + 1, rest.end()));
  if (cmd[0] == "sectors") return sectors_cmd(home, rest);
  if (cmd[0] == "jobs") return jobs_cmd(home, rest);
  if (cmd[0] == "report") return report_cmd(home, rest);
  if (cmd[0] == "proving") return proving_cmd(home, rest);
  if (cmd[0] == "auth") return auth_cmd(home, rest);
  if (cmd[0] == "stores") return stores_cmd(home, rest);
  throw Error(
      ErrorCode::BadInput,
      "unknown command '" + cmd[0] + (rest.empty() ? "" : " " + rest[0]) + "' (see vcoord --help)");
}

}  // namespace
}  // namespace vseal::coord

int main(int argc, char** argv) {
  return vseal::jobs::run_main(
      "vcoord", [&] { return vseal::coord::run(vseal::coord::Args(argv + 1, argv + argc)); });
}
