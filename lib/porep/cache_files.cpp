// bincode 1.3 (legacy options: little-endian fixint, u64 lengths, 1-byte Option tags) for the
// p_aux / t_aux structs, and the cache file names.
#include "porep/cache_files.hpp"

#include <cstring>

#include "base/error.hpp"
#include "merkle/tree_shape.hpp"

namespace vseal::porep {
namespace {

// Paths in real cache directories are short; a length beyond this is a corrupt file, not a path.
constexpr std::uint64_t kMaxStringBytes = 1 << 16;
constexpr std::uint64_t kMaxLayers = 64;

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u64(std::uint64_t v) {
    for (unsigned i = 0; i < 8; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void str(const std::string& s) {
    u64(s.size());
    out_.insert(out_.end(), s.begin(), s.end());
  }
  void config(const StoreConfig& c) {
    str(c.path);
    str(c.id);
    u8(c.size ? 1 : 0);
    if (c.size) u64(*c.size);
    u64(c.rows_to_discard);
  }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
  std::uint8_t u8() {
    need(1);
    return in_[pos_++];
  }
  std::uint64_t u64() {
    need(8);
    std::uint64_t v = 0;
    for (unsigned i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(in_[pos_ + i]) << (8 * i);
    pos_ += 8;
    return v;
  }
  std::string str() {
    const std::uint64_t n = u64();
    if (n > kMaxStringBytes) fail("string of " + std::to_string(n) + " bytes");
    need(n);
    std::string s(reinterpret_cast<const char*>(in_.data() + pos_), n);
    pos_ += n;
    return s;
  }
  StoreConfig config() {
    StoreConfig c;
    c.path = str();
    c.id = str();
    const std::uint8_t tag = u8();
    if (tag > 1) fail("Option tag " + std::to_string(tag));
    if (tag == 1) c.size = u64();
    c.rows_to_discard = u64();
    return c;
  }
  void end() const {
    if (pos_ != in_.size()) fail(std::to_string(in_.size() - pos_) + " trailing bytes");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorCode::Corrupt, "t_aux: " + what + " at byte " + std::to_string(pos_));
  }

 private:
  void need(std::uint64_t n) const {
    if (in_.size() - pos_ < n) fail("truncated");
  }
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

std::string suffixed(const char* stem, std::size_t trees, std::size_t i) {
  // Appended piece by piece: GCC 12 reports a false -Wrestrict on chained operator+ here.
  std::string name = "sc-02-data-";
  name.append(stem);
  if (trees != 1) {
    name.push_back('-');
    name.append(std::to_string(i));
  }
  name.append(".dat");
  return name;
}

}  // namespace

std::string layer_file_name(int layer) {
  return "sc-02-data-layer-" + std::to_string(layer) + ".dat";
}
std::string tree_c_file_name(std::size_t trees, std::size_t i) {
  return suffixed("tree-c", trees, i);
}
std::string tree_r_last_file_name(std::size_t trees, std::size_t i) {
  return suffixed("tree-r-last", trees, i);
}

std::vector<std::uint8_t> encode_p_aux(const PAux& p) {
  std::vector<std::uint8_t> out(64);
  const auto c = p.comm_c.to_bytes(), r = p.comm_r_last.to_bytes();
  std::memcpy(out.data(), c.data(), 32);
  std::memcpy(out.data() + 32, r.data(), 32);
  return out;
}

PAux decode_p_aux(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != 64)
    throw Error(ErrorCode::Corrupt,
                "p_aux holds " + std::to_string(bytes.size()) + " bytes, expected 64");
  PAux p;
  if (!field::Fr::try_from_bytes(bytes.first<32>(), p.comm_c) ||
      !field::Fr::try_from_bytes(bytes.subspan<32, 32>(), p.comm_r_last))
    throw Error(ErrorCode::Corrupt, "p_aux holds a value that is not a field element");
  return p;
}

TAux make_t_aux(const std::string& dir, std::uint64_t nodes, int layers, std::uint64_t base_leaves,
                int rows_to_discard) {
  const std::uint64_t base_len = merkle::tree_geometry(base_leaves, 8).total();
  TAux t;
  for (int l = 1; l <= layers; ++l)
    t.labels.push_back({dir, "layer-" + std::to_string(l), nodes, 0});
  t.tree_d = {dir, "tree-d", 2 * nodes - 1, 0};
  t.tree_r_last = {dir, "tree-r-last", base_len, static_cast<std::uint64_t>(rows_to_discard)};
  t.tree_c = {dir, "tree-c", base_len, 0};
  return t;
}

std::vector<std::uint8_t> encode_t_aux(const TAux& t) {
  Writer w;
  w.u64(t.labels.size());
  for (const auto& c : t.labels) w.config(c);
  w.config(t.tree_d);
  w.config(t.tree_r_last);
  w.config(t.tree_c);
  return w.take();
}

TAux decode_t_aux(std::span<const std::uint8_t> bytes) {
  Reader r(bytes);
  TAux t;
  const std::uint64_t layers = r.u64();
  if (layers == 0 || layers > kMaxLayers) r.fail(std::to_string(layers) + " layers");
  for (std::uint64_t l = 0; l < layers; ++l) t.labels.push_back(r.config());
  t.tree_d = r.config();
  t.tree_r_last = r.config();
  t.tree_c = r.config();
  r.end();
  return t;
}

}  // namespace vseal::porep
