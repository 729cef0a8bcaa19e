#pragma once
// SHA-256 (FIPS 180-4) at two levels: whole messages (sha256(), Sha256 streaming hasher) and the
// compression function on caller-managed state, which PC1 labelling is built on: a sector's
// first block is compressed once and the state reused, and 2 or 4 independent streams are
// compressed interleaved so the SHA units never wait on one dependency chain.
// Backends: portable C++ and SHA-NI, chosen once from cpu_features(); every backend gives
// identical results. All functions are thread-safe; states are plain values.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace vseal::hash {

inline constexpr std::size_t kSha256BlockBytes = 64;
using Sha256Digest = std::array<std::uint8_t, 32>;

// The eight working words H0..H7 in FIPS order.
struct Sha256State {
  std::array<std::uint32_t, 8> h;
  static Sha256State initial();
  // Big-endian serialisation of h: the digest once the padding block has been compressed.
  Sha256Digest digest() const;
};

// Advances `state` over `nblocks` consecutive 64-byte blocks.
void sha256_compress(Sha256State& state, const std::uint8_t* blocks, std::size_t nblocks);
// Two / four independent streams, each advanced over `nblocks` consecutive blocks of its own
// data. Equivalent to calling sha256_compress on each stream, but interleaved.
void sha256_compress_x2(std::span<Sha256State, 2> states,
                        std::span<const std::uint8_t* const, 2> blocks, std::size_t nblocks);
void sha256_compress_x4(std::span<Sha256State, 4> states,
                        std::span<const std::uint8_t* const, 4> blocks, std::size_t nblocks);

Sha256Digest sha256(std::span<const std::uint8_t> data);
// SHA-256 of a message of exactly 64 bytes (one data block plus the fixed padding block): tree_d
// nodes and the node-0 labels of PC1, both hot enough to skip the streaming hasher.
Sha256Digest sha256_64(std::span<const std::uint8_t, 64> message);

// Streaming hasher for messages that arrive in pieces.
class Sha256 {
 public:
  Sha256() : state_(Sha256State::initial()) {}
  Sha256& update(std::span<const std::uint8_t> data);
  Sha256Digest finalize();

 private:
  Sha256State state_;
  std::array<std::uint8_t, kSha256BlockBytes> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

enum class Sha256Backend { Portable, ShaNi };
Sha256Backend sha256_backend() noexcept;
bool sha256_backend_supported(Sha256Backend backend) noexcept;
// For tests and benchmarks: throws Error{Unsupported} when the CPU lacks the backend.
void force_sha256_backend(Sha256Backend backend);
std::string_view sha256_backend_name(Sha256Backend backend) noexcept;

}  // namespace vseal::hash
