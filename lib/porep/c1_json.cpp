// SealCommitPhase1Output JSON (see c1_json.hpp).
#include "porep/c1_json.hpp"

#include <set>
#include <string>

#include "base/error.hpp"

namespace vseal::porep {
namespace {

using nlohmann::json;

std::string size_name(std::uint64_t sector_size) {
  for (const auto& p : registered_seal_proofs())
    if (p.sector_size == sector_size) {
      const std::string_view n = p.name;  // "StackedDrg<size>V1"
      return std::string(n.substr(10, n.size() - 12));
    }
  throw Error(ErrorCode::Unsupported, "sector size without a registered proof");
}

// ---- writing ----

json node(const Node& n) {
  return json(std::vector<int>(n.begin(), n.end()));
}

json nodes(const std::vector<Node>& v) {
  json out = json::array();
  for (const auto& n : v) out.push_back(node(n));
  return out;
}

json path(const std::vector<merkle::PathElement>& elements) {
  json out = json::array();
  for (const auto& e : elements) out.push_back({{"hashes", nodes(e.hashes)}, {"index", e.index}});
  return {{"path", out}};
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

json column_proof(const ColumnProof& c) {
  return {{"column", {{"index", c.index}, {"rows", nodes(c.rows)}, {"_h", nullptr}}},
          {"inclusion_proof", merkle_proof(c.inclusion)}};
}

json labeling(const LabelingProof& l) {
  return {{"parents", nodes(l.parents)}, {"layer_index", l.layer_index}, {"node", l.node}};
}

json challenge_proof(const ChallengeProof& p) {
  json drg = json::array(), exp = json::array(), labels = json::array();
  for (const auto& c : p.drg_parents) drg.push_back(column_proof(c));
  for (const auto& c : p.exp_parents) exp.push_back(column_proof(c));
  for (const auto& l : p.labeling) labels.push_back(labeling(l));
  return {{"comm_d_proofs", merkle_proof(p.comm_d_proof)},
          {"comm_r_last_proof", merkle_proof(p.comm_r_last_proof)},
          {"replica_column_proofs",
           {{"c_x", column_proof(p.c_x)}, {"drg_parents", drg}, {"exp_parents", exp}}},
          {"labeling_proofs", labels},
          {"encoding_proof", labeling(p.encoding)}};
}

// ---- reading ----

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw Error(ErrorCode::BadInput, "C1 output " + where + ": " + what);
}

const json& member(const json& obj, const std::string& where, const char* key) {
  if (!obj.is_object()) bad(where, "expected an object");
  const auto it = obj.find(key);
  if (it == obj.end()) bad(where, std::string("missing \"") + key + "\"");
  return *it;
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

ColumnProof read_column_proof(const json& v, const std::string& where) {
  only_keys(v, where, {"column", "inclusion_proof"});
  const json& col = v.at("column");
  only_keys(col, where + ".column", {"index", "rows", "_h"});
  if (!col.at("_h").is_null()) bad(where + ".column._h", "expected null");
  ColumnProof c;
  const auto index = unsigned_of(col.at("index"), where + ".column.index");
  if (index > 0xffffffffu) bad(where + ".column.index", "does not fit 32 bits");
  c.index = static_cast<std::uint32_t>(index);
  c.rows = read_nodes(col.at("rows"), where + ".column.rows");
  c.inclusion = read_merkle_proof(v.at("inclusion_proof"), where + ".inclusion_proof");
  return c;
}

LabelingProof read_labeling(const json& v, const std::string& where) {
  only_keys(v, where, {"parents", "layer_index", "node"});
  LabelingProof l;
  l.parents = read_nodes(v.at("parents"), where + ".parents");
  const auto layer = unsigned_of(v.at("layer_index"), where + ".layer_index");
  if (layer > 0xffffffffu) bad(where + ".layer_index", "does not fit 32 bits");
  l.layer_index = static_cast<std::uint32_t>(layer);
  l.node = unsigned_of(v.at("node"), where + ".node");
  return l;
}

std::vector<ColumnProof> read_columns(const json& v, const std::string& where) {
  std::vector<ColumnProof> out;
  for (std::size_t i = 0; i < array_of(v, where).size(); ++i)
    out.push_back(read_column_proof(v[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

ChallengeProof read_challenge(const json& v, const std::string& where) {
  only_keys(v, where,
            {"comm_d_proofs", "comm_r_last_proof", "replica_column_proofs", "labeling_proofs",
             "encoding_proof"});
  ChallengeProof p;
  p.comm_d_proof = read_merkle_proof(v.at("comm_d_proofs"), where + ".comm_d_proofs");
  p.comm_r_last_proof = read_merkle_proof(v.at("comm_r_last_proof"), where + ".comm_r_last_proof");
  const json& cols = v.at("replica_column_proofs");
  const std::string at = where + ".replica_column_proofs";
  only_keys(cols, at, {"c_x", "drg_parents", "exp_parents"});
  p.c_x = read_column_proof(cols.at("c_x"), at + ".c_x");
  p.drg_parents = read_columns(cols.at("drg_parents"), at + ".drg_parents");
  p.exp_parents = read_columns(cols.at("exp_parents"), at + ".exp_parents");
  const json& labels = array_of(v.at("labeling_proofs"), where + ".labeling_proofs");
  for (std::size_t i = 0; i < labels.size(); ++i)
    p.labeling.push_back(
        read_labeling(labels[i], where + ".labeling_proofs[" + std::to_string(i) + "]"));
  p.encoding = read_labeling(v.at("encoding_proof"), where + ".encoding_proof");
  return p;
}

}  // namespace

json c1_output_to_json(const C1Output& c1) {
  if (c1.proof.name.empty())
    throw Error(ErrorCode::Unsupported,
                "the C1 JSON form names a registered proof; test sector sizes have none");
  json partitions = json::array();
  for (const auto& part : c1.partitions) {
    json proofs = json::array();
    for (const auto& p : part) proofs.push_back(challenge_proof(p));
    partitions.push_back(std::move(proofs));
  }
  return {{"registered_proof", c1.proof.name},
          {"vanilla_proofs", {{"StackedDrg" + size_name(c1.proof.sector_size) + "V1", partitions}}},
          {"comm_r", node(c1.comm_r)},
          {"comm_d", node(c1.comm_d)},
          {"replica_id", node(c1.replica_id)},
          {"seed", node(c1.seed)},
          {"ticket", node(c1.ticket)}};
}

C1Output c1_output_from_json(const json& doc) {
  only_keys(
      doc, "",
      {"registered_proof", "vanilla_proofs", "comm_r", "comm_d", "replica_id", "seed", "ticket"});
  if (!doc.at("registered_proof").is_string()) bad(".registered_proof", "expected a string");
  C1Output c1;
  c1.proof = seal_proof_type(registered_seal_proof(doc.at("registered_proof").get<std::string>()));
  const std::string key = "StackedDrg" + size_name(c1.proof.sector_size) + "V1";
  only_keys(doc.at("vanilla_proofs"), ".vanilla_proofs", {key.c_str()});
  const std::string at = ".vanilla_proofs." + key;
  const json& partitions = array_of(doc.at("vanilla_proofs").at(key), at);
  for (std::size_t k = 0; k < partitions.size(); ++k) {
    const std::string pk = at + "[" + std::to_string(k) + "]";
    std::vector<ChallengeProof> proofs;
    for (std::size_t i = 0; i < array_of(partitions[k], pk).size(); ++i)
      proofs.push_back(read_challenge(partitions[k][i], pk + "[" + std::to_string(i) + "]"));
    c1.partitions.push_back(std::move(proofs));
  }
  c1.comm_r = read_node(doc.at("comm_r"), ".comm_r");
  c1.comm_d = read_node(doc.at("comm_d"), ".comm_d");
  c1.replica_id = read_node(doc.at("replica_id"), ".replica_id");
  c1.seed = read_node(doc.at("seed"), ".seed");
  c1.ticket = read_node(doc.at("ticket"), ".ticket");
  return c1;
}

}  // namespace vseal::porep
