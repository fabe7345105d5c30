#include "wire/bytes.hpp"

namespace wsh::wire {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::optional<std::uint8_t> hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
  return std::nullopt;
}

bool is_hex_separator(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

Bytes to_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

std::string_view as_chars(ByteView bytes) {
  // Reading bytes as chars is what reinterpret_cast is for; char may alias anything.
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string to_hex(ByteView bytes) {
  std::string hex;
  if (bytes.empty()) return hex;
  hex.reserve(bytes.size() * 3 - 1);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) hex.push_back(' ');
    hex.push_back(kHexDigits[bytes[i] >> 4]);
    hex.push_back(kHexDigits[bytes[i] & 0x0F]);
  }
  return hex;
}

std::optional<Bytes> from_hex(std::string_view hex) {
  Bytes bytes;
  bytes.reserve(hex.size() / 2);
  std::size_t i = 0;
  while (i < hex.size()) {
    if (is_hex_separator(hex[i])) {
      ++i;
      continue;
    }
    if (i + 1 >= hex.size()) return std::nullopt;
    const auto high = hex_digit_value(hex[i]);
    const auto low = hex_digit_value(hex[i + 1]);
    if (!high || !low) return std::nullopt;
    bytes.push_back(static_cast<std::uint8_t>(*high << 4 | *low));
    i += 2;
  }
  return bytes;
}

}  // namespace wsh::wire
