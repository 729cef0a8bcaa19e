#pragma once
// Window PoSt deadline arithmetic of the miner actor (devchain.md §1.6, §2.5) with truncating
// integer division throughout, because epochs — period starts, challenge epochs — are negative
// on a young chain: the proving-period offset of a new miner, DeadlineInfo and its
// next-not-elapsed form, the current deadline on the offset grid, deadline mutability, and the
// exact algorithm that assigns newly proven sectors to deadlines.
#include <cstdint>
#include <vector>

#include "chain/address.hpp"
#include "devchain/policy.hpp"

namespace vseal::coord::devchain {

struct DeadlineInfo {
  std::int64_t current_epoch = 0, period_start = 0;
  std::uint64_t index = 0;
  std::int64_t open = 0, close = 0, challenge = 0, fault_cutoff = 0;
  std::int64_t last() const { return close - 1; }
  bool is_open() const { return current_epoch >= open && current_epoch < close; }
  bool has_elapsed() const { return current_epoch >= close; }
  bool fault_cutoff_passed() const { return current_epoch >= fault_cutoff; }
};

DeadlineInfo deadline_info(const Policy& p, std::int64_t period_start, std::uint64_t index,
                           std::int64_t now);
DeadlineInfo next_not_elapsed(const Policy& p, const DeadlineInfo& d);

// offset = u64be(BLAKE2b-256(CBOR(miner ID address) || i64be(epoch))[0..8]) mod PP.
std::int64_t proving_period_offset(const Policy& p, const chain::Address& miner,
                                   std::int64_t epoch);

struct PeriodAtCreation {
  std::int64_t period_start = 0;
  std::uint64_t index = 0;
};
PeriodAtCreation period_at_creation(const Policy& p, std::int64_t offset, std::int64_t epoch);

// The deadline the actors consider current at `now`, from the miner's proving-period start.
DeadlineInfo current_deadline(const Policy& p, std::int64_t proving_period_start, std::int64_t now);

// quantize_up / quantize_down onto {offset + k * unit} (quantize.rs).
std::int64_t quantize_up(std::int64_t e, std::int64_t unit, std::int64_t offset);
std::int64_t quantize_down(std::int64_t e, std::int64_t unit, std::int64_t offset);

bool deadline_is_mutable(const Policy& p, std::int64_t proving_period_start, std::uint64_t index,
                         std::int64_t now);

struct DeadlineLoad {
  std::uint64_t live = 0, total = 0;
};
// For each sector (already sorted by number), the deadline index it is assigned to, choosing
// among `candidates` (mutable deadlines) by the six-key order of §2.5. `loads` is indexed by
// deadline and updated. Error{BadInput} with exit-20 meaning when a deadline is full.
std::vector<std::uint64_t> assign_deadlines(const Policy& p, std::uint64_t partition_sectors,
                                            std::vector<DeadlineLoad>& loads,
                                            const std::vector<bool>& candidate,
                                            std::size_t sector_count);

}  // namespace vseal::coord::devchain
