// SealCommitPhase1Output JSON (see c1_json.hpp).
#include "porep/c1_json.hpp"

#include <string>

#include "base/error.hpp"
#include "porep/proof_json.hpp"

namespace vseal::porep {
namespace {

using nlohmann::json;
using namespace proof_json;

std::string size_name(std::uint64_t sector_size) {
  for (const auto& p : registered_seal_proofs())
    if (p.sector_size == sector_size) {
      const std::string_view n = p.name;  // "StackedDrg<size>V1"
      return std::string(n.substr(10, n.size() - 12));
    }
  throw Error(ErrorCode::Unsupported, "sector size without a registered proof");
}

// ---- writing ----

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
      doc, "C1 output",
      {"registered_proof", "vanilla_proofs", "comm_r", "comm_d", "replica_id", "seed", "ticket"});
  if (!doc.at("registered_proof").is_string())
    bad("C1 output.registered_proof", "expected a string");
  C1Output c1;
  c1.proof = seal_proof_type(registered_seal_proof(doc.at("registered_proof").get<std::string>()));
  const std::string key = "StackedDrg" + size_name(c1.proof.sector_size) + "V1";
  only_keys(doc.at("vanilla_proofs"), "C1 output.vanilla_proofs", {key.c_str()});
  const std::string at = "C1 output.vanilla_proofs." + key;
  const json& partitions = array_of(doc.at("vanilla_proofs").at(key), at);
  for (std::size_t k = 0; k < partitions.size(); ++k) {
    const std::string pk = at + "[" + std::to_string(k) + "]";
    std::vector<ChallengeProof> proofs;
    for (std::size_t i = 0; i < array_of(partitions[k], pk).size(); ++i)
      proofs.push_back(read_challenge(partitions[k][i], pk + "[" + std::to_string(i) + "]"));
    c1.partitions.push_back(std::move(proofs));
  }
  c1.comm_r = read_node(doc.at("comm_r"), "C1 output.comm_r");
  c1.comm_d = read_node(doc.at("comm_d"), "C1 output.comm_d");
  c1.replica_id = read_node(doc.at("replica_id"), "C1 output.replica_id");
  c1.seed = read_node(doc.at("seed"), "C1 output.seed");
  c1.ticket = read_node(doc.at("ticket"), "C1 output.ticket");
  return c1;
}

}  // namespace vseal::porep
