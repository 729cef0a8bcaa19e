// Fr encoding, exponentiation and inversion (the arithmetic itself is inline in fr.hpp).
#include "field/fr.hpp"

#include <algorithm>
#include <cstring>

#include "base/error.hpp"
#include "base/hex.hpp"

namespace vseal::field {
namespace {

Fr from_limbs_unchecked(const std::array<std::uint64_t, 4>& limbs) {
  Fr plain;
  plain.mont = limbs;
  Fr r;
  detail::mont_mul(r.mont.data(), plain.mont.data(), detail::kMontR2);
  return r;
}

std::array<std::uint64_t, 4> limbs_from_bytes(std::span<const std::uint8_t, 32> bytes) {
  std::array<std::uint64_t, 4> limbs{};
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint64_t v = 0;
    for (std::size_t j = 0; j < 8; ++j)
      v |= static_cast<std::uint64_t>(bytes[8 * i + j]) << (8 * j);
    limbs[i] = v;
  }
  return limbs;
}

}  // namespace

Fr Fr::from_u64(std::uint64_t v) {
  return from_limbs_unchecked({v, 0, 0, 0});
}

Fr Fr::from_canonical_limbs(const std::array<std::uint64_t, 4>& limbs) {
  if (detail::geq_modulus(limbs.data())) {
    throw Error(ErrorCode::BadInput, "field element is not canonical (>= r)");
  }
  return from_limbs_unchecked(limbs);
}

bool Fr::try_from_bytes(std::span<const std::uint8_t, 32> bytes, Fr& out) {
  const auto limbs = limbs_from_bytes(bytes);
  if (detail::geq_modulus(limbs.data())) return false;
  out = from_limbs_unchecked(limbs);
  return true;
}

Fr Fr::from_bytes(std::span<const std::uint8_t, 32> bytes) {
  Fr out;
  if (!try_from_bytes(bytes, out)) {
    throw Error(ErrorCode::BadInput,
                "field element " + vseal::to_hex(bytes) + " is not canonical: value >= r");
  }
  return out;
}

Fr Fr::from_sha256_digest(std::span<const std::uint8_t, 32> digest) {
  FrBytes trimmed;
  std::memcpy(trimmed.data(), digest.data(), 32);
  trimmed[31] &= 0x3f;
  return from_limbs_unchecked(limbs_from_bytes(trimmed));
}

Fr Fr::from_hex(std::string_view hex, std::string_view what) {
  FrBytes bytes;
  from_hex_exact(bytes, hex, what);
  Fr out;
  if (!try_from_bytes(bytes, out)) {
    throw Error(ErrorCode::BadInput,
                std::string(what) + " " + std::string(hex) + " is not canonical: value >= r");
  }
  return out;
}

std::array<std::uint64_t, 4> Fr::to_canonical_limbs() const {
  static constexpr std::uint64_t kOne[4] = {1, 0, 0, 0};
  std::array<std::uint64_t, 4> out;
  detail::mont_mul(out.data(), mont.data(), kOne);
  return out;
}

FrBytes Fr::to_bytes() const {
  const auto limbs = to_canonical_limbs();
  FrBytes out;
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 8; ++j)
      out[8 * i + j] = static_cast<std::uint8_t>(limbs[i] >> (8 * j));
  }
  return out;
}

void fr_to_bytes(std::span<const Fr> values, std::span<std::uint8_t> out) {
  if (out.size() != values.size() * 32)
    throw Error(ErrorCode::BadInput, "fr_to_bytes: output is not 32 bytes per element");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto b = values[i].to_bytes();
    std::copy(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>(32 * i));
  }
}

std::string Fr::to_hex() const {
  return vseal::to_hex(to_bytes());
}

Fr Fr::square() const {
  return *this * *this;
}

Fr Fr::pow(std::span<const std::uint64_t> exponent) const {
  // Left-to-right binary exponentiation; exponents here are public, no constant time needed.
  Fr acc = one();
  for (std::size_t i = exponent.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      acc = acc.square();
      if ((exponent[i] >> bit) & 1u) acc *= *this;
    }
  }
  return acc;
}

Fr Fr::pow(std::uint64_t exponent) const {
  const std::uint64_t e[1] = {exponent};
  return pow(e);
}

Fr Fr::inverse() const {
  if (is_zero()) throw Error(ErrorCode::BadInput, "inverse of zero in Fr");
  // Fermat: x^(r-2).
  const std::uint64_t e[4] = {detail::kR[0] - 2, detail::kR[1], detail::kR[2], detail::kR[3]};
  return pow(e);
}

FrBytes fr_modulus_bytes() {
  FrBytes out;
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 8; ++j) {
      out[8 * i + j] = static_cast<std::uint8_t>(detail::kR[i] >> (8 * j));
    }
  }
  return out;
}

}  // namespace vseal::field
