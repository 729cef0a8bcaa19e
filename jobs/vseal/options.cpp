// Option parsing shared by the vseal command handlers.
#include "vseal/options.hpp"

#include "base/error.hpp"
#include "base/hex.hpp"

namespace vseal::cli {

po::variables_map parse_options(const Args& args, const po::options_description& desc,
                                const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage_error(e.what());
  }
  return vm;
}

std::array<std::uint8_t, 32> bytes32_option(const po::variables_map& vm, const std::string& key) {
  std::array<std::uint8_t, 32> out{};
  from_hex_exact(out, vm[key].as<std::string>(), "--" + key);
  return out;
}

hash::PoseidonStrength parse_strength(const std::string& text) {
  if (text == "standard") return hash::PoseidonStrength::Standard;
  if (text == "strengthened") return hash::PoseidonStrength::Strengthened;
  usage_error("--strength must be 'standard' or 'strengthened', not '" + text + "'");
}

}  // namespace vseal::cli
