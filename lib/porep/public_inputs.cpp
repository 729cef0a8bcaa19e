// PoRep public inputs (see public_inputs.hpp).
#include "porep/public_inputs.hpp"

#include <string>

#include "base/error.hpp"

namespace vseal::porep {

field::Fr fr_from_commitment(const Bytes32& bytes, const char* what) {
  field::Fr out;
  if (!field::Fr::try_from_bytes(bytes, out))
    throw Error(ErrorCode::BadInput, std::string(what) + " is not a field element (>= r)");
  return out;
}

std::vector<field::Fr> porep_public_inputs(const GraphParams& graph, const Bytes32& replica_id,
                                           const Bytes32& comm_d, const Bytes32& comm_r,
                                           std::span<const std::uint64_t> challenges) {
  check_graph_params(graph);
  std::vector<field::Fr> out;
  out.reserve(3 + 18 * challenges.size());
  out.push_back(fr_from_commitment(replica_id, "replica_id"));
  out.push_back(fr_from_commitment(comm_d, "comm_d"));
  out.push_back(fr_from_commitment(comm_r, "comm_r"));
  ParentGenerator gen(graph);
  std::array<std::uint32_t, kParentCount> parents{};
  for (const std::uint64_t x : challenges) {
    if (x >= graph.nodes)
      throw Error(ErrorCode::BadInput, "challenge " + std::to_string(x) + " outside a sector of " +
                                           std::to_string(graph.nodes) + " nodes");
    gen.parents(x, parents);
    const field::Fr fx = field::Fr::from_u64(x);
    out.push_back(fx);
    for (const std::uint32_t p : parents) out.push_back(field::Fr::from_u64(p));
    out.push_back(fx);
    out.push_back(fx);
    out.push_back(fx);
  }
  return out;
}

}  // namespace vseal::porep
