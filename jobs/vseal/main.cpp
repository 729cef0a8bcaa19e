// `vseal`: the inspection and benchmark tool (like lotus-shed/lotus-bench): compute one
// commitment, hash, or benchmark a primitive. JSON on stdout; errors on stderr with exit code 2
// for bad input (jobs/common/job_main.hpp).
#include <iostream>
#include <map>
#include <string>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "jobs/common/job_main.hpp"
#include "vseal/cli.hpp"

namespace vseal::cli {

void print_json(const nlohmann::json& doc) {
  std::cout << doc.dump() << "\n";
}

void usage_error(const std::string& message) {
  throw Error(ErrorCode::BadInput, message);
}

std::vector<field::Fr> parse_field_elements(const std::vector<std::string>& hex,
                                            const std::string& what) {
  std::vector<field::Fr> out;
  out.reserve(hex.size());
  for (std::size_t i = 0; i < hex.size(); ++i) {
    out.push_back(field::Fr::from_hex(hex[i], what + " " + std::to_string(i)));
  }
  return out;
}

namespace {

constexpr const char* kUsage = R"(usage: vseal <group> <command> [options]

  vseal hash sha256 HEX
  vseal hash poseidon --arity N [--strength standard|strengthened] [--type merkle|constlen] HEX...
  vseal merkle root --hasher poseidon --arity N HEX...
  vseal poseidon params --arity N [--strength standard|strengthened]
  vseal bench sha256|poseidon|fr|pc1|pc2|pairing|verify [--seconds S] [--sector-size S]
  vseal selftest [--vectors DIR]
  vseal porep labels --nodes N --layers L --replica-id HEX --porep-id HEX --api-version V
  vseal porep parent-cache --nodes N --porep-id HEX --api-version V [--out DIR]
  vseal porep parents --nodes N --porep-id HEX --api-version V --node I
  vseal porep replica-id --prover-id HEX --sector-id N --ticket HEX --comm-d HEX --porep-id HEX
  vseal porep commd --sector-size S [--pieces FILE... | --piece-commitments HEX:SIZE...]
  vseal porep challenges --nodes N --replica-id HEX --count C [--partition K]
             [--kind interactive|synthetic|ni] [--seed HEX] [--comm-r HEX] [--num-synthetic S]
  vseal porep synthetic-set --nodes N --replica-id HEX --comm-r HEX [--first F] [--count C]
  vseal porep public-inputs (--registered-proof P | --nodes N --porep-id HEX --api-version V)
             --replica-id HEX --comm-d HEX --comm-r HEX [--seed HEX] [--partition K]
             [--challenges x,y,...]
  vseal post challenges --randomness HEX --sector-id N --nodes N [--count C]
             [--api-version 1.0.0|1.2.0] [--position P]
  vseal post winning-sector --prover-id HEX --randomness HEX --sectors N
  vseal post public-inputs --registered-proof P --randomness HEX --sector ID:COMMR...
             [--partition K]
  vseal post prove-vanilla --registered-proof P --randomness HEX
             --sector ID:COMMR:CACHE_DIR:SEALED... --out FILE
  vseal post verify-vanilla FILE
  vseal piece commp FILE
  vseal piece align --written W --size U
  vseal piece fr32-pad HEX | fr32-unpad HEX [--bytes N]
  vseal seal (--sector-size S --porep-id HEX --api-version V | --registered-proof P)
             --prover-id HEX --sector-id N --ticket HEX (--data FILE | --cc) --out DIR
             [--parents DIR] [--threads N]
  vseal c1 --registered-proof P --cache DIR --sealed FILE --prover-id HEX --sector-id N
           --ticket HEX [--seed HEX] [--layers H5|DIR] [--comm-d HEX --comm-r HEX] --out FILE
  vseal c1 verify FILE
  vseal groth16 verify --vk FILE --proof-file FILE --inputs FILE.json
  vseal verify seal --registered-proof P --comm-r HEX --comm-d HEX
             (--prover-id HEX --sector-id N --ticket HEX | --replica-id HEX)
             (--seed HEX | --challenges FILE) --proof-file FILE
             [--vk FILE | --param-cache DIR [--param-version v28]]
  vseal verify post --registered-proof P --sector ID:COMMR... (--randomness HEX | --leaves FILE)
             --proof-file FILE [--vk FILE | --param-cache DIR [--param-version v28]]
  vseal cache check DIR [--sealed FILE]
  vseal cache t-aux --sector-size S --cache-path P [--rows-to-discard N]

Field elements are 32-byte little-endian hex (64 digits). Output is JSON on stdout.
)";

}  // namespace
}  // namespace vseal::cli

int main(int argc, char** argv) {
  using namespace vseal;
  return jobs::run_main("vseal", [&]() -> int {
    const cli::Args words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
      std::cout << cli::kUsage;
      return words.empty() ? jobs::kExitBadInput : jobs::kExitOk;
    }
    static const std::map<std::string, int (*)(const cli::Args&)> kGroups = {
        {"hash", cli::cmd_hash},
        {"merkle", cli::cmd_merkle},
        {"poseidon", cli::cmd_poseidon},
        {"bench", cli::cmd_bench},
        {"selftest", cli::cmd_selftest},
        {"porep", cli::cmd_porep},
        {"piece", cli::cmd_piece},
        {"cache", cli::cmd_cache},
        {"seal", cli::cmd_seal},
        {"post", cli::cmd_post},
        {"c1", cli::cmd_c1},
        {"groth16", cli::cmd_groth16},
        {"verify", cli::cmd_verify}};
    const auto it = kGroups.find(words[0]);
    if (it == kGroups.end()) {
      cli::usage_error("unknown command group '" + words[0] + "' (try: vseal --help)");
    }
    return it->second(cli::Args(words.begin() + 1, words.end()));
  });
}
