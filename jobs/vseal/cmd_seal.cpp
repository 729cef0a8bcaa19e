// vseal seal: PC1 then PC2 of one sector in this process, through the very job code the
// vseal-pc1 / vseal-pc2 executables run (specs written to --out, so a run can be repeated or
// resumed with the jobs). Prints the commitments; the cache directory and the replica are left
// in --out in rust-fil-proofs' layout.
#include <chrono>
#include <iostream>
#include <sstream>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "io/atomic_file.hpp"
#include "jobs/common/job_clock.hpp"
#include "jobs/common/job_main.hpp"
#include "pc1/pc1_job.hpp"
#include "pc2/pc2_job.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

// The jobs print their result.json on stdout; `vseal seal` prints one document of its own.
class CaptureStdout {
 public:
  CaptureStdout() : old_(std::cout.rdbuf(buffer_.rdbuf())) {}
  ~CaptureStdout() { std::cout.rdbuf(old_); }
  CaptureStdout(const CaptureStdout&) = delete;
  CaptureStdout& operator=(const CaptureStdout&) = delete;
  nlohmann::json last_json() const {
    std::string line, last;
    std::istringstream in(buffer_.str());
    while (std::getline(in, line))
      if (!line.empty()) last = line;
    return nlohmann::json::parse(last);
  }

 private:
  std::ostringstream buffer_;
  std::streambuf* old_;
};

}  // namespace

int cmd_seal(const Args& args) {
  po::options_description desc("vseal seal");
  desc.add_options()("sector-size", po::value<std::string>(), "e.g. 2KiB, 32KiB, 32GiB")(
      "porep-id", po::value<std::string>(), "32 bytes hex (with --sector-size)")(
      "api-version", po::value<std::string>(), "1.0.0 | 1.1.0 | 1.2.0 (with --sector-size)")(
      "registered-proof", po::value<std::string>(), "instead of the three above")(
      "prover-id", po::value<std::string>()->required(), "32 bytes hex")(
      "sector-id", po::value<std::uint64_t>()->required(), "sector number")(
      "ticket", po::value<std::string>()->required(), "32 bytes hex")(
      "data", po::value<std::string>(), "the fr32-padded sector data (sector-size bytes)")(
      "cc", po::bool_switch(), "an empty (all-zero) sector instead of --data")(
      "out", po::value<std::string>()->required(), "directory for cache/, sealed, specs")(
      "parents", po::value<std::string>()->default_value("/var/tmp/filecoin-parents"),
      "parent cache directory")("threads", po::value<unsigned>(), "threads (default: all)");
  const auto vm = parse_options(args, desc, {});
  const bool cc = vm["cc"].as<bool>();
  if (cc == (vm.count("data") > 0))
    usage_error("vseal seal: give exactly one of --data FILE or --cc");
  const std::filesystem::path out = std::filesystem::absolute(vm["out"].as<std::string>());
  std::filesystem::create_directories(out);

  nlohmann::json common = {{"miner", 0}, {"sector_number", vm["sector-id"].as<std::uint64_t>()}};
  if (vm.count("registered-proof")) {
    if (vm.count("sector-size") || vm.count("porep-id"))
      usage_error("vseal seal: --registered-proof replaces --sector-size/--porep-id");
    common["registered_proof"] = vm["registered-proof"].as<std::string>();
    if (vm.count("api-version")) common["api_version"] = vm["api-version"].as<std::string>();
  } else {
    if (!vm.count("sector-size") || !vm.count("porep-id") || !vm.count("api-version"))
      usage_error(
          "vseal seal: give --sector-size, --porep-id and --api-version (or --registered-proof)");
    common["sector_size"] = vm["sector-size"].as<std::string>();
    common["porep_id"] = vm["porep-id"].as<std::string>();
    common["api_version"] = vm["api-version"].as<std::string>();
  }
  if (cc) {
    common["cc"] = true;
  } else {
    common["data"] = std::filesystem::absolute(vm["data"].as<std::string>()).string();
  }
  if (vm.count("threads")) common["resources"] = {{"threads", vm["threads"].as<unsigned>()}};
  const auto cache = out / "cache";
  const auto sealed = out / "sealed";

  nlohmann::json pc1 = common;
  pc1["prover_id"] = vm["prover-id"].as<std::string>();
  pc1["ticket"] = vm["ticket"].as<std::string>();
  pc1["paths"] = {{"scratch", (out / "scratch").string()},
                  {"parents", vm["parents"].as<std::string>()},
                  {"cache", cache.string()}};
  io::write_file_atomic(out / "pc1.json", pc1.dump(2));

  auto t = jobs::Clock::now();
  nlohmann::json pc1_result;
  {
    CaptureStdout capture;
    const int rc = pc1::run_pc1(pc1::parse_pc1_spec(out / "pc1.json"), {});
    if (rc != jobs::kExitOk) return rc;
    pc1_result = capture.last_json();
  }
  const double pc1_seconds = jobs::seconds_since(t);

  nlohmann::json pc2 = common;
  pc2["comm_d"] = pc1_result.at("comm_d");
  pc2["replica_id"] = pc1_result.at("replica_id");
  pc2["paths"] = {{"scratch", (out / "scratch").string()},
                  {"cache", cache.string()},
                  {"sealed", sealed.string()}};
  io::write_file_atomic(out / "pc2.json", pc2.dump(2));
  t = jobs::Clock::now();
  nlohmann::json pc2_result;
  {
    CaptureStdout capture;
    jobs::SoloTeam team;
    const int rc = pc2::run_pc2(pc2::parse_pc2_spec(out / "pc2.json"), team, {});
    if (rc != jobs::kExitOk) return rc;
    pc2_result = capture.last_json();
  }
  print_json({{"comm_d", pc1_result.at("comm_d")},
              {"replica_id", pc1_result.at("replica_id")},
              {"comm_c", pc2_result.at("comm_c")},
              {"comm_r_last", pc2_result.at("comm_r_last")},
              {"comm_r", pc2_result.at("comm_r")},
              {"cache", cache.string()},
              {"sealed", sealed.string()},
              {"seconds", {{"pc1", pc1_seconds}, {"pc2", jobs::seconds_since(t)}}}});
  return 0;
}

}  // namespace vseal::cli
