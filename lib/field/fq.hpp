#pragma once
// BLS12-381 base field Fq (p = 0x1a0111ea...ffffaaab, 381 bits), commit-and-post.md §9.
// An Fq holds x*2^384 mod p in six little-endian 64-bit limbs (Montgomery form), always fully
// reduced, so equal values have equal limbs. The external form is the zcash one: 48 bytes,
// big-endian; decoding rejects values >= p, never reduces. Plain data, safe across threads.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "field/detail/fq_adx.hpp"
#include "field/detail/fq_portable.hpp"

namespace vseal::field {

namespace detail {
// Chosen once per process (bmi2 + adx present, and not forced off); both give identical results.
extern bool g_fq_use_adx;
inline void fq_mul(u64 r[6], const u64 a[6], const u64 b[6]) {
#if defined(VSEAL_HAVE_FQ_ADX)
  if (g_fq_use_adx) {
    fq_mont_mul_adx(r, a, b);
    return;
  }
#endif
  fq_mont_mul(r, a, b);
}
}  // namespace detail

enum class FqBackend { Portable, Adx };
bool fq_backend_supported(FqBackend backend) noexcept;
FqBackend fq_backend() noexcept;
// Error{Unsupported} when the CPU or this build lacks it; for tests and benchmarks.
void force_fq_backend(FqBackend backend);

using FqBytes = std::array<std::uint8_t, 48>;
using FqLimbs = std::array<std::uint64_t, 6>;

struct Fq {
  FqLimbs mont{};  // x * 2^384 mod p, least significant limb first

  static constexpr Fq zero() { return Fq{}; }
  static constexpr Fq one() {
    Fq r;
    for (std::size_t i = 0; i < 6; ++i) r.mont[i] = detail::kFqMontOne[i];
    return r;
  }
  static Fq from_u64(std::uint64_t v);
  // Canonical integer limbs (least significant first); nullopt when >= p.
  static std::optional<Fq> from_canonical_limbs(const FqLimbs& limbs);
  // 48 big-endian bytes; nullopt when the value is >= p.
  static std::optional<Fq> from_bytes_be(std::span<const std::uint8_t, 48> bytes);
  // Up to 96 hex digits, big-endian, optional 0x; Error{BadInput} when malformed or >= p.
  static Fq from_hex(std::string_view hex);

  FqLimbs to_canonical_limbs() const;
  FqBytes to_bytes_be() const;
  std::string to_hex() const;  // 96 hex digits, big-endian

  bool is_zero() const {
    std::uint64_t acc = 0;
    for (auto limb : mont) acc |= limb;
    return acc == 0;
  }
  // The zcash "sign": the value is larger than (p - 1) / 2.
  bool is_lexicographically_largest() const;

  Fq square() const { return *this * *this; }
  Fq dbl() const { return *this + *this; }
  // Multiplicative inverse; zero maps to zero (callers check is_zero where it matters).
  Fq inverse() const;
  Fq pow(std::span<const std::uint64_t> exponent) const;
  // A square root when one exists (p = 3 mod 4: x^((p+1)/4), checked).
  std::optional<Fq> sqrt() const;

  friend bool operator==(const Fq& a, const Fq& b) = default;
  friend Fq operator+(const Fq& a, const Fq& b) {
    Fq r;
    detail::fq_add(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
  friend Fq operator-(const Fq& a, const Fq& b) {
    Fq r;
    detail::fq_sub(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
  friend Fq operator-(const Fq& a) { return Fq::zero() - a; }
  friend Fq operator*(const Fq& a, const Fq& b) {
    Fq r;
    detail::fq_mul(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
  Fq& operator+=(const Fq& b) { return *this = *this + b; }
  Fq& operator-=(const Fq& b) { return *this = *this - b; }
  Fq& operator*=(const Fq& b) { return *this = *this * b; }
};

// Exponents derived from p that the tower and the curves need, computed once from the modulus
// (not typed in): (p-1)/2, (p+1)/4, (p-1)/3, (p-1)/6.
struct FqExponents {
  FqLimbs p_minus_1_over_2, p_plus_1_over_4, p_minus_1_over_3, p_minus_1_over_6, p_minus_2;
};
const FqExponents& fq_exponents();

}  // namespace vseal::field
