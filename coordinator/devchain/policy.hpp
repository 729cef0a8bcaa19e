#pragma once
// The dev chain's network policy (devchain.md §5.1, §5.2): the lotus 2k devnet's actor
// constants with 1-second blocks ("2k"), or the opt-in "fast" profile with 8 deadlines of the
// same 60-epoch window. Every actor rule reads its constants from here, never from literals,
// so both profiles run the same code.
#include <cstdint>
#include <string>
#include <string_view>

namespace vseal::coord::devchain {

struct Policy {
  std::string profile = "2k";
  std::int64_t block_delay_secs = 1;
  std::int64_t pre_commit_challenge_delay = 10;
  std::int64_t interactive_porep_confidence = 6;
  std::int64_t chain_finality = 900;
  std::int64_t max_pre_commit_randomness_lookback = 3780;
  std::int64_t max_prove_commit_duration = 86410;
  std::int64_t expired_pre_commit_clean_up_delay = 960;
  std::int64_t wpost_period_deadlines = 48;
  std::int64_t wpost_challenge_window = 60;
  std::int64_t wpost_proving_period = 2880;
  std::int64_t wpost_challenge_lookback = 20;
  std::int64_t fault_declaration_cutoff = 70;
  std::int64_t wpost_dispute_window = 1800;
  std::int64_t fault_max_age = 120960;
  std::int64_t min_sector_expiration = 518400;
  std::int64_t max_sector_expiration_extension = 3680640;
  std::int64_t max_sector_lifetime = 5259485;  // 5 years of epochs
  std::int64_t worker_key_change_delay = 900;
  std::uint64_t posted_partitions_max = 3;
  std::uint64_t addressed_sectors_max = 25000;
  std::uint64_t addressed_partitions_max = 3000;
  std::uint64_t max_partitions_per_deadline = 3000;
  std::uint64_t min_aggregated_sectors = 4, max_aggregated_sectors = 819;
  std::uint64_t max_aggregate_proof_size = 81960;
  std::uint64_t consensus_miner_min_power = 2048;
  std::int64_t network_version = 28;
  std::uint64_t eip155_chain_id = 31415926;
  std::int64_t epochs_in_day = 2880;

  // "2k" or "fast"; Error{BadInput} otherwise.
  static Policy for_profile(std::string_view name);
};

// Seal and PoSt proof types the devnet bundle accepts (2KiB and 8MiB; V1_1 and synthetic).
struct SealTypeInfo {
  std::int64_t seal_proof = 0;
  std::int64_t window_post_proof = 0;
  std::uint64_t sector_size = 0;
  std::uint64_t partition_sectors = 0;
  std::size_t proof_bytes = 192;
};
const SealTypeInfo* seal_type(std::int64_t seal_proof);           // nullptr if not allowed
const SealTypeInfo* seal_type_for_post(std::int64_t post_proof);  // first seal type of that PoSt

}  // namespace vseal::coord::devchain
