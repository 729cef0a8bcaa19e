// BLAKE2b per RFC 7693 §3.
#include "hash/blake2b.hpp"

#include <bit>
#include <cstring>
#include <string>

#include "base/error.hpp"

namespace vseal::hash {
namespace {

constexpr std::array<std::uint64_t, 8> kIv = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};

constexpr std::uint8_t kSigma[12][16] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                                         {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
                                         {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
                                         {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
                                         {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
                                         {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
                                         {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
                                         {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
                                         {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
                                         {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
                                         {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                                         {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

inline void mix(std::uint64_t* v, int a, int b, int c, int d, std::uint64_t x, std::uint64_t y) {
  v[a] = v[a] + v[b] + x;
  v[d] = std::rotr(v[d] ^ v[a], 32);
  v[c] = v[c] + v[d];
  v[b] = std::rotr(v[b] ^ v[c], 24);
  v[a] = v[a] + v[b] + y;
  v[d] = std::rotr(v[d] ^ v[a], 16);
  v[c] = v[c] + v[d];
  v[b] = std::rotr(v[b] ^ v[c], 63);
}

}  // namespace

Blake2b::Blake2b(std::size_t digest_bytes) : digest_bytes_(digest_bytes) {
  if (digest_bytes < 1 || digest_bytes > 64)
    throw Error(ErrorCode::BadInput,
                "BLAKE2b digest length " + std::to_string(digest_bytes) + " is outside 1..64");
  h_ = kIv;
  h_[0] ^= 0x01010000ull ^ digest_bytes;  // fanout 1, depth 1, no key
}

Blake2b::Blake2b(std::size_t digest_bytes, std::span<const std::uint8_t> key)
    : Blake2b(digest_bytes) {
  if (key.size() > 64)
    throw Error(ErrorCode::BadInput,
                "BLAKE2b key of " + std::to_string(key.size()) + " bytes (at most 64)");
  if (key.empty()) return;
  h_[0] ^= static_cast<std::uint64_t>(key.size()) << 8;
  // The key, zero-padded, is the first full block; it is never the last block.
  std::array<std::uint8_t, 128> block{};
  std::copy(key.begin(), key.end(), block.begin());
  update(block);
}

void Blake2b::compress(const std::uint8_t* block, bool last) {
  std::uint64_t m[16];
  std::memcpy(m, block, 128);  // little-endian words on every target we build for
  std::uint64_t v[16];
  for (int i = 0; i < 8; ++i) {
    v[i] = h_[static_cast<std::size_t>(i)];
    v[i + 8] = kIv[static_cast<std::size_t>(i)];
  }
  v[12] ^= total_;  // the high 64 bits of the 128-bit counter stay zero
  if (last) v[14] = ~v[14];
  for (const auto& s : kSigma) {
    mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (std::size_t i = 0; i < 8; ++i) h_[i] ^= v[i] ^ v[i + 8];
}

Blake2b& Blake2b::update(std::span<const std::uint8_t> data) {
  for (const std::uint8_t byte : data) {
    // A full buffer is compressed only once more data arrives: the last block is special.
    if (buffered_ == buffer_.size()) {
      total_ += buffer_.size();
      compress(buffer_.data(), false);
      buffered_ = 0;
    }
    buffer_[buffered_++] = byte;
  }
  return *this;
}

std::vector<std::uint8_t> Blake2b::finalize() {
  total_ += buffered_;
  std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end(), 0);
  compress(buffer_.data(), true);
  std::vector<std::uint8_t> out(digest_bytes_);
  std::uint8_t full[64];
  std::memcpy(full, h_.data(), 64);
  std::memcpy(out.data(), full, digest_bytes_);
  return out;
}

std::vector<std::uint8_t> blake2b(std::span<const std::uint8_t> data, std::size_t digest_bytes) {
  return Blake2b(digest_bytes).update(data).finalize();
}

std::vector<std::uint8_t> blake2b_keyed(std::span<const std::uint8_t> key,
                                        std::span<const std::uint8_t> data,
                                        std::size_t digest_bytes) {
  return Blake2b(digest_bytes, key).update(data).finalize();
}

}  // namespace vseal::hash
