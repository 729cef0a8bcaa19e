// ChaCha8 block function (4 double rounds) and word stream.
#include "porep/chacha8.hpp"

#include <bit>

namespace vseal::porep {
namespace {

inline void quarter(std::array<std::uint32_t, 16>& x, int a, int b, int c, int d) {
  auto& A = x[static_cast<std::size_t>(a)];
  auto& B = x[static_cast<std::size_t>(b)];
  auto& C = x[static_cast<std::size_t>(c)];
  auto& D = x[static_cast<std::size_t>(d)];
  A += B;
  D ^= A;
  D = std::rotl(D, 16);
  C += D;
  B ^= C;
  B = std::rotl(B, 12);
  A += B;
  D ^= A;
  D = std::rotl(D, 8);
  C += D;
  B ^= C;
  B = std::rotl(B, 7);
}

}  // namespace

ChaCha8::ChaCha8(const std::array<std::uint8_t, 32>& seed) {
  key_state_[0] = 0x61707865;
  key_state_[1] = 0x3320646e;
  key_state_[2] = 0x79622d32;
  key_state_[3] = 0x6b206574;
  for (std::size_t i = 0; i < 8; ++i) {
    key_state_[4 + i] = static_cast<std::uint32_t>(seed[4 * i]) |
                        (static_cast<std::uint32_t>(seed[4 * i + 1]) << 8) |
                        (static_cast<std::uint32_t>(seed[4 * i + 2]) << 16) |
                        (static_cast<std::uint32_t>(seed[4 * i + 3]) << 24);
  }
}

void ChaCha8::refill() {
  auto input = key_state_;
  input[12] = static_cast<std::uint32_t>(counter_);
  input[13] = static_cast<std::uint32_t>(counter_ >> 32);
  block_ = input;
  for (int round = 0; round < 4; ++round) {
    quarter(block_, 0, 4, 8, 12);
    quarter(block_, 1, 5, 9, 13);
    quarter(block_, 2, 6, 10, 14);
    quarter(block_, 3, 7, 11, 15);
    quarter(block_, 0, 5, 10, 15);
    quarter(block_, 1, 6, 11, 12);
    quarter(block_, 2, 7, 8, 13);
    quarter(block_, 3, 4, 9, 14);
  }
  for (std::size_t i = 0; i < 16; ++i) block_[i] += input[i];
  ++counter_;
  used_ = 0;
}

std::uint32_t ChaCha8::next_u32() {
  if (used_ == 16) refill();
  return block_[used_++];
}

std::uint64_t ChaCha8::next_u64() {
  const std::uint64_t lo = next_u32();
  const std::uint64_t hi = next_u32();
  return lo | (hi << 32);
}

}  // namespace vseal::porep
