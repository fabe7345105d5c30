#!/usr/bin/env bash
# Formats the C++ sources of harness/ and fuzz/ with clang-format-14 and the
# repository's .clang-format.
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; list the files that would
#                               change and exit 1 if there are any
# Only files git tracks are touched, so build trees and scratch files are left
# alone. CLANG_FORMAT overrides the binary (default clang-format-14: another
# major version formats differently, and the check would flap).
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

clang_format="${CLANG_FORMAT:-clang-format-14}"
if ! command -v "$clang_format" >/dev/null; then
  echo "format.sh: $clang_format not found (Debian: apt-get install clang-format-14)" >&2
  exit 2
fi

mapfile -t files < <(git ls-files -- harness fuzz | grep -E '\.(cpp|hpp|h|cc)$')

if ! $check; then
  "$clang_format" -i --style=file "${files[@]}"
  echo "format.sh: formatted ${#files[@]} file(s)"
  exit 0
fi

# One clang-format process for every file: --dry-run reports each place a
# file would change as "FILE:LINE:COL: error: code should be clang-formatted".
if "$clang_format" --style=file --dry-run --Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/format-check.$$"; then
  rm -f "${TMPDIR:-/tmp}/format-check.$$"
  echo "format.sh: all ${#files[@]} file(s) are formatted" >&2
  exit 0
fi
mapfile -t changed < <(sed -nE 's/^([^:]+):[0-9]+:[0-9]+: error: .*clang-format.*$/\1/p' "${TMPDIR:-/tmp}/format-check.$$" | sort -u)
rm -f "${TMPDIR:-/tmp}/format-check.$$"
printf '%s\n' "${changed[@]}"
echo "format.sh: ${#changed[@]} of ${#files[@]} file(s) would change (scripts/format.sh rewrites them)" >&2
exit 1
