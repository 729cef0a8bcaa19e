// Parameter file stems (see parameter_files.hpp).
#include "snark/parameter_files.hpp"

#include <cstdlib>
#include <span>

#include "base/hex.hpp"
#include "hash/sha256.hpp"
#include "porep/challenges.hpp"

namespace vseal::snark {
namespace {

std::string tree_name(const porep::SectorShape& shape) {
  std::string out = "merkletree-poseidon_hasher-";
  out += std::to_string(shape.base_arity);
  out += '-';
  out += std::to_string(shape.sub_arity);
  out += '-';
  out += std::to_string(shape.top_arity);
  return out;
}

std::string identifier_hash(const std::string& identifier) {
  return to_hex(hash::sha256(
      std::span(reinterpret_cast<const std::uint8_t*>(identifier.data()), identifier.size())));
}

}  // namespace

std::string porep_parameter_stem(const porep::RegisteredSealProof& proof,
                                 const std::string& version) {
  const auto& shape = porep::sector_shape(proof.sector_size);
  const auto layout = porep::challenge_layout(proof.feature, shape);
  std::string id =
      "layered_drgporep::PublicParams{ graph: stacked_graph::StackedGraph{expansion_degree: 8 "
      "base_graph: drgraph::BucketGraph{size: ";
  id += std::to_string(shape.nodes);
  id += "; degree: 6; hasher: poseidon_hasher} }, challenges: LayerChallenges { layers: ";
  id += std::to_string(shape.layers);
  id += ", max_count: ";
  id += std::to_string(layout.per_partition);
  id += " }, tree: ";
  id += tree_name(shape);
  id += " }";
  std::string stem = version;
  stem += "-stacked-proof-of-replication-";
  stem += tree_name(shape);
  stem += "-sha256_hasher-";
  stem += identifier_hash(id);
  return stem;
}

std::string post_parameter_stem(const post::RegisteredPostProof& proof,
                                const std::string& version) {
  const auto& shape = porep::sector_shape(proof.sector_size);
  std::string id = "FallbackPoSt::PublicParams{sector_size: ";
  id += std::to_string(proof.sector_size);
  id += ", challenge_count: ";
  id += std::to_string(proof.challenge_count);
  id += ", sector_count: ";
  id += std::to_string(proof.sector_count);
  id += "}";
  std::string stem = version;
  stem += "-proof-of-spacetime-fallback-";
  stem += tree_name(shape);
  stem += '-';
  stem += identifier_hash(id);
  return stem;
}

std::filesystem::path default_parameter_cache() {
  const char* env = std::getenv("FIL_PROOFS_PARAMETER_CACHE");
  return env && *env ? std::filesystem::path(env)
                     : std::filesystem::path("/var/tmp/filecoin-proof-parameters");
}

}  // namespace vseal::snark
