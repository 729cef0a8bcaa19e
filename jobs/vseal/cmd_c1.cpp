// vseal c1 (prove) and vseal c1 verify: commit phase 1 of a sealed sector into the
// SealCommitPhase1Output JSON Lotus passes to C2, and the vanilla verifier over such a file.
#include <chrono>
#include <iostream>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "io/atomic_file.hpp"
#include "porep/c1_bincode.hpp"
#include "porep/c1_json.hpp"
#include "porep/c1_prover.hpp"
#include "porep/sector_trees.hpp"
#include "porep/vanilla_verify.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

std::unique_ptr<porep::LayerReader> open_layers(const std::filesystem::path& where, int layers,
                                                std::uint64_t nodes) {
  if (std::filesystem::is_directory(where)) return porep::open_layer_files(where, layers, nodes);
  if (!std::filesystem::exists(where)) usage_error("--layers: " + where.string() + " is missing");
  return porep::open_hdf5_layers(where, layers, nodes, nullptr);
}

int c1_verify(const Args& args) {
  po::options_description desc("vseal c1 verify");
  desc.add_options()("file", po::value<std::string>()->required(), "C1 output JSON");
  po::positional_options_description pos;
  pos.add("file", 1);
  const auto vm = parse_options(args, desc, pos);
  const auto c1 = porep::c1_output_from_json(read_json_file(vm["file"].as<std::string>()));
  const auto report = porep::verify_c1_output(c1);
  print_json({{"valid", report.ok()},
              {"registered_proof", c1.proof.name},
              {"partitions", c1.partitions.size()},
              {"challenges_checked", report.challenges_checked},
              {"problems", report.problems}});
  return report.ok() ? 0 : 1;
}

int c1_prove(const Args& args) {
  po::options_description desc("vseal c1");
  desc.add_options()("registered-proof", po::value<std::string>()->required(),
                     "seal proof name, e.g. StackedDrg2KiBV1_1")(
      "cache", po::value<std::string>()->required(), "the sector's cache directory")(
      "sealed", po::value<std::string>()->required(), "the replica")(
      "layers", po::value<std::string>(),
      "layers.h5, or a directory of sc-02-data-layer-*.dat (default: --cache)")(
      "prover-id", po::value<std::string>()->required(), "32 bytes hex")(
      "sector-id", po::value<std::uint64_t>()->required(), "sector number")(
      "ticket", po::value<std::string>()->required(), "32 bytes hex")(
      "seed", po::value<std::string>(), "32 bytes hex (not for NI-PoRep)")(
      "comm-d", po::value<std::string>(), "32 bytes hex (default: tree_d's root)")(
      "comm-r", po::value<std::string>(), "32 bytes hex (default: from p_aux)")(
      "out", po::value<std::string>()->required(), "the C1 output JSON to write")(
      "bincode", po::value<std::string>(), "also write the bincode form (supra_seal's C2 input)");
  const auto vm = parse_options(args, desc, {});
  porep::C1Request r;
  r.proof = porep::seal_proof_type(seal_proof_option(vm["registered-proof"].as<std::string>()));
  const auto& shape = porep::sector_shape(r.proof.sector_size);
  r.cache_dir = vm["cache"].as<std::string>();
  r.sealed = vm["sealed"].as<std::string>();
  r.prover_id = bytes32_option(vm, "prover-id");
  r.sector_id = vm["sector-id"].as<std::uint64_t>();
  r.ticket = bytes32_option(vm, "ticket");
  if (vm.count("seed")) r.seed = bytes32_option(vm, "seed");
  if (vm.count("comm-d") && vm.count("comm-r")) {
    r.comm_d = bytes32_option(vm, "comm-d");
    r.comm_r = bytes32_option(vm, "comm-r");
  } else {
    // Taken from the sector's own files; C1 still checks them against each other.
    const porep::SectorTrees trees(r.cache_dir, r.sealed, shape);
    r.comm_d = vm.count("comm-d") ? bytes32_option(vm, "comm-d") : trees.comm_d();
    const field::Fr pair[2] = {trees.p_aux().comm_c, trees.p_aux().comm_r_last};
    r.comm_r =
        vm.count("comm-r") ? bytes32_option(vm, "comm-r") : hash::poseidon_hash(pair).to_bytes();
  }
  const auto layers = open_layers(
      vm.count("layers") ? std::filesystem::path(vm["layers"].as<std::string>()) : r.cache_dir,
      shape.layers, shape.nodes);
  r.layers = layers.get();
  r.progress = [](int done, int total) {
    std::cerr << "vseal c1: partition " << done << "/" << total << " proven\n";
  };
  const auto start = std::chrono::steady_clock::now();
  const auto c1 = porep::seal_commit_phase1(r);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string text = porep::c1_output_to_json(c1).dump();
  io::write_file_atomic(vm["out"].as<std::string>(), text);
  nlohmann::json extra;
  if (vm.count("bincode")) {
    const auto bytes = porep::c1_output_to_bincode(c1);
    io::write_file_atomic(vm["bincode"].as<std::string>(), bytes);
    extra = {{"file", vm["bincode"].as<std::string>()}, {"bytes", bytes.size()}};
  }
  std::size_t challenges = 0;
  for (const auto& p : c1.partitions) challenges += p.size();
  print_json({{"file", vm["out"].as<std::string>()},
              {"registered_proof", c1.proof.name},
              {"replica_id", to_hex(c1.replica_id)},
              {"comm_d", to_hex(c1.comm_d)},
              {"comm_r", to_hex(c1.comm_r)},
              {"partitions", c1.partitions.size()},
              {"challenges", challenges},
              {"bytes", text.size()},
              {"seconds", seconds},
              {"verified", true},
              {"bincode", extra}});
  return 0;
}

}  // namespace

int cmd_c1(const Args& args) {
  if (!args.empty() && args[0] == "verify") return c1_verify(Args(args.begin() + 1, args.end()));
  return c1_prove(args);
}

}  // namespace vseal::cli
