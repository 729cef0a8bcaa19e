#pragma once
// The dev chain's actor state (devchain.md §1): accounts, the power actor's claims and the
// miners — info, allocated numbers, pre-commits with their clean-up queue, sectors, deadlines
// with partitions, balances. Plain values, copied once per epoch so every tipset keeps the
// parent state its queries must see (§0.2).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chain/actor_params.hpp"
#include "chain/address.hpp"
#include "chain/bitfield.hpp"
#include "chain/token_amount.hpp"

namespace vseal::coord::devchain {

using chain::Address;
using chain::BitField;
using chain::Bytes;
using chain::TokenAmount;

// Byte-string keys compared element-wise (GCC 12 misreports memcmp bounds on the default
// std::less<std::vector<uint8_t>> when whole states are copied).
struct BytesLess {
  bool operator()(const Bytes& a, const Bytes& b) const {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return a[i] < b[i];
    return a.size() < b.size();
  }
};

enum class ActorKind { System, Init, Reward, Cron, Power, Market, BurntFunds, Account, Miner };

struct Actor {
  ActorKind kind = ActorKind::Account;
  TokenAmount balance;
  std::uint64_t nonce = 0;
  std::optional<Address> key;  // accounts: their BLS key address; miners: robust (f2) address
};

struct PreCommit {
  chain::SectorPreCommitInfo info;
  TokenAmount deposit;
  std::int64_t epoch = 0;
};

struct Sector {
  std::uint64_t number = 0;
  std::int64_t seal_proof = 0;
  Bytes sealed_cid;
  std::int64_t activation = 0, expiration = 0;
  TokenAmount pledge;
  TokenAmount daily_fee;
};

struct Partition {
  BitField sectors, unproven, faults, recoveries, terminated;
  BitField live() const { return sectors.subtract(terminated); }
  BitField active() const { return live().subtract(faults).subtract(unproven); }
  // Marks `which` faulty (skipped, declared, missed or disputed): those neither faulty nor
  // terminated become faults and leave Unproven; any of them recovering loses the recovery.
  // Returns the newly faulty sectors.
  BitField add_faults(const BitField& which) {
    const BitField fresh = which.subtract(faults).subtract(terminated);
    recoveries = recoveries.subtract(which);
    unproven = unproven.subtract(fresh);
    faults = faults.unite(fresh);
    return fresh;
  }
};

struct OptimisticProof {
  BitField partitions;
  Bytes proof;
  std::int64_t post_proof = 0;
};

struct Deadline {
  std::vector<Partition> partitions;
  BitField posted;  // partitions proven in the current window (API PostSubmissions)
  std::uint64_t live_sectors = 0, total_sectors = 0;
  std::vector<OptimisticProof> optimistic;  // this window
  std::vector<OptimisticProof> snapshot;    // the previous window's, for disputes
};

struct Miner {
  std::uint64_t id = 0;
  Address robust = Address::from_id(0);
  std::uint64_t owner = 0, worker = 0;
  std::vector<std::uint64_t> control;
  std::optional<std::pair<std::uint64_t, std::int64_t>> pending_worker;  // new worker, effective at
  Bytes peer;
  std::vector<Bytes> multiaddrs;
  std::int64_t window_post_proof = 0;
  std::uint64_t sector_size = 0, partition_sectors = 0;

  std::int64_t proving_period_start = 0;
  std::uint64_t current_deadline = 0;
  bool cron_active = false;
  std::optional<std::int64_t> cron_epoch;  // enrolled deadline cron

  BitField allocated;
  std::map<std::uint64_t, PreCommit> precommits;
  std::map<std::int64_t, BitField> precommit_cleanup;  // epoch -> sector numbers
  std::map<std::uint64_t, Sector> sectors;
  std::vector<Deadline> deadlines;

  TokenAmount locked_funds, precommit_deposits, initial_pledge, fee_debt;
  std::uint64_t raw_power = 0, qa_power = 0;  // claimed (proven, non-faulty) power
};

struct ChainState {
  std::map<std::uint64_t, Actor> actors;
  std::map<Bytes, std::uint64_t, BytesLess> key_ids;  // key address bytes -> actor id
  std::uint64_t next_id = 1000;
  std::map<std::uint64_t, Miner> miners;
  TokenAmount burnt;

  // Resolves ID and key addresses; nullopt when unknown.
  std::optional<std::uint64_t> lookup_id(const Address& a) const;
  Actor* actor(std::uint64_t id);
  const Actor* actor(std::uint64_t id) const;
  Miner* miner(std::uint64_t id);
  const Miner* miner(std::uint64_t id) const;
};

}  // namespace vseal::coord::devchain
