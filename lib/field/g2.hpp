#pragma once
// BLS12-381 G2: points of the M-twist y^2 = x^3 + 4(u + 1) over Fq2 in the subgroup of order
// r, with the zcash encodings (96-byte compressed, 192-byte uncompressed; each Fq2 coordinate
// written c1 then c0). Same rejection rules as G1 (field/g1.hpp).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "field/fq2.hpp"
#include "field/g1.hpp"

namespace vseal::field {

struct G2Traits {
  using F = Fq2;
  static Fq2 b() { return {Fq::from_u64(4), Fq::from_u64(4)}; }
};
using G2 = detail::Jacobian<G2Traits>;
using G2Affine = detail::Affine<Fq2>;

G2Affine g2_generator();
bool g2_in_subgroup(const G2& p);
bool g2_in_subgroup(const G2Affine& p);

std::array<std::uint8_t, 96> g2_compress(const G2Affine& p);
std::array<std::uint8_t, 192> g2_serialize(const G2Affine& p);
G2Affine g2_decompress(std::span<const std::uint8_t, 96> bytes, std::string_view what,
                       SubgroupCheck check = SubgroupCheck::Check);
G2Affine g2_deserialize(std::span<const std::uint8_t, 192> bytes, std::string_view what,
                        SubgroupCheck check = SubgroupCheck::Check);

}  // namespace vseal::field
