#include "faults/fault_info.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace wsh::faults {
namespace {

// The one place a fault is written as name{parameters}.
std::string with_params(std::string_view name, const std::string& params) {
  return params.empty() ? std::string(name) : fmt::format("{}{{{}}}", name, params);
}

std::string format_default(const ParamInfo& param) {
  if (!param.default_value) return param.name;
  const FaultParam& value = *param.default_value;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return fmt::format("{}={}", param.name, *integer);
  if (const auto* text = std::get_if<std::string>(&value)) return fmt::format("{}=\"{}\"", param.name, *text);
  return fmt::format("{}={}", param.name, std::get<bool>(value) ? "true" : "false");
}

// What values a case file may give the parameter: "integer >= 1",
// "integer 0..255", "one of fin, rst, none".
std::string describe_values(const ParamInfo& param) {
  switch (param.type) {
    case ParamType::Integer:
      if (param.max == std::numeric_limits<std::int64_t>::max()) return fmt::format("integer >= {}", param.min);
      return fmt::format("integer {}..{}", param.min, param.max);
    case ParamType::String:
      return param.choices.empty() ? "string" : fmt::format("one of {}", fmt::join(param.choices, ", "));
    case ParamType::Bool: return "true or false";
  }
  return "";
}

}  // namespace

ParamInfo integer_param(std::string name, std::optional<std::int64_t> default_value, std::string meaning,
                        std::int64_t min, std::int64_t max) {
  ParamInfo param;
  param.name = std::move(name);
  param.type = ParamType::Integer;
  if (default_value) param.default_value = FaultParam{*default_value};
  param.meaning = std::move(meaning);
  param.min = min;
  param.max = max;
  return param;
}

ParamInfo choice_param(std::string name, std::string default_value, std::vector<std::string> choices,
                       std::string meaning) {
  ParamInfo param;
  param.name = std::move(name);
  param.type = ParamType::String;
  param.default_value = FaultParam{std::move(default_value)};
  param.meaning = std::move(meaning);
  param.choices = std::move(choices);
  return param;
}

std::string format_help_line(const FaultInfo& info) {
  std::string params;
  for (const ParamInfo& param : info.params) params += (params.empty() ? "" : ", ") + format_default(param);
  return fmt::format("{}: {}", with_params(info.name, params), info.on_the_wire);
}

std::string describe_fault(std::string_view name, const FaultParams& params) {
  std::string text;
  for (const auto& [key, value] : params) {
    text += text.empty() ? "" : ", ";
    text += key + "=" + std::visit([](const auto& v) { return fmt::format("{}", v); }, value);
  }
  return with_params(name, text);
}

std::string format_param_help(const ParamInfo& param) {
  const std::string value = format_default(param);
  const std::string default_text =
      param.default_value ? "default " + value.substr(param.name.size() + 1) : std::string("required");
  return fmt::format("{} ({}, {}): {}", param.name, describe_values(param), default_text, param.meaning);
}

}  // namespace wsh::faults
