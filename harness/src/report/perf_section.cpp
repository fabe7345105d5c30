#include "report/perf_section.hpp"

#include <fmt/format.h>

#include "report/html_escape.hpp"
#include "report/json_fields.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;

// A name or a failure detail is short; a hostile one is cut.
constexpr std::size_t kPerfFieldCap = 1024;

std::string text(const json& object, std::string_view key, std::string_view fallback = "—") {
  const auto value = field_text(object, key);
  return html_text_prefix(value.empty() ? std::string(fallback) : value, kPerfFieldCap);
}

// "0.412 / 1.210" for a stage's median and p99 in ms.
std::string stage_cell(const json& phase, std::string_view stage) {
  const auto& spread = field_object(field_object(phase, "stages"), stage);
  if (field_int(spread, "count") == 0) return "<td class=\"num\">—</td>";
  return fmt::format("<td class=\"num\">{:.3f} / {:.3f}</td>",
                     static_cast<double>(field_int(spread, "median_us")) / 1000.0,
                     static_cast<double>(field_int(spread, "p99_us")) / 1000.0);
}

std::string cleanup_cell(const json& latency, const json& churn) {
  std::string out;
  bool exact = true;
  for (const auto* phase : {&latency, &churn}) {
    const auto& cleanups = field_object(*phase, "cleanups");
    if (cleanups.empty()) continue;
    const auto missing = field_int(cleanups, "missing"), extra = field_int(cleanups, "extra");
    if (missing == 0 && extra == 0) continue;
    exact = false;
    out += fmt::format("{}{} missing, {} extra ({})", out.empty() ? "" : "; ", missing, extra,
                       phase == &latency ? "latency" : "churn");
  }
  return exact ? "<td>exactly one each</td>" : "<td class=\"unexpected\">" + html_text(out) + "</td>";
}

// Failures, early stops and how the subject ended, as one cell.
std::string problems_cell(const json& subject) {
  std::vector<std::string> lines;
  if (const auto error = field_text(subject, "error"); !error.empty()) lines.push_back("not measured: " + error);
  for (const auto* name : {"close_latency", "churn"}) {
    const auto& phase = field_object(subject, name);
    const auto& failures = field_object(phase, "failures");
    for (auto it = failures.begin(); it != failures.end(); ++it)
      lines.push_back(fmt::format("{}: {} × {}", name, it.value().is_number() ? it.value().dump() : "?", it.key()));
    if (const auto first = field_text(phase, "first_failure"); !first.empty())
      lines.push_back(name + std::string(": first: ") + first);
    if (const auto stopped = field_text(phase, "stopped_early"); !stopped.empty())
      lines.push_back(name + std::string(": ") + stopped);
  }
  if (const auto exit = field_text(subject, "exit"); !exit.empty()) lines.push_back("subject " + exit);
  if (!field_text(subject, "sanitizer_report").empty()) lines.push_back("sanitizer report on stderr");
  if (field_int(subject, "protocol_violations") > 0)
    lines.push_back(fmt::format("{} subject protocol violation(s)", field_int(subject, "protocol_violations")));
  if (lines.empty()) return "<td>none</td>";
  std::string out = "<td class=\"unexpected\">";
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "<br>" : "") + html_text_prefix(lines[i], kPerfFieldCap);
  return out + "</td>";
}

}  // namespace

std::string render_perf_section(const json& perf) {
  const auto& subjects = field_array(perf, "subjects");
  if (subjects.empty()) return "";
  const auto& settings = field_object(perf, "settings");
  std::string rows;
  for (const auto& subject : subjects) {
    const auto& latency = field_object(subject, "close_latency");
    const auto& churn = field_object(subject, "churn");
    const std::string connections =
        latency.empty() ? "—" : fmt::format("{} / {}", field_int(latency, "completed"), field_int(latency, "planned"));
    const std::string rate = churn.empty() ? "—" : html_text(field_text(churn, "per_second", "?"));
    rows += fmt::format(
        "<tr><th>{}</th><td>{} {}</td><td>{}</td><td class=\"num\">{}</td>{}{}{}<td class=\"num\">{}</td>{}{}</tr>\n",
        text(subject, "subject"), text(subject, "impl"), text(subject, "version", ""), text(subject, "transport"),
        connections, stage_cell(latency, "close_reply"), stage_cell(latency, "tcp_close"),
        stage_cell(latency, "cleanup"), rate, cleanup_cell(latency, churn), problems_cell(subject));
  }
  return fmt::format(
      "<section id=\"performance\"><h2>Performance</h2>\n"
      "<p class=\"hint\">From <code>wsharness perf</code> ({}): per subject process, {} sequential connections each "
      "closed "
      "by the harness with 1000, then {} of churn (open, handshake, close, cleanup). Stage times run from the moment "
      "the "
      "harness's close frame was written; median / p99 in ms. Details: <a href=\"perf.json\">perf.json</a>.</p>\n"
      "<table class=\"grid "
      "perf\"><thead><tr><th>Subject</th><th>Implementation</th><th>Transport</th><th>Connections</th>"
      "<th>Close reply</th><th>TCP closed by subject</th><th>Cleanup event</th><th>Churn / s</th><th>Cleanups</th>"
      "<th>Problems</th></tr></thead><tbody>\n{}</tbody></table>\n</section>\n",
      text(field_object(perf, "harness"), "started", "?"), field_int(settings, "connections"),
      html_text(format_millis(field_int(settings, "churn_ms"))), rows);
}

}  // namespace wsh::report
