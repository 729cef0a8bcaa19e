// Commands that talk to the chain: util chain head|notify, util miner create|info, and the sector
// operations that need it (pledge checks the chain's allocated numbers; abort cancels jobs).
#include <iostream>

#include "base/hex.hpp"
#include "chainapi/chain_client.hpp"
#include "chainapi/head_follower.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "exec/executor.hpp"
#include "pipeline/sector_pipeline.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::coord {
namespace {

using lotus::json;

chain::Address address_option(const po::variables_map& vm, const char* name,
                              const chain::Address& fallback) {
  return vm.count(name) ? chain::Address::parse(vm[name].as<std::string>()) : fallback;
}

int chain_head(ChainClient& c) {
  const auto h = c.head();
  std::cout << json{{"height", h.height}, {"cids", h.key}}.dump() << "\n";
  return 0;
}

// Prints each head change ChainNotify pushes as one JSON line until --count changes were
// printed (0: until interrupted); a lost connection is an error here, not a retry.
int chain_notify(const RpcEndpoint& endpoint, const std::string& token, const Args& args) {
  po::options_description desc("vcoord util chain notify");
  desc.add_options()("count", po::value<std::uint64_t>()->default_value(0),
                     "stop after this many head changes (0: run until interrupted)");
  const auto vm = parse(args, desc, {});
  const auto count = vm["count"].as<std::uint64_t>();
  RpcSubscription sub(endpoint, token);
  std::uint64_t printed = 0;
  sub.run("Filecoin.ChainNotify", json::array(), [&](const json& value) {
    for (const auto& c : head_changes_from_json(value)) {
      std::cout << json{{"type", c.type},
                        {"height", c.tipset.height},
                        {"cids", lotus::tipset_key_json(c.tipset.cids)}}
                       .dump()
                << std::endl;
      if (count && ++printed == count) sub.stop();
    }
  });
  return 0;
}

int miner_create(const Home& home, ChainClient& c, const Args& args) {
  po::options_description desc("vcoord util miner create");
  desc.add_options()("from", po::value<std::string>(),
                     "sender (default: the node's first wallet address)")(
      "owner", po::value<std::string>(), "owner (default: --from)")(
      "worker", po::value<std::string>(), "worker, a BLS account (default: --owner)")(
      "sector-size", po::value<std::string>()->default_value("2KiB"), "sector size")(
      "peer", po::value<std::string>()->default_value(""), "libp2p peer id bytes (hex)")(
      "multiaddr", po::value<std::vector<std::string>>()->multitoken(), "multiaddr bytes (hex)")(
      "deposit-margin-factor", po::value<double>()->default_value(1.01), "creation deposit × this");
  const auto vm = parse(args, desc, {});
  const auto wallet = c.wallet_list();
  if (wallet.empty() && !vm.count("from"))
    throw Error(ErrorCode::BadInput, "the node has no wallet address: give --from");
  const auto from =
      address_option(vm, "from", wallet.empty() ? chain::Address::from_id(0) : wallet[0]);
  const auto owner = address_option(vm, "owner", from);
  const auto worker = address_option(vm, "worker", owner);
  const auto size = porep::parse_sector_size(vm["sector-size"].as<std::string>());
  const int seal = seal_proof_for(size);
  const double margin = vm["deposit-margin-factor"].as<double>();
  if (margin < 1.0 || margin > 10.0)
    throw Error(ErrorCode::BadInput, "--deposit-margin-factor must be within 1..10");
  chain::CreateMinerParams p;
  p.owner = owner;
  p.worker = worker;
  // Window PoSt V1_1 proof types are 10 (2KiB) .. 14 (64GiB), in the order of the seal types 5..9.
  p.window_post_proof_type = seal + 5;
  p.peer = from_hex(vm["peer"].as<std::string>());
  if (vm.count("multiaddr"))
    for (const auto& m : vm["multiaddr"].as<std::vector<std::string>>())
      p.multiaddrs.push_back(from_hex(m));
  const auto deposit = c.creation_deposit();
  chain::Message m;
  m.to = chain::Address::from_id(4);
  m.from = from;
  m.value = chain::TokenAmount(deposit.value() * static_cast<long long>(margin * 1000) / 1000)
                .to_string();
  m.method = chain::method::kCreateMiner;
  m.params = p.encode();
  const auto pushed = c.push(m, "", chain::TokenAmount());
  std::cerr << "CreateMiner pushed as " << pushed.cid << "; waiting for it to land\n";
  const auto outcome = c.wait(pushed.cid, 1);
  if (outcome.exit_code != 0)
    throw Error(ErrorCode::BadInput, "CreateMiner exited " + std::to_string(outcome.exit_code));
  const auto ret = chain::CreateMinerReturn::decode(outcome.ret);
  auto store = home.open_state();
  store.upsert_miner(ret.id_address.id(), 0, UINT64_MAX, seal);
  std::cout << json{{"id_address", lotus::address_json(ret.id_address)},
                    {"robust_address", lotus::address_json(ret.robust_address)},
                    {"message", pushed.cid},
                    {"seal_proof", std::string(porep::registered_seal_proof(seal).name)},
                    {"registered", true}}
                   .dump()
            << "\n";
  return 0;
}

int miner_info(ChainClient& c, const Args& args) {
  if (args.empty()) throw Error(ErrorCode::BadInput, "usage: vcoord util miner info ADDRESS");
  const auto addr = chain::Address::parse(args[0]);
  // As the node says it (every field), after checking it decodes.
  json out =
      c.rpc().call("Filecoin.StateMinerInfo", json::array({lotus::address_json(addr), nullptr}));
  lotus::miner_info_from_json(out);
  out["ProvingDeadline"] = c.rpc().call("Filecoin.StateMinerProvingDeadline",
                                        json::array({lotus::address_json(addr), nullptr}));
  out["Power"] =
      c.rpc().call("Filecoin.StateMinerPower", json::array({lotus::address_json(addr), nullptr}));
  out["AvailableBalance"] = c.rpc().call("Filecoin.StateMinerAvailableBalance",
                                         json::array({lotus::address_json(addr), nullptr}));
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

std::pair<std::string, std::string> configured_chain_api(const Home& home, const Config& cfg) {
  if (!cfg.chain.api.empty()) return {cfg.chain.api, cfg.chain.token};
  if (!std::filesystem::exists(home.devchain_api()))
    throw Error(ErrorCode::BadInput,
                "[Chain] Api is empty, so the chain is the built-in dev chain, which runs inside "
                "'vcoord daemon run': start the daemon first");
  return {read_first_line(home.devchain_api()).value_or(""),
          read_first_line(home.devchain_token()).value_or("")};
}

std::unique_ptr<ChainClient> connect_configured_chain(const Home& home, const Config& cfg) {
  const auto [api, token] = configured_chain_api(home, cfg);
  return connect_chain(api, token);
}

int util_cmd(const Home& home, const Args& args) {
  const std::string usage =
      "usage: vcoord util chain head|notify [--count N] | util miner create|info ...";
  if (args.size() < 2) throw Error(ErrorCode::BadInput, usage);
  const Config cfg = load_config(home.config());
  const Args rest(args.begin() + 2, args.end());
  if (args[0] == "chain" && args[1] == "notify") {
    const auto [api, token] = configured_chain_api(home, cfg);
    return chain_notify(RpcEndpoint::parse(api, "/rpc/v1"), token, rest);
  }
  auto chain = connect_configured_chain(home, cfg);
  if (args[0] == "chain" && args[1] == "head") return chain_head(*chain);
  if (args[0] == "miner" && args[1] == "create") return miner_create(home, *chain, rest);
  if (args[0] == "miner" && args[1] == "info") return miner_info(*chain, rest);
  throw Error(ErrorCode::BadInput, usage);
}

int sectors_pledge(const Home& home, const Args& args) {
  po::options_description desc("vcoord sectors pledge");
  desc.add_options()("miner", po::value<std::uint64_t>()->required(), "miner actor id")(
      "count", po::value<std::uint64_t>()->default_value(1), "CC sectors to start");
  const auto vm = parse(args, desc, {});
  const Config cfg = load_config(home.config());
  auto store = home.open_state();
  const auto miner = vm["miner"].as<std::uint64_t>();
  if (!store.miner(miner))
    throw Error(ErrorCode::BadInput,
                "miner " + std::to_string(miner) +
                    " is not registered: list it in [SectorManager] Miners "
                    "(and start the daemon) or create it with 'vcoord util miner create'");
  if (const auto refusal = cfg.pledge_refusal(miner)) throw Error(ErrorCode::BadInput, *refusal);
  auto chain = connect_configured_chain(home, cfg);
  const auto allocated = chain->allocated(chain::Address::from_id(miner)).values();
  const auto numbers = store.allocate_sectors(miner, vm["count"].as<std::uint64_t>(), allocated);
  std::cout << json{{"miner", miner}, {"sectors", numbers}}.dump() << "\n";
  return 0;
}

int sectors_abort(const Home& home, const Args& args) {
  po::options_description desc("vcoord sectors abort");
  desc.add_options()("number", po::value<std::uint64_t>()->required(), "sector number")(
      "miner", po::value<std::uint64_t>(), "miner actor id (needed when several miners exist)")(
      "reason", po::value<std::string>()->default_value("aborted by the operator"),
      "recorded reason");
  po::positional_options_description pos;
  pos.add("number", 1);
  const auto vm = parse(args, desc, pos);
  const Config cfg = load_config(home.config());
  auto store = home.open_state();
  const auto number = vm["number"].as<std::uint64_t>();
  std::optional<std::uint64_t> miner;
  if (vm.count("miner")) {
    miner = vm["miner"].as<std::uint64_t>();
  } else {
    for (const auto& m : store.miners())
      if (store.sector(m.id, number)) {
        if (miner)
          throw Error(ErrorCode::BadInput,
                      "several miners have sector " + std::to_string(number) + ": add --miner");
        miner = m.id;
      }
  }
  if (!miner) throw Error(ErrorCode::BadInput, "no sector " + std::to_string(number));
  const auto executor = make_executor(cfg.jobs, executable_dir());
  PipelinePaths paths;
  paths.bin_dir = executable_dir();
  SectorPipeline::abort_sector(store, *executor, paths, *miner, number,
                               vm["reason"].as<std::string>());
  std::cout << json{{"miner", *miner}, {"sector", number}, {"state", "Aborted"}}.dump() << "\n";
  return 0;
}

}  // namespace vseal::coord
