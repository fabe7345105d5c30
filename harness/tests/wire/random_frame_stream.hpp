#pragma once
// Seeded random frame streams for the decoder's property tests (and, later,
// fuzz seed corpora): valid and invalid frames (reserved opcodes, RSV bits,
// wrong-role masking, oversize and fragmented control frames, continuation
// errors, all three length encodings, lengths that lie), optionally cut
// short or followed by garbage, plus a model of what a decoder must make of
// them.

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "wire/bytes.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::wire::testing {

struct PlannedFrame {
  std::uint8_t opcode = 0;
  Bytes payload{};  // unmasked
  EncodeOptions options{};
};

struct RandomStream {
  DecoderConfig config{Role::Server};
  std::vector<PlannedFrame> plan{};
  Bytes bytes{};  // the plan encoded, then possibly cut short or extended with garbage
  // No frame lies about its length and nothing follows the frames, so
  // expected_decode() can predict the decoder's output exactly.
  bool honest = true;
};

RandomStream make_random_stream(std::mt19937_64& rng);

// For an honest stream: the frames and the error that the rules in
// decode_error.hpp and frame_decoder.hpp prescribe, worked out frame by
// frame from the plan rather than from the bytes.
DecodeResult expected_decode(const RandomStream& stream);

// Cuts `size` bytes into consecutive piece lengths, by one of several
// strategies (single bytes, small random pieces, a few random cuts, large
// pieces) chosen by `strategy` (any value; taken modulo their number).
std::vector<std::size_t> random_split(std::size_t size, unsigned strategy, std::mt19937_64& rng);

}  // namespace wsh::wire::testing
