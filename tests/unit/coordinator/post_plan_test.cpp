// The WindowPoSt runner's arithmetic: what is proven per partition, how partitions are grouped
// into messages, and the sector list (with substitutes) a proof covers.
#include "poster/post_plan.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"

namespace vseal::coord {
namespace {

chain::BitField bits(std::vector<std::uint64_t> v) {
  return chain::BitField::of(v);
}

TEST(PostPlan, ToProveIsLiveMinusFaultyPlusRecovering) {
  lotus::Partition p;
  p.all = bits({1, 2, 3, 4, 5});
  p.live = bits({1, 2, 3, 4});  // 5 terminated
  p.faulty = bits({2, 3});
  p.recovering = bits({3});
  p.active = bits({1, 4});
  const auto plan = plan_partitions({p, lotus::Partition{}});
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].index, 0u);
  EXPECT_EQ(plan[0].to_prove.values(), (std::vector<std::uint64_t>{1, 3, 4}));
  EXPECT_EQ(plan[0].all.values(), (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(plan[1].index, 1u);
  EXPECT_TRUE(plan[1].to_prove.empty());
}

TEST(PostPlan, PartitionsPerMessageFollowTheActorLimits) {
  EXPECT_EQ(partitions_per_message(2, 0), 3u);     // 2KiB: PoStedPartitionsMax
  EXPECT_EQ(partitions_per_message(2349, 0), 3u);  // 32GiB: 25000 / 2349 = 10, still 3
  EXPECT_EQ(partitions_per_message(2349, 2), 2u);  // the operator's limit
  EXPECT_EQ(partitions_per_message(10000, 0), 2u);
  EXPECT_EQ(partitions_per_message(30000, 0), 1u);  // never 0
}

TEST(PostPlan, BatchesAreConsecutiveGroups) {
  using Batches = std::vector<std::vector<std::size_t>>;
  EXPECT_EQ(split_batches(7, 3), (Batches{{0, 1, 2}, {3, 4, 5}, {6}}));
  EXPECT_EQ(split_batches(3, 3), (Batches{{0, 1, 2}}));
  EXPECT_TRUE(split_batches(0, 3).empty());
  EXPECT_THROW(split_batches(2, 0), Error);
}

TEST(PostPlan, ProofSectorsReplaceUnprovenOnesByTheFirstProven) {
  PlannedPartition a{0, bits({1, 2}), bits({1, 2})}, b{1, bits({3, 4}), bits({3, 4})};
  std::map<std::uint64_t, chain::PoStSectorInfo> info;
  for (std::uint64_t n : {1ull, 2ull, 3ull, 4ull})
    info[n] = {5, n, chain::Bytes{static_cast<std::uint8_t>(n)}};
  const auto list = proof_sectors({&a, &b}, bits({2, 4}), info);
  std::vector<std::uint64_t> numbers;
  for (const auto& s : list) numbers.push_back(s.number);
  // 1 and 3 skipped: both stand in as 2, the first proven sector; the order is AllSectors'.
  EXPECT_EQ(numbers, (std::vector<std::uint64_t>{2, 2, 2, 4}));
  EXPECT_TRUE(proof_sectors({&a}, bits({3}), info).empty());  // none of a's proven
  info.erase(4);
  EXPECT_THROW(proof_sectors({&a, &b}, bits({2, 4}), info), Error);
}

}  // namespace
}  // namespace vseal::coord
