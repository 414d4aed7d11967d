#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). The workspace tests run on SQLite and on
# PostgreSQL: unless LIKENESS_TEST_POSTGRES names a server, this starts a throwaway PostgreSQL 15 cluster
# on 127.0.0.1 for the run (Debian: apt-get install postgresql-15) and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${LIKENESS_TEST_POSTGRES:-}" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ]; then
    echo "test.sh: PostgreSQL is not installed (apt-get install postgresql-15), or set LIKENESS_TEST_POSTGRES=off to run without it." >&2
    exit 2
  fi
  pg=$(mktemp -d /tmp/likeness-pg.XXXXXX)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg"; as_pg=(runuser -u postgres --); fi
  port=$((20000 + RANDOM % 20000))
  "${as_pg[@]}" "$bin/initdb" -D "$pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -o "-p $port -k $pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  # Cleanup must not decide the exit status: wait for the server to stop, then remove its folder.
  trap 'status=$?; "${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$pg" || true; exit $status' EXIT
  export LIKENESS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "test.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
fi

dotnet test Likeness.slnx -c Release --nologo "$@"
