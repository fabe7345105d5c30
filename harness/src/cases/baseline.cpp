#include "cases/baseline.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "cases/table_reader.hpp"

namespace wsh::cases {
namespace {

constexpr std::string_view kVerdicts[] = {"PASS", "NON-STRICT", "INFORMATIONAL", "FAIL", "ERROR", "TIMEOUT", "SKIP"};
constexpr std::string_view kVerdictList = "PASS, NON-STRICT, INFORMATIONAL, FAIL, ERROR, TIMEOUT or SKIP";

bool passing(std::string_view verdict) { return verdict == "PASS" || verdict == "INFORMATIONAL"; }

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    lines.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

bool is_comment(const std::string& line) {
  const auto first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] == '#';
}

// The comment block that opens the file (up to the first blank or other line).
std::string header_comment(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (!is_comment(line)) break;
    out += line + "\n";
  }
  return out;
}

// The comment lines directly above 1-based line `line`, unless they are the
// file's header block.
std::string comment_above(const std::vector<std::string>& lines, int line) {
  int first = line;  // 1-based: the first of the comment lines above `line`
  while (first > 1 && is_comment(lines[static_cast<std::size_t>(first - 2)])) --first;
  if (first == line || first == 1) return {};
  std::string out;
  for (int i = first; i < line; ++i) out += lines[static_cast<std::size_t>(i - 1)] + "\n";
  return out;
}

void read_verdicts(TableReader& reader, BaselineEntry& item) {
  const bool has_verdict = reader.has("verdict");
  const bool has_race = reader.has("intermittent");
  if (has_verdict == has_race) {
    reader.error_here(has_verdict ? "give either 'verdict' (one, strict) or 'intermittent' (a race), not both"
                                  : "missing 'verdict' (the one verdict expected) or 'intermittent' (a race)");
    return;
  }
  if (has_verdict) {
    const auto* node = reader.node("verdict");
    if (node->is_array()) {
      reader.error(*node,
                   "'verdict' names one verdict; a result that varies from run to run is a race: "
                   "write its verdicts as 'intermittent = [...]' with the 'rate' it was seen at");
      return;
    }
    item.verdicts = {reader.string("verdict", true).value_or("")};
  } else {
    item.intermittent = true;
    item.verdicts = reader.strings("intermittent", true).value_or(std::vector<std::string>{});
    const auto* node = reader.node("intermittent");
    // Runs that pass are what the repeats are for; listing PASS would only
    // say again that the race does not show every time.
    if (item.verdicts.empty() || std::any_of(item.verdicts.begin(), item.verdicts.end(), passing))
      reader.error(*node,
                   "'intermittent' lists the failing verdicts the race shows as (not PASS or "
                   "INFORMATIONAL: the runs that pass are what its repeats are for)");
    const auto* rate = reader.node("rate");
    const auto value = rate ? rate->value<double>() : std::nullopt;
    if (!value || *value <= 0 || *value > 1)
      reader.error(rate ? *rate : static_cast<const toml::node&>(*node),
                   "a race needs 'rate': the share of runs it showed in when measured, 0 < rate <= 1");
    else item.rate = *value;
    item.repeat = reader.integer("repeat", 1, BaselineEntry::kMaxRepeat);
  }
  for (const auto& verdict : item.verdicts)
    if (!is_verdict_name(verdict))
      reader.error(*reader.node(item.intermittent ? "intermittent" : "verdict"),
                   fmt::format("'{}' is not a verdict: use {}", verdict, kVerdictList));
  auto sorted = item.verdicts;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    reader.error(*reader.node("intermittent"), "'intermittent' names a verdict twice");
}

void read_promise(const toml::table& root, const std::string& name, const std::vector<std::string>& lines,
                  Baseline& baseline) {
  const auto* node = root.get("subject");
  if (!node) return;
  baseline.promise_comment = comment_above(lines, static_cast<int>(node->source().begin.line));
  const auto* table = node->as_table();
  if (!table) {
    baseline.errors.push_back({location_of(*node, name), "[subject] must be a table"});
    return;
  }
  const Bindings none;
  TableReader reader(*table, name, none, baseline.errors, "subject");
  baseline.promise.roles = reader.strings("roles").value_or(std::vector<std::string>{});
  for (const auto& role : baseline.promise.roles)
    if (role != "server" && role != "client") reader.error(*reader.node("roles"), "'roles' holds server and client");
  baseline.promise.features = reader.strings("features").value_or(std::vector<std::string>{});
  baseline.promise.tested_versions = reader.strings("tested_versions").value_or(std::vector<std::string>{});
  for (const auto& version : baseline.promise.tested_versions)
    if (!Version::parse(version))
      reader.error(*reader.node("tested_versions"), fmt::format("'{}' is not a release number", version));
  reader.reject_unknown_keys();
}

void load_entries(const toml::table& root, const std::string& name, const std::vector<std::string>& lines,
                  Baseline& baseline) {
  const Bindings none;
  TableReader top(root, name, none, baseline.errors, "");
  top.allow({"subject"});
  const auto* results = top.array("result");
  top.reject_unknown_keys();
  read_promise(root, name, lines, baseline);
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
    item.comment = comment_above(lines, item.where.line);
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
      item.versions_text = *versions;
      if (!item.versions) reader.error(*reader.node("versions"), "'versions': " + problem);
    }
    read_verdicts(reader, item);
    item.spans = reader.string("spans").value_or("");
    item.reason = reader.string("reason", true).value_or("");
    item.link = reader.string("link").value_or("");
    reader.reject_unknown_keys();
    baseline.entries.push_back(std::move(item));
  }
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

bool is_verdict_name(std::string_view name) {
  return std::find(std::begin(kVerdicts), std::end(kVerdicts), name) != std::end(kVerdicts);
}

int BaselineEntry::repeats() const {
  if (repeat) return *repeat;
  if (!rate || *rate >= 1) return 1;
  // (1 - rate)^n <= 1/1000: the race is missed in at most one run in a thousand.
  const double runs = std::ceil(std::log(1e-3) / std::log1p(-*rate));
  return static_cast<int>(std::clamp(runs, 1.0, static_cast<double>(kMaxRepeat)));
}

namespace {

// * and ? only: '[' is an ordinary character, since result ids hold it.
bool wildcard_match(std::string_view pattern, std::string_view text) {
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

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // {a,b,c}: one of the alternatives, as in a shell ("k={1,3}" names two
  // matrix values without a '*' that would name them all).
  const auto open = pattern.find('{');
  const auto close = open == std::string_view::npos ? open : pattern.find('}', open);
  if (close == std::string_view::npos) return wildcard_match(pattern, text);
  const auto head = pattern.substr(0, open);
  const auto tail = pattern.substr(close + 1);
  auto choices = pattern.substr(open + 1, close - open - 1);
  while (true) {
    const auto comma = choices.find(',');
    if (glob_match(std::string(head) + std::string(choices.substr(0, comma)) + std::string(tail), text)) return true;
    if (comma == std::string_view::npos) return false;
    choices.remove_prefix(comma + 1);
  }
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

bool Baseline::promises_role(std::string_view role) const { return contains(promise.roles, role); }
bool Baseline::promises_feature(std::string_view feature) const { return contains(promise.features, feature); }

Baseline load_baseline_text(std::string_view text, const std::string& name) {
  Baseline baseline;
  const auto lines = split_lines(text);
  baseline.header_comment = header_comment(lines);
  try {
    load_entries(toml::parse(text, name), name, lines, baseline);
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
