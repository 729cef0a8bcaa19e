#pragma once
// Filecoin messages (lotus chain/types): the unsigned message's DAG-CBOR tuple, the signed
// message [message, signature], and their CIDs (v1, dag-cbor, blake2b-256 multihash; text form
// multibase base32 'b'). The CID is what a message service deduplicates on and what vcoord
// records before pushing, so a restart never pushes a message twice.
#include <cstdint>
#include <string>
#include <vector>

#include "chain/address.hpp"

namespace vseal::chain {

struct Message {
  std::uint64_t version = 0;
  Address to = Address::from_id(0);
  Address from = Address::from_id(0);
  std::uint64_t nonce = 0;
  std::string value = "0";  // attoFIL, decimal
  std::int64_t gas_limit = 0;
  std::string gas_fee_cap = "0";
  std::string gas_premium = "0";
  std::uint64_t method = 0;
  std::vector<std::uint8_t> params;
};

enum class SignatureType : std::uint8_t { Secp256k1 = 1, Bls = 2 };

std::vector<std::uint8_t> message_cbor(const Message& m);
// [message, signature bytes]; signature bytes = type byte || data (type 0 with no data when
// the message is unsigned but wrapped, as lotus' tests do).
std::vector<std::uint8_t> signed_message_cbor(const Message& m, std::uint8_t signature_type,
                                              std::span<const std::uint8_t> signature);

// CIDv1 dag-cbor blake2b-256 of a DAG-CBOR block, as bytes and as text.
std::vector<std::uint8_t> dag_cbor_cid_bytes(std::span<const std::uint8_t> block);
std::string cid_string(std::span<const std::uint8_t> cid_bytes);

}  // namespace vseal::chain
