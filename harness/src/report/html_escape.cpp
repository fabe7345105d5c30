#include "report/html_escape.hpp"

namespace wsh::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool in_range(unsigned char byte, unsigned char low, unsigned char high) { return byte >= low && byte <= high; }

// Replaces every \u escape-worthy character of an already serialised JSON
// text. These characters only occur inside JSON strings, where a \u escape
// means the same character, so the result parses to the same value.
std::string harden_for_script(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size() + json_text.size() / 16);
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    const char c = json_text[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && json_text.substr(i, 3) == "\xE2\x80\xA8") out += "\\u2028", i += 2;
    else if (c == '\xE2' && json_text.substr(i, 3) == "\xE2\x80\xA9") out += "\\u2029", i += 2;
    else out += c;
  }
  return out;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const std::size_t left = text.size() - at;
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  // RFC 3629 §4: the second byte's range depends on the lead byte; this is
  // what excludes overlong forms, surrogates and code points above U+10FFFF.
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (in_range(lead, 0xC2, 0xDF)) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;
  else if (in_range(lead, 0xE1, 0xEC) || in_range(lead, 0xEE, 0xEF)) length = 3;
  else if (lead == 0xED) length = 3, high = 0x9F;
  else if (lead == 0xF0) length = 4, low = 0x90;
  else if (in_range(lead, 0xF1, 0xF3)) length = 4;
  else if (lead == 0xF4) length = 4, high = 0x8F;
  else return 0;
  if (left < length || !in_range(byte(1), low, high)) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (!in_range(byte(k), 0x80, 0xBF)) return 0;
  return length;
}

std::string html_text(std::string_view text) { return escape_markup(text, "&#39;", false); }

std::string escape_markup(std::string_view text, std::string_view apostrophe, bool keep_del) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const char c = text[i++];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += apostrophe; break;
      case '\t':
      case '\n':
      case '\r': out += c; break;
      default:
        // NUL and the other C0 controls are not characters of XML 1.0 and
        // parse errors in HTML, as DEL is there too: show the replacement
        // character instead.
        if (static_cast<unsigned char>(c) < 0x20 || (c == 0x7F && !keep_del)) out += kReplacement;
        else out += c;
    }
  }
  return out;
}

std::string html_text_prefix(std::string_view text, std::size_t max_bytes) {
  const auto shown = utf8_prefix(text, max_bytes);
  return shown.size() == text.size() ? html_text(text) : html_text(shown) + "…";
}

std::string script_json(const nlohmann::json& value) {
  // error_handler_t::replace: a string holding invalid UTF-8 (a close reason
  // read off the wire) serialises with U+FFFD instead of throwing.
  return harden_for_script(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string safe_href(std::string_view link) {
  const bool http = link.starts_with("https://") || link.starts_with("http://");
  if (!http) return {};
  for (const char c : link) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '\\')
      return {};
  }
  return std::string(link);
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of a character;
  // a character has at most three, so invalid input cannot take us further.
  for (int step = 0; step < 3 && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80; ++step) --cut;
  return text.substr(0, cut);
}

}  // namespace wsh::report
