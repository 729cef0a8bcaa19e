// CBOR tuples of actor parameters. The decoders mirror the encoders field by field; the field
// names in errors are those of go-state-types.
#include "chain/actor_params.hpp"

#include "base/error.hpp"
#include "chain/cbor.hpp"
#include "chain/cbor_reader.hpp"

namespace vseal::chain {
namespace {

Address address_of(const CborValue& v, std::string_view what) {
  try {
    return Address::from_bytes(v.as_bytes(what));
  } catch (const Error& e) {
    throw Error(ErrorCode::BadInput, std::string(what) + ": " + e.what());
  }
}

void write_optional_cid(CborWriter& w, const std::optional<Bytes>& cid) {
  if (cid)
    w.cid(*cid);
  else
    w.null();
}

}  // namespace

Bytes CreateMinerParams::encode() const {
  CborWriter w;
  w.array(5).bytes(owner.bytes()).bytes(worker.bytes()).integer(window_post_proof_type).bytes(peer);
  w.array(multiaddrs.size());
  for (const auto& m : multiaddrs) w.bytes(m);
  return w.data();
}

CreateMinerParams CreateMinerParams::decode(std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("CreateMinerParams", 5);
  CreateMinerParams p;
  p.owner = address_of(t[0], "Owner");
  p.worker = address_of(t[1], "Worker");
  p.window_post_proof_type = t[2].as_int("WindowPoStProofType");
  p.peer = t[3].as_bytes("Peer");
  for (const auto& m : t[4].as_array("Multiaddrs")) p.multiaddrs.push_back(m.as_bytes("Multiaddr"));
  return p;
}

Bytes CreateMinerReturn::encode() const {
  CborWriter w;
  w.array(2).bytes(id_address.bytes()).bytes(robust_address.bytes());
  return w.data();
}

CreateMinerReturn CreateMinerReturn::decode(std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("CreateMinerReturn", 2);
  return {address_of(t[0], "IDAddress"), address_of(t[1], "RobustAddress")};
}

Bytes PreCommitSectorBatch2Params::encode() const {
  CborWriter w;
  w.array(1).array(sectors.size());
  for (const auto& s : sectors) {
    w.array(7)
        .integer(s.seal_proof)
        .uint(s.sector_number)
        .cid(s.sealed_cid)
        .integer(s.seal_rand_epoch);
    w.array(s.deal_ids.size());
    for (const auto d : s.deal_ids) w.uint(d);
    w.integer(s.expiration);
    write_optional_cid(w, s.unsealed_cid);
  }
  return w.data();
}

PreCommitSectorBatch2Params PreCommitSectorBatch2Params::decode(
    std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("PreCommitSectorBatchParams2", 1);
  PreCommitSectorBatch2Params p;
  for (const auto& s : t[0].as_array("Sectors")) {
    const auto& f = s.as_array("SectorPreCommitInfo", 7);
    SectorPreCommitInfo i;
    i.seal_proof = f[0].as_int("SealProof");
    i.sector_number = f[1].as_uint("SectorNumber");
    i.sealed_cid = f[2].as_cid("SealedCID");
    i.seal_rand_epoch = f[3].as_int("SealRandEpoch");
    for (const auto& d : f[4].as_array("DealIDs")) i.deal_ids.push_back(d.as_uint("DealID"));
    i.expiration = f[5].as_int("Expiration");
    if (!f[6].is_null()) i.unsealed_cid = f[6].as_cid("UnsealedCid");
    p.sectors.push_back(std::move(i));
  }
  return p;
}

Bytes ProveCommitSectors3Params::encode() const {
  CborWriter w;
  w.array(6).array(sector_activations.size());
  for (const auto& s : sector_activations) {
    w.array(2).uint(s.sector_number).array(s.pieces.size());
    for (const auto& p : s.pieces) {
      w.array(4).cid(p.cid).uint(p.size);
      if (p.verified_allocation_key)
        w.array(2).uint(p.verified_allocation_key->first).uint(p.verified_allocation_key->second);
      else
        w.null();
      w.array(p.notify.size());
      for (const auto& [addr, payload] : p.notify) w.array(2).bytes(addr.bytes()).bytes(payload);
    }
  }
  w.array(sector_proofs.size());
  for (const auto& p : sector_proofs) w.bytes(p);
  w.bytes(aggregate_proof);
  if (aggregate_proof_type)
    w.integer(*aggregate_proof_type);
  else
    w.null();
  w.boolean(require_activation_success).boolean(require_notification_success);
  return w.data();
}

ProveCommitSectors3Params ProveCommitSectors3Params::decode(std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("ProveCommitSectors3Params", 6);
  ProveCommitSectors3Params p;
  for (const auto& s : t[0].as_array("SectorActivations")) {
    const auto& f = s.as_array("SectorActivationManifest", 2);
    SectorActivationManifest m;
    m.sector_number = f[0].as_uint("SectorNumber");
    for (const auto& pc : f[1].as_array("Pieces")) {
      const auto& pf = pc.as_array("PieceActivationManifest", 4);
      PieceActivationManifest piece;
      piece.cid = pf[0].as_cid("CID");
      piece.size = pf[1].as_uint("Size");
      if (!pf[2].is_null()) {
        const auto& k = pf[2].as_array("VerifiedAllocationKey", 2);
        piece.verified_allocation_key = {k[0].as_uint("Client"), k[1].as_uint("ID")};
      }
      for (const auto& n : pf[3].as_array("Notify")) {
        const auto& nf = n.as_array("DataActivationNotification", 2);
        piece.notify.emplace_back(address_of(nf[0], "Address"), nf[1].as_bytes("Payload"));
      }
      m.pieces.push_back(std::move(piece));
    }
    p.sector_activations.push_back(std::move(m));
  }
  for (const auto& pr : t[1].as_array("SectorProofs"))
    p.sector_proofs.push_back(pr.as_bytes("SectorProof"));
  p.aggregate_proof = t[2].as_bytes("AggregateProof");
  if (!t[3].is_null()) p.aggregate_proof_type = t[3].as_int("AggregateProofType");
  p.require_activation_success = t[4].as_bool("RequireActivationSuccess");
  p.require_notification_success = t[5].as_bool("RequireNotificationSuccess");
  return p;
}

Bytes BatchReturn::encode() const {
  CborWriter w;
  w.array(2).uint(success_count).array(fail_codes.size());
  for (const auto& [idx, code] : fail_codes) w.array(2).uint(idx).uint(code);
  return w.data();
}

BatchReturn BatchReturn::decode(std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("BatchReturn", 2);
  BatchReturn r;
  r.success_count = t[0].as_uint("SuccessCount");
  for (const auto& f : t[1].as_array("FailCodes")) {
    const auto& fc = f.as_array("FailCode", 2);
    r.fail_codes.emplace_back(fc[0].as_uint("Idx"), fc[1].as_uint("Code"));
  }
  return r;
}

Bytes SubmitWindowedPoStParams::encode() const {
  CborWriter w;
  w.array(5).uint(deadline).array(partitions.size());
  for (const auto& p : partitions) w.array(2).uint(p.index).bytes(p.skipped.rle());
  w.array(proofs.size());
  for (const auto& p : proofs) w.array(2).integer(p.post_proof).bytes(p.proof_bytes);
  w.integer(chain_commit_epoch).bytes(chain_commit_rand);
  return w.data();
}

SubmitWindowedPoStParams SubmitWindowedPoStParams::decode(std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("SubmitWindowedPoStParams", 5);
  SubmitWindowedPoStParams p;
  p.deadline = t[0].as_uint("Deadline");
  for (const auto& x : t[1].as_array("Partitions")) {
    const auto& f = x.as_array("PoStPartition", 2);
    p.partitions.push_back({f[0].as_uint("Index"), BitField::from_rle(f[1].as_bytes("Skipped"))});
  }
  for (const auto& x : t[2].as_array("Proofs")) {
    const auto& f = x.as_array("PoStProof", 2);
    p.proofs.push_back({f[0].as_int("PoStProof"), f[1].as_bytes("ProofBytes")});
  }
  p.chain_commit_epoch = t[3].as_int("ChainCommitEpoch");
  p.chain_commit_rand = t[4].as_bytes("ChainCommitRand");
  return p;
}

Bytes DeclarationParams::encode() const {
  CborWriter w;
  w.array(1).array(declarations.size());
  for (const auto& d : declarations)
    w.array(3).uint(d.deadline).uint(d.partition).bytes(d.sectors.rle());
  return w.data();
}

DeclarationParams DeclarationParams::decode(std::span<const std::uint8_t> cbor) {
  const auto v = CborValue::parse(cbor);
  const auto& t = v.as_array("DeclareParams", 1);
  DeclarationParams p;
  for (const auto& x : t[0].as_array("Declarations")) {
    const auto& f = x.as_array("Declaration", 3);
    p.declarations.push_back({f[0].as_uint("Deadline"), f[1].as_uint("Partition"),
                              BitField::from_rle(f[2].as_bytes("Sectors"))});
  }
  return p;
}

Bytes ProveCommitSectorsNIParams::encode() const {
  CborWriter w;
  w.array(6).array(sectors.size());
  for (const auto& s : sectors)
    w.array(6)
        .uint(s.sealing_number)
        .uint(s.sealer_id)
        .cid(s.sealed_cid)
        .uint(s.sector_number)
        .integer(s.seal_rand_epoch)
        .integer(s.expiration);
  w.bytes(aggregate_proof)
      .integer(seal_proof_type)
      .integer(aggregate_proof_type)
      .uint(proving_deadline)
      .boolean(require_activation_success);
  return w.data();
}

}  // namespace vseal::chain
