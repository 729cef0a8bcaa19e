#pragma once
// BLS12-381 G1: points of y^2 = x^3 + 4 over Fq in the subgroup of order r
// (commit-and-post.md §9), with the zcash encodings bellperson uses (48-byte compressed,
// 96-byte uncompressed). Decoding rejects every malformed encoding with a reason: wrong flag
// bits, a coordinate >= p, a point not on the curve or (unless told not to check) not in
// the subgroup. The identity decodes only from its canonical infinity encoding.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "field/detail/jacobian.hpp"
#include "field/fq.hpp"

namespace vseal::field {

struct G1Traits {
  using F = Fq;
  static Fq b() { return Fq::from_u64(4); }
};
using G1 = detail::Jacobian<G1Traits>;
using G1Affine = detail::Affine<Fq>;

enum class SubgroupCheck { Check, Skip };

G1Affine g1_generator();
// [r]P == O: membership of the order-r subgroup (points on the curve only).
bool g1_in_subgroup(const G1& p);
bool g1_in_subgroup(const G1Affine& p);

std::array<std::uint8_t, 48> g1_compress(const G1Affine& p);
std::array<std::uint8_t, 96> g1_serialize(const G1Affine& p);  // uncompressed
// Error{BadInput} naming `what` and the reason when the bytes are not a valid point.
G1Affine g1_decompress(std::span<const std::uint8_t, 48> bytes, std::string_view what,
                       SubgroupCheck check = SubgroupCheck::Check);
G1Affine g1_deserialize(std::span<const std::uint8_t, 96> bytes, std::string_view what,
                        SubgroupCheck check = SubgroupCheck::Check);

}  // namespace vseal::field
