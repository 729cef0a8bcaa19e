// Seal and PoSt verification (see proof_verify.hpp).
#include "snark/proof_verify.hpp"

#include <algorithm>
#include <string>

#include "base/error.hpp"
#include "porep/graph.hpp"
#include "porep/public_inputs.hpp"

namespace vseal::snark {
namespace {

void check_commitment(const porep::Bytes32& c, const char* what) {
  if (std::all_of(c.begin(), c.end(), [](std::uint8_t b) { return b == 0; }))
    throw Error(ErrorCode::BadInput, std::string(what) + " is zero");
  porep::fr_from_commitment(c, what);  // throws when >= r
}

std::vector<Proof> proofs_for(std::span<const std::uint8_t> bytes, std::size_t partitions,
                              std::string_view name) {
  if (bytes.size() != partitions * kProofBytes) {
    throw Error(ErrorCode::BadInput,
                "proof is " + std::to_string(bytes.size()) + " bytes; " + std::string(name) +
                    " needs " + std::to_string(partitions) +
                    " partitions x 192 = " + std::to_string(partitions * kProofBytes));
  }
  return parse_proofs(bytes);
}

}  // namespace

std::vector<std::vector<field::Fr>> seal_public_inputs(const SealStatement& st) {
  VSEAL_ASSERT(st.proof != nullptr);
  check_commitment(st.comm_d, "comm_d");
  check_commitment(st.comm_r, "comm_r");
  const auto& shape = porep::sector_shape(st.proof->sector_size);
  const auto layout = porep::challenge_layout(st.proof->feature, shape);
  const porep::GraphParams graph{shape.nodes, porep::porep_id_for(st.proof->id),
                                 st.proof->api_version};
  if (!st.challenges.empty() && st.challenges.size() != static_cast<std::size_t>(layout.partitions))
    throw Error(ErrorCode::BadInput,
                "challenges given for " + std::to_string(st.challenges.size()) + " partitions; " +
                    std::string(st.proof->name) + " has " + std::to_string(layout.partitions));
  const porep::ChallengeInputs derive{shape.nodes,   st.proof->feature, layout,
                                      st.replica_id, st.seed,           st.comm_r};
  std::vector<std::vector<field::Fr>> out;
  for (int k = 0; k < layout.partitions; ++k) {
    const auto challenges = st.challenges.empty() ? porep::porep_challenges(derive, k)
                                                  : st.challenges[static_cast<std::size_t>(k)];
    if (challenges.size() != static_cast<std::size_t>(layout.per_partition))
      throw Error(ErrorCode::BadInput, "partition " + std::to_string(k) + " has " +
                                           std::to_string(challenges.size()) + " challenges; " +
                                           std::to_string(layout.per_partition) + " expected");
    out.push_back(
        porep::porep_public_inputs(graph, st.replica_id, st.comm_d, st.comm_r, challenges));
  }
  return out;
}

bool verify_seal(const PreparedVerifyingKey& pvk, const SealStatement& st,
                 std::span<const std::uint8_t> proof_bytes) {
  const auto inputs = seal_public_inputs(st);
  const auto proofs = proofs_for(proof_bytes, inputs.size(), st.proof->name);
  return verify_proofs_batch(pvk, proofs, inputs);
}

std::vector<std::vector<field::Fr>> post_public_inputs_all(const PostStatement& st) {
  VSEAL_ASSERT(st.proof != nullptr);
  if (st.sectors.empty()) throw Error(ErrorCode::BadInput, "PoSt over no sectors");
  for (const auto& s : st.sectors) check_commitment(s.comm_r, "comm_r");
  const auto circuit = post::circuit_sectors(*st.proof, st.sectors);
  const std::uint64_t partitions = post::post_partitions(*st.proof, circuit.size());
  std::vector<std::vector<field::Fr>> out;
  for (std::uint64_t k = 0; k < partitions; ++k) {
    const int partition = static_cast<int>(k);
    out.push_back(
        st.leaves.empty()
            ? post::post_public_inputs(*st.proof, st.randomness, st.sectors, partition)
            : post::post_public_inputs_from_leaves(*st.proof, circuit, st.leaves, partition));
  }
  return out;
}

bool verify_post(const PreparedVerifyingKey& pvk, const PostStatement& st,
                 std::span<const std::uint8_t> proof_bytes) {
  const auto inputs = post_public_inputs_all(st);
  const auto proofs = proofs_for(proof_bytes, inputs.size(), st.proof->name);
  return verify_proofs_batch(pvk, proofs, inputs);
}

}  // namespace vseal::snark
