#!/bin/sh
# Builds one wsh-subject-httplib per cpp-httplib header directory given as
# arguments (build/httplib-<version>/), and prints the wsharness arguments
# that add each as a subject named httplib@<version>. Used by `make run
# HTTPLIB_INCLUDE_DIRS="dir1 dir2"` to put several releases side by side.
# Two headers with one version string (a release and a later commit before
# the next release) are told apart by their directory's name:
# httplib@0.53.1 and httplib@0.53.1+head.
set -eu
jobs="${JOBS:-2}"
labels=" "
for dir in "$@"; do
  header="$dir/httplib.h"
  if [ ! -f "$header" ]; then
    echo "HTTPLIB_INCLUDE_DIRS: $header does not exist" >&2
    exit 2
  fi
  version=$(sed -n 's/^#define CPPHTTPLIB_VERSION "\(.*\)"$/\1/p' "$header")
  if [ -z "$version" ]; then
    echo "HTTPLIB_INCLUDE_DIRS: $header has no CPPHTTPLIB_VERSION" >&2
    exit 2
  fi
  label="$version"
  case "$labels" in *" $label "*) label="$version+$(basename "$(realpath "$dir")")" ;; esac
  labels="$labels$label "
  build="build/httplib-$label"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWSH_BUILD_TESTS=OFF \
    -DHTTPLIB_INCLUDE_DIR="$(realpath "$dir")" >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log" >&2; exit 2; }
  cmake --build "$build" --target wsh-subject-httplib -j "$jobs" >&2
  printf ' --subject-cmd %s --subject-name httplib@%s' "$build/harness/subjects/httplib/wsh-subject-httplib" "$label"
done
