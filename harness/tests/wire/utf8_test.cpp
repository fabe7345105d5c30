// The UTF-8 validator against the slow reference of utf8_reference.hpp:
// every 1-, 2- and 3-byte sequence, a seeded sample of 4-byte ones, and
// random text; one-shot and split at every point, fail-fast offsets
// included.

#include "wire/utf8.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>

#include "utf8_reference.hpp"

namespace wsh::wire {
namespace {

using Sequence = std::vector<std::uint8_t>;

// What the validator says about a whole input, in the reference's terms.
struct Verdict {
  std::optional<std::uint64_t> error_offset;
  bool complete = false;
  bool operator==(const Verdict&) const = default;
};

Verdict reference_verdict(ByteView bytes) {
  const reference::Utf8Decode decode = reference::decode_utf8(bytes, false);
  return {decode.error_offset, decode.valid()};
}

// Feeds the validator in the pieces `cuts` marks (sorted offsets).
Verdict validator_verdict(ByteView bytes, std::initializer_list<std::size_t> cuts = {}) {
  Utf8Validator validator;
  std::size_t at = 0;
  for (const std::size_t cut : cuts) {
    validator.feed(bytes.subspan(at, cut - at));
    at = cut;
  }
  validator.feed(bytes.subspan(at));
  return {validator.error_offset(), validator.complete()};
}

std::string show(ByteView bytes) { return to_hex(bytes); }

std::vector<char32_t> all_scalar_values() {
  std::vector<char32_t> scalars;
  for (char32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
    if (reference::is_scalar_value(code_point)) scalars.push_back(code_point);
  }
  return scalars;
}

// Every code point's encoding, one after the other, in one buffer.
Sequence encode_all(const std::vector<char32_t>& code_points) {
  Sequence text;
  text.reserve(code_points.size() * 4);
  for (const char32_t code_point : code_points) reference::append_utf8(text, code_point);
  return text;
}

TEST(Utf8Reference, DecodesEveryScalarValueAndNothingElse) {
  // The reference's forms accept exactly as many sequences as there are
  // scalar values, and each scalar value's encoding decodes back to it: so
  // the forms are exactly the encodings of the scalar values.
  std::uint64_t accepted_sequences = 0;
  for (const auto& form : reference::kSequenceForms) {
    std::uint64_t count = 1;
    for (std::size_t k = 0; k < form.length; ++k) {
      count *= form.ranges[k].high - form.ranges[k].low + 1u;
    }
    accepted_sequences += count;
  }
  EXPECT_EQ(accepted_sequences, 0x110000u - 0x800u);

  for (int byte = 0; byte < 256; ++byte) {  // so at most one form can match a lead byte
    int forms = 0;
    for (const auto& form : reference::kSequenceForms) {
      forms += form.ranges[0].contains(static_cast<std::uint8_t>(byte)) ? 1 : 0;
    }
    EXPECT_LE(forms, 1) << byte;
  }

  const std::vector<char32_t> scalars = all_scalar_values();
  const reference::Utf8Decode decode = reference::decode_utf8(encode_all(scalars));
  EXPECT_TRUE(decode.valid());
  EXPECT_TRUE(decode.code_points == scalars);  // not EXPECT_EQ: it would print a million values
}

TEST(Utf8Validator, AcceptsEveryScalarValue) {
  const Sequence text = encode_all(all_scalar_values());
  Utf8Validator validator;
  EXPECT_TRUE(validator.feed(text));
  EXPECT_EQ(validator.error_offset(), std::nullopt);
  EXPECT_TRUE(validator.complete());
}

TEST(Utf8Validator, AgreesWithTheReferenceOnEveryOneAndTwoByteSequence) {
  for (int a = 0; a < 256; ++a) {
    const Sequence one = {static_cast<std::uint8_t>(a)};
    ASSERT_EQ(validator_verdict(one), reference_verdict(one)) << show(one);
    for (int b = 0; b < 256; ++b) {
      const Sequence two = {static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b)};
      const Verdict expected = reference_verdict(two);
      ASSERT_EQ(validator_verdict(two), expected) << show(two);
      ASSERT_EQ(validator_verdict(two, {1}), expected) << show(two) << " split at 1";
    }
  }
}

// A verdict on an input of at most three bytes in one small number, so that
// the exhaustive loop below compares integers: the error offset (0-2), or
// kValidComplete, or kValidSoFar (a character left unfinished).
using VerdictCode = std::uint8_t;
constexpr VerdictCode kValidComplete = 3;
constexpr VerdictCode kValidSoFar = 4;

VerdictCode code_of(std::optional<std::uint64_t> error_offset, bool complete) {
  if (error_offset) return static_cast<VerdictCode>(*error_offset);
  return complete ? kValidComplete : kValidSoFar;
}

VerdictCode reference_code(ByteView bytes) {
  const Verdict verdict = reference_verdict(bytes);
  return code_of(verdict.error_offset, verdict.complete);
}

// The verdict on a sequence that follows `by` bytes of complete characters.
VerdictCode shifted(VerdictCode code, int by) {
  return code < kValidComplete ? static_cast<VerdictCode>(code + by) : code;
}

TEST(Utf8Validator, AgreesWithTheReferenceOnEveryThreeByteSequence) {
  // 16.7 million sequences, so the expected verdicts reuse the reference's
  // verdicts on shorter inputs wherever its answer on (a, b, c) follows from
  // them: it stops at its first error, and after a complete character it
  // judges the rest on its own. Only sequences that start inside a
  // character ask the reference directly. The validator runs on every
  // sequence, from scratch in one piece and byte by byte (its state after
  // each prefix copied).
  std::vector<VerdictCode> one_byte(256);
  std::vector<VerdictCode> two_bytes(256 * 256);
  for (int a = 0; a < 256; ++a) {
    const std::array<std::uint8_t, 1> one = {static_cast<std::uint8_t>(a)};
    one_byte[one[0]] = reference_code(one);
    for (int b = 0; b < 256; ++b) {
      const std::array<std::uint8_t, 2> two = {one[0], static_cast<std::uint8_t>(b)};
      two_bytes[static_cast<std::size_t>(a * 256 + b)] = reference_code(two);
    }
  }

  for (int a = 0; a < 256; ++a) {
    const auto byte_a = static_cast<std::uint8_t>(a);
    const VerdictCode code_a = one_byte[byte_a];
    Utf8Validator after_a;
    after_a.feed(ByteView(&byte_a, 1));
    for (int b = 0; b < 256; ++b) {
      const auto byte_b = static_cast<std::uint8_t>(b);
      const VerdictCode code_ab = two_bytes[static_cast<std::size_t>(a * 256 + b)];
      Utf8Validator after_ab = after_a;
      after_ab.feed(ByteView(&byte_b, 1));
      for (int c = 0; c < 256; ++c) {
        const std::array<std::uint8_t, 3> three = {byte_a, byte_b, static_cast<std::uint8_t>(c)};
        VerdictCode expected = 0;
        if (code_a != kValidSoFar) {  // a alone is an error or a whole character
          expected = code_a == kValidComplete ? shifted(two_bytes[static_cast<std::size_t>(b * 256 + c)], 1) : code_a;
        } else if (code_ab != kValidSoFar) {
          expected = code_ab == kValidComplete ? shifted(one_byte[three[2]], 2) : code_ab;
        } else {
          expected = reference_code(three);
        }
        Utf8Validator one_shot;
        one_shot.feed(three);
        Utf8Validator byte_by_byte = after_ab;
        byte_by_byte.feed(ByteView(three).last(1));
        // Plain comparisons: an assertion macro per sequence would cost more
        // than the validator itself.
        const VerdictCode one_shot_code = code_of(one_shot.error_offset(), one_shot.complete());
        const VerdictCode streamed_code = code_of(byte_by_byte.error_offset(), byte_by_byte.complete());
        if (one_shot_code != expected || streamed_code != expected) {
          FAIL() << show(three) << ": one-shot " << int{one_shot_code} << ", byte by byte " << int{streamed_code}
                 << ", reference " << int{expected} << " (0-2: error offset, 3: valid, 4: valid so far)";
        }
      }
    }
  }
}

// Bytes drawn mostly from where 4-byte sequences are decided: the lead
// bytes around F0-F4 and the continuation range, with its sub-range edges.
std::uint8_t interesting_byte(std::mt19937_64& rng) {
  constexpr std::uint8_t kEdges[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                     0xE0, 0xED, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
  switch (rng() % 3) {
    case 0: return kEdges[rng() % std::size(kEdges)];
    case 1: return static_cast<std::uint8_t>(0x80 + rng() % 0x40);
    default: return static_cast<std::uint8_t>(rng());
  }
}

TEST(Utf8Validator, AgreesWithTheReferenceOnSampledFourByteSequences) {
  std::mt19937_64 rng(0x0F0F);
  for (int sample = 0; sample < 100'000; ++sample) {
    Sequence four(4);
    for (auto& byte : four) byte = interesting_byte(rng);
    if (sample % 2 == 0) four[0] = static_cast<std::uint8_t>(0xF0 + rng() % 8);
    const Verdict expected = reference_verdict(four);
    ASSERT_EQ(validator_verdict(four), expected) << show(four);
    ASSERT_EQ(validator_verdict(four, {1, 2, 3}), expected) << show(four) << " byte by byte";
    ASSERT_EQ(validator_verdict(four, {2}), expected) << show(four) << " split at 2";
  }
}

// Random text: runs of ASCII long enough for the 8-byte fast path, mixed
// with every width of character, sometimes with one byte corrupted.
Sequence random_text(std::mt19937_64& rng) {
  Sequence text;
  const std::size_t characters = rng() % 40;
  for (std::size_t i = 0; i < characters; ++i) {
    if (rng() % 3 == 0) {
      text.insert(text.end(), rng() % 20, static_cast<std::uint8_t>('a' + rng() % 26));
      continue;
    }
    char32_t code_point = 0;
    do {
      constexpr char32_t kLimits[] = {0x80, 0x800, 0x10000, 0x110000};
      code_point = static_cast<char32_t>(rng() % kLimits[rng() % 4]);
    } while (!reference::is_scalar_value(code_point));
    const Sequence bytes = reference::encode_utf8(code_point);
    text.insert(text.end(), bytes.begin(), bytes.end());
  }
  if (!text.empty() && rng() % 2 == 0) text[rng() % text.size()] = interesting_byte(rng);
  if (!text.empty() && rng() % 8 == 0) text.pop_back();  // maybe cut inside a character
  return text;
}

TEST(Utf8Validator, AgreesWithTheReferenceOnRandomTextSplitAnywhere) {
  std::mt19937_64 rng(0xC0FFEE);
  for (int sample = 0; sample < 1500; ++sample) {
    const Sequence text = random_text(rng);
    const Verdict expected = reference_verdict(text);
    ASSERT_EQ(validator_verdict(text), expected) << show(text);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
      ASSERT_EQ(validator_verdict(text, {cut}), expected) << show(text) << " split at " << cut;
    }
  }
}

TEST(Utf8Validator, FailsFastAtTheFirstImpossibleByte) {
  struct Case {
    const char* hex;
    std::uint64_t offset;
  };
  // The byte that makes each prefix impossible, even though more could follow.
  for (const Case& c : {Case{"c0", 0}, Case{"c1 bf", 0}, Case{"e0 80", 1}, Case{"e0 9f", 1}, Case{"ed a0", 1},
                        Case{"ed bf", 1}, Case{"f0 80", 1}, Case{"f0 8f", 1}, Case{"f4 90", 1}, Case{"f4 bf", 1},
                        Case{"f5", 0}, Case{"ff", 0}, Case{"80", 0}, Case{"61 62 bf", 2}, Case{"e2 82 61", 2},
                        Case{"ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", 12}}) {
    const Sequence bytes = from_hex(c.hex).value();
    Utf8Validator validator;
    EXPECT_FALSE(validator.feed(bytes)) << c.hex;
    EXPECT_EQ(validator.error_offset(), c.offset) << c.hex;
    EXPECT_FALSE(validator.complete());
  }
}

TEST(Utf8Validator, AnUnfinishedSequenceIsValidSoFarButNotComplete) {
  Utf8Validator validator;
  EXPECT_TRUE(validator.feed(from_hex("f0 9f 98").value()));
  EXPECT_FALSE(validator.complete());
  EXPECT_FALSE(validator.error_offset());
  EXPECT_TRUE(validator.feed(from_hex("80").value()));
  EXPECT_TRUE(validator.complete());
}

TEST(Utf8Validator, FindsTheErrorAfterEveryLengthOfAsciiPrefix) {
  // Exercises the 8-byte ASCII fast path at every phase.
  for (std::size_t prefix = 0; prefix < 40; ++prefix) {
    Sequence bytes(prefix, 'a');
    bytes.push_back(0xFF);
    bytes.insert(bytes.end(), 9, 'b');
    Utf8Validator validator;
    EXPECT_FALSE(validator.feed(bytes));
    EXPECT_EQ(validator.error_offset(), prefix);
  }
}

TEST(Utf8Validator, StaysFailedUntilReset) {
  Utf8Validator validator;
  EXPECT_FALSE(validator.feed(from_hex("ff").value()));
  EXPECT_FALSE(validator.feed(from_hex("61").value()));
  EXPECT_EQ(validator.error_offset(), 0u);
  validator.reset();
  EXPECT_TRUE(validator.feed(from_hex("61").value()));
  EXPECT_TRUE(validator.complete());
}

TEST(Utf8Validator, ErrorOffsetsCountAcrossFeeds) {
  Utf8Validator validator;
  EXPECT_TRUE(validator.feed(from_hex("61 62 63").value()));
  EXPECT_TRUE(validator.feed(from_hex("e2").value()));
  EXPECT_FALSE(validator.feed(from_hex("28").value()));
  EXPECT_EQ(validator.error_offset(), 4u);
}

}  // namespace
}  // namespace wsh::wire
