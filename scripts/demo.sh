#!/usr/bin/env bash
# `make demo` at this stage of vseal: known-answer self-checks of the crypto primitives on every
# backend this machine offers (and every shared Poseidon vector when ../shared/vectors exists),
# a short benchmark of each primitive, then a 2KiB CC sector through the real jobs: vseal-pc1,
# vseal-pc2 under mpirun with two ranks, `vseal cache check` on the result, and C1 (vanilla
# proofs for a seed, checked by the vanilla verifier). Finally the coordinator drives it all:
# `vcoord daemon run` on the built-in dev chain creates a miner, seals two CC sectors with
# the same jobs and pre-commits them on chain, up to the seed (C2 comes with the prover),
# prints their CommR and reads vcoord's API and metrics; its state stays in demo/home.
# SCHED=slurm (make demo SCHED=slurm) starts the local Slurm dev cluster (slurm/devcluster)
# and has vcoord submit every job with sbatch, then prints `vcoord report` from sacct.
set -euo pipefail
bin=${1:-build/bin}
sched=${SCHED:-local}
case "$sched" in local | slurm) ;; *) echo "demo: SCHED must be local or slurm, not '$sched'" >&2; exit 2 ;; esac
vectors=${VSEAL_VECTORS_DIR:-../shared/vectors}

summary() {  # prints selected keys of a JSON document, one per line
  python3 -c 'import json,sys
d=json.load(sys.stdin)
for path in sys.argv[1:]:
    v=d
    for k in path.split("."): v=v.get(k) if isinstance(v,dict) else None
    if v is None: continue  # e.g. no IFMA figures on CPUs without avx512ifma
    print(f"  {path:48s} {v:.4g}" if isinstance(v,float) else f"  {path:48s} {v}")' "$@" 2>/dev/null || cat
}

echo "== vseal selftest"
args=()
[[ -f "$vectors/poseidon.json" ]] && args=(--vectors "$vectors")
"$bin/vseal" selftest "${args[@]}" | summary ok checks_run failed sha256_backend fr_backend poseidon_backend gpu

echo "== vseal bench fr"
"$bin/vseal" bench fr --seconds 0.2 | summary portable.mul_throughput_ns adx.mul_throughput_ns
echo "== vseal bench sha256"
"$bin/vseal" bench sha256 --seconds 0.2 | summary sha-ni.ns_per_block_1_stream \
  sha-ni.ns_per_block_per_stream_4_streams sha-ni.throughput_ratio_4_vs_1 portable.ns_per_block_1_stream
echo "== vseal bench poseidon"
"$bin/vseal" bench poseidon --seconds 0.2 | summary arity_8.plain.us_per_hash \
  arity_8.optimized-adx.us_per_hash arity_8.ifma.us_per_hash arity_8.ifma.speedup_vs_plain \
  arity_11.ifma.us_per_hash

work=$(mktemp -d /tmp/vseal-demo-XXXXXX)
echo "== vseal-pc1: a 2KiB CC sector (StackedDrg2KiBV1_1) in $work"
cat > "$work/pc1.json" <<JSON
{"miner": 1000, "sector_number": 1, "registered_proof": "StackedDrg2KiBV1_1",
 "ticket": "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", "cc": true,
 "paths": {"scratch": "$work/scratch", "parents": "$work/parents", "cache": "$work/cache"}}
JSON
"$bin/vseal-pc1" "$work/pc1.json" 2>"$work/pc1.log" | summary comm_d replica_id last_label seconds peak_rss_bytes
echo "  outputs: $work/scratch/1000/1 (layers.h5, result.json), $work/cache (layers, tree-d)"
comm_d=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["comm_d"])' \
  "$work/scratch/1000/1/result.json")

echo "== vseal-pc2: tree_c, replica, tree_r_last, CommR (mpirun -np 2)"
cat > "$work/pc2.json" <<JSON
{"miner": 1000, "sector_number": 1, "registered_proof": "StackedDrg2KiBV1_1",
 "comm_d": "$comm_d", "cc": true,
 "paths": {"scratch": "$work/scratch", "cache": "$work/cache", "sealed": "$work/sealed/s-t01000-1"}}
JSON
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader \
  OMPI_MCA_oob_tcp_if_include=lo OMPI_MCA_rmaps_base_oversubscribe=1
mpirun -np 2 "$bin/vseal-pc2" "$work/pc2.json" 2>"$work/pc2.log" |
  summary comm_c comm_r_last comm_r ranks seconds.total
echo "== vseal cache check $work/cache"
"$bin/vseal" cache check "$work/cache" --sealed "$work/sealed/s-t01000-1" | summary ok comm_r problems
echo "== vseal c1: the vanilla PoRep proofs for a seed, verified (as C2 will take them)"
"$bin/vseal" c1 --registered-proof StackedDrg2KiBV1_1 --cache "$work/cache" \
  --sealed "$work/sealed/s-t01000-1" --layers "$work/scratch/1000/1/layers.h5" \
  --prover-id e807000000000000000000000000000000000000000000000000000000000000 --sector-id 1 \
  --ticket 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20 \
  --seed 2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40 \
  --out "$work/c1.json" 2>"$work/c1.log" | summary replica_id partitions challenges bytes seconds verified
"$bin/vseal" c1 verify "$work/c1.json" | summary valid challenges_checked problems
params="$vectors/params"
if [ -f "$params/fil-blst-winning32.prf" ]; then
  echo "== vseal verify post: a real 32GiB Winning PoSt proof (fil-blst test data, v27 key)"
  # The .prf file holds proof || input count || inputs (big-endian) || key; the leaf challenges
  # are taken from its inputs because the file does not carry the randomness.
  python3 - "$params/fil-blst-winning32.prf" "$work" <<'PY'
import json, struct, sys
b = open(sys.argv[1], "rb").read()
m = struct.unpack(">Q", b[192:200])[0]
inputs = [b[200 + 32 * i:232 + 32 * i] for i in range(m)]
open(sys.argv[2] + "/winning.proof", "wb").write(b[:192])
open(sys.argv[2] + "/winning.vk", "wb").write(b[200 + 32 * m:])
open(sys.argv[2] + "/winning-comm-r", "w").write(inputs[0][::-1].hex())
json.dump([[int.from_bytes(inputs[2 * s + 1], "big")] for s in range(m // 2)],
          open(sys.argv[2] + "/winning-leaves.json", "w"))
PY
  "$bin/vseal" verify post --registered-proof StackedDrgWinning32GiBV1 \
    --sector "1:$(cat "$work/winning-comm-r")" --leaves "$work/winning-leaves.json" \
    --proof-file "$work/winning.proof" --vk "$work/winning.vk" | summary valid partitions
fi
echo "== vcoord: the coordinator on the built-in dev chain ($sched executor, 2KiB sectors)"
# The coordinator's home stays after the demo (each demo starts it afresh), so that e.g.
# `build/bin/vcoord --home demo/home sectors list --json` shows the sectors afterwards.
home=demo/home
rm -rf "$home"
echo "  state: $home (config vcoord.toml, SQLite state.db, job directories under scratch/)"
"$bin/vcoord" --home "$home" --net devnet daemon init | summary config state schema_version
# The API on any free loopback port (not 1789: another vcoord may be running); the daemon
# writes its address to $home/api.
sed -i 's/^Listen = "127.0.0.1:1789"/Listen = "127.0.0.1:0"/' "$home/vcoord.toml"
if [ "$sched" = slurm ]; then
  "$(dirname "$0")/../slurm/devcluster/start"
  source "${VSEAL_DEVCLUSTER:-/var/tmp/vseal-devcluster}/env"
  sed -i 's/^Executor = "local"/Executor = "slurm"/' "$home/vcoord.toml"
fi
"$bin/vcoord" --home "$home" daemon run >"$work/vcoord.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -f "$home/devchain/api" ] && break; sleep 0.2; done
"$bin/vcoord" --home "$home" util miner create --sector-size 2KiB 2>/dev/null |
  summary id_address robust_address seal_proof
"$bin/vcoord" --home "$home" sectors pledge --miner 1000 --count 2 | summary miner sectors
echo "  sealing: ticket -> PC1 -> PC2 -> PreCommit (landed with 10 epochs of confidence) -> seed"
start=$SECONDS
shown=
for _ in $(seq 240); do
  states=$("$bin/vcoord" --home "$home" sectors list --json |
    python3 -c 'import json,sys; print(" ".join(s["state"] for s in json.load(sys.stdin)))')
  if [ "$states" != "$shown" ]; then
    printf '  %4ss  sector 1: %-18s sector 2: %s\n' $((SECONDS - start)) ${states:-- -}
    shown=$states
  fi
  [ "$states" = "SeedReady SeedReady" ] && break
  case "$states" in *Failed*) break ;; esac
  sleep 0.5
done
"$bin/vcoord" --home "$home" sectors list
"$bin/vcoord" --home "$home" sectors status 1
"$bin/vcoord" --home "$home" sectors list --json | python3 -c 'import json,sys
for s in json.load(sys.stdin):
    print("  CommR of sector %d: %s" % (s["number"], s.get("comm_r", "(not sealed)")))'
echo "== vcoord API (JSON-RPC at $(cat "$home/api"), token from vcoord auth create-token)"
token=$("$bin/vcoord" --home "$home" auth create-token --perm read)
python3 - "$(cat "$home/api")" "$token" <<'PY'
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
def get(u, body=None):
    req = urllib.request.Request(u, data=body, headers={"Authorization": "Bearer " + token})
    return urllib.request.urlopen(req, timeout=10).read().decode()
call = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "VCoord.Version", "params": []})
print("  VCoord.Version ->", json.loads(get(url, call.encode()))["result"])
print("  /metrics (excerpt):")
for line in get(url.rsplit("/rpc/", 1)[0] + "/metrics").splitlines():
    if line.startswith(("vcoord_sectors", "vcoord_jobs", "vcoord_message_latency_seconds_count")):
        print("   ", line)
PY
echo "== vcoord report (job accounting$([ "$sched" = slurm ] && echo " from sacct"))"
"$bin/vcoord" --home "$home" report
"$bin/vcoord" --home "$home" report --html >"$work/report.html"
echo "  charts: $work/report.html"
kill $daemon; wait $daemon || true
trap - EXIT
[ "$states" = "SeedReady SeedReady" ] || { echo "demo: sectors did not reach SeedReady ($states); log: $work/vcoord.log"; exit 1; }
echo "demo: ok (vcoord's state stays in $home: $bin/vcoord --home $home sectors list --json)"
