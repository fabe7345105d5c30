#include "faults/fault_args.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "faults/fault_spec_error.hpp"

namespace wsh::faults {
namespace {

std::string describe_value(const FaultParam& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* text = std::get_if<std::string>(&value)) return fmt::format("\"{}\"", *text);
  return std::get<bool>(value) ? "true" : "false";
}

std::string known_names(const FaultInfo& info) {
  std::string names;
  for (const ParamInfo& param : info.params) names += (names.empty() ? "" : ", ") + param.name;
  return names;
}

// "a positive integer", "a non-negative integer", "an integer from 1 to 255".
std::string integer_requirement(const ParamInfo& param) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  if (param.max == kMax && param.min == 1) return "a positive integer";
  if (param.max == kMax && param.min == 0) return "a non-negative integer";
  if (param.max == kMax) return fmt::format("an integer >= {}", param.min);
  return fmt::format("an integer from {} to {}", param.min, param.max);
}

std::string requirement(const ParamInfo& param) {
  switch (param.type) {
    case ParamType::Integer: return integer_requirement(param);
    case ParamType::Bool: return "true or false";
    case ParamType::String: {
      if (param.choices.empty()) return "a string";
      std::string choices;
      for (const std::string& choice : param.choices)
        choices += fmt::format("{}\"{}\"", choices.empty() ? "" : ", ", choice);
      return "one of " + choices;
    }
  }
  return "valid";
}

bool satisfies(const ParamInfo& param, const FaultParam& value) {
  switch (param.type) {
    case ParamType::Integer: {
      const auto* integer = std::get_if<std::int64_t>(&value);
      return integer != nullptr && *integer >= param.min && *integer <= param.max;
    }
    case ParamType::Bool: return std::holds_alternative<bool>(value);
    case ParamType::String: {
      const auto* text = std::get_if<std::string>(&value);
      return text != nullptr && (param.choices.empty() ||
                                 std::find(param.choices.begin(), param.choices.end(), *text) != param.choices.end());
    }
  }
  return false;
}

}  // namespace

FaultArgs::FaultArgs(const FaultInfo& info, const FaultParams& params) : info_(info), params_(params) {
  for (const auto& given : params) {
    const std::string& name = given.first;
    const FaultParam& value = given.second;
    const auto known = std::find_if(info.params.begin(), info.params.end(),
                                    [&](const ParamInfo& param) { return param.name == name; });
    if (known == info.params.end()) {
      if (info.params.empty())
        throw FaultSpecError(fmt::format("fault '{}' takes no parameters, got '{}'", info.name, name));
      throw FaultSpecError(
          fmt::format("unknown parameter '{}' for fault '{}'; known: {}", name, info.name, known_names(info)));
    }
    if (!satisfies(*known, value)) {
      throw FaultSpecError(fmt::format("fault '{}': parameter '{}' must be {}, got {}", info.name, name,
                                       requirement(*known), describe_value(value)));
    }
  }
  for (const ParamInfo& param : info.params) {
    if (!param.default_value && params.find(param.name) == params.end()) {
      throw FaultSpecError(
          fmt::format("fault '{}': missing parameter '{}' ({})", info.name, param.name, param.meaning));
    }
  }
}

const FaultParam& FaultArgs::value(std::string_view name) const {
  if (const auto given = params_.find(std::string(name)); given != params_.end()) return given->second;
  for (const ParamInfo& param : info_.params) {
    if (param.name == name && param.default_value) return *param.default_value;
  }
  // Only a fault asking for a parameter its own FaultInfo does not declare gets here.
  throw std::logic_error(fmt::format("fault '{}' has no parameter '{}'", info_.name, name));
}

std::int64_t FaultArgs::integer(std::string_view name) const { return std::get<std::int64_t>(value(name)); }

const std::string& FaultArgs::string(std::string_view name) const { return std::get<std::string>(value(name)); }

bool FaultArgs::boolean(std::string_view name) const { return std::get<bool>(value(name)); }

}  // namespace wsh::faults
