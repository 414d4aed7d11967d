#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). The workspace tests run on SQLite and on
# PostgreSQL, and the asset-store tests on disk and on S3: unless LIKENESS_TEST_POSTGRES / LIKENESS_TEST_S3
# name servers, this starts a throwaway PostgreSQL 15 cluster (Debian: apt-get install postgresql-15) and a
# local S3 server (s3rver from npm, tools/s3rver) on 127.0.0.1 for the run, and removes them afterwards.
set -euo pipefail
cd "$(dirname "$0")"

# Cleanup must not decide the exit status: wait for the servers to stop, then remove their folders.
cleanup() {
  status=$?
  if [ -n "${pg:-}" ]; then "${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$pg" || true; fi
  if [ -n "${s3pid:-}" ]; then kill "$s3pid" 2>/dev/null || true; wait "$s3pid" 2>/dev/null || true; rm -rf "$s3dir" || true; fi
  exit "$status"
}
trap cleanup EXIT

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
  "${as_pg[@]}" "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -o "-p $port -k $pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start >/dev/null
  export LIKENESS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "test.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
fi

if [ -z "${LIKENESS_TEST_S3:-}" ]; then
  if ! command -v node >/dev/null; then
    echo "test.sh: Node.js is needed for the local S3 server, or set LIKENESS_TEST_S3=off to run without it." >&2
    exit 2
  fi
  [ -x tools/s3rver/node_modules/.bin/s3rver ] || npm ci --silent --prefix tools/s3rver >/dev/null
  s3dir=$(mktemp -d /tmp/likeness-s3.XXXXXX)
  s3port=$((20000 + RANDOM % 20000))
  node tools/s3rver/node_modules/.bin/s3rver -d "$s3dir" -a 127.0.0.1 -p "$s3port" --configure-bucket likeness-test --silent &
  s3pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$s3port") 2>/dev/null && break; sleep 0.2; done
  export LIKENESS_TEST_S3="http://127.0.0.1:$s3port"
  echo "test.sh: s3rver on 127.0.0.1:$s3port"
fi


dotnet test Likeness.slnx -c Release --nologo "$@"
