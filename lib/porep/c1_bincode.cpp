// SealCommitPhase1Output in bincode (see c1_bincode.hpp).
#include "porep/c1_bincode.hpp"

namespace vseal::porep {
namespace {

class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}
  void u32(std::uint32_t v) { le(v, 4); }
  void u64(std::uint64_t v) { le(v, 8); }
  void node(const Node& n) { out_.insert(out_.end(), n.begin(), n.end()); }
  void nodes(const std::vector<Node>& v) {
    u64(v.size());
    for (const auto& n : v) node(n);
  }
  void path(const std::vector<merkle::PathElement>& elements) {
    u64(elements.size());
    for (const auto& e : elements) {
      nodes(e.hashes);
      u64(e.index);
    }
  }
  void merkle_proof(const merkle::InclusionProof& p) {
    switch (p.kind()) {
      case merkle::ProofKind::Single:
        u32(0);
        node(p.root);
        node(p.leaf);
        path(p.base);
        return;
      case merkle::ProofKind::Sub:
        u32(1);
        path(p.base);
        path(p.sub);
        break;
      case merkle::ProofKind::Top:
        u32(2);
        path(p.base);
        path(p.sub);
        path(p.top);
        break;
    }
    node(p.root);
    node(p.leaf);
  }
  void column(const ColumnProof& c) {
    u32(c.index);
    nodes(c.rows);
    merkle_proof(c.inclusion);
  }
  void columns(const std::vector<ColumnProof>& v) {
    u64(v.size());
    for (const auto& c : v) column(c);
  }
  void labeling(const LabelingProof& l) {
    nodes(l.parents);
    u32(l.layer_index);
    u64(l.node);
  }
  void challenge(const ChallengeProof& p) {
    merkle_proof(p.comm_d_proof);
    merkle_proof(p.comm_r_last_proof);
    column(p.c_x);
    columns(p.drg_parents);
    columns(p.exp_parents);
    u64(p.labeling.size());
    for (const auto& l : p.labeling) labeling(l);
    labeling(p.encoding);
  }

 private:
  void le(std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t>& out_;
};

}  // namespace

std::vector<std::uint8_t> c1_output_to_bincode(const C1Output& c1) {
  std::vector<std::uint8_t> out;
  Writer w(out);
  w.u64(c1.partitions.size());
  for (const auto& part : c1.partitions) {
    w.u64(part.size());
    for (const auto& p : part) w.challenge(p);
  }
  for (const Node* n : {&c1.comm_r, &c1.comm_d, &c1.replica_id, &c1.seed, &c1.ticket}) w.node(*n);
  return out;
}

std::uint64_t challenge_proof_bincode_size(const ChallengeProof& p) {
  std::vector<std::uint8_t> out;
  Writer(out).challenge(p);
  return out.size();
}

}  // namespace vseal::porep
