#pragma once
// Turns one stdout line into a SubjectEvent, or says what is wrong with it.
// Every input is safe: garbage, invalid UTF-8, NUL bytes, numbers of the wrong
// type, nesting a recursive consumer would overflow on.

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "launch/subject_event.hpp"

namespace wsh::launch {

// JSON nested deeper than this is refused before it is parsed: the protocol's
// deepest object is hello's "timeouts" (depth 2), and nlohmann::json's dump()
// and comparison recurse, so a deep value kept in `raw` would be a stack
// overflow waiting for whoever prints it.
inline constexpr std::size_t kMaxJsonDepth = 32;

struct ParseProblem {
  std::string what;  // "not a JSON object", "\"read\": field \"result\" must be ..."
};

using ParsedLine = std::variant<SubjectEvent, ParseProblem>;

// Parses a line without its '\n'. The caller stamps `at` and `line_number`.
// Unknown extra fields are allowed (kept in `raw`); unknown events are not.
ParsedLine parse_event_line(std::string_view line);

// The deepest nesting of arrays and objects in `text`, counting only brackets
// outside strings; stops counting once `limit` is exceeded.
std::size_t json_nesting_depth(std::string_view text, std::size_t limit);

}  // namespace wsh::launch
