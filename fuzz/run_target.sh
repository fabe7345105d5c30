#!/bin/bash
# Runs one libFuzzer target for a time budget on a scratch copy of its
# corpus, restarting after a crash (libFuzzer stops at the first one) until
# the budget is spent, and writes what happened to WORK_DIR:
#   corpus/   the scratch corpus (seeds + what the run found)
#   crashes/  crash-*, leak-*, timeout-*, oom-* inputs
#   log       libFuzzer's output, all runs
#   stats     key=value: runs, execs, exec_per_sec, cov, crashes, seconds
#
#   fuzz/run_target.sh BIN_DIR TARGET SECONDS WORK_DIR
# BIN_DIR holds the target binary and its .dict/.options (build/fuzz/fuzz).
set -euo pipefail

bin_dir=$1 target=$2 seconds=$3 work=$4
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=$bin_dir/$target
[[ -x $binary ]] || { echo "run_target: $binary not built (make fuzz-build)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work/corpus" "$work/crashes"
cp -r "$repo/fuzz/corpus/$target/." "$work/corpus/" 2>/dev/null || true
regressions=$repo/fuzz/regressions/$target
findings=$repo/fuzz/findings/$target

# Settings from <target>.options ([libfuzzer] section, key = value).
flags=(-print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/crashes/")
if [[ -f $binary.options ]]; then
  while IFS='=' read -r key value; do
    key=${key// /} value=${value// /}
    [[ -z $key || $key == \[* || $key == \#* ]] && continue
    [[ $key == dict ]] && value=$bin_dir/$value
    flags+=("-$key=$value")
  done < "$binary.options"
fi

: > "$work/log"
deadline=$(( $(date +%s) + seconds ))
runs=0
max_runs=4  # a crash that reproduces at once must not eat the whole budget in restarts
while (( runs < max_runs )); do
  left=$(( deadline - $(date +%s) ))
  (( left >= 1 )) || break
  runs=$((runs + 1))
  echo "=== run $runs: $left s" >> "$work/log"
  dirs=("$work/corpus")
  [[ -d $regressions ]] && dirs+=("$regressions")
  [[ -d $findings ]] && dirs+=("$findings")
  if "$binary" "${flags[@]}" -max_total_time="$left" "${dirs[@]}" >> "$work/log" 2>&1; then
    break  # the budget ran out without a crash
  fi
done

# Weighted over runs: total execs / total seconds libFuzzer reported.
read -r execs exec_per_sec < <(awk '
  /stat::number_of_executed_units:/ { units = $2; total += $2 }
  /stat::average_exec_per_sec:/ { if ($2 > 0) secs += units / $2 }
  END { printf "%d %d\n", total, (secs > 0 ? total / secs : 0) }' "$work/log")
cov=$({ grep -o 'cov: [0-9]*' "$work/log" || true; } | tail -1 | awk '{print $2}')
crashes=$(find "$work/crashes" -type f | wc -l)
{
  echo "target=$target"
  echo "runs=$runs"
  echo "seconds=$seconds"
  echo "execs=$execs"
  echo "exec_per_sec=$exec_per_sec"
  echo "cov=${cov:-0}"
  echo "crashes=$crashes"
  echo "corpus_files=$(find "$work/corpus" -type f | wc -l)"
} > "$work/stats"
