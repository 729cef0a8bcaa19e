// Address construction, checks and text forms, following go-address's rules and error order.
#include "chain/address.hpp"

#include <algorithm>
#include <charconv>

#include "base/error.hpp"
#include "chain/base32.hpp"
#include "hash/blake2b.hpp"

namespace vseal::chain {
namespace {

constexpr std::uint64_t kMaxId = (std::uint64_t{1} << 63) - 1;

[[noreturn]] void fail(const std::string& reason, const std::string& detail) {
  throw Error(ErrorCode::BadInput, reason + ": " + detail);
}

// go's strconv.ParseUint(s, 10, 63): digits only, value < 2^63.
bool parse_u63(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out <= kMaxId;
}

void check_payload(AddressProtocol p, std::span<const std::uint8_t> payload) {
  switch (p) {
    case AddressProtocol::Id: {
      std::uint64_t id = 0;
      std::size_t used = 0;
      if (payload.empty()) fail("invalid length", "empty ID payload");
      if (!uvarint_decode(payload, id, used) || used != payload.size() || id > kMaxId)
        fail("invalid payload", "ID payload is not a uvarint below 2^63");
      return;
    }
    case AddressProtocol::Secp256k1:
    case AddressProtocol::Actor:
      if (payload.size() != 20)
        fail("invalid length",
             "payload of " + std::to_string(payload.size()) + " bytes, expected 20");
      return;
    case AddressProtocol::Bls:
      if (payload.size() != 48)
        fail("invalid length",
             "payload of " + std::to_string(payload.size()) + " bytes, expected 48");
      return;
    case AddressProtocol::Delegated: {
      std::uint64_t ns = 0;
      std::size_t used = 0;
      if (!uvarint_decode(payload, ns, used) || ns > kMaxId)
        fail("invalid payload", "delegated namespace is not a uvarint below 2^63");
      if (payload.size() - used > kMaxSubaddressLength)
        fail("invalid length", "subaddress longer than 54 bytes");
      return;
    }
  }
  fail("unknown protocol", std::to_string(static_cast<int>(p)));
}

// first || rest, built by size then copy (GCC 12 warns falsely on insert after a 1-element
// initializer list).
std::vector<std::uint8_t> prefixed(std::uint8_t first, std::span<const std::uint8_t> rest) {
  std::vector<std::uint8_t> out(1 + rest.size());
  out[0] = first;
  std::copy(rest.begin(), rest.end(), out.begin() + 1);
  return out;
}

AddressProtocol protocol_of(int value) {
  if (value < 0 || value > 4) fail("unknown protocol", std::to_string(value));
  return static_cast<AddressProtocol>(value);
}

}  // namespace

std::vector<std::uint8_t> uvarint_encode(std::uint64_t v) {
  std::vector<std::uint8_t> out;
  do {
    std::uint8_t b = v & 0x7f;
    v >>= 7;
    if (v != 0) b |= 0x80;
    out.push_back(b);
  } while (v != 0);
  return out;
}

bool uvarint_decode(std::span<const std::uint8_t> in, std::uint64_t& value, std::size_t& used) {
  value = 0;
  for (std::size_t i = 0; i < in.size() && i < 10; ++i) {
    const std::uint64_t part = in[i] & 0x7f;
    if (i == 9 && in[i] > 1) return false;  // more than 64 bits
    value |= part << (7 * i);
    if ((in[i] & 0x80) == 0) {
      if (i > 0 && in[i] == 0) return false;  // not minimal
      used = i + 1;
      return true;
    }
  }
  return false;  // truncated
}

Address::Address(AddressProtocol p, std::vector<std::uint8_t> payload)
    : protocol_(p), payload_(std::move(payload)) {
  check_payload(protocol_, payload_);
}

Address Address::from_id(std::uint64_t id) {
  if (id > kMaxId) fail("invalid payload", "actor id above 2^63 - 1");
  return Address(AddressProtocol::Id, uvarint_encode(id));
}

Address Address::from_secp256k1_pubkey(std::span<const std::uint8_t> key) {
  if (key.size() != 65 || key[0] != 0x04)
    fail("invalid payload", "a secp256k1 key is 65 bytes, uncompressed (0x04 first)");
  return Address(AddressProtocol::Secp256k1, hash::blake2b(key, 20));
}

Address Address::from_actor_data(std::span<const std::uint8_t> data) {
  return Address(AddressProtocol::Actor, hash::blake2b(data, 20));
}

Address Address::from_bls_pubkey(std::span<const std::uint8_t> key) {
  return Address(AddressProtocol::Bls, std::vector<std::uint8_t>(key.begin(), key.end()));
}

Address Address::from_delegated(std::uint64_t ns, std::span<const std::uint8_t> sub) {
  auto payload = uvarint_encode(ns);
  payload.insert(payload.end(), sub.begin(), sub.end());
  return Address(AddressProtocol::Delegated, std::move(payload));
}

Address Address::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) fail("invalid length", "empty address");
  return Address(protocol_of(bytes[0]), std::vector<std::uint8_t>(bytes.begin() + 1, bytes.end()));
}

std::vector<std::uint8_t> Address::bytes() const {
  return prefixed(static_cast<std::uint8_t>(protocol_), payload_);
}

std::array<std::uint8_t, 4> Address::checksum() const {
  const auto d = hash::blake2b(bytes(), 4);
  return {d[0], d[1], d[2], d[3]};
}

std::uint64_t Address::id() const {
  if (protocol_ != AddressProtocol::Id) fail("invalid payload", "not an ID address");
  std::uint64_t id = 0;
  std::size_t used = 0;
  uvarint_decode(payload_, id, used);
  return id;
}

std::string Address::to_string(Network net) const {
  std::string out(1, net == Network::Mainnet ? 'f' : 't');
  out.push_back(static_cast<char>('0' + static_cast<int>(protocol_)));
  if (protocol_ == AddressProtocol::Id) return out + std::to_string(id());
  std::vector<std::uint8_t> body;
  std::size_t sub_from = 0;
  if (protocol_ == AddressProtocol::Delegated) {
    std::uint64_t ns = 0;
    uvarint_decode(payload_, ns, sub_from);
    out += std::to_string(ns);
    out.push_back('f');
  }
  body.assign(payload_.begin() + static_cast<std::ptrdiff_t>(sub_from), payload_.end());
  const auto sum = checksum();
  body.insert(body.end(), sum.begin(), sum.end());
  return out + base32_encode(body);
}

Address Address::parse(std::string_view s) {
  if (s.size() > kMaxAddressStringLength || s.size() < 3)
    fail("invalid length",
         "an address string has 3.." + std::to_string(kMaxAddressStringLength) + " characters");
  if (s[0] != 'f' && s[0] != 't') fail("unknown network", std::string(1, s[0]));
  const AddressProtocol p = protocol_of(s[1] - '0');
  std::string_view raw = s.substr(2);
  if (p == AddressProtocol::Id) {
    if (raw.size() > 19) fail("invalid length", "ID longer than 19 digits");
    std::uint64_t id = 0;
    if (!parse_u63(raw, id)) fail("invalid payload", "ID is not a decimal number below 2^63");
    return from_id(id);
  }
  std::uint64_t ns = 0;
  if (p == AddressProtocol::Delegated) {
    const auto f = raw.find('f');
    if (f == std::string_view::npos) fail("invalid payload", "delegated address without 'f'");
    if (f > 20) fail("invalid length", "namespace longer than 20 digits");
    if (!parse_u63(raw.substr(0, f), ns)) fail("invalid payload", "bad namespace");
    raw = raw.substr(f + 1);
  }
  std::vector<std::uint8_t> decoded;
  try {
    decoded = base32_decode(raw);
  } catch (const Error& e) {
    fail("invalid encoding", e.what());
  }
  if (decoded.size() < 4) fail("invalid length", "shorter than its checksum");
  std::vector<std::uint8_t> body(decoded.begin(), decoded.end() - 4);
  // Lengths before the checksum, as go-address orders its checks.
  if ((p == AddressProtocol::Secp256k1 || p == AddressProtocol::Actor) && body.size() != 20)
    fail("invalid length", "payload of " + std::to_string(body.size()) + " bytes, expected 20");
  if (p == AddressProtocol::Bls && body.size() != 48)
    fail("invalid length", "payload of " + std::to_string(body.size()) + " bytes, expected 48");
  if (p == AddressProtocol::Delegated) {
    auto payload = uvarint_encode(ns);
    payload.insert(payload.end(), body.begin(), body.end());
    body = std::move(payload);
  }
  const auto sum = hash::blake2b(prefixed(static_cast<std::uint8_t>(p), body), 4);
  if (!std::equal(sum.begin(), sum.end(), decoded.end() - 4))
    fail("invalid checksum", std::string(s));
  return Address(p, std::move(body));
}

}  // namespace vseal::chain
