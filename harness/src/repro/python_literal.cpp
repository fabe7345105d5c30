#include "repro/python_literal.hpp"

#include <fmt/format.h>

namespace wsh::repro {
namespace {

// The code point of the UTF-8 sequence at text[i] and its length, or a
// length of 0 when the bytes there are not a valid, shortest-form sequence.
struct Decoded {
  char32_t code = 0;
  std::size_t length = 0;
};

Decoded decode_utf8(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t code = 0;
  char32_t smallest = 0;
  if (lead < 0x80) return {lead, 1};
  if ((lead >> 5) == 0x6) length = 2, code = lead & 0x1F, smallest = 0x80;
  else if ((lead >> 4) == 0xE) length = 3, code = lead & 0x0F, smallest = 0x800;
  else if ((lead >> 3) == 0x1E) length = 4, code = lead & 0x07, smallest = 0x10000;
  else return {};
  if (i + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) >> 6) != 0x2) return {};
    code = (code << 6) | (byte(k) & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
  if (code < smallest || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return {};
  return {code, length};
}

std::string unicode_escape(char32_t code) {
  return code <= 0xFFFF ? fmt::format("\\u{:04x}", static_cast<unsigned>(code))
                        : fmt::format("\\U{:08x}", static_cast<unsigned>(code));
}

enum class Context { StrLiteral, Docstring, Comment };

std::string escape(std::string_view text, Context context) {
  const bool literal = context == Context::StrLiteral;
  // Prose shows an escape as text: in a docstring its backslash is itself
  // escaped; a comment is not parsed, so one backslash is the text.
  const std::string_view shown_backslash = context == Context::Docstring ? "\\\\" : "\\";
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const auto decoded = decode_utf8(text, i);
    if (decoded.length == 0) {
      const auto byte = static_cast<unsigned>(static_cast<unsigned char>(text[i]));
      // In a str literal the byte survives as surrogateescape's stand-in; in
      // prose the reader sees the escape itself.
      out += literal ? fmt::format("\\udc{:02x}", byte) : fmt::format("{}x{:02x}", shown_backslash, byte);
      ++i;
      continue;
    }
    const char32_t code = decoded.code;
    i += decoded.length;
    if (code == '\\' || code == '"') {
      // A docstring keeps a lone quote readable; one followed by another
      // quote, or by the closing """, is escaped, so no run of quotes forms.
      const bool quote_run = i == text.size() || text[i] == '"';
      if (context == Context::StrLiteral || (context == Context::Docstring && (code == '\\' || quote_run))) out += '\\';
      out += static_cast<char>(code);
    } else if (code == '\n' && context != Context::StrLiteral) {
      out += context == Context::Docstring ? '\n' : ' ';
    } else if (code >= 0x20 && code < 0x7F) {
      out += static_cast<char>(code);
    } else if (code < 0x80) {
      out += fmt::format("{}x{:02x}", literal ? std::string_view("\\") : shown_backslash, static_cast<unsigned>(code));
    } else {
      out += literal ? unicode_escape(code) : std::string(shown_backslash.substr(1)) + unicode_escape(code);
    }
  }
  return out;
}

}  // namespace

std::string python_str(std::string_view text) { return "\"" + escape(text, Context::StrLiteral) + "\""; }

std::string python_bytes(wire::ByteView bytes) { return "bytes.fromhex(\"" + wire::to_hex(bytes) + "\")"; }

std::string docstring_text(std::string_view text) { return escape(text, Context::Docstring); }

std::string comment_text(std::string_view text) { return escape(text, Context::Comment); }

}  // namespace wsh::repro
