#include "report/index_page.hpp"

#include <fmt/format.h>
#include <map>

#include "oracles/verdict.hpp"
#include "report/html_escape.hpp"
#include "report/html_template.hpp"
#include "report/json_fields.hpp"
#include "report/outcome_fields.hpp"
#include "report/perf_section.hpp"
#include "report/report_assets.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;

// The matrix shows the reason in a tooltip; the result page has all of it.
constexpr std::size_t kReasonCap = 400;
// A subject's name, version or command is short; a hostile one is cut.
constexpr std::size_t kIndexFieldCap = 4096;

std::string cell(const std::string& text) {
  return text.empty() ? "<span class=\"hint\">—</span>" : html_text_prefix(text, kIndexFieldCap);
}

std::string capped_field(const json& result, std::string_view key) {
  return std::string(utf8_prefix(field_text(result, key), kIndexFieldCap));
}

std::string run_section(const json& index) {
  const auto& harness = field_object(index, "harness");
  const auto& results = field_array(index, "results");
  std::int64_t total_ms = 0;
  for (const auto& result : results) total_ms += field_int(result, "duration_ms");
  std::string out = "<table class=\"facts run\">\n";
  const auto add = [&](std::string_view name, const std::string& value_html) {
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", name, value_html);
  };
  add("Harness", "wsharness " + cell(field_text(harness, "version", "?")));
  add("Seed", "<code>" + cell(field_text(harness, "seed", "?")) + "</code>");
  add("Started", cell(field_text(harness, "started", "?")));
  add("Wall time", html_text(format_millis(field_int(harness, "duration_ms"))));
  add("Results",
      html_text(fmt::format("{} (case time summed over jobs: {})", results.size(), format_millis(total_ms))));
  if (const auto jobs = field_int(harness, "jobs"); jobs > 0) add("Jobs", html_text(std::to_string(jobs)));
  const auto& overhead = field_object(harness, "overhead_ms");
  if (!overhead.empty())
    add("Overhead per result", html_text(fmt::format("median {} ms, p95 {} ms (beyond the waits the cases ask for)",
                                                     field_int(overhead, "median"), field_int(overhead, "p95"))));
  std::string command;
  for (const auto& word : field_array(harness, "command_line")) {
    if (!command.empty()) command += ' ';
    command += word.is_string() ? word.get<std::string>() : word.dump();
  }
  if (!command.empty()) add("Command", "<code>" + cell(command) + "</code>");
  // Black-box mode: the servers tested by URL, and a plain word when one
  // was off loopback.
  std::string urls;
  for (const auto& url : field_array(harness, "urls"))
    urls += (urls.empty() ? "" : " ") + std::string("<code>") + cell(url.is_string() ? url.get<std::string>() : "?") +
            "</code>";
  if (!urls.empty()) {
    const auto remote = harness.find("allow_remote");
    const bool allowed = remote != harness.end() && *remote == true;
    add("Servers by URL",
        urls + html_text(allowed ? " (--allow-remote: hosts outside loopback allowed)" : " (loopback only)") +
            " <span class=\"hint\">application not observed unless its probe wrote events</span>");
  }
  return out + "</table>\n";
}

std::string subjects_section(const json& index) {
  // subject -> results, and of them how many came out each outcome
  std::map<std::string, std::pair<std::size_t, std::map<std::string, std::size_t>>> tally;
  for (const auto& result : field_array(index, "results")) {
    auto& [count, outcomes] = tally[field_text(result, "subject")];
    ++count;
    ++outcomes[result_outcome(result)];
  }
  std::string banners, rows;
  const auto& harness = field_object(index, "harness");
  if (const auto incomplete = harness.find("incomplete"); incomplete != harness.end() && *incomplete == true)
    banners += fmt::format(
        "<div class=\"banner incomplete-run\" role=\"alert\"><strong>This run is incomplete.</strong> "
        "{}; {} result(s) were not run. The results below are those that finished.</div>\n",
        cell(field_text(harness, "incomplete_reason", "stopped early")), field_int(harness, "not_run"));
  for (const auto& subject : field_array(index, "subjects")) {
    const auto name = field_text(subject, "name", "?");
    const auto skipped = field_text(subject, "skipped");
    if (!skipped.empty())
      banners += fmt::format(
          "<div class=\"banner skipped-subject\" role=\"alert\"><strong>Subject {} did not run.</strong> {}</div>\n",
          cell(name), cell(skipped));
    auto& [count, outcomes] = tally[name];
    std::string status;
    if (!skipped.empty()) {
      status = "<span class=\"skipped-label\">SKIPPED</span> " + cell(skipped);
    } else {
      status = fmt::format("{} results, ", count);
      if (outcomes["unexpected"] == 0) status += "all as expected";
      else status += fmt::format("<span class=\"unexpected\">{} unexpected</span>", outcomes["unexpected"]);
      if (outcomes["xpass"] > 0) status += fmt::format(", <span class=\"xpass\">{} xpass</span>", outcomes["xpass"]);
      if (outcomes["not-reproduced"] > 0)
        status += fmt::format(", <span class=\"not-reproduced\">{} not reproduced</span>", outcomes["not-reproduced"]);
    }
    rows += fmt::format(
        "<tr class=\"{}\"><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td>"
        "<td><code>{}</code></td></tr>\n",
        skipped.empty() ? "ran" : "skipped", cell(name), cell(field_text(subject, "impl")),
        cell(field_text(subject, "version")), cell(field_text(subject, "roles")), cell(field_text(subject, "features")),
        cell(field_text(subject, "timeouts")), status, cell(field_text(subject, "command")));
  }
  return banners +
         "<table class=\"grid "
         "subjects\"><thead><tr><th>Subject</th><th>Implementation</th><th>Version</th><th>Roles</th>"
         "<th>Features</th><th>Timeouts</th><th>Status</th><th>Command</th></tr></thead><tbody>\n" +
         rows + "</tbody></table>\n";
}

// The matrix shows a repeated case's failure rate before its reason.
std::string reason_with_runs(const json& result) {
  const auto reason = field_text(result, "reason");
  const auto runs = runs_summary(field_object(result, "runs"));
  if (runs.empty()) return reason;
  return reason.empty() ? runs : runs + ": " + reason;
}

}  // namespace

json index_page_data(const json& index, const std::vector<std::string>& pages) {
  json results = json::array();
  const auto& all = field_array(index, "results");
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& result = all[i];
    results.push_back({
        {"id", capped_field(result, "id")},
        {"case", capped_field(result, "case")},
        {"title", capped_field(result, "title")},
        {"subject", capped_field(result, "subject")},
        {"role", capped_field(result, "role")},
        {"transport", capped_field(result, "transport")},
        {"verdict", std::string(utf8_prefix(field_text(result, "verdict", "?"), 64))},
        {"expected", std::string(utf8_prefix(expected_label(result), 128))},
        {"outcome", result_outcome(result)},
        {"area", capped_field(result, "area")},
        {"rfc", capped_field(result, "rfc")},
        {"autobahn", capped_field(result, "autobahn")},
        {"ms", field_int(result, "duration_ms")},
        {"reason", std::string(utf8_prefix(reason_with_runs(result), kReasonCap))},
        {"page", i < pages.size() ? pages[i] : ""},
        {"observed", capped_field(result, "observed")},
    });
  }
  json subjects = json::array();
  for (const auto& subject : field_array(index, "subjects")) subjects.push_back(capped_field(subject, "name"));
  return {{"subjects", subjects}, {"results", results}};
}

std::string render_index_page(const json& index, const std::vector<std::string>& pages, const json& perf) {
  const auto& harness = field_object(index, "harness");
  return fill_template(
      report_asset("index.html"),
      {{"TITLE", html_text(fmt::format("wsharness report — seed {}", field_text(harness, "seed", "?")))},
       {"CSS", std::string(report_asset("report.css"))},
       {"RUN", run_section(index)},
       {"SUBJECTS", subjects_section(index)},
       {"PERF", render_perf_section(perf)},
       {"DATA", script_json(index_page_data(index, pages))},
       {"JS", std::string(report_asset("index.js"))}});
}

}  // namespace wsh::report
