// Recursive descent over the bytes with an explicit depth limit; every rejection names the
// offset so a bad parameter blob can be located.
#include "chain/cbor_reader.hpp"

#include <limits>

#include "base/error.hpp"
#include "chain/cbor.hpp"

namespace vseal::chain {

class CborParser {
 public:
  explicit CborParser(std::span<const std::uint8_t> in) : in_(in) {}

  CborValue value(int depth) {
    if (depth > 64) fail("nesting deeper than 64 levels");
    const std::size_t at = pos_;
    const std::uint8_t initial = byte();
    const unsigned major = initial >> 5;
    const unsigned info = initial & 0x1f;
    CborValue v;
    if (major == 7) {
      if (info == 20 || info == 21) {
        v.kind_ = CborValue::Kind::Bool;
        v.bool_ = info == 21;
      } else if (info == 22) {
        v.kind_ = CborValue::Kind::Null;
      } else {
        fail_at(at, "simple value or float not allowed in DAG-CBOR");
      }
      return v;
    }
    const std::uint64_t arg = argument(info, at);
    switch (major) {
      case 0:
        v.kind_ = CborValue::Kind::Uint;
        v.uint_ = arg;
        break;
      case 1:
        v.kind_ = CborValue::Kind::NegInt;
        v.uint_ = arg;
        break;
      case 2:
        v.kind_ = CborValue::Kind::ByteString;
        v.bytes_ = take(arg);
        break;
      case 3: {
        v.kind_ = CborValue::Kind::Text;
        const auto b = take(arg);
        v.text_.assign(b.begin(), b.end());
        break;
      }
      case 4:
        v.kind_ = CborValue::Kind::Array;
        if (arg > remaining()) fail_at(at, "array longer than the input");
        for (std::uint64_t i = 0; i < arg; ++i) v.items_.push_back(value(depth + 1));
        break;
      case 5: {
        v.kind_ = CborValue::Kind::Map;
        if (arg > remaining() / 2) fail_at(at, "map longer than the input");
        for (std::uint64_t i = 0; i < arg; ++i) {
          const std::size_t key_at = pos_;
          CborValue key = value(depth + 1);
          if (key.kind_ != CborValue::Kind::Text) fail_at(key_at, "map key is not text");
          if (!v.map_.empty() && !dag_cbor_key_less(v.map_.back().first, key.text_))
            fail_at(key_at, "map keys not in DAG-CBOR order or duplicated");
          v.map_.emplace_back(std::move(key.text_), value(depth + 1));
        }
        break;
      }
      case 6: {
        if (arg != 42) fail_at(at, "tag " + std::to_string(arg) + " not allowed (only 42)");
        const std::size_t inner = pos_;
        CborValue b = value(depth + 1);
        if (b.kind_ != CborValue::Kind::ByteString || b.bytes_.empty() || b.bytes_[0] != 0x00)
          fail_at(inner, "tag 42 must wrap a byte string starting with 0x00");
        v.kind_ = CborValue::Kind::Cid;
        v.bytes_.assign(b.bytes_.begin() + 1, b.bytes_.end());
        if (v.bytes_.empty()) fail_at(inner, "empty CID");
        break;
      }
      default:
        fail_at(at, "unknown major type");
    }
    return v;
  }

  void finish() {
    if (pos_ != in_.size())
      fail(std::to_string(in_.size() - pos_) + " bytes after the end of the value");
  }

 private:
  [[noreturn]] void fail_at(std::size_t at, const std::string& why) {
    throw Error(ErrorCode::BadInput, "CBOR at byte " + std::to_string(at) + ": " + why);
  }
  [[noreturn]] void fail(const std::string& why) { fail_at(pos_, why); }
  std::size_t remaining() const { return in_.size() - pos_; }
  std::uint8_t byte() {
    if (pos_ >= in_.size()) fail("unexpected end of input");
    return in_[pos_++];
  }
  std::vector<std::uint8_t> take(std::uint64_t n) {
    if (n > remaining()) fail("string longer than the input");
    std::vector<std::uint8_t> out(in_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                  in_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
    pos_ += n;
    return out;
  }
  std::uint64_t argument(unsigned info, std::size_t at) {
    if (info < 24) return info;
    if (info == 31) fail_at(at, "indefinite length not allowed in DAG-CBOR");
    if (info > 27) fail_at(at, "reserved additional information");
    const unsigned n = 1u << (info - 24);
    std::uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v = (v << 8) | byte();
    const std::uint64_t min = info == 24   ? 24
                              : info == 25 ? 0x100
                              : info == 26 ? 0x10000
                                           : 0x100000000ull;
    if (v < min) fail_at(at, "integer or length not in its shortest form");
    return v;
  }

  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

CborValue CborValue::parse(std::span<const std::uint8_t> data) {
  CborParser p(data);
  CborValue v = p.value(0);
  p.finish();
  return v;
}

std::string_view CborValue::kind_name() const {
  switch (kind_) {
    case Kind::Uint:
      return "unsigned integer";
    case Kind::NegInt:
      return "negative integer";
    case Kind::ByteString:
      return "byte string";
    case Kind::Text:
      return "text string";
    case Kind::Array:
      return "array";
    case Kind::Map:
      return "map";
    case Kind::Bool:
      return "boolean";
    case Kind::Null:
      return "null";
    case Kind::Cid:
      return "CID";
  }
  return "?";
}

namespace {
[[noreturn]] void wrong(std::string_view what, std::string_view expected, const CborValue& v) {
  throw Error(ErrorCode::BadInput, std::string(what) + ": expected " + std::string(expected) +
                                       ", found " + std::string(v.kind_name()));
}
}  // namespace

std::uint64_t CborValue::as_uint(std::string_view what) const {
  if (kind_ != Kind::Uint) wrong(what, "an unsigned integer", *this);
  return uint_;
}

std::int64_t CborValue::as_int(std::string_view what) const {
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (kind_ == Kind::Uint) {
    if (uint_ > kMax) throw Error(ErrorCode::BadInput, std::string(what) + ": above 2^63-1");
    return static_cast<std::int64_t>(uint_);
  }
  if (kind_ == Kind::NegInt) {
    if (uint_ > kMax) throw Error(ErrorCode::BadInput, std::string(what) + ": below -2^63");
    return -1 - static_cast<std::int64_t>(uint_);
  }
  wrong(what, "an integer", *this);
}

const std::vector<std::uint8_t>& CborValue::as_bytes(std::string_view what) const {
  if (kind_ != Kind::ByteString) wrong(what, "a byte string", *this);
  return bytes_;
}

const std::string& CborValue::as_text(std::string_view what) const {
  if (kind_ != Kind::Text) wrong(what, "a text string", *this);
  return text_;
}

bool CborValue::as_bool(std::string_view what) const {
  if (kind_ != Kind::Bool) wrong(what, "a boolean", *this);
  return bool_;
}

const std::vector<CborValue>& CborValue::as_array(std::string_view what, int expected) const {
  if (kind_ != Kind::Array) wrong(what, "an array", *this);
  if (expected >= 0 && items_.size() != static_cast<std::size_t>(expected))
    throw Error(ErrorCode::BadInput, std::string(what) + ": expected a tuple of " +
                                         std::to_string(expected) + " fields, found " +
                                         std::to_string(items_.size()));
  return items_;
}

const std::vector<std::pair<std::string, CborValue>>& CborValue::as_map(
    std::string_view what) const {
  if (kind_ != Kind::Map) wrong(what, "a map", *this);
  return map_;
}

const std::vector<std::uint8_t>& CborValue::as_cid(std::string_view what) const {
  if (kind_ != Kind::Cid) wrong(what, "a CID", *this);
  return bytes_;
}

}  // namespace vseal::chain
