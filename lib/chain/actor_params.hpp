#pragma once
// Parameters and return values of the power and miner actor methods vseal sends
// (coordinator.md §6, devchain.md §2): each a CBOR tuple in field order. encode() writes the
// exact DAG-CBOR bytes the actors decode; decode() reads them strictly (a wrong field count or
// type is Error{BadInput} naming the field), which is what the dev chain answers with exit 21.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chain/address.hpp"
#include "chain/bitfield.hpp"
#include "chain/token_amount.hpp"

namespace vseal::chain {

using Bytes = std::vector<std::uint8_t>;

namespace method {
inline constexpr std::uint64_t kSend = 0;
// power actor (f04)
inline constexpr std::uint64_t kCreateMiner = 2;
// miner actor
inline constexpr std::uint64_t kControlAddresses = 2;
inline constexpr std::uint64_t kChangeWorkerAddress = 3;
inline constexpr std::uint64_t kSubmitWindowedPoSt = 5;
inline constexpr std::uint64_t kDeclareFaults = 10;
inline constexpr std::uint64_t kDeclareFaultsRecovered = 11;
inline constexpr std::uint64_t kWithdrawBalance = 16;
inline constexpr std::uint64_t kProveCommitAggregate = 26;
inline constexpr std::uint64_t kPreCommitSectorBatch2 = 28;
inline constexpr std::uint64_t kProveCommitSectors3 = 34;
}  // namespace method

struct CreateMinerParams {
  Address owner = Address::from_id(0), worker = Address::from_id(0);
  std::int64_t window_post_proof_type = 0;
  Bytes peer;
  std::vector<Bytes> multiaddrs;
  Bytes encode() const;
  static CreateMinerParams decode(std::span<const std::uint8_t> cbor);
};

struct CreateMinerReturn {
  Address id_address = Address::from_id(0), robust_address = Address::from_id(0);
  Bytes encode() const;
  static CreateMinerReturn decode(std::span<const std::uint8_t> cbor);
};

struct SectorPreCommitInfo {
  std::int64_t seal_proof = 0;
  std::uint64_t sector_number = 0;
  Bytes sealed_cid;
  std::int64_t seal_rand_epoch = 0;
  std::vector<std::uint64_t> deal_ids;
  std::int64_t expiration = 0;
  std::optional<Bytes> unsealed_cid;  // null for CC
  friend bool operator==(const SectorPreCommitInfo&, const SectorPreCommitInfo&) = default;
};

struct PreCommitSectorBatch2Params {
  std::vector<SectorPreCommitInfo> sectors;
  Bytes encode() const;
  static PreCommitSectorBatch2Params decode(std::span<const std::uint8_t> cbor);
};

struct PieceActivationManifest {
  Bytes cid;
  std::uint64_t size = 0;
  std::optional<std::pair<std::uint64_t, std::uint64_t>> verified_allocation_key;  // client, id
  std::vector<std::pair<Address, Bytes>> notify;
};

struct SectorActivationManifest {
  std::uint64_t sector_number = 0;
  std::vector<PieceActivationManifest> pieces;
};

struct ProveCommitSectors3Params {
  std::vector<SectorActivationManifest> sector_activations;
  std::vector<Bytes> sector_proofs;
  Bytes aggregate_proof;
  std::optional<std::int64_t> aggregate_proof_type;
  bool require_activation_success = false;
  bool require_notification_success = false;
  Bytes encode() const;
  static ProveCommitSectors3Params decode(std::span<const std::uint8_t> cbor);
};

struct BatchReturn {
  std::uint64_t success_count = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> fail_codes;  // index, exit code
  Bytes encode() const;
  static BatchReturn decode(std::span<const std::uint8_t> cbor);
};

struct PoStPartition {
  std::uint64_t index = 0;
  BitField skipped;
};

struct PoStProof {
  std::int64_t post_proof = 0;
  Bytes proof_bytes;
};

struct SubmitWindowedPoStParams {
  std::uint64_t deadline = 0;
  std::vector<PoStPartition> partitions;
  std::vector<PoStProof> proofs;
  std::int64_t chain_commit_epoch = 0;
  Bytes chain_commit_rand;
  Bytes encode() const;
  static SubmitWindowedPoStParams decode(std::span<const std::uint8_t> cbor);
};

struct SectorDeclaration {
  std::uint64_t deadline = 0, partition = 0;
  BitField sectors;
};

// DeclareFaultsRecovered (11) and DeclareFaults (10) share this shape.
struct DeclarationParams {
  std::vector<SectorDeclaration> declarations;
  Bytes encode() const;
  static DeclarationParams decode(std::span<const std::uint8_t> cbor);
};

struct ProveCommitSectorsNIParams {
  struct Sector {
    std::uint64_t sealing_number = 0, sealer_id = 0;
    Bytes sealed_cid;
    std::uint64_t sector_number = 0;
    std::int64_t seal_rand_epoch = 0, expiration = 0;
  };
  std::vector<Sector> sectors;
  Bytes aggregate_proof;
  std::int64_t seal_proof_type = 0, aggregate_proof_type = 0;
  std::uint64_t proving_deadline = 0;
  bool require_activation_success = false;
  Bytes encode() const;
};

}  // namespace vseal::chain
