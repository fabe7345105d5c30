#!/bin/bash
# `make fuzz-nightly`: every built target for FUZZ_SECONDS (default 600) on
# a scratch copy of its corpus, then
#   - corpus merge: `-merge=1` adds to fuzz/corpus/<target>/ only the new
#     inputs that reach coverage the corpus does not (checked-in seeds keep
#     their names, so the exported case seeds stay recognisable);
#   - crashes copied to fuzz/crashes/<target>/ (new ones counted; not checked
#     in), with the steps that turn each into a regression test;
#   - the mutation score: fuzz/mutants.sh (FUZZ_MUTANT_SECONDS per mutant,
#     default 60; FUZZ_MUTANTS=0 skips it and shows the last score, if any);
#   - build/fuzz/summary.json and summary.html: exec/s, coverage, corpus size,
#     new crashes and mismatch counts per target, and the mutation score.
# Exits 1 if any target crashed or a mutant survived.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${FUZZ_BIN_DIR:-$repo/build/fuzz/fuzz}
seconds=${FUZZ_SECONDS:-600}
out_dir=${FUZZ_OUT_DIR:-$repo/build/fuzz}
work_root=$out_dir/nightly
targets=${FUZZ_TARGETS:-$(cd "$repo/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')}

mkdir -p "$work_root"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
stats_files=()
any_crash=0
for target in $targets; do
  if [[ ! -x $bin_dir/$target ]]; then
    echo "nightly: $target not built, skipped"
    continue
  fi
  work=$work_root/$target
  echo "nightly: $target for $seconds s"
  "$repo/fuzz/run_target.sh" "$bin_dir" "$target" "$seconds" "$work"

  # Corpus: add what is new in coverage terms, nothing else.
  corpus=$repo/fuzz/corpus/$target
  mkdir -p "$corpus"
  before=$(find "$corpus" -type f | wc -l)
  "$bin_dir/$target" -merge=1 -timeout=10 "$corpus" "$work/corpus" > "$work/merge.log" 2>&1 ||
    echo "nightly: $target: merge failed, see $work/merge.log"
  after=$(find "$corpus" -type f | wc -l)

  # Crashes: keep every input, count the ones not seen before (libFuzzer
  # names them by content hash, so a name seen before is the same input).
  new_crashes=0
  for crash in "$work/crashes"/*; do
    [[ -f $crash ]] || continue
    mkdir -p "$repo/fuzz/crashes/$target"
    dest=$repo/fuzz/crashes/$target/$(basename "$crash")
    [[ -f $dest ]] || new_crashes=$((new_crashes + 1))
    cp "$crash" "$dest"
  done
  if (( new_crashes > 0 )); then
    any_crash=1
    echo "nightly: $target: $new_crashes new crash(es) in fuzz/crashes/$target/. For each one:"
    echo "  reproduce: $bin_dir/$target fuzz/crashes/$target/FILE"
    echo "  once fixed: cp fuzz/crashes/$target/FILE fuzz/regressions/$target/WHAT-IT-FOUND and commit it;"
    echo "  ctest fuzz.replay.$target replays it in every build (fuzz/regressions/README.md)"
  fi

  {
    echo "corpus_before=$before"
    echo "corpus_after=$after"
    echo "corpus_bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
    echo "new_crashes=$new_crashes"
    { grep -h 'mismatch-count' "$work/log" || true; } | awk '{n[$3] += $4} END {for (k in n) print "mismatch." k "=" n[k]}'
  } >> "$work/stats"
  stats_files+=("$work/stats")
done

mutants_json=$out_dir/mutants.json
any_survivor=0
if [[ ${FUZZ_MUTANTS:-1} != 0 ]]; then
  echo "nightly: mutation score"
  "$repo/fuzz/mutants.sh" --seconds "${FUZZ_MUTANT_SECONDS:-60}" --json "$mutants_json" || any_survivor=1
fi
mutants_args=()
[[ -f $mutants_json ]] && mutants_args=(--mutants "$mutants_json")

python3 "$repo/fuzz/summary.py" --started "$started" --seconds "$seconds" \
  --json "$out_dir/summary.json" --html "$out_dir/summary.html" "${mutants_args[@]}" "${stats_files[@]}"
(( any_crash == 0 && any_survivor == 0 ))
