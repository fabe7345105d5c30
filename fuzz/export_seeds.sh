#!/bin/sh
# Regenerates the case seeds in fuzz/corpus/ from the catalogue (cases/),
# with the exporter built by a normal (non-fuzz) build:
#   fuzz/export_seeds.sh [BUILD_DIR]      default build/release
# Run it after changing cases; commit the new or changed case-* files.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build/release}
exporter=$build/fuzz/wsh-fuzz-export-seeds
if [ ! -x "$exporter" ]; then
  echo "export_seeds: $exporter not built; run: cmake --build $build --target wsh-fuzz-export-seeds" >&2
  exit 2
fi
exec "$exporter" "$repo/cases" "$repo/fuzz/corpus"
