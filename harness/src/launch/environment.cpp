#include "launch/environment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace wsh::launch {
namespace {

bool is_option_separator(char c) { return c == ':' || c == ' ' || c == ',' || c == '\t' || c == '\n'; }

// The options of a sanitizer option string, e.g. "a=1:b=2" -> {"a=1", "b=2"}.
std::vector<std::string_view> split_options(std::string_view options) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= options.size(); ++i) {
    if (i == options.size() || is_option_separator(options[i])) {
      if (i > start) parts.push_back(options.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::string_view option_key(std::string_view option) { return option.substr(0, option.find('=')); }

std::string_view variable_name(std::string_view entry) { return entry.substr(0, entry.find('=')); }

}  // namespace

const std::vector<SanitizerDefault>& sanitizer_defaults() {
  static const std::string asan =
      fmt::format("halt_on_error=1:abort_on_error=0:exitcode={}:detect_leaks=1", kSanitizerExitCode);
  static const std::string lsan = fmt::format("exitcode={}", kSanitizerExitCode);
  static const std::string ubsan =
      fmt::format("halt_on_error=1:abort_on_error=0:print_stacktrace=1:exitcode={}", kSanitizerExitCode);
  static const std::string tsan = fmt::format("halt_on_error=1:abort_on_error=0:exitcode={}", kSanitizerExitCode);
  static const std::vector<SanitizerDefault> defaults{
      {"ASAN_OPTIONS", asan}, {"LSAN_OPTIONS", lsan}, {"UBSAN_OPTIONS", ubsan}, {"TSAN_OPTIONS", tsan}};
  return defaults;
}

std::string merge_sanitizer_options(std::string_view user_options, std::string_view defaults) {
  std::set<std::string_view> user_keys;
  for (const auto option : split_options(user_options)) user_keys.insert(option_key(option));

  std::string merged;
  for (const auto option : split_options(defaults)) {
    if (user_keys.contains(option_key(option))) continue;
    if (!merged.empty()) merged += ':';
    merged += option;
  }
  if (!user_options.empty()) {
    if (!merged.empty()) merged += ':';
    merged += user_options;
  }
  return merged;
}

std::vector<std::string> build_environment(const char* const* inherited,
                                           const std::map<std::string, std::string>& extra,
                                           bool add_sanitizer_defaults) {
  std::vector<std::string> entries;
  for (auto entry = inherited; entry != nullptr && *entry != nullptr; ++entry) {
    if (!extra.contains(std::string(variable_name(*entry)))) entries.emplace_back(*entry);
  }
  for (const auto& [name, value] : extra) entries.push_back(name + "=" + value);

  if (add_sanitizer_defaults) {
    // (No structured binding here: clang 14 cannot capture one in a lambda.)
    for (const SanitizerDefault& defaults : sanitizer_defaults()) {
      const std::string_view variable = defaults.variable;
      const auto existing = std::find_if(entries.begin(), entries.end(), [variable](const std::string& entry) {
        return variable_name(entry) == variable;
      });
      if (existing == entries.end()) {
        entries.push_back(fmt::format("{}={}", variable, defaults.options));
      } else {
        // An entry "NAME" without '=' (possible in a hand-made environ) has no value.
        const std::string user_value =
            existing->size() > variable.size() ? existing->substr(variable.size() + 1) : std::string();
        *existing = fmt::format("{}={}", variable, merge_sanitizer_options(user_value, defaults.options));
      }
    }
  }
  return entries;
}

}  // namespace wsh::launch
