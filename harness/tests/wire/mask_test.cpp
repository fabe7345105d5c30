// Masking (§5.3) against the byte-by-byte definition, at every phase and
// every alignment, since apply_mask works a word at a time.

#include "wire/mask.hpp"

#include <gtest/gtest.h>

#include <random>

namespace wsh::wire {
namespace {

// §5.3 verbatim: transformed-octet-i = original-octet-i XOR masking-key-octet-(i MOD 4).
std::vector<std::uint8_t> mask_by_definition(std::vector<std::uint8_t> data, MaskKey key, std::size_t key_offset) {
  for (std::size_t i = 0; i < data.size(); ++i) data[i] ^= key[(i + key_offset) % 4];
  return data;
}

TEST(ApplyMask, MatchesTheDefinitionForEveryLengthOffsetAndAlignment) {
  std::mt19937_64 rng(7);
  const MaskKey key = {0xA1, 0xB2, 0xC3, 0xD4};
  std::vector<std::uint8_t> buffer(200);
  for (auto& byte : buffer) byte = static_cast<std::uint8_t>(rng());
  for (std::size_t alignment = 0; alignment < 8; ++alignment) {
    for (std::size_t length = 0; length <= 80; ++length) {
      for (std::size_t key_offset = 0; key_offset < 6; ++key_offset) {
        std::vector<std::uint8_t> data = buffer;
        std::span<std::uint8_t> window(data.data() + alignment, length);
        apply_mask(window, key, key_offset);
        const std::vector<std::uint8_t> original(buffer.begin() + alignment, buffer.begin() + alignment + length);
        ASSERT_EQ(std::vector<std::uint8_t>(window.begin(), window.end()),
                  mask_by_definition(original, key, key_offset))
            << "alignment " << alignment << " length " << length << " offset " << key_offset;
        // Bytes around the window are untouched.
        ASSERT_TRUE(std::equal(data.begin(), data.begin() + alignment, buffer.begin()));
        ASSERT_TRUE(std::equal(data.begin() + alignment + length, data.end(), buffer.begin() + alignment + length));
      }
    }
  }
}

TEST(ApplyMask, MaskingTwiceRestoresTheData) {
  std::vector<std::uint8_t> data(1000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i);
  const auto original = data;
  const MaskKey key = {1, 2, 3, 4};
  apply_mask(data, key);
  EXPECT_NE(data, original);
  apply_mask(data, key);
  EXPECT_EQ(data, original);
}

TEST(ApplyMask, PiecewiseEqualsWhole) {
  std::vector<std::uint8_t> whole(777, 0x5A);
  std::vector<std::uint8_t> pieces = whole;
  const MaskKey key = {0x10, 0x20, 0x30, 0x40};
  apply_mask(whole, key);
  for (std::size_t start = 0; start < pieces.size(); start += 13) {
    const std::size_t length = std::min<std::size_t>(13, pieces.size() - start);
    apply_mask(std::span<std::uint8_t>(pieces).subspan(start, length), key, start);
  }
  EXPECT_EQ(pieces, whole);
}

}  // namespace
}  // namespace wsh::wire
