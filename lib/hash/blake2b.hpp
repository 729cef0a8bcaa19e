#pragma once
// BLAKE2b (RFC 7693) with any digest length 1..64, optionally keyed. Filecoin uses the short
// forms: blake2b-160 address payloads, 4-byte address checksums, blake2b-256 CIDs and the keyed
// blake2b-256 PRF keys of synthetic PoRep. OpenSSL 3.0
// (Debian 12) only offers the 64-byte digest, and the digest length is part of BLAKE2b's
// parameter block, so a truncated BLAKE2b-512 is a different function; hence this one.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vseal::hash {

class Blake2b {
 public:
  // Throws Error{BadInput} unless 1 <= digest_bytes <= 64.
  explicit Blake2b(std::size_t digest_bytes);
  // Keyed mode; throws Error{BadInput} unless the key has at most 64 bytes.
  Blake2b(std::size_t digest_bytes, std::span<const std::uint8_t> key);
  Blake2b& update(std::span<const std::uint8_t> data);
  std::vector<std::uint8_t> finalize();

 private:
  void compress(const std::uint8_t* block, bool last);
  std::array<std::uint64_t, 8> h_{};
  std::array<std::uint8_t, 128> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;  // bytes compressed so far (messages < 2^64 bytes)
  std::size_t digest_bytes_;
};

std::vector<std::uint8_t> blake2b(std::span<const std::uint8_t> data, std::size_t digest_bytes);
std::vector<std::uint8_t> blake2b_keyed(std::span<const std::uint8_t> key,
                                        std::span<const std::uint8_t> data,
                                        std::size_t digest_bytes);

}  // namespace vseal::hash
