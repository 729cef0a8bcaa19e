// Poseidon over eight preimages at once with AVX-512 IFMA (vpmadd52luq/vpmadd52huq), selected
// only on CPUs reporting avx512ifma. Only the vector functions carry the AVX-512 target attribute:
// compiling the whole file with -mavx512f could let the linker keep AVX-512 copies of shared
// inline functions (mont_mul, std:: templates) for the whole program. Each field element is
// held as five 52-bit limbs, lane k of each vector belonging to hash k, in Montgomery form with
// radix 2^260 (R' = 2^260 > 4r, so a product of reduced inputs is < 2r before its final
// subtraction). Every value stays fully reduced (< r), the same contract as the scalar code,
// so the result is bit-identical. The schedule is the optimised one of poseidon.md §7.3.
// Speed against the scalar backends: docs/performance.md.
#include <immintrin.h>

#include <array>
#include <memory>
#include <mutex>

#include "base/error.hpp"
#include "field/detail/fr_portable.hpp"
#include "hash/detail/poseidon_ifma.hpp"

namespace vseal::hash::detail {
namespace {

using field::detail::u64;
constexpr u64 kMask52 = (u64{1} << 52) - 1;
constexpr std::size_t kLanes = 8;

#define VSEAL_IFMA [[gnu::target("avx512f,avx512ifma")]]

// Logical right shift of every lane. The zero-masked form (all lanes selected) is used because
// GCC 12's plain _mm512_srli_epi64 trips a false -Wmaybe-uninitialized (fixed in GCC 13).
VSEAL_IFMA inline __m512i shift_right(__m512i x, unsigned bits) {
  return _mm512_maskz_srli_epi64(0xff, x, bits);
}

// One field element in each of 8 lanes: limb j of lane k is l[j][k].
struct V5 {
  __m512i l[5];
};

// A constant in the 2^260 domain as five 52-bit limbs, broadcast at use.
struct Limbs52 {
  u64 l[5];
};

Limbs52 split52(const std::array<u64, 4>& x) {
  Limbs52 out;
  out.l[0] = x[0] & kMask52;
  out.l[1] = ((x[0] >> 52) | (x[1] << 12)) & kMask52;
  out.l[2] = ((x[1] >> 40) | (x[2] << 24)) & kMask52;
  out.l[3] = ((x[2] >> 28) | (x[3] << 36)) & kMask52;
  out.l[4] = x[3] >> 16;
  return out;
}

std::array<u64, 4> join52(const u64 l[5]) {
  return {l[0] | (l[1] << 52), (l[1] >> 12) | (l[2] << 40), (l[2] >> 24) | (l[3] << 28),
          (l[3] >> 36) | (l[4] << 16)};
}

// Conversions between vseal's Fr (x * 2^256) and this domain (x * 2^260): one scalar
// Montgomery product by 2^260 (in) or 2^252 (out), given as plain integers mod r.
struct DomainFactors {
  std::array<u64, 4> to_ifma;    // 2^260 mod r
  std::array<u64, 4> from_ifma;  // 2^252 mod r
};

const DomainFactors& domain_factors() {
  static const DomainFactors f{field::Fr::from_u64(2).pow(260).to_canonical_limbs(),
                               field::Fr::from_u64(2).pow(252).to_canonical_limbs()};
  return f;
}

Limbs52 to_domain(const field::Fr& x) {
  std::array<u64, 4> v;
  field::detail::mont_mul(v.data(), x.mont.data(), domain_factors().to_ifma.data());
  return split52(v);
}

field::Fr from_domain(const u64 l[5]) {
  const auto v = join52(l);
  field::Fr out;
  field::detail::mont_mul(out.mont.data(), v.data(), domain_factors().from_ifma.data());
  return out;
}

struct Modulus52 {
  __m512i p[5];
  __m512i inv;  // -r^-1 mod 2^52
  __m512i mask;
  VSEAL_IFMA Modulus52() {
    const Limbs52 p52 = split52(
        {field::detail::kR[0], field::detail::kR[1], field::detail::kR[2], field::detail::kR[3]});
    for (int j = 0; j < 5; ++j) p[j] = _mm512_set1_epi64(static_cast<long long>(p52.l[j]));
    inv = _mm512_set1_epi64(static_cast<long long>(field::detail::kInv & kMask52));
    mask = _mm512_set1_epi64(static_cast<long long>(kMask52));
  }
};

// t (normalised limbs, value < 2r) -> t mod r.
VSEAL_IFMA inline void reduce_once(const Modulus52& m, __m512i t[5]) {
  __m512i d[5];
  __m512i borrow = _mm512_set1_epi64(0);
  for (int j = 0; j < 5; ++j) {
    const __m512i x = _mm512_sub_epi64(_mm512_sub_epi64(t[j], m.p[j]), borrow);
    borrow = shift_right(x, 63);
    d[j] = _mm512_and_si512(x, m.mask);
  }
  // No borrow out of the top limb: t >= r, take t - r.
  const __mmask8 take = _mm512_cmpeq_epi64_mask(borrow, _mm512_set1_epi64(0));
  for (int j = 0; j < 5; ++j) t[j] = _mm512_mask_blend_epi64(take, t[j], d[j]);
}

VSEAL_IFMA inline V5 mul(const Modulus52& m, const V5& a, const V5& b) {
  const __m512i zero = _mm512_set1_epi64(0);
  __m512i t[6] = {zero, zero, zero, zero, zero, zero};
  for (int i = 0; i < 5; ++i) {
    const __m512i bi = b.l[i];
    for (int j = 0; j < 5; ++j) {
      t[j] = _mm512_madd52lo_epu64(t[j], a.l[j], bi);
      t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], a.l[j], bi);
    }
    // Only t0 mod 2^52 matters for m; madd52lo reads just the low 52 bits of t0.
    const __m512i q = _mm512_and_si512(_mm512_madd52lo_epu64(zero, t[0], m.inv), m.mask);
    for (int j = 0; j < 5; ++j) {
      t[j] = _mm512_madd52lo_epu64(t[j], q, m.p[j]);
      t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], q, m.p[j]);
    }
    // t0 is now 0 mod 2^52: divide by 2^52, keeping its carry. Limbs stay below 2^58.
    const __m512i carry = shift_right(t[0], 52);
    t[0] = _mm512_add_epi64(t[1], carry);
    t[1] = t[2];
    t[2] = t[3];
    t[3] = t[4];
    t[4] = t[5];
    t[5] = zero;
  }
  for (int j = 0; j < 4; ++j) {
    t[j + 1] = _mm512_add_epi64(t[j + 1], shift_right(t[j], 52));
    t[j] = _mm512_and_si512(t[j], m.mask);
  }
  reduce_once(m, t);
  V5 out;
  for (int j = 0; j < 5; ++j) out.l[j] = t[j];
  return out;
}

VSEAL_IFMA inline V5 add(const Modulus52& m, const V5& a, const V5& b) {
  __m512i t[5];
  __m512i carry = _mm512_set1_epi64(0);
  for (int j = 0; j < 5; ++j) {
    const __m512i s = _mm512_add_epi64(_mm512_add_epi64(a.l[j], b.l[j]), carry);
    carry = shift_right(s, 52);
    t[j] = _mm512_and_si512(s, m.mask);
  }
  // No carry leaves the top limb: a + b < 2r < 2^256, so limb 4 stays below 2^49.
  reduce_once(m, t);
  V5 out;
  for (int j = 0; j < 5; ++j) out.l[j] = t[j];
  return out;
}

VSEAL_IFMA inline V5 broadcast(const Limbs52& c) {
  V5 out;
  for (int j = 0; j < 5; ++j) out.l[j] = _mm512_set1_epi64(static_cast<long long>(c.l[j]));
  return out;
}

VSEAL_IFMA inline void quintic(const Modulus52& m, V5& x) {
  const V5 x2 = mul(m, x, x);
  const V5 x4 = mul(m, x2, x2);
  x = mul(m, x4, x);
}

// The optimised constants of one instance, converted to the 2^260 domain once.
struct IfmaConstants {
  std::vector<Limbs52> compressed, mds, pre_sparse, sparse;
  Limbs52 merkle_tag;
};

std::unique_ptr<IfmaConstants> convert(const PoseidonConstants& c) {
  auto out = std::make_unique<IfmaConstants>();
  auto conv = [](const std::vector<field::Fr>& v) {
    std::vector<Limbs52> r;
    r.reserve(v.size());
    for (const auto& x : v) r.push_back(to_domain(x));
    return r;
  };
  out->compressed = conv(c.compressed_round_constants);
  out->mds = conv(c.mds);
  out->pre_sparse = conv(c.pre_sparse);
  out->sparse = conv(c.sparse);
  out->merkle_tag = to_domain(poseidon_merkle_tag(c.arity));
  return out;
}

const IfmaConstants& ifma_constants(const PoseidonConstants& c) {
  struct Slot {
    std::once_flag once;
    std::unique_ptr<IfmaConstants> constants;
  };
  static std::array<std::array<Slot, 2>, kPoseidonMaxArity + 1> slots;
  Slot& slot = slots[c.arity][c.strength == PoseidonStrength::Standard ? 0 : 1];
  std::call_once(slot.once, [&] { slot.constants = convert(c); });
  return *slot.constants;
}

VSEAL_IFMA void mix_dense(const Modulus52& m, V5* s, const Limbs52* x, std::size_t t) {
  V5 out[kPoseidonMaxWidth];
  for (std::size_t j = 0; j < t; ++j) {
    V5 acc = mul(m, s[0], broadcast(x[j]));
    for (std::size_t i = 1; i < t; ++i) acc = add(m, acc, mul(m, s[i], broadcast(x[i * t + j])));
    out[j] = acc;
  }
  for (std::size_t j = 0; j < t; ++j) s[j] = out[j];
}

VSEAL_IFMA void permute(const Modulus52& m, const PoseidonConstants& pc, const IfmaConstants& c,
                        V5* s) {
  const std::size_t t = pc.width;
  const std::size_t half = static_cast<std::size_t>(pc.full_rounds / 2);
  const Limbs52* rc = c.compressed.data();
  for (std::size_t i = 0; i < t; ++i) s[i] = add(m, s[i], broadcast(rc[i]));
  rc += t;
  for (std::size_t k = 0; k < half; ++k) {
    for (std::size_t i = 0; i < t; ++i) {
      quintic(m, s[i]);
      s[i] = add(m, s[i], broadcast(rc[i]));
    }
    rc += t;
    mix_dense(m, s, k + 1 == half ? c.pre_sparse.data() : c.mds.data(), t);
  }
  const Limbs52* sp = c.sparse.data();
  for (int j = 0; j < pc.partial_rounds; ++j) {
    quintic(m, s[0]);
    s[0] = add(m, s[0], broadcast(*rc++));
    V5 first = mul(m, s[0], broadcast(sp[0]));
    for (std::size_t i = 1; i < t; ++i) first = add(m, first, mul(m, s[i], broadcast(sp[i])));
    for (std::size_t i = 1; i < t; ++i) s[i] = add(m, s[i], mul(m, s[0], broadcast(sp[t + i - 1])));
    s[0] = first;
    sp += 2 * t - 1;
  }
  for (std::size_t k = 0; k + 1 < half; ++k) {
    for (std::size_t i = 0; i < t; ++i) {
      quintic(m, s[i]);
      s[i] = add(m, s[i], broadcast(rc[i]));
    }
    rc += t;
    mix_dense(m, s, c.mds.data(), t);
  }
  for (std::size_t i = 0; i < t; ++i) quintic(m, s[i]);
  mix_dense(m, s, c.mds.data(), t);
}

}  // namespace

VSEAL_IFMA void poseidon_ifma(const PoseidonConstants& pc, Fr* out, const Fr* in,
                              std::size_t count) {
  const Modulus52 m;
  const IfmaConstants& c = ifma_constants(pc);
  const std::size_t a = pc.arity;
  V5 s[kPoseidonMaxWidth];
  alignas(64) u64 lane_limbs[5][kLanes];
  for (std::size_t base = 0; base < count; base += kLanes) {
    const std::size_t lanes = std::min(kLanes, count - base);
    s[0] = broadcast(c.merkle_tag);
    // Transpose: lane k of element i is input i of hash base+k (unused lanes hash zeros).
    for (std::size_t i = 0; i < a; ++i) {
      for (std::size_t k = 0; k < kLanes; ++k) {
        const Limbs52 x = k < lanes ? to_domain(in[(base + k) * a + i]) : Limbs52{};
        for (int j = 0; j < 5; ++j) lane_limbs[j][k] = x.l[j];
      }
      for (int j = 0; j < 5; ++j) s[i + 1].l[j] = _mm512_load_si512(lane_limbs[j]);
    }
    permute(m, pc, c, s);
    for (int j = 0; j < 5; ++j) _mm512_store_si512(lane_limbs[j], s[1].l[j]);
    for (std::size_t k = 0; k < lanes; ++k) {
      const u64 limbs[5] = {lane_limbs[0][k], lane_limbs[1][k], lane_limbs[2][k], lane_limbs[3][k],
                            lane_limbs[4][k]};
      out[base + k] = from_domain(limbs);
    }
  }
}

}  // namespace vseal::hash::detail
