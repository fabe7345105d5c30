#include "wire/http_headers.hpp"

#include <algorithm>

namespace wsh::wire {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool ascii_iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim_http_whitespace(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

void HttpHeaders::add(std::string_view name, std::string_view value) {
  fields.push_back(HttpField{std::string(name), std::string(value)});
}

std::optional<std::string_view> HttpHeaders::find(std::string_view name) const {
  for (const HttpField& field : fields) {
    if (ascii_iequals(field.name, name)) return std::string_view(field.value);
  }
  return std::nullopt;
}

std::size_t HttpHeaders::count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      fields.begin(), fields.end(), [name](const HttpField& field) { return ascii_iequals(field.name, name); }));
}

std::vector<std::string_view> HttpHeaders::list_elements(std::string_view name) const {
  std::vector<std::string_view> elements;
  for (const HttpField& field : fields) {
    if (!ascii_iequals(field.name, name)) continue;
    std::string_view rest = field.value;
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::string_view element = trim_http_whitespace(rest.substr(0, comma));
      if (!element.empty()) elements.push_back(element);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return elements;
}

bool HttpHeaders::contains_token(std::string_view name, std::string_view token) const {
  for (const std::string_view element : list_elements(name)) {
    const std::string_view without_params = trim_http_whitespace(element.substr(0, element.find(';')));
    if (ascii_iequals(without_params, token)) return true;
  }
  return false;
}

}  // namespace wsh::wire
