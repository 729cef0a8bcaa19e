// SHA-256 whole-message hashing, padding and the backend table (hash/sha256.hpp).
#include "hash/sha256.hpp"

#include <atomic>
#include <cstring>
#include <string>

#include "base/cpu_features.hpp"
#include "base/error.hpp"
#include "hash/detail/sha256_kernels.hpp"

namespace vseal::hash {
namespace {

Sha256Backend detect() noexcept {
  return sha256_backend_supported(Sha256Backend::ShaNi) ? Sha256Backend::ShaNi
                                                        : Sha256Backend::Portable;
}

std::atomic<Sha256Backend>& current() noexcept {
  static std::atomic<Sha256Backend> backend{detect()};
  return backend;
}

}  // namespace

Sha256State Sha256State::initial() {
  return Sha256State{{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
                      0x1f83d9ab, 0x5be0cd19}};
}

Sha256Digest Sha256State::digest() const {
  Sha256Digest out;
  for (std::size_t i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<std::uint8_t>(h[i] >> 24);
    out[4 * i + 1] = static_cast<std::uint8_t>(h[i] >> 16);
    out[4 * i + 2] = static_cast<std::uint8_t>(h[i] >> 8);
    out[4 * i + 3] = static_cast<std::uint8_t>(h[i]);
  }
  return out;
}

bool sha256_backend_supported(Sha256Backend backend) noexcept {
  switch (backend) {
    case Sha256Backend::Portable:
      return true;
    case Sha256Backend::ShaNi:
#if defined(VSEAL_HAVE_SHA_NI)
      return cpu_features().sha_ni;
#else
      return false;
#endif
  }
  return false;
}

Sha256Backend sha256_backend() noexcept {
  return current().load(std::memory_order_relaxed);
}

void force_sha256_backend(Sha256Backend backend) {
  if (!sha256_backend_supported(backend)) {
    throw Error(ErrorCode::Unsupported, "SHA-256 backend " +
                                            std::string(sha256_backend_name(backend)) +
                                            " is not supported on this CPU or build");
  }
  current().store(backend, std::memory_order_relaxed);
}

std::string_view sha256_backend_name(Sha256Backend backend) noexcept {
  return backend == Sha256Backend::ShaNi ? "sha-ni" : "portable";
}

void sha256_compress(Sha256State& state, const std::uint8_t* blocks, std::size_t nblocks) {
#if defined(VSEAL_HAVE_SHA_NI)
  if (sha256_backend() == Sha256Backend::ShaNi) {
    detail::compress_shani(state.h.data(), blocks, nblocks);
    return;
  }
#endif
  detail::compress_portable(state.h.data(), blocks, nblocks);
}

void sha256_compress_x2(std::span<Sha256State, 2> states,
                        std::span<const std::uint8_t* const, 2> blocks, std::size_t nblocks) {
#if defined(VSEAL_HAVE_SHA_NI)
  if (sha256_backend() == Sha256Backend::ShaNi) {
    std::uint32_t* const s[2] = {states[0].h.data(), states[1].h.data()};
    detail::compress_shani_x2(s, blocks.data(), nblocks);
    return;
  }
#endif
  for (std::size_t i = 0; i < 2; ++i)
    detail::compress_portable(states[i].h.data(), blocks[i], nblocks);
}

void sha256_compress_x4(std::span<Sha256State, 4> states,
                        std::span<const std::uint8_t* const, 4> blocks, std::size_t nblocks) {
#if defined(VSEAL_HAVE_SHA_NI)
  if (sha256_backend() == Sha256Backend::ShaNi) {
    std::uint32_t* const s[4] = {states[0].h.data(), states[1].h.data(), states[2].h.data(),
                                 states[3].h.data()};
    detail::compress_shani_x4(s, blocks.data(), nblocks);
    return;
  }
#endif
  for (std::size_t i = 0; i < 4; ++i)
    detail::compress_portable(states[i].h.data(), blocks[i], nblocks);
}

Sha256& Sha256::update(std::span<const std::uint8_t> data) {
  total_bytes_ += data.size();
  std::size_t pos = 0;
  if (buffered_ > 0) {
    const std::size_t take = std::min(data.size(), kSha256BlockBytes - buffered_);
    std::memcpy(buffer_.data() + buffered_, data.data(), take);
    buffered_ += take;
    pos = take;
    if (buffered_ < kSha256BlockBytes) return *this;
    sha256_compress(state_, buffer_.data(), 1);
    buffered_ = 0;
  }
  const std::size_t whole = (data.size() - pos) / kSha256BlockBytes;
  if (whole > 0) {
    sha256_compress(state_, data.data() + pos, whole);
    pos += whole * kSha256BlockBytes;
  }
  buffered_ = data.size() - pos;
  if (buffered_ > 0) std::memcpy(buffer_.data(), data.data() + pos, buffered_);
  return *this;
}

Sha256Digest Sha256::finalize() {
  // FIPS 180-4 §5.1.1: 0x80, zeros to 56 mod 64, then the bit length as a big-endian u64.
  const std::uint64_t bits = total_bytes_ * 8;
  std::array<std::uint8_t, 2 * kSha256BlockBytes> tail{};
  std::memcpy(tail.data(), buffer_.data(), buffered_);
  tail[buffered_] = 0x80;
  const std::size_t tail_blocks = buffered_ + 1 + 8 <= kSha256BlockBytes ? 1 : 2;
  const std::size_t len_at = tail_blocks * kSha256BlockBytes - 8;
  for (std::size_t i = 0; i < 8; ++i)
    tail[len_at + i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
  sha256_compress(state_, tail.data(), tail_blocks);
  const Sha256Digest out = state_.digest();
  *this = Sha256();
  return out;
}

Sha256Digest sha256(std::span<const std::uint8_t> data) {
  return Sha256().update(data).finalize();
}

Sha256Digest sha256_64(std::span<const std::uint8_t, 64> message) {
  alignas(64) std::uint8_t blocks[128] = {};
  std::memcpy(blocks, message.data(), 64);
  blocks[64] = 0x80;
  blocks[126] = 0x02;  // bit length 512 = 0x200, big-endian
  Sha256State st = Sha256State::initial();
  sha256_compress(st, blocks, 2);
  return st.digest();
}

}  // namespace vseal::hash
