#pragma once
// Token amounts (attoFIL) and other Filecoin BigInts held exactly in a signed 128-bit integer:
// all FIL that will ever exist (2·10^27 attoFIL) fits with room for products such as
// GasLimit × GasFeeCap. Text form: decimal, as the lotus JSON API writes big integers. CBOR
// form: sign byte then big-endian magnitude, empty for zero. Arithmetic that would leave the
// 127-bit range is Error{BadInput}, never a silent wrap.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::chain {

class TokenAmount {
 public:
  __extension__ typedef __int128 i128;

  constexpr TokenAmount() = default;
  constexpr explicit TokenAmount(i128 v) : v_(v) {}
  static TokenAmount parse(std::string_view decimal);  // optionally negative
  static TokenAmount fil(std::int64_t whole) { return TokenAmount(i128{whole} * kAttoPerFil); }
  static TokenAmount from_bigint_bytes(std::span<const std::uint8_t> bytes);

  i128 value() const { return v_; }
  std::string to_string() const;
  std::vector<std::uint8_t> bigint_bytes() const;
  // "1.5 FIL" style for logs and CLI output.
  std::string fil_string() const;

  TokenAmount operator+(TokenAmount o) const;
  TokenAmount operator-(TokenAmount o) const;
  TokenAmount operator*(i128 k) const;
  TokenAmount& operator+=(TokenAmount o) { return *this = *this + o; }
  TokenAmount& operator-=(TokenAmount o) { return *this = *this - o; }
  friend auto operator<=>(const TokenAmount&, const TokenAmount&) = default;

  static constexpr i128 kAttoPerFil = 1'000'000'000'000'000'000;

 private:
  i128 v_ = 0;
};

}  // namespace vseal::chain
