#pragma once
// The one frame every frame-reading benchmark parses, so the harness codec,
// Boost.Beast and cpp-httplib (each in its own translation unit) read the
// same bytes: a masked binary frame of N bytes of a fixed pattern, as a
// server receives it, for N in kFrameSizes.

#include <benchmark/benchmark.h>

#include "wire/bytes.hpp"

namespace wsh::bench {

// `size` bytes of a repeating, non-trivial pattern.
wire::Bytes pattern_payload(std::size_t size);

// One masked binary frame carrying `payload` (mask key 37 fa 21 3d).
wire::Bytes masked_binary_frame(wire::ByteView payload);

// The payload sizes every frame-reading benchmark runs at, for ->Apply():
// the largest 7-bit length, a page, a 16-bit length and 1 MiB (the
// target in docs/ARCHITECTURE.md, "Targets").
void frame_sizes(benchmark::internal::Benchmark* benchmark);

}  // namespace wsh::bench
