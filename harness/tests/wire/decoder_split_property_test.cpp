// The decoder's central property (frame_decoder.hpp): any split of a byte
// stream decodes to exactly what one-shot decoding gives, frames and error
// alike; and for streams whose frames do not lie about their length, both
// match a model of the rules worked out from the frames themselves.

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>

#include "random_frame_stream.hpp"
#include "wire/frame_decoder.hpp"

namespace wsh::wire {
namespace {

using testing::RandomStream;

// WSH_WIRE_SEED=N reruns the property with another seed; failures print the
// seed and iteration so any one of them replays exactly.
std::uint64_t base_seed() {
  const char* text = std::getenv("WSH_WIRE_SEED");
  return text != nullptr ? std::strtoull(text, nullptr, 10) : 0x5EED'6455ULL;
}

struct StreamedDecode {
  DecodeResult result;
  bool feed_results_consistent = true;  // feed() returned false exactly from the error on
};

StreamedDecode decode_in_pieces(ByteView bytes, DecoderConfig config, const std::vector<std::size_t>& pieces) {
  StreamedDecode streamed;
  FrameDecoder decoder(config);
  std::size_t at = 0;
  for (const std::size_t piece : pieces) {
    const bool had_error = decoder.error().has_value();
    const bool ok = decoder.feed(bytes.subspan(at, piece), streamed.result.frames);
    if (ok != !decoder.error().has_value() || (had_error && ok)) {
      streamed.feed_results_consistent = false;
    }
    at += piece;
  }
  streamed.result.error = decoder.error();
  streamed.result.trailing_bytes = decoder.error() ? 0 : decoder.pending_bytes();
  return streamed;
}

std::string describe(const std::optional<DecodeError>& error) {
  if (!error) return "no error";
  return std::string(decode_error_name(error->kind)) + " at " + std::to_string(error->offset);
}

TEST(DecoderSplitProperty, AnySplitDecodesLikeOneShotAndLikeTheModel) {
  constexpr int kIterations = 4000;
  const std::uint64_t seed = base_seed();
  std::mt19937_64 rng(seed);
  int honest_streams = 0;
  int streams_with_errors = 0;
  std::map<DecodeErrorKind, int> errors_by_kind;
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    const RandomStream stream = testing::make_random_stream(rng);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", iteration " + std::to_string(iteration) + ", " +
                 std::to_string(stream.bytes.size()) + " bytes");
    const DecodeResult one_shot = decode_all(stream.bytes, stream.config);
    if (one_shot.error) {
      ++streams_with_errors;
      ++errors_by_kind[one_shot.error->kind];
    }

    // Byte-at-a-time on a big stream adds time, not coverage: its header
    // bytes are what matter, and the other strategies cut those too.
    const unsigned first_strategy = stream.bytes.size() > 8192 ? 1 : 0;
    for (unsigned strategy = first_strategy; strategy < 4; ++strategy) {
      const auto pieces = testing::random_split(stream.bytes.size(), strategy, rng);
      const StreamedDecode streamed = decode_in_pieces(stream.bytes, stream.config, pieces);
      ASSERT_TRUE(streamed.feed_results_consistent) << "strategy " << strategy;
      ASSERT_EQ(streamed.result.error, one_shot.error)
          << "strategy " << strategy << ": " << describe(streamed.result.error) << " vs " << describe(one_shot.error);
      ASSERT_EQ(streamed.result.frames, one_shot.frames) << "strategy " << strategy;
      ASSERT_EQ(streamed.result.trailing_bytes, one_shot.trailing_bytes) << "strategy " << strategy;
    }

    if (!stream.honest) continue;
    ++honest_streams;
    const DecodeResult model = testing::expected_decode(stream);
    ASSERT_EQ(one_shot.error.has_value(), model.error.has_value())
        << "decoder: " << describe(one_shot.error) << ", model: " << describe(model.error);
    if (model.error) {
      ASSERT_EQ(one_shot.error->kind, model.error->kind)
          << "decoder: " << describe(one_shot.error) << ", model: " << describe(model.error);
      ASSERT_EQ(one_shot.error->offset, model.error->offset);
    }
    ASSERT_EQ(one_shot.frames, model.frames);
    ASSERT_EQ(one_shot.trailing_bytes, model.trailing_bytes);
  }
  // The generator must keep producing both kinds of stream, or the property
  // quietly stops testing one of them.
  EXPECT_GT(honest_streams, kIterations / 2);
  EXPECT_GT(streams_with_errors, kIterations / 4);
  EXPECT_LT(streams_with_errors, kIterations * 9 / 10);
  for (int kind = 0; kind <= static_cast<int>(DecodeErrorKind::ExpectedContinuation); ++kind) {
    EXPECT_GT(errors_by_kind[static_cast<DecodeErrorKind>(kind)], 0)
        << decode_error_name(static_cast<DecodeErrorKind>(kind)) << " never occurred";
  }
}

}  // namespace
}  // namespace wsh::wire
