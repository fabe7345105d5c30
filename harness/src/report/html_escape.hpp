#pragma once
// Escaping for the HTML report. Everything a subject or the wire produced
// (close reasons, payload text, impl names, versions, stderr, events) goes
// through one of these before it reaches a page, each for its context:
//   html_text    element content and double-quoted attribute values, which
//                includes SVG text inside an HTML page (same tokenizer rules);
//   script_json  JSON placed inside <script type="application/json">;
//   safe_href    a link target from a baseline file (http/https only).
// Bytes that are not valid UTF-8, NUL and the other C0 controls (except tab,
// LF, CR) become U+FFFD, so every page is valid UTF-8 whatever came in.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace wsh::report {

// Escapes & < > " ' and sanitises the bytes as above. Safe for element
// content and for attribute values in double or single quotes.
std::string html_text(std::string_view text);

// What html_text and xml_escape share: the five markup characters escaped
// (' as `apostrophe`), bytes that are not UTF-8 and C0 controls but tab, LF
// and CR made U+FFFD; DEL too unless `keep_del` (XML 1.0 allows it).
std::string escape_markup(std::string_view text, std::string_view apostrophe, bool keep_del);

// Serialises `value` for a <script> block: invalid UTF-8 becomes U+FFFD, and
// < > & U+2028 U+2029 become \u escapes, so "</script>" or "<!--" inside a
// string cannot end the block and the text is also a valid JS literal.
std::string script_json(const nlohmann::json& value);

// html_text of at most the first `max_bytes` of `text`, ending in "…" when
// cut: for places (a tooltip, a table cell) that need no pointer to the rest.
std::string html_text_prefix(std::string_view text, std::size_t max_bytes);

// `link` when it is an absolute http(s) URL without characters that need
// escaping in an attribute; empty otherwise (a javascript: URL from a
// baseline file must never become a live link).
std::string safe_href(std::string_view link);

// The first `max_bytes` of `text`, cut back to a UTF-8 character boundary
// so the cut never makes a valid string invalid.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// Length of the valid UTF-8 sequence (RFC 3629 §4) starting at text[at], or
// 0 when the bytes there do not begin one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

}  // namespace wsh::report
