// The commented vcoord.toml that `vcoord daemon init` writes. Every value shown is the default
// the reader uses when the key is absent, so deleting a line never changes behaviour.
#include <string>

#include "config/config.hpp"

namespace vseal::coord {

std::string default_config_text(std::string_view net) {
  const bool dev = net == "devnet";
  std::string chain_api = dev ? "" : "/ip4/127.0.0.1/tcp/1234/http";
  std::string text =
      R"(# vcoord configuration. Sections and keys follow venus-sector-manager's file, so an
# existing sector-manager.cfg mostly carries over; [Jobs] is vcoord's own.
# Unknown keys are errors (a misspelt key would otherwise silently keep its default).
# Durations: "1h", "10m", "30s", "1h30m". FIL amounts: "5 nanoFIL", "0.01 FIL".

[SectorManager]
# One entry per miner actor. The first sector number handed out is InitNumber + 1; numbers
# already allocated on chain are never reused.
#Miners = [{ID = 1000, InitNumber = 0, MaxNumber = 1000000, Disabled = false}]
PreFetch = true

[Commitment.DefaultPolicy]
# PreCommit: batched when EnableBatchPreCommit, sent when Threshold sectors wait or the oldest
# has waited MaxWait, checked every CheckInterval.
EnableBatchPreCommit = false
PreCommitBatchThreshold = 16
PreCommitBatchMaxWait = "1h"
PreCommitCheckInterval = "1m"
EnableBatchProCommit = false
CommitBatchThreshold = 16
CommitBatchMaxWait = "1h"
CommitCheckInterval = "1m"
PreCommitGasOverEstimation = 1.2
ProCommitGasOverEstimation = 1.2
BatchPreCommitGasOverEstimation = 1.2
BatchProCommitGasOverEstimation = 1.2
MaxPreCommitFeeCap = "5 nanoFIL"
MaxProCommitFeeCap = "5 nanoFIL"
MaxBatchPreCommitFeeCap = "5 nanoFIL"
MaxBatchProCommitFeeCap = "5 nanoFIL"
# Epochs a message must be buried under before vcoord acts on its receipt.
MsgConfidence = 10

# Per-miner overrides: any key of DefaultPolicy, plus the sender addresses.
#[Commitment.Miners.1000]
#MsgConfidence = 5
#[Commitment.Miners.1000.Controls]
#PreCommit = "f3..."
#ProveCommit = "f3..."

[Chain]
# lotus/venus node: multiaddr or URL. Empty: vcoord's built-in development chain (2KiB sectors,
# fast epochs; for tests and demos only).
Api = ")";
  text += chain_api;
  text += R"("
Token = ""

[Messager]
# venus-messager (multiaddr or URL), or empty to push through the chain node's mpool (lotus
# MpoolPushMessage). Token empty: the chain's token. The built-in dev chain serves
# venus-messager's API too, at its [DevChain] Listen address.
Api = ""
Token = ""

[PersistedStore]
# Where sectors go once proven on chain: <Path>/sealed/s-t0<miner>-<n> and <Path>/cache/...
# (the replica and what WindowPoSt reads; the rest of the sealing files is deleted). A new
# sector goes to a store that is not ReadOnly, admits its miner (AllowMiners empty = all;
# DenyMiners wins) and has room, chosen at random in proportion to Weight. Strict: only
# regular files are read (no symlinks). Includes: directories holding a sectorstore.json each
# (lotus' or damocles' file: ID or Name, Strict, ReadOnly, Weight, AllowMiners, DenyMiners).
# No store at all: sectors stay in the [Jobs] Scratch directory.
Includes = []
#Stores = [{Name = "store-1", Path = "/mnt/store1", Strict = false, ReadOnly = false, Weight = 1,
#           AllowMiners = [], DenyMiners = []}]

[PoSt.Default]
StrictCheck = true
GasOverEstimation = 1.2
MaxFeeCap = "5 nanoFIL"
MsgCheckInteval = "1m"
MsgConfidence = 5
# A deadline's proving starts ChallengeConfidence epochs after its challenge epoch; its
# SubmitWindowedPoSt goes out SubmitConfidence epochs after the window opens.
ChallengeConfidence = 10
SubmitConfidence = 4
# Partitions per SubmitWindowedPoSt / per DeclareFaultsRecovered (0: the network's maximum /
# no limit) and the most sectors declared recovered per deadline (0: no limit).
MaxPartitionsPerPoStMessage = 0
MaxPartitionsPerRecoveryMessage = 0
MaxRecoverSectorLimit = 0
#[PoSt.Actors.1000]
#Sender = "f3..."

[RegisterProof]
#[RegisterProof.Actors.1000]
#Apis = ["/ip4/127.0.0.1/tcp/1234/http"]
#Token = ""

[Jobs]
# "local": jobs are child processes of vcoord; "slurm": submitted with sbatch.
Executor = "local"
# Job working directories; empty = <home>/scratch. With Slurm, a path every node mounts.
Scratch = ""
# Slurm: the directory of pc1.sbatch, pc2.sbatch, c2.sbatch and wdpost.sbatch;
# empty = <directory of vcoord>/../share/vseal/slurm (a copy of the repository's slurm/).
SlurmScripts = ""
# Slurm: sectors that get their tickets together start PC1 as one job array (one sbatch, one
# line per sector in squeue until they run).
ArrayJobs = true
# Slurm: each sector's PC2 is submitted together with its PC1 (--dependency=afterok), so it
# starts the moment PC1 succeeds; Slurm drops it if PC1 fails and vcoord submits a new pair.
ChainPC2 = true

[Jobs.PC1]
# Per job (per MPI rank under Slurm). Local executor: Cpus pinned cores; MemoryMiB bounds the
# job's anonymous memory (the mapped parent cache does not count) and a job above it is killed.
Cpus = 1
MemoryMiB = 4096
Gpus = 0
# Local executor: jobs of this stage at once. Slurm: the cluster's scheduler decides.
Concurrency = 1
TimeLimit = "24h"
# Slurm only: where and as whom the stage's jobs run.
#Partition = ""
#QOS = ""
#Account = ""

[Jobs.PC2]
Cpus = 2
MemoryMiB = 4096
Gpus = 0
# Slurm: MPI ranks of the job step (sub-trees split across them).
Ranks = 1
Concurrency = 1
TimeLimit = "24h"

[Jobs.C2]
Cpus = 2
MemoryMiB = 8192
Gpus = 0
Concurrency = 1
TimeLimit = "24h"

[Jobs.WindowPoSt]
Cpus = 2
MemoryMiB = 4096
Gpus = 0
Concurrency = 1
TimeLimit = "30m"

[DevChain]
# The built-in development chain, started inside `vcoord daemon run` when [Chain] Api is
# empty. A test and demo chain only: lotus 2k-devnet actor rules, 2KiB/8MiB sectors.
# Profile "2k" keeps every epoch constant of the devnet; "fast" has 8 deadlines of 60 epochs.
Profile = "2k"
# "fake-proofs" accepts every seal proof and checks PoSts by the testing bundle's rule;
# "real" verifies with vseal's Groth16 verifier and needs the 2KiB verifying keys.
ProofMode = "fake-proofs"
BlockTime = "1s"
Accounts = 3
Listen = "127.0.0.1:0"

[API]
# vcoord's own JSON-RPC API (/rpc/v0) and Prometheus metrics (/metrics), both needing a token
# from `vcoord auth create-token`. Loopback by default; "" serves nothing. The running daemon
# writes the address it listens on to <home>/api.
Listen = "127.0.0.1:1789"
)";
  return text;
}

}  // namespace vseal::coord
