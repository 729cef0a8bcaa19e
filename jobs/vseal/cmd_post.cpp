// vseal post challenges|winning-sector|public-inputs|prove-vanilla|verify-vanilla: the Fallback
// PoSt challenges, public inputs and vanilla proofs (commit-and-post.md §7), one call at a time.
#include <charconv>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "io/atomic_file.hpp"
#include "post/challenges.hpp"
#include "post/public_inputs.hpp"
#include "post/registered_post.hpp"
#include "post/vanilla_post.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

int post_challenges(const Args& args) {
  po::options_description desc("vseal post challenges");
  desc.add_options()("randomness", po::value<std::string>()->required(),
                     "32-byte PoSt randomness (top two bits clear)")(
      "sector-id", po::value<std::uint64_t>()->required(), "sector number")(
      "nodes", po::value<std::uint64_t>()->required(), "nodes in the sector")(
      "count", po::value<std::uint64_t>()->default_value(10), "challenges")(
      "api-version", po::value<std::string>()->default_value("1.2.0"),
      "1.0.0 (index depends on --position) | 1.2.0")(
      "position", po::value<std::uint64_t>()->default_value(0),
      "the sector's 0-based position among all proven sectors (1.0.0)");
  const auto vm = parse_options(args, desc, {});
  const auto rand = bytes32_option(vm, "randomness");
  post::check_post_randomness(rand);
  const auto api = porep::parse_api_version(vm["api-version"].as<std::string>());
  print_json(
      {{"challenges", post::window_leaf_challenges(api, rand, vm["sector-id"].as<std::uint64_t>(),
                                                   vm["position"].as<std::uint64_t>(),
                                                   vm["nodes"].as<std::uint64_t>(),
                                                   vm["count"].as<std::uint64_t>())}});
  return 0;
}

int post_winning_sector(const Args& args) {
  po::options_description desc("vseal post winning-sector");
  desc.add_options()("prover-id", po::value<std::string>()->required(), "32-byte prover id")(
      "randomness", po::value<std::string>()->required(), "32-byte randomness")(
      "sectors", po::value<std::uint64_t>()->required(), "eligible sector count");
  const auto vm = parse_options(args, desc, {});
  print_json({{"index", post::winning_sector_index(bytes32_option(vm, "prover-id"),
                                                   bytes32_option(vm, "randomness"),
                                                   vm["sectors"].as<std::uint64_t>())}});
  return 0;
}

int post_public_inputs_cmd(const Args& args) {
  po::options_description desc("vseal post public-inputs");
  desc.add_options()("registered-proof", po::value<std::string>()->required(),
                     "PoSt proof name or id (e.g. StackedDrgWindow32GiBV1_2)")(
      "randomness", po::value<std::string>()->required(), "32-byte randomness")(
      "sector", po::value<std::vector<std::string>>()->multitoken()->required(),
      "SECTOR_NUMBER:COMM_R_HEX, ascending (one for Winning PoSt)")(
      "partition", po::value<int>()->default_value(0), "partition k");
  const auto vm = parse_options(args, desc, {});
  const auto& proof = post_proof_option(vm["registered-proof"].as<std::string>());
  std::vector<post::PublicSector> sectors;
  for (const auto& s : vm["sector"].as<std::vector<std::string>>())
    sectors.push_back(parse_sector(s));
  const auto inputs = post::post_public_inputs(proof, bytes32_option(vm, "randomness"), sectors,
                                               vm["partition"].as<int>());
  nlohmann::json hex = nlohmann::json::array();
  for (const auto& v : inputs) hex.push_back(to_hex(v.to_bytes()));
  print_json(
      {{"partitions",
        post::post_partitions(proof, proof.kind == post::PostKind::Winning ? 1 : sectors.size())},
       {"count", inputs.size()},
       {"inputs", hex}});
  return 0;
}

// "ID:COMMR_HEX:CACHE_DIR:SEALED_FILE" (paths without ':').
post::ProvableSector parse_provable(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t colon; (colon = text.find(':', start)) != std::string::npos; start = colon + 1)
    parts.push_back(text.substr(start, colon - start));
  parts.push_back(text.substr(start));
  if (parts.size() != 4 || parts[2].empty() || parts[3].empty())
    usage_error("--sector '" + text + "' is not SECTOR_NUMBER:COMM_R_HEX:CACHE_DIR:SEALED_FILE");
  const auto id_and_comm = parse_sector(parts[0] + ":" + parts[1]);
  return {id_and_comm.sector_id, id_and_comm.comm_r, parts[2], parts[3]};
}

int post_prove_vanilla(const Args& args) {
  po::options_description desc("vseal post prove-vanilla");
  desc.add_options()("registered-proof", po::value<std::string>()->required(),
                     "PoSt proof name or id")("randomness", po::value<std::string>()->required(),
                                              "32-byte randomness (top bits clear)")(
      "sector", po::value<std::vector<std::string>>()->multitoken()->required(),
      "SECTOR_NUMBER:COMM_R_HEX:CACHE_DIR:SEALED_FILE, ascending")(
      "out", po::value<std::string>()->required(), "the vanilla proofs (JSON) to write");
  const auto vm = parse_options(args, desc, {});
  const auto& proof = post_proof_option(vm["registered-proof"].as<std::string>());
  const auto rand = bytes32_option(vm, "randomness");
  std::vector<post::ProvableSector> sectors;
  for (const auto& s : vm["sector"].as<std::vector<std::string>>())
    sectors.push_back(parse_provable(s));
  const auto result = post::prove_vanilla_post(proof, rand, sectors);
  io::write_file_atomic(vm["out"].as<std::string>(),
                        post::vanilla_post_to_json(proof, rand, result).dump());
  nlohmann::json faulty = nlohmann::json::array();
  for (const auto& f : result.faulty)
    faulty.push_back({{"sector_id", f.sector_id}, {"reason", f.reason}});
  print_json({{"file", vm["out"].as<std::string>()},
              {"registered_proof", proof.name},
              {"proven", result.proofs.size()},
              {"faulty", faulty}});
  return 0;
}

int post_verify_vanilla(const Args& args) {
  po::options_description desc("vseal post verify-vanilla");
  desc.add_options()("file", po::value<std::string>()->required(), "vanilla PoSt JSON");
  po::positional_options_description pos;
  pos.add("file", 1);
  const auto vm = parse_options(args, desc, pos);
  const auto f = post::vanilla_post_from_json(read_json_file(vm["file"].as<std::string>()));
  const auto problems =
      post::verify_vanilla_post(*f.proof, f.randomness, f.post.proofs, f.post.positions);
  print_json({{"valid", problems.empty()},
              {"registered_proof", f.proof->name},
              {"sectors", f.post.proofs.size()},
              {"faulty", f.post.faulty.size()},
              {"problems", problems}});
  return problems.empty() ? 0 : 1;
}

}  // namespace

int cmd_post(const Args& args) {
  if (args.empty())
    usage_error(
        "vseal post: expected challenges|winning-sector|public-inputs|prove-vanilla|"
        "verify-vanilla");
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "challenges") return post_challenges(rest);
  if (args[0] == "winning-sector") return post_winning_sector(rest);
  if (args[0] == "public-inputs") return post_public_inputs_cmd(rest);
  if (args[0] == "prove-vanilla") return post_prove_vanilla(rest);
  if (args[0] == "verify-vanilla") return post_verify_vanilla(rest);
  usage_error("vseal post: unknown command '" + args[0] + "'");
}

}  // namespace vseal::cli
