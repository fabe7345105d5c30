#pragma once
// Autobahn|Testsuite section-7 numbering, for the `autobahn` key of a case.
// 7.7.x, 7.9.x and 7.13.x are families indexed by close code; their numbers
// changed between Autobahn versions (7.9.x lost 1012-1015 in 0.7.5 and
// 0.8.1), so a case names the family and the harness resolves the number
// from the code, using the numbering of Autobahn 0.8.1 and later (current
// master), as listed in Autobahn|Testsuite's case tables.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wsh::cases {

// "7.9.x" + 1005 -> "7.9.4"; a fixed number ("7.3.1") is returned unchanged;
// a family whose list lacks the code gives nullopt (e.g. 7.9.x with 1015,
// which Autobahn dropped: the case then claims no Autobahn number).
std::optional<std::string> resolve_autobahn(std::string_view name, std::optional<std::uint16_t> code);

// Whether `name` is a section-7 case or family Autobahn defines.
bool is_known_autobahn_case(std::string_view name);

}  // namespace wsh::cases
