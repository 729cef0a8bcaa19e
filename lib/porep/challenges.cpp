// PoRep challenge derivation (see challenges.hpp).
#include "porep/challenges.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "hash/blake2b.hpp"
#include "hash/sha256.hpp"
#include "porep/chacha.hpp"

namespace vseal::porep {
namespace {

__extension__ typedef unsigned __int128 u128;

constexpr std::string_view kNiTag = "filecoin.io|PoRep|1|NonInteractive|1";
constexpr std::string_view kSynthGenerationKey = "filecoin.io|PoRep|1|Synthetic|1|Generation";
constexpr std::string_view kSynthSelectionKey = "filecoin.io|PoRep|1|Synthetic|1|Selection";
constexpr std::array<std::uint8_t, 12> kSynthNonce = {'s', 'y', 'n', 't', 'h', '-',
                                                      'p', 'o', 'r', 'e', 'p', 0};
constexpr std::uint64_t kMaxSynthetic = std::uint64_t{1} << 18;

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::array<std::uint8_t, 4> le32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
}

void check_nodes(std::uint64_t nodes) {
  if (nodes < 2) throw Error(ErrorCode::BadInput, "a sector needs at least 2 nodes to challenge");
}

void check_partition(int partition, int per_partition) {
  if (partition < 0 || per_partition <= 0)
    throw Error(ErrorCode::BadInput, "partition " + std::to_string(partition) + " with " +
                                         std::to_string(per_partition) +
                                         " challenges per partition");
}

std::uint32_t challenge_number(int partition, int per_partition, int i) {
  const std::uint64_t j =
      static_cast<std::uint64_t>(partition) * static_cast<std::uint64_t>(per_partition) +
      static_cast<std::uint64_t>(i);
  if (j > 0xffffffffull) throw Error(ErrorCode::BadInput, "challenge number exceeds 32 bits");
  return static_cast<std::uint32_t>(j);
}

Bytes32 keyed_prf_key(std::string_view key, const Bytes32& a, const Bytes32& b) {
  hash::Blake2b h(32, bytes_of(key));
  h.update(a).update(b);
  const auto d = h.finalize();
  Bytes32 out{};
  std::copy(d.begin(), d.end(), out.begin());
  return out;
}

// Synthetic challenge t of the set keyed by `key`: 32 keystream bytes at 32t (for scattered
// picks; runs go through synthetic_challenges' single keystream call).
std::uint64_t synthetic_at(const Bytes32& key, std::uint64_t nodes, std::uint64_t t) {
  std::array<std::uint8_t, 32> v{};
  chacha20_keystream(key, kSynthNonce, 32 * t, v);
  return challenge_from_digest(v, nodes);
}

}  // namespace

ChallengeLayout challenge_layout(ApiFeature feature, const SectorShape& shape) {
  if (feature == ApiFeature::NonInteractivePoRep)
    return shape.challenges_per_partition <= 2 ? ChallengeLayout{13, 2} : ChallengeLayout{126, 18};
  return {shape.partitions, shape.challenges_per_partition};
}

std::uint64_t challenge_from_digest(std::span<const std::uint8_t, 32> v, std::uint64_t nodes) {
  check_nodes(nodes);
  const std::uint64_t m = nodes - 1;
  u128 rem = 0;
  for (int limb = 3; limb >= 0; --limb) {
    std::uint64_t w = 0;
    for (int b = 7; b >= 0; --b) w = (w << 8) | v[static_cast<std::size_t>(8 * limb + b)];
    rem = ((rem << 64) | w) % m;
  }
  return static_cast<std::uint64_t>(rem) + 1;
}

std::vector<std::uint64_t> interactive_challenges(std::uint64_t nodes, const Bytes32& replica_id,
                                                  const Bytes32& seed, int partition,
                                                  int per_partition) {
  check_partition(partition, per_partition);
  std::vector<std::uint64_t> out;
  for (int i = 0; i < per_partition; ++i) {
    hash::Sha256 h;
    h.update(replica_id).update(seed).update(le32(challenge_number(partition, per_partition, i)));
    out.push_back(challenge_from_digest(h.finalize(), nodes));
  }
  return out;
}

std::vector<std::uint64_t> ni_challenges(std::uint64_t nodes, const Bytes32& replica_id,
                                         const Bytes32& comm_r, int partition, int per_partition) {
  check_partition(partition, per_partition);
  std::vector<std::uint64_t> out;
  for (int i = 0; i < per_partition; ++i) {
    hash::Sha256 h;
    h.update(bytes_of(kNiTag)).update(replica_id).update(comm_r);
    h.update(le32(challenge_number(partition, per_partition, i)));
    out.push_back(challenge_from_digest(h.finalize(), nodes));
  }
  return out;
}

std::uint64_t synthetic_challenge_count(std::uint64_t nodes) {
  return std::min(nodes, kMaxSynthetic);
}

std::vector<std::uint64_t> synthetic_challenges(std::uint64_t nodes, const Bytes32& replica_id,
                                                const Bytes32& comm_r, std::uint64_t first,
                                                std::uint64_t count) {
  check_nodes(nodes);
  const Bytes32 key = keyed_prf_key(kSynthGenerationKey, replica_id, comm_r);
  // One keystream call for the whole run (two challenges per ChaCha20 block).
  std::vector<std::uint8_t> stream(32 * count);
  chacha20_keystream(key, kSynthNonce, 32 * first, stream);
  std::vector<std::uint64_t> out(count);
  for (std::uint64_t t = 0; t < count; ++t)
    out[t] =
        challenge_from_digest(std::span<const std::uint8_t, 32>(stream.data() + 32 * t, 32), nodes);
  return out;
}

std::vector<std::uint64_t> synthetic_selection(const Bytes32& replica_id, const Bytes32& seed,
                                               std::uint64_t num_synthetic, int partition,
                                               int per_partition) {
  check_partition(partition, per_partition);
  if (num_synthetic == 0) throw Error(ErrorCode::BadInput, "empty synthetic challenge set");
  const Bytes32 key = keyed_prf_key(kSynthSelectionKey, replica_id, seed);
  const std::uint64_t first = challenge_number(partition, per_partition, 0);
  std::vector<std::uint8_t> stream(4 * static_cast<std::size_t>(per_partition));
  chacha20_keystream(key, kSynthNonce, 4 * first, stream);
  std::vector<std::uint64_t> out(static_cast<std::size_t>(per_partition));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint32_t v = static_cast<std::uint32_t>(stream[4 * i]) |
                            (static_cast<std::uint32_t>(stream[4 * i + 1]) << 8) |
                            (static_cast<std::uint32_t>(stream[4 * i + 2]) << 16) |
                            (static_cast<std::uint32_t>(stream[4 * i + 3]) << 24);
    out[i] = v % num_synthetic;
  }
  return out;
}

SyntheticPartition synthetic_partition(std::uint64_t nodes, const Bytes32& replica_id,
                                       const Bytes32& comm_r, const Bytes32& seed,
                                       std::uint64_t num_synthetic, int partition,
                                       int per_partition) {
  check_nodes(nodes);
  SyntheticPartition out;
  out.indexes = synthetic_selection(replica_id, seed, num_synthetic, partition, per_partition);
  const Bytes32 key = keyed_prf_key(kSynthGenerationKey, replica_id, comm_r);
  for (const std::uint64_t t : out.indexes) out.challenges.push_back(synthetic_at(key, nodes, t));
  return out;
}

std::vector<std::uint64_t> porep_challenges(const ChallengeInputs& in, int partition) {
  if (partition < 0 || partition >= in.layout.partitions)
    throw Error(ErrorCode::BadInput, "partition " + std::to_string(partition) + " of " +
                                         std::to_string(in.layout.partitions));
  const int c = in.layout.per_partition;
  switch (in.feature) {
    case ApiFeature::None:
      return interactive_challenges(in.nodes, in.replica_id, in.seed, partition, c);
    case ApiFeature::NonInteractivePoRep:
      return ni_challenges(in.nodes, in.replica_id, in.comm_r, partition, c);
    case ApiFeature::SyntheticPoRep:
      return synthetic_partition(in.nodes, in.replica_id, in.comm_r, in.seed,
                                 synthetic_challenge_count(in.nodes), partition, c)
          .challenges;
  }
  throw Error(ErrorCode::BadInput, "unknown PoRep feature");
}

}  // namespace vseal::porep
