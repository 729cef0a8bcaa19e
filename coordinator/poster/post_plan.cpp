#include "poster/post_plan.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace vseal::coord {

namespace {
// builtin-actors policy (devchain.md §5.1): the same on every network.
constexpr std::uint64_t kPostedPartitionsMax = 3;
constexpr std::uint64_t kAddressedSectorsMax = 25000;
}  // namespace

std::vector<PlannedPartition> plan_partitions(const std::vector<lotus::Partition>& partitions) {
  std::vector<PlannedPartition> out;
  for (std::size_t i = 0; i < partitions.size(); ++i) {
    const auto& p = partitions[i];
    out.push_back({i, p.all, p.live.subtract(p.faulty).unite(p.recovering)});
  }
  return out;
}

std::uint64_t partitions_per_message(std::uint64_t partition_sectors, std::uint64_t configured) {
  std::uint64_t n = kPostedPartitionsMax;
  if (partition_sectors > 0) n = std::min(n, kAddressedSectorsMax / partition_sectors);
  if (configured > 0) n = std::min(n, configured);
  return std::max<std::uint64_t>(n, 1);
}

std::vector<std::vector<std::size_t>> split_batches(std::size_t count, std::uint64_t per_message) {
  if (per_message == 0) throw Error(ErrorCode::BadInput, "split_batches: zero per message");
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i % per_message == 0) out.emplace_back();
    out.back().push_back(i);
  }
  return out;
}

std::vector<chain::PoStSectorInfo> proof_sectors(
    const std::vector<const PlannedPartition*>& partitions, const chain::BitField& proven,
    const std::map<std::uint64_t, chain::PoStSectorInfo>& info) {
  chain::BitField all;
  for (const auto* p : partitions) all = all.unite(p->all);
  const auto good = all.intersect(proven);
  std::vector<chain::PoStSectorInfo> out;
  if (good.empty()) return out;
  const auto substitute = info.find(*good.first());
  if (substitute == info.end())
    throw Error(ErrorCode::BadInput,
                "no sector info for proven sector " + std::to_string(*good.first()));
  for (const auto n : all.values()) {
    const auto it = good.contains(n) ? info.find(n) : substitute;
    if (it == info.end())
      throw Error(ErrorCode::BadInput, "no sector info for proven sector " + std::to_string(n));
    out.push_back(it->second);
  }
  return out;
}

}  // namespace vseal::coord
