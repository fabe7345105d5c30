#include "report/xml_escape.hpp"

#include "report/html_escape.hpp"

namespace wsh::report {

std::string xml_escape(std::string_view text) { return escape_markup(text, "&apos;", true); }

}  // namespace wsh::report
