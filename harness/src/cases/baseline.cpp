#include "cases/baseline.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "cases/table_reader.hpp"

namespace wsh::cases {
namespace {

constexpr std::string_view kVerdicts[] = {"PASS", "NON-STRICT", "INFORMATIONAL", "FAIL", "ERROR", "TIMEOUT", "SKIP"};

void load_entries(const toml::table& root, const std::string& name, Baseline& baseline) {
  const Bindings none;
  TableReader top(root, name, none, baseline.errors, "");
  const auto* results = top.array("result");
  top.reject_unknown_keys();
  if (!results) return;
  for (const auto& entry : *results) {
    const auto* table = entry.as_table();
    if (!table) {
      baseline.errors.push_back({location_of(entry, name), "each [[result]] must be a table"});
      continue;
    }
    TableReader reader(*table, name, none, baseline.errors, "result");
    BaselineEntry item;
    item.where = location_of(*table, name);
    item.id_glob = reader.string("id", true).value_or("");
    item.role = reader.string("role");
    if (item.role && *item.role != "server" && *item.role != "client" && *item.role != "pair")
      reader.error(*reader.node("role"), "'role' must be server, client or pair");
    item.transport = reader.string("transport");
    if (item.transport && *item.transport != "ws" && *item.transport != "wss")
      reader.error(*reader.node("transport"), "'transport' must be ws or wss");
    if (const auto versions = reader.string("versions")) {
      std::string problem;
      item.versions = VersionRange::parse(*versions, problem);
      if (!item.versions) reader.error(*reader.node("versions"), "'versions': " + problem);
    }
    // One verdict, or several for a race whose outcome varies from run to
    // run (each is expected; stored joined with '|').
    const auto* verdict_node = reader.node("verdict");
    const auto verdicts = verdict_node && verdict_node->is_array()
                              ? reader.strings("verdict", true).value_or(std::vector<std::string>{})
                              : std::vector<std::string>{reader.string("verdict", true).value_or("")};
    for (const auto& verdict : verdicts) {
      if (!verdict.empty() && std::find(std::begin(kVerdicts), std::end(kVerdicts), verdict) == std::end(kVerdicts))
        reader.error(*verdict_node, "'verdict' must be PASS, NON-STRICT, INFORMATIONAL, FAIL, ERROR, TIMEOUT or SKIP "
                                    "(or an array of them for a race)");
      item.verdict += (item.verdict.empty() ? "" : "|") + verdict;
    }
    item.reason = reader.string("reason", true).value_or("");
    item.link = reader.string("link").value_or("");
    reader.reject_unknown_keys();
    baseline.entries.push_back(std::move(item));
  }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with one backtrack point for the last '*'.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const BaselineEntry* Baseline::find(std::string_view result_id, std::string_view role, std::string_view transport,
                                    const std::optional<Version>& version) const {
  const BaselineEntry* found = nullptr;
  for (const auto& entry : entries) {
    if (entry.role && *entry.role != role) continue;
    if (entry.transport && *entry.transport != transport) continue;
    if (entry.versions && !(version && entry.versions->contains(*version))) continue;
    if (glob_match(entry.id_glob, result_id)) found = &entry;
  }
  return found;
}

Baseline load_baseline_text(std::string_view text, const std::string& name) {
  Baseline baseline;
  try {
    load_entries(toml::parse(text, name), name, baseline);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    baseline.errors.push_back({SourceLocation{name, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                               fmt::format("not valid TOML: {}", error.description())});
  }
  return baseline;
}

Baseline load_baseline(const std::filesystem::path& file, const std::filesystem::path& display_root) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return load_baseline_text(text.str(), file.lexically_relative(display_root).generic_string());
}

}  // namespace wsh::cases
