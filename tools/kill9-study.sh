#!/usr/bin/env bash
# Kills `likeness study run` (or, with MODE training, `likeness identity create --provider sim-lora`) with SIGKILL
# at random moments K times (default 5), waits out the claim lease, runs `likeness doctor`, runs the command to the
# end and `likeness doctor` again, then counts what must be zero: duplicate paid calls (two succeeded shots for
# one cache key; more than one charged training), lost outputs (a succeeded shot whose image is not in the asset
# store), work left pending (shots, or trainings other than the one ready identity) and open reservations.
# Needs the CLI built (dotnet build src/Likeness.Cli -c Release), sqlite3 and python3.
# Usage: tools/kill9-study.sh [K] [MAX_DELAY_S] [study|training]: each kill comes 0 to MAX_DELAY_S (default 4)
# seconds after the run's first progress line (a training: after it starts); on a loaded machine a wider window
# reaches later points.
set -euo pipefail
k=${1:-5}
max_delay=${2:-4}
mode=${3:-study}
root=$(cd "$(dirname "$0")/.." && pwd)
cli=(dotnet "$root/src/Likeness.Cli/bin/Release/net10.0/likeness.dll")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
home=$work/home

study() { # name scenarios variations
  cat > "$work/$1.yaml" <<YAML
name: $1
cast: $root/samples/cast
scenarios: $2
variations: $3
providers: [sim-instant, sim-reference]
megapixels: 0.1
YAML
  echo "$work/$1.yaml"
}

# The cast is imported by a first, small study run to the end (the kills are about paid calls, not the import).
"${cli[@]}" study run "$(study import '[action]' 1)" --allow-path "$root/samples/cast" --out "$work/import" --home "$home" >/dev/null
file=$(study kill9 '[close-up-portrait, profile, low-light]' 3)

run() { # the command the kills interrupt
  if [ "$mode" = training ]; then
    "${cli[@]}" identity create -c "Joe Biden" --provider sim-lora --home "$home"
  else
    "${cli[@]}" study run "$file" --allow-path "$root/samples/cast" --out "$work/out" --home "$home"
  fi
}

for i in $(seq 1 "$k"); do
  run > "$work/run-$i.log" 2>&1 &
  pid=$!
  # A study: once it is making shots (its first "[n/N]" line), a random 0 to MAX_DELAY_S more, then SIGKILL.
  for _ in $(seq 1 3000); do
    if [ "$mode" = training ] || grep -q '\[[0-9]*/[0-9]*\]' "$work/run-$i.log" 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  sleep "$(awk -v r="$RANDOM" -v m="$max_delay" 'BEGIN { printf "%.2f", (r % (m * 100 + 1)) / 100 }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$mode" = training ]; then
    echo "kill $i/$k: $(sqlite3 "$home/likeness.db" "SELECT COUNT(*) FROM IdentityModels WHERE Provider = 'sim-lora' AND Status = 'Ready'") trainings finished so far"
  else
    echo "kill $i/$k: $(sqlite3 "$home/likeness.db" "SELECT COUNT(*) FROM Shots WHERE Status = 'Succeeded'") shots made so far"
  fi
done

sleep 31 # past the 30 s claim lease of the killed processes
"${cli[@]}" doctor --home "$home" > "$work/doctor-1.txt" || true
echo "doctor after the kills:"
sed 's/^/  /' "$work/doctor-1.txt"
run | tail -n 1
"${cli[@]}" doctor --json --home "$home" > "$work/doctor-2.json" || true

python3 - "$home" "$work/doctor-2.json" "$mode" <<'PY'
import json, os, sqlite3, sys
home, doctor, mode = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
db = sqlite3.connect(os.path.join(home, "likeness.db"))
duplicates = db.execute("SELECT COUNT(*) FROM (SELECT CacheKey FROM Shots WHERE Status = 'Succeeded' GROUP BY CacheKey HAVING COUNT(*) > 1)").fetchone()[0]
pending = db.execute("SELECT COUNT(*) FROM Shots WHERE Status = 'Pending'").fetchone()[0]
if mode == "training":
    # Every charged training made a ready identity (a run that finished before its kill rightly made a new
    # version; one that was killed made nothing and was refunded); no training left in progress.
    charged = db.execute("SELECT COUNT(*) FROM Ledger WHERE Kind = 'Commit' AND ReservationId IN "
                         "(SELECT ReservationId FROM Ledger WHERE Kind = 'Reserve' AND Description LIKE 'training %')").fetchone()[0]
    ready = db.execute("SELECT COUNT(*) FROM IdentityModels WHERE Provider = 'sim-lora' AND Status = 'Ready'").fetchone()[0]
    training = db.execute("SELECT COUNT(*) FROM IdentityModels WHERE Provider = 'sim-lora' AND Status = 'Training'").fetchone()[0]
    print(f"ready identities: {ready}, charged trainings: {charged}")
    duplicates += abs(charged - ready) + (0 if ready >= 1 else 1)
    pending += training
lost = 0
for (assets,) in db.execute("SELECT Assets FROM Shots WHERE Status = 'Succeeded'"):
    for sha in json.loads(assets):
        if not os.path.exists(os.path.join(home, "assets", sha[:2], sha[2:4], sha)):
            lost += 1
open_reservations = sum(p["open_reservations"] for p in doctor["projects"])
print(f"duplicate paid calls: {duplicates}, lost outputs: {lost}, pending shots: {pending}, "
      f"open reservations: {open_reservations}, reconciled: {doctor['reconciled']}")
sys.exit(0 if duplicates == lost == pending == open_reservations == 0 and doctor["reconciled"] else 1)
PY
