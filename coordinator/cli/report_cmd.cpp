// vcoord report: job accounting per job, sector, stage and miner (see report/job_report.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "report/job_report.hpp"

namespace vseal::coord {

int report_cmd(const Home& home, const Args& args) {
  po::options_description desc("vcoord report");
  desc.add_options()("miner", po::value<std::uint64_t>(), "only this miner's jobs")(
      "json", "JSON: every job, per sector and stage, per miner, per stage")(
      "csv", "CSV: one row per job")("html", "an HTML page with charts (to stdout)");
  const auto vm = parse(args, desc, {});
  if (vm.count("json") + vm.count("csv") + vm.count("html") > 1)
    throw Error(ErrorCode::BadInput, "vcoord report: choose one of --json, --csv, --html");
  auto store = home.open_state();
  const auto report = build_report(
      store, vm.count("miner") ? std::optional(vm["miner"].as<std::uint64_t>()) : std::nullopt);
  if (vm.count("json")) {
    std::cout << report_json(report);
  } else if (vm.count("csv")) {
    std::cout << report_csv(report);
  } else if (vm.count("html")) {
    std::cout << report_html(report);
  } else {
    std::cout << report_table(report);
  }
  for (const auto& w : report.warnings) std::cerr << "vcoord report: warning: " << w << "\n";
  return 0;
}

}  // namespace vseal::coord
