// The two proof modes of devchain.md §2.13. "real" loads the 2KiB verifying keys at start-up
// (a missing key is a start-up error naming the file, never a silent downgrade) and checks
// seal and PoSt proofs with vseal's Groth16 verifier. SnarkPack aggregates have no verifier
// in vseal yet, so in real mode an aggregate is refused and the refusal logged.
#include <filesystem>

#include "base/error.hpp"
#include "chain/commitment_cid.hpp"
#include "devchain/chain.hpp"
#include "porep/ids.hpp"
#include "porep/registered_proof.hpp"
#include "post/registered_post.hpp"
#include "snark/groth16_key.hpp"
#include "snark/parameter_files.hpp"
#include "snark/proof_verify.hpp"

namespace vseal::coord::devchain {
namespace {

class FakeProofs : public ProofChecker {
 public:
  std::string mode() const override { return "fake-proofs"; }
  bool verify_seal(const SealCheck&) override { return true; }
  bool verify_aggregate(const std::vector<SealCheck>&, const Bytes&) override { return true; }
  bool verify_post(const PostCheck& c) override { return c.proof == fake_post_proof(c); }
};

porep::Bytes32 prover_id(std::uint64_t miner) {
  porep::Bytes32 out{};
  for (int i = 0; i < 8; ++i)
    out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(miner >> (8 * i));
  return out;
}

class RealProofs : public ProofChecker {
 public:
  explicit RealProofs(const std::filesystem::path& cache) {
    const auto& seal = porep::registered_seal_proof(5);  // StackedDrg2KiBV1_1
    const auto& post = post::registered_post_proof(10);  // StackedDrgWindow2KiBV1_1
    const auto seal_vk = cache / (snark::porep_parameter_stem(seal) + ".vk");
    const auto post_vk = cache / (snark::post_parameter_stem(post) + ".vk");
    for (const auto& f : {seal_vk, post_vk})
      if (!std::filesystem::exists(f))
        throw Error(
            ErrorCode::BadInput,
            "dev chain proof mode 'real' needs the verifying key " + f.string() +
                " (fetch the 2KiB parameters, or set [DevChain] ProofMode = \"fake-proofs\")");
    seal_pvk_ = snark::prepare_verifying_key(snark::read_verifying_key_file(seal_vk));
    post_pvk_ = snark::prepare_verifying_key(snark::read_verifying_key_file(post_vk));
  }
  std::string mode() const override { return "real"; }
  bool verify_seal(const SealCheck& c) override {
    snark::SealStatement st;
    st.proof = &porep::registered_seal_proof(static_cast<int>(c.seal_proof));
    st.comm_r = c.comm_r;
    st.comm_d = c.comm_d;
    st.seed = c.seed;
    st.replica_id = porep::replica_id(prover_id(c.miner), c.sector, c.ticket, c.comm_d,
                                      porep::porep_id_for(static_cast<int>(c.seal_proof)));
    try {
      return snark::verify_seal(seal_pvk_, st, c.proof);
    } catch (const Error&) {
      return false;
    }
  }
  bool verify_aggregate(const std::vector<SealCheck>&, const Bytes&) override { return false; }
  bool verify_post(const PostCheck& c) override {
    snark::PostStatement st;
    st.proof = &post::registered_post_proof(static_cast<int>(c.post_proof));
    st.randomness = c.randomness;
    for (const auto& s : c.sectors)
      st.sectors.push_back(
          {s.number, chain::commitment_from_cid(chain::CommitmentKind::Sealed, s.sealed_cid)});
    try {
      return snark::verify_post(post_pvk_, st, c.proof);
    } catch (const Error&) {
      return false;
    }
  }

 private:
  snark::PreparedVerifyingKey seal_pvk_, post_pvk_;
};

}  // namespace

std::unique_ptr<ProofChecker> make_proof_checker(const DevChainConfig& config) {
  if (config.proof_mode == "fake-proofs") return std::make_unique<FakeProofs>();
  if (config.proof_mode == "real") {
    const auto cache =
        config.param_cache.empty() ? snark::default_parameter_cache() : config.param_cache;
    return std::make_unique<RealProofs>(cache);
  }
  throw Error(ErrorCode::BadInput,
              "dev chain proof mode '" + config.proof_mode + "' is not one of real, fake-proofs");
}

}  // namespace vseal::coord::devchain
