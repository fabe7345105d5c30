#include "report/junit_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/xml_escape.hpp"

namespace wsh::report {

// One testcase per result, judged by its outcome: an unexpected result is a
// failure, and so is an XPASS under --strict (the run fails on it too); a
// race that did not show is reported as skipped, with why.
std::string junit_xml(const RunSummary& run) {
  using oracles::Outcome;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::size_t failures = 0, skipped = 0;
  for (const auto& result : run.results) {
    if (oracles::outcome_fails_run(result.outcome, run.strict)) ++failures;
    else if (result.outcome == Outcome::Skipped || result.outcome == Outcome::NotReproduced) ++skipped;
  }
  out += fmt::format(
      "<testsuites name=\"wsharness\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{:.3f}\">\n",
      run.results.size(), failures, skipped, run.duration.count() / 1000.0);
  out += fmt::format("<testsuite name=\"wsharness\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n", run.results.size(),
                     failures, skipped);
  for (const auto& result : run.results) {
    const auto classname = fmt::format("{}.{}.{}", result.subject, cases::role_name(result.role), result.area);
    const auto name = fmt::format("{} [{}]", result.id, results::transport_name(result.transport));
    out += fmt::format("  <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\">\n", xml_escape(classname),
                       xml_escape(name), result.duration.count() / 1000.0);
    const auto verdict = oracles::verdict_name(result.verdict);
    const auto expected = oracles::expected_text(result.expected);
    if (oracles::outcome_fails_run(result.outcome, run.strict)) {
      const auto type = result.outcome == Outcome::XPass ? std::string_view("XPASS") : verdict;
      out += fmt::format("    <failure type=\"{}\" message=\"{}\">expected {}, got {}: {}</failure>\n", type,
                         xml_escape(result.reason), xml_escape(expected), verdict, xml_escape(result.reason));
    } else if (result.outcome == Outcome::Skipped) {
      out += fmt::format("    <skipped message=\"{}\"/>\n", xml_escape(result.reason));
    } else if (result.outcome == Outcome::NotReproduced) {
      out += fmt::format("    <skipped message=\"{}\"/>\n",
                         xml_escape(fmt::format("NOT-REPRODUCED: expected {}; every run passed", expected)));
    }
    if (result.observed != "protocol")
      out += fmt::format("    <properties><property name=\"observed\" value=\"{}\"/></properties>\n",
                         xml_escape(result.observed));
    std::string transcript;
    if (!result.not_observed.empty())
      transcript += fmt::format("observed: {}; not observed (neither PASS nor FAIL): {}\n", result.observed,
                                fmt::join(result.not_observed, ", "));
    if (result.outcome == Outcome::XPass && !run.strict)
      transcript += fmt::format("XPASS: expected {}, got {}: fixed? narrow the baseline entry ({})\n", expected,
                                verdict, result.expected_where);
    for (const auto& line : result.log) transcript += line + "\n";
    out += fmt::format("    <system-out>{}</system-out>\n", xml_escape(transcript));
    out += "  </testcase>\n";
  }
  out += "</testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace wsh::report
