// The vanilla PoRep verifier (see vanilla_verify.hpp).
#include "porep/vanilla_verify.hpp"

#include "base/error.hpp"
#include "hash/poseidon.hpp"
#include "porep/challenges.hpp"
#include "porep/graph.hpp"

namespace vseal::porep {
namespace {

using field::Fr;

struct Context {
  const C1Output& c1;
  const SectorShape& shape;
  merkle::PathShape d_shape, rc_shape;
  std::size_t max_problems;
  VanillaReport report;
  std::size_t dropped = 0;

  void fail(const std::string& where, const std::string& what) {
    if (report.problems.size() < max_problems)
      report.problems.push_back(where + ": " + what);
    else
      ++dropped;
  }
};

std::optional<Fr> as_fr(const Node& n) {
  Fr f;
  if (!Fr::try_from_bytes(n, f)) return std::nullopt;
  return f;
}

std::optional<Node> column_hash(const std::vector<Node>& rows) {
  std::vector<Fr> values;
  for (const auto& r : rows) {
    const auto f = as_fr(r);
    if (!f) return std::nullopt;
    values.push_back(*f);
  }
  return hash::poseidon_hash(values).to_bytes();
}

void check_column(Context& ctx, const std::string& where, const ColumnProof& c,
                  std::uint64_t want_index, const Node& comm_c) {
  if (c.index != want_index)
    ctx.fail(where, "column of node " + std::to_string(c.index) + ", expected node " +
                        std::to_string(want_index));
  if (c.rows.size() != static_cast<std::size_t>(ctx.shape.layers)) {
    ctx.fail(where, "column has " + std::to_string(c.rows.size()) + " rows, expected " +
                        std::to_string(ctx.shape.layers));
    return;
  }
  const auto h = column_hash(c.rows);
  if (!h || *h != c.inclusion.leaf)
    ctx.fail(where, "the column's labels do not hash to its tree_c leaf");
  if (!merkle::verify_inclusion(c.inclusion, merkle::TreeHash::Poseidon, ctx.rc_shape, want_index,
                                comm_c))
    ctx.fail(where, "tree_c inclusion proof does not lead from the leaf of node " +
                        std::to_string(want_index) + " to comm_c");
}

void check_challenge(Context& ctx, const std::string& where, const ChallengeProof& p,
                     std::uint64_t x, ParentGenerator& graph, const Node& comm_c,
                     const Node& comm_r_last) {
  ++ctx.report.challenges_checked;
  const auto layers = static_cast<std::uint32_t>(ctx.shape.layers);
  if (!merkle::verify_inclusion(p.comm_d_proof, merkle::TreeHash::Sha256, ctx.d_shape, x,
                                ctx.c1.comm_d))
    ctx.fail(where,
             "tree_d inclusion proof of node " + std::to_string(x) + " does not lead to comm_d");
  if (!merkle::verify_inclusion(p.comm_r_last_proof, merkle::TreeHash::Poseidon, ctx.rc_shape, x,
                                comm_r_last))
    ctx.fail(where, "tree_r_last inclusion proof of node " + std::to_string(x) +
                        " does not lead to comm_r_last");
  check_column(ctx, where + " c_x", p.c_x, x, comm_c);
  std::array<std::uint32_t, kParentCount> parents{};
  graph.parents(x, parents);
  if (p.drg_parents.size() != kBaseDegree || p.exp_parents.size() != kExpansionDegree) {
    ctx.fail(where, "expected 6 DRG and 8 expander parent columns, got " +
                        std::to_string(p.drg_parents.size()) + " and " +
                        std::to_string(p.exp_parents.size()));
    return;
  }
  for (std::size_t i = 0; i < kParentCount; ++i) {
    const bool drg = i < kBaseDegree;
    const auto& col = drg ? p.drg_parents[i] : p.exp_parents[i - kBaseDegree];
    check_column(ctx,
                 where + (drg ? " DRG parent " + std::to_string(i)
                              : " expander parent " + std::to_string(i - kBaseDegree)),
                 col, parents[i], comm_c);
  }
  if (p.c_x.rows.size() != layers) return;  // reported above; labels cannot be checked
  for (const auto& col : p.drg_parents)
    if (col.rows.size() != layers) return;
  for (const auto& col : p.exp_parents)
    if (col.rows.size() != layers) return;
  if (p.labeling.size() != layers) {
    ctx.fail(where, std::to_string(p.labeling.size()) + " labeling proofs for " +
                        std::to_string(layers) + " layers");
    return;
  }
  for (std::uint32_t l = 1; l <= layers; ++l) {
    const auto& lp = p.labeling[l - 1];
    const std::string at = where + " layer " + std::to_string(l);
    if (lp.layer_index != l || lp.node != x)
      ctx.fail(at, "labeling proof is for layer " + std::to_string(lp.layer_index) + " node " +
                       std::to_string(lp.node));
    if (lp.parents != label_parents(p.drg_parents, p.exp_parents, l))
      ctx.fail(at, "labeling proof's parents are not the parent columns' labels");
    if (labeling_proof_label(ctx.c1.replica_id, lp) != p.c_x.rows[l - 1])
      ctx.fail(at,
               "the label recomputed from replica_id and the parents differs from the "
               "column's label");
  }
  const auto& e = p.encoding;
  if (e.layer_index != layers || e.node != x || e.parents != p.labeling.back().parents)
    ctx.fail(where, "encoding proof does not repeat the last layer's labeling proof");
  const auto key = as_fr(labeling_proof_label(ctx.c1.replica_id, e));
  const auto data = as_fr(p.comm_d_proof.leaf);
  const auto replica = as_fr(p.comm_r_last_proof.leaf);
  if (!key || !data || !replica || *key + *data != *replica)
    ctx.fail(where, "replica node " + std::to_string(x) +
                        " is not the data node encoded with the last layer's label");
}

}  // namespace

VanillaReport verify_c1_output(const C1Output& c1, std::size_t max_problems) {
  const auto& shape = sector_shape(c1.proof.sector_size);
  Context ctx{c1, shape, tree_d_path_shape(shape), column_tree_path_shape(shape), max_problems,
              {}, 0};
  const auto layout = challenge_layout(c1.proof.feature, shape);
  if (c1.partitions.size() != static_cast<std::size_t>(layout.partitions)) {
    ctx.fail("output", std::to_string(c1.partitions.size()) + " partitions, this proof type has " +
                           std::to_string(layout.partitions));
    return ctx.report;
  }
  const auto comm_r = as_fr(c1.comm_r);
  if (!comm_r) ctx.fail("output", "comm_r is not a field element");
  if (c1.comm_d == Node{} || c1.comm_r == Node{})
    ctx.fail("output", "comm_d and comm_r must not be zero");
  ParentGenerator graph({shape.nodes, c1.proof.porep_id, c1.proof.api_version});
  const ChallengeInputs in{shape.nodes,   c1.proof.feature, layout,
                           c1.replica_id, c1.seed,          c1.comm_r};
  for (int k = 0; k < layout.partitions; ++k) {
    const auto& proofs = c1.partitions[static_cast<std::size_t>(k)];
    const std::string pk = "partition " + std::to_string(k);
    const auto challenges = porep_challenges(in, k);
    if (proofs.size() != challenges.size()) {
      ctx.fail(pk, std::to_string(proofs.size()) + " challenge proofs, expected " +
                       std::to_string(challenges.size()));
      continue;
    }
    const Node comm_c = proofs[0].c_x.inclusion.root;
    const Node comm_r_last = proofs[0].comm_r_last_proof.root;
    const auto c = as_fr(comm_c), r = as_fr(comm_r_last);
    if (!c || !r || !comm_r || hash::poseidon_hash(std::array{*c, *r}) != *comm_r)
      ctx.fail(pk, "Poseidon(comm_c, comm_r_last) of the proofs' roots is not comm_r");
    for (std::size_t i = 0; i < proofs.size(); ++i)
      check_challenge(
          ctx,
          pk + " challenge " + std::to_string(i) + " (node " + std::to_string(challenges[i]) + ")",
          proofs[i], challenges[i], graph, comm_c, comm_r_last);
  }
  if (ctx.dropped > 0)
    ctx.report.problems.push_back("... and " + std::to_string(ctx.dropped) + " more problems");
  return ctx.report;
}

}  // namespace vseal::porep
