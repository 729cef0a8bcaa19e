#!/usr/bin/env bash
# ctest fixture for the Slurm tests: `up STATEFILE` starts slurm/devcluster unless it already
# runs (noting who started it), `down STATEFILE` stops it only when `up` started it, so a
# developer's running cluster is left alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case "${1:-}" in
  up)
    if "$ROOT/slurm/devcluster/status" >/dev/null 2>&1; then
      echo keep >"$2"
      echo "slurm fixture: dev cluster already running"
    else
      "$ROOT/slurm/devcluster/start"
      echo stop >"$2"
    fi
    ;;
  down)
    if [ "$(cat "$2" 2>/dev/null)" = stop ]; then "$ROOT/slurm/devcluster/stop"; fi
    rm -f "$2"
    ;;
  *)
    echo "usage: $0 up|down STATEFILE" >&2
    exit 2
    ;;
esac
