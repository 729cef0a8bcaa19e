# Shared by slurm/devcluster/{start,stop,status}: where the dev cluster keeps its state and how
# its daemons are found. Everything lives under one directory, $VSEAL_DEVCLUSTER
# (default /var/tmp/vseal-devcluster): configuration, munge key and socket, MariaDB data,
# Slurm spools, logs and pid files. Slurm's own ports (6817-6819) and MariaDB's (6820) are
# fixed, so there is one dev cluster per machine.
DC=${VSEAL_DEVCLUSTER:-/var/tmp/vseal-devcluster}
DC_ETC=$DC/etc
DC_RUN=$DC/run
DC_LOG=$DC/log
DC_MUNGE=$DC/munge
DC_DB=$DC/mysql
DC_DB_PORT=${VSEAL_DEVCLUSTER_DB_PORT:-6820}
export SLURM_CONF=$DC_ETC/slurm.conf

dc_log() { printf '[devcluster %s] %s\n' "$(date +%H:%M:%S.%3N)" "$*"; }

# running PIDFILE: the daemon whose pid the file holds is alive.
dc_running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# dc_wait SECONDS WHAT CMD...: polls CMD every 0.2 s until it succeeds or the time is up.
dc_wait() {
  local limit=$1 what=$2
  shift 2
  local deadline=$(($(date +%s) + limit))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      dc_log "timed out after ${limit} s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
  dc_log "$what ready"
}

# The daemons in start order: name, pid file.
DC_DAEMONS=(
  "munged $DC_MUNGE/munged.pid"
  "mariadbd $DC_DB/mariadbd.pid"
  "slurmdbd $DC_RUN/slurmdbd.pid"
  "slurmctld $DC_RUN/slurmctld.pid"
  "slurmd $DC_RUN/slurmd.pid"
)
