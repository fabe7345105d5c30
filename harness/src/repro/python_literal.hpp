#pragma once
// Untrusted text and bytes (close reasons, payloads, stderr, requirement
// text) as Python 3 source. Every function here returns pure printable
// ASCII, so nothing a subject sent can end a literal, open a new statement,
// or hide in the file as a control or bidi character.

#include <string>
#include <string_view>

#include "wire/bytes.hpp"

namespace wsh::repro {

// A str literal in double quotes: printable ASCII as itself, `"` and `\`
// escaped, valid UTF-8 as \uXXXX / \UXXXXXXXX, and each byte that is not
// UTF-8 as the lone surrogate \udcXX that Python's "surrogateescape" maps
// back to that byte, so the program can print the original bytes escaped.
std::string python_str(std::string_view text);

// A bytes value built from hex: bytes.fromhex("81 05 ..."). Hex digits and
// spaces only, whatever the bytes hold.
std::string python_bytes(wire::ByteView bytes);

// Text for inside a """docstring""" or a # comment: newlines kept (for the
// docstring; a comment takes none), `\` and each `"` that another quote (or
// the end) follows escaped so no run of quotes can end the docstring, other
// control bytes and every non-ASCII character
// written as visible escapes (\x1b, \u00e9), bytes that are not UTF-8 as the
// visible text \xNN.
std::string docstring_text(std::string_view text);
std::string comment_text(std::string_view text);

}  // namespace wsh::repro
