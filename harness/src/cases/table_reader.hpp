#pragma once
// Strict, located reading of one TOML table: typed getters that record an
// error (file:line:col and what was expected) instead of throwing, "${param}"
// substitution from the matrix bindings, and a final check that every key was
// understood — an unknown key is a typo until proven otherwise.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "cases/load_error.hpp"

namespace wsh::cases {

// The longest duration a case file may name (ten minutes): a larger value is
// a typo, and no wait may be unbounded.
inline constexpr std::int64_t kMaxMillis = 600'000;

// Matrix parameter name -> its value for one expansion.
using Bindings = std::map<std::string, toml::node*, std::less<>>;

SourceLocation location_of(const toml::node& node, const std::string& file);

class TableReader {
 public:
  TableReader(const toml::table& table, const std::string& file, const Bindings& bindings, LoadErrors& errors,
              std::string context);

  bool has(std::string_view key) const;
  // Declares keys as understood even when the parser does not read them in
  // this case (so they are listed as expected, never reported as unknown).
  void allow(std::initializer_list<std::string_view> keys);
  const toml::node* node(std::string_view key);  // marks the key as read

  std::optional<std::string> string(std::string_view key, bool required = false);
  // A string kept as written, "${param}" included (substituted later, per
  // matrix combination).
  std::optional<std::string> template_string(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false);
  std::optional<std::vector<std::int64_t>> integers(std::string_view key, std::int64_t min, std::int64_t max);
  const toml::table* table(std::string_view key);
  const toml::array* array(std::string_view key, bool required = false);

  // Resolves a value node through the bindings: "${p}" alone becomes the
  // parameter's node; other strings get "${p}" replaced textually.
  std::optional<std::string> as_string(const toml::node& value, std::string_view what);
  std::optional<std::int64_t> as_integer(const toml::node& value, std::string_view what, std::int64_t min,
                                         std::int64_t max);
  std::optional<bool> as_boolean(const toml::node& value, std::string_view what);

  void error(const toml::node& at, std::string message);
  void error_here(std::string message);  // at the table itself

  // Reports every key that no getter asked for.
  void reject_unknown_keys();

  const std::string& file() const { return file_; }
  LoadErrors& errors() { return errors_; }
  const Bindings& bindings() const { return bindings_; }

  // The node a value stands for: a lone "${p}" is the bound parameter's
  // node (so it keeps its TOML type), anything else is itself.
  const toml::node& resolve(const toml::node& value);

 private:
  SourceLocation location_of_key(const toml::key& key, const toml::node& value) const;
  std::string describe(std::string_view key) const;

  const toml::table& table_;
  const std::string& file_;
  const Bindings& bindings_;
  LoadErrors& errors_;
  std::string context_;
  std::set<std::string, std::less<>> read_;
};

// "${name}" -> "name" when the whole string is one placeholder.
std::optional<std::string_view> sole_placeholder(std::string_view text);

// Replaces every "${name}" with the bound value rendered as text; unknown
// names are left alone and reported through `unknown`.
std::string substitute(std::string_view text, const Bindings& bindings, std::string* unknown);

// A scalar TOML value as text: 1005, "abc" -> abc, true.
std::string render_scalar(const toml::node& value);

}  // namespace wsh::cases
