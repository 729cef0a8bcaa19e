// RLE+ as go-bitfield writes it: bits are packed least significant first; a 2-bit version (0),
// one bit giving the value of the first run, then run lengths: "1" for 1, "01" + 4 bits for
// 2..15, "00" + an unsigned LEB128 varint for 16 and more. The last run is always a run of set
// bits; trailing unset bits are not written.
#include "chain/bitfield.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/error.hpp"

namespace vseal::chain {
namespace {

[[noreturn]] void bad(const std::string& why) {
  throw Error(ErrorCode::BadInput, "bitfield: " + why);
}

class BitWriter {
 public:
  void put(std::uint64_t v, unsigned bits) {
    for (unsigned i = 0; i < bits; ++i) {
      if (used_ % 8 == 0) out_.push_back(0);
      if ((v >> i) & 1) out_.back() = static_cast<std::uint8_t>(out_.back() | (1u << (used_ % 8)));
      ++used_;
    }
  }
  // Trailing zero bytes are dropped (a reader sees zeros past the end anyway), which is what
  // makes the encoding minimal.
  std::vector<std::uint8_t> take() {
    while (!out_.empty() && out_.back() == 0) out_.pop_back();
    return std::move(out_);
  }

 private:
  std::vector<std::uint8_t> out_;
  std::uint64_t used_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::span<const std::uint8_t> in) : in_(in) {}
  bool more() const {
    // Only zero bits may follow the last run: more() is true while a set bit remains.
    for (std::uint64_t p = pos_; p < in_.size() * 8; ++p)
      if ((in_[p / 8] >> (p % 8)) & 1) return true;
    return false;
  }
  std::uint64_t get(unsigned bits) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < bits; ++i) {
      if (pos_ >= in_.size() * 8) {  // zeros past the end, as the writer trimmed them
        ++pos_;
        continue;
      }
      v |= static_cast<std::uint64_t>((in_[pos_ / 8] >> (pos_ % 8)) & 1) << i;
      ++pos_;
    }
    return v;
  }

 private:
  std::span<const std::uint8_t> in_;
  std::uint64_t pos_ = 0;
};

constexpr std::uint64_t kMaxEnd = ~std::uint64_t{0};

}  // namespace

void BitField::push(std::uint64_t start, std::uint64_t length) {
  if (length == 0) return;
  if (!runs_.empty()) {
    Run& last = runs_.back();
    VSEAL_ASSERT(start >= last.start + last.length);
    if (start == last.start + last.length) {
      last.length += length;
      return;
    }
  }
  runs_.push_back({start, length});
}

BitField BitField::of(std::span<const std::uint64_t> values) {
  std::vector<std::uint64_t> v(values.begin(), values.end());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  BitField b;
  for (const auto x : v) b.push(x, 1);
  return b;
}

BitField BitField::range(std::uint64_t start, std::uint64_t length) {
  BitField b;
  b.push(start, length);
  return b;
}

void BitField::set(std::uint64_t v) {
  *this = unite(range(v, 1));
}

std::uint64_t BitField::count() const {
  std::uint64_t n = 0;
  for (const auto& r : runs_) n += r.length;
  return n;
}

bool BitField::contains(std::uint64_t v) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), v,
                             [](std::uint64_t x, const Run& r) { return x < r.start; });
  if (it == runs_.begin()) return false;
  --it;
  return v - it->start < it->length;
}

std::optional<std::uint64_t> BitField::first() const {
  if (runs_.empty()) return std::nullopt;
  return runs_.front().start;
}

std::vector<std::uint64_t> BitField::values(std::uint64_t limit) const {
  if (count() > limit) bad("more than " + std::to_string(limit) + " members to list");
  std::vector<std::uint64_t> out;
  for (const auto& r : runs_)
    for (std::uint64_t i = 0; i < r.length; ++i) out.push_back(r.start + i);
  return out;
}

BitField BitField::unite(const BitField& o) const {
  std::vector<Run> all(runs_);
  all.insert(all.end(), o.runs_.begin(), o.runs_.end());
  std::sort(all.begin(), all.end(), [](const Run& a, const Run& b) { return a.start < b.start; });
  BitField out;
  for (const auto& r : all) {
    if (!out.runs_.empty()) {
      Run& last = out.runs_.back();
      const std::uint64_t end = last.start + last.length;
      if (r.start <= end) {
        last.length = std::max(end, r.start + r.length) - last.start;
        continue;
      }
    }
    out.runs_.push_back(r);
  }
  return out;
}

BitField BitField::intersect(const BitField& o) const {
  BitField out;
  std::size_t i = 0, j = 0;
  while (i < runs_.size() && j < o.runs_.size()) {
    const auto& a = runs_[i];
    const auto& b = o.runs_[j];
    const std::uint64_t lo = std::max(a.start, b.start);
    const std::uint64_t hi = std::min(a.start + a.length, b.start + b.length);
    if (lo < hi) out.push(lo, hi - lo);
    if (a.start + a.length < b.start + b.length)
      ++i;
    else
      ++j;
  }
  return out;
}

BitField BitField::subtract(const BitField& o) const {
  BitField out;
  std::size_t j = 0;
  for (const auto& a : runs_) {
    std::uint64_t cur = a.start;
    const std::uint64_t end = a.start + a.length;
    while (j < o.runs_.size() && o.runs_[j].start + o.runs_[j].length <= cur) ++j;
    std::size_t k = j;
    while (cur < end && k < o.runs_.size() && o.runs_[k].start < end) {
      const auto& b = o.runs_[k];
      if (b.start > cur) out.push(cur, b.start - cur);
      cur = std::max(cur, b.start + b.length);
      ++k;
    }
    if (cur < end) out.push(cur, end - cur);
  }
  return out;
}

std::vector<std::uint8_t> BitField::rle() const {
  if (runs_.empty()) return {};
  BitWriter w;
  w.put(0, 2);  // version
  const bool starts_set = runs_.front().start == 0;
  w.put(starts_set ? 1 : 0, 1);
  auto put_len = [&w](std::uint64_t len) {
    if (len == 1) {
      w.put(1, 1);
    } else if (len < 16) {
      w.put(0b10, 2);  // bits "0","1" in stream order
      w.put(len, 4);
    } else {
      w.put(0, 2);
      while (true) {
        const auto byte = static_cast<std::uint8_t>(len & 0x7f);
        len >>= 7;
        w.put(len ? byte | 0x80u : byte, 8);
        if (!len) break;
      }
    }
  };
  std::uint64_t pos = 0;
  for (const auto& r : runs_) {
    if (r.start > pos) put_len(r.start - pos);
    put_len(r.length);
    pos = r.start + r.length;
  }
  return w.take();
}

BitField BitField::from_rle(std::span<const std::uint8_t> bytes) {
  BitField out;
  if (bytes.empty()) return out;
  if (bytes.back() == 0) bad("trailing zero byte (not minimally encoded)");
  BitReader r(bytes);
  if (r.get(2) != 0) bad("unknown RLE+ version");
  bool value = r.get(1) == 1;
  std::uint64_t pos = 0;
  bool last_was_set = false;
  while (r.more()) {
    std::uint64_t len = 0;
    if (r.get(1) == 1) {
      len = 1;
    } else if (r.get(1) == 1) {
      len = r.get(4);
      if (len < 2) bad("run length below 2 written in the 4-bit form");
    } else {
      unsigned shift = 0;
      for (int i = 0;; ++i) {
        if (i == 10) bad("run length varint longer than 10 bytes");
        const std::uint64_t byte = r.get(8);
        if (shift == 63 && (byte & 0x7e)) bad("run length above 2^64");
        len |= (byte & 0x7f) << shift;
        shift += 7;
        if (!(byte & 0x80)) {
          if (byte == 0 && i > 0) bad("run length varint not minimal");
          break;
        }
      }
      if (len < 16) bad("run length below 16 written as a varint");
    }
    if (len > kMaxEnd - pos) bad("runs pass 2^64");
    if (value) out.push(pos, len);
    pos += len;
    last_was_set = value;
    value = !value;
  }
  if (!out.runs_.empty() && !last_was_set) bad("last run is not a run of set bits");
  if (out.runs_.empty()) bad("no set bits (the empty set is written as no bytes)");
  return out;
}

nlohmann::json BitField::json() const {
  nlohmann::json a = nlohmann::json::array();
  std::uint64_t pos = 0;
  for (const auto& r : runs_) {
    a.push_back(r.start - pos);
    a.push_back(r.length);
    pos = r.start + r.length;
  }
  if (a.empty()) a.push_back(0);
  return a;
}

BitField BitField::from_json(const nlohmann::json& runs) {
  if (!runs.is_array()) bad("JSON form must be an array of run lengths");
  BitField out;
  std::uint64_t pos = 0;
  bool value = false;
  for (const auto& v : runs) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
      bad("JSON run lengths must be unsigned integers");
    const auto len = v.get<std::uint64_t>();
    if (len > kMaxEnd - pos) bad("runs pass 2^64");
    if (value) out.push(pos, len);
    pos += len;
    value = !value;
  }
  return out;
}

}  // namespace vseal::chain
