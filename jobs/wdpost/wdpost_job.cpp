// vseal-wdpost (see wdpost_job.hpp).
#include "wdpost/wdpost_job.hpp"

#include <algorithm>
#include <iostream>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "io/atomic_file.hpp"
#include "jobs/common/job_clock.hpp"
#include "jobs/common/job_main.hpp"
#include "post/public_inputs.hpp"

namespace vseal::wdpost {
namespace {

namespace fs = std::filesystem;

fs::path record_path(const WdpostSpec& s, std::uint64_t sector_id) {
  return s.out / "sectors" / (std::to_string(sector_id) + ".json");
}

// A finished record of this spec for this sector at this position, if there is one.
std::optional<nlohmann::json> read_record(const WdpostSpec& s, std::uint64_t sector_id,
                                          std::uint64_t position) {
  const auto p = record_path(s, sector_id);
  if (!fs::exists(p)) return std::nullopt;
  try {
    auto r = nlohmann::json::parse(io::read_text_file(p));
    if (r.at("spec") == s.sha256 && r.at("position") == position) return r;
  } catch (const std::exception&) {
    // A record from another spec or an unreadable one is proven again.
  }
  return std::nullopt;
}

// The sector's outcome at `position`: from its record when there is one (`resumed`), else
// proven now and recorded.
post::SectorOutcome outcome_of(const WdpostSpec& s, const post::ProvableSector& sector,
                               std::uint64_t position, bool& resumed) {
  if (const auto record = read_record(s, sector.sector_id, position)) {
    resumed = true;
    if (record->contains("fault")) return {std::nullopt, record->at("fault").get<std::string>()};
    std::uint64_t recorded_position = 0;
    return {post::sector_proof_from_json(
                record->at("proof"), record_path(s, sector.sector_id).string(), recorded_position),
            {}};
  }
  resumed = false;
  auto outcome = post::prove_sector(*s.proof, s.randomness, sector, position);
  nlohmann::json record = {{"spec", s.sha256}, {"position", position}};
  if (outcome.proof)
    record["proof"] = post::sector_proof_to_json(*outcome.proof, position);
  else
    record["fault"] = outcome.fault;
  io::write_file_atomic(record_path(s, sector.sector_id), record.dump());
  return outcome;
}

}  // namespace

int run_wdpost(const WdpostSpec& s, jobs::Team& team) {
  const auto start = jobs::Clock::now();
  int status = jobs::kExitOk;
  try {
    if (team.rank() == 0) fs::create_directories(s.out / "sectors");
  } catch (const std::exception& e) {
    std::cerr << "vseal-wdpost: cannot create " << (s.out / "sectors").string() << ": " << e.what()
              << "\n";
    status = jobs::kExitBug;
  }
  if ((status = team.agree(status)) != jobs::kExitOk) return status;

  std::size_t resumed = 0, proven_here = 0;
  try {
    for (std::size_t i = static_cast<std::size_t>(team.rank()); i < s.sectors.size();
         i += static_cast<std::size_t>(team.size())) {
      bool resumed_this = false;
      outcome_of(s, s.sectors[i], i, resumed_this);
      if (resumed_this) {
        ++resumed;
        continue;
      }
      ++proven_here;
      std::cerr << "vseal-wdpost: rank " << team.rank() << ": sector " << s.sectors[i].sector_id
                << " done (" << i + 1 << "/" << s.sectors.size() << ")\n";
    }
  } catch (const Error& e) {
    std::cerr << "vseal-wdpost: rank " << team.rank() << ": " << e.what() << "\n";
    status = jobs::exit_code_for(e.code());
  }
  if ((status = team.agree(status)) != jobs::kExitOk || team.rank() != 0) return status;

  // Rank 0: gather the records. Under ApiVersion 1.0.0 a faulty sector shifts the positions
  // of the sectors after it, whose challenges then change: the library's retry proves those
  // again here (and records them at their new positions).
  const auto all =
      post::prove_vanilla_post(*s.proof, s.randomness, s.sectors,
                               [&](const post::ProvableSector& sector, std::uint64_t position) {
                                 bool resumed_this = false;
                                 return outcome_of(s, sector, position, resumed_this);
                               });
  io::write_file_atomic(s.out / "vanilla.json",
                        post::vanilla_post_to_json(*s.proof, s.randomness, all).dump());

  nlohmann::json partitions = nlohmann::json::array(), faulty = nlohmann::json::array();
  std::vector<post::PublicSector> proven;
  for (const auto& p : all.proofs) proven.push_back({p.sector_id, p.comm_r});
  const std::uint64_t per = s.proof->sector_count;
  for (std::uint64_t k = 0; k * per < proven.size(); ++k) {
    nlohmann::json ids = nlohmann::json::array();
    for (std::uint64_t i = k * per; i < std::min<std::uint64_t>(proven.size(), (k + 1) * per); ++i)
      ids.push_back(proven[i].sector_id);
    const auto inputs =
        post::post_public_inputs(*s.proof, s.randomness, proven, static_cast<int>(k));
    partitions.push_back({{"index", k}, {"sectors", ids}, {"public_inputs", inputs.size()}});
  }
  for (const auto& f : all.faulty)
    faulty.push_back({{"sector_id", f.sector_id}, {"reason", f.reason}});
  nlohmann::json result = {{"miner", s.miner},
                           {"registered_proof", s.proof->name},
                           {"randomness", to_hex(s.randomness)},
                           {"sectors", s.sectors.size()},
                           {"proven", all.proofs.size()},
                           {"faulty", faulty},
                           {"partitions", partitions},
                           {"vanilla_proofs", (s.out / "vanilla.json").string()},
                           {"snark", nullptr},
                           {"ranks", team.size()},
                           {"sectors_resumed_rank0", resumed},
                           {"sectors_proven_rank0", proven_here},
                           {"seconds", jobs::seconds_since(start)},
                           {"peak_rss_bytes", jobs::peak_rss_bytes()}};
  if (s.deadline) result["deadline"] = *s.deadline;
  io::write_file_atomic(s.out / "result.json", result.dump(2));
  std::cout << result.dump() << "\n";
  return jobs::kExitOk;
}

}  // namespace vseal::wdpost
