#include "chain/randomness.hpp"

#include <algorithm>

#include "chain/cbor.hpp"
#include "hash/blake2b.hpp"

namespace vseal::chain {

std::array<std::uint8_t, 32> draw_randomness(std::int64_t dst,
                                             std::span<const std::uint8_t, 32> digest,
                                             std::int64_t epoch,
                                             std::span<const std::uint8_t> entropy) {
  std::vector<std::uint8_t> in;
  in.reserve(48 + entropy.size());
  append_be64(in, static_cast<std::uint64_t>(dst));
  in.insert(in.end(), digest.begin(), digest.end());
  append_be64(in, static_cast<std::uint64_t>(epoch));
  in.insert(in.end(), entropy.begin(), entropy.end());
  const auto h = hash::blake2b(in, 32);
  std::array<std::uint8_t, 32> out{};
  std::copy(h.begin(), h.end(), out.begin());
  return out;
}

void append_be64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::vector<std::uint8_t> address_entropy(const Address& a) {
  CborWriter w;
  w.bytes(a.bytes());
  return w.data();
}

}  // namespace vseal::chain
