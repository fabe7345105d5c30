#!/bin/sh
# Regenerates fuzz/<target>.dict from the shared parts in fuzz/support/*.dict.part
# (frame headers, close codes, UTF-8 edges, handshake fields), so a token is
# written once. OSS-Fuzz and ClusterFuzzLite want one .dict per target.
set -eu
cd "$(dirname "$0")"
make_dict() {  # target part...
  target=$1; shift
  { echo "# $target: generated from support/*.dict.part by make_dicts.sh; edit those."
    for part in "$@"; do cat "support/$part.dict.part"; done; } > "$target.dict"
}
make_dict fuzz_frame_decoder frames close
make_dict fuzz_beast_frame frames close utf8
make_dict fuzz_httplib_frame frames close
make_dict fuzz_close_payload close utf8
make_dict fuzz_utf8 utf8
make_dict fuzz_handshake handshake
