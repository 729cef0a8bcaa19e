#pragma once
// Filecoin addresses (go-address): protocol byte || payload, with the text form
// net + protocol digit + base32(payload || checksum) (ID: decimal id; delegated: namespace
// "f" base32(subaddress || checksum)). Parsing is as strict as go-address: every rejected
// string or byte form is Error{BadInput} whose message starts with the reason ("unknown
// network", "unknown protocol", "invalid length", "invalid payload", "invalid checksum",
// "invalid encoding").
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::chain {

enum class AddressProtocol : std::uint8_t {
  Id = 0,
  Secp256k1 = 1,
  Actor = 2,
  Bls = 3,
  Delegated = 4
};
enum class Network { Mainnet, Testnet };  // "f" / "t"

inline constexpr std::size_t kMaxAddressStringLength = 115;
inline constexpr std::size_t kMaxSubaddressLength = 54;

class Address {
 public:
  static Address from_id(std::uint64_t id);  // id <= 2^63 - 1
  static Address from_secp256k1_pubkey(std::span<const std::uint8_t> uncompressed65);
  static Address from_actor_data(std::span<const std::uint8_t> data);
  static Address from_bls_pubkey(std::span<const std::uint8_t> pubkey48);
  static Address from_delegated(std::uint64_t namespace_id, std::span<const std::uint8_t> sub);
  static Address from_bytes(std::span<const std::uint8_t> bytes);
  static Address parse(std::string_view text);

  AddressProtocol protocol() const { return protocol_; }
  const std::vector<std::uint8_t>& payload() const { return payload_; }
  // protocol byte || payload
  std::vector<std::uint8_t> bytes() const;
  std::string to_string(Network net = Network::Mainnet) const;
  // The actor id of an ID address; Error{BadInput} for other protocols.
  std::uint64_t id() const;
  // blake2b-32 over bytes(): the 4 bytes the text form carries (not for ID addresses).
  std::array<std::uint8_t, 4> checksum() const;

  friend bool operator==(const Address&, const Address&) = default;

 private:
  Address(AddressProtocol p, std::vector<std::uint8_t> payload);
  AddressProtocol protocol_;
  std::vector<std::uint8_t> payload_;
};

// Unsigned LEB128 as Filecoin (go-varint) writes it; decode requires the minimal encoding to
// fit in 64 bits and reports how many bytes it used.
std::vector<std::uint8_t> uvarint_encode(std::uint64_t v);
bool uvarint_decode(std::span<const std::uint8_t> in, std::uint64_t& value, std::size_t& used);

}  // namespace vseal::chain
