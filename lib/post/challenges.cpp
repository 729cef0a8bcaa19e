// Fallback PoSt challenges (see challenges.hpp).
#include "post/challenges.hpp"

#include <string>

#include "base/error.hpp"
#include "hash/sha256.hpp"
#include "post/registered_post.hpp"

namespace vseal::post {
namespace {

std::array<std::uint8_t, 8> le64(std::uint64_t v) {
  std::array<std::uint8_t, 8> b{};
  for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
  return b;
}

std::uint64_t first_le64(const hash::Sha256Digest& d) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | d[static_cast<std::size_t>(i)];
  return v;
}

}  // namespace

void check_post_randomness(const Bytes32& randomness) {
  if ((randomness[31] & 0xc0) != 0)
    throw Error(ErrorCode::BadInput,
                "PoSt randomness has its top two bits set; clear them (randomness[31] &= 0x3f)");
}

std::uint64_t leaf_challenge(const Bytes32& randomness, std::uint64_t sector_id,
                             std::uint64_t challenge_index, std::uint64_t sector_nodes) {
  if (sector_nodes == 0) throw Error(ErrorCode::BadInput, "sector without nodes");
  hash::Sha256 h;
  h.update(randomness).update(le64(sector_id)).update(le64(challenge_index));
  return first_le64(h.finalize()) % sector_nodes;
}

std::vector<std::uint64_t> window_leaf_challenges(porep::ApiVersion api, const Bytes32& randomness,
                                                  std::uint64_t sector_id, std::uint64_t position,
                                                  std::uint64_t sector_nodes, std::uint64_t count) {
  std::vector<std::uint64_t> out;
  out.reserve(count);
  const std::uint64_t base = api == porep::ApiVersion::V1_0_0 ? position * count : 0;
  for (std::uint64_t n = 0; n < count; ++n)
    out.push_back(leaf_challenge(randomness, sector_id, base + n, sector_nodes));
  return out;
}

std::vector<std::uint64_t> winning_leaf_challenges(const Bytes32& randomness,
                                                   std::uint64_t sector_id,
                                                   std::uint64_t sector_nodes) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t n = 0; n < kWinningChallenges; ++n)
    out.push_back(leaf_challenge(randomness, sector_id, n, sector_nodes));
  return out;
}

std::uint64_t winning_sector_index(const Bytes32& prover_id, const Bytes32& randomness,
                                   std::uint64_t sector_set_len) {
  if (sector_set_len == 0)
    throw Error(ErrorCode::BadInput, "Winning PoSt needs at least one eligible sector");
  hash::Sha256 h;
  h.update(prover_id).update(randomness).update(le64(0));
  return first_le64(h.finalize()) % sector_set_len;
}

}  // namespace vseal::post
