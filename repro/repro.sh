#!/bin/bash
# Builds and runs the standalone reproducers; compares each outcome with
# expected.tsv.
#
#   repro.sh table HTTPLIB_DIR...     build (g++, no CMake) into build/repro/<version>/,
#                                     run, print the finding x version table
#   repro.sh check PROGRAM TEST LIBRARY VERSION
#                                     run one test; exit 0 when its outcome is the
#                                     recorded one (what ctest runs)
#
# Environment: CXX (default g++), JOBS (parallel compiles, default 2),
# REPRO_RUNS (runs of each test, default 5), BOOST_INCLUDE_DIR (another Boost
# than the system's), BOOST_INCLUDE_DIRS (Boost releases to run beside the
# system's, one Beast column each). Exit status: 0 every outcome as recorded,
# 1 some outcome differs, 2 a build or usage error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
expected="$here/expected.tsv"
runs="${REPRO_RUNS:-5}"

# ---- versions --------------------------------------------------------------------

version_lt() {  # version_lt A B: A < B, comparing the numbers before any "+"
  local a="${1%%+*}" b="${2%%+*}"
  [ "$a" != "$b" ] && [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | head -n1)" = "$a" ]
}

matches() {  # matches VERSION PATTERN
  local v="$1" p="$2"
  case "$p" in
    '*') return 0 ;;
    '<'*) version_lt "$v" "${p#<}" ;;
    '>='*) ! version_lt "$v" "${p#>=}" ;;
    *) [ "${v%%+*}" = "$p" ] ;;
  esac
}

# The recorded outcome of TEST of LIBRARY at VERSION ("unrecorded" if none).
recorded_outcome() {
  local library="$1" test="$2" version="$3" l prog t vers out
  while IFS=$'\t' read -r l prog t vers out; do
    case "$l" in '#'* | '') continue ;; esac
    if [ "$l" = "$library" ] && [ "$t" = "$test" ] && matches "$version" "$vers"; then
      echo "$out"
      return
    fi
  done <"$expected"
  echo unrecorded
}

# ---- one test --------------------------------------------------------------------

# Outcome of one run: reproduced | not-reproduced | skipped | error:<why>.
run_once() {
  local program="$1" test="$2" log rc=0
  log=$(mktemp)
  case "$program" in
    *_tsan_test)
      # The finding is ThreadSanitizer's report; the test itself cannot see it.
      TSAN_OPTIONS="halt_on_error=0 exitcode=66" timeout 120 "$program" --gtest_filter="$test" >"$log" 2>&1 || rc=$?
      if grep -q "WARNING: ThreadSanitizer: data race" "$log"; then echo reproduced
      elif [ "$rc" = 0 ]; then echo not-reproduced
      else echo "error:exit-$rc"; fi ;;
    *)
      timeout 120 "$program" --gtest_filter="$test" >"$log" 2>&1 || rc=$?
      if [ "$rc" = 124 ]; then echo "error:timeout"
      elif grep -q '^\[  SKIPPED \]' "$log"; then echo skipped
      elif [ "$rc" = 0 ] && grep -q '^\[  PASSED  \] 1 test' "$log"; then echo not-reproduced
      elif [ "$rc" = 1 ] && grep -qF "[  FAILED  ] $test" "$log"; then echo reproduced
      else echo "error:exit-$rc"; fi ;;
  esac
  if [ -n "${REPRO_LOG_DIR:-}" ]; then cp "$log" "$REPRO_LOG_DIR/$(basename "$program").$test.log"; fi
  rm -f "$log"
}

# Outcome over $runs runs: the outcome when every run agrees, else
# "reproduced K/N" (a race) or the first error.
run_repeated() {
  local program="$1" test="$2" i o first="" repro=0 mixed=0
  for ((i = 0; i < runs; i++)); do
    o=$(run_once "$program" "$test")
    case "$o" in error:*) echo "$o"; return ;; esac
    [ "$o" = reproduced ] && repro=$((repro + 1))
    [ -z "$first" ] && first="$o"
    [ "$o" != "$first" ] && mixed=1
  done
  if [ "$mixed" = 1 ]; then echo "reproduced $repro/$runs"; else echo "$first"; fi
}

# ---- building ----------------------------------------------------------------------

cxx="${CXX:-g++}"
common_flags=(-std=c++17 -O0 -Wall -Wextra -pthread)

# unity_source OUT SRC...: a source that includes every SRC (rewritten only
# when its text changes, so that the build below can skip it).
unity_source() {
  local out="$1" text="" src
  shift
  for src in "$@"; do text+="#include \"$src\""$'\n'; done
  [ -e "$out" ] && [ "$(cat "$out")"$'\n' = "$text" ] && return 0
  printf '%s' "$text" >"$out"
}

# build SRC OUT EXTRA_FLAGS...: compile unless OUT is newer than SRC, the
# sources it includes from repro/ and their directories' shared headers.
build() {
  local src="$1" out="$2"
  shift 2
  local deps=("$src") dep inc
  for inc in $(sed -n 's/^#include "\(\/.*\)"$/\1/p' "$src"); do deps+=("$inc"); done
  for dep in "${deps[@]}"; do deps+=("$(dirname "$dep")"/*.h "$(dirname "$dep")"/*.hpp); done
  for dep in "${deps[@]}"; do
    [ -e "$dep" ] || continue
    [ -e "$out" ] && [ "$out" -nt "$dep" ] && continue
    echo "  building $out" >&2
    $cxx "${common_flags[@]}" -I"$(dirname "$src")" "$@" "$src" -o "$out" -lgtest -lgtest_main ||
      { echo "build of $out failed" >&2; return 1; }
    return 0
  done
  return 0
}

# Runs `build` in the background, at most $jobs at once; a failure leaves
# a marker that cmd_table checks once all are done.
build_bg() {
  while [ "$(jobs -pr | wc -l)" -ge "${JOBS:-2}" ]; do wait -n || true; done
  { build "$@" || touch "$failed_marker"; } &
}

beast_version() {  # beast_version INCLUDE_DIR: "1.81" for Boost 1.81
  sed -n 's/^#define BOOST_LIB_VERSION "\([0-9]*\)_\([0-9]*\).*"/\1.\2/p' "$1/boost/version.hpp"
}

# mixed_boost DEPFILE DIR: the Boost headers a build read from outside DIR.
# A library missing from DIR is silently taken from the system's Boost, which
# would mix two releases in one program.
mixed_boost() {
  tr ' \\' '\n\n' <"$1" | grep '/boost/' | grep -v "^$2/" | sort -u || true
}

# ---- commands ----------------------------------------------------------------------------

cmd_check() {
  [ $# = 4 ] || { echo "usage: repro.sh check PROGRAM TEST LIBRARY VERSION" >&2; exit 2; }
  local program="$1" test="$2" library="$3" version="$4" want got
  want=$(recorded_outcome "$library" "$test" "$version")
  got=$(run_repeated "$program" "$test")
  if [ "$got" = "$want" ]; then
    echo "$test on $library $version: $got, as recorded"
    exit 0
  fi
  case "$want:$got" in
    reproduced:not-reproduced) echo "$test on $library $version: no longer reproduces (recorded: reproduced)" ;;
    *) echo "$test on $library $version: $got (recorded: $want)" ;;
  esac
  exit 1
}

cmd_table() {
  local root status=0
  root=$(cd "$here/.." && pwd)

  # Versions and their labels, as scripts/httplib_subjects.sh names them.
  local labels=() dirs=() dir header version label
  for dir in "$@"; do
    header="$dir/httplib.h"
    [ -f "$header" ] || { echo "$header does not exist" >&2; exit 2; }
    version=$(sed -n 's/^#define CPPHTTPLIB_VERSION "\(.*\)"$/\1/p' "$header")
    [ -n "$version" ] || { echo "$header has no CPPHTTPLIB_VERSION" >&2; exit 2; }
    label="$version"
    case " ${labels[*]-} " in *" $label "*) label="$version+$(basename "$(realpath "$dir")")" ;; esac
    labels+=("$label")
    dirs+=("$(realpath "$dir")")
  done

  # Beast: the system's Boost (or BOOST_INCLUDE_DIR), then each of
  # BOOST_INCLUDE_DIRS, labelled by its release ("1.89").
  local beast_labels=() beast_dirs=() bv
  for dir in "${BOOST_INCLUDE_DIR:-/usr/include}" ${BOOST_INCLUDE_DIRS:-}; do
    [ -f "$dir/boost/version.hpp" ] || { echo "$dir/boost/version.hpp does not exist" >&2; exit 2; }
    bv=$(beast_version "$dir")
    case " ${beast_labels[*]-} " in *" $bv "*) echo "Boost $bv given twice ($dir)" >&2; exit 2 ;; esac
    beast_labels+=("$bv")
    beast_dirs+=("$(realpath "$dir")")
  done
  echo "building the reproducers (Beast ${beast_labels[*]}${labels[*]:+, cpp-httplib ${labels[*]}})" >&2
  # One program per library and version from all its *_test sources (as one
  # translation unit: the headers dominate the compile time), plus the
  # ThreadSanitizer program on its own.
  local out="$root/build/repro" src i
  failed_marker="$out/.build-failed"
  rm -f "$failed_marker"
  for i in "${!beast_labels[@]}"; do
    bv="${beast_labels[$i]}"
    mkdir -p "$out/beast-$bv"
    # Another Boost under the same label: start afresh.
    if [ "$(cat "$out/beast-$bv/include-dir" 2>/dev/null)" != "${beast_dirs[$i]}" ]; then
      rm -f "$out/beast-$bv/beast_tests"
      echo "${beast_dirs[$i]}" >"$out/beast-$bv/include-dir"
    fi
    unity_source "$out/beast-$bv/beast_tests.cc" "$here"/beast/*_test.cpp
    # The system's Boost is in the compiler's own search path; naming
    # /usr/include again with -isystem would break libstdc++'s #include_next.
    local boost_flags=()
    [ "${beast_dirs[$i]}" = /usr/include ] ||
      boost_flags=(-isystem "${beast_dirs[$i]}" -MD -MF "$out/beast-$bv/beast_tests.d")
    build_bg "$out/beast-$bv/beast_tests.cc" "$out/beast-$bv/beast_tests" -I"$here/beast" "${boost_flags[@]}"
  done
  for i in "${!labels[@]}"; do
    mkdir -p "$out/${labels[$i]}"
    # Another header under the same label (another checkout of one version): start afresh.
    if [ "$(cat "$out/${labels[$i]}/include-dir" 2>/dev/null)" != "${dirs[$i]}" ]; then
      rm -f "$out/${labels[$i]}"/*_tests "$out/${labels[$i]}"/*_tsan_test
      echo "${dirs[$i]}" >"$out/${labels[$i]}/include-dir"
    fi
    local plain=()
    for src in "$here"/httplib/*_test.cc; do
      case "$src" in
        *_tsan_test.cc)
          build_bg "$src" "$out/${labels[$i]}/$(basename "$src" .cc)" -fsanitize=thread -O1 -I"${dirs[$i]}" ;;
        *) plain+=("$src") ;;
      esac
    done
    unity_source "$out/${labels[$i]}/httplib_tests.cc" "${plain[@]}"
    build_bg "$out/${labels[$i]}/httplib_tests.cc" "$out/${labels[$i]}/httplib_tests" -I"$here/httplib" -I"${dirs[$i]}"
  done
  wait
  [ ! -e "$failed_marker" ] || { echo "a build failed" >&2; exit 2; }
  local mixed
  for i in "${!beast_labels[@]}"; do
    [ "${beast_dirs[$i]}" != /usr/include ] || continue
    mixed=$(mixed_boost "$out/beast-${beast_labels[$i]}/beast_tests.d" "${beast_dirs[$i]}")
    if [ -n "$mixed" ]; then
      echo "Beast ${beast_labels[$i]}: Boost headers read from outside ${beast_dirs[$i]} (a library is missing there):" >&2
      echo "$mixed" | head -n 20 >&2
      exit 2
    fi
  done

  echo >&2
  echo "Each cell: the outcome over $runs run(s); \"!\" marks one that differs from repro/expected.tsv."
  local l prog t vers o want got cell header_line sep program
  for l in beast httplib; do
    local cols=()
    if [ "$l" = beast ]; then cols=("${beast_labels[@]}"); else cols=("${labels[@]+"${labels[@]}"}"); fi
    [ ${#cols[@]} -gt 0 ] || continue
    header_line="| finding ($l) |"; sep="|---|"
    for label in "${cols[@]}"; do header_line+=" $label |"; sep+="---|"; done
    echo; echo "$header_line"; echo "$sep"
    local seen=" "
    while IFS=$'\t' read -r lib prog t vers o; do
      case "$lib" in '#'* | '') continue ;; esac
      [ "$lib" = "$l" ] || continue
      case "$seen" in *" $t "*) continue ;; esac
      seen+="$t "
      local row="| $t |"
      for label in "${cols[@]}"; do
        case "$l:$prog" in
          beast:*) program="$out/beast-$label/beast_tests" ;;
          httplib:*_tsan_test) program="$out/$label/$prog" ;;
          *) program="$out/$label/httplib_tests" ;;
        esac
        got=$(run_repeated "$program" "$t")
        want=$(recorded_outcome "$l" "$t" "$label")
        cell="$got"
        if [ "$got" != "$want" ]; then cell="$got !"; status=1; fi
        row+=" $cell |"
      done
      echo "$row"
    done <"$expected"
  done
  exit "$status"
}

case "${1:-}" in
  table) shift; cmd_table "$@" ;;
  check) shift; cmd_check "$@" ;;
  *) echo "usage: repro.sh table HTTPLIB_DIR... | repro.sh check PROGRAM TEST LIBRARY VERSION" >&2; exit 2 ;;
esac
