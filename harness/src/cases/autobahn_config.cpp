#include "cases/autobahn_config.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cases/autobahn_map.hpp"
#include "cases/baseline.hpp"

namespace wsh::cases {
namespace {

using nlohmann::json;

std::string kind_of(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}

struct KeyError {
  std::string message;
};

[[noreturn]] void fail(const std::string& key, const std::string& what) {
  throw KeyError{fmt::format("key '{}': {}", key, what)};
}

std::string string_at(const json& value, const std::string& key) {
  if (!value.is_string()) fail(key, "expected a string, found " + kind_of(value));
  return value.get<std::string>();
}

std::vector<std::string> patterns_at(const json& value, const std::string& key) {
  if (!value.is_array()) fail(key, "expected an array of case numbers such as [\"7.*\"], found " + kind_of(value));
  std::vector<std::string> patterns;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto pattern = string_at(value[i], fmt::format("{}[{}]", key, i));
    if (pattern.empty()) fail(fmt::format("{}[{}]", key, i), "an empty case number");
    patterns.push_back(std::move(pattern));
  }
  return patterns;
}

AutobahnServerSpec server_at(const json& value, std::size_t index) {
  const auto key = fmt::format("servers[{}]", index);
  if (!value.is_object()) fail(key, "expected an object with \"agent\" and \"url\", found " + kind_of(value));
  AutobahnServerSpec server;
  for (const auto& [name, item] : value.items()) {
    if (name == "agent") server.agent = string_at(item, key + ".agent");
    else if (name == "url") server.url = string_at(item, key + ".url");
    else if (name == "options") {
      if (!item.is_object()) fail(key + ".options", "expected an object, found " + kind_of(item));
      server.options_json = item.dump();
    } else if (name == "origin" || name == "protocols") {
      // Autobahn's handshake options: accepted, not used by the harness.
    } else {
      fail(key + "." + name, "unknown key (known: agent, url, options, origin, protocols)");
    }
  }
  if (server.url.empty()) fail(key + ".url", "missing: the server's ws:// or wss:// URL");
  if (!server.url.starts_with("ws://") && !server.url.starts_with("wss://"))
    fail(key + ".url", fmt::format("'{}' is not a ws:// or wss:// URL", server.url));
  if (server.agent.empty()) fail(key + ".agent", "an empty agent name");
  if (server.options_json.empty()) server.options_json = "{}";
  return server;
}

// A case number pattern: digits, dots and '*' only ("7.*", "7.1.1", "*").
bool looks_like_case_pattern(std::string_view pattern) {
  return !pattern.empty() && std::all_of(pattern.begin(), pattern.end(),
                                         [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '*'; });
}

bool any_match(const std::vector<std::string>& patterns, const std::vector<std::string>& numbers) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return std::any_of(numbers.begin(), numbers.end(),
                       [&](const std::string& number) { return autobahn_pattern_match(pattern, number); });
  });
}

}  // namespace

std::variant<AutobahnConfig, std::string> parse_autobahn_config(std::string_view text, const std::string& file_name) {
  const auto document = json::parse(text, nullptr, false);
  if (document.is_discarded())
    return fmt::format("{}: not valid JSON (Autobahn's fuzzingclient spec is a JSON object)", file_name);
  if (!document.is_object()) return fmt::format("{}: expected a JSON object, found {}", file_name, kind_of(document));
  AutobahnConfig config;
  try {
    bool has_servers = false, has_cases = false;
    for (const auto& [name, value] : document.items()) {
      if (name == "servers") {
        has_servers = true;
        if (!value.is_array())
          fail("servers", "expected an array of {\"agent\", \"url\"} objects, found " + kind_of(value));
        for (std::size_t i = 0; i < value.size(); ++i) config.servers.push_back(server_at(value[i], i));
      } else if (name == "cases") {
        has_cases = true;
        config.cases = patterns_at(value, "cases");
      } else if (name == "exclude-cases") {
        config.exclude_cases = patterns_at(value, "exclude-cases");
      } else if (name == "outdir") {
        config.outdir = string_at(value, "outdir");
      } else if (name == "options" || name == "exclude-agent-cases") {
        // Autobahn's global handshake options and per-agent exclusions:
        // accepted so an existing file loads, not used by the harness.
        if (!value.is_object()) fail(name, "expected an object, found " + kind_of(value));
      } else {
        fail(name, "unknown key (known: servers, cases, exclude-cases, outdir, options, exclude-agent-cases)");
      }
    }
    if (!has_servers) fail("servers", "missing: the servers to test, [{\"agent\": ..., \"url\": \"ws://...\"}]");
    if (config.servers.empty()) fail("servers", "empty: no server to test");
    if (!has_cases) fail("cases", "missing: the case numbers to run, e.g. [\"*\"]");
    for (std::size_t i = 0; i < config.exclude_cases.size(); ++i)
      if (!looks_like_case_pattern(config.exclude_cases[i]))
        fail(
            fmt::format("exclude-cases[{}]", i),
            fmt::format("'{}' is not an Autobahn case number pattern (digits, dots and '*')", config.exclude_cases[i]));
  } catch (const KeyError& error) {
    return fmt::format("{}: {}", file_name, error.message);
  }
  return config;
}

std::variant<AutobahnConfig, std::string> load_autobahn_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fmt::format("{}: cannot read the file", file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_autobahn_config(text.str(), file.string());
}

bool autobahn_pattern_match(std::string_view pattern, std::string_view number) { return glob_match(pattern, number); }

AutobahnSelection select_autobahn_cases(const std::vector<CaseInstance>& instances, const AutobahnConfig& config,
                                        bool include_wsharness_cases, const std::string& file_name) {
  AutobahnSelection selection;
  for (std::size_t i = 0; i < config.cases.size(); ++i) {
    const auto& pattern = config.cases[i];
    if (pattern.find('*') != std::string::npos) continue;
    const bool carried = std::any_of(instances.begin(), instances.end(), [&](const CaseInstance& instance) {
      return std::find(instance.autobahn.begin(), instance.autobahn.end(), pattern) != instance.autobahn.end();
    });
    if (carried) continue;
    selection.error =
        fmt::format("{}: key 'cases[{}]': {}", file_name, i,
                    is_known_autobahn_case(pattern)
                        ? fmt::format("Autobahn case {} has no counterpart in the catalogue", pattern)
                        : fmt::format("'{}' is not a case number the catalogue knows (it covers Autobahn's section 7: "
                                      "7.1.x, 7.3.x, 7.5.1, 7.7.x, 7.9.x, 7.13.x)",
                                      pattern));
    return selection;
  }
  for (const auto& instance : instances) {
    const bool in = instance.autobahn.empty() ? include_wsharness_cases
                                              : any_match(config.cases, instance.autobahn) &&
                                                    !any_match(config.exclude_cases, instance.autobahn);
    if (in && std::find(selection.result_ids.begin(), selection.result_ids.end(), instance.result_id) ==
                  selection.result_ids.end())
      selection.result_ids.push_back(instance.result_id);
  }
  if (selection.result_ids.empty())
    selection.error = fmt::format("{}: 'cases' minus 'exclude-cases' selects no case of the catalogue{}", file_name,
                                  include_wsharness_cases ? "" : " (--include-wsharness-cases adds wsharness's own)");
  return selection;
}

}  // namespace wsh::cases
