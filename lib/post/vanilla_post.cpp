// Fallback PoSt vanilla proofs (see vanilla_post.hpp).
#include "post/vanilla_post.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "porep/proof_json.hpp"
#include "porep/sector_trees.hpp"
#include "porep/vanilla_proof.hpp"

namespace vseal::post {
namespace {

std::vector<std::uint64_t> challenges_of(const RegisteredPostProof& proof,
                                         const Bytes32& randomness, std::uint64_t sector_id,
                                         std::uint64_t position) {
  const std::uint64_t nodes = proof.sector_size / 32;
  if (proof.kind == PostKind::Winning) return winning_leaf_challenges(randomness, sector_id, nodes);
  return window_leaf_challenges(proof.api_version, randomness, sector_id, position, nodes,
                                proof.challenge_count);
}

bool comm_r_matches(const SectorProof& p, const Node& comm_r) {
  field::Fr c, r, want;
  if (!field::Fr::try_from_bytes(p.comm_c, c) || !field::Fr::try_from_bytes(p.comm_r_last, r) ||
      !field::Fr::try_from_bytes(comm_r, want))
    return false;
  return hash::poseidon_hash(std::array{c, r}) == want;
}

}  // namespace

std::vector<std::string> verify_vanilla_post(const RegisteredPostProof& proof,
                                             const Bytes32& randomness,
                                             const std::vector<FallbackSectorProof>& proofs,
                                             const std::vector<std::uint64_t>& positions) {
  check_post_randomness(randomness);
  if (positions.size() != proofs.size())
    throw Error(ErrorCode::BadInput, "one position per sector proof is needed");
  const auto& shape = porep::sector_shape(proof.sector_size);
  const auto path_shape = porep::column_tree_path_shape(shape);
  std::vector<std::string> problems;
  for (std::size_t s = 0; s < proofs.size(); ++s) {
    const auto& p = proofs[s];
    const std::string where = "sector " + std::to_string(p.sector_id);
    if (!comm_r_matches(p.proof, p.comm_r))
      problems.push_back(where + ": Poseidon(comm_c, comm_r_last) is not comm_r");
    const auto leaves = challenges_of(proof, randomness, p.sector_id, positions[s]);
    if (p.proof.inclusion_proofs.size() != leaves.size()) {
      problems.push_back(where + ": " + std::to_string(p.proof.inclusion_proofs.size()) +
                         " inclusion proofs for " + std::to_string(leaves.size()) + " challenges");
      continue;
    }
    for (std::size_t i = 0; i < leaves.size(); ++i)
      if (!merkle::verify_inclusion(p.proof.inclusion_proofs[i], merkle::TreeHash::Poseidon,
                                    path_shape, leaves[i], p.proof.comm_r_last))
        problems.push_back(where + " challenge " + std::to_string(i) + " (leaf " +
                           std::to_string(leaves[i]) +
                           "): tree_r_last inclusion proof does not lead to comm_r_last");
  }
  return problems;
}

namespace {

VanillaPost prove_pass(const std::vector<ProvableSector>& sectors, const SectorProver& prove_one) {
  VanillaPost out;
  for (std::size_t s = 0; s < sectors.size(); ++s) {
    auto outcome = prove_one(sectors[s], s);
    if (outcome.proof) {
      out.proofs.push_back(std::move(*outcome.proof));
      out.positions.push_back(s);
    } else {
      out.faulty.push_back({sectors[s].sector_id, outcome.fault});
    }
  }
  return out;
}

}  // namespace

SectorOutcome prove_sector(const RegisteredPostProof& proof, const Bytes32& randomness,
                           const ProvableSector& in, std::uint64_t position) {
  const auto& shape = porep::sector_shape(proof.sector_size);
  try {
    const porep::ProvingTree tree(in.cache_dir, in.sealed, shape);
    FallbackSectorProof fp{in.sector_id, in.comm_r, {}};
    fp.proof.comm_c = tree.p_aux.comm_c.to_bytes();
    fp.proof.comm_r_last = tree.p_aux.comm_r_last.to_bytes();
    if (tree.tree_r_last.root() != fp.proof.comm_r_last)
      throw Error(ErrorCode::Corrupt, "the root of the tree-r-last files in " +
                                          in.cache_dir.string() + " is not p_aux's comm_r_last");
    if (!comm_r_matches(fp.proof, in.comm_r))
      throw Error(ErrorCode::Corrupt,
                  "Poseidon(comm_c, comm_r_last) of p_aux is not comm_r " + to_hex(in.comm_r));
    for (const std::uint64_t leaf : challenges_of(proof, randomness, in.sector_id, position))
      fp.proof.inclusion_proofs.push_back(tree.tree_r_last.prove(leaf));
    const auto problems = verify_vanilla_post(proof, randomness, {fp}, {position});
    if (!problems.empty()) throw Error(ErrorCode::Corrupt, problems.front());
    return {std::move(fp), {}};
  } catch (const Error& e) {
    return {std::nullopt, e.what()};
  }
}

VanillaPost prove_vanilla_post(const RegisteredPostProof& proof, const Bytes32& randomness,
                               const std::vector<ProvableSector>& sectors,
                               const SectorProver& prove_one) {
  check_post_randomness(randomness);
  if (proof.kind == PostKind::Winning && sectors.size() != 1)
    throw Error(ErrorCode::BadInput, "Winning PoSt proves exactly one sector");
  for (std::size_t i = 1; i < sectors.size(); ++i)
    if (sectors[i].sector_id <= sectors[i - 1].sector_id)
      throw Error(ErrorCode::BadInput, "sectors must be in ascending sector number, once each");
  const SectorProver prove = prove_one ? prove_one : [&](const ProvableSector& s, std::uint64_t p) {
    return prove_sector(proof, randomness, s, p);
  };
  VanillaPost out = prove_pass(sectors, prove);
  const bool positional =
      proof.kind == PostKind::Window && proof.api_version == porep::ApiVersion::V1_0_0;
  // Each retry proves only sectors that were fine before, so it ends when one adds no fault.
  std::vector<ProvableSector> remaining = sectors;
  while (positional && out.proofs.size() != remaining.size()) {
    std::vector<ProvableSector> good;
    for (const auto& s : remaining)
      if (std::none_of(out.faulty.begin(), out.faulty.end(),
                       [&](const FaultySector& f) { return f.sector_id == s.sector_id; }))
        good.push_back(s);
    VanillaPost again = prove_pass(good, prove);
    again.faulty.insert(again.faulty.end(), out.faulty.begin(), out.faulty.end());
    std::sort(again.faulty.begin(), again.faulty.end(),
              [](const auto& a, const auto& b) { return a.sector_id < b.sector_id; });
    out = std::move(again);
    remaining = std::move(good);
  }
  // Positions count among the sectors the proof covers; where challenges do not depend on
  // them, leaving out faulty sectors only renumbers.
  for (std::size_t i = 0; i < out.positions.size(); ++i) out.positions[i] = i;
  return out;
}

nlohmann::json sector_proof_to_json(const FallbackSectorProof& p, std::uint64_t position) {
  using porep::proof_json::node;
  nlohmann::json inclusion = nlohmann::json::array();
  for (const auto& ip : p.proof.inclusion_proofs)
    inclusion.push_back(porep::proof_json::merkle_proof(ip));
  return {{"sector_id", p.sector_id},
          {"comm_r", node(p.comm_r)},
          {"vanilla_proof",
           {{"sectors",
             {{{"inclusion_proofs", inclusion},
               {"comm_c", node(p.proof.comm_c)},
               {"comm_r_last", node(p.proof.comm_r_last)}}}}}},
          {"position", position}};
}

FallbackSectorProof sector_proof_from_json(const nlohmann::json& v, const std::string& at,
                                           std::uint64_t& position) {
  using namespace porep::proof_json;
  only_keys(v, at, {"sector_id", "comm_r", "vanilla_proof", "position"});
  FallbackSectorProof p;
  p.sector_id = unsigned_of(v.at("sector_id"), at + ".sector_id");
  p.comm_r = read_node(v.at("comm_r"), at + ".comm_r");
  const auto& vp = v.at("vanilla_proof");
  only_keys(vp, at + ".vanilla_proof", {"sectors"});
  const auto& inner = array_of(vp.at("sectors"), at + ".vanilla_proof.sectors");
  if (inner.size() != 1) bad(at + ".vanilla_proof.sectors", "expected one sector proof");
  const std::string in = at + ".vanilla_proof.sectors[0]";
  only_keys(inner[0], in, {"inclusion_proofs", "comm_c", "comm_r_last"});
  const auto& proofs = array_of(inner[0].at("inclusion_proofs"), in + ".inclusion_proofs");
  for (std::size_t k = 0; k < proofs.size(); ++k)
    p.proof.inclusion_proofs.push_back(
        read_merkle_proof(proofs[k], in + ".inclusion_proofs[" + std::to_string(k) + "]"));
  p.proof.comm_c = read_node(inner[0].at("comm_c"), in + ".comm_c");
  p.proof.comm_r_last = read_node(inner[0].at("comm_r_last"), in + ".comm_r_last");
  position = unsigned_of(v.at("position"), at + ".position");
  return p;
}

nlohmann::json vanilla_post_to_json(const RegisteredPostProof& proof, const Bytes32& randomness,
                                    const VanillaPost& post) {
  nlohmann::json sectors = nlohmann::json::array(), faulty = nlohmann::json::array();
  for (std::size_t i = 0; i < post.proofs.size(); ++i)
    sectors.push_back(sector_proof_to_json(post.proofs[i], post.positions.at(i)));
  for (const auto& f : post.faulty)
    faulty.push_back({{"sector_id", f.sector_id}, {"reason", f.reason}});
  return {{"registered_proof", proof.name},
          {"randomness", to_hex(randomness)},
          {"sectors", sectors},
          {"faulty", faulty}};
}

VanillaPostFile vanilla_post_from_json(const nlohmann::json& doc) {
  using namespace porep::proof_json;
  const std::string root = "vanilla PoSt";
  only_keys(doc, root, {"registered_proof", "randomness", "sectors", "faulty"});
  if (!doc.at("registered_proof").is_string() || !doc.at("randomness").is_string())
    bad(root, "registered_proof and randomness are strings");
  VanillaPostFile f{&registered_post_proof(doc.at("registered_proof").get<std::string>()), {}, {}};
  from_hex_exact(f.randomness, doc.at("randomness").get<std::string>(), root + ".randomness");
  const auto& sectors = array_of(doc.at("sectors"), root + ".sectors");
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    std::uint64_t position = 0;
    f.post.proofs.push_back(
        sector_proof_from_json(sectors[i], root + ".sectors[" + std::to_string(i) + "]", position));
    f.post.positions.push_back(position);
  }
  const auto& faulty = array_of(doc.at("faulty"), root + ".faulty");
  for (std::size_t i = 0; i < faulty.size(); ++i) {
    const std::string at = root + ".faulty[" + std::to_string(i) + "]";
    only_keys(faulty[i], at, {"sector_id", "reason"});
    if (!faulty[i].at("reason").is_string()) bad(at + ".reason", "expected a string");
    f.post.faulty.push_back({unsigned_of(faulty[i].at("sector_id"), at + ".sector_id"),
                             faulty[i].at("reason").get<std::string>()});
  }
  return f;
}

}  // namespace vseal::post
