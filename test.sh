#!/usr/bin/env bash
# Runs every test of the solution (the README's test command).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Likeness.slnx -c Release --nologo "$@"
