// Binary SHA-256 trees over sector data, streamed so memory stays at one subtree per level.
#include "merkle/sha256_tree.hpp"

#include <bit>
#include <cstring>
#include <vector>

#include "base/error.hpp"
#include "hash/sha256.hpp"

namespace vseal::merkle {

Node sha256_node(const Node& a, const Node& b) {
  std::array<std::uint8_t, 64> message;
  std::memcpy(message.data(), a.data(), 32);
  std::memcpy(message.data() + 32, b.data(), 32);
  Node out = hash::sha256_64(message);
  out[31] &= 0x3f;
  return out;
}

Node zero_commitment(unsigned k) {
  if (k > 63) throw Error(ErrorCode::BadInput, "zero commitment level above 63");
  Node z{};
  for (unsigned i = 0; i < k; ++i) z = sha256_node(z, z);
  return z;
}

void sha256_tree_level(std::span<const std::uint8_t> children, std::span<std::uint8_t> parents) {
  if (children.size() != 2 * parents.size() || parents.size() % 32 != 0)
    throw Error(ErrorCode::BadInput, "sha256_tree_level: children must be twice the parents");
  // The second block of every 64-byte message: 0x80, zeros, bit length 512.
  static constexpr std::array<std::uint8_t, 64> kPadding = [] {
    std::array<std::uint8_t, 64> b{};
    b[0] = 0x80;
    b[62] = 0x02;
    return b;
  }();
  const std::size_t n = parents.size() / 32;
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4) {
    std::array<hash::Sha256State, 4> st;
    st.fill(hash::Sha256State::initial());
    const std::array<const std::uint8_t*, 4> data = {
        children.data() + 64 * k, children.data() + 64 * (k + 1), children.data() + 64 * (k + 2),
        children.data() + 64 * (k + 3)};
    const std::array<const std::uint8_t*, 4> pad = {kPadding.data(), kPadding.data(),
                                                    kPadding.data(), kPadding.data()};
    hash::sha256_compress_x4(st, data, 1);
    hash::sha256_compress_x4(st, pad, 1);
    for (std::size_t i = 0; i < 4; ++i) {
      auto d = st[i].digest();
      d[31] &= 0x3f;
      std::memcpy(parents.data() + 32 * (k + i), d.data(), 32);
    }
  }
  for (; k < n; ++k) {
    auto d = hash::sha256_64(std::span<const std::uint8_t, 64>(children.data() + 64 * k, 64));
    d[31] &= 0x3f;
    std::memcpy(parents.data() + 32 * k, d.data(), 32);
  }
}

void Sha256TreeBuilder::push(Node n) {
  std::size_t level = 0;
  while (level < pending_.size() && has_[level]) {
    n = sha256_node(pending_[level], n);
    has_[level] = false;
    ++level;
  }
  if (level == pending_.size()) {
    pending_.push_back(n);
    has_.push_back(true);
  } else {
    pending_[level] = n;
    has_[level] = true;
  }
}

Node Sha256TreeBuilder::root() const {
  if (pending_.empty()) throw Error(ErrorCode::BadInput, "tree over no leaves");
  return pending_.back();
}

namespace {

void check_power_of_two(std::uint64_t bytes) {
  if (bytes < 32 || !std::has_single_bit(bytes)) {
    throw Error(ErrorCode::BadInput, "tree over " + std::to_string(bytes) +
                                         " bytes: needs a power of two of at least 32");
  }
}

}  // namespace

Node sha256_tree_root(std::span<const std::uint8_t> leaves) {
  check_power_of_two(leaves.size());
  Sha256TreeBuilder r;
  for (std::size_t i = 0; i < leaves.size(); i += 32) {
    Node n;
    std::memcpy(n.data(), leaves.data() + i, 32);
    r.push(n);
  }
  return r.root();
}

}  // namespace vseal::merkle
