#pragma once
// Verification of Filecoin seal and PoSt proofs as rust-fil-proofs' verify_seal and
// verify_{window,winning}_post do it: the API checks (commitments non-zero and below r, the
// proof holds exactly one 192-byte proof per partition), the public inputs of every partition
// assembled by vseal (commit-and-post.md §5.2, §7.4), and one batched Groth16 check over all
// partitions. Inputs that cannot belong to any valid proof are Error{BadInput}; a proof that
// does not verify returns false.
#include <optional>
#include <span>
#include <vector>

#include "porep/challenges.hpp"
#include "porep/registered_proof.hpp"
#include "post/public_inputs.hpp"
#include "post/registered_post.hpp"
#include "snark/groth16_verify.hpp"

namespace vseal::snark {

struct SealStatement {
  const porep::RegisteredSealProof* proof = nullptr;
  porep::Bytes32 comm_r{}, comm_d{}, replica_id{};
  porep::Bytes32 seed{};  // interactive and synthetic PoRep
  // Challenged nodes per partition, instead of deriving them from the seed: for proofs whose
  // seed is not at hand (test vectors). Empty: derive.
  std::vector<std::vector<std::uint64_t>> challenges;
};

// Public inputs of every partition of the seal proof.
std::vector<std::vector<field::Fr>> seal_public_inputs(const SealStatement& statement);
bool verify_seal(const PreparedVerifyingKey& pvk, const SealStatement& statement,
                 std::span<const std::uint8_t> proof_bytes);

struct PostStatement {
  const post::RegisteredPostProof* proof = nullptr;
  porep::Bytes32 randomness{};
  std::vector<post::PublicSector> sectors;  // ascending sector numbers; one for Winning
  // Leaf challenges per circuit sector instead of deriving them from the randomness (Winning:
  // 66 lists of one). Empty: derive.
  std::vector<std::vector<std::uint64_t>> leaves;
};

std::vector<std::vector<field::Fr>> post_public_inputs_all(const PostStatement& statement);
bool verify_post(const PreparedVerifyingKey& pvk, const PostStatement& statement,
                 std::span<const std::uint8_t> proof_bytes);

}  // namespace vseal::snark
