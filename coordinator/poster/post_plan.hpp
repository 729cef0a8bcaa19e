#pragma once
// The arithmetic of one Window PoSt deadline (coordinator.md §4.11), apart from any I/O so it
// can be tested on its own: which sectors of each partition are to be proven, how partitions
// are grouped into messages, and which sector list a proof of a group covers. The chain
// recomputes that list when it verifies, so it must match the actor's rule exactly.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "chain/bitfield.hpp"
#include "chain/fake_proofs.hpp"
#include "chainapi/lotus_types.hpp"

namespace vseal::coord {

struct PlannedPartition {
  std::uint64_t index = 0;
  chain::BitField all;       // every sector ever assigned (AllSectors)
  chain::BitField to_prove;  // Live − Faulty + Recovering
};

std::vector<PlannedPartition> plan_partitions(const std::vector<lotus::Partition>& partitions);

// Partitions per SubmitWindowedPoSt: min(PoStedPartitionsMax = 3, AddressedSectorsMax 25000 /
// partition size, `configured` when it is not 0); at least 1.
std::uint64_t partitions_per_message(std::uint64_t partition_sectors, std::uint64_t configured);

// Positions 0..count-1 in consecutive groups of at most `per_message`.
std::vector<std::vector<std::size_t>> split_batches(std::size_t count, std::uint64_t per_message);

// The sectors a proof of `partitions` covers, in the actor's order: every sector of their
// AllSectors ascending, a sector not in `proven` replaced by the first proven one (as lotus
// hands the prover substitutes). Empty when none of them is proven. `info` must hold every
// proven sector.
std::vector<chain::PoStSectorInfo> proof_sectors(
    const std::vector<const PlannedPartition*>& partitions, const chain::BitField& proven,
    const std::map<std::uint64_t, chain::PoStSectorInfo>& info);

}  // namespace vseal::coord
