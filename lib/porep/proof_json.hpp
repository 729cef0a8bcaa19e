#pragma once
// The serde_json shapes rust-fil-proofs gives its proof parts, shared by the C1 and PoSt vanilla
// proof files: a 32-byte value is an array of 32 numbers, a Merkle proof is
// {"data": {"Single"|"Sub"|"Top": {...}}} with paths {"path": [{"hashes", "index"}]}. Readers are
// strict and name the JSON path of what they reject (Error{BadInput}).
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "merkle/inclusion_proof.hpp"

namespace vseal::porep::proof_json {

nlohmann::json node(const merkle::Node& n);
nlohmann::json nodes(const std::vector<merkle::Node>& v);
nlohmann::json merkle_proof(const merkle::InclusionProof& p);

[[noreturn]] void bad(const std::string& where, const std::string& what);
// Requires an object with exactly these members.
void only_keys(const nlohmann::json& obj, const std::string& where,
               std::initializer_list<const char*> keys);
const nlohmann::json& array_of(const nlohmann::json& v, const std::string& where);
std::uint64_t unsigned_of(const nlohmann::json& v, const std::string& where);
merkle::Node read_node(const nlohmann::json& v, const std::string& where);
std::vector<merkle::Node> read_nodes(const nlohmann::json& v, const std::string& where);
merkle::InclusionProof read_merkle_proof(const nlohmann::json& v, const std::string& where);

}  // namespace vseal::porep::proof_json
