// Shared serde_json shapes of proof parts (see proof_json.hpp).
#include "porep/proof_json.hpp"

#include <set>

#include "base/error.hpp"

namespace vseal::porep::proof_json {
namespace {

using merkle::Node;
using nlohmann::json;

json path(const std::vector<merkle::PathElement>& elements) {
  json out = json::array();
  for (const auto& e : elements) out.push_back({{"hashes", nodes(e.hashes)}, {"index", e.index}});
  return {{"path", out}};
}

std::vector<merkle::PathElement> read_path(const json& v, const std::string& where) {
  only_keys(v, where, {"path"});
  const json& elements = array_of(v.at("path"), where + ".path");
  std::vector<merkle::PathElement> out;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const std::string at = where + ".path[" + std::to_string(i) + "]";
    only_keys(elements[i], at, {"hashes", "index"});
    out.push_back({read_nodes(elements[i].at("hashes"), at + ".hashes"),
                   unsigned_of(elements[i].at("index"), at + ".index")});
  }
  return out;
}

const json& member(const json& obj, const std::string& where, const char* key) {
  if (!obj.is_object()) bad(where, "expected an object");
  const auto it = obj.find(key);
  if (it == obj.end()) bad(where, std::string("missing \"") + key + "\"");
  return *it;
}

}  // namespace

json node(const Node& n) {
  return json(std::vector<int>(n.begin(), n.end()));
}

json nodes(const std::vector<Node>& v) {
  json out = json::array();
  for (const auto& n : v) out.push_back(node(n));
  return out;
}

json merkle_proof(const merkle::InclusionProof& p) {
  switch (p.kind()) {
    case merkle::ProofKind::Single:
      return {
          {"data",
           {{"Single", {{"root", node(p.root)}, {"leaf", node(p.leaf)}, {"path", path(p.base)}}}}}};
    case merkle::ProofKind::Sub:
      return {{"data",
               {{"Sub",
                 {{"base_proof", path(p.base)},
                  {"sub_proof", path(p.sub)},
                  {"root", node(p.root)},
                  {"leaf", node(p.leaf)}}}}}};
    case merkle::ProofKind::Top:
      break;
  }
  return {{"data",
           {{"Top",
             {{"base_proof", path(p.base)},
              {"sub_proof", path(p.sub)},
              {"top_proof", path(p.top)},
              {"root", node(p.root)},
              {"leaf", node(p.leaf)}}}}}};
}

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw Error(ErrorCode::BadInput, where + ": " + what);
}

void only_keys(const json& obj, const std::string& where, std::initializer_list<const char*> keys) {
  if (!obj.is_object()) bad(where, "expected an object");
  const std::set<std::string> allowed(keys.begin(), keys.end());
  for (const auto& [k, v] : obj.items())
    if (!allowed.contains(k)) bad(where, "unknown member \"" + k + "\"");
  for (const char* k : keys) member(obj, where, k);
}

const json& array_of(const json& v, const std::string& where) {
  if (!v.is_array()) bad(where, "expected an array");
  return v;
}

std::uint64_t unsigned_of(const json& v, const std::string& where) {
  // A parsed document holds non-negative integers as unsigned; one built in memory may not.
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(v.get<std::int64_t>());
  bad(where, "expected an unsigned integer");
}

Node read_node(const json& v, const std::string& where) {
  array_of(v, where);
  if (v.size() != 32) bad(where, "expected 32 byte values, got " + std::to_string(v.size()));
  Node n{};
  for (std::size_t i = 0; i < 32; ++i) {
    const auto b = unsigned_of(v[i], where + "[" + std::to_string(i) + "]");
    if (b > 255) bad(where + "[" + std::to_string(i) + "]", "not a byte");
    n[i] = static_cast<std::uint8_t>(b);
  }
  return n;
}

std::vector<Node> read_nodes(const json& v, const std::string& where) {
  std::vector<Node> out;
  for (std::size_t i = 0; i < array_of(v, where).size(); ++i)
    out.push_back(read_node(v[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

merkle::InclusionProof read_merkle_proof(const json& v, const std::string& where) {
  only_keys(v, where, {"data"});
  const json& data = v.at("data");
  if (!data.is_object() || data.size() != 1) bad(where + ".data", "expected one of Single|Sub|Top");
  const std::string kind = data.begin().key();
  const json& body = data.begin().value();
  const std::string at = where + ".data." + kind;
  merkle::InclusionProof p;
  if (kind == "Single") {
    only_keys(body, at, {"root", "leaf", "path"});
    p.base = read_path(body.at("path"), at + ".path");
  } else if (kind == "Sub" || kind == "Top") {
    if (kind == "Sub")
      only_keys(body, at, {"base_proof", "sub_proof", "root", "leaf"});
    else
      only_keys(body, at, {"base_proof", "sub_proof", "top_proof", "root", "leaf"});
    p.base = read_path(body.at("base_proof"), at + ".base_proof");
    p.sub = read_path(body.at("sub_proof"), at + ".sub_proof");
    if (p.sub.size() != 1) bad(at + ".sub_proof", "expected one path element");
    if (kind == "Top") {
      p.top = read_path(body.at("top_proof"), at + ".top_proof");
      if (p.top.size() != 1) bad(at + ".top_proof", "expected one path element");
    }
  } else {
    bad(where + ".data", "unknown proof kind \"" + kind + "\"");
  }
  p.root = read_node(body.at("root"), at + ".root");
  p.leaf = read_node(body.at("leaf"), at + ".leaf");
  return p;
}

}  // namespace vseal::porep::proof_json
