#pragma once
// Fallback PoSt vanilla proofs (commit-and-post.md §7.3): for each sector, one tree_r_last
// inclusion proof per challenged leaf plus comm_c and comm_r_last, as rust-filecoin-proofs-api's
// FallbackPoStSectorProof. Proving reads only what a finalized sector keeps (p_aux, t_aux,
// tree_r_last files, the replica). A sector that cannot be proven — files missing or damaged,
// Poseidon(comm_c, comm_r_last) != comm_r, a proof that does not verify — never stops the run:
// it is reported by number with the reason, as Lotus needs to skip or declare it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "merkle/inclusion_proof.hpp"
#include "post/challenges.hpp"
#include "post/registered_post.hpp"

namespace vseal::post {

using Node = merkle::Node;

struct SectorProof {
  std::vector<merkle::InclusionProof> inclusion_proofs;
  Node comm_c{}, comm_r_last{};
  friend bool operator==(const SectorProof&, const SectorProof&) = default;
};

struct FallbackSectorProof {
  std::uint64_t sector_id = 0;
  Node comm_r{};
  SectorProof proof;
  friend bool operator==(const FallbackSectorProof&, const FallbackSectorProof&) = default;
};

struct ProvableSector {
  std::uint64_t sector_id = 0;
  Node comm_r{};
  std::filesystem::path cache_dir, sealed;
};

struct FaultySector {
  std::uint64_t sector_id;
  std::string reason;
};

struct VanillaPost {
  std::vector<FallbackSectorProof> proofs;  // sectors that could be proven, ascending
  std::vector<std::uint64_t> positions;     // each proof's position among the proven sectors
  std::vector<FaultySector> faulty;         // ascending by sector number
};

// One sector at `position` (its place among the proven sectors): the proof, or why not.
struct SectorOutcome {
  std::optional<FallbackSectorProof> proof;
  std::string fault;  // set when there is no proof
};
SectorOutcome prove_sector(const RegisteredPostProof& proof, const Bytes32& randomness,
                           const ProvableSector& sector, std::uint64_t position);

// How one sector at one position is proven: prove_sector, or a caller's way that also keeps
// or reuses a record of the outcome (vseal-wdpost).
using SectorProver = std::function<SectorOutcome(const ProvableSector&, std::uint64_t position)>;

// `sectors` are all the sectors of the proof in ascending sector number (Winning: exactly
// one). Faulty sectors are left out; under Window ApiVersion 1.0.0, where challenges depend on
// the position, the remaining sectors are proven again at their new positions, as Lotus'
// retry without the faulty sectors would. `prove_one` defaults to prove_sector. Throws only for
// bad arguments (Error{BadInput}).
VanillaPost prove_vanilla_post(const RegisteredPostProof& proof, const Bytes32& randomness,
                               const std::vector<ProvableSector>& sectors,
                               const SectorProver& prove_one = {});

// Checks proofs against the challenges of `randomness`; `positions[i]` is the sector's
// position among all proven sectors (matters for Window ApiVersion 1.0.0). Problems name the
// sector and the challenge.
std::vector<std::string> verify_vanilla_post(const RegisteredPostProof& proof,
                                             const Bytes32& randomness,
                                             const std::vector<FallbackSectorProof>& proofs,
                                             const std::vector<std::uint64_t>& positions);

// The JSON file `vseal post prove-vanilla` writes: {"registered_proof", "randomness",
// "sectors": [{"sector_id", "comm_r", "vanilla_proof": {"sectors": [{"inclusion_proofs",
// "comm_c", "comm_r_last"}]}, "position"}], "faulty": [{"sector_id", "reason"}]}.
nlohmann::json vanilla_post_to_json(const RegisteredPostProof& proof, const Bytes32& randomness,
                                    const VanillaPost& post);
// One sector's entry of that file: {"sector_id", "comm_r", "vanilla_proof", "position"}.
nlohmann::json sector_proof_to_json(const FallbackSectorProof& p, std::uint64_t position);
FallbackSectorProof sector_proof_from_json(const nlohmann::json& v, const std::string& where,
                                           std::uint64_t& position);
struct VanillaPostFile {
  const RegisteredPostProof* proof;
  Bytes32 randomness;
  VanillaPost post;
};
VanillaPostFile vanilla_post_from_json(const nlohmann::json& doc);

}  // namespace vseal::post
