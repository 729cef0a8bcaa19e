#pragma once
// A strict DAG-CBOR reader for actor parameters, return values and messages that come from
// outside (RPC clients, a chain node). It accepts exactly what the DAG-CBOR rules allow:
// shortest-form heads, definite lengths, map keys as text in DAG-CBOR order without
// duplicates, tag 42 (CIDs) as the only tag, no floats or undefined, nesting below 64 levels,
// and nothing after the value. Anything else is Error{BadInput} naming the byte offset.
// The typed accessors (as_uint, as_array(n), ...) give equally clear errors, so decoders of
// parameter tuples read like their specification.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::chain {

class CborValue {
 public:
  enum class Kind { Uint, NegInt, ByteString, Text, Array, Map, Bool, Null, Cid };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  std::string_view kind_name() const;

  std::uint64_t as_uint(std::string_view what) const;
  // Uint or NegInt within int64.
  std::int64_t as_int(std::string_view what) const;
  const std::vector<std::uint8_t>& as_bytes(std::string_view what) const;
  const std::string& as_text(std::string_view what) const;
  bool as_bool(std::string_view what) const;
  // An array; with `expected` set, exactly that many items (a tuple).
  const std::vector<CborValue>& as_array(std::string_view what, int expected = -1) const;
  const std::vector<std::pair<std::string, CborValue>>& as_map(std::string_view what) const;
  // CID bytes (without the 0x00 multibase prefix of the tag-42 form).
  const std::vector<std::uint8_t>& as_cid(std::string_view what) const;

  static CborValue parse(std::span<const std::uint8_t> data);

 private:
  friend class CborParser;
  Kind kind_ = Kind::Null;
  std::uint64_t uint_ = 0;  // Uint value, or -1-n for NegInt
  bool bool_ = false;
  std::vector<std::uint8_t> bytes_;  // Bytes and Cid
  std::string text_;
  std::vector<CborValue> items_;
  std::vector<std::pair<std::string, CborValue>> map_;
};

}  // namespace vseal::chain
