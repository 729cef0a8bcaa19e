#pragma once
// The C1 output (commit-and-post.md §4): per partition and challenge the openings a Groth16
// PoRep proof is built from — tree_d and tree_r_last inclusion proofs, the columns of the
// challenged node and its 14 parents with their tree_c proofs, and the labeling/encoding
// proofs (the 37 parent labels each layer's SHA-256 takes). Same content as rust-fil-proofs'
// SealCommitPhase1Output; wire forms are in c1_json.hpp and c1_bincode.hpp.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "merkle/inclusion_proof.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::porep {

using Node = merkle::Node;
inline constexpr std::size_t kLabelParents = 37;

struct ColumnProof {
  std::uint32_t index = 0;           // the node whose column this is
  std::vector<Node> rows;            // its label at layers 1..L
  merkle::InclusionProof inclusion;  // tree_c, leaf = Poseidon_L(rows)
  friend bool operator==(const ColumnProof&, const ColumnProof&) = default;
};

// LabelingProof and EncodingProof have the same fields.
struct LabelingProof {
  std::vector<Node> parents;  // kLabelParents values
  std::uint32_t layer_index = 0;
  std::uint64_t node = 0;
  friend bool operator==(const LabelingProof&, const LabelingProof&) = default;
};

struct ChallengeProof {
  merkle::InclusionProof comm_d_proof;       // tree_d, leaf = data node
  merkle::InclusionProof comm_r_last_proof;  // tree_r_last, leaf = replica node
  ColumnProof c_x;
  std::vector<ColumnProof> drg_parents;  // 6
  std::vector<ColumnProof> exp_parents;  // 8
  std::vector<LabelingProof> labeling;   // layers 1..L
  LabelingProof encoding;
  friend bool operator==(const ChallengeProof&, const ChallengeProof&) = default;
};

// What C2 and the verifier need to know about the proof's rules, besides the sector shape.
struct SealProofType {
  std::string name;  // registered proof name (rust-filecoin-proofs-api), or "" for test sizes
  std::uint64_t sector_size = 0;
  PorepId porep_id{};
  ApiVersion api_version = ApiVersion::V1_1_0;
  ApiFeature feature = ApiFeature::None;
  friend bool operator==(const SealProofType&, const SealProofType&) = default;
};
SealProofType seal_proof_type(const RegisteredSealProof& p);

struct C1Output {
  SealProofType proof;
  std::vector<std::vector<ChallengeProof>> partitions;
  Node comm_r{}, comm_d{}, replica_id{}, seed{}, ticket{};
  friend bool operator==(const C1Output&, const C1Output&) = default;
};

// The path shape of tree_c / tree_r_last proofs (arity-8 base levels, then the shape's sub and
// top levels) and of tree_d proofs (binary, log2(nodes) levels).
merkle::PathShape column_tree_path_shape(const SectorShape& shape);
merkle::PathShape tree_d_path_shape(const SectorShape& shape);

// The 37 label-hash parents of node x at `layer` from the parents' columns: the 6 DRG parents'
// labels at `layer`, then (layer > 1) the 8 expander parents' labels at layer - 1, repeated
// cyclically to 37.
std::vector<Node> label_parents(const std::vector<ColumnProof>& drg,
                                const std::vector<ColumnProof>& exp, std::uint32_t layer);

// trunc254(SHA256(replica_id || BE32(layer) || BE64(node) || 0^20 || parents...)).
Node labeling_proof_label(const Node& replica_id, const LabelingProof& p);

}  // namespace vseal::porep
