#pragma once
// The JSON shapes of vcoord's records as the CLI (--json) and the API give them out: one
// definition, so a script moving from `vcoord sectors list --json` to VCoord.SectorsList reads
// the same fields.
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "state/store.hpp"

namespace vseal::coord {

std::string time_text(std::int64_t ms);  // UTC ISO 8601, whole seconds
// number, miner, state, seal_proof, failures, updated_at, what the sector waits for, and the
// optional ticket/seed/comm_d/comm_r/abort_reason/message_uid/epochs when set.
nlohmann::json sector_json(const SectorRecord& r);
// The sector's transitions, oldest first: {at, from, to, detail}.
nlohmann::json sector_history_json(std::span<const SectorEvent> events);
nlohmann::json job_json(const JobRecord& j);

}  // namespace vseal::coord
