// Commit phase 1 (see c1_prover.hpp).
#include "porep/c1_prover.hpp"

#include <string>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "porep/challenges.hpp"
#include "porep/graph.hpp"
#include "porep/ids.hpp"
#include "porep/sector_trees.hpp"
#include "porep/vanilla_verify.hpp"

namespace vseal::porep {
namespace {

ColumnProof column_proof(const SectorTrees& trees, LayerReader& layers, int layer_count,
                         std::uint64_t node) {
  ColumnProof c;
  c.index = static_cast<std::uint32_t>(node);
  c.rows.resize(static_cast<std::size_t>(layer_count));
  for (int l = 1; l <= layer_count; ++l)
    layers.read(l, node, c.rows[static_cast<std::size_t>(l - 1)]);
  c.inclusion = trees.tree_c_proof(node);
  return c;
}

ChallengeProof prove_challenge(const SectorTrees& trees, LayerReader& layers, int layer_count,
                               ParentGenerator& graph, std::uint64_t x) {
  ChallengeProof p;
  p.comm_d_proof = trees.tree_d_proof(x);
  p.comm_r_last_proof = trees.tree_r_last_proof(x);
  p.c_x = column_proof(trees, layers, layer_count, x);
  std::array<std::uint32_t, kParentCount> parents{};
  graph.parents(x, parents);
  for (std::size_t i = 0; i < kParentCount; ++i)
    (i < kBaseDegree ? p.drg_parents : p.exp_parents)
        .push_back(column_proof(trees, layers, layer_count, parents[i]));
  for (int l = 1; l <= layer_count; ++l) {
    const auto layer = static_cast<std::uint32_t>(l);
    p.labeling.push_back({label_parents(p.drg_parents, p.exp_parents, layer), layer, x});
  }
  p.encoding = p.labeling.back();
  return p;
}

void require(bool ok, const std::string& what) {
  if (!ok) throw Error(ErrorCode::BadInput, what);
}

}  // namespace

C1Output seal_commit_phase1(const C1Request& r) {
  const auto& shape = sector_shape(r.proof.sector_size);
  require(r.layers != nullptr, "C1 needs the sector's layers");
  require(r.comm_d != Node{}, "comm_d is all zero");
  require(r.comm_r != Node{}, "comm_r is all zero");
  require(r.proof.feature == ApiFeature::NonInteractivePoRep || r.seed != Node{},
          "the interactive seed is all zero");
  const SectorTrees trees(r.cache_dir, r.sealed, shape);
  if (trees.comm_d() != r.comm_d)
    throw Error(ErrorCode::BadInput, "comm_d " + to_hex(r.comm_d) + " is not the root of " +
                                         (r.cache_dir / "sc-02-data-tree-d.dat").string() + " (" +
                                         to_hex(trees.comm_d()) + ")");
  const field::Fr pair[2] = {trees.p_aux().comm_c, trees.p_aux().comm_r_last};
  if (hash::poseidon_hash(pair).to_bytes() != r.comm_r)
    throw Error(ErrorCode::BadInput, "comm_r " + to_hex(r.comm_r) +
                                         " is not Poseidon(comm_c, comm_r_last) of p_aux in " +
                                         r.cache_dir.string());

  C1Output out;
  out.proof = r.proof;
  out.comm_r = r.comm_r;
  out.comm_d = r.comm_d;
  out.seed = r.seed;
  out.ticket = r.ticket;
  out.replica_id = replica_id(r.prover_id, r.sector_id, r.ticket, r.comm_d, r.proof.porep_id);
  const auto layout = challenge_layout(r.proof.feature, shape);
  const ChallengeInputs in{shape.nodes, r.proof.feature, layout, out.replica_id, r.seed, r.comm_r};
  ParentGenerator graph({shape.nodes, r.proof.porep_id, r.proof.api_version});
  for (int k = 0; k < layout.partitions; ++k) {
    std::vector<ChallengeProof> proofs;
    for (const std::uint64_t x : porep_challenges(in, k))
      proofs.push_back(prove_challenge(trees, *r.layers, shape.layers, graph, x));
    out.partitions.push_back(std::move(proofs));
    if (r.progress) r.progress(k + 1, layout.partitions);
  }
  const auto report = verify_c1_output(out);
  if (!report.ok()) {
    std::string text = "the vanilla proofs do not verify (the sector's files disagree):";
    for (const auto& p : report.problems) {
      text += "\n  ";
      text += p;
    }
    throw Error(ErrorCode::Corrupt, text);
  }
  return out;
}

}  // namespace vseal::porep
