#pragma once
// Text for XML content and attributes (junit.xml). Subjects write anything;
// the XML must still parse.

#include <string>
#include <string_view>

namespace wsh::report {

// Escapes the five markup characters; bytes that are not valid UTF-8 or not
// allowed in XML 1.0 (NUL, most controls) become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace wsh::report
