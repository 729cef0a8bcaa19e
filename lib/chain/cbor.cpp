// DAG-CBOR heads and scalar encodings.
#include "chain/cbor.hpp"

#include "base/error.hpp"
#include "chain/token_amount.hpp"

namespace vseal::chain {

void CborWriter::head(std::uint8_t major, std::uint64_t v) {
  const auto m = static_cast<std::uint8_t>(major << 5);
  if (v < 24) {
    out_.push_back(static_cast<std::uint8_t>(m | v));
    return;
  }
  int n = v <= 0xff ? 1 : v <= 0xffff ? 2 : v <= 0xffffffffull ? 4 : 8;
  out_.push_back(static_cast<std::uint8_t>(m | (n == 1 ? 24 : n == 2 ? 25 : n == 4 ? 26 : 27)));
  for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

CborWriter& CborWriter::uint(std::uint64_t v) {
  head(0, v);
  return *this;
}

CborWriter& CborWriter::integer(std::int64_t v) {
  if (v >= 0) {
    head(0, static_cast<std::uint64_t>(v));
  } else {
    head(1, static_cast<std::uint64_t>(-(v + 1)));
  }
  return *this;
}

CborWriter& CborWriter::bytes(std::span<const std::uint8_t> b) {
  head(2, b.size());
  out_.insert(out_.end(), b.begin(), b.end());
  return *this;
}

CborWriter& CborWriter::text(std::string_view s) {
  head(3, s.size());
  out_.insert(out_.end(), s.begin(), s.end());
  return *this;
}

CborWriter& CborWriter::boolean(bool v) {
  out_.push_back(v ? 0xf5 : 0xf4);
  return *this;
}

CborWriter& CborWriter::null() {
  out_.push_back(0xf6);
  return *this;
}

CborWriter& CborWriter::array(std::uint64_t items) {
  head(4, items);
  return *this;
}

CborWriter& CborWriter::map(std::uint64_t pairs) {
  head(5, pairs);
  return *this;
}

CborWriter& CborWriter::cid(std::span<const std::uint8_t> cid_bytes) {
  head(6, 42);
  head(2, cid_bytes.size() + 1);
  out_.push_back(0x00);  // the multibase identity prefix DAG-CBOR requires
  out_.insert(out_.end(), cid_bytes.begin(), cid_bytes.end());
  return *this;
}

CborWriter& CborWriter::raw(std::span<const std::uint8_t> encoded) {
  out_.insert(out_.end(), encoded.begin(), encoded.end());
  return *this;
}

std::vector<std::uint8_t> filecoin_bigint_bytes(std::string_view decimal) {
  return TokenAmount::parse(decimal).bigint_bytes();
}

bool dag_cbor_key_less(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

}  // namespace vseal::chain
