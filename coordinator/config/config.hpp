#pragma once
// vcoord's configuration (vcoord.toml): the sections and keys of venus-sector-manager's file
// ([SectorManager], [Commitment] with DefaultPolicy and per-miner overrides, [Chain],
// [Messager], [PersistedStore], [PoSt], [RegisterProof]) so an operator's file carries over,
// plus [Jobs] for the executor and [API] for vcoord's own API. Every key is optional and has the
// peer's default; an unknown key, a wrong type or a value out of range is Error{BadInput} reading
// "<file>:<line>: ...". Per-miner [Commitment.Miners.<id>] and [PoSt.Actors.<id>] tables override
// single fields of the defaults.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/values.hpp"

namespace vseal::coord {

struct MinerEntry {
  std::uint64_t id = 0;
  std::uint64_t init_number = 0;  // first allocated sector number is init_number + 1
  std::uint64_t max_number = UINT64_MAX;
  bool disabled = false;
};

struct CommitmentPolicy {
  bool enable_batch_pre_commit = false;
  std::uint64_t pre_commit_batch_threshold = 16;
  Duration pre_commit_batch_max_wait = std::chrono::hours(1);
  Duration pre_commit_check_interval = std::chrono::minutes(1);
  bool enable_batch_pro_commit = false;
  std::uint64_t commit_batch_threshold = 16;
  Duration commit_batch_max_wait = std::chrono::hours(1);
  Duration commit_check_interval = std::chrono::minutes(1);
  double pre_commit_gas_over_estimation = 1.2;
  double pro_commit_gas_over_estimation = 1.2;
  double batch_pre_commit_gas_over_estimation = 1.2;
  double batch_pro_commit_gas_over_estimation = 1.2;
  FilAmount max_pre_commit_fee_cap{5'000'000'000};  // 5 nanoFIL
  FilAmount max_pro_commit_fee_cap{5'000'000'000};
  FilAmount max_batch_pre_commit_fee_cap{5'000'000'000};
  FilAmount max_batch_pro_commit_fee_cap{5'000'000'000};
  std::uint64_t msg_confidence = 10;
  std::string pre_commit_control;  // sender address; empty = the miner's worker
  std::string prove_commit_control;
};

struct Endpoint {
  std::string api;  // multiaddr or URL; empty [Chain] Api = the built-in dev chain
  std::string token;
};

// A persisted store (damocles' [[PersistedStore.Stores]] or a directory's sectorstore.json):
// finished sectors live in <Path>/sealed/s-t0<m>-<n> and <Path>/cache/s-t0<m>-<n>/.
struct PersistStore {
  std::string name;
  std::string path;
  bool strict = false;       // sector files must be regular files (a symlink is refused)
  bool read_only = false;    // proven from, never chosen for new sectors
  std::uint64_t weight = 1;  // share of new sectors among the stores with room (0 counts as 1)
  std::vector<std::uint64_t> allow_miners, deny_miners;  // empty allow = every miner; deny wins
};

struct PostPolicy {
  std::string sender;  // empty = the miner's worker
  bool strict_check = true;
  double gas_over_estimation = 1.2;
  FilAmount max_fee_cap{5'000'000'000};
  Duration msg_check_interval = std::chrono::minutes(1);
  std::uint64_t msg_confidence = 5;
  // The runner starts a deadline this many epochs after its challenge epoch (a reorg below it
  // would change the challenge) and submits this many epochs after the window opens.
  std::uint64_t challenge_confidence = 10;
  std::uint64_t submit_confidence = 4;
  std::uint64_t max_partitions_per_post_message = 0;      // 0: the network's maximum
  std::uint64_t max_partitions_per_recovery_message = 0;  // 0: no limit
  std::uint64_t max_recover_sector_limit = 0;             // 0: no limit
};

struct StageResources {
  unsigned cpus = 1;
  std::uint64_t memory_mib = 1024;
  unsigned gpus = 0;
  unsigned ranks = 1;        // Slurm: MPI ranks (tasks) of the stage's job step
  unsigned concurrency = 1;  // local executor: jobs of this stage at once
  std::string partition;     // Slurm
  std::string qos;           // Slurm
  std::string account;       // Slurm
  Duration time_limit = std::chrono::hours(24);
};

struct JobsConfig {
  std::string executor = "local";  // "local" | "slurm"
  std::string scratch;             // job working directories; empty = <home>/scratch
  std::string slurm_scripts;       // <stage>.sbatch files; empty = <bin>/../share/vseal/slurm
  bool array_jobs = true;  // sectors reaching PC1 in one tick: one submission (a Slurm array)
  bool chain_pc2 = true;   // PC2 submitted with PC1, waiting on it (executors that can)
  std::map<std::string, StageResources> stages;  // pc1, pc2, c2, wdpost (all present)
};

// The built-in development chain, used when [Chain] Api is empty (devchain.md).
struct DevChainSettings {
  std::string profile = "2k";              // "2k" | "fast"
  std::string proof_mode = "fake-proofs";  // "real" needs the 2KiB verifying keys
  Duration block_time = std::chrono::seconds(1);
  std::uint64_t accounts = 3;
  std::string listen = "127.0.0.1:0";  // its JSON-RPC address; port 0 = any free port
};

// vcoord's own JSON-RPC API and Prometheus metrics (vcoord.md "API"); empty = not served.
struct ApiSettings {
  std::string listen = "127.0.0.1:1789";
};

struct Config {
  std::vector<MinerEntry> miners;
  bool prefetch = true;
  CommitmentPolicy default_policy;
  std::map<std::uint64_t, CommitmentPolicy> miner_policies;  // defaults with overrides applied
  Endpoint chain, messager;
  std::vector<std::string> store_includes;  // directories holding sectorstore.json
  std::vector<PersistStore> stores;
  PostPolicy default_post;
  std::map<std::uint64_t, PostPolicy> post_actors;
  std::map<std::uint64_t, std::vector<Endpoint>> register_proof;  // WinningPoSt gateways
  JobsConfig jobs;
  DevChainSettings devchain;
  ApiSettings api;

  const CommitmentPolicy& commitment(std::uint64_t miner) const;
  const PostPolicy& post(std::uint64_t miner) const;
  const MinerEntry* miner(std::uint64_t id) const;
  // Why new sectors may not be started for this miner ([SectorManager] Miners Disabled), or
  // nullopt when they may.
  std::optional<std::string> pledge_refusal(std::uint64_t miner) const;
};

// `source` names the text in errors (normally the file path).
Config parse_config(std::string_view text, const std::string& source);
Config load_config(const std::filesystem::path& path);

// The commented file `vcoord daemon init` writes: every section with its defaults, the values
// an operator must set marked, for the given network (mainnet, calibnet, devnet).
std::string default_config_text(std::string_view net);

inline constexpr std::string_view kStages[] = {"pc1", "pc2", "c2", "wdpost"};

}  // namespace vseal::coord
