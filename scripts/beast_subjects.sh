#!/bin/sh
# Builds one wsh-subject-beast per Boost include directory given as arguments
# (build/beast-<version>/, configured with -DWSH_BOOST_INCLUDE_DIR), and prints
# the wsharness arguments that add each as a subject named beast@<version>.
# Used by `make run BOOST_INCLUDE_DIRS="dir1 dir2"` to put Boost releases side
# by side with the system's Beast, as scripts/httplib_subjects.sh does for
# cpp-httplib. Each directory must hold boost/ with Beast, Asio and every
# library they include, all of one Boost release (repro/README.md says how
# one is assembled from the boostorg repositories).
#
# A header missing from that directory would be found in the system's Boost
# instead and mix two releases in one build, so the build's recorded
# dependencies are checked: any Boost header from outside the directory is an
# error.
set -eu
jobs="${JOBS:-2}"
for dir in "$@"; do
  version_hpp="$dir/boost/version.hpp"
  if [ ! -f "$version_hpp" ] || [ ! -f "$dir/boost/beast/version.hpp" ]; then
    echo "BOOST_INCLUDE_DIRS: $dir holds no boost/version.hpp and boost/beast/version.hpp" >&2
    exit 2
  fi
  number=$(sed -n 's/^#define BOOST_VERSION \([0-9]*\).*/\1/p' "$version_hpp")
  if [ -z "$number" ]; then
    echo "BOOST_INCLUDE_DIRS: $version_hpp has no BOOST_VERSION" >&2
    exit 2
  fi
  version="$((number / 100000)).$((number / 100 % 1000)).$((number % 100))"
  dir=$(realpath "$dir")
  build="build/beast-$version"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWSH_BUILD_TESTS=OFF -DWSH_BUILD_BENCH=OFF \
    -DWSH_BOOST_INCLUDE_DIR="$dir" >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log" >&2; exit 2; }
  cmake --build "$build" --target wsh-subject-beast -j "$jobs" >&2
  # Ninja's record of every header each object file read.
  mixed=$(ninja -C "$build" -t deps | grep -E '^ +/' | sed 's/^ *//' | grep '/boost/' | grep -v "^$dir/" | sort -u || true)
  if [ -n "$mixed" ]; then
    echo "BOOST_INCLUDE_DIRS: $build read Boost headers from outside $dir (a library is missing there):" >&2
    echo "$mixed" | head -n 20 >&2
    exit 2
  fi
  printf ' --subject-cmd %s --subject-name beast@%s' "$build/harness/subjects/beast/wsh-subject-beast" "$version"
done
