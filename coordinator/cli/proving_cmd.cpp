// vcoord proving info|deadlines|faults: what the chain says about each miner's WindowPoSt
// duties (current deadline, partitions, faulty and recovering sectors), side by side with
// what vcoord's runner did for each deadline (its last run's state and detail).
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "chainapi/chain_client.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;

std::vector<std::uint64_t> selected_miners(StateStore& store, const po::variables_map& vm) {
  if (vm.count("miner")) return {vm["miner"].as<std::uint64_t>()};
  std::vector<std::uint64_t> out;
  for (const auto& m : store.miners()) out.push_back(m.id);
  if (out.empty())
    throw Error(ErrorCode::BadInput,
                "no miner registered: create one with 'vcoord util miner "
                "create' or name it with --miner");
  return out;
}

json deadline_json(const lotus::DeadlineInfo& d) {
  return {{"index", d.index},
          {"period_start", d.period_start},
          {"open", d.open},
          {"close", d.close},
          {"challenge", d.challenge},
          {"fault_cutoff", d.fault_cutoff},
          {"current_epoch", d.current_epoch},
          {"deadlines", d.period_deadlines},
          {"proving_period", d.proving_period},
          {"challenge_window", d.challenge_window}};
}

// The newest run of each deadline index.
std::map<std::uint64_t, PostRun> last_runs(StateStore& store, std::uint64_t miner) {
  std::map<std::uint64_t, PostRun> out;
  for (auto& r : store.post_runs(miner))  // newest first
    out.emplace(r.deadline, std::move(r));
  return out;
}

json info(ChainClient& chain, std::uint64_t miner) {
  const auto addr = chain::Address::from_id(miner);
  const auto d = chain.proving_deadline(addr);
  const auto power = chain.power(addr);
  std::uint64_t live = 0, active = 0, faulty = 0, recovering = 0;
  for (std::uint64_t i = 0; i < d.period_deadlines; ++i)
    for (const auto& p : chain.partitions(addr, i)) {
      live += p.live.count();
      active += p.active.count();
      faulty += p.faulty.count();
      recovering += p.recovering.count();
    }
  return {{"miner", miner},
          {"deadline", deadline_json(d)},
          {"sectors",
           {{"live", live}, {"active", active}, {"faulty", faulty}, {"recovering", recovering}}},
          {"raw_power", power.raw.to_string()}};
}

json deadlines(ChainClient& chain, StateStore& store, std::uint64_t miner) {
  const auto addr = chain::Address::from_id(miner);
  const auto d = chain.proving_deadline(addr);
  const auto states = chain.deadlines(addr);
  const auto runs = last_runs(store, miner);
  json out = json::array();
  for (std::uint64_t i = 0; i < d.period_deadlines; ++i) {
    std::uint64_t all = 0, live = 0, faulty = 0, recovering = 0;
    const auto parts = chain.partitions(addr, i);
    for (const auto& p : parts) {
      all += p.all.count();
      live += p.live.count();
      faulty += p.faulty.count();
      recovering += p.recovering.count();
    }
    json e = {{"miner", miner},
              {"index", i},
              {"current", i == d.index},
              {"partitions", parts.size()},
              {"sectors", all},
              {"live", live},
              {"faulty", faulty},
              {"recovering", recovering},
              {"proven_partitions", i < states.size() ? states[i].post_submissions.count() : 0}};
    if (const auto r = runs.find(i); r != runs.end())
      e["last_run"] = {{"open", r->second.open},
                       {"state", r->second.state},
                       {"detail", r->second.detail},
                       {"messages", r->second.message_uids}};
    out.push_back(e);
  }
  return out;
}

json faults(ChainClient& chain, std::uint64_t miner) {
  const auto addr = chain::Address::from_id(miner);
  const auto d = chain.proving_deadline(addr);
  json out = json::array();
  for (std::uint64_t i = 0; i < d.period_deadlines; ++i) {
    const auto parts = chain.partitions(addr, i);
    for (std::size_t k = 0; k < parts.size(); ++k)
      for (const auto n : parts[k].faulty.values())
        out.push_back({{"miner", miner},
                       {"sector", n},
                       {"deadline", i},
                       {"partition", k},
                       {"recovering", parts[k].recovering.contains(n)}});
  }
  return out;
}

void print_table(const std::string& what, const json& rows) {
  if (what == "info") {
    for (const auto& r : rows) {
      const auto& d = r["deadline"];
      std::cout << "miner " << r["miner"] << ": deadline " << d["index"] << " of " << d["deadlines"]
                << " (open " << d["open"] << ", close " << d["close"] << ", challenge "
                << d["challenge"] << ") at epoch " << d["current_epoch"] << "; sectors live "
                << r["sectors"]["live"] << ", active " << r["sectors"]["active"] << ", faulty "
                << r["sectors"]["faulty"] << ", recovering " << r["sectors"]["recovering"]
                << "; power " << r["raw_power"].get<std::string>() << " bytes\n";
    }
    return;
  }
  if (what == "deadlines") {
    std::cout << std::left << std::setw(8) << "MINER" << std::setw(5) << "DL" << std::setw(6)
              << "PARTS" << std::setw(8) << "SECTORS" << std::setw(7) << "FAULTY" << std::setw(7)
              << "RECOV" << std::setw(7) << "PROVEN"
              << "LAST RUN\n";
    for (const auto& r : rows) {
      std::string last = "-";
      if (r.contains("last_run"))
        last = r["last_run"]["state"].get<std::string>() + " (open " +
               std::to_string(r["last_run"]["open"].get<std::int64_t>()) +
               "): " + r["last_run"]["detail"].get<std::string>();
      std::cout << std::setw(8) << r["miner"].get<std::uint64_t>() << std::setw(5)
                << (std::to_string(r["index"].get<std::uint64_t>()) +
                    (r["current"].get<bool>() ? "*" : ""))
                << std::setw(6) << r["partitions"].get<std::uint64_t>() << std::setw(8)
                << r["sectors"].get<std::uint64_t>() << std::setw(7)
                << r["faulty"].get<std::uint64_t>() << std::setw(7)
                << r["recovering"].get<std::uint64_t>() << std::setw(7)
                << r["proven_partitions"].get<std::uint64_t>() << last << "\n";
    }
    return;
  }
  std::cout << std::left << std::setw(8) << "MINER" << std::setw(8) << "SECTOR" << std::setw(10)
            << "DEADLINE" << std::setw(11) << "PARTITION"
            << "RECOVERING\n";
  for (const auto& r : rows)
    std::cout << std::setw(8) << r["miner"].get<std::uint64_t>() << std::setw(8)
              << r["sector"].get<std::uint64_t>() << std::setw(10)
              << r["deadline"].get<std::uint64_t>() << std::setw(11)
              << r["partition"].get<std::uint64_t>() << (r["recovering"].get<bool>() ? "yes" : "no")
              << "\n";
}

}  // namespace

int proving_cmd(const Home& home, const Args& args) {
  const std::string usage = "usage: vcoord proving info|deadlines|faults [--miner ID] [--json]";
  if (args.empty() || (args[0] != "info" && args[0] != "deadlines" && args[0] != "faults"))
    throw Error(ErrorCode::BadInput, usage);
  po::options_description desc("vcoord proving " + args[0]);
  desc.add_options()("miner", po::value<std::uint64_t>(), "miner actor id (default: all)")(
      "json", "JSON output");
  const auto vm = parse(Args(args.begin() + 1, args.end()), desc, {});
  const Config cfg = load_config(home.config());
  auto store = home.open_state();
  auto chain = connect_configured_chain(home, cfg);
  json rows = json::array();
  for (const auto miner : selected_miners(store, vm)) {
    if (args[0] == "info") rows.push_back(info(*chain, miner));
    if (args[0] == "deadlines")
      for (auto& r : deadlines(*chain, store, miner)) rows.push_back(std::move(r));
    if (args[0] == "faults")
      for (auto& r : faults(*chain, miner)) rows.push_back(std::move(r));
  }
  if (vm.count("json"))
    std::cout << rows.dump() << "\n";
  else
    print_table(args[0], rows);
  return 0;
}

}  // namespace vseal::coord
