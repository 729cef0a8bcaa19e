// zcash point encodings for G1 and G2 (commit-and-post.md §9): big-endian coordinates, Fq2 as
// c1 || c0, three flag bits at the top of byte 0 (compressed, infinity, sign). One template
// serves both groups; only the coordinate codec differs.
#include <algorithm>
#include <string>

#include "base/error.hpp"
#include "field/g1.hpp"
#include "field/g2.hpp"

namespace vseal::field {
namespace {

constexpr std::uint8_t kCompressed = 0x80;
constexpr std::uint8_t kInfinity = 0x40;
constexpr std::uint8_t kSign = 0x20;
constexpr std::uint8_t kFlags = kCompressed | kInfinity | kSign;

std::optional<Fq> read_coordinate(std::span<const std::uint8_t, 48> b, Fq*) {
  return Fq::from_bytes_be(b);
}
std::optional<Fq2> read_coordinate(std::span<const std::uint8_t, 96> b, Fq2*) {
  const auto c1 = Fq::from_bytes_be(b.first<48>());
  const auto c0 = Fq::from_bytes_be(b.last<48>());
  if (!c0 || !c1) return std::nullopt;
  return Fq2{*c0, *c1};
}
void write_coordinate(const Fq& v, std::span<std::uint8_t, 48> out) {
  const auto b = v.to_bytes_be();
  std::copy(b.begin(), b.end(), out.begin());
}
void write_coordinate(const Fq2& v, std::span<std::uint8_t, 96> out) {
  write_coordinate(v.c1, out.first<48>());
  write_coordinate(v.c0, out.last<48>());
}

[[noreturn]] void reject(std::string_view what, std::string_view reason) {
  std::string msg(what);
  msg += ": ";
  msg += reason;
  throw Error(ErrorCode::BadInput, msg);
}

bool in_subgroup(const G1& p);
bool in_subgroup(const G2& p);

template <class Traits, std::size_t N>
struct Codec {
  using F = typename Traits::F;
  using Point = detail::Jacobian<Traits>;
  using AffinePoint = detail::Affine<F>;

  static std::array<std::uint8_t, N> compress(const AffinePoint& p) {
    std::array<std::uint8_t, N> out{};
    if (p.infinity) {
      out[0] = kCompressed | kInfinity;
      return out;
    }
    write_coordinate(p.x, std::span<std::uint8_t, N>(out));
    out[0] |= kCompressed;
    if (p.y.is_lexicographically_largest()) out[0] |= kSign;
    return out;
  }

  static std::array<std::uint8_t, 2 * N> serialize(const AffinePoint& p) {
    std::array<std::uint8_t, 2 * N> out{};
    if (p.infinity) {
      out[0] = kInfinity;
      return out;
    }
    write_coordinate(p.x, std::span<std::uint8_t, N>(out.data(), N));
    write_coordinate(p.y, std::span<std::uint8_t, N>(out.data() + N, N));
    return out;
  }

  // Checks the infinity encoding; returns true when the bytes are the identity.
  static bool is_infinity(std::span<const std::uint8_t> bytes, std::string_view what) {
    if (!(bytes[0] & kInfinity)) return false;
    const bool rest_zero =
        (bytes[0] & ~(kCompressed | kInfinity)) == 0 &&
        std::all_of(bytes.begin() + 1, bytes.end(), [](std::uint8_t b) { return b == 0; });
    if (!rest_zero) reject(what, "infinity flag set but the other bits are not all zero");
    return true;
  }

  static AffinePoint finish(const AffinePoint& p, std::string_view what, SubgroupCheck check) {
    const Point j = Point::from_affine(p);
    if (!j.is_on_curve()) reject(what, "point is not on the curve");
    if (check == SubgroupCheck::Check && !in_subgroup(j)) {
      reject(what, "point is not in the prime-order subgroup");
    }
    return p;
  }

  static AffinePoint decompress(std::span<const std::uint8_t, N> bytes, std::string_view what,
                                SubgroupCheck check) {
    if (!(bytes[0] & kCompressed)) reject(what, "compressed flag (bit 7 of byte 0) is not set");
    if (is_infinity(bytes, what)) return {};
    std::array<std::uint8_t, N> coord;
    std::copy(bytes.begin(), bytes.end(), coord.begin());
    coord[0] &= static_cast<std::uint8_t>(~kFlags);
    const auto x =
        read_coordinate(std::span<const std::uint8_t, N>(coord), static_cast<F*>(nullptr));
    if (!x) reject(what, "x coordinate is not below p");
    const auto y = (x->square() * *x + Traits::b()).sqrt();
    if (!y) reject(what, "x is not the abscissa of a curve point (x^3 + b is not a square)");
    const bool want_largest = (bytes[0] & kSign) != 0;
    const F chosen = y->is_lexicographically_largest() == want_largest ? *y : -*y;
    return finish({*x, chosen, false}, what, check);
  }

  static AffinePoint deserialize(std::span<const std::uint8_t, 2 * N> bytes, std::string_view what,
                                 SubgroupCheck check) {
    if (bytes[0] & kCompressed) reject(what, "compressed flag set in an uncompressed encoding");
    if (is_infinity(bytes, what)) return {};
    if (bytes[0] & kSign) reject(what, "sign flag set in an uncompressed encoding");
    std::array<std::uint8_t, N> xb, yb;
    std::copy_n(bytes.begin(), N, xb.begin());
    std::copy_n(bytes.begin() + N, N, yb.begin());
    const auto x = read_coordinate(std::span<const std::uint8_t, N>(xb), static_cast<F*>(nullptr));
    const auto y = read_coordinate(std::span<const std::uint8_t, N>(yb), static_cast<F*>(nullptr));
    if (!x) reject(what, "x coordinate is not below p");
    if (!y) reject(what, "y coordinate is not below p");
    return finish({*x, *y, false}, what, check);
  }
};

bool in_subgroup(const G1& p) {
  return g1_in_subgroup(p);
}
bool in_subgroup(const G2& p) {
  return g2_in_subgroup(p);
}

using G1Codec = Codec<G1Traits, 48>;
using G2Codec = Codec<G2Traits, 96>;

}  // namespace

G1Affine g1_generator() {
  static const G1Affine g{
      Fq::from_hex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83"
                   "ff97a1aeffb3af00adb22c6bb"),
      Fq::from_hex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc74"
                   "4a2888ae40caa232946c5e7e1"),
      false};
  return g;
}

G2Affine g2_generator() {
  static const G2Affine g{
      {Fq::from_hex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0"
                    "326a805bbefd48056c8c121bdb8"),
       Fq::from_hex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf"
                    "11213945d57e5ac7d055d042b7e")},
      {Fq::from_hex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac"
                    "9cc3baca289e193548608b82801"),
       Fq::from_hex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370"
                    "d275cec1da1aaa9075ff05f79be")},
      false};
  return g;
}

namespace {

constexpr std::uint64_t kAbsX[1] = {0xd201000000010000ull};  // x = -kAbsX

// Endomorphism constants, derived from p and checked against the generators once:
// sigma(x, y) = (beta x, y) on E1 acts on G1 as [-x^2]; psi = twist^-1 o Frobenius o twist on
// E2 acts on G2 as [x] (p = x mod r). Membership tests after Scott (eprint 2021/1130, proofs in
// 2022/352): P in G1 iff sigma(P) = [-x^2]P; Q in G2 iff psi(Q) = [x]Q. They replace the
// 255-bit [r]P with one or two 64-bit multiplications.
struct Endomorphisms {
  Fq beta;
  Fq2 psi_x, psi_y;
};

G1 sigma(const G1& p, const Fq& beta) {
  return {p.x * beta, p.y, p.z};
}

G2 psi(const G2& q, const Endomorphisms& e) {
  // In Jacobian coordinates Frobenius applies to X, Y, Z alike; the constants scale x and y.
  return {q.x.frobenius() * e.psi_x, q.y.frobenius() * e.psi_y, q.z.frobenius()};
}

G1 times_minus_x_squared(const G1& p) {
  return p.mul(kAbsX).mul(kAbsX).neg();
}

G2 times_x(const G2& q) {
  return q.mul(kAbsX).neg();
}

const Endomorphisms& endomorphisms() {
  static const Endomorphisms e = [] {
    Endomorphisms out;
    // A primitive cube root of unity: 2^((p-1)/3) (2 is not a cube mod p), or its square.
    const Fq zeta = Fq::from_u64(2).pow(fq_exponents().p_minus_1_over_3);
    VSEAL_ASSERT(zeta != Fq::one() && zeta * zeta * zeta == Fq::one());
    const G1 g1 = G1::from_affine(g1_generator());
    out.beta = sigma(g1, zeta) == times_minus_x_squared(g1) ? zeta : zeta * zeta;
    VSEAL_ASSERT(sigma(g1, out.beta) == times_minus_x_squared(g1));
    const Fq2 xi{Fq::one(), Fq::one()};
    out.psi_x = xi.pow(fq_exponents().p_minus_1_over_3).inverse();
    out.psi_y = xi.pow(fq_exponents().p_minus_1_over_2).inverse();
    const G2 g2 = G2::from_affine(g2_generator());
    VSEAL_ASSERT(psi(g2, out) == times_x(g2));
    return out;
  }();
  return e;
}

}  // namespace

bool g1_in_subgroup(const G1& p) {
  if (p.is_identity()) return true;
  return sigma(p, endomorphisms().beta) == times_minus_x_squared(p);
}
bool g1_in_subgroup(const G1Affine& p) {
  return g1_in_subgroup(G1::from_affine(p));
}
bool g2_in_subgroup(const G2& p) {
  if (p.is_identity()) return true;
  return psi(p, endomorphisms()) == times_x(p);
}
bool g2_in_subgroup(const G2Affine& p) {
  return g2_in_subgroup(G2::from_affine(p));
}

std::array<std::uint8_t, 48> g1_compress(const G1Affine& p) {
  return G1Codec::compress(p);
}
std::array<std::uint8_t, 96> g1_serialize(const G1Affine& p) {
  return G1Codec::serialize(p);
}
G1Affine g1_decompress(std::span<const std::uint8_t, 48> bytes, std::string_view what,
                       SubgroupCheck check) {
  return G1Codec::decompress(bytes, what, check);
}
G1Affine g1_deserialize(std::span<const std::uint8_t, 96> bytes, std::string_view what,
                        SubgroupCheck check) {
  return G1Codec::deserialize(bytes, what, check);
}
std::array<std::uint8_t, 96> g2_compress(const G2Affine& p) {
  return G2Codec::compress(p);
}
std::array<std::uint8_t, 192> g2_serialize(const G2Affine& p) {
  return G2Codec::serialize(p);
}
G2Affine g2_decompress(std::span<const std::uint8_t, 96> bytes, std::string_view what,
                       SubgroupCheck check) {
  return G2Codec::decompress(bytes, what, check);
}
G2Affine g2_deserialize(std::span<const std::uint8_t, 192> bytes, std::string_view what,
                        SubgroupCheck check) {
  return G2Codec::deserialize(bytes, what, check);
}

}  // namespace vseal::field
