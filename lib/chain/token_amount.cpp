#include "chain/token_amount.hpp"

#include "base/error.hpp"

namespace vseal::chain {
namespace {
using i128 = TokenAmount::i128;
__extension__ typedef unsigned __int128 u128;
constexpr u128 kMax = (u128{1} << 127) - 1;

[[noreturn]] void overflow() {
  throw Error(ErrorCode::BadInput, "token amount outside ±2^127");
}

std::string digits(u128 v) {
  if (v == 0) return "0";
  std::string s;
  for (; v; v /= 10) s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
  return s;
}
}  // namespace

TokenAmount TokenAmount::parse(std::string_view text) {
  const std::string_view original = text;
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 39 || (text.size() > 1 && text[0] == '0'))
    throw Error(ErrorCode::BadInput, "'" + std::string(original) + "' is not a decimal integer");
  u128 v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9')
      throw Error(ErrorCode::BadInput, "'" + std::string(original) + "' is not a decimal integer");
    if (v > (kMax - static_cast<unsigned>(c - '0')) / 10) overflow();
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return TokenAmount(negative ? -static_cast<i128>(v) : static_cast<i128>(v));
}

std::string TokenAmount::to_string() const {
  std::string out = digits(static_cast<u128>(v_ < 0 ? -v_ : v_));
  if (v_ < 0) out.insert(out.begin(), '-');
  return out;
}

std::string TokenAmount::fil_string() const {
  const u128 mag = static_cast<u128>(v_ < 0 ? -v_ : v_);
  const u128 per = static_cast<u128>(kAttoPerFil);
  std::string frac = digits(mag % per);
  frac.insert(frac.begin(), 18 - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string out = digits(mag / per);
  if (v_ < 0) out.insert(out.begin(), '-');
  if (!frac.empty()) {
    out += '.';
    out += frac;
  }
  out += " FIL";
  return out;
}

std::vector<std::uint8_t> TokenAmount::bigint_bytes() const {
  if (v_ == 0) return {};
  u128 mag = static_cast<u128>(v_ < 0 ? -v_ : v_);
  std::vector<std::uint8_t> out;
  for (; mag; mag >>= 8) out.insert(out.begin(), static_cast<std::uint8_t>(mag & 0xff));
  out.insert(out.begin(), v_ < 0 ? 0x01 : 0x00);
  return out;
}

TokenAmount TokenAmount::from_bigint_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return TokenAmount();
  if (bytes[0] > 1) throw Error(ErrorCode::BadInput, "BigInt: sign byte must be 0 or 1");
  if (bytes.size() == 1 || bytes[1] == 0)
    throw Error(ErrorCode::BadInput, "BigInt: magnitude missing or with a leading zero byte");
  if (bytes.size() > 17) overflow();
  u128 mag = 0;
  for (std::size_t i = 1; i < bytes.size(); ++i) mag = (mag << 8) | bytes[i];
  if (mag > kMax) overflow();
  return TokenAmount(bytes[0] ? -static_cast<i128>(mag) : static_cast<i128>(mag));
}

TokenAmount TokenAmount::operator+(TokenAmount o) const {
  i128 r;
  if (__builtin_add_overflow(v_, o.v_, &r)) overflow();
  return TokenAmount(r);
}

TokenAmount TokenAmount::operator-(TokenAmount o) const {
  i128 r;
  if (__builtin_sub_overflow(v_, o.v_, &r)) overflow();
  return TokenAmount(r);
}

TokenAmount TokenAmount::operator*(i128 k) const {
  i128 r;
  if (__builtin_mul_overflow(v_, k, &r)) overflow();
  return TokenAmount(r);
}

}  // namespace vseal::chain
