// Binary SHA-256 trees over sector data, streamed so memory stays at one subtree per level.
#include "merkle/sha256_tree.hpp"

#include <bit>
#include <cstring>
#include <fstream>
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

namespace {

// Folds leaves into per-level pending nodes (a binary counter), so any number of leaves that is
// a power of two reduces with O(log n) memory.
class StreamingRoot {
 public:
  void push(Node n) {
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
  Node root() const { return pending_.back(); }

 private:
  std::vector<Node> pending_;
  std::vector<bool> has_;
};

void check_power_of_two(std::uint64_t bytes) {
  if (bytes < 32 || !std::has_single_bit(bytes)) {
    throw Error(ErrorCode::BadInput, "tree over " + std::to_string(bytes) +
                                         " bytes: needs a power of two of at least 32");
  }
}

}  // namespace

Node sha256_tree_root(std::span<const std::uint8_t> leaves) {
  check_power_of_two(leaves.size());
  StreamingRoot r;
  for (std::size_t i = 0; i < leaves.size(); i += 32) {
    Node n;
    std::memcpy(n.data(), leaves.data() + i, 32);
    r.push(n);
  }
  return r.root();
}

Node sha256_tree_root_of_file(const std::filesystem::path& path, std::uint64_t bytes) {
  check_power_of_two(bytes);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Io, "cannot read " + path.string());
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size != bytes) {
    throw Error(ErrorCode::BadInput, path.string() + " holds " + std::to_string(size) +
                                         " bytes, expected " + std::to_string(bytes));
  }
  StreamingRoot r;
  std::vector<std::uint8_t> buf(std::size_t{1} << 20);
  std::uint64_t left = bytes;
  while (left > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), left));
    in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n));
    if (!in) throw Error(ErrorCode::Io, "short read from " + path.string());
    for (std::size_t i = 0; i < n; i += 32) {
      Node node;
      std::memcpy(node.data(), buf.data() + i, 32);
      r.push(node);
    }
    left -= n;
  }
  return r.root();
}

}  // namespace vseal::merkle
