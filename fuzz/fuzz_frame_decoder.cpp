// The harness's own streaming frame decoder (wire/frame_decoder.hpp), both
// roles and every configuration. Beyond crashes it checks three properties:
//   - differential: one-shot decoding gives exactly the frames, the error
//     kind and offset and the trailing bytes of the slow reference decoder
//     (harness/tests/wire/frame_reference.hpp), which catches a wrong RFC
//     rule that the streaming and one-shot paths share;
//   - split: bytes fed in the pieces the input chooses give exactly what
//     one-shot decoding gives;
//   - round trip: re-encoding the decoded frames with wire::append_frame,
//     with their masking keys and length field widths, gives back the bytes
//     they were decoded from.
// fuzz/mutants.sh measures what these properties catch.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "frame_reference.hpp"
#include "support/check.hpp"
#include "support/decoder_options.hpp"
#include "support/stream_input.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"

namespace {

constexpr const char* kTarget = "fuzz_frame_decoder";

using wsh::wire::DecodeResult;
using wsh::wire::FrameDecoder;

// What streaming decoding makes of the input, in decode_all's terms, into
// `result` (its frame list's capacity is kept, like decode_all's).
void decode_in_pieces(const wsh::fuzz::StreamInput& input, FrameDecoder& decoder, DecodeResult& result) {
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

// The decoder against the reference on the same bytes and configuration.
void check_against_reference(const DecodeResult& decoded, const wsh::fuzz::StreamInput& input,
                             const wsh::wire::DecoderConfig& config) {
  namespace reference = wsh::wire::reference;
  const reference::Decoded expected = reference::decode_stream(input.stream, config);
  WSH_FUZZ_CHECK(kTarget, decoded.frames == expected.frames);
  WSH_FUZZ_CHECK(kTarget, decoded.error.has_value() == expected.violation.has_value());
  if (expected.violation) {
    WSH_FUZZ_CHECK(kTarget, decoded.error->kind == reference::error_kind(expected.violation->rule));
    WSH_FUZZ_CHECK(kTarget, decoded.error->offset == expected.violation->offset);
  }
  WSH_FUZZ_CHECK(kTarget, decoded.trailing_bytes == expected.trailing_bytes);
}

// The width of a decoded frame's length field, as the encoder names it: the
// header is 2 bytes, the extended length (0, 2 or 8) and the masking key.
wsh::wire::LengthEncoding length_encoding_of(const wsh::wire::Frame& frame) {
  const std::size_t length_field = frame.header_size() - 2 - (frame.masked ? 4 : 0);
  if (length_field == 8) return wsh::wire::LengthEncoding::Force64;
  if (length_field == 2) return wsh::wire::LengthEncoding::Force16;
  return wsh::wire::LengthEncoding::Minimal;
}

// Re-encoding the decoded frames gives back the prefix they were decoded
// from, byte for byte (masked payloads masked again with the same key).
void check_round_trip(const DecodeResult& decoded, const wsh::fuzz::StreamInput& input) {
  wsh::wire::Bytes encoded;
  for (const auto& frame : decoded.frames) {
    wsh::wire::EncodeOptions options;
    options.fin = frame.fin;
    options.rsv = frame.rsv;
    if (frame.masked) options.mask = frame.mask_key;
    options.length = length_encoding_of(frame);
    wsh::wire::append_frame(encoded, frame.opcode, frame.payload, options);
  }
  WSH_FUZZ_CHECK(kTarget, encoded.size() <= input.stream.size());
  WSH_FUZZ_CHECK(kTarget, std::equal(encoded.begin(), encoded.end(), input.stream.begin()));
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
  check_against_reference(one_shot, *input, config);
  check_round_trip(one_shot, *input);
  for (const auto& frame : one_shot.frames) {
    WSH_FUZZ_CHECK(kTarget, frame.payload.size() <= config.max_payload);
  }

  release_contents(one_shot);
  release_contents(streamed);
  return 0;
}
