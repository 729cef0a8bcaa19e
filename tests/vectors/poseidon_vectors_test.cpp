// Every entry of ../shared/vectors/poseidon.json, one test case each, named after the entry.
// A mismatch is a bug in vseal, never in the vector; failures print the entry's source.
#include <gtest/gtest.h>

#include <fstream>

#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "hash/sha256.hpp"
#include "merkle/poseidon_tree.hpp"
#include "porep/update_challenges.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::hash {
namespace {

using nlohmann::json;
using vseal::testing::vectors_of_kind;

constexpr const char* kFile = "poseidon.json";

PoseidonStrength strength_of(const json& v) {
  return v.value("strength", "standard") == "strengthened" ? PoseidonStrength::Strengthened
                                                           : PoseidonStrength::Standard;
}

std::vector<Fr> fr_list(const json& hexes) {
  std::vector<Fr> out;
  for (const auto& h : hexes) out.push_back(Fr::from_hex(h.get<std::string>()));
  return out;
}

std::string mont_hex(const Fr& x) {
  std::array<std::uint8_t, 32> b{};
  for (std::size_t i = 0; i < 32; ++i)
    b[i] = static_cast<std::uint8_t>(x.mont[i / 8] >> (8 * (i % 8)));
  return to_hex(b);
}

class PoseidonVector : public ::testing::TestWithParam<json> {};

TEST_P(PoseidonVector, Matches) {
  const json& v = GetParam();
  SCOPED_TRACE("source: " + v.at("source").get<std::string>());
  const std::string kind = v.at("kind");
  const std::size_t arity = v.at("arity").is_null() ? 0 : v.at("arity").get<std::size_t>();
  const auto strength = strength_of(v);

  if (kind == "hash") {
    const Fr tag = Fr::from_hex(v.at("tag").get<std::string>());
    const auto inputs = fr_list(v.at("inputs"));
    const Fr got = poseidon_hash_tagged(tag, inputs, arity, strength);
    EXPECT_EQ(got.to_hex(), v.at("expected").get<std::string>());
    if (tag == poseidon_merkle_tag(arity) && inputs.size() == arity) {
      // The same digest through the MerkleTree entry point and every batch backend.
      EXPECT_EQ(poseidon_hash(inputs, strength), got);
      for (const auto b : {PoseidonBackend::Plain, PoseidonBackend::Optimized,
                           PoseidonBackend::OptimizedAdx, PoseidonBackend::Ifma}) {
        if (!poseidon_backend_supported(b)) continue;
        Fr out[1];
        poseidon_hash_batch_with(b, arity, out, inputs, strength);
        EXPECT_EQ(out[0], got) << poseidon_backend_name(b);
      }
    }
  } else if (kind == "sponge_constant_length") {
    EXPECT_EQ(poseidon_sponge_constant_length(arity, fr_list(v.at("inputs")), strength).to_hex(),
              v.at("expected").get<std::string>());
    EXPECT_EQ(poseidon_constant_length_tag(v.at("inputs").size()).to_hex(),
              v.at("tag").get<std::string>());
  } else if (kind == "hash_md") {
    EXPECT_EQ(poseidon_hash_md(fr_list(v.at("inputs"))).to_hex(),
              v.at("expected").get<std::string>());
  } else if (kind == "tree_root") {
    EXPECT_EQ(merkle::poseidon_tree_root(arity, fr_list(v.at("inputs"))).to_hex(),
              v.at("expected").get<std::string>());
  } else if (kind == "snap_challenges") {
    const auto& p = v.at("params");
    const auto params = porep::update_challenge_params(p.at("sector_nodes").get<std::uint64_t>());
    const auto got =
        porep::update_challenges(params, Fr::from_hex(v.at("inputs")[0].get<std::string>()),
                                 p.at("k").get<std::uint64_t>(), v.at("expected").size());
    EXPECT_EQ(json(got), v.at("expected"));
  } else if (kind == "domain_tag") {
    const auto& p = v.at("params");
    const std::string type = p.at("hash_type");
    Fr tag;
    if (type == "MerkleTree")
      tag = poseidon_domain_tag(PoseidonHashType::MerkleTree, arity);
    else if (type == "ConstantLength")
      tag = poseidon_domain_tag(PoseidonHashType::ConstantLength, arity,
                                p.at("length").get<std::uint64_t>());
    else if (type == "Encryption")
      tag = poseidon_domain_tag(PoseidonHashType::Encryption, arity);
    else if (type == "Custom")
      tag = poseidon_domain_tag(PoseidonHashType::Custom, arity, p.at("id").get<std::uint64_t>());
    else if (type == "Sponge")
      tag = poseidon_domain_tag(PoseidonHashType::Sponge, arity);
    else
      FAIL() << "unknown hash_type " << type;
    EXPECT_EQ(tag.to_hex(), v.at("expected").get<std::string>());
  } else if (kind == "round_numbers") {
    for (const auto& row : v.at("expected")) {
      const std::size_t width = row.contains("t") ? row.at("t").get<std::size_t>()
                                                  : row.at("arity").get<std::size_t>() + 1;
      const auto s = row.at("strength") == "strengthened" ? PoseidonStrength::Strengthened
                                                          : PoseidonStrength::Standard;
      const auto r = poseidon_round_numbers(width, s);
      EXPECT_EQ(r.full, row.at("R_F").get<int>()) << row.dump();
      EXPECT_EQ(r.partial, row.at("R_P").get<int>()) << row.dump();
    }
  } else if (kind == "round_constant") {
    const auto& c = poseidon_constants(arity, strength);
    EXPECT_EQ(c.round_constants.at(v.at("params").at("index").get<std::size_t>()).to_hex(),
              v.at("expected").get<std::string>());
  } else if (kind == "compressed_round_constant") {
    const auto& x =
        poseidon_constants(arity, strength)
            .compressed_round_constants.at(v.at("params").at("index").get<std::size_t>());
    EXPECT_EQ(x.to_hex(), v.at("expected").get<std::string>());
    EXPECT_EQ(mont_hex(x), v.at("blob_montgomery_bytes").get<std::string>());
  } else if (kind == "mds_entry") {
    const auto& c = poseidon_constants(arity);
    const auto& p = v.at("params");
    const Fr& x =
        c.mds.at(p.at("row").get<std::size_t>() * c.width + p.at("col").get<std::size_t>());
    EXPECT_EQ(x.to_hex(), v.at("expected").get<std::string>());
    EXPECT_EQ(mont_hex(x), v.at("blob_montgomery_bytes").get<std::string>());
  } else if (kind == "trace") {
    const auto& c = poseidon_constants(arity, strength);
    auto state = fr_list(v.at("inputs"));
    ASSERT_EQ(state.size(), c.width);
    const auto& expected = v.at("expected");
    std::size_t checked = 0;
    for (std::size_t r = 0; r < static_cast<std::size_t>(c.full_rounds + c.partial_rounds); ++r) {
      poseidon_plain_round(c, state, r);
      const std::string key = std::to_string(r);
      if (!expected.contains(key)) continue;
      std::vector<std::string> got;
      for (const auto& x : state) got.push_back(x.to_hex());
      EXPECT_EQ(json(got), expected.at(key)) << "after round " << r;
      ++checked;
    }
    EXPECT_EQ(checked, expected.size());
  } else if (kind == "blob_sha256") {
    const auto blob = poseidon_supra_seal_blob(poseidon_constants(arity));
    EXPECT_EQ(blob.size(), v.at("params").at("size_bytes").get<std::size_t>());
    EXPECT_EQ(to_hex(sha256(blob)), v.at("expected").get<std::string>());
  } else {
    FAIL() << "vector kind '" << kind << "' has no check: add one";
  }
}

INSTANTIATE_TEST_SUITE_P(PoseidonJson, PoseidonVector,
                         ::testing::ValuesIn(vseal::testing::load_vectors(kFile)),
                         [](const auto& p) { return vseal::testing::test_name(p.param); });

// The supra_seal blob files themselves (not only their digests) equal what vseal generates.
class SupraSealBlob : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SupraSealBlob, GeneratedConstantsEqualFile) {
  const std::size_t arity = GetParam();
  const std::string path =
      vseal::testing::vectors_dir() + "/poseidon-constants/constants_" + std::to_string(arity);
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path;
  const std::vector<std::uint8_t> file((std::istreambuf_iterator<char>(in)),
                                       std::istreambuf_iterator<char>());
  EXPECT_EQ(poseidon_supra_seal_blob(poseidon_constants(arity)), file);
}

INSTANTIATE_TEST_SUITE_P(FilecoinArities, SupraSealBlob,
                         ::testing::Values(2, 4, 8, 11, 16, 24, 36));

}  // namespace
}  // namespace vseal::hash
