#!/usr/bin/env bash
# Kill -9 drill for two server nodes on one PostgreSQL (issue 14, Faults): node B runs throughout, a fresh node A
# each round takes a fal training and a batch of fal-instant shots through its API and is SIGKILLed at a random
# moment; node B must finish both with exactly one fal submission per training and per shot, no lost shot, and no
# open reservation or credit hold. The fal emulator runs as its own process (tools/FalEmulatorHost); everything
# listens on 127.0.0.1 only. The drill makes its own database on the server LIKENESS_TEST_POSTGRES names
# (eval "$(/work/notes/pg.sh)" on the dev machine) and drops it at the end.
# Needs: dotnet build src/Likeness.Server -c Release && dotnet build tools/FalEmulatorHost -c Release; psql; python3.
# Usage: tools/kill9-server.sh [ROUNDS (20)] [BUDGET_S (1800): no round starts after it] [MAX_DELAY_S (6): the kill
#        comes 0 to this many seconds after the posts] [SHOTS (2) a batch] [MODE: cluster (default) | single: no
#        node B, the killed node's home and database are started again as a new process, which must finish both]
# A round takes 35 to 120 s on a loaded 2-core machine (mostly node A's start and the takeover), so 20 rounds need
# about half an hour: run it in the background and let the budget bound it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 "$root/tools/kill9-server.py" "$@"
