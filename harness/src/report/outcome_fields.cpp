#include "report/outcome_fields.hpp"

#include <algorithm>

#include "oracles/outcome.hpp"
#include "report/json_fields.hpp"

namespace wsh::report {

std::vector<std::string> expected_verdicts(const nlohmann::json& result) {
  std::vector<std::string> verdicts;
  const auto found = result.find("expected");
  if (found != result.end() && found->is_array()) {
    for (const auto& verdict : *found)
      if (verdict.is_string()) verdicts.push_back(verdict.get<std::string>());
  } else if (found != result.end() && found->is_string()) {
    // The older form: one string, a race's verdicts joined with '|'.
    std::string_view text = found->get_ref<const std::string&>();
    while (!text.empty()) {
      const auto bar = text.find('|');
      verdicts.emplace_back(text.substr(0, bar));
      if (bar == std::string_view::npos) break;
      text.remove_prefix(bar + 1);
    }
  }
  if (verdicts.empty()) verdicts.emplace_back("PASS");
  return verdicts;
}

std::string expected_label(const nlohmann::json& result) {
  std::string label;
  for (const auto& verdict : expected_verdicts(result)) label += (label.empty() ? "" : " or ") + verdict;
  return label;
}

std::string result_outcome(const nlohmann::json& result) {
  const auto outcome = field_text(result, "outcome");
  if (oracles::parse_outcome(outcome)) return outcome;
  // No outcome recorded: judge the old way, a SKIP always expected.
  const auto verdict = field_text(result, "verdict");
  if (verdict == "SKIP") return "skipped";
  const auto expected = expected_verdicts(result);
  return std::find(expected.begin(), expected.end(), verdict) != expected.end() ? "as-expected" : "unexpected";
}

bool outcome_fails(const nlohmann::json& result, bool strict) {
  return oracles::outcome_fails_run(*oracles::parse_outcome(result_outcome(result)), strict);
}

}  // namespace wsh::report
