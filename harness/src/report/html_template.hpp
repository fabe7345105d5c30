#pragma once
// The page skeletons in reports/*.html hold {{NAME}} slots; fill_template
// replaces each with its value in one pass, so a value (already escaped by
// the caller) is never scanned for slots itself.

#include <map>
#include <string>
#include <string_view>

namespace wsh::report {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Throws std::logic_error naming the slot when the template has a slot with
// no value: a renamed slot must fail the unit tests, not ship a blank page.
std::string fill_template(std::string_view skeleton, const TemplateValues& values);

}  // namespace wsh::report
