#include "report/json_fields.hpp"

#include <fmt/format.h>

namespace wsh::report {

using nlohmann::json;

std::string field_text(const json& object, std::string_view key, std::string_view fallback) {
  if (!object.is_object()) return std::string(fallback);
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::string(fallback);
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number() || found->is_boolean()) return found->dump();
  if (found->is_array()) {
    std::string joined;
    for (const auto& item : *found) {
      if (!joined.empty()) joined += ", ";
      joined += item.is_string() ? item.get<std::string>() : item.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return joined;
  }
  return found->dump(-1, ' ', false, json::error_handler_t::replace);
}

std::int64_t field_int(const json& object, std::string_view key, std::int64_t fallback) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(key);
  if (found == object.end()) return fallback;
  if (found->is_number_integer()) return found->get<std::int64_t>();
  if (found->is_number_unsigned()) return static_cast<std::int64_t>(found->get<std::uint64_t>());
  if (found->is_number_float()) return static_cast<std::int64_t>(found->get<double>());
  return fallback;
}

const json& field_array(const json& object, std::string_view key) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  const auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : empty;
}

const json& field_object(const json& object, std::string_view key) {
  static const json empty = json::object();
  if (!object.is_object()) return empty;
  const auto found = object.find(key);
  return found != object.end() && found->is_object() ? *found : empty;
}

std::string format_micros(std::int64_t micros) {
  return fmt::format("{:.3f} ms", static_cast<double>(micros) / 1000.0);
}

std::string format_millis(std::int64_t millis) {
  if (millis < 1000) return fmt::format("{} ms", millis);
  if (millis < 60'000) return fmt::format("{:.1f} s", static_cast<double>(millis) / 1000.0);
  return fmt::format("{} min {} s", millis / 60'000, (millis % 60'000) / 1000);
}

std::string runs_summary(const json& runs) {
  if (!runs.is_object() || runs.empty()) return "";
  const auto attempted = field_int(runs, "attempted");
  const auto limit = field_int(runs, "repeat");
  if (field_int(runs, "failed") > 0) return fmt::format("failed on run {} of {}", attempted, limit);
  return fmt::format("passed all {} of {} runs", attempted, limit);
}

}  // namespace wsh::report
