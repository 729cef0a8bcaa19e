// vcoord stores list: the persisted stores of the configuration with their room and how many
// sectors live in or are moving to each (damocles' `util storage list`).
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "config/config.hpp"
#include "pipeline/sector_pipeline.hpp"
#include "stores/persisted_stores.hpp"

namespace vseal::coord {

int stores_cmd(const Home& home, const Args& args) {
  if (args.empty() || args[0] != "list")
    throw Error(ErrorCode::BadInput, "usage: vcoord stores list [--json]");
  po::options_description desc("vcoord stores list");
  desc.add_options()("json", "JSON output");
  const auto vm = parse(Args(args.begin() + 1, args.end()), desc, {});
  const auto stores = load_persisted_stores(load_config(home.config()));
  auto state = home.open_state();
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> counts;  // proving, moving
  for (const auto& u : state.store_use())
    (u.state == sector_state::kPersisting ? counts[u.store].second : counts[u.store].first) +=
        u.sectors;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : stores) {
    std::error_code ec;
    const auto space = std::filesystem::space(s.path, ec);
    out.push_back({{"name", s.name},
                   {"path", s.path},
                   {"read_only", s.read_only},
                   {"strict", s.strict},
                   {"weight", s.weight},
                   {"allow_miners", s.allow_miners},
                   {"deny_miners", s.deny_miners},
                   {"capacity_bytes", ec ? 0 : space.capacity},
                   {"available_bytes", ec ? 0 : space.available},
                   {"sectors", counts[s.name].first},
                   {"moving_in", counts[s.name].second}});
  }
  if (vm.count("json")) {
    std::cout << out.dump() << "\n";
    return 0;
  }
  if (stores.empty()) std::cout << "no [PersistedStore] configured: sectors stay in scratch\n";
  for (const auto& s : out)
    std::cout << std::left << std::setw(16) << s["name"].get<std::string>() << " "
              << s["path"].get<std::string>() << (s["read_only"].get<bool>() ? " read-only" : "")
              << (s["strict"].get<bool>() ? " strict" : "") << "  weight " << s["weight"]
              << "  available " << s["available_bytes"].get<std::uint64_t>() / (1u << 30)
              << " GiB of " << s["capacity_bytes"].get<std::uint64_t>() / (1u << 30) << "  "
              << s["sectors"] << " sector(s), " << s["moving_in"] << " moving in\n";
  return 0;
}

}  // namespace vseal::coord
