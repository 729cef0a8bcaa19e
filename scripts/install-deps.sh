#!/usr/bin/env bash
# Installs the Debian 12 packages vseal builds against, skipping those already present.
# Idempotent: when nothing is missing it only runs dpkg-query. Needs root or sudo to install.
#   scripts/install-deps.sh          build and test dependencies
#   scripts/install-deps.sh slurm    the local Slurm dev cluster (slurm/devcluster/start)
set -euo pipefail

packages=(
  g++ make cmake pkg-config git
  libopenmpi-dev openmpi-bin            # MPI (PC2/C2 ranks)
  libhdf5-openmpi-dev                   # HDF5 layer store, parallel flavour
  libboost-program-options-dev          # CLIs
  nlohmann-json3-dev                    # job specs, JSON output
  libtomlplusplus-dev                   # vcoord config
  libspdlog-dev                         # logs
  libsqlite3-dev sqlite3                # vcoord state
  libssl-dev                            # BLAKE2b, HMAC-SHA256, test oracle for SHA-256
  libtbb-dev                            # task parallelism (PC2 blocks)
  libgtest-dev libgmock-dev             # tests
  libbenchmark-dev                      # benchmarks
)
if [[ "${1:-}" == slurm ]]; then
  packages=(
    munge slurm-wlm slurmdbd              # Slurm 22.05: controller, node daemon, accounting daemon
    mariadb-server                        # slurmdbd's database (sacct: MaxRSS, CPU time per step)
  )
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [slurm]" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "deps: done"
