#include "launch/event_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace wsh::launch {
namespace {

using nlohmann::json;

// A field of a recognised event is missing or has the wrong type. Internal:
// parse_event_line turns it into a ParseProblem.
class FieldError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FieldReader {
 public:
  FieldReader(const json& object, std::string_view event_name) : object_(object), event_name_(event_name) {}

  bool has(std::string_view key) const { return object_.contains(key); }

  const json& required(std::string_view key) const {
    const auto found = object_.find(key);
    if (found == object_.end()) fail(key, "is missing");
    return *found;
  }

  std::string string(std::string_view key) const {
    const json& value = required(key);
    if (!value.is_string()) fail(key, "must be a string");
    return value.get<std::string>();
  }

  std::string non_empty_string(std::string_view key) const {
    std::string value = string(key);
    if (value.empty()) fail(key, "must not be empty");
    return value;
  }

  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const {
    return integer_value(required(key), key, min, max);
  }

  std::uint64_t unsigned_integer(std::string_view key) const {
    const json& value = required(key);
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_number_integer()) fail(key, "must not be negative");
    fail(key, "must be an integer");
  }

  std::vector<std::string> string_array(std::string_view key) const {
    const json& value = required(key);
    if (!value.is_array()) fail(key, "must be an array of strings");
    std::vector<std::string> strings;
    for (const json& element : value) {
      if (!element.is_string()) fail(key, "must be an array of strings");
      strings.push_back(element.get<std::string>());
    }
    return strings;
  }

  std::int64_t integer_value(const json& value, std::string_view key, std::int64_t min, std::int64_t max) const {
    if (!value.is_number_integer()) fail(key, "must be an integer");
    // An unsigned number above INT64_MAX would wrap in get<int64_t>.
    const bool above_int64 =
        value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
    const auto number = above_int64 ? INT64_MAX : value.get<std::int64_t>();
    if (above_int64 || number < min || number > max) {
      fail(key, fmt::format("must be between {} and {}", min, max));
    }
    return number;
  }

  [[noreturn]] void fail(std::string_view key, std::string_view what) const {
    throw FieldError(fmt::format("\"{}\": field \"{}\" {}", event_name_, key, what));
  }

 private:
  const json& object_;
  std::string_view event_name_;
};

SubjectTimeouts parse_timeouts(const FieldReader& hello) {
  const json& object = hello.required("timeouts");
  if (!object.is_object()) hello.fail("timeouts", "must be an object");
  FieldReader timeouts(object, "hello.timeouts");
  const auto millis = [&](std::string_view key) -> std::optional<Millis> {
    if (!timeouts.has(key)) return std::nullopt;
    return Millis(timeouts.integer(key, 0, INT_MAX));
  };
  return SubjectTimeouts{millis("close_ms"), millis("read_ms"), millis("ping_interval_ms")};
}

std::optional<std::uint64_t> parse_max_message(const FieldReader& hello) {
  const json& object = hello.required("limits");
  if (!object.is_object()) hello.fail("limits", "must be an object");
  FieldReader limits(object, "hello.limits");
  if (!limits.has("max_message")) return std::nullopt;
  return static_cast<std::uint64_t>(limits.integer("max_message", 1, INT64_MAX));
}

Hello parse_hello(const FieldReader& fields) {
  Hello hello;
  hello.impl = fields.string("impl");
  hello.version = fields.string("version");
  hello.roles = fields.string_array("roles");
  if (fields.has("features")) hello.features = fields.string_array("features");
  if (fields.has("timeouts")) hello.timeouts = parse_timeouts(fields);
  if (fields.has("limits")) hello.max_message = parse_max_message(fields);
  return hello;
}

void fill_fields(SubjectEvent& event, const FieldReader& fields) {
  switch (event.kind) {
    case EventKind::Hello: event.hello = parse_hello(fields); break;
    case EventKind::Ready: event.port = static_cast<std::uint16_t>(fields.integer("port", 1, 65535)); break;
    case EventKind::Open:
    case EventKind::Cleanup: event.conn = fields.non_empty_string("conn"); break;
    case EventKind::Read: {
      event.conn = fields.non_empty_string("conn");
      const auto result = read_result_from_name(fields.string("result"));
      if (!result) fields.fail("result", "must be one of text, binary, fail, timeout");
      event.read_result = *result;
      break;
    }
    case EventKind::CloseCalled:
      event.conn = fields.non_empty_string("conn");
      event.close_code = static_cast<int>(fields.integer("code", INT_MIN, INT_MAX));
      break;
    case EventKind::SpamDone:
      event.conn = fields.non_empty_string("conn");
      event.sent = fields.unsigned_integer("sent");
      break;
    case EventKind::Error: event.message = fields.string("message"); break;
  }
}

// nlohmann's message without its "[json.exception...] parse error at line 1,
// column N: " prefix and its "; last read: '...'" suffix, which echoes the
// subject's raw bytes (the excerpt already keeps those).
std::string json_error_reason(const std::string& what) {
  std::string reason = what;
  if (const auto last_read = reason.find("; last read"); last_read != std::string::npos) {
    reason.resize(last_read);
  }
  if (const auto column = reason.find(", column "); column != std::string::npos) {
    if (const auto colon = reason.find(": ", column); colon != std::string::npos) reason.erase(0, colon + 2);
  }
  return reason;
}

}  // namespace

std::size_t json_nesting_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
      deepest = std::max(deepest, depth);
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

ParsedLine parse_event_line(std::string_view line) {
  if (line.empty()) return ParseProblem{"empty line"};
  // JSON text never holds a raw NUL (inside strings it must be escaped), and
  // nlohmann's lexer takes one for the end of input, so `{...}\0garbage`
  // would otherwise pass as a valid event.
  if (const auto nul = line.find('\0'); nul != std::string_view::npos) {
    return ParseProblem{fmt::format("NUL byte at byte {}: JSON text cannot contain one", nul + 1)};
  }
  if (json_nesting_depth(line, kMaxJsonDepth) > kMaxJsonDepth) {
    return ParseProblem{fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth)};
  }

  json object;
  try {
    object = json::parse(line.begin(), line.end());
  } catch (const json::parse_error& error) {
    return ParseProblem{fmt::format("not valid JSON at byte {}: {}", error.byte, json_error_reason(error.what()))};
  }
  if (!object.is_object()) return ParseProblem{"not a JSON object"};

  const auto name = object.find("event");
  if (name == object.end() || !name->is_string()) return ParseProblem{"no string field \"event\""};
  const auto kind = event_kind_from_name(name->get_ref<const std::string&>());
  if (!kind) {
    // The name came from a parsed JSON string, so it is valid UTF-8; it is
    // still the subject's text, so keep it short.
    return ParseProblem{fmt::format("unknown event {:?}", name->get_ref<const std::string&>().substr(0, 64))};
  }

  SubjectEvent event;
  event.kind = *kind;
  try {
    fill_fields(event, FieldReader(object, to_string(*kind)));
  } catch (const FieldError& error) {
    return ParseProblem{error.what()};
  }
  event.raw = std::move(object);
  return event;
}

}  // namespace wsh::launch
