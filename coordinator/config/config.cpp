// vcoord.toml reader (see config.hpp). Unknown keys are errors because a misspelt key in a
// peer's file silently keeps the default, which operators report as "my setting is ignored".
#include "config/config.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "base/error.hpp"

namespace vseal::coord {
namespace {

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& msg) const {
    std::string text = source_;
    text += ':';
    text += std::to_string(where.begin.line);
    text += ": ";
    text += msg;
    throw Error(ErrorCode::BadInput, text);
  }

  // Rejects keys of `t` outside `allowed`; `section` names the table in the message.
  void only(const toml::table& t, const std::vector<std::string_view>& allowed,
            const std::string& section) const {
    for (auto&& [key, node] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        std::string msg = "unknown key '";
        msg += key.str();
        msg += "' in [";
        msg += section;
        msg += "] (known: ";
        bool first = true;
        for (auto a : allowed) {
          if (!first) msg += ", ";
          msg += a;
          first = false;
        }
        msg += ")";
        fail(key.source(), msg);
      }
    }
  }

  const toml::table* table(const toml::table& t, std::string_view key,
                           const std::string& section) const {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table())
      fail(n->source(), "[" + section + "] " + std::string(key) + " must be a table");
    return n->as_table();
  }

  void boolean(const toml::table& t, std::string_view key, bool& out) const {
    if (const toml::node* n = t.get(key)) {
      if (!n->is_boolean()) fail(n->source(), std::string(key) + " must be true or false");
      out = n->as_boolean()->get();
    }
  }

  void u64(const toml::table& t, std::string_view key, std::uint64_t& out,
           std::uint64_t min = 0) const {
    if (const toml::node* n = t.get(key)) {
      if (!n->is_integer() || n->as_integer()->get() < 0)
        fail(n->source(), std::string(key) + " must be a non-negative integer");
      const auto v = static_cast<std::uint64_t>(n->as_integer()->get());
      if (v < min) fail(n->source(), std::string(key) + " must be at least " + std::to_string(min));
      out = v;
    }
  }

  void unsigned_int(const toml::table& t, std::string_view key, unsigned& out, unsigned min,
                    unsigned max) const {
    std::uint64_t v = out;
    u64(t, key, v, min);
    if (v > max)
      fail(t.get(key)->source(), std::string(key) + " must be at most " + std::to_string(max));
    out = static_cast<unsigned>(v);
  }

  void real(const toml::table& t, std::string_view key, double& out, double min, double max) const {
    if (const toml::node* n = t.get(key)) {
      double v = 0;
      if (n->is_floating_point())
        v = n->as_floating_point()->get();
      else if (n->is_integer())
        v = static_cast<double>(n->as_integer()->get());
      else
        fail(n->source(), std::string(key) + " must be a number");
      if (!(v >= min && v <= max))
        fail(n->source(), std::string(key) + " must be between " + std::to_string(min) + " and " +
                              std::to_string(max));
      out = v;
    }
  }

  void string(const toml::table& t, std::string_view key, std::string& out) const {
    if (const toml::node* n = t.get(key)) {
      if (!n->is_string()) fail(n->source(), std::string(key) + " must be a string");
      out = n->as_string()->get();
    }
  }

  void duration(const toml::table& t, std::string_view key, Duration& out) const {
    if (const toml::node* n = t.get(key)) {
      const auto v = n->is_string() ? parse_duration(n->as_string()->get()) : std::nullopt;
      if (!v || v->count() <= 0)
        fail(n->source(),
             std::string(key) + " must be a positive duration such as \"1h\", \"10m\" or \"30s\"");
      out = *v;
    }
  }

  void fil(const toml::table& t, std::string_view key, FilAmount& out) const {
    if (const toml::node* n = t.get(key)) {
      const auto v = n->is_string() ? parse_fil(n->as_string()->get()) : std::nullopt;
      if (!v)
        fail(n->source(),
             std::string(key) + " must be an amount such as \"5 nanoFIL\" or \"0.1 FIL\"");
      out = *v;
    }
  }

  std::vector<std::string> strings(const toml::table& t, std::string_view key) const {
    std::vector<std::string> out;
    if (const toml::node* n = t.get(key)) {
      if (!n->is_array()) fail(n->source(), std::string(key) + " must be an array of strings");
      for (const auto& e : *n->as_array()) {
        if (!e.is_string()) fail(e.source(), std::string(key) + " must hold strings only");
        out.push_back(e.as_string()->get());
      }
    }
    return out;
  }

  // An array of miner ids, each written as actor_id accepts it (or as a bare integer).
  std::vector<std::uint64_t> miner_ids(const toml::table& t, std::string_view key) const {
    std::vector<std::uint64_t> out;
    if (const toml::node* n = t.get(key)) {
      if (!n->is_array()) fail(n->source(), std::string(key) + " must be an array of miner ids");
      for (const auto& e : *n->as_array()) {
        if (e.is_integer() && e.as_integer()->get() > 0)
          out.push_back(static_cast<std::uint64_t>(e.as_integer()->get()));
        else if (e.is_string())
          out.push_back(actor_id(e.as_string()->get(), e.source()));
        else
          fail(e.source(), std::string(key) + " holds miner ids (1000, \"f01000\", \"t01000\")");
      }
    }
    return out;
  }

  // "1000", "f01000" or "t01000".
  std::uint64_t actor_id(std::string_view text, const toml::source_region& where) const {
    const auto id = parse_actor_id(text);
    if (!id)
      fail(where, "'" + std::string(text) + "' is not a miner actor id (1000, f01000 or t01000)");
    return *id;
  }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

constexpr std::string_view kPolicyKeys[] = {"EnableBatchPreCommit",
                                            "PreCommitBatchThreshold",
                                            "PreCommitBatchMaxWait",
                                            "PreCommitCheckInterval",
                                            "EnableBatchProCommit",
                                            "CommitBatchThreshold",
                                            "CommitBatchMaxWait",
                                            "CommitCheckInterval",
                                            "PreCommitGasOverEstimation",
                                            "ProCommitGasOverEstimation",
                                            "BatchPreCommitGasOverEstimation",
                                            "BatchProCommitGasOverEstimation",
                                            "MaxPreCommitFeeCap",
                                            "MaxProCommitFeeCap",
                                            "MaxBatchPreCommitFeeCap",
                                            "MaxBatchProCommitFeeCap",
                                            "MsgConfidence"};

void read_policy(const Reader& r, const toml::table& t, const std::string& section,
                 CommitmentPolicy& p, bool per_miner) {
  std::vector<std::string_view> keys(std::begin(kPolicyKeys), std::end(kPolicyKeys));
  if (per_miner) keys.push_back("Controls");  // sender addresses are per miner only
  r.only(t, keys, section);
  r.boolean(t, "EnableBatchPreCommit", p.enable_batch_pre_commit);
  r.u64(t, "PreCommitBatchThreshold", p.pre_commit_batch_threshold, 1);
  r.duration(t, "PreCommitBatchMaxWait", p.pre_commit_batch_max_wait);
  r.duration(t, "PreCommitCheckInterval", p.pre_commit_check_interval);
  r.boolean(t, "EnableBatchProCommit", p.enable_batch_pro_commit);
  r.u64(t, "CommitBatchThreshold", p.commit_batch_threshold, 1);
  r.duration(t, "CommitBatchMaxWait", p.commit_batch_max_wait);
  r.duration(t, "CommitCheckInterval", p.commit_check_interval);
  r.real(t, "PreCommitGasOverEstimation", p.pre_commit_gas_over_estimation, 1.0, 10.0);
  r.real(t, "ProCommitGasOverEstimation", p.pro_commit_gas_over_estimation, 1.0, 10.0);
  r.real(t, "BatchPreCommitGasOverEstimation", p.batch_pre_commit_gas_over_estimation, 1.0, 10.0);
  r.real(t, "BatchProCommitGasOverEstimation", p.batch_pro_commit_gas_over_estimation, 1.0, 10.0);
  r.fil(t, "MaxPreCommitFeeCap", p.max_pre_commit_fee_cap);
  r.fil(t, "MaxProCommitFeeCap", p.max_pro_commit_fee_cap);
  r.fil(t, "MaxBatchPreCommitFeeCap", p.max_batch_pre_commit_fee_cap);
  r.fil(t, "MaxBatchProCommitFeeCap", p.max_batch_pro_commit_fee_cap);
  r.u64(t, "MsgConfidence", p.msg_confidence, 1);
  if (const toml::table* c = r.table(t, "Controls", section)) {
    r.only(*c, {"PreCommit", "ProveCommit"}, section + ".Controls");
    r.string(*c, "PreCommit", p.pre_commit_control);
    r.string(*c, "ProveCommit", p.prove_commit_control);
  }
}

void read_post(const Reader& r, const toml::table& t, const std::string& section, PostPolicy& p) {
  r.only(
      t,
      {"Sender", "StrictCheck", "GasOverEstimation", "MaxFeeCap", "MsgCheckInteval",
       "MsgCheckInterval", "MsgConfidence", "ChallengeConfidence", "SubmitConfidence",
       "MaxPartitionsPerPoStMessage", "MaxPartitionsPerRecoveryMessage", "MaxRecoverSectorLimit"},
      section);
  r.string(t, "Sender", p.sender);
  r.boolean(t, "StrictCheck", p.strict_check);
  r.real(t, "GasOverEstimation", p.gas_over_estimation, 1.0, 10.0);
  r.fil(t, "MaxFeeCap", p.max_fee_cap);
  r.duration(t, "MsgCheckInteval", p.msg_check_interval);  // venus' spelling
  r.duration(t, "MsgCheckInterval", p.msg_check_interval);
  r.u64(t, "MsgConfidence", p.msg_confidence, 1);
  r.u64(t, "ChallengeConfidence", p.challenge_confidence);
  r.u64(t, "SubmitConfidence", p.submit_confidence);
  r.u64(t, "MaxPartitionsPerPoStMessage", p.max_partitions_per_post_message);
  r.u64(t, "MaxPartitionsPerRecoveryMessage", p.max_partitions_per_recovery_message);
  r.u64(t, "MaxRecoverSectorLimit", p.max_recover_sector_limit);
}

StageResources stage_defaults(std::string_view stage) {
  StageResources s;
  s.memory_mib = stage == "c2" ? 8192 : 4096;
  if (stage != "pc1") s.cpus = 2;
  if (stage == "wdpost") s.time_limit = std::chrono::minutes(30);
  return s;
}

std::string stage_table_name(std::string_view stage) {
  if (stage == "pc1") return "PC1";
  if (stage == "pc2") return "PC2";
  if (stage == "c2") return "C2";
  return "WindowPoSt";
}

void read_jobs(const Reader& r, const toml::table& t, JobsConfig& jobs) {
  r.only(t,
         {"Executor", "Scratch", "SlurmScripts", "ArrayJobs", "ChainPC2", "PC1", "PC2", "C2",
          "WindowPoSt"},
         "Jobs");
  r.string(t, "Executor", jobs.executor);
  if (jobs.executor != "local" && jobs.executor != "slurm")
    r.fail(t.get("Executor")->source(),
           "[Jobs] Executor must be \"local\" or \"slurm\", not \"" + jobs.executor + "\"");
  r.string(t, "Scratch", jobs.scratch);
  r.string(t, "SlurmScripts", jobs.slurm_scripts);
  r.boolean(t, "ArrayJobs", jobs.array_jobs);
  r.boolean(t, "ChainPC2", jobs.chain_pc2);
  for (const auto stage : kStages) {
    const std::string name = stage_table_name(stage);
    const toml::table* s = r.table(t, name, "Jobs");
    if (!s) continue;
    const std::string section = "Jobs." + name;
    r.only(*s,
           {"Cpus", "MemoryMiB", "Gpus", "Ranks", "Concurrency", "Partition", "QOS", "Account",
            "TimeLimit"},
           section);
    StageResources& res = jobs.stages[std::string(stage)];
    r.unsigned_int(*s, "Cpus", res.cpus, 1, 4096);
    r.u64(*s, "MemoryMiB", res.memory_mib, 64);
    r.unsigned_int(*s, "Gpus", res.gpus, 0, 64);
    r.unsigned_int(*s, "Ranks", res.ranks, 1, 4096);
    r.unsigned_int(*s, "Concurrency", res.concurrency, 1, 4096);
    r.string(*s, "Partition", res.partition);
    r.string(*s, "QOS", res.qos);
    r.string(*s, "Account", res.account);
    r.duration(*s, "TimeLimit", res.time_limit);
  }
}

}  // namespace

const CommitmentPolicy& Config::commitment(std::uint64_t id) const {
  const auto it = miner_policies.find(id);
  return it == miner_policies.end() ? default_policy : it->second;
}

const PostPolicy& Config::post(std::uint64_t id) const {
  const auto it = post_actors.find(id);
  return it == post_actors.end() ? default_post : it->second;
}

std::optional<std::string> Config::pledge_refusal(std::uint64_t id) const {
  const MinerEntry* m = miner(id);
  if (!m || !m->disabled) return std::nullopt;
  return "miner " + std::to_string(id) +
         " is Disabled in [SectorManager] Miners: it gets no new sectors (set Disabled = false "
         "to pledge; sectors already sealing go on)";
}

const MinerEntry* Config::miner(std::uint64_t id) const {
  for (const auto& m : miners)
    if (m.id == id) return &m;
  return nullptr;
}

namespace {

// A HOST:PORT listen address (port 0 = any free port); `may_be_empty`: "" turns the server off.
void read_listen(const Reader& r, const toml::table& t, const std::string& section,
                 bool may_be_empty, std::string& listen) {
  r.string(t, "Listen", listen);
  if (may_be_empty && listen.empty()) return;
  const auto colon = listen.rfind(':');
  const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
  if (colon == 0 || colon == std::string::npos || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535)
    r.fail(t.get("Listen")->source(),
           "[" + section + "] Listen must be HOST:PORT (port 0..65535, 0 = any free port)" +
               (may_be_empty ? ", or \"\" for none" : ""));
}

}  // namespace

Config parse_config(std::string_view text, const std::string& source) {
  const Reader r(source);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    r.fail(e.source(), std::string("TOML syntax: ") + std::string(e.description()));
  }
  r.only(root,
         {"SectorManager", "Commitment", "Chain", "Messager", "PersistedStore", "PoSt",
          "RegisterProof", "Jobs", "DevChain", "API"},
         "top level");
  Config cfg;
  for (const auto stage : kStages) cfg.jobs.stages[std::string(stage)] = stage_defaults(stage);

  if (const toml::table* sm = r.table(root, "SectorManager", "top level")) {
    r.only(*sm, {"Miners", "PreFetch"}, "SectorManager");
    r.boolean(*sm, "PreFetch", cfg.prefetch);
    if (const toml::node* miners = sm->get("Miners")) {
      if (!miners->is_array())
        r.fail(miners->source(), "[SectorManager] Miners must be an array of tables");
      std::set<std::uint64_t> seen;
      for (const auto& m : *miners->as_array()) {
        if (!m.is_table())
          r.fail(m.source(), "[SectorManager] Miners entries must be tables {ID = ...}");
        const toml::table& t = *m.as_table();
        r.only(t, {"ID", "InitNumber", "MaxNumber", "Disabled"}, "SectorManager.Miners");
        MinerEntry e;
        if (!t.get("ID")) r.fail(m.source(), "a [SectorManager] Miners entry has no ID");
        r.u64(t, "ID", e.id, 1);
        r.u64(t, "InitNumber", e.init_number);
        r.u64(t, "MaxNumber", e.max_number);
        r.boolean(t, "Disabled", e.disabled);
        if (e.max_number <= e.init_number)
          r.fail(m.source(),
                 "miner " + std::to_string(e.id) + ": MaxNumber " + std::to_string(e.max_number) +
                     " leaves no sector number after InitNumber " + std::to_string(e.init_number));
        if (!seen.insert(e.id).second)
          r.fail(m.source(), "miner " + std::to_string(e.id) + " is listed twice");
        cfg.miners.push_back(e);
      }
    }
  }

  if (const toml::table* c = r.table(root, "Commitment", "top level")) {
    r.only(*c, {"DefaultPolicy", "Miners"}, "Commitment");
    if (const toml::table* d = r.table(*c, "DefaultPolicy", "Commitment"))
      read_policy(r, *d, "Commitment.DefaultPolicy", cfg.default_policy, false);
    if (const toml::table* ms = r.table(*c, "Miners", "Commitment")) {
      for (auto&& [key, node] : *ms) {
        const std::uint64_t id = r.actor_id(key.str(), key.source());
        const std::string section = "Commitment.Miners." + std::string(key.str());
        if (!node.is_table()) r.fail(node.source(), "[" + section + "] must be a table");
        if (!cfg.miner(id))
          r.fail(key.source(), "[" + section + "]: miner " + std::to_string(id) +
                                   " is not listed in [SectorManager] Miners");
        CommitmentPolicy p = cfg.default_policy;
        read_policy(r, *node.as_table(), section, p, true);
        cfg.miner_policies[id] = p;
      }
    }
  }

  for (const auto& [name, endpoint] :
       {std::pair<const char*, Endpoint*>{"Chain", &cfg.chain},
        std::pair<const char*, Endpoint*>{"Messager", &cfg.messager}}) {
    if (const toml::table* t = r.table(root, name, "top level")) {
      r.only(*t, {"Api", "Token"}, name);
      r.string(*t, "Api", endpoint->api);
      r.string(*t, "Token", endpoint->token);
    }
  }

  if (const toml::table* ps = r.table(root, "PersistedStore", "top level")) {
    r.only(*ps, {"Includes", "Stores"}, "PersistedStore");
    cfg.store_includes = r.strings(*ps, "Includes");
    if (const toml::node* stores = ps->get("Stores")) {
      if (!stores->is_array())
        r.fail(stores->source(), "[PersistedStore] Stores must be an array of tables");
      std::set<std::string> names;
      for (const auto& s : *stores->as_array()) {
        if (!s.is_table()) r.fail(s.source(), "[PersistedStore] Stores entries must be tables");
        const toml::table& t = *s.as_table();
        r.only(t, {"Name", "Path", "Strict", "ReadOnly", "Weight", "AllowMiners", "DenyMiners"},
               "PersistedStore.Stores");
        PersistStore store;
        r.string(t, "Name", store.name);
        r.string(t, "Path", store.path);
        r.boolean(t, "Strict", store.strict);
        r.boolean(t, "ReadOnly", store.read_only);
        r.u64(t, "Weight", store.weight, 0);
        store.allow_miners = r.miner_ids(t, "AllowMiners");
        store.deny_miners = r.miner_ids(t, "DenyMiners");
        if (store.path.empty() || store.path[0] != '/')
          r.fail(s.source(), "a persisted store needs an absolute Path");
        if (store.name.empty()) store.name = store.path;
        if (!names.insert(store.name).second)
          r.fail(s.source(), "persisted store name '" + store.name + "' is used twice");
        cfg.stores.push_back(store);
      }
    }
  }

  if (const toml::table* post = r.table(root, "PoSt", "top level")) {
    r.only(*post, {"Default", "Actors"}, "PoSt");
    if (const toml::table* d = r.table(*post, "Default", "PoSt"))
      read_post(r, *d, "PoSt.Default", cfg.default_post);
    if (const toml::table* actors = r.table(*post, "Actors", "PoSt")) {
      for (auto&& [key, node] : *actors) {
        const std::uint64_t id = r.actor_id(key.str(), key.source());
        const std::string section = "PoSt.Actors." + std::string(key.str());
        if (!node.is_table()) r.fail(node.source(), "[" + section + "] must be a table");
        PostPolicy p = cfg.default_post;
        read_post(r, *node.as_table(), section, p);
        cfg.post_actors[id] = p;
      }
    }
  }

  if (const toml::table* rp = r.table(root, "RegisterProof", "top level")) {
    r.only(*rp, {"Actors"}, "RegisterProof");
    if (const toml::table* actors = r.table(*rp, "Actors", "RegisterProof")) {
      for (auto&& [key, node] : *actors) {
        const std::uint64_t id = r.actor_id(key.str(), key.source());
        const std::string section = "RegisterProof.Actors." + std::string(key.str());
        if (!node.is_table()) r.fail(node.source(), "[" + section + "] must be a table");
        r.only(*node.as_table(), {"Apis", "Token"}, section);
        std::string token;
        r.string(*node.as_table(), "Token", token);
        for (const auto& api : r.strings(*node.as_table(), "Apis"))
          cfg.register_proof[id].push_back({api, token});
      }
    }
  }

  if (const toml::table* jobs = r.table(root, "Jobs", "top level")) read_jobs(r, *jobs, cfg.jobs);
  if (const toml::table* dc = r.table(root, "DevChain", "top level")) {
    r.only(*dc, {"Profile", "ProofMode", "BlockTime", "Accounts", "Listen"}, "DevChain");
    auto& d = cfg.devchain;
    r.string(*dc, "Profile", d.profile);
    if (d.profile != "2k" && d.profile != "fast")
      r.fail(dc->get("Profile")->source(), "[DevChain] Profile must be \"2k\" or \"fast\"");
    r.string(*dc, "ProofMode", d.proof_mode);
    if (d.proof_mode != "real" && d.proof_mode != "fake-proofs")
      r.fail(dc->get("ProofMode")->source(),
             "[DevChain] ProofMode must be \"real\" or \"fake-proofs\"");
    r.duration(*dc, "BlockTime", d.block_time);
    if (d.block_time.count() < 10)
      r.fail(dc->get("BlockTime")->source(), "[DevChain] BlockTime must be at least 10ms");
    r.u64(*dc, "Accounts", d.accounts, 1);
    read_listen(r, *dc, "DevChain", false, d.listen);
  }
  if (const toml::table* api = r.table(root, "API", "top level")) {
    r.only(*api, {"Listen"}, "API");
    read_listen(r, *api, "API", true, cfg.api.listen);
  }
  return cfg;
}

Config load_config(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::BadInput, "cannot read the configuration " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string());
}

}  // namespace vseal::coord
