// Hex encoding used by the CLI, the vectors and the job specs.
#include "base/hex.hpp"

#include "base/error.hpp"

namespace vseal {
namespace {

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view strip_prefix(std::string_view hex) {
  if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
  return hex;
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

std::vector<std::uint8_t> from_hex(std::string_view hex) {
  hex = strip_prefix(hex);
  if (hex.size() % 2 != 0) {
    throw Error(ErrorCode::BadInput, "hex string has odd length " + std::to_string(hex.size()));
  }
  std::vector<std::uint8_t> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      throw Error(ErrorCode::BadInput,
                  "not a hex digit at position " + std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return out;
}

void from_hex_exact(std::span<std::uint8_t> out, std::string_view hex, std::string_view what) {
  const std::string_view digits = strip_prefix(hex);
  if (digits.size() != out.size() * 2) {
    throw Error(ErrorCode::BadInput, std::string(what) + ": expected " +
                                         std::to_string(out.size() * 2) + " hex digits, got " +
                                         std::to_string(digits.size()));
  }
  try {
    const auto bytes = from_hex(digits);
    std::copy(bytes.begin(), bytes.end(), out.begin());
  } catch (const Error& e) {
    throw Error(ErrorCode::BadInput, std::string(what) + ": " + e.what());
  }
}

}  // namespace vseal
