// Base32 (RFC 4648 §6) without padding, lower case.
#include "chain/base32.hpp"

#include "base/error.hpp"

namespace vseal::chain {
namespace {

constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

int value_of(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const std::uint8_t b : bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kAlphabet[(acc >> bits) & 31]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (5 - bits)) & 31]);
  return out;
}

std::vector<std::uint8_t> base32_decode(std::string_view text) {
  // 8 characters carry 5 bytes; a tail of 1, 3 or 6 characters cannot come from whole bytes.
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6)
    throw Error(ErrorCode::BadInput, "base32: impossible length " + std::to_string(text.size()));
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int v = value_of(text[i]);
    if (v < 0)
      throw Error(ErrorCode::BadInput, "base32: illegal character at offset " + std::to_string(i));
    acc = (acc << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0)
    throw Error(ErrorCode::BadInput, "base32: non-zero trailing bits (not the canonical encoding)");
  return out;
}

}  // namespace vseal::chain
