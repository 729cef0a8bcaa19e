// Option parsing shared by the vseal command handlers.
#include "vseal/options.hpp"

#include <charconv>
#include <fstream>
#include <optional>

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

namespace {

// The id when `text` is all digits.
std::optional<int> proof_id(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int id = -1;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size())
    usage_error("registered proof id " + text + " is out of range");
  return id;
}

}  // namespace

const porep::RegisteredSealProof& seal_proof_option(const std::string& text) {
  const auto id = proof_id(text);
  return id ? porep::registered_seal_proof(*id) : porep::registered_seal_proof(text);
}

const post::RegisteredPostProof& post_proof_option(const std::string& text) {
  const auto id = proof_id(text);
  return id ? post::registered_post_proof(*id) : post::registered_post_proof(text);
}

std::array<std::uint8_t, 32> required_bytes32(const po::variables_map& vm, const std::string& key,
                                              const std::string& why) {
  if (!vm.count(key)) usage_error("--" + key + " is required " + why);
  return bytes32_option(vm, key);
}

post::PublicSector parse_sector(const std::string& text) {
  const auto colon = text.find(':');
  post::PublicSector s{};
  const char* end = text.data() + (colon == std::string::npos ? 0 : colon);
  const auto [ptr, ec] = std::from_chars(text.data(), end, s.sector_id);
  if (colon == std::string::npos || colon == 0 || ec != std::errc() || ptr != end)
    usage_error("--sector '" + text + "' is not SECTOR_NUMBER:COMM_R_HEX");
  from_hex_exact(s.comm_r, std::string_view(text).substr(colon + 1), "comm_r of --sector");
  return s;
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) usage_error("cannot read " + path);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    usage_error(path + " is not JSON: " + e.what());
  }
}

hash::PoseidonStrength parse_strength(const std::string& text) {
  if (text == "standard") return hash::PoseidonStrength::Standard;
  if (text == "strengthened") return hash::PoseidonStrength::Strengthened;
  usage_error("--strength must be 'standard' or 'strengthened', not '" + text + "'");
}

}  // namespace vseal::cli
