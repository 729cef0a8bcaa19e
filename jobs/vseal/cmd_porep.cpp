// vseal porep labels|parent-cache|parents|replica-id|commd (+ the challenge commands of
// cmd_challenges.cpp): the sealing building blocks, one at a time.
#include <thread>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "porep/graph.hpp"
#include "porep/ids.hpp"
#include "porep/label.hpp"
#include "porep/parent_cache.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

unsigned worker_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

void add_graph_options(po::options_description& desc) {
  desc.add_options()("nodes", po::value<std::uint64_t>()->required(), "nodes in the graph")(
      "porep-id", po::value<std::string>()->required(), "32-byte porep_id (hex)")(
      "api-version", po::value<std::string>()->required(), "1.0.0 | 1.1.0 | 1.2.0");
}

porep::GraphParams graph_params(const po::variables_map& vm) {
  porep::GraphParams g{vm["nodes"].as<std::uint64_t>(), bytes32_option(vm, "porep-id"),
                       porep::parse_api_version(vm["api-version"].as<std::string>())};
  porep::check_graph_params(g);
  return g;
}

int porep_labels(const Args& args) {
  po::options_description desc("vseal porep labels");
  add_graph_options(desc);
  desc.add_options()("layers", po::value<std::size_t>()->required(), "number of layers")(
      "replica-id", po::value<std::string>()->required(), "32-byte replica_id (hex)");
  const auto vm = parse_options(args, desc, {});
  const auto g = graph_params(vm);
  const std::size_t layers = vm["layers"].as<std::size_t>();
  if (layers < 1 || layers > 15) usage_error("--layers must be in 1..15");
  const auto replica = bytes32_option(vm, "replica-id");
  const auto parents = porep::parent_cache_in_memory(g, worker_threads());
  const auto all = porep::label_all_layers(parents.data(), g.nodes, replica, layers);
  nlohmann::json first = nlohmann::json::array(), last = nlohmann::json::array();
  for (const auto& layer : all) {
    first.push_back(to_hex(std::span(layer).first(32)));
    last.push_back(to_hex(std::span(layer).last(32)));
  }
  print_json(
      {{"layer_first_labels", first}, {"layer_last_labels", last}, {"last_label", last.back()}});
  return 0;
}

int porep_parent_cache(const Args& args) {
  po::options_description desc("vseal porep parent-cache");
  add_graph_options(desc);
  desc.add_options()("out", po::value<std::string>(), "directory to write (or verify) the file in");
  const auto vm = parse_options(args, desc, {});
  const auto g = graph_params(vm);
  nlohmann::json out = {{"file", porep::parent_cache_file_name(g)},
                        {"bytes", g.nodes * porep::kParentCacheBytesPerNode}};
  if (vm.count("out")) {
    const auto cache = porep::ParentCache::open(vm["out"].as<std::string>(), g, worker_threads());
    out["sha256"] = cache.info().sha256;
    out["path"] = cache.info().path.string();
    out["generated"] = cache.info().generated;
  } else {
    out["sha256"] = porep::generate_parent_cache_bytes(g, worker_threads(), [](auto) {});
  }
  print_json(out);
  return 0;
}

int porep_parents(const Args& args) {
  po::options_description desc("vseal porep parents");
  add_graph_options(desc);
  desc.add_options()("node", po::value<std::uint64_t>()->required(), "node index");
  const auto vm = parse_options(args, desc, {});
  const auto g = graph_params(vm);
  const std::uint64_t v = vm["node"].as<std::uint64_t>();
  if (v >= g.nodes) usage_error("--node must be below --nodes");
  porep::ParentGenerator gen(g);
  std::array<std::uint32_t, porep::kParentCount> p{};
  gen.parents(v, p);
  print_json({{"parents", p}});
  return 0;
}

int porep_replica_id(const Args& args) {
  po::options_description desc("vseal porep replica-id");
  desc.add_options()("prover-id", po::value<std::string>()->required(), "32 bytes hex")(
      "sector-id", po::value<std::uint64_t>()->required(), "sector number")(
      "ticket", po::value<std::string>()->required(), "32 bytes hex")(
      "comm-d", po::value<std::string>()->required(), "32 bytes hex")(
      "porep-id", po::value<std::string>()->required(), "32 bytes hex");
  const auto vm = parse_options(args, desc, {});
  const auto id = porep::replica_id(
      bytes32_option(vm, "prover-id"), vm["sector-id"].as<std::uint64_t>(),
      bytes32_option(vm, "ticket"), bytes32_option(vm, "comm-d"), bytes32_option(vm, "porep-id"));
  print_json({{"replica_id", to_hex(id)}});
  return 0;
}

}  // namespace

int cmd_porep(const Args& args) {
  if (args.empty())
    usage_error(
        "vseal porep: expected labels|parent-cache|parents|replica-id|commd|challenges|"
        "synthetic-set|public-inputs");
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "labels") return porep_labels(rest);
  if (args[0] == "parent-cache") return porep_parent_cache(rest);
  if (args[0] == "parents") return porep_parents(rest);
  if (args[0] == "replica-id") return porep_replica_id(rest);
  if (args[0] == "commd") return porep_commd(rest);
  if (const int rc = porep_challenge_command(args[0], rest); rc >= 0) return rc;
  usage_error("vseal porep: unknown command '" + args[0] + "'");
}

}  // namespace vseal::cli
