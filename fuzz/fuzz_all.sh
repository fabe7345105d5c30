#!/bin/bash
# `make fuzz`: every built target for FUZZ_SECONDS (default 60) on a scratch
# copy of its corpus (fuzz/corpus is not touched), then one line per target.
# Exits 1 if any target crashed; the inputs are in build/fuzz/run/<target>/crashes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${FUZZ_BIN_DIR:-$repo/build/fuzz/fuzz}
seconds=${FUZZ_SECONDS:-60}
work_root=${FUZZ_WORK_DIR:-$repo/build/fuzz/run}
targets=${FUZZ_TARGETS:-$(cd "$repo/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')}

failed=0
for target in $targets; do
  if [[ ! -x $bin_dir/$target ]]; then
    echo "$target: not built, skipped"
    continue
  fi
  "$repo/fuzz/run_target.sh" "$bin_dir" "$target" "$seconds" "$work_root/$target"
  # shellcheck disable=SC1090
  source "$work_root/$target/stats"
  mismatches=$({ grep -h 'mismatch-count' "$work_root/$target/log" || true; } | awk '{n[$3] += $4} END {for (k in n) printf "%s%s=%d", (c++ ? "," : ""), k, n[k]}')
  printf '%-20s %8s exec/s  cov %6s  corpus %5s  crashes %s%s\n' "$target" "$exec_per_sec" "$cov" \
    "$corpus_files" "$crashes" "${mismatches:+  mismatches $mismatches}"
  (( crashes == 0 )) || failed=1
done
exit $failed
