// vseal piece commp|align|fr32-pad|fr32-unpad, vseal porep commd: piece commitments, placement
// and padding, and a sector's CommD from its pieces.
#include <fstream>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "porep/fr32.hpp"
#include "porep/pieces.hpp"
#include "porep/registered_proof.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

porep::CommP comm_p_of_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage_error("cannot read piece file " + path);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) usage_error("cannot size piece file " + path);
  if (size == 0) usage_error("piece file " + path + " is empty");
  return porep::comm_p_of_stream(in, size);
}

}  // namespace

// vseal piece fr32-pad|fr32-unpad HEX: the padding itself, for checking vectors.
int piece_fr32(const Args& args, bool pad) {
  po::options_description desc(pad ? "vseal piece fr32-pad" : "vseal piece fr32-unpad");
  desc.add_options()("hex", po::value<std::string>()->required(), "bytes (hex)")(
      "bytes", po::value<std::uint64_t>(), "fr32-unpad: unpadded length (default: all)");
  po::positional_options_description pos;
  pos.add("hex", 1);
  const auto vm = parse_options(args, desc, pos);
  const auto in = from_hex(vm["hex"].as<std::string>());
  if (pad) {
    print_json({{"padded", to_hex(porep::fr32_pad(in))}});
  } else {
    const std::uint64_t n =
        vm.count("bytes") ? vm["bytes"].as<std::uint64_t>() : porep::fr32_unpadded_size(in.size());
    print_json({{"unpadded", to_hex(porep::fr32_unpad(in, n))}});
  }
  return 0;
}

// vseal piece align --written W --size U: where add_piece puts a piece.
int piece_align(const Args& args) {
  po::options_description desc("vseal piece align");
  desc.add_options()("written", po::value<std::uint64_t>()->required(),
                     "unpadded bytes already in the sector")(
      "size", po::value<std::uint64_t>()->required(), "unpadded bytes of the piece");
  const auto vm = parse_options(args, desc, {});
  const auto a =
      porep::piece_alignment(vm["written"].as<std::uint64_t>(), vm["size"].as<std::uint64_t>());
  print_json({{"left_unpadded", a.left_unpadded}, {"right_unpadded", a.right_unpadded}});
  return 0;
}

int cmd_piece(const Args& args) {
  if (!args.empty() && args[0] == "fr32-pad")
    return piece_fr32(Args(args.begin() + 1, args.end()), true);
  if (!args.empty() && args[0] == "fr32-unpad")
    return piece_fr32(Args(args.begin() + 1, args.end()), false);
  if (!args.empty() && args[0] == "align") return piece_align(Args(args.begin() + 1, args.end()));
  if (args.empty() || args[0] != "commp")
    usage_error("vseal piece: expected commp FILE | align | fr32-pad HEX | fr32-unpad HEX");
  po::options_description desc("vseal piece commp");
  desc.add_options()("file", po::value<std::string>()->required(), "the unpadded piece bytes");
  po::positional_options_description pos;
  pos.add("file", 1);
  const auto vm = parse_options(Args(args.begin() + 1, args.end()), desc, pos);
  const auto path = vm["file"].as<std::string>();
  const auto c = comm_p_of_file(path);
  print_json({{"comm_p", to_hex(c.comm_p)},
              {"padded_size", c.padded_size},
              {"unpadded_size", c.unpadded_size},
              {"file_bytes", std::filesystem::file_size(path)}});
  return 0;
}

int porep_commd(const Args& args) {
  po::options_description desc("vseal porep commd");
  desc.add_options()("sector-size", po::value<std::string>()->required(),
                     "e.g. 2KiB, 32GiB, or bytes")(
      "pieces", po::value<std::vector<std::string>>()->multitoken()->default_value({}, ""),
      "piece files in sector order (none: an empty CC sector)")(
      "piece-commitments", po::value<std::vector<std::string>>()->multitoken(),
      "instead of files: COMMP_HEX:UNPADDED_SIZE in sector order");
  const auto vm = parse_options(args, desc, {});
  // Any power-of-two byte count is a valid region here (rust-fil-proofs' tests use 128).
  const auto size_text = vm["sector-size"].as<std::string>();
  const bool digits =
      !size_text.empty() && size_text.find_first_not_of("0123456789") == std::string::npos;
  const std::uint64_t sector_size = digits && size_text.size() < 20
                                        ? std::stoull(size_text)
                                        : porep::parse_sector_size(size_text);
  std::vector<porep::PieceInfo> pieces;
  nlohmann::json listed = nlohmann::json::array();
  std::uint64_t written = 0;
  for (const auto& path : vm["pieces"].as<std::vector<std::string>>()) {
    const auto c = comm_p_of_file(path);
    const auto align = porep::piece_alignment(written, c.unpadded_size);
    written += align.left_unpadded + c.unpadded_size;
    pieces.push_back({c.comm_p, c.unpadded_size});
    listed.push_back({{"file", path},
                      {"comm_p", to_hex(c.comm_p)},
                      {"padded_size", c.padded_size},
                      {"offset_unpadded", written - c.unpadded_size}});
  }
  if (vm.count("piece-commitments")) {
    if (!pieces.empty()) usage_error("give either --pieces or --piece-commitments");
    for (const auto& item : vm["piece-commitments"].as<std::vector<std::string>>()) {
      const auto colon = item.find(':');
      if (colon == std::string::npos)
        usage_error("--piece-commitments: expected HEX:SIZE, got " + item);
      porep::PieceInfo p{};
      from_hex_exact(p.commitment, item.substr(0, colon), "piece commitment");
      try {
        p.unpadded_size = std::stoull(item.substr(colon + 1));
      } catch (const std::exception&) {
        usage_error("--piece-commitments: bad size in " + item);
      }
      pieces.push_back(p);
      listed.push_back({{"comm_p", to_hex(p.commitment)}, {"unpadded_size", p.unpadded_size}});
    }
  }
  print_json({{"comm_d", to_hex(porep::compute_comm_d(sector_size, pieces))}, {"pieces", listed}});
  return 0;
}

}  // namespace vseal::cli
