#pragma once
// HTTP header fields as the opening handshake needs them (RFC 6455 §4,
// RFC 7230 §3.2): ordered as received, names compared case-insensitively,
// and comma-separated list values ("Connection: keep-alive, Upgrade").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::wire {

// ASCII case-insensitive equality, the comparison RFC 6455 asks for on
// header names and on the values "websocket" and "Upgrade".
bool ascii_iequals(std::string_view a, std::string_view b);

struct HttpField {
  std::string name{};
  std::string value{};

  bool operator==(const HttpField&) const = default;
};

struct HttpHeaders {
  std::vector<HttpField> fields{};  // in order; repeated names are kept

  void add(std::string_view name, std::string_view value);

  // The value of the first field named `name`, if any. Views returned by
  // find() and list_elements() point into `fields`: they live as long as it.
  std::optional<std::string_view> find(std::string_view name) const;
  // How many fields are named `name` (§11.3 limits some to one).
  std::size_t count(std::string_view name) const;
  // The list elements of every field named `name`, in order: split at
  // commas, trimmed of spaces and tabs, empty elements dropped. Quoted
  // strings are not parsed; no handshake header needs them.
  std::vector<std::string_view> list_elements(std::string_view name) const;
  // Whether some list element of `name`, up to any ';' parameters, equals
  // `token` ignoring ASCII case: contains_token("Connection", "upgrade").
  bool contains_token(std::string_view name, std::string_view token) const;

  bool operator==(const HttpHeaders&) const = default;
};

// Trims spaces and horizontal tabs (HTTP's "optional whitespace").
std::string_view trim_http_whitespace(std::string_view text);

}  // namespace wsh::wire
