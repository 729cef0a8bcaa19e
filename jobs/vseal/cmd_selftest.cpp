// vseal selftest: known-answer checks of the primitives this build uses, on every backend the
// CPU offers, plus (with --vectors DIR) every hash vector of DIR/poseidon.json. The known
// answers are published values (FIPS 180-2 examples, neptune's and filecoin-hashers' test
// vectors), compared against what the code computes; `make demo` runs this first.
#include <fstream>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "field/fr_backend.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_gpu.hpp"
#include "hash/sha256.hpp"
#include "merkle/poseidon_tree.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

struct Report {
  nlohmann::json checks = nlohmann::json::array();
  int failed = 0;
  void add(const std::string& name, const std::string& got, const std::string& expected) {
    const bool ok = got == expected;
    failed += ok ? 0 : 1;
    nlohmann::json c = {{"check", name}, {"ok", ok}};
    if (!ok) c["got"] = got, c["expected"] = expected;
    checks.push_back(c);
  }
};

std::vector<field::Fr> sequence(std::size_t n, std::uint64_t first) {
  std::vector<field::Fr> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(field::Fr::from_u64(first + i));
  return v;
}

void check_sha256(Report& r) {
  for (const auto b : {hash::Sha256Backend::Portable, hash::Sha256Backend::ShaNi}) {
    if (!hash::sha256_backend_supported(b)) continue;
    const auto saved = hash::sha256_backend();
    hash::force_sha256_backend(b);
    const std::string abc = "abc";
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const std::string name = "sha256/" + std::string(hash::sha256_backend_name(b));
    r.add(name + "/abc",
          to_hex(hash::sha256(
              std::span(reinterpret_cast<const std::uint8_t*>(abc.data()), abc.size()))),
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    r.add(name + "/448-bit",
          to_hex(hash::sha256(std::span(reinterpret_cast<const std::uint8_t*>(two_blocks.data()),
                                        two_blocks.size()))),
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    hash::force_sha256_backend(saved);
  }
}

void check_poseidon(Report& r) {
  // neptune src/poseidon.rs hash_values (MerkleTree, Standard, inputs 0..arity-1) and
  // filecoin-hashers H2(1, 0), on every batch backend.
  struct Kat {
    std::size_t arity;
    std::uint64_t first;
    const char* expected;
  } kats[] = {
      {2, 0, "ffe7029a363c202e9da6059d33a9fba661e1ef02d90f9e736ba5765ed7086539"},
      {8, 0, "e6a5386df534992ad9aec49c9d2e684b777067114200011255dea5a31d619423"},
  };
  for (const auto b : {hash::PoseidonBackend::Plain, hash::PoseidonBackend::Optimized,
                       hash::PoseidonBackend::OptimizedAdx, hash::PoseidonBackend::Ifma}) {
    if (!hash::poseidon_backend_supported(b)) continue;
    for (const auto& k : kats) {
      field::Fr out[1];
      hash::poseidon_hash_batch_with(b, k.arity, out, sequence(k.arity, k.first));
      r.add("poseidon/" + std::string(hash::poseidon_backend_name(b)) + "/arity" +
                std::to_string(k.arity),
            out[0].to_hex(), k.expected);
    }
  }
  const field::Fr one_zero[2] = {field::Fr::one(), field::Fr::zero()};
  r.add("poseidon/filecoin-hashers-node-1-0", hash::poseidon_hash(one_zero).to_hex(),
        "5e0b807960ff39b3af9430dcb30759ec264fa274cc03c093c36b78beff942f04");
  r.add("poseidon/hash_md-71-ones",
        hash::poseidon_hash_md(std::vector<field::Fr>(71, field::Fr::one())).to_hex(),
        "902c333b13541c3595814e5f626d6fc22296ed433662d95ff7f69fe02022f459");
  if (hash::poseidon_gpu_available()) {
    for (const auto& k : kats) {
      field::Fr out[1];
      hash::poseidon_hash_batch_gpu(k.arity, out, sequence(k.arity, k.first));
      r.add("poseidon/cuda/arity" + std::to_string(k.arity), out[0].to_hex(), k.expected);
    }
  }
}

void check_vector_file(Report& r, const std::string& dir) {
  const std::string path = dir + "/poseidon.json";
  std::ifstream in(path);
  if (!in) usage_error("--vectors: cannot open " + path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::BadInput, path + ": " + e.what());
  }
  for (const auto& v : doc.at("vectors")) {
    const std::string kind = v.at("kind");
    if (kind != "hash" && kind != "tree_root" && kind != "hash_md") continue;
    const std::size_t arity = v.at("arity");
    std::vector<field::Fr> inputs;
    for (const auto& h : v.at("inputs"))
      inputs.push_back(field::Fr::from_hex(h.get<std::string>()));
    const auto strength = v.value("strength", "standard") == "strengthened"
                              ? hash::PoseidonStrength::Strengthened
                              : hash::PoseidonStrength::Standard;
    field::Fr got;
    if (kind == "hash") {
      got = hash::poseidon_hash_tagged(field::Fr::from_hex(v.at("tag").get<std::string>()), inputs,
                                       arity, strength);
    } else if (kind == "tree_root") {
      got = merkle::poseidon_tree_root(arity, inputs);
    } else {
      got = hash::poseidon_hash_md(inputs);
    }
    r.add("vectors/" + v.at("name").get<std::string>(), got.to_hex(), v.at("expected"));
  }
}

}  // namespace

int cmd_selftest(const Args& args) {
  po::options_description desc("vseal selftest");
  desc.add_options()("vectors", po::value<std::string>(), "directory holding poseidon.json");
  const auto vm = parse_options(args, desc, {});
  Report r;
  check_sha256(r);
  check_poseidon(r);
  if (vm.count("vectors")) check_vector_file(r, vm["vectors"].as<std::string>());
  print_json({{"ok", r.failed == 0},
              {"checks_run", r.checks.size()},
              {"failed", r.failed},
              {"sha256_backend", hash::sha256_backend_name(hash::sha256_backend())},
              {"fr_backend", field::fr_backend_name(field::fr_backend())},
              {"poseidon_backend", hash::poseidon_backend_name(hash::poseidon_best_backend())},
              {"gpu", hash::poseidon_gpu_describe(0)},
              {"checks", r.checks}});
  // A failed known answer is a broken build or CPU path, never bad user input.
  return r.failed == 0 ? 0 : 1;
}

}  // namespace vseal::cli
