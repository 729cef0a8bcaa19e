#pragma once
// The Feistel permutation over [0, 8N) that picks expander parents (porep-sdr.md §6.3):
// three rounds keyed by feistel_keys[0..2], round function the first 8 bytes (big-endian) of
// BLAKE2b-512(BE64(R) || BE64(K)), cycle walking until the value falls inside the domain.
// Holds an OpenSSL digest context: use one instance per thread.
#include <array>
#include <cstdint>
#include <memory>

namespace vseal::porep {

class Feistel {
 public:
  Feistel(const std::array<std::uint64_t, 4>& keys, std::uint64_t domain);
  ~Feistel();
  Feistel(Feistel&&) noexcept;
  Feistel& operator=(Feistel&&) = delete;
  Feistel(const Feistel&) = delete;
  Feistel& operator=(const Feistel&) = delete;

  std::uint64_t encode(std::uint64_t x);
  std::uint64_t permute(std::uint64_t x);

  std::uint64_t half_bits() const { return half_bits_; }
  std::uint64_t left_mask() const { return right_mask_ << half_bits_; }
  std::uint64_t right_mask() const { return right_mask_; }

 private:
  std::uint64_t round(std::uint64_t r, std::uint64_t key);
  std::array<std::uint64_t, 4> keys_;
  std::uint64_t domain_;
  std::uint64_t half_bits_ = 0;
  std::uint64_t right_mask_ = 0;
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace vseal::porep
