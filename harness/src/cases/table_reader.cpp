#include "cases/table_reader.hpp"

#include <fmt/format.h>

namespace wsh::cases {

std::string SourceLocation::to_string() const {
  if (line <= 0) return file;
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string LoadError::to_string() const { return fmt::format("{}: {}", where.to_string(), message); }

SourceLocation location_of(const toml::node& node, const std::string& file) {
  const auto& begin = node.source().begin;
  return SourceLocation{file, static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

std::optional<std::string_view> sole_placeholder(std::string_view text) {
  if (text.size() > 3 && text.starts_with("${") && text.back() == '}' && text.find('}') == text.size() - 1)
    return text.substr(2, text.size() - 3);
  return std::nullopt;
}

std::string render_scalar(const toml::node& value) {
  if (const auto* s = value.as_string()) return s->get();
  if (const auto* i = value.as_integer()) return std::to_string(i->get());
  if (const auto* b = value.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* f = value.as_floating_point()) return fmt::format("{}", f->get());
  return "?";
}

std::string substitute(std::string_view text, const Bindings& bindings, std::string* unknown) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("${", pos);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    const auto name = text.substr(open + 2, close - open - 2);
    if (const auto it = bindings.find(name); it != bindings.end()) {
      out.append(render_scalar(*it->second));
    } else {
      if (unknown && unknown->empty()) *unknown = std::string(name);
      out.append(text.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  return out;
}

TableReader::TableReader(const toml::table& table, const std::string& file, const Bindings& bindings,
                         LoadErrors& errors, std::string context)
    : table_(table), file_(file), bindings_(bindings), errors_(errors), context_(std::move(context)) {}

bool TableReader::has(std::string_view key) const { return table_.contains(key); }

void TableReader::allow(std::initializer_list<std::string_view> keys) {
  for (const auto key : keys) read_.emplace(key);
}

const toml::node* TableReader::node(std::string_view key) {
  read_.emplace(key);
  return table_.get(key);
}

void TableReader::error(const toml::node& at, std::string message) {
  errors_.push_back(LoadError{location_of(at, file_), std::move(message)});
}

void TableReader::error_here(std::string message) { error(table_, std::move(message)); }

std::string TableReader::describe(std::string_view key) const {
  return context_.empty() ? fmt::format("'{}'", key) : fmt::format("'{}' of {}", key, context_);
}

SourceLocation TableReader::location_of_key(const toml::key& key, const toml::node& value) const {
  // Keys of inline tables carry their own position; fall back to the value's.
  if (key.source().begin.line > 0) {
    const auto& begin = key.source().begin;
    return SourceLocation{file_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  return location_of(value, file_);
}

const toml::node& TableReader::resolve(const toml::node& value) {
  if (const auto* s = value.as_string()) {
    if (const auto name = sole_placeholder(s->get())) {
      if (const auto it = bindings_.find(*name); it != bindings_.end()) return *it->second;
    }
  }
  return value;
}

std::optional<std::string> TableReader::as_string(const toml::node& value, std::string_view what) {
  const toml::node& resolved = resolve(value);
  const auto* s = resolved.as_string();
  if (!s) {
    error(value, fmt::format("{} must be a string", what));
    return std::nullopt;
  }
  std::string unknown;
  std::string text = substitute(s->get(), bindings_, &unknown);
  if (!unknown.empty()) {
    error(value, fmt::format("{} uses '${{{}}}', which is not a matrix parameter of this case", what, unknown));
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> TableReader::as_integer(const toml::node& value, std::string_view what, std::int64_t min,
                                                    std::int64_t max) {
  const toml::node& resolved = resolve(value);
  if (const auto* s = resolved.as_string(); s && sole_placeholder(s->get())) {
    error(value, fmt::format("{} uses '{}', which is not a matrix parameter of this case", what, s->get()));
    return std::nullopt;
  }
  const auto* i = resolved.as_integer();
  if (!i) {
    error(value, fmt::format("{} must be an integer", what));
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    error(value, fmt::format("{} must be between {} and {}, not {}", what, min, max, i->get()));
    return std::nullopt;
  }
  return i->get();
}

std::optional<bool> TableReader::as_boolean(const toml::node& value, std::string_view what) {
  const auto* b = resolve(value).as_boolean();
  if (!b) {
    error(value, fmt::format("{} must be true or false", what));
    return std::nullopt;
  }
  return b->get();
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const auto* value = node(key);
  if (!value) {
    if (required) error_here(fmt::format("missing {} (a string)", describe(key)));
    return std::nullopt;
  }
  return as_string(*value, describe(key));
}

std::optional<std::string> TableReader::template_string(std::string_view key, bool required) {
  const auto* value = node(key);
  if (!value) {
    if (required) error_here(fmt::format("missing {} (a string)", describe(key)));
    return std::nullopt;
  }
  const auto* text = value->as_string();
  if (!text) {
    error(*value, fmt::format("{} must be a string", describe(key)));
    return std::nullopt;
  }
  return text->get();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                                 bool required) {
  const auto* value = node(key);
  if (!value) {
    if (required) error_here(fmt::format("missing {} (an integer)", describe(key)));
    return std::nullopt;
  }
  return as_integer(*value, describe(key), min, max);
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const auto* value = node(key);
  if (!value) return std::nullopt;
  return as_boolean(*value, describe(key));
}

const toml::array* TableReader::array(std::string_view key, bool required) {
  const auto* value = node(key);
  if (!value) {
    if (required) error_here(fmt::format("missing {} (an array)", describe(key)));
    return nullptr;
  }
  const auto* array = value->as_array();
  if (!array) error(*value, fmt::format("{} must be an array", describe(key)));
  return array;
}

const toml::table* TableReader::table(std::string_view key) {
  const auto* value = node(key);
  if (!value) return nullptr;
  const auto* table = value->as_table();
  if (!table) error(*value, fmt::format("{} must be a table", describe(key)));
  return table;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, bool required) {
  const auto* list = array(key, required);
  if (!list) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& element : *list) {
    auto text = as_string(element, fmt::format("each element of {}", describe(key)));
    if (text) out.push_back(std::move(*text));
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::int64_t>> TableReader::integers(std::string_view key, std::int64_t min,
                                                               std::int64_t max) {
  const auto* list = array(key);
  if (!list) return std::nullopt;
  std::vector<std::int64_t> out;
  bool ok = true;
  for (const auto& element : *list) {
    auto value = as_integer(element, fmt::format("each element of {}", describe(key)), min, max);
    if (value) out.push_back(*value);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void TableReader::reject_unknown_keys() {
  for (const auto& [key, value] : table_) {
    if (read_.contains(key.str())) continue;
    std::string known;
    for (const auto& name : read_) known += (known.empty() ? "" : ", ") + name;
    errors_.push_back(
        LoadError{location_of_key(key, value),
                  fmt::format("unknown key '{}'{}{}", key.str(), context_.empty() ? "" : " in " + context_,
                              known.empty() ? "" : fmt::format(" (expected one of: {})", known))});
  }
}

}  // namespace wsh::cases
