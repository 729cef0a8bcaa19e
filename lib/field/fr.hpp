#pragma once
// BLS12-381 scalar field Fr (r = 0x73eda753...00000001, 255 bits), spec poseidon.md §1.
// An Fr holds x*2^256 mod r in four little-endian 64-bit limbs (Montgomery form) and is always
// fully reduced (< r), so equal values have equal limbs. The external form is 32 bytes,
// little-endian, canonical: decoding rejects values >= r (Error{BadInput}), never reduces.
// Values are plain data: trivially copyable, no shared state, safe across threads.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "field/detail/fr_portable.hpp"

namespace vseal::field {

using FrBytes = std::array<std::uint8_t, 32>;

struct Fr {
  std::array<std::uint64_t, 4> mont{};  // x * 2^256 mod r, least significant limb first

  static constexpr Fr zero() { return Fr{}; }
  static constexpr Fr one() {
    return Fr{{detail::kMontOne[0], detail::kMontOne[1], detail::kMontOne[2], detail::kMontOne[3]}};
  }
  static Fr from_u64(std::uint64_t v);
  // Canonical 4-limb integer (not Montgomery), least significant limb first; must be < r.
  static Fr from_canonical_limbs(const std::array<std::uint64_t, 4>& limbs);
  // 32-byte little-endian canonical encoding; throws Error{BadInput} when the value is >= r.
  static Fr from_bytes(std::span<const std::uint8_t, 32> bytes);
  // Like from_bytes, but returns false instead of throwing.
  static bool try_from_bytes(std::span<const std::uint8_t, 32> bytes, Fr& out);
  // A SHA-256 (or Blake2s) digest as rust-fil-proofs reads it: little-endian with the two top
  // bits of byte 31 cleared (porep-sdr.md §2.1), so the value is always < 2^254 < r.
  static Fr from_sha256_digest(std::span<const std::uint8_t, 32> digest);
  // 64 hex digits of the 32-byte little-endian form; `what` names the value in errors.
  static Fr from_hex(std::string_view hex, std::string_view what = "field element");

  FrBytes to_bytes() const;
  std::array<std::uint64_t, 4> to_canonical_limbs() const;
  std::string to_hex() const;

  bool is_zero() const { return (mont[0] | mont[1] | mont[2] | mont[3]) == 0; }

  Fr square() const;
  // Multiplicative inverse; throws Error{BadInput} for zero.
  Fr inverse() const;
  // this^e with e given as little-endian 64-bit limbs.
  Fr pow(std::span<const std::uint64_t> exponent) const;
  Fr pow(std::uint64_t exponent) const;

  friend bool operator==(const Fr& a, const Fr& b) = default;

  friend Fr operator+(const Fr& a, const Fr& b) {
    Fr r;
    detail::add(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
  friend Fr operator-(const Fr& a, const Fr& b) {
    Fr r;
    detail::sub(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
  friend Fr operator-(const Fr& a) { return Fr::zero() - a; }
  friend Fr operator*(const Fr& a, const Fr& b) {
    Fr r;
    detail::mont_mul(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
  Fr& operator+=(const Fr& b) { return *this = *this + b; }
  Fr& operator-=(const Fr& b) { return *this = *this - b; }
  Fr& operator*=(const Fr& b) { return *this = *this * b; }
};

static_assert(sizeof(Fr) == 32, "Fr is exactly four limbs: arrays of Fr are flat limb arrays");

// values[i].to_bytes() at out[32i, 32i+32): how runs of tree nodes and replica nodes are stored.
// out.size() must be 32 * values.size() (Error{BadInput} otherwise).
void fr_to_bytes(std::span<const Fr> values, std::span<std::uint8_t> out);

// The modulus r as canonical little-endian bytes.
FrBytes fr_modulus_bytes();

}  // namespace vseal::field
