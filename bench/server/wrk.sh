#!/usr/bin/env bash
# Authenticated read throughput of the server on loopback (SQLite, files, the sim provider), measured with wrk.
# Usage: bench/server/wrk.sh [SHOTS (500)] [DURATION (15s)] [LIGHT_CONNECTIONS (4)] [SATURATION_CONNECTIONS (64)]
# It starts a server on a fresh home, seeds a project, a character with four references and SHOTS shots (ten made
# through the API, the rest copies of their rows), then runs wrk (bounded by DURATION) against GET a character, a page of
# 50 of its shots and its whole shot list, as summaries (the list's default) and whole (?view=full, the shape the list
# had before summaries), with few connections (the latency a light load sees) and with many (saturation), and prints
# one table. wrk has no fixed request rate (wrk2 has), so each row reports the throughput and latency percentiles its
# connection count gave, and its rate as a share of the character read's at the same connections ("x char"): on a
# loaded machine, where absolute rates say little, that ratio is what compares the list's shapes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHOTS=${1:-500}
DURATION=${2:-15s}
LIGHT=${3:-4}
SATURATION=${4:-64}
DLL=$ROOT/src/Likeness.Server/bin/Release/net10.0/Likeness.Server.dll
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f "$DLL" ] || dotnet build "$ROOT/src/Likeness.Server" -c Release >&2

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
# One node on SQLite and files; the rate limit is lifted so wrk measures the server, not the limiter.
env -u LIKENESS_DATABASE_URL -u LIKENESS_S3_BUCKET dotnet "$DLL" --urls "$URL" --Likeness:Home "$WORK/home" \
  --Likeness:Server:RateLimitPermits 100000000 --Likeness:Server:RateLimitBurst 100000000 \
  --Logging:LogLevel:Default Warning >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do
  curl -fs "$URL/health/live" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done
TOKEN=$(grep -o 'lk_[A-Za-z0-9_-]*' "$WORK/server.log" | head -1)
[ -n "$TOKEN" ] || { echo "no first-owner token in the server's output" >&2; cat "$WORK/server.log" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
API=$URL/api
PROJECT=$(curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"Bench","budgetUsd":1000}' "$API/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
CHARACTERS=$API/projects/$PROJECT/characters
curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"Obama"}' "$CHARACTERS" >/dev/null
CAST=$ROOT/samples/cast
# One upload with all four: the checks need at least three faces among the character's references.
curl -sS --fail-with-body -H "$AUTH" -F "file=@$CAST/obama.jpg" -F "file=@$CAST/obama1.jpg" -F "file=@$CAST/obama2.jpg" -F "file=@$CAST/obama3.jpg" \
  "$CHARACTERS/Obama/references" >"$WORK/references.json" || { cat "$WORK/references.json" >&2; exit 1; }
SEEDED=$(date +%s)
# Ten shots through the API (each is generated and scored: seconds each on a loaded 2-core machine), then copies of
# their rows in the database up to SHOTS (new ids and cache keys): the reads measured below cannot tell them apart.
MADE=$(( SHOTS < 10 ? SHOTS : 10 ))
seq 1 "$MADE" | xargs -P 2 -I{} curl -fs -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"provider":"sim-instant","prompt":"a portrait","seed":{}}' "$CHARACTERS/Obama/shots"
python3 - "$WORK/home/likeness.db" "$SHOTS" <<'PY'
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1], timeout=30)
columns = [c[1] for c in db.execute('PRAGMA table_info("Shots")')]
rows = db.execute('SELECT * FROM "Shots"').fetchall()
for i in range(int(sys.argv[2]) - len(rows)):
    row = dict(zip(columns, rows[i % len(rows)]))
    row["Id"] = str(uuid.uuid4()).upper()
    row["CacheKey"] = f'{row["CacheKey"]}-copy-{i}'
    db.execute(f'INSERT INTO "Shots" ({", ".join(chr(34) + c + chr(34) for c in columns)}) VALUES ({", ".join("?" * len(columns))})', [row[c] for c in columns])
db.commit()
PY
LISTED=$(curl -fs -H "$AUTH" "$CHARACTERS/Obama/shots" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "seeded $LISTED shots in $(( $(date +%s) - SEEDED )) s" >&2

cat >"$WORK/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.1f %.2f %.2f %.2f %.2f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
printf '%-44s %6s %9s %7s %9s %9s %9s %9s %7s\n' endpoint conns 'req/s' errors 'p50 ms' 'p90 ms' 'p99 ms' 'max ms' 'x char'
declare -A CHARACTER_RATE
for path in "characters/Obama" "characters/Obama/shots?limit=50" "characters/Obama/shots?limit=50&view=full" \
  "characters/Obama/shots" "characters/Obama/shots?view=full"; do
  for conns in "$LIGHT" "$SATURATION"; do
    threads=$(( conns < 2 ? 1 : 2 ))
    line=$(wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 10s --latency -s "$WORK/read.lua" "$API/projects/$PROJECT/$path" | grep '^RESULT')
    read -r _ requests errors _ rate p50 p90 p99 max <<<"$line"
    [ "$path" = "characters/Obama" ] && CHARACTER_RATE[$conns]=$rate
    ratio=$(python3 -c "print(f'{$rate / max(${CHARACTER_RATE[$conns]}, 0.1):.3f}')")
    printf '%-44s %6s %9s %7s %9s %9s %9s %9s %7s\n' "GET $path" "$conns" "$rate" "$errors" "$p50" "$p90" "$p99" "$max" "$ratio"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
