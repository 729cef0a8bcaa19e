// vseal poseidon params: the plain (unoptimised) constants of one instance, as generated.
#include "hash/poseidon.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {

int cmd_poseidon(const Args& args) {
  if (args.empty() || args[0] != "params") usage_error("vseal poseidon: expected 'params'");
  po::options_description desc("vseal poseidon params");
  desc.add_options()("arity", po::value<std::size_t>()->required(), "Poseidon arity")(
      "strength", po::value<std::string>()->default_value("standard"), "standard|strengthened");
  const auto vm = parse_options(Args(args.begin() + 1, args.end()), desc, {});
  const auto& c = hash::poseidon_constants(vm["arity"].as<std::size_t>(),
                                           parse_strength(vm["strength"].as<std::string>()));
  nlohmann::json rc = nlohmann::json::array();
  for (const auto& x : c.round_constants) rc.push_back(x.to_hex());
  nlohmann::json mds = nlohmann::json::array();
  for (std::size_t i = 0; i < c.width; ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t j = 0; j < c.width; ++j) row.push_back(c.mds[i * c.width + j].to_hex());
    mds.push_back(row);
  }
  print_json({{"arity", c.arity},
              {"width", c.width},
              {"full_rounds", c.full_rounds},
              {"partial_rounds", c.partial_rounds},
              {"round_constants", rc},
              {"mds", mds}});
  return 0;
}

}  // namespace vseal::cli
