#pragma once
// A slow, obviously correct UTF-8 decoder: RFC 3629 §4's grammar transcribed
// as a table, one row per form of a well-formed sequence, matched byte by
// byte. It is the oracle for wire::Utf8Validator (a compiled DFA with an
// ASCII fast path) here and in the fuzz targets, so it shares no code or
// structure with it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace wsh::wire::reference {

struct ByteRange {
  std::uint8_t low;
  std::uint8_t high;
  bool contains(std::uint8_t byte) const { return byte >= low && byte <= high; }
};

// One alternative of RFC 3629's UTF8-char rule: `length` bytes, byte k in
// ranges[k].
struct SequenceForm {
  std::size_t length;
  std::array<ByteRange, 4> ranges;
};

//   UTF8-1 = %x00-7F
//   UTF8-2 = %xC2-DF UTF8-tail
//   UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
//            %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
//   UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
//            %xF4 %x80-8F 2( UTF8-tail )
//   UTF8-tail = %x80-BF
inline constexpr ByteRange kTail{0x80, 0xBF};
inline constexpr std::array<SequenceForm, 9> kSequenceForms = {{
    {1, {{{0x00, 0x7F}}}},
    {2, {{{0xC2, 0xDF}, kTail}}},
    {3, {{{0xE0, 0xE0}, {0xA0, 0xBF}, kTail}}},
    {3, {{{0xE1, 0xEC}, kTail, kTail}}},
    {3, {{{0xED, 0xED}, {0x80, 0x9F}, kTail}}},
    {3, {{{0xEE, 0xEF}, kTail, kTail}}},
    {4, {{{0xF0, 0xF0}, {0x90, 0xBF}, kTail, kTail}}},
    {4, {{{0xF1, 0xF3}, kTail, kTail, kTail}}},
    {4, {{{0xF4, 0xF4}, {0x80, 0x8F}, kTail, kTail}}},
}};

struct Utf8Decode {
  std::vector<char32_t> code_points;        // filled only when asked for
  std::optional<std::size_t> error_offset;  // first byte that no form can accept
  bool truncated = false;                   // input ends inside a sequence

  bool valid() const { return !error_offset && !truncated; }
};

// Decodes `bytes`; stops at the first byte no form accepts. Pass
// `want_code_points = false` to skip collecting them (for speed).
inline Utf8Decode decode_utf8(std::span<const std::uint8_t> bytes, bool want_code_points = true) {
  Utf8Decode result;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const SequenceForm* form = nullptr;
    for (const SequenceForm& candidate : kSequenceForms) {
      if (candidate.ranges[0].contains(bytes[i])) {
        form = &candidate;  // lead-byte ranges do not overlap: the first match is the only one
        break;
      }
    }
    if (form == nullptr) {
      result.error_offset = i;
      return result;
    }
    // The lead byte keeps 7, 5, 4 or 3 payload bits; each tail byte 6.
    constexpr std::array<std::uint8_t, 5> kLeadBits = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t code_point = bytes[i] & kLeadBits[form->length];
    for (std::size_t k = 1; k < form->length; ++k) {
      if (i + k >= bytes.size()) {
        result.truncated = true;
        return result;
      }
      if (!form->ranges[k].contains(bytes[i + k])) {
        result.error_offset = i + k;
        return result;
      }
      code_point = code_point << 6 | (bytes[i + k] & 0x3F);
    }
    if (want_code_points) result.code_points.push_back(code_point);
    i += form->length;
  }
  return result;
}

// The UTF-8 encoding of a Unicode scalar value, by the bit layout of
// RFC 3629 §3 (no validation: the caller passes scalar values), appended to
// `out`.
inline void append_utf8(std::vector<std::uint8_t>& out, char32_t code_point) {
  const auto byte = [](char32_t bits) { return static_cast<std::uint8_t>(bits); };
  if (code_point < 0x80) {
    out.push_back(byte(code_point));
  } else if (code_point < 0x800) {
    out.insert(out.end(), {byte(0xC0 | code_point >> 6), byte(0x80 | (code_point & 0x3F))});
  } else if (code_point < 0x10000) {
    out.insert(out.end(), {byte(0xE0 | code_point >> 12), byte(0x80 | (code_point >> 6 & 0x3F)),
                           byte(0x80 | (code_point & 0x3F))});
  } else {
    out.insert(out.end(), {byte(0xF0 | code_point >> 18), byte(0x80 | (code_point >> 12 & 0x3F)),
                           byte(0x80 | (code_point >> 6 & 0x3F)), byte(0x80 | (code_point & 0x3F))});
  }
}

inline std::vector<std::uint8_t> encode_utf8(char32_t code_point) {
  std::vector<std::uint8_t> out;
  append_utf8(out, code_point);
  return out;
}

inline bool is_scalar_value(char32_t code_point) {
  return code_point <= 0x10FFFF && (code_point < 0xD800 || code_point > 0xDFFF);
}

}  // namespace wsh::wire::reference
