#!/usr/bin/env bash
# What chaining PC2 to PC1 (--dependency) and PC1 job arrays buy under Slurm, side by side.
#   bench/slurm_chain.sh [BUILD_DIR] [SECTORS] [RUNS]
# Needs the dev cluster (slurm/devcluster/start). Each run seals SECTORS 2KiB CC sectors with
# vcoord's Slurm executor up to PC2 done, once with [Jobs] ChainPC2 = true and once with
# false (interleaved, so both see the same machine), daemon tick 1 s (the default), PC2 with
# one CPU so that on a small node the gap is scheduling, not waiting for CPUs. Per mode
# it prints, from sacct (one-second resolution, so a mean over several sectors and runs): the mean gap between a sector's PC1 end and its PC2 start, the time
# from pledge to the last PC2 end, and the number of sbatch calls vcoord made.
set -euo pipefail
build=$(readlink -f "${1:-build}")
sectors=${2:-4}
runs=${3:-3}
cluster=${VSEAL_DEVCLUSTER:-/var/tmp/vseal-devcluster}
# shellcheck disable=SC1091
source "$cluster/env"
vcoord=$build/bin/vcoord
work=$(mktemp -d /tmp/vseal-bench-chain.XXXXXX)
trap 'rm -rf "$work"' EXIT

epoch() { date -d "$1" +%s; }

run_once() { # mode run -> "gap_sum gap_count total sbatch_calls"
  local chain=$1 home=$work/$1-$2 pid start
  "$vcoord" --home "$home" --net devnet daemon init >/dev/null
  sed -i -e 's/^Executor = "local"/Executor = "slurm"/' \
    -e "s/^ChainPC2 = true/ChainPC2 = $chain/" \
    -e 's/^BlockTime = "1s"/BlockTime = "200ms"/' "$home/vcoord.toml"
  python3 - "$home/vcoord.toml" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("[Jobs.PC2]\nCpus = 2", "[Jobs.PC2]\nCpus = 1")
open(p, "w").write(s)
EOF
  "$vcoord" --home "$home" daemon run >"$home/daemon.log" 2>&1 &
  pid=$!
  until [ -f "$home/devchain/api" ]; do sleep 0.1; done
  "$vcoord" --home "$home" util miner create --sector-size 2KiB >/dev/null 2>&1
  start=$(date +%s)
  "$vcoord" --home "$home" sectors pledge --miner 1000 --count "$sectors" >/dev/null
  until [ "$("$vcoord" --home "$home" sectors list --json |
    python3 -c 'import json,sys; s=json.load(sys.stdin); print(sum(x["state"] not in ("Allocated","TicketAssigned","PC1Running","PC1Done","PC2Running") for x in s))')" = "$sectors" ]; do
    sleep 0.5
  done
  kill "$pid"
  wait "$pid" || true
  local gap_sum=0 last_end=0 calls
  for n in $(seq 1 "$sectors"); do
    local j1 j2 e1 s2 e2
    j1=$("$vcoord" --home "$home" jobs list --json | python3 -c "import json,sys; print([j['handle'] for j in json.load(sys.stdin) if j['id'].startswith('pc1-1000-$n-') and j['state']=='succeeded'][0])")
    j2=$("$vcoord" --home "$home" jobs list --json | python3 -c "import json,sys; print([j['handle'] for j in json.load(sys.stdin) if j['id'].startswith('pc2-1000-$n-') and j['state']=='succeeded'][0])")
    e1=$(epoch "$(sacct -n -X -P -o End -j "$j1")")
    s2=$(epoch "$(sacct -n -X -P -o Start -j "$j2")")
    e2=$(epoch "$(sacct -n -X -P -o End -j "$j2")")
    gap_sum=$((gap_sum + s2 - e1))
    [ "$e2" -gt "$last_end" ] && last_end=$e2
  done
  # Array elements share one sbatch call: count distinct command lines.
  calls=$(cat "$home"/scratch/1000/*/jobs/*/slurm.submit | grep '^sbatch' | sort -u | wc -l)
  echo "$gap_sum $sectors $((last_end - start)) $calls"
}

declare -A gaps counts totals calls
for r in $(seq 1 "$runs"); do
  for mode in true false; do
    read -r g c t s < <(run_once "$mode" "$r")
    gaps[$mode]=$((${gaps[$mode]:-0} + g))
    counts[$mode]=$((${counts[$mode]:-0} + c))
    totals[$mode]="${totals[$mode]:-} $t"
    calls[$mode]="${calls[$mode]:-} $s"
    echo "run $r ChainPC2=$mode: PC1 end -> PC2 start $g s over $c sectors, pledge -> last PC2 end $t s, sbatch calls $s"
  done
done
for mode in true false; do
  awk -v m="$mode" -v g="${gaps[$mode]}" -v c="${counts[$mode]}" -v t="${totals[$mode]}" \
    -v s="${calls[$mode]}" 'BEGIN { n = split(t, a, " "); split(s, b, " "); sum = 0;
      for (i = 1; i <= n; i++) sum += a[i];
      printf "ChainPC2=%s: mean PC1 end -> PC2 start %.2f s; pledge -> last PC2 end %.1f s (mean of %d runs); sbatch calls per run %s\n",
        m, g / c, sum / n, n, b[1] }'
done
