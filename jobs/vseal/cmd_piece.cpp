// vseal piece commp FILE, vseal porep commd: piece commitments and a sector's CommD from them.
#include <fstream>

#include "base/error.hpp"
#include "base/hex.hpp"
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

int cmd_piece(const Args& args) {
  if (args.empty() || args[0] != "commp") usage_error("vseal piece: expected 'commp FILE'");
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
  desc.add_options()("sector-size", po::value<std::string>()->required(), "e.g. 2KiB, 32GiB")(
      "pieces", po::value<std::vector<std::string>>()->multitoken()->default_value({}, ""),
      "piece files in sector order (none: an empty CC sector)");
  const auto vm = parse_options(args, desc, {});
  const auto sector_size = porep::parse_sector_size(vm["sector-size"].as<std::string>());
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
  print_json({{"comm_d", to_hex(porep::compute_comm_d(sector_size, pieces))}, {"pieces", listed}});
  return 0;
}

}  // namespace vseal::cli
