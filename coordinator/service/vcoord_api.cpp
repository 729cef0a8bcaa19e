#include "service/vcoord_api.hpp"

#include "api/jwt.hpp"
#include "base/error.hpp"
#include "chainapi/chain_client.hpp"
#include "service/state_views.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;

// A non-negative integer parameter: JSON numbers with a sign or a fraction are refused rather
// than wrapped or truncated into some other sector.
std::uint64_t u64_param(const json& params, std::size_t index, std::string_view name) {
  const json& v = rpc_param(params, index, name);
  if (!v.is_number_unsigned())
    throw RpcError(-32602, std::string(name) + " must be a non-negative integer, not " + v.dump());
  return v.get<std::uint64_t>();
}

// An optional trailing parameter: absent or null gives nullopt.
const json* optional_param(const json& params, std::size_t index) {
  return index < params.size() && !params[index].is_null() ? &params[index] : nullptr;
}

std::optional<std::uint64_t> optional_miner(const json& params, std::size_t index) {
  if (!optional_param(params, index)) return std::nullopt;
  return u64_param(params, index, "Miner");
}

json post_run_json(const PostRun& r) {
  json j = {{"miner", r.miner},
            {"deadline", r.deadline},
            {"open", r.open},
            {"challenge", r.challenge},
            {"close", r.close},
            {"state", r.state},
            {"detail", r.detail},
            {"messages", r.message_uids},
            {"updated_at", time_text(r.updated_at_ms)}};
  if (r.job_id) j["job"] = *r.job_id;
  if (r.recovery_uid) j["recovery_message"] = *r.recovery_uid;
  return j;
}

}  // namespace

VcoordApi::VcoordApi(ApiDeps deps)
    : deps_(std::move(deps)), store_(deps_.state), started_at_ms_(now_ms()) {}

std::string VcoordApi::metrics() {
  std::lock_guard lock(store_mu_);
  return render_metrics(store_.db(),
                        MetricsSource{deps_.version, deps_.network, started_at_ms_, &stats_});
}

void VcoordApi::install(RpcServer& server) {
  const auto table = methods();
  server.route("/rpc/v0", table);
  server.page("/metrics", Permission::Read, "text/plain; version=0.0.4; charset=utf-8",
              [this] { return metrics(); });
  // Names outside the table are counted together: a caller must not mint label values.
  server.observe(
      [this, table](const std::string& method, std::chrono::nanoseconds took, bool error) {
        stats_.record(table->find(method) ? method : "unknown", took, error);
      });
}

std::shared_ptr<RpcMethods> VcoordApi::methods() {
  auto m = std::make_shared<RpcMethods>();
  using P = Permission;
  m->add("VCoord.Version", P::Read, [this](const json&) {
    return json{{"Version", deps_.version}, {"APIVersion", "v0"}, {"Network", deps_.network}};
  });
  m->add("VCoord.SectorsList", P::Read, [this](const json& p) {
    const auto miner = optional_miner(p, 0);
    std::lock_guard lock(store_mu_);
    json out = json::array();
    for (const auto& r : store_.sectors(miner)) out.push_back(sector_json(r));
    return out;
  });
  m->add("VCoord.SectorStatus", P::Read, [this](const json& p) {
    const auto miner = u64_param(p, 0, "Miner");
    const auto number = u64_param(p, 1, "Number");
    std::lock_guard lock(store_mu_);
    const auto rec = store_.sector(miner, number);
    if (!rec) throw RpcError(kSectorStateNotFound, "sector state not found");
    json out = sector_json(*rec);
    out["history"] = sector_history_json(store_.events(miner, number));
    json jobs = json::array();
    for (const auto& j : store_.sector_jobs(miner, number)) jobs.push_back(job_json(j));
    out["jobs"] = jobs;
    return out;
  });
  m->add("VCoord.JobsList", P::Read, [this](const json& p) {
    const json* active = optional_param(p, 0);
    if (active && !active->is_boolean())
      throw RpcError(-32602, "ActiveOnly must be true or false, not " + active->dump());
    std::lock_guard lock(store_mu_);
    json out = json::array();
    for (const auto& j : store_.jobs(active && active->get<bool>())) out.push_back(job_json(j));
    return out;
  });
  m->add("VCoord.PoStRuns", P::Read, [this](const json& p) {
    const auto miner = optional_miner(p, 0);
    std::lock_guard lock(store_mu_);
    json out = json::array();
    for (const auto& r : store_.post_runs(miner)) out.push_back(post_run_json(r));
    return out;
  });
  m->add("VCoord.SectorsPledge", P::Write, [this](const json& p) {
    const auto miner = u64_param(p, 0, "Miner");
    const auto count = u64_param(p, 1, "Count");
    if (count == 0 || count > 10000)
      throw RpcError(-32602, "Count must be 1..10000, not " + std::to_string(count));
    {
      std::lock_guard lock(store_mu_);
      if (!store_.miner(miner))
        throw Error(ErrorCode::BadInput,
                    "miner " + std::to_string(miner) + " is not registered with this vcoord");
    }
    if (deps_.pledge_refusal)
      if (const auto refusal = deps_.pledge_refusal(miner))
        throw Error(ErrorCode::BadInput, *refusal);
    std::vector<std::uint64_t> allocated;
    {
      std::lock_guard lock(*deps_.daemon_lock);
      allocated = deps_.chain->allocated(chain::Address::from_id(miner)).values();
    }
    std::lock_guard lock(store_mu_);
    return json{{"miner", miner}, {"sectors", store_.allocate_sectors(miner, count, allocated)}};
  });
  m->add("VCoord.SectorAbort", P::Admin, [this](const json& p) {
    const auto miner = u64_param(p, 0, "Miner");
    const auto number = u64_param(p, 1, "Number");
    const json& reason = rpc_param(p, 2, "Reason");
    if (!reason.is_string() || reason.get<std::string>().empty())
      throw RpcError(-32602, "Reason must be a non-empty string");
    std::lock_guard daemon(*deps_.daemon_lock);
    std::lock_guard lock(store_mu_);
    if (!store_.sector(miner, number))
      throw RpcError(kSectorStateNotFound, "sector state not found");
    SectorPipeline::abort_sector(store_, *deps_.executor, deps_.paths, miner, number,
                                 reason.get<std::string>());
    return json{{"miner", miner}, {"sector", number}, {"state", "Aborted"}};
  });
  m->add("VCoord.AuthNew", P::Admin, [this](const json& p) {
    const json& perms = rpc_param(p, 0, "Permissions");
    if (!perms.is_array() || perms.empty())
      throw RpcError(-32602, "Permissions must be a non-empty array of names");
    std::vector<std::string> allow;
    for (const auto& name : perms) {
      if (!name.is_string()) throw RpcError(-32602, "permission names are strings");
      allow.emplace_back(permission_name(parse_permission(name.get<std::string>())));
    }
    return json(create_token(deps_.secret, allow));
  });
  m->add("VCoord.AuthVerify", P::Read, [this](const json& p) {
    const json& token = rpc_param(p, 0, "Token");
    if (!token.is_string()) throw RpcError(-32602, "Token must be a string");
    return json(verify_token(token.get<std::string>(), deps_.secret));
  });
  return m;
}

}  // namespace vseal::coord
