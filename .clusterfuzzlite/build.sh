#!/bin/bash -eu
# Builds every fuzz target for ClusterFuzzLite / OSS-Fuzz with the flags the
# infrastructure chooses ($CXX $CXXFLAGS $LIB_FUZZING_ENGINE) into $OUT,
# with its .dict, .options and <target>_seed_corpus.zip. It compiles the
# wire codec directly rather than through CMake, so the image needs none of
# the harness's other dependencies (toml++, CLI11, fmt, GoogleTest).
#
# Locally: fuzz/README.md shows how to run it through OSS-Fuzz's helper.py.

src=$SRC/wsharness
work=$WORK/wsharness
mkdir -p "$work"

CXXFLAGS="$CXXFLAGS -std=c++20"
includes=(-I"$src/harness/src" -I"$src/fuzz" -I"$src/harness/tests/wire" -isystem /opt/boost)

# The codec, as a static library.
objects=()
for source in "$src"/harness/src/wire/*.cpp; do
  object=$work/$(basename "$source" .cpp).o
  $CXX $CXXFLAGS "${includes[@]}" -c "$source" -o "$object"
  objects+=("$object")
done
rm -f "$work/libwsh_wire.a"
ar rcs "$work/libwsh_wire.a" "${objects[@]}"

targets=(fuzz_frame_decoder fuzz_close_payload fuzz_utf8 fuzz_handshake fuzz_beast_frame)
if [[ -f $SRC/cpp-httplib/httplib.h ]]; then
  targets+=(fuzz_httplib_frame)
  includes+=(-isystem "$SRC/cpp-httplib")
else
  echo "build.sh: no cpp-httplib in \$SRC/cpp-httplib: SKIPPING fuzz_httplib_frame" >&2
fi

for target in "${targets[@]}"; do
  # libcrypto (SHA-1 for Sec-WebSocket-Accept) linked statically: the runner
  # image need not have the same OpenSSL.
  $CXX $CXXFLAGS "${includes[@]}" "$src/fuzz/$target.cpp" -o "$OUT/$target" \
    $LIB_FUZZING_ENGINE "$work/libwsh_wire.a" -Wl,-Bstatic -lcrypto -Wl,-Bdynamic -lpthread -ldl
  cp "$src/fuzz/$target.options" "$OUT/"
  [[ -f $src/fuzz/$target.dict ]] && cp "$src/fuzz/$target.dict" "$OUT/"
  # Seeds and every past crash, so batch fuzzing starts from both.
  rm -f "$OUT/${target}_seed_corpus.zip"
  (cd "$src/fuzz" && zip -q -j -r "$OUT/${target}_seed_corpus.zip" "corpus/$target" "regressions/$target" -x '*.gitkeep' -x '*README*')
done
