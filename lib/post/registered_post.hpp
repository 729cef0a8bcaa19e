#pragma once
// Registered PoSt proof types (commit-and-post.md §1.1, §7.1): Winning V1 (ids 0..4), Window V1
// (5..9, proofs ApiVersion 1.0.0: challenge index depends on the sector's position) and Window
// V1_1 on chain (10..14, proofs ApiVersion 1.2.0). Fixes sector size, sectors per partition and
// challenges per sector as the Groth16 circuit sees them: Winning PoSt is one sector challenged
// 66 times, which the circuit treats as 66 "sectors" of one challenge each.
#include <cstdint>
#include <span>
#include <string_view>

#include "porep/registered_proof.hpp"

namespace vseal::post {

enum class PostKind { Winning, Window };

struct RegisteredPostProof {
  int id;
  std::string_view name;  // rust-filecoin-proofs-api name, e.g. "StackedDrgWindow32GiBV1_2"
  std::uint64_t sector_size;
  PostKind kind;
  porep::ApiVersion api_version;
  std::uint64_t sector_count;     // circuit sectors per partition
  std::uint64_t challenge_count;  // circuit challenges per sector
};

inline constexpr std::uint64_t kWindowChallengesPerSector = 10;
inline constexpr std::uint64_t kWinningChallenges = 66;

std::span<const RegisteredPostProof> registered_post_proofs();
const RegisteredPostProof& registered_post_proof(int id);
// Accepts the rust name and the go-state-types name (...Window...V1_1 for id 10..14).
const RegisteredPostProof& registered_post_proof(std::string_view name);

// Window: sectors per partition of this sector size (2 for the small sizes, 2349 for 32GiB,
// 2300 for 64GiB). Throws Error{BadInput} for a size without a Window PoSt.
std::uint64_t window_sectors_per_partition(std::uint64_t sector_size);

}  // namespace vseal::post
