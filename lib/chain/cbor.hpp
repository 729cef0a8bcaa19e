#pragma once
// A DAG-CBOR writer (RFC 8949 with the IPLD DAG-CBOR rules): shortest-form heads, definite
// lengths only, map keys written in DAG-CBOR order (shorter first, then bytewise), CIDs as
// tag 42 over 0x00 || CID bytes. Enough for Filecoin messages and actor parameters; values are
// written in the order given, so the caller's encoding is canonical by construction.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::chain {

class CborWriter {
 public:
  CborWriter& uint(std::uint64_t v);
  CborWriter& integer(std::int64_t v);
  CborWriter& bytes(std::span<const std::uint8_t> b);
  CborWriter& text(std::string_view s);
  CborWriter& boolean(bool v);
  CborWriter& null();
  CborWriter& array(std::uint64_t items);  // followed by `items` values
  CborWriter& map(std::uint64_t pairs);    // followed by key, value pairs in DAG-CBOR key order
  CborWriter& cid(std::span<const std::uint8_t> cid_bytes);
  // A value already encoded (e.g. a nested structure built elsewhere).
  CborWriter& raw(std::span<const std::uint8_t> encoded);
  const std::vector<std::uint8_t>& data() const { return out_; }

 private:
  void head(std::uint8_t major, std::uint64_t v);
  std::vector<std::uint8_t> out_;
};

// Filecoin BigInt bytes: empty for 0, else sign byte (0x00 positive, 0x01 negative) then the
// big-endian magnitude. `decimal` is an optionally negative decimal integer below 2^127 in
// canonical form (TokenAmount::parse: no leading zeros).
std::vector<std::uint8_t> filecoin_bigint_bytes(std::string_view decimal);

// DAG-CBOR map key order: shorter keys first, then bytewise.
bool dag_cbor_key_less(std::string_view a, std::string_view b);

}  // namespace vseal::chain
