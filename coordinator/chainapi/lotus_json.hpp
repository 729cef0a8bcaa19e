#pragma once
// The JSON forms of the lotus API (chain-api.json "conventions"): CIDs as {"/": text}, tipset
// keys as arrays of CIDs ([] or null = head), big integers as decimal strings, bytes as padded
// base64 (null = empty), addresses as strings ("t" prefix written, "f" and "t" read), bitfields
// as run lengths. Used on both sides of the wire — vcoord's lotus client and the dev chain's
// server — so the two cannot drift apart. Every reader names the field it rejects.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/address.hpp"
#include "chain/bitfield.hpp"
#include "chain/message.hpp"
#include "chain/token_amount.hpp"

namespace vseal::coord::lotus {

using nlohmann::json;
using Bytes = std::vector<std::uint8_t>;

std::string base64_encode(const Bytes& b);
Bytes base64_decode(std::string_view text);  // Error{BadInput} if malformed

json cid_json(const Bytes& cid);
Bytes cid_from_json(const json& j, std::string_view field);
json tipset_key_json(const std::vector<Bytes>& cids);
std::vector<Bytes> tipset_key_from_json(const json& j, std::string_view field);

json address_json(const chain::Address& a);
chain::Address address_from_json(const json& j, std::string_view field);
json bytes_json(const Bytes& b);                               // base64, "" never null
Bytes bytes_from_json(const json& j, std::string_view field);  // null / "" = empty
json amount_json(const chain::TokenAmount& a);
chain::TokenAmount amount_from_json(const json& j, std::string_view field);
std::int64_t int_from_json(const json& j, std::string_view field);
std::uint64_t uint_from_json(const json& j, std::string_view field);

// Message {Version, To, From, Nonce, Value, GasLimit, GasFeeCap, GasPremium, Method, Params,
// CID}; "CID" is written on output and ignored on input.
json message_json(const chain::Message& m);
chain::Message message_from_json(const json& j);
// SignedMessage {Message, Signature {Type, Data}, CID}.
struct SignedMessage {
  chain::Message message;
  std::uint8_t signature_type = 2;
  Bytes signature;
  Bytes cid() const;  // BLS-signed: the unsigned message's CID
};
json signed_message_json(const SignedMessage& m);
SignedMessage signed_message_from_json(const json& j);

}  // namespace vseal::coord::lotus
