#!/usr/bin/env bash
# Runs clang-tidy-14 with the repository's .clang-tidy over the harness's
# own code (harness/src), using build/release/compile_commands.json, and
# prints the findings and a count per check.
#   scripts/tidy.sh --self-test     a planted finding must be reported
#   scripts/tidy.sh [BUILD_DIR]     default build/release (configure it first:
#                                   `cmake --preset release`; the build need not
#                                   have run, but the report's generated
#                                   report_assets.cpp is skipped)
# Libraries are compiled as unity translation units (WSH_UNITY_BUILD), so the
# compile database names build/.../Unity/unity_N_cxx.cxx files that include
# the sources; those are what is checked, and HeaderFilterRegex reports the
# findings in the harness/src files they include. Exits 1 if there is any
# finding, 2 if clang-tidy or the database is missing. JOBS sets the number
# of clang-tidy processes (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

clang_tidy="${CLANG_TIDY:-clang-tidy-14}"
jobs="${JOBS:-2}"
if ! command -v "$clang_tidy" >/dev/null; then
  echo "tidy.sh: $clang_tidy not found (Debian: apt-get install clang-tidy-14)" >&2
  exit 2
fi

# --self-test: the negative control. A planted use-after-move must be
# reported under the repository's .clang-tidy; otherwise a clang-tidy that
# cannot parse the code, or a configuration that checks nothing, would look
# exactly like clean code.
if [ "${1:-}" = "--self-test" ]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  cat >"$scratch/planted.cpp" <<'CPP'
#include <string>
#include <utility>
std::size_t planted(std::string text) {
  std::string taken = std::move(text);
  return taken.size() + text.size();
}
CPP
  if "$clang_tidy" --quiet --config-file=.clang-tidy "$scratch/planted.cpp" -- -std=c++20 2>/dev/null |
      grep -q 'bugprone-use-after-move'; then
    echo "tidy.sh: self-test: the planted use-after-move is reported"
    exit 0
  fi
  echo "tidy.sh: self-test FAILED: a planted use-after-move went unreported" >&2
  exit 1
fi

build_dir="${1:-build/release}"
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "tidy.sh: no $build_dir/compile_commands.json (run: cmake --preset release)" >&2
  exit 2
fi

# The translation units of harness/src's libraries and the wsharness
# executable: unity files, or plain sources when WSH_UNITY_BUILD is OFF.
mapfile -t units < <(python3 - "$build_dir/compile_commands.json" <<'PY'
import json, sys
for entry in json.load(open(sys.argv[1])):
    path = entry["file"]
    if "/harness/src/" in path and not path.endswith("report_assets.cpp"):
        print(path)
PY
)
if [ "${#units[@]}" -eq 0 ]; then
  echo "tidy.sh: no harness/src translation units in $build_dir/compile_commands.json" >&2
  exit 2
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The database's compiler is g++: clang does not know some of its warning
# flags (-Wshadow=local), which is not a finding.
printf '%s\n' "${units[@]}" |
  xargs -P "$jobs" -n 1 "$clang_tidy" -p "$build_dir" --quiet --extra-arg=-Wno-unknown-warning-option \
  2>/dev/null >>"$log" || true

# One finding per "file:line:col: warning: ... [check]" line; a header seen
# from several translation units is reported once.
grep -E '^/.*: (warning|error): .*\[[a-z0-9.,-]+\]$' "$log" | sort -u >"$log.findings" || true
cat "$log.findings"
echo "--- findings per check (${#units[@]} translation units)"
sed -E 's/.*\[([^]]+)\]$/\1/' "$log.findings" | sort | uniq -c | sort -rn
total=$(wc -l <"$log.findings")
rm -f "$log.findings"
echo "--- $total finding(s)"
[ "$total" -eq 0 ]
