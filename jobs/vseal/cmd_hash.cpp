// vseal hash sha256|poseidon: one digest of the given input.
#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "hash/sha256.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

int hash_sha256(const Args& args) {
  po::options_description desc("vseal hash sha256 HEX");
  desc.add_options()("data", po::value<std::string>()->required(), "message bytes as hex");
  po::positional_options_description pos;
  pos.add("data", 1);
  const auto vm = parse_options(args, desc, pos);
  const auto data = from_hex(vm["data"].as<std::string>());
  print_json({{"digest", to_hex(hash::sha256(data))}});
  return 0;
}

int hash_poseidon(const Args& args) {
  po::options_description desc("vseal hash poseidon");
  desc.add_options()("arity", po::value<std::size_t>()->required(), "Poseidon arity")(
      "strength", po::value<std::string>()->default_value("standard"), "standard|strengthened")(
      "type", po::value<std::string>()->default_value("merkle"), "merkle|constlen")(
      "inputs", po::value<std::vector<std::string>>()->multitoken(), "field elements");
  po::positional_options_description pos;
  pos.add("inputs", -1);
  const auto vm = parse_options(args, desc, pos);
  const std::size_t arity = vm["arity"].as<std::size_t>();
  const auto strength = parse_strength(vm["strength"].as<std::string>());
  const std::string type = vm["type"].as<std::string>();
  const auto inputs = parse_field_elements(
      vm.count("inputs") ? vm["inputs"].as<std::vector<std::string>>() : std::vector<std::string>{},
      "input");
  hash::poseidon_constants(arity, strength);  // rejects an unsupported arity first
  field::Fr digest;
  if (type == "merkle") {
    if (inputs.size() != arity) {
      usage_error("--type merkle with arity " + std::to_string(arity) + " takes exactly " +
                  std::to_string(arity) + " inputs, got " + std::to_string(inputs.size()));
    }
    digest = hash::poseidon_hash(inputs, strength);
  } else if (type == "constlen") {
    if (inputs.empty()) usage_error("--type constlen needs at least one input");
    digest = hash::poseidon_sponge_constant_length(arity, inputs, strength);
  } else {
    usage_error("--type must be 'merkle' or 'constlen', not '" + type + "'");
  }
  print_json({{"digest", digest.to_hex()}});
  return 0;
}

}  // namespace

int cmd_hash(const Args& args) {
  if (args.empty()) usage_error("vseal hash: expected 'sha256' or 'poseidon'");
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "sha256") return hash_sha256(rest);
  if (args[0] == "poseidon") return hash_poseidon(rest);
  usage_error("vseal hash: unknown hash '" + args[0] + "' (sha256|poseidon)");
}

}  // namespace vseal::cli
