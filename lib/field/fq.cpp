// Fq encoding, exponentiation, inversion and square roots (arithmetic is inline in fq.hpp).
#include "field/fq.hpp"

#include "base/cpu_features.hpp"
#include "base/error.hpp"
#include "base/hex.hpp"
#include "field/detail/pow.hpp"

namespace vseal::field {

bool fq_backend_supported(FqBackend backend) noexcept {
  if (backend == FqBackend::Portable) return true;
#if defined(VSEAL_HAVE_FQ_ADX)
  return cpu_features().bmi2 && cpu_features().adx;
#else
  return false;
#endif
}

namespace detail {
bool g_fq_use_adx = fq_backend_supported(FqBackend::Adx);
}  // namespace detail

FqBackend fq_backend() noexcept {
  return detail::g_fq_use_adx ? FqBackend::Adx : FqBackend::Portable;
}

void force_fq_backend(FqBackend backend) {
  if (!fq_backend_supported(backend))
    throw Error(ErrorCode::Unsupported, "the Fq adx backend is not supported on this CPU or build");
  detail::g_fq_use_adx = backend == FqBackend::Adx;
}

namespace {

Fq from_limbs_unchecked(const FqLimbs& limbs) {
  Fq r;
  detail::fq_mont_mul(r.mont.data(), limbs.data(), detail::kFqMontR2);
  return r;
}

FqLimbs modulus() {
  FqLimbs p;
  for (std::size_t i = 0; i < 6; ++i) p[i] = detail::kP[i];
  return p;
}

// Divides a by d in place and returns the remainder.
std::uint64_t div_small(FqLimbs& a, std::uint64_t d) {
  detail::u128 rem = 0;
  for (std::size_t i = 6; i-- > 0;) {
    const detail::u128 cur = (rem << 64) | a[i];
    a[i] = static_cast<std::uint64_t>(cur / d);
    rem = cur % d;
  }
  return static_cast<std::uint64_t>(rem);
}

FqLimbs add_small(FqLimbs a, std::uint64_t v) {
  for (auto& limb : a) {
    const std::uint64_t before = limb;
    limb += v;
    if (limb >= before) break;
    v = 1;
  }
  return a;
}

FqLimbs sub_small(FqLimbs a, std::uint64_t v) {
  for (auto& limb : a) {
    const std::uint64_t before = limb;
    limb -= v;
    if (limb <= before) break;
    v = 1;
  }
  return a;
}

FqLimbs exact_div(FqLimbs a, std::uint64_t d) {
  VSEAL_ASSERT(div_small(a, d) == 0);
  return a;
}

}  // namespace

const FqExponents& fq_exponents() {
  static const FqExponents e = [] {
    const FqLimbs p = modulus();
    FqExponents out;
    out.p_minus_1_over_2 = exact_div(sub_small(p, 1), 2);
    out.p_plus_1_over_4 = exact_div(add_small(p, 1), 4);
    out.p_minus_1_over_3 = exact_div(sub_small(p, 1), 3);
    out.p_minus_1_over_6 = exact_div(sub_small(p, 1), 6);
    out.p_minus_2 = sub_small(p, 2);
    return out;
  }();
  return e;
}

Fq Fq::from_u64(std::uint64_t v) {
  return from_limbs_unchecked({v, 0, 0, 0, 0, 0});
}

std::optional<Fq> Fq::from_canonical_limbs(const FqLimbs& limbs) {
  if (detail::fq_geq_modulus(limbs.data())) return std::nullopt;
  return from_limbs_unchecked(limbs);
}

std::optional<Fq> Fq::from_bytes_be(std::span<const std::uint8_t, 48> bytes) {
  FqLimbs limbs{};
  for (std::size_t i = 0; i < 48; ++i) {
    limbs[(47 - i) / 8] |= static_cast<std::uint64_t>(bytes[i]) << (8 * ((47 - i) % 8));
  }
  return from_canonical_limbs(limbs);
}

Fq Fq::from_hex(std::string_view hex) {
  if (hex.starts_with("0x")) hex.remove_prefix(2);
  if (hex.empty() || hex.size() > 96) {
    throw Error(ErrorCode::BadInput,
                "Fq hex must have 1..96 digits, got " + std::to_string(hex.size()));
  }
  std::string padded(96 - hex.size(), '0');
  padded += hex;
  FqBytes bytes;
  from_hex_exact(bytes, padded, "Fq element");
  auto v = from_bytes_be(bytes);
  if (!v) throw Error(ErrorCode::BadInput, "Fq element 0x" + padded + " is not below p");
  return *v;
}

FqLimbs Fq::to_canonical_limbs() const {
  static constexpr std::uint64_t kOne[6] = {1, 0, 0, 0, 0, 0};
  FqLimbs out;
  detail::fq_mont_mul(out.data(), mont.data(), kOne);
  return out;
}

FqBytes Fq::to_bytes_be() const {
  const FqLimbs limbs = to_canonical_limbs();
  FqBytes out;
  for (std::size_t i = 0; i < 48; ++i) {
    out[i] = static_cast<std::uint8_t>(limbs[(47 - i) / 8] >> (8 * ((47 - i) % 8)));
  }
  return out;
}

std::string Fq::to_hex() const {
  return vseal::to_hex(to_bytes_be());
}

bool Fq::is_lexicographically_largest() const {
  const FqLimbs v = to_canonical_limbs();
  const FqLimbs& half = fq_exponents().p_minus_1_over_2;
  for (std::size_t i = 6; i-- > 0;) {
    if (v[i] != half[i]) return v[i] > half[i];
  }
  return false;
}

Fq Fq::pow(std::span<const std::uint64_t> exponent) const {
  return detail::pow_limbs(*this, exponent);
}

Fq Fq::inverse() const {
  // Fermat: x^(p-2). Inversions are rare (affine conversions, decoding), so no binary GCD.
  return pow(fq_exponents().p_minus_2);
}

std::optional<Fq> Fq::sqrt() const {
  const Fq root = pow(fq_exponents().p_plus_1_over_4);
  if (root.square() != *this) return std::nullopt;
  return root;
}

}  // namespace vseal::field
