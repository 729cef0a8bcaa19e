#include "chainapi/lotus_json.hpp"

#include <openssl/evp.h>

#include "base/error.hpp"
#include "chain/commitment_cid.hpp"

namespace vseal::coord::lotus {

namespace {
[[noreturn]] void bad(std::string_view field, const std::string& why) {
  throw Error(ErrorCode::BadInput, std::string(field) + ": " + why);
}
}  // namespace

std::string base64_encode(const Bytes& b) {
  std::string out(4 * ((b.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), b.data(),
                                static_cast<int>(b.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Bytes base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) throw Error(ErrorCode::BadInput, "base64: length not a multiple of 4");
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/' || (c == '=' && i + 2 >= text.size());
    if (!ok) throw Error(ErrorCode::BadInput, "base64: invalid character");
  }
  Bytes out(3 * text.size() / 4);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) throw Error(ErrorCode::BadInput, "base64: malformed");
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

json cid_json(const Bytes& cid) {
  return {{"/", chain::cid_string(cid)}};
}

Bytes cid_from_json(const json& j, std::string_view field) {
  if (!j.is_object() || !j.contains("/") || !j["/"].is_string())
    bad(field, "expected a CID object {\"/\": \"b...\"}");
  try {
    return chain::parse_cid_string(j["/"].get<std::string>());
  } catch (const Error& e) {
    bad(field, e.what());
  }
}

json tipset_key_json(const std::vector<Bytes>& cids) {
  json a = json::array();
  for (const auto& c : cids) a.push_back(cid_json(c));
  return a;
}

std::vector<Bytes> tipset_key_from_json(const json& j, std::string_view field) {
  std::vector<Bytes> out;
  if (j.is_null()) return out;
  if (!j.is_array()) bad(field, "expected a tipset key (array of CIDs)");
  for (const auto& c : j) out.push_back(cid_from_json(c, field));
  return out;
}

json address_json(const chain::Address& a) {
  return a.to_string(chain::Network::Testnet);
}

chain::Address address_from_json(const json& j, std::string_view field) {
  if (!j.is_string()) bad(field, "expected an address string");
  try {
    return chain::Address::parse(j.get<std::string>());
  } catch (const Error& e) {
    bad(field, e.what());
  }
}

json bytes_json(const Bytes& b) {
  return base64_encode(b);
}

Bytes bytes_from_json(const json& j, std::string_view field) {
  if (j.is_null()) return {};
  if (!j.is_string()) bad(field, "expected base64 bytes");
  try {
    return base64_decode(j.get<std::string>());
  } catch (const Error& e) {
    bad(field, e.what());
  }
}

json amount_json(const chain::TokenAmount& a) {
  return a.to_string();
}

chain::TokenAmount amount_from_json(const json& j, std::string_view field) {
  if (!j.is_string()) bad(field, "expected a decimal string");
  try {
    return chain::TokenAmount::parse(j.get<std::string>());
  } catch (const Error& e) {
    bad(field, e.what());
  }
}

std::int64_t int_from_json(const json& j, std::string_view field) {
  if (!j.is_number_integer()) bad(field, "expected an integer");
  if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    bad(field, "above 2^63-1");
  return j.get<std::int64_t>();
}

std::uint64_t uint_from_json(const json& j, std::string_view field) {
  if (!j.is_number_integer() || (!j.is_number_unsigned() && j.get<std::int64_t>() < 0))
    bad(field, "expected an unsigned integer");
  return j.get<std::uint64_t>();
}

json message_json(const chain::Message& m) {
  return {{"Version", m.version},
          {"To", address_json(m.to)},
          {"From", address_json(m.from)},
          {"Nonce", m.nonce},
          {"Value", m.value},
          {"GasLimit", m.gas_limit},
          {"GasFeeCap", m.gas_fee_cap},
          {"GasPremium", m.gas_premium},
          {"Method", m.method},
          {"Params", m.params.empty() ? json(nullptr) : bytes_json(m.params)},
          {"CID", cid_json(chain::dag_cbor_cid_bytes(chain::message_cbor(m)))}};
}

chain::Message message_from_json(const json& j) {
  if (!j.is_object()) bad("Message", "expected an object");
  auto field = [&j](const char* name) -> const json& {
    if (!j.contains(name)) bad(std::string("Message.") + name, "missing");
    return j[name];
  };
  chain::Message m;
  m.version = uint_from_json(field("Version"), "Message.Version");
  m.to = address_from_json(field("To"), "Message.To");
  m.from = address_from_json(field("From"), "Message.From");
  m.nonce = uint_from_json(field("Nonce"), "Message.Nonce");
  m.value = amount_from_json(field("Value"), "Message.Value").to_string();
  m.gas_limit = int_from_json(field("GasLimit"), "Message.GasLimit");
  m.gas_fee_cap = amount_from_json(field("GasFeeCap"), "Message.GasFeeCap").to_string();
  m.gas_premium = amount_from_json(field("GasPremium"), "Message.GasPremium").to_string();
  m.method = uint_from_json(field("Method"), "Message.Method");
  m.params = j.contains("Params") ? bytes_from_json(j["Params"], "Message.Params") : Bytes{};
  return m;
}

Bytes SignedMessage::cid() const {
  if (signature_type == 2) return chain::dag_cbor_cid_bytes(chain::message_cbor(message));
  return chain::dag_cbor_cid_bytes(chain::signed_message_cbor(message, signature_type, signature));
}

json signed_message_json(const SignedMessage& m) {
  return {{"Message", message_json(m.message)},
          {"Signature", {{"Type", m.signature_type}, {"Data", bytes_json(m.signature)}}},
          {"CID", cid_json(m.cid())}};
}

SignedMessage signed_message_from_json(const json& j) {
  if (!j.is_object() || !j.contains("Message") || !j.contains("Signature"))
    bad("SignedMessage", "expected {Message, Signature}");
  SignedMessage s;
  s.message = message_from_json(j["Message"]);
  const auto& sig = j["Signature"];
  if (!sig.is_object() || !sig.contains("Type")) bad("Signature", "expected {Type, Data}");
  const auto type = uint_from_json(sig["Type"], "Signature.Type");
  if (type != 1 && type != 2) bad("Signature.Type", "must be 1 (secp256k1) or 2 (BLS)");
  s.signature_type = static_cast<std::uint8_t>(type);
  s.signature = bytes_from_json(sig.value("Data", json(nullptr)), "Signature.Data");
  return s;
}

}  // namespace vseal::coord::lotus
