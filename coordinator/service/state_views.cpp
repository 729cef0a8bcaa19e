#include "service/state_views.hpp"

#include "base/utc_time.hpp"
#include "pipeline/sector_pipeline.hpp"

namespace vseal::coord {

std::string time_text(std::int64_t ms) {
  return utc_iso8601(ms / 1000);
}

nlohmann::json sector_json(const SectorRecord& r) {
  nlohmann::json j = {{"miner", r.miner},       {"number", r.number},
                      {"state", r.state},       {"seal_proof", r.seal_proof},
                      {"failures", r.failures}, {"updated_at", time_text(r.updated_at_ms)}};
  const auto opt = [&](const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
  };
  opt("ticket", r.ticket);
  opt("seed", r.seed);
  opt("comm_d", r.comm_d);
  opt("comm_r", r.comm_r);
  opt("abort_reason", r.abort_reason);
  opt("message_uid", r.message_uid);
  if (r.ticket_epoch) j["ticket_epoch"] = *r.ticket_epoch;
  if (r.precommit_epoch) j["precommit_epoch"] = *r.precommit_epoch;
  if (r.seed_epoch) j["seed_epoch"] = *r.seed_epoch;
  j["waiting_for"] = sector_state_explanation(r.state);
  return j;
}

nlohmann::json sector_history_json(std::span<const SectorEvent> events) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& e : events)
    history.push_back(
        {{"at", time_text(e.at_ms)}, {"from", e.from}, {"to", e.to}, {"detail", e.detail}});
  return history;
}

nlohmann::json job_json(const JobRecord& j) {
  nlohmann::json e = {
      {"id", j.id},       {"miner", j.miner},     {"sector", j.number},
      {"stage", j.stage}, {"attempt", j.attempt}, {"executor", j.executor},
      {"state", j.state}, {"workdir", j.workdir}, {"updated_at", time_text(j.updated_at_ms)}};
  if (j.handle) e["handle"] = *j.handle;
  if (j.exit_code) e["exit_code"] = *j.exit_code;
  return e;
}

}  // namespace vseal::coord
