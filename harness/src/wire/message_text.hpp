#pragma once
// Composing the codec's error messages. A message is built each time a
// stream fails, which is rare in a connection but happens on most inputs of
// a fuzzer: each message costs one allocation, not one per part.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace wsh::wire {

// The parts, concatenated into one string allocated once.
inline std::string join_text(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const std::string_view part : parts) size += part.size();
  std::string text;
  text.reserve(size);
  for (const std::string_view part : parts) text.append(part);
  return text;
}

// A number's text, held in place so that it costs no allocation of its own.
class NumberText {
 public:
  // 255 -> "255"
  static NumberText decimal(std::uint64_t value) { return NumberText(value, 10, ""); }
  // 255 -> "0xff" (lower case, no leading zeros)
  static NumberText hex(std::uint64_t value) { return NumberText(value, 16, "0x"); }

  std::string_view view() const { return {chars_.data(), size_}; }
  // Implicit, so that a NumberText is a join_text part as it stands.
  operator std::string_view() const { return view(); }

 private:
  NumberText(std::uint64_t value, int base, std::string_view prefix) {
    prefix.copy(chars_.data(), prefix.size());
    char* const digits = chars_.data() + prefix.size();
    size_ =
        static_cast<std::size_t>(std::to_chars(digits, chars_.data() + chars_.size(), value, base).ptr - chars_.data());
  }

  std::array<char, 2 + 20> chars_{};  // a prefix and the 20 digits of 2^64 - 1
  std::size_t size_ = 0;
};

}  // namespace wsh::wire
