// vseal merkle root: the root of a full tree over the given leaves.
#include "merkle/poseidon_tree.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {

int cmd_merkle(const Args& args) {
  if (args.empty() || args[0] != "root") usage_error("vseal merkle: expected 'root'");
  po::options_description desc("vseal merkle root");
  desc.add_options()("hasher", po::value<std::string>()->required(), "poseidon")(
      "arity", po::value<std::size_t>()->required(), "tree arity")(
      "leaves", po::value<std::vector<std::string>>()->multitoken(), "leaves");
  po::positional_options_description pos;
  pos.add("leaves", -1);
  const auto vm = parse_options(Args(args.begin() + 1, args.end()), desc, pos);
  if (vm["hasher"].as<std::string>() != "poseidon") {
    usage_error("--hasher must be 'poseidon' (the SHA-256 tree_d comes with PC2)");
  }
  const auto leaves = parse_field_elements(
      vm.count("leaves") ? vm["leaves"].as<std::vector<std::string>>() : std::vector<std::string>{},
      "leaf");
  const auto root = merkle::poseidon_tree_root(vm["arity"].as<std::size_t>(), leaves);
  print_json({{"root", root.to_hex()}});
  return 0;
}

}  // namespace vseal::cli
