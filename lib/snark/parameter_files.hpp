#pragma once
// Names of the Groth16 parameter files rust-fil-proofs publishes and looks up
// (commit-and-post.md §8.1): <version>-<prefix>-<hex SHA-256 of the circuit's identifier
// string>.{params,vk,meta}, in the directory named by FIL_PROOFS_PARAMETER_CACHE (default
// /var/tmp/filecoin-proof-parameters). The identifier strings are rebuilt from the proof's
// shape, so a stem is computed for any registered proof rather than looked up.
#include <filesystem>
#include <string>

#include "porep/registered_proof.hpp"
#include "post/registered_post.hpp"

namespace vseal::snark {

// e.g. "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-sha256_hasher-82a3..."
std::string porep_parameter_stem(const porep::RegisteredSealProof& proof,
                                 const std::string& version = "v28");
std::string post_parameter_stem(const post::RegisteredPostProof& proof,
                                const std::string& version = "v28");

// $FIL_PROOFS_PARAMETER_CACHE, or /var/tmp/filecoin-proof-parameters.
std::filesystem::path default_parameter_cache();

}  // namespace vseal::snark
