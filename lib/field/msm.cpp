// Pippenger: scalars cut into c-bit windows; per window each point goes to the bucket of its
// digit, and sum_d d * B_d is formed with two running sums. About 255/c windows of (n + 2^(c+1))
// additions instead of n * 255 doublings and additions.
#include "field/msm.hpp"

#include <algorithm>
#include <bit>
#include <vector>

#include "base/error.hpp"

namespace vseal::field {
namespace {

unsigned window_bits(std::size_t n) {
  if (n < 8) return 2;
  const unsigned log = static_cast<unsigned>(std::bit_width(n)) - 1;
  return log < 5 ? 3 : log - 2;  // 328 points: 6-bit windows
}

std::uint64_t digit(const std::array<std::uint64_t, 4>& k, unsigned start, unsigned width) {
  const unsigned limb = start / 64, shift = start % 64;
  std::uint64_t v = k[limb] >> shift;
  if (shift + width > 64 && limb + 1 < 4) v |= k[limb + 1] << (64 - shift);
  return v & ((std::uint64_t{1} << width) - 1);
}

template <class Point>
Point pippenger(std::span<const typename Point::AffinePoint> points, std::span<const Fr> scalars) {
  if (points.size() != scalars.size()) {
    throw Error(ErrorCode::BadInput, "msm: " + std::to_string(points.size()) + " points but " +
                                         std::to_string(scalars.size()) + " scalars");
  }
  std::vector<std::array<std::uint64_t, 4>> k;
  k.reserve(scalars.size());
  for (const Fr& s : scalars) k.push_back(s.to_canonical_limbs());
  // Only the windows the largest scalar reaches: Filecoin inputs are mostly small integers
  // (node indices), so a single-proof input MSM needs a few windows, not 255 / c.
  unsigned bits = 0;
  for (const auto& limbs : k)
    for (unsigned i = 4; i-- > 0;)
      if (limbs[i] != 0) {
        bits = std::max(bits, 64 * i + static_cast<unsigned>(std::bit_width(limbs[i])));
        break;
      }
  const unsigned c = window_bits(points.size());
  const unsigned windows = (bits + c - 1) / c;
  std::vector<Point> buckets((std::size_t{1} << c) - 1);
  Point result = Point::identity();
  for (unsigned w = windows; w-- > 0;) {
    for (unsigned i = 0; i < c; ++i) result = result.dbl();
    for (auto& b : buckets) b = Point::identity();
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::uint64_t d = digit(k[i], w * c, c);
      if (d != 0) buckets[d - 1] = buckets[d - 1].add(points[i]);
    }
    Point running = Point::identity(), sum = Point::identity();
    for (std::size_t j = buckets.size(); j-- > 0;) {
      running = running.add(buckets[j]);
      sum = sum.add(running);
    }
    result = result.add(sum);
  }
  return result;
}

}  // namespace

G1 g1_msm(std::span<const G1Affine> points, std::span<const Fr> scalars) {
  return pippenger<G1>(points, scalars);
}

G2 g2_msm(std::span<const G2Affine> points, std::span<const Fr> scalars) {
  return pippenger<G2>(points, scalars);
}

}  // namespace vseal::field
