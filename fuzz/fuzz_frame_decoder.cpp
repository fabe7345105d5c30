// The harness's own streaming frame decoder (wire/frame_decoder.hpp), both
// roles and every configuration. Beyond crashes it checks the decoder's
// central property: bytes fed in the pieces the input chooses give exactly
// the frames, the error kind and the error offset of one-shot decoding.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "support/check.hpp"
#include "support/decoder_options.hpp"
#include "support/stream_input.hpp"
#include "wire/frame_decoder.hpp"

namespace {

constexpr const char* kTarget = "fuzz_frame_decoder";

using wsh::wire::DecodeResult;
using wsh::wire::FrameDecoder;

// What streaming decoding makes of the input, in decode_all's terms, into
// `result` (its frame list's capacity is kept, like decode_all's).
void decode_in_pieces(const wsh::fuzz::StreamInput& input, FrameDecoder& decoder,
                      DecodeResult& result) {
  result.frames.clear();
  wsh::fuzz::PieceCursor cursor(input.stream, input.piece_sizes);
  while (!cursor.done()) {
    const bool failed_before = decoder.error().has_value();
    const std::uint64_t consumed_before = decoder.bytes_consumed();
    const bool ok = decoder.feed(cursor.next(), result.frames);
    WSH_FUZZ_CHECK(kTarget, ok == !decoder.error().has_value());
    // After an error the decoder consumes nothing more (frame_decoder.hpp).
    if (failed_before) WSH_FUZZ_CHECK(kTarget, !ok && decoder.bytes_consumed() == consumed_before);
  }
  result.error = decoder.error();
  result.trailing_bytes = decoder.error() ? 0 : decoder.pending_bytes();
}

// Frames tile the stream: each starts where the previous one ended.
void check_frames_tile_the_stream(const DecodeResult& result, const wsh::fuzz::StreamInput& input) {
  std::uint64_t next_offset = 0;
  for (const auto& frame : result.frames) {
    WSH_FUZZ_CHECK(kTarget, frame.stream_offset == next_offset);
    WSH_FUZZ_CHECK(kTarget, frame.wire_size >= frame.payload.size() + 2);
    next_offset += frame.wire_size;
  }
  if (result.error) {
    WSH_FUZZ_CHECK(kTarget, result.error->offset >= next_offset);
    WSH_FUZZ_CHECK(kTarget, result.error->offset < input.stream.size());
  } else {
    WSH_FUZZ_CHECK(kTarget, next_offset + result.trailing_bytes == input.stream.size());
  }
}

// Gives back what a result owns (payloads, the error's message) but keeps
// the frame list's capacity. libFuzzer counts mallocs and frees around each
// execution and runs an input a second time, then under LeakSanitizer, when
// it left more allocated than it freed: results kept across inputs must not
// hold allocations between executions.
void release_contents(DecodeResult& result) {
  result.frames.clear();
  result.error.reset();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = wsh::fuzz::parse_stream_input(data, size);
  if (!input) return 0;
  const wsh::wire::DecoderConfig config = wsh::fuzz::decoder_config(*input);

  // Both results live across inputs: their frame lists then grow once per
  // process instead of a few times per input, and under ASan (whose
  // quarantine hands out fresh pages for every allocation) that growth was
  // a large share of an execution's time. Each input overwrites them fully.
  static DecodeResult one_shot;
  static DecodeResult streamed;
  wsh::wire::decode_all(input->stream, config, one_shot);
  FrameDecoder decoder(config);
  decode_in_pieces(*input, decoder, streamed);

  WSH_FUZZ_CHECK(kTarget, streamed.frames == one_shot.frames);
  WSH_FUZZ_CHECK(kTarget, streamed.error.has_value() == one_shot.error.has_value());
  if (streamed.error) {
    WSH_FUZZ_CHECK(kTarget, streamed.error->kind == one_shot.error->kind);
    WSH_FUZZ_CHECK(kTarget, streamed.error->offset == one_shot.error->offset);
  }
  WSH_FUZZ_CHECK(kTarget, streamed.trailing_bytes == one_shot.trailing_bytes);
  check_frames_tile_the_stream(one_shot, *input);
  for (const auto& frame : one_shot.frames) {
    WSH_FUZZ_CHECK(kTarget, frame.payload.size() <= config.max_payload);
  }

  release_contents(one_shot);
  release_contents(streamed);
  return 0;
}
