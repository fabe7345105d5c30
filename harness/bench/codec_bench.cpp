// Frame decoding and unmasking against memcpy, in one run (docs/ARCHITECTURE.md, "Targets": decode
// + unmask of 1 MiB payloads at >= 50 % of memcpy throughput). Read the
// bytes_per_second column of BM_FrameDecode/N against BM_Memcpy/N, and
// against the reference parsers reading the same frame: BM_BeastFrameRead/N
// (beast_frame_bench.cpp) and BM_HttplibFrameRead/N (httplib_frame_bench.cpp,
// when cpp-httplib was found).

#include <benchmark/benchmark.h>

#include <cstring>

#include "bench_frames.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::bench {
namespace {

const wire::DecoderConfig kServerSide{wire::Role::Server, 64ull * 1024 * 1024};

void BM_Memcpy(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const wire::Bytes source = pattern_payload(size);
  wire::Bytes target(size);
  for (auto _ : state) {
    std::memcpy(target.data(), source.data(), size);
    benchmark::DoNotOptimize(target.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// Feeds the frame in `slice`-byte pieces (0: all at once) to a fresh decoder.
void decode_in_slices(benchmark::State& state, std::size_t slice) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const wire::Bytes frame = masked_binary_frame(pattern_payload(size));
  std::vector<wire::Frame> frames;
  frames.reserve(1);
  for (auto _ : state) {
    wire::FrameDecoder decoder(kServerSide);
    frames.clear();
    if (slice == 0) {
      decoder.feed(frame, frames);
    } else {
      for (std::size_t at = 0; at < frame.size(); at += slice)
        decoder.feed(wire::ByteView(frame).subspan(at, std::min(slice, frame.size() - at)), frames);
    }
    if (frames.size() != 1) state.SkipWithError("the decoder did not return the frame");
    benchmark::DoNotOptimize(frames.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void BM_FrameDecode(benchmark::State& state) { decode_in_slices(state, 0); }
void BM_FrameDecodeChopped1(benchmark::State& state) { decode_in_slices(state, 1); }
void BM_FrameDecodeChopped7(benchmark::State& state) { decode_in_slices(state, 7); }

void BM_FrameEncode(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const wire::Bytes payload = pattern_payload(size);
  wire::EncodeOptions options;
  options.mask = wire::MaskKey{0x37, 0xfa, 0x21, 0x3d};
  wire::Bytes out;
  out.reserve(size + 14);
  for (auto _ : state) {
    out.clear();
    wire::append_frame(out, wire::Opcode::Binary, payload, options);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

BENCHMARK(BM_Memcpy)->Apply(frame_sizes);
BENCHMARK(BM_FrameDecode)->Apply(frame_sizes);
// One byte at a time is the slowest path there is; 64 KiB keeps it short.
BENCHMARK(BM_FrameDecodeChopped1)->Arg(125)->Arg(4096)->Arg(65536);
BENCHMARK(BM_FrameDecodeChopped7)->Arg(125)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_FrameEncode)->Arg(125)->Arg(4096)->Arg(65536)->Arg(1 << 20);

}  // namespace
}  // namespace wsh::bench
