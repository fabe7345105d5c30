#include "wire/base64.hpp"

#include <array>

namespace wsh::wire {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kNotInAlphabet = 0xFF;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  table.fill(kNotInAlphabet);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> kDecodeTable = make_decode_table();

}  // namespace

std::string base64_encode(ByteView bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  // Three bytes make four 6-bit characters.
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    text.push_back(kAlphabet[group >> 18 & 0x3F]);
    text.push_back(kAlphabet[group >> 12 & 0x3F]);
    text.push_back(kAlphabet[group >> 6 & 0x3F]);
    text.push_back(kAlphabet[group & 0x3F]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t group = std::uint32_t{bytes[i]} << 16;
    text.push_back(kAlphabet[group >> 18 & 0x3F]);
    text.push_back(kAlphabet[group >> 12 & 0x3F]);
    text.append("==");
  } else if (rest == 2) {
    const std::uint32_t group = std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8;
    text.push_back(kAlphabet[group >> 18 & 0x3F]);
    text.push_back(kAlphabet[group >> 12 & 0x3F]);
    text.push_back(kAlphabet[group >> 6 & 0x3F]);
    text.push_back('=');
  }
  return text;
}

std::optional<Bytes> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;

  Bytes bytes;
  bytes.reserve(text.size() / 4 * 3);
  const std::size_t data_chars = text.size() - padding;
  std::uint32_t bits = 0;
  int bit_count = 0;
  for (std::size_t i = 0; i < data_chars; ++i) {
    const std::uint8_t value = kDecodeTable[static_cast<unsigned char>(text[i])];
    if (value == kNotInAlphabet) return std::nullopt;  // includes a '=' before the end
    bits = (bits << 6 | value) & 0xFFFFFF;
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes.push_back(static_cast<std::uint8_t>(bits >> bit_count));
    }
  }
  // Left-over bits belong to no byte; a canonical encoder writes them as 0.
  if ((bits & ((1U << bit_count) - 1)) != 0) return std::nullopt;
  return bytes;
}

}  // namespace wsh::wire
