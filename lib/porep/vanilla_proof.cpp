// Helpers shared by the C1 prover and the vanilla verifier (see vanilla_proof.hpp).
#include "porep/vanilla_proof.hpp"

#include <bit>

#include "base/error.hpp"
#include "hash/sha256.hpp"

namespace vseal::porep {

SealProofType seal_proof_type(const RegisteredSealProof& p) {
  return {std::string(p.name), p.sector_size, porep_id_for(p.id), p.api_version, p.feature};
}

merkle::PathShape column_tree_path_shape(const SectorShape& shape) {
  // base_tree_leaves() = 8^k, so k = log2 / 3.
  return {static_cast<std::size_t>(std::countr_zero(shape.base_tree_leaves()) / 3), 8,
          static_cast<std::size_t>(shape.sub_arity), static_cast<std::size_t>(shape.top_arity)};
}

merkle::PathShape tree_d_path_shape(const SectorShape& shape) {
  return {static_cast<std::size_t>(std::countr_zero(shape.nodes)), 2, 0, 0};
}

std::vector<Node> label_parents(const std::vector<ColumnProof>& drg,
                                const std::vector<ColumnProof>& exp, std::uint32_t layer) {
  if (layer < 1) throw Error(ErrorCode::BadInput, "layers count from 1");
  std::vector<Node> base;
  auto row = [&](const ColumnProof& c, std::uint32_t l) -> const Node& {
    if (l < 1 || l > c.rows.size())
      throw Error(ErrorCode::BadInput, "column of node " + std::to_string(c.index) + " has " +
                                           std::to_string(c.rows.size()) + " rows, layer " +
                                           std::to_string(l) + " wanted");
    return c.rows[l - 1];
  };
  for (const auto& c : drg) base.push_back(row(c, layer));
  if (layer > 1)
    for (const auto& c : exp) base.push_back(row(c, layer - 1));
  if (base.empty()) throw Error(ErrorCode::BadInput, "a label needs parents");
  std::vector<Node> out(kLabelParents);
  for (std::size_t i = 0; i < kLabelParents; ++i) out[i] = base[i % base.size()];
  return out;
}

Node labeling_proof_label(const Node& replica_id, const LabelingProof& p) {
  std::array<std::uint8_t, 64> head{};
  std::copy(replica_id.begin(), replica_id.end(), head.begin());
  for (std::size_t i = 0; i < 4; ++i)
    head[32 + i] = static_cast<std::uint8_t>(p.layer_index >> (24 - 8 * i));
  for (std::size_t i = 0; i < 8; ++i)
    head[36 + i] = static_cast<std::uint8_t>(p.node >> (56 - 8 * i));
  hash::Sha256 h;
  h.update(head);
  for (const auto& parent : p.parents) h.update(parent);
  Node out = h.finalize();
  out[31] &= 0x3f;
  return out;
}

}  // namespace vseal::porep
