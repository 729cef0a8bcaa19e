// vseal groth16 verify and vseal verify seal|post: check real Groth16 proofs against
// bellperson verifying keys (commit-and-post.md §8), with the public inputs either given
// (groth16) or assembled by vseal from the sector's commitments (verify).
#include <filesystem>
#include <functional>

#include "base/error.hpp"
#include "io/atomic_file.hpp"
#include "porep/ids.hpp"
#include "snark/parameter_files.hpp"
#include "snark/proof_verify.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

void add_key_options(po::options_description& desc) {
  desc.add_options()("vk", po::value<std::string>(), "verifying key file (.vk)")(
      "param-cache", po::value<std::string>(),
      "parameter directory (default $FIL_PROOFS_PARAMETER_CACHE or "
      "/var/tmp/filecoin-proof-parameters)")("param-version",
                                             po::value<std::string>()->default_value("v28"),
                                             "parameter file version prefix");
}

// --vk, or <param-cache>/<version>-<stem>.vk.
std::filesystem::path key_path(const po::variables_map& vm,
                               const std::function<std::string(const std::string&)>& stem) {
  if (vm.count("vk")) return vm["vk"].as<std::string>();
  const std::filesystem::path dir = vm.count("param-cache")
                                        ? std::filesystem::path(vm["param-cache"].as<std::string>())
                                        : snark::default_parameter_cache();
  const auto path = dir / (stem(vm["param-version"].as<std::string>()) + ".vk");
  if (!std::filesystem::exists(path)) {
    usage_error("verifying key " + path.string() +
                " not found: fetch the proof parameters into that directory or pass --vk FILE");
  }
  return path;
}

std::vector<std::uint8_t> read_proof_file(const po::variables_map& vm) {
  return io::read_binary_file(vm["proof-file"].as<std::string>());
}

// Loads the key (--vk or the parameter cache), reads --proof-file, prints the verdict.
int verify_with_key(const po::variables_map& vm,
                    const std::function<std::string(const std::string&)>& stem,
                    const std::function<bool(const snark::PreparedVerifyingKey&,
                                             const std::vector<std::uint8_t>&)>& verify) {
  const auto path = key_path(vm, stem);
  const auto pvk = snark::prepare_verifying_key(snark::read_verifying_key_file(path));
  const auto proof = read_proof_file(vm);
  print_json({{"valid", verify(pvk, proof)},
              {"partitions", proof.size() / snark::kProofBytes},
              {"vk", path.string()}});
  return 0;
}

// [[x, ...], ...]: one list of unsigned integers per partition or sector.
std::vector<std::vector<std::uint64_t>> read_index_lists(const std::string& path,
                                                         const std::string& what) {
  const auto doc = read_json_file(path);
  std::vector<std::vector<std::uint64_t>> out;
  if (!doc.is_array()) usage_error(path + ": " + what + " must be a JSON array of arrays");
  for (std::size_t i = 0; i < doc.size(); ++i) {
    if (!doc[i].is_array())
      usage_error(path + ": " + what + "[" + std::to_string(i) + "] is not an array");
    std::vector<std::uint64_t> list;
    for (std::size_t j = 0; j < doc[i].size(); ++j) {
      if (!doc[i][j].is_number_unsigned())
        usage_error(path + ": " + what + "[" + std::to_string(i) + "][" + std::to_string(j) +
                    "] is not an unsigned integer");
      list.push_back(doc[i][j].get<std::uint64_t>());
    }
    out.push_back(std::move(list));
  }
  return out;
}

int groth16_verify(const Args& args) {
  po::options_description desc("vseal groth16 verify");
  desc.add_options()("vk", po::value<std::string>()->required(), "verifying key file (.vk)")(
      "proof-file", po::value<std::string>()->required(), "N concatenated 192-byte proofs")(
      "inputs", po::value<std::string>()->required(),
      "JSON: an array of 32-byte LE hex field elements, or one such array per proof");
  const auto vm = parse_options(args, desc, {});
  const auto vk = snark::read_verifying_key_file(vm["vk"].as<std::string>());
  const auto proofs = snark::parse_proofs(read_proof_file(vm));
  const std::string inputs_path = vm["inputs"].as<std::string>();
  const auto doc = read_json_file(inputs_path);
  if (!doc.is_array()) usage_error(inputs_path + ": inputs must be a JSON array");
  const bool nested = !doc.empty() && doc[0].is_array();
  std::vector<std::vector<field::Fr>> inputs;
  const auto parse_list = [&](const nlohmann::json& list, const std::string& where) {
    if (!list.is_array()) usage_error(inputs_path + ": " + where + " is not an array");
    std::vector<std::string> hex;
    for (const auto& v : list) {
      if (!v.is_string()) usage_error(inputs_path + ": " + where + " holds a non-string value");
      hex.push_back(v.get<std::string>());
    }
    return parse_field_elements(hex, inputs_path + ": " + where + " input");
  };
  if (nested) {
    for (std::size_t j = 0; j < doc.size(); ++j)
      inputs.push_back(parse_list(doc[j], "proof " + std::to_string(j)));
  } else {
    inputs.push_back(parse_list(doc, "proof 0"));
  }
  if (inputs.size() != proofs.size()) {
    usage_error(std::to_string(proofs.size()) + " proofs in the proof file but " +
                std::to_string(inputs.size()) + " input arrays in " + inputs_path);
  }
  const auto pvk = snark::prepare_verifying_key(vk);
  print_json(
      {{"valid", snark::verify_proofs_batch(pvk, proofs, inputs)}, {"proofs", proofs.size()}});
  return 0;
}

int verify_seal_cmd(const Args& args) {
  po::options_description desc("vseal verify seal");
  desc.add_options()("registered-proof", po::value<std::string>()->required(),
                     "seal proof name or id, e.g. StackedDrg32GiBV1_1")(
      "comm-r", po::value<std::string>()->required(), "32-byte comm_r (LE hex)")(
      "comm-d", po::value<std::string>()->required(), "32-byte comm_d (LE hex)")(
      "prover-id", po::value<std::string>(), "32-byte prover id")(
      "sector-id", po::value<std::uint64_t>(), "sector number")("ticket", po::value<std::string>(),
                                                                "32-byte ticket")(
      "replica-id", po::value<std::string>(),
      "32-byte replica_id, instead of --prover-id/--sector-id/--ticket")(
      "seed", po::value<std::string>(), "32-byte interactive seed")(
      "challenges", po::value<std::string>(),
      "JSON file: challenged nodes per partition, instead of deriving them from --seed")(
      "proof-file", po::value<std::string>()->required(),
      "the seal proof (192 bytes per partition)");
  add_key_options(desc);
  const auto vm = parse_options(args, desc, {});
  snark::SealStatement st;
  st.proof = &seal_proof_option(vm["registered-proof"].as<std::string>());
  st.comm_r = bytes32_option(vm, "comm-r");
  st.comm_d = bytes32_option(vm, "comm-d");
  if (vm.count("replica-id")) {
    if (vm.count("prover-id") || vm.count("ticket") || vm.count("sector-id"))
      usage_error("give either --replica-id or --prover-id, --sector-id and --ticket");
    st.replica_id = bytes32_option(vm, "replica-id");
  } else {
    if (!vm.count("sector-id")) usage_error("--sector-id is required (or --replica-id)");
    st.replica_id = porep::replica_id(required_bytes32(vm, "prover-id", "(or --replica-id)"),
                                      vm["sector-id"].as<std::uint64_t>(),
                                      required_bytes32(vm, "ticket", "(or --replica-id)"),
                                      st.comm_d, porep::porep_id_for(st.proof->id));
  }
  if (vm.count("challenges")) {
    st.challenges = read_index_lists(vm["challenges"].as<std::string>(), "challenges");
  } else if (st.proof->feature != porep::ApiFeature::NonInteractivePoRep) {
    st.seed = required_bytes32(vm, "seed", "(or --challenges FILE)");
  }
  return verify_with_key(
      vm, [&](const std::string& v) { return snark::porep_parameter_stem(*st.proof, v); },
      [&](const auto& pvk, const auto& proof) { return snark::verify_seal(pvk, st, proof); });
}

int verify_post_cmd(const Args& args) {
  po::options_description desc("vseal verify post");
  desc.add_options()("registered-proof", po::value<std::string>()->required(),
                     "PoSt proof name or id, e.g. StackedDrgWindow32GiBV1_2")(
      "randomness", po::value<std::string>(), "32-byte PoSt randomness")(
      "sector", po::value<std::vector<std::string>>()->multitoken()->required(),
      "SECTOR_NUMBER:COMM_R_HEX, ascending (one for Winning PoSt)")(
      "leaves", po::value<std::string>(),
      "JSON file: leaf challenges per circuit sector, instead of deriving them from "
      "--randomness")("proof-file", po::value<std::string>()->required(),
                      "the PoSt proof (192 bytes per partition)");
  add_key_options(desc);
  const auto vm = parse_options(args, desc, {});
  snark::PostStatement st;
  st.proof = &post_proof_option(vm["registered-proof"].as<std::string>());
  for (const auto& s : vm["sector"].as<std::vector<std::string>>())
    st.sectors.push_back(parse_sector(s));
  if (vm.count("leaves")) {
    st.leaves = read_index_lists(vm["leaves"].as<std::string>(), "leaves");
  } else {
    st.randomness = required_bytes32(vm, "randomness", "(or --leaves FILE)");
  }
  return verify_with_key(
      vm, [&](const std::string& v) { return snark::post_parameter_stem(*st.proof, v); },
      [&](const auto& pvk, const auto& proof) { return snark::verify_post(pvk, st, proof); });
}

}  // namespace

int cmd_groth16(const Args& args) {
  if (!args.empty() && args[0] == "verify")
    return groth16_verify(Args(args.begin() + 1, args.end()));
  usage_error("usage: vseal groth16 verify --vk FILE --proof-file FILE --inputs FILE.json");
}

int cmd_verify(const Args& args) {
  if (!args.empty() && args[0] == "seal")
    return verify_seal_cmd(Args(args.begin() + 1, args.end()));
  if (!args.empty() && args[0] == "post")
    return verify_post_cmd(Args(args.begin() + 1, args.end()));
  usage_error("usage: vseal verify seal|post ... (see vseal --help)");
}

}  // namespace vseal::cli
