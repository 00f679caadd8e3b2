#!/usr/bin/env bash
# The read-replica tests against a real streaming replica.
#
# Starts a PostgreSQL primary and a hot standby made from it with `pg_basebackup -R`, each on a
# free port in a scratch folder, then runs tests/test_replicas.py with DATABASE_URL on the
# primary and DATABASE_REPLICA_URLS on the replica. Both servers are stopped and their folders
# deleted at the end. Needs PostgreSQL's server binaries (PG_BINDIR, else the newest
# /usr/lib/postgresql/*/bin); run as root, it runs them as the postgres user.
#
#   tests/ops/replica.sh            # or: make replica-test
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${BIN:-.venv/bin}
if [[ -z "${PG_BINDIR:-}" ]]; then
  PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$PG_BINDIR" ]] || PG_BINDIR=$(dirname "$(command -v initdb)")
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/registry-replica.XXXXXX")
as_owner=()
if [[ $(id -u) == 0 ]]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$workdir"
  as_owner=(runuser -u postgres --)
fi
pg() { "${as_owner[@]}" "$PG_BINDIR/$1" "${@:2}"; }

stop() {
  for cluster in replica primary; do
    if [[ -f "$workdir/$cluster/postmaster.pid" ]]; then
      pg pg_ctl -D "$workdir/$cluster" -m immediate stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$workdir"
}
trap stop EXIT

free_port() {
  "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
primary_port=$(free_port)
replica_port=$(free_port)
server_options() {
  echo "-p $1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$workdir -c fsync=off"
}

echo "== Primary on 127.0.0.1:$primary_port ($PG_BINDIR)"
# initdb's trust rules include replication connections from 127.0.0.1.
pg initdb -D "$workdir/primary" -U postgres --auth=trust >"$workdir/initdb.log"
pg pg_ctl -D "$workdir/primary" -o "$(server_options "$primary_port")" -l "$workdir/primary.log" -w start >/dev/null

echo "== Replica on 127.0.0.1:$replica_port, from pg_basebackup -R"
pg pg_basebackup -h 127.0.0.1 -p "$primary_port" -U postgres -D "$workdir/replica" -R -X stream
pg pg_ctl -D "$workdir/replica" -o "$(server_options "$replica_port") -c hot_standby=on" \
  -l "$workdir/replica.log" -w start >/dev/null
recovering=$(pg psql -h 127.0.0.1 -p "$replica_port" -U postgres -tAc "SELECT pg_is_in_recovery()")
[[ "$recovering" == "t" ]] || { echo "The replica is not a standby" >&2; exit 1; }

"${as_owner[@]}" "$PG_BINDIR/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -qc "CREATE DATABASE registry"
export DATABASE_URL="postgres://postgres@127.0.0.1:$primary_port/registry"
export DATABASE_REPLICA_URLS="postgres://postgres@127.0.0.1:$replica_port/registry"

echo "== tests/test_replicas.py against them"
# Every test must run: a skip here means the replica was not used.
output="$workdir/pytest.log"
status=0
"$BIN/pytest" -p no:cacheprovider -rs tests/test_replicas.py | tee "$output" || status=$?
if grep -q "SKIPPED" "$output"; then
  echo "Tests were skipped: the replica was not used." >&2
  status=1
fi
exit "$status"
