#!/usr/bin/env bash
# Declares the libraries' public API (docs/contributing.md, "Public API").
#
#   tools/public-api.sh [PROJECT...]        add every undeclared public symbol to the project's PublicAPI.Unshipped.txt
#                                           and drop the entries of symbols that are gone
#   tools/public-api.sh ship [PROJECT...]   a release: move PublicAPI.Unshipped.txt into PublicAPI.Shipped.txt
#
# PROJECT is a library under src/ (Likeness.Core or Core); none means every library: each project under src/ that is
# not an executable, the same rule as Directory.Build.targets.
#
# The entries are the analyzer's own: the libraries are built once (Release) with LikenessPublicApiWrite=true, which
# keeps RS0016/RS0017 as warnings, and each "Symbol '...' is not part of the declared public API" (RS0016) is written
# as it is. A removed symbol (RS0017) leaves Unshipped if it was there; one from Shipped is declared removed with a
# *REMOVED* line in Unshipped. Both files are rewritten sorted (the order of the analyzer's code fix), with
# '#nullable enable' first, so two runs on the same tree write the same bytes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mode=update
if [ "${1:-}" = ship ]; then mode=ship; shift; fi
case "${1:-}" in -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

libraries=()
for csproj in src/*/*.csproj; do
  grep -Eq '<OutputType>(Exe|WinExe)</OutputType>' "$csproj" || libraries+=("$csproj")
done

selected=()
if [ $# -eq 0 ]; then
  selected=("${libraries[@]}")
else
  for name in "$@"; do
    name=${name%/}; name=${name##*/}; name=${name%.csproj}
    match=""
    for csproj in "${libraries[@]}"; do
      base=$(basename "$csproj" .csproj)
      if [ "$base" = "$name" ] || [ "$base" = "Likeness.$name" ]; then match=$csproj; fi
    done
    if [ -z "$match" ]; then
      echo "public-api: '$name' is not a library under src/ (libraries: $(printf '%s ' "${libraries[@]}" | xargs -n1 basename | sed 's/\.csproj$//' | xargs))" >&2
      exit 2
    fi
    selected+=("$match")
  done
fi

start=$(date +%s)

# Both files must exist for the analyzer to compare; a new library starts with empty ones.
for csproj in "${selected[@]}"; do
  dir=$(dirname "$csproj")
  for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [ -f "$dir/$file" ] || printf '#nullable enable\n' > "$dir/$file"
  done
done

log=""
if [ "$mode" = update ]; then
  # Build only the selected libraries that no other selected library references: the rest compile as their
  # references. Touching Unshipped (an input of the compiler) makes each selected library compile, and so report,
  # even when MSBuild thinks it is up to date.
  roots=()
  for csproj in "${selected[@]}"; do
    base=$(basename "$csproj")
    referenced=no
    for other in "${selected[@]}"; do
      if [ "$other" != "$csproj" ] && grep -q "ProjectReference Include=\"[^\"]*[\\/]$base\"" "$other"; then referenced=yes; fi
    done
    [ "$referenced" = yes ] || roots+=("$csproj")
    touch "$(dirname "$csproj")/PublicAPI.Unshipped.txt"
  done
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  for csproj in "${roots[@]}"; do
    echo "public-api: building $csproj" >&2
    if ! DOTNET_CLI_UI_LANGUAGE=en dotnet build "$csproj" -c Release -nologo -tl:off -v:q -clp:NoSummary \
        -p:LikenessPublicApiWrite=true >>"$log" 2>&1; then
      grep -E ': error ' "$log" | sort -u >&2 || cat "$log" >&2
      echo "public-api: the build failed; nothing was written" >&2
      exit 1
    fi
  done
fi

python3 - "$mode" "$log" "${selected[@]}" <<'PY'
import os, re, sys

mode, log, projects = sys.argv[1], sys.argv[2], sys.argv[3:]
NULLABLE = "#nullable enable"
REMOVED = "*REMOVED*"
# MSBuild prints the rule's help link, then the project: " (https://...) [/path/X.csproj]".
tail = r"(?: \(https?://[^()\s]*\))? \[(?P<proj>[^\]:]+\.csproj)(?:::[^\]]*)?\]$"
added_rx = re.compile(r": (?:warning|error) RS0016: Symbol '(?P<api>.*)' is not part of the declared public API" + tail)
gone_rx = re.compile(r": (?:warning|error) RS0017: Symbol '(?P<api>.*)' is part of the declared API, but is either not public or could not be found" + tail)
other_rx = re.compile(r": (?:warning|error) (RS00\d\d): .*" + tail)

def key(line):
    # The analyzer's code fix keeps the files in this order: ordinal ignoring case, then ordinal.
    return (line.upper(), line)

def read(path):
    with open(path, encoding="utf-8") as f:
        return {l.rstrip("\r\n") for l in f if l.strip() and l.rstrip("\r\n") != NULLABLE}

def write(path, lines):
    text = NULLABLE + "\n" + "".join(l + "\n" for l in sorted(lines, key=key))
    with open(path, encoding="utf-8", newline="") as f:
        if f.read() == text:
            return  # an unchanged file keeps its time, so the next build does not compile the library again
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)

added, gone, others = {}, {}, set()
if log:
    with open(log, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            for rx, into in ((added_rx, added), (gone_rx, gone)):
                m = rx.search(line)
                if m:
                    into.setdefault(os.path.realpath(m["proj"]), set()).add(m["api"])
                    break
            else:
                m = other_rx.search(line)
                if m:
                    others.add(line)
                    # The write build left an assembly: touch the list so the next build compiles and reports it too.
                    listed = os.path.join(os.path.dirname(m["proj"]), "PublicAPI.Unshipped.txt")
                    if os.path.exists(listed):
                        os.utime(listed)

for csproj in projects:
    real = os.path.realpath(csproj)
    folder = os.path.dirname(csproj)
    shipped_path = os.path.join(folder, "PublicAPI.Shipped.txt")
    unshipped_path = os.path.join(folder, "PublicAPI.Unshipped.txt")
    shipped, unshipped = read(shipped_path), read(unshipped_path)
    new, removed = added.get(real, set()), gone.get(real, set())
    if mode == "ship":
        dropped = {l[len(REMOVED):] for l in unshipped if l.startswith(REMOVED)}
        moved = {l for l in unshipped if not l.startswith(REMOVED)}
        shipped = (shipped - dropped) | moved
        unshipped = set()
        note = f"{len(moved)} shipped, {len(dropped)} removed"
    else:
        unshipped |= new - shipped
        for api in removed:
            if api in unshipped:
                unshipped.discard(api)
            elif api in shipped:
                unshipped.add(REMOVED + api)
        note = f"{len(new)} added, {len(removed)} removed"
    write(shipped_path, shipped)
    write(unshipped_path, unshipped)
    print(f"{folder}: {note}; Shipped {len(shipped)}, Unshipped {len(unshipped)} entries")

if others:
    print("public-api: not fixed here (see docs/contributing.md, Public API):", file=sys.stderr)
    for line in sorted(others):
        print("  " + line, file=sys.stderr)
    sys.exit(1)
PY
echo "public-api: $mode done in $(( $(date +%s) - start )) s" >&2
