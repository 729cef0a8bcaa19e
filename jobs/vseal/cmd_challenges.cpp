// vseal porep challenges|synthetic-set|public-inputs: which nodes a PoRep proof opens and the
// public inputs its Groth16 proof is checked against (commit-and-post.md §2, §5.2).
#include <sstream>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "porep/challenges.hpp"
#include "porep/graph.hpp"
#include "porep/public_inputs.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

porep::ApiFeature parse_kind(const std::string& kind) {
  if (kind == "interactive") return porep::ApiFeature::None;
  if (kind == "synthetic") return porep::ApiFeature::SyntheticPoRep;
  if (kind == "ni") return porep::ApiFeature::NonInteractivePoRep;
  usage_error("--kind must be interactive, synthetic or ni, not '" + kind + "'");
}

nlohmann::json hex_list(std::span<const field::Fr> values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values) out.push_back(to_hex(v.to_bytes()));
  return out;
}

std::vector<std::uint64_t> parse_index_list(const std::string& text) {
  std::vector<std::uint64_t> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::size_t used = 0;
    std::uint64_t v = 0;
    try {
      v = std::stoull(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || item[0] == '-')
      usage_error("--challenges: '" + item + "' is not a node index");
    out.push_back(v);
  }
  if (out.empty()) usage_error("--challenges lists no node index");
  return out;
}

int porep_challenges(const Args& args) {
  po::options_description desc("vseal porep challenges");
  desc.add_options()("nodes", po::value<std::uint64_t>()->required(), "nodes in the sector")(
      "replica-id", po::value<std::string>()->required(), "32-byte replica_id (hex)")(
      "seed", po::value<std::string>(), "32-byte interactive seed (interactive, synthetic)")(
      "comm-r", po::value<std::string>(), "32-byte comm_r (ni, synthetic)")(
      "partition", po::value<int>()->default_value(0), "partition k")(
      "count", po::value<int>()->required(), "challenges per partition")(
      "kind", po::value<std::string>()->default_value("interactive"),
      "interactive | synthetic | ni")("num-synthetic", po::value<std::uint64_t>(),
                                      "size of the synthetic set (default min(N, 2^18))")(
      "api-version", po::value<std::string>(), "1.0.0 | 1.1.0 | 1.2.0 (checked, no effect)");
  const auto vm = parse_options(args, desc, {});
  if (vm.count("api-version")) porep::parse_api_version(vm["api-version"].as<std::string>());
  const std::uint64_t nodes = vm["nodes"].as<std::uint64_t>();
  const auto feature = parse_kind(vm["kind"].as<std::string>());
  const auto rid = bytes32_option(vm, "replica-id");
  const int k = vm["partition"].as<int>(), count = vm["count"].as<int>();
  nlohmann::json out;
  if (feature == porep::ApiFeature::None) {
    const auto seed = required_bytes32(vm, "seed", "for interactive challenges");
    out["challenges"] = porep::interactive_challenges(nodes, rid, seed, k, count);
  } else if (feature == porep::ApiFeature::NonInteractivePoRep) {
    const auto comm_r = required_bytes32(vm, "comm-r", "for NI-PoRep challenges");
    out["challenges"] = porep::ni_challenges(nodes, rid, comm_r, k, count);
  } else {
    const auto seed = required_bytes32(vm, "seed", "for synthetic challenges");
    const auto comm_r = required_bytes32(vm, "comm-r", "for synthetic challenges");
    const std::uint64_t s = vm.count("num-synthetic") ? vm["num-synthetic"].as<std::uint64_t>()
                                                      : porep::synthetic_challenge_count(nodes);
    const auto part = porep::synthetic_partition(nodes, rid, comm_r, seed, s, k, count);
    out["synthetic_indexes"] = part.indexes;
    out["challenges"] = part.challenges;
  }
  print_json(out);
  return 0;
}

int porep_synthetic_set(const Args& args) {
  po::options_description desc("vseal porep synthetic-set");
  desc.add_options()("nodes", po::value<std::uint64_t>()->required(), "nodes in the sector")(
      "replica-id", po::value<std::string>()->required(), "32-byte replica_id (hex)")(
      "comm-r", po::value<std::string>()->required(), "32-byte comm_r (hex)")(
      "first", po::value<std::uint64_t>()->default_value(0), "first synthetic challenge")(
      "count", po::value<std::uint64_t>(), "how many (default: the whole set)");
  const auto vm = parse_options(args, desc, {});
  const std::uint64_t nodes = vm["nodes"].as<std::uint64_t>();
  const std::uint64_t total = porep::synthetic_challenge_count(nodes);
  const std::uint64_t first = vm["first"].as<std::uint64_t>();
  const std::uint64_t count =
      vm.count("count") ? vm["count"].as<std::uint64_t>() : (first < total ? total - first : 0);
  print_json(
      {{"num_synthetic", total},
       {"challenges", porep::synthetic_challenges(nodes, bytes32_option(vm, "replica-id"),
                                                  bytes32_option(vm, "comm-r"), first, count)}});
  return 0;
}

int porep_public_inputs_cmd(const Args& args) {
  po::options_description desc("vseal porep public-inputs");
  desc.add_options()("registered-proof", po::value<std::string>(),
                     "seal proof name or id (sets nodes, porep_id, api version, challenges)")(
      "nodes", po::value<std::uint64_t>(), "nodes (without --registered-proof)")(
      "porep-id", po::value<std::string>(), "32-byte porep_id (without --registered-proof)")(
      "api-version", po::value<std::string>(), "graph version (without --registered-proof)")(
      "replica-id", po::value<std::string>()->required(), "32-byte replica_id")(
      "comm-d", po::value<std::string>()->required(), "32-byte comm_d")(
      "comm-r", po::value<std::string>()->required(), "32-byte comm_r")(
      "seed", po::value<std::string>(), "32-byte seed (interactive, synthetic)")(
      "partition", po::value<int>()->default_value(0), "partition k")(
      "challenges", po::value<std::string>(), "explicit challenged nodes: x,y,...");
  const auto vm = parse_options(args, desc, {});
  porep::GraphParams g{};
  std::optional<porep::ChallengeInputs> derive;
  const auto rid = bytes32_option(vm, "replica-id");
  const auto comm_d = bytes32_option(vm, "comm-d"), comm_r = bytes32_option(vm, "comm-r");
  if (vm.count("registered-proof")) {
    const std::string name = vm["registered-proof"].as<std::string>();
    const auto& proof = seal_proof_option(name);
    const auto& shape = porep::sector_shape(proof.sector_size);
    g = {shape.nodes, porep::porep_id_for(proof.id), proof.api_version};
    const bool needs_seed = proof.feature != porep::ApiFeature::NonInteractivePoRep;
    derive = porep::ChallengeInputs{shape.nodes,
                                    proof.feature,
                                    porep::challenge_layout(proof.feature, shape),
                                    rid,
                                    needs_seed && !vm.count("challenges")
                                        ? required_bytes32(vm, "seed", "for " + name)
                                        : porep::Bytes32{},
                                    comm_r};
  } else {
    if (!vm.count("nodes") || !vm.count("porep-id") || !vm.count("api-version"))
      usage_error("give --registered-proof, or --nodes, --porep-id and --api-version");
    g = {vm["nodes"].as<std::uint64_t>(), bytes32_option(vm, "porep-id"),
         porep::parse_api_version(vm["api-version"].as<std::string>())};
    if (!vm.count("challenges"))
      usage_error("without --registered-proof the challenges must be given (--challenges)");
  }
  const auto challenges = vm.count("challenges")
                              ? parse_index_list(vm["challenges"].as<std::string>())
                              : porep::porep_challenges(*derive, vm["partition"].as<int>());
  const auto inputs = porep::porep_public_inputs(g, rid, comm_d, comm_r, challenges);
  print_json({{"challenges", challenges}, {"count", inputs.size()}, {"inputs", hex_list(inputs)}});
  return 0;
}

}  // namespace

int porep_challenge_command(const std::string& name, const Args& args) {
  if (name == "challenges") return porep_challenges(args);
  if (name == "synthetic-set") return porep_synthetic_set(args);
  if (name == "public-inputs") return porep_public_inputs_cmd(args);
  return -1;
}

}  // namespace vseal::cli
