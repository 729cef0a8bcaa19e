// The ChaCha block function with 4 (ChaCha8) or 10 (ChaCha20) double rounds.
#include "porep/chacha.hpp"

#include <bit>
#include <string>

#include "base/error.hpp"

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

using Block = std::array<std::uint32_t, 16>;

Block chacha_block(const Block& input, int double_rounds) {
  Block x = input;
  for (int round = 0; round < double_rounds; ++round) {
    quarter(x, 0, 4, 8, 12);
    quarter(x, 1, 5, 9, 13);
    quarter(x, 2, 6, 10, 14);
    quarter(x, 3, 7, 11, 15);
    quarter(x, 0, 5, 10, 15);
    quarter(x, 1, 6, 11, 12);
    quarter(x, 2, 7, 8, 13);
    quarter(x, 3, 4, 9, 14);
  }
  for (std::size_t i = 0; i < 16; ++i) x[i] += input[i];
  return x;
}

std::uint32_t load_le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

constexpr std::array<std::uint32_t, 4> kSigma = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

}  // namespace

ChaCha8::ChaCha8(const std::array<std::uint8_t, 32>& seed) {
  for (std::size_t i = 0; i < 4; ++i) key_state_[i] = kSigma[i];
  for (std::size_t i = 0; i < 8; ++i) key_state_[4 + i] = load_le32(seed.data() + 4 * i);
}

void ChaCha8::refill() {
  auto input = key_state_;
  input[12] = static_cast<std::uint32_t>(counter_);
  input[13] = static_cast<std::uint32_t>(counter_ >> 32);
  block_ = chacha_block(input, 4);
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

void chacha20_keystream(std::span<const std::uint8_t, 32> key,
                        std::span<const std::uint8_t, 12> nonce, std::uint64_t offset,
                        std::span<std::uint8_t> out) {
  if ((offset + out.size() + 63) / 64 > (std::uint64_t{1} << 32))
    throw Error(ErrorCode::BadInput, "ChaCha20 keystream range ends past 2^32 blocks (offset " +
                                         std::to_string(offset) + ")");
  Block input{};
  for (std::size_t i = 0; i < 4; ++i) input[i] = kSigma[i];
  for (std::size_t i = 0; i < 8; ++i) input[4 + i] = load_le32(key.data() + 4 * i);
  for (std::size_t i = 0; i < 3; ++i) input[13 + i] = load_le32(nonce.data() + 4 * i);
  std::size_t done = 0;
  while (done < out.size()) {
    const std::uint64_t pos = offset + done;
    input[12] = static_cast<std::uint32_t>(pos / 64);
    const Block block = chacha_block(input, 10);
    for (std::size_t b = static_cast<std::size_t>(pos % 64); b < 64 && done < out.size(); ++b)
      out[done++] = static_cast<std::uint8_t>(block[b / 4] >> (8 * (b % 4)));
  }
}

}  // namespace vseal::porep
