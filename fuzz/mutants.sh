#!/bin/bash
# The mutation score of fuzz_frame_decoder: how many small, plausible bugs in
# the frame decoder and the unmasker its properties catch.
#
#   fuzz/mutants.sh [--seconds N] [--json FILE] [--only NAME]   # run (clang-14, minutes)
#   fuzz/mutants.sh --check                                     # every mutation still applies
#
# Run mode copies the source tree to a scratch directory (build/mutants/src;
# the worktree is never edited), configures it with the `fuzz` preset and,
# for each mutant in turn, applies one literal text replacement to that copy,
# rebuilds fuzz_frame_decoder and fuzzes it from the checked-in corpus
# (fuzz/corpus/fuzz_frame_decoder) for up to N seconds (default 60). A crash
# (a broken property, a sanitizer report) kills the mutant; the time to crash
# is the fuzzer's wall time. Before any mutant, the unmutated target must
# replay the corpus cleanly, or no kill would mean anything.
# Output: a table on stdout and a JSON file (default build/fuzz/mutants.json)
# that fuzz/summary.py shows in the nightly summary. Exits 1 if a mutant
# survived.
#
# --check (ctest fuzz.mutants.apply) only verifies that each mutant's
# original text occurs exactly once in its file, so a refactor of the
# decoder cannot silently turn a mutant into a no-op.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

# mutant NAME FILE ORIGINAL REPLACEMENT: ORIGINAL must occur exactly once in
# FILE; it is replaced literally (no regular expressions, no escapes).
names=() files=() originals=() replacements=()
mutant() { names+=("$1"); files+=("$2"); originals+=("$3"); replacements+=("$4"); }

decoder=harness/src/wire/frame_decoder.cpp
mask=harness/src/wire/mask.cpp
# RFC rules (§5.1, §5.2, §5.4, §5.5, §10.4), each broken at an edge.
mutant rsv1-ignored $decoder \
  'if (frame_.rsv != 0 && !config_.allow_rsv)' \
  'if ((frame_.rsv & 3) != 0 && !config_.allow_rsv)'
mutant reserved-opcode-0xb-accepted $decoder \
  'if (is_reserved(opcode)) {' \
  'if (is_reserved(opcode) && opcode != 0xB) {'
mutant only-close-checked-for-fin $decoder \
  'if (is_control(opcode) && !frame_.fin) {' \
  'if (opcode == 0x8 && !frame_.fin) {'
mutant control-length-126-accepted $decoder \
  'length > header::kMaxControlPayload)' \
  'length > header::kMaxControlPayload + 1)'
mutant server-accepts-unmasked-control $decoder \
  'if (config_.role == Role::Server && !frame_.masked) {' \
  'if (config_.role == Role::Server && !frame_.masked && !is_control(frame_.opcode)) {'
mutant client-accepts-masked-fragment $decoder \
  'if (config_.role == Role::Client && frame_.masked) {' \
  'if (config_.role == Role::Client && frame_.masked && frame_.fin) {'
mutant minimal-16-bit-accepts-125 $decoder \
  '(field_bytes == 2 && length <= header::kMax7BitLength)' \
  '(field_bytes == 2 && length < header::kMax7BitLength)'
mutant minimal-64-bit-accepts-65535 $decoder \
  '(field_bytes == 8 && length <= header::kMax16BitLength)' \
  '(field_bytes == 8 && length < header::kMax16BitLength)'
mutant length64-top-bit-unchecked $decoder \
  'if (field_bytes == 8 && (length & header::kLength64HighBit) != 0) {' \
  'if (field_bytes == 9 && (length & header::kLength64HighBit) != 0) {'
mutant control-frame-ends-message $decoder \
  'if (continuation || is_data(opcode)) message_in_progress_ = !frame_.fin;' \
  'message_in_progress_ = !frame_.fin;'
mutant binary-inside-message-accepted $decoder \
  'if (is_data(opcode) && message_in_progress_) {' \
  'if (opcode == 0x1 && message_in_progress_) {'
mutant payload-limit-off-by-one $decoder \
  'if (length > config_.max_payload) {' \
  'if (length >= config_.max_payload && length != 0) {'
# Streaming and unmasking: split headers, key offsets, slices, word-wide XOR.
mutant read-end-ends-header-field $decoder \
  'if (header_size_ == stage_end_ && !finish_stage(out)) return false;' \
  'if ((header_size_ == stage_end_ || bytes.empty()) && !finish_stage(out)) return false;'
mutant unmask-offset-within-read $decoder \
  'frame_.mask_key, slice_start);' \
  'frame_.mask_key, done);'
mutant unmask-slice-skips-last-byte $decoder \
  'apply_mask(std::span<std::uint8_t>(payload).subspan(slice_start), frame_.mask_key,' \
  'apply_mask(std::span<std::uint8_t>(payload).subspan(slice_start, slice - 1), frame_.mask_key,'
mutant mask-short-path-ignores-offset $mask \
  'data[i] ^= key[(key_offset + i) % key.size()];' \
  'data[i] ^= key[i % key.size()];'
mutant mask-block-pattern-ignores-offset $mask \
  'pattern_bytes[j] = key[(key_offset + j) % key.size()];' \
  'pattern_bytes[j] = key[j % key.size()];'
mutant mask-unrolled-block-repeated $mask \
  'mask_block_at(i + 48);' \
  'mask_block_at(i + 32);'
mutant mask-tail-phase-off-by-one $mask \
  'bytes[i] ^= pattern_bytes[i % sizeof pattern_bytes];' \
  'bytes[i] ^= pattern_bytes[(i + 1) % sizeof pattern_bytes];'
# The encoder is no part of the decoder, but the round-trip property is the
# only one that looks at it: this mutant proves that property can fail
# (RSV3 matters only where an input allows RSV bits).
mutant encoder-drops-rsv3 harness/src/wire/frame_encoder.cpp \
  'static_cast<std::uint8_t>((options.rsv << header::kRsvShift) & header::kRsvBits);' \
  'static_cast<std::uint8_t>((options.rsv << header::kRsvShift) & 0x60);'

# How often `text` occurs in `file` (whole-file count, not lines).
occurrences() {
  local content text=$2
  content=$(<"$1")
  local without=${content//"$text"/}
  echo $(( (${#content} - ${#without}) / ${#text} ))
}

# Replaces the one occurrence of ORIGINAL in FILE with REPLACEMENT, literally.
apply_mutant() {
  local file=$1 original=$2 replacement=$3 content
  content=$(<"$file")
  printf '%s\n' "${content/"$original"/"$replacement"}" > "$file"
}

check_all() {
  local root=$1 failed=0 i
  for i in "${!names[@]}"; do
    local count
    count=$(occurrences "$root/${files[$i]}" "${originals[$i]}")
    if [[ $count != 1 ]]; then
      echo "mutant ${names[$i]}: its text occurs $count times in ${files[$i]} (expected once):" \
        "'${originals[$i]}'" >&2
      failed=1
    fi
  done
  (( failed == 0 )) && echo "mutants: all ${#names[@]} mutations apply"
  return $failed
}

seconds=60
json=$repo/build/fuzz/mutants.json
only=
mode=run
while (( $# > 0 )); do
  case $1 in
    --check) mode=check ;;
    --seconds) seconds=$2; shift ;;
    --json) json=$2; shift ;;
    --only) only=$2; shift ;;
    *) echo "usage: $0 [--check] [--seconds N] [--json FILE] [--only NAME]" >&2; exit 2 ;;
  esac
  shift
done

if [[ $mode == check ]]; then
  check_all "$repo"
  exit
fi

check_all "$repo" > /dev/null
scratch=${MUTANTS_DIR:-$repo/build/mutants}
src=$scratch/src
build=$scratch/build
work=$scratch/work
mkdir -p "$scratch"
# A clean copy of the committed and working-tree sources, nothing built.
rm -rf "$src"
mkdir -p "$src"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src")
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DWSH_BUILD_TESTS=OFF -DWSH_BUILD_BENCH=OFF -DWSH_FUZZ_ENGINE=libfuzzer \
  "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=object-size -fno-omit-frame-pointer" \
  > "$scratch/configure.log" 2>&1 || { echo "mutants: configure failed, see $scratch/configure.log" >&2; exit 2; }
binary=$build/fuzz/fuzz_frame_decoder
corpus=$repo/fuzz/corpus/fuzz_frame_decoder

build_target() { cmake --build "$build" --target fuzz_frame_decoder -j 2 > "$scratch/build.log" 2>&1; }

# The unmutated target must build and replay the corpus without a crash.
build_target || { echo "mutants: the unmutated target does not build, see $scratch/build.log" >&2; exit 2; }
"$binary" -runs=0 "$corpus" > "$scratch/baseline.log" 2>&1 ||
  { echo "mutants: the unmutated target crashes on its corpus, see $scratch/baseline.log" >&2; exit 2; }

# libFuzzer flags from fuzz_frame_decoder.options, as fuzz/run_target.sh reads them.
flags=(-timeout=10 -rss_limit_mb=2048)
while IFS='=' read -r key value; do
  key=${key// /} value=${value// /}
  [[ -z $key || $key == \[* || $key == \#* ]] && continue
  [[ $key == dict ]] && value=$repo/fuzz/$value
  flags+=("-$key=$value")
done < "$repo/fuzz/fuzz_frame_decoder.options"

rows=()
killed=0 total=0
printf '%-36s %-8s %s\n' mutant killed seconds
for i in "${!names[@]}"; do
  name=${names[$i]} file=${files[$i]}
  [[ -n $only && $name != "$only" ]] && continue
  total=$((total + 1))
  cp "$repo/$file" "$src/$file"
  apply_mutant "$src/$file" "${originals[$i]}" "${replacements[$i]}"
  dir=$work/$name
  rm -rf "$dir"
  mkdir -p "$dir/corpus" "$dir/crashes"
  cp -r "$corpus/." "$dir/corpus/"
  if ! build_target; then
    cp "$scratch/build.log" "$dir/build.log"
    result=build-failed seconds_taken=null
  else
    start=$(date +%s.%N)
    status=0
    "$binary" "${flags[@]}" -max_total_time="$seconds" -artifact_prefix="$dir/crashes/" "$dir/corpus" \
      > "$dir/log" 2>&1 || status=$?
    end=$(date +%s.%N)
    seconds_taken=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    if (( status != 0 )) && [[ -n $(ls -A "$dir/crashes") ]]; then
      result=killed killed=$((killed + 1))
    else
      result=survived seconds_taken=null
    fi
  fi
  cp "$repo/$file" "$src/$file"  # the next mutant starts from clean sources
  why=$({ grep -m1 -o 'property violated: .*\|ERROR: [A-Za-z]*Sanitizer: [a-z-]*\|runtime error: .*' "$dir/log" ||
          true; } | cut -c1-100)
  printf '%-36s %-8s %s %s\n' "$name" "$result" "${seconds_taken/null/-}" "$why"
  rows+=("$(printf '{"name": "%s", "file": "%s", "result": "%s", "seconds_to_crash": %s}' \
    "$name" "$file" "$result" "$seconds_taken")")
done
# Leaves the scratch tree unmutated and the binary built from it.
build_target || true

echo "mutation score: $killed of $total killed within $seconds s"
mkdir -p "$(dirname "$json")"
{
  echo "{"
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"target\": \"fuzz_frame_decoder\","
  echo "  \"seconds_per_mutant\": $seconds,"
  echo "  \"killed\": $killed,"
  echo "  \"total\": $total,"
  echo "  \"mutants\": ["
  for j in "${!rows[@]}"; do
    sep=,
    (( j == ${#rows[@]} - 1 )) && sep=
    echo "    ${rows[$j]}$sep"
  done
  echo "  ]"
  echo "}"
} > "$json"
echo "mutants: $json"
(( killed == total ))
