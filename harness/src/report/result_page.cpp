#include "report/result_page.hpp"

#include <fmt/format.h>

#include "oracles/verdict.hpp"
#include "report/html_escape.hpp"
#include "report/html_template.hpp"
#include "report/json_fields.hpp"
#include "report/ladder_svg.hpp"
#include "report/outcome_fields.hpp"
#include "report/report_assets.hpp"

namespace wsh::report {
namespace {

using nlohmann::json;

// Escaped text, cut to `cap` bytes with a note pointing at the full JSON.
std::string capped(const std::string& text, std::size_t cap) {
  const auto shown = utf8_prefix(text, cap);
  if (shown.size() == text.size()) return html_text(text);
  return html_text(shown) +
         fmt::format("<span class=\"cut\">… {} more bytes in the JSON</span>", text.size() - shown.size());
}

// Names, ids, versions: short by nature; a hostile one is cut.
std::string short_text(const std::string& text) { return html_text_prefix(text, 4096); }

// A verdict name as a CSS class suffix: only letters and '-' survive.
std::string verdict_class(const std::string& verdict) {
  std::string out;
  for (const char c : verdict)
    if ((c >= 'A' && c <= 'Z') || c == '-') out += c;
  return out.empty() ? "UNKNOWN" : out;
}

std::string badge(const std::string& verdict) {
  return fmt::format("<span class=\"badge v-{}\">{}</span>", verdict_class(verdict), html_text(verdict));
}

std::string row(std::string_view name, const std::string& value_html) {
  return fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", name, value_html);
}

std::string params_text(const json& params) {
  std::string out;
  if (!params.is_object()) return out;
  for (const auto& [name, value] : params.items()) {
    if (!out.empty()) out += ", ";
    out += name + "=" +
           (value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return out;
}

std::string identity_section(const json& detail, const ResultPageLimits& limits) {
  std::string out = "<section id=\"case\"><h2>The case</h2><table class=\"facts\">\n";
  out += row("Case", "<code>" + short_text(field_text(detail, "case")) + "</code>");
  out += row("Title", short_text(field_text(detail, "title")));
  if (const auto params = params_text(field_object(detail, "params")); !params.empty())
    out += row("Parameters", "<code>" + html_text(params) + "</code>");
  out += row("Subject", short_text(field_text(detail, "subject")));
  out += row("Role", short_text(field_text(detail, "role")) +
                         " <span class=\"hint\">(the subject's side of the connection)</span>");
  out += row("Transport", short_text(field_text(detail, "transport")));
  out += row("Area", short_text(field_text(detail, "area")));
  out += row("RFC 6455", short_text(field_text(detail, "rfc")));
  if (const auto autobahn = field_text(detail, "autobahn"); !autobahn.empty())
    out += row("Autobahn", html_text(autobahn));
  out += row("Case file", "<code>" + short_text(field_text(detail, "source")) + "</code>");
  out += "</table>\n";
  if (const auto requirement = field_text(detail, "requirement"); !requirement.empty())
    out += "<blockquote class=\"requirement\">" + capped(requirement, limits.text_bytes) + "</blockquote>\n";
  return out + "</section>\n";
}

std::string steps_html(const json& detail, const ResultPageLimits& limits) {
  const auto& steps = field_array(detail, "steps");
  if (steps.empty()) return "";
  std::string out = "<h3>Steps, as the case file writes them</h3><ol class=\"steps\">";
  for (const auto& step : steps)
    out += "<li><code>" + capped(step.is_string() ? step.get<std::string>() : step.dump(), limits.text_bytes) +
           "</code></li>";
  return out + "</ol>\n";
}

// The outcome in words, with what to do about it.
std::string outcome_html(const std::string& outcome, const std::string& entry) {
  const auto where = entry.empty() ? std::string() : " (" + html_text(entry) + ")";
  if (outcome == "as-expected") return "<span class=\"as-expected\">as expected</span>";
  if (outcome == "skipped")
    return "<span class=\"skipped-label\">skipped</span>: the subject does not promise what it needs";
  if (outcome == "xpass")
    return "<span class=\"xpass\">XPASS</span>: the baseline expects a departure that did not happen; fixed? narrow "
           "the entry" +
           where;
  if (outcome == "not-reproduced")
    return "<span class=\"not-reproduced\">NOT REPRODUCED</span>: the known race did not show in any run" + where;
  return "<span class=\"unexpected\">UNEXPECTED: differs from the subject's baseline</span>" + where;
}

std::string verdict_section(const json& detail, std::size_t index, const ResultPageLimits& limits) {
  const auto verdict = field_text(detail, "verdict", "?");
  const auto expected = expected_verdicts(detail);
  const auto outcome = result_outcome(detail);
  std::string out = "<section id=\"verdict\"><h2>Verdict</h2>\n<table class=\"facts\">\n";
  out += row("Observed", badge(verdict));
  std::string expected_html;
  for (const auto& name : expected) expected_html += (expected_html.empty() ? "" : " or ") + badge(name);
  if (const auto& race = field_object(detail, "intermittent");
      !race.empty() && race.contains("rate") && race["rate"].is_number())
    expected_html += html_text(fmt::format(" (a race, seen in {:.2g} % of runs)", race["rate"].get<double>() * 100));
  if (const auto why = field_text(detail, "expected_reason"); !why.empty())
    expected_html += " " + capped(why, limits.text_bytes);
  if (const auto link = safe_href(field_text(detail, "expected_link")); !link.empty())
    expected_html += fmt::format(" <a href=\"{0}\">{0}</a>", html_text(link));
  else if (const auto text = field_text(detail, "expected_link"); !text.empty())
    expected_html += " <span class=\"hint\">" + html_text(text) + "</span>";
  out += row("Expected", expected_html);
  out += row("Outcome", outcome_html(outcome, field_text(detail, "expected_source")));
  if (const auto reason = field_text(detail, "reason"); !reason.empty())
    out += row("Reason", capped(reason, limits.text_bytes));
  // Black-box mode (a server by URL): what it could not see is said, never
  // shown as passed.
  if (const auto observed = field_text(detail, "observed"); !observed.empty() && observed != "protocol") {
    std::string names;
    for (const auto& [oracle, state] : field_object(detail, "not_observed").items())
      names += (names.empty() ? "" : ", ") + std::string("<code>") + html_text(oracle) + "</code>";
    out += row("Application", "<span class=\"not-observed\">" + html_text(observed) + "</span>" +
                                  (names.empty() ? std::string() : "; not observed: " + names));
  }
  if (const auto& runs = field_object(detail, "runs"); !runs.empty()) out += row("Runs", html_text(runs_summary(runs)));
  out += row(
      "Replay",
      fmt::format("<code class=\"command\">wsharness replay results/{}.json</code> <span class=\"hint\">seed {}</span>",
                  index, short_text(field_text(detail, "seed"))));
  out += "</table>\n";

  const auto& findings = field_array(detail, "findings");
  if (!findings.empty()) {
    out +=
        "<h3>Findings</h3><table class=\"grid findings\"><thead><tr><th>Verdict</th><th>Oracle</th><th>Expected vs "
        "observed</th></tr></thead><tbody>\n";
    for (const auto& finding : findings)
      out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
                         badge(field_text(finding, "verdict")), short_text(field_text(finding, "oracle")),
                         capped(field_text(finding, "reason"), limits.text_bytes));
    out += "</tbody></table>\n";
  }

  out += "<h3>What the harness observed</h3><table class=\"facts\">\n";
  out += row("Handshake", field_text(detail, "handshake_ok") == "true"
                              ? "completed"
                              : "<span class=\"unexpected\">did not complete</span>");
  out += row("TCP end", short_text(field_text(detail, "tcp_end")));
  const auto& health = field_object(detail, "health");
  out += row("Subject alive at end", short_text(field_text(health, "alive_at_end", "?")));
  if (const auto crash = field_text(health, "crash"); !crash.empty())
    out += row("Crash", "<span class=\"unexpected\">" + capped(crash, limits.text_bytes) + "</span>");
  if (const auto report = field_text(health, "sanitizer_report"); !report.empty())
    out += row("Sanitizer", "<pre class=\"stderr\">" + capped(report, limits.text_bytes) + "</pre>");
  for (const auto& violation : field_array(health, "protocol_violations"))
    out += row("Protocol violation",
               capped(violation.is_string() ? violation.get<std::string>() : violation.dump(), limits.text_bytes));
  if (health.contains("fds_before") || health.contains("fds_after"))
    out += row("Open fds", html_text(fmt::format("{} before, {} after", field_text(health, "fds_before", "?"),
                                                 field_text(health, "fds_after", "?"))));
  return out + "</table>\n</section>\n";
}

// A multi-connection result: how the connections fared; the transcript
// below is one connection's (the first with the worst verdict).
std::string connections_section(const json& detail, const ResultPageLimits& limits) {
  const auto& fleet = field_object(detail, "connections");
  if (fleet.empty()) return "";
  std::string out = "<section id=\"connections\"><h2>Connections</h2><table class=\"facts\">\n";
  out +=
      row("Connections", html_text(fmt::format("{} of {} opened ({}), {} passed", field_text(fleet, "opened", "?"),
                                               field_text(fleet, "planned", "?"), field_text(fleet, "concurrency", "?"),
                                               field_text(fleet, "passed", "?"))));
  std::string counts;
  for (const auto& [verdict, count] : field_object(fleet, "verdicts").items())
    counts += (counts.empty() ? "" : " ") + badge(verdict) + html_text(fmt::format(" {}", count.dump()));
  if (!counts.empty()) out += row("Verdicts", counts);
  out += row("Transcript below", html_text(fmt::format("connection {} (port {})", field_int(fleet, "shown") + 1,
                                                       field_text(fleet, "shown_conn", "?"))));
  out += "</table>\n";
  const auto& failures = field_array(fleet, "failures");
  if (!failures.empty()) {
    out +=
        fmt::format("<h3>Connections that did not pass ({} in all{})</h3>", field_text(fleet, "failures_total", "?"),
                    field_array(fleet, "failures").size() < static_cast<std::size_t>(field_int(fleet, "failures_total"))
                        ? ", the first listed"
                        : "");
    out +=
        "<table class=\"grid "
        "findings\"><thead><tr><th>#</th><th>Port</th><th>Verdict</th><th>Reason</th></tr></thead><tbody>\n";
    for (const auto& failure : failures)
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", field_int(failure, "index") + 1,
                         short_text(field_text(failure, "conn")), badge(field_text(failure, "verdict")),
                         capped(field_text(failure, "reason"), limits.text_bytes));
    out += "</tbody></table>\n";
  }
  return out + "</section>\n";
}

std::string run_details_section(const json& detail, std::size_t index) {
  std::string out = "<section id=\"run-details\"><h2>How it ran</h2><table class=\"facts\">\n";
  out += row("Seed", "<code>" + short_text(field_text(detail, "seed")) + "</code>");
  out += row("Replay", fmt::format("<code class=\"command\">wsharness replay results/{}.json</code> "
                                   "<span class=\"hint\">(from the report directory)</span>",
                                   index));
  out += row("Duration", html_text(fmt::format("{} ({} of it waits the case asks for)",
                                               format_millis(field_int(detail, "duration_ms")),
                                               format_millis(field_int(detail, "waited_ms")))));
  std::string command;
  for (const auto& word : field_array(detail, "subject_command"))
    command += (command.empty() ? "" : " ") + (word.is_string() ? word.get<std::string>() : word.dump());
  out += row("Subject command", "<code>" + short_text(command) + "</code>");
  out += row("Data", fmt::format("<a href=\"{0}.json\">results/{0}.json</a>", index));
  return out + "</table></section>\n";
}

std::string flags_text(const json& record) {
  if (field_text(record, "kind") != "frame") return "";
  std::string flags = field_text(record, "fin") == "false" ? "FIN=0" : "FIN";
  if (const auto rsv = field_int(record, "rsv"); rsv != 0) flags += fmt::format(" RSV={}", rsv);
  if (field_text(record, "masked") == "true") flags += " MASK";
  return flags;
}

std::string transcript_section(const json& detail, const ResultPageLimits& limits) {
  const auto& transcript = field_array(detail, "transcript");
  std::string out =
      fmt::format("<section id=\"transcript\"><h2>Wire transcript <span class=\"hint\">({} records)</span></h2>\n",
                  transcript.size());
  if (transcript.empty()) return out + "<p class=\"hint\">Nothing was recorded on the wire.</p></section>\n";
  out +=
      "<table class=\"grid transcript\"><thead><tr><th>time</th><th>direction</th><th>kind</th><th>opcode</th>"
      "<th>flags</th><th>length</th><th>decoded</th></tr></thead><tbody>\n";
  const std::size_t head = transcript.size() > limits.transcript_rows ? limits.transcript_rows / 2 : transcript.size();
  const std::size_t tail_from = transcript.size() > limits.transcript_rows
                                    ? transcript.size() - (limits.transcript_rows - head)
                                    : transcript.size();
  for (std::size_t i = 0; i < transcript.size(); ++i) {
    if (i == head && head < tail_from) {
      out += fmt::format(
          "<tr class=\"elided\"><td colspan=\"7\">⋮ {} records not shown here: they are in this result's "
          "JSON</td></tr>\n",
          tail_from - head);
      i = tail_from;
      if (i == transcript.size()) break;
    }
    const auto& record = transcript[i];
    const auto kind = field_text(record, "kind");
    const bool to_subject = field_text(record, "dir") != "from_subject";
    std::string decoded;
    if (record.contains("close_code") || record.contains("close_reason")) {
      decoded = "code " + short_text(field_text(record, "close_code", "none"));
      if (const auto reason = field_text(record, "close_reason"); !reason.empty())
        decoded += ", reason “<span class=\"payload\">" + capped(reason, limits.text_bytes) + "</span>”";
    } else if (record.contains("payload_text")) {
      decoded =
          "“<span class=\"payload\">" + capped(field_text(record, "payload_text"), limits.text_bytes) + "</span>”";
    }
    if (const auto text = field_text(record, "text"); !text.empty())
      decoded += (decoded.empty() ? "" : " ") + capped(text, limits.text_bytes);
    if (const auto hex = field_text(record, "hex"); !hex.empty()) {
      std::string note;
      if (record.contains("hex_truncated_from"))
        note = html_text(
            fmt::format(" (first {} of {} bytes)", (hex.size() + 1) / 3, field_text(record, "hex_truncated_from")));
      decoded += "<details class=\"hex\"><summary>hex" + note + "</summary><pre>" + html_text(hex_view(hex)) +
                 "</pre></details>";
    }
    out += fmt::format(
        "<tr class=\"k-{}\"><td class=\"num\">{}</td><td class=\"dir\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td>{}</td></tr>\n",
        html_text(kind), html_text(format_micros(field_int(record, "at_us"))),
        to_subject ? "harness → subject" : "harness ← subject", html_text(kind),
        short_text(field_text(record, "opcode")), html_text(flags_text(record)),
        short_text(field_text(record, "length")), decoded);
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string events_section(const json& detail) {
  const auto& events = field_array(detail, "events");
  std::string out =
      fmt::format("<section id=\"events\"><h2>Subject events <span class=\"hint\">({})</span></h2>\n", events.size());
  if (events.empty())
    return out + "<p class=\"hint\">The subject reported no events for this connection.</p></section>\n";
  out +=
      "<table class=\"grid "
      "events\"><thead><tr><th>time</th><th>event</th><th>result</th><th>code</th></tr></thead><tbody>\n";
  for (const auto& event : events)
    out += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       html_text(format_micros(field_int(event, "at_us"))), short_text(field_text(event, "event")),
                       short_text(field_text(event, "result")), short_text(field_text(event, "code")));
  return out + "</tbody></table></section>\n";
}

std::string log_section(const json& detail, const ResultPageLimits& limits) {
  const auto& log = field_array(detail, "log");
  std::string out = "<section id=\"log\"><h2>What the harness did</h2>\n" + steps_html(detail, limits);
  if (log.empty()) return out + "</section>\n";
  std::string text;
  std::size_t lines = 0;
  for (const auto& line : log) {
    if (lines++ == limits.log_lines) {
      text += fmt::format("… {} more lines in the JSON\n", log.size() - limits.log_lines);
      break;
    }
    text += (line.is_string() ? line.get<std::string>() : line.dump()) + "\n";
  }
  return out + "<h3>Step log</h3><pre class=\"log\">" + capped(text, limits.text_bytes) + "</pre></section>\n";
}

std::string stderr_section(const json& detail, const ResultPageLimits& limits) {
  const auto tail = field_text(detail, "stderr_tail");
  std::string out = "<section id=\"stderr\"><h2>Subject stderr (tail)</h2>";
  if (tail.empty()) return out + "<p class=\"hint\">Empty.</p></section>\n";
  // The end of stderr is what explains a crash: keep the last bytes.
  std::string_view shown = tail;
  std::string note;
  if (tail.size() > limits.text_bytes) {
    std::size_t from = tail.size() - limits.text_bytes;
    for (int step = 0; step < 3 && (static_cast<unsigned char>(tail[from]) & 0xC0) == 0x80; ++step) ++from;
    shown = std::string_view(tail).substr(from);
    note = fmt::format("<span class=\"cut\">… {} earlier bytes in the JSON</span>\n", from);
  }
  return out + "<pre class=\"stderr\">" + note + html_text(shown) + "</pre></section>\n";
}

std::string page(const std::string& title, const std::string& body) {
  return fill_template(report_asset("result.html"), {{"TITLE", html_text(title)}, {"BODY", body}});
}

}  // namespace

std::string hex_view(std::string_view hex) {
  std::vector<int> bytes;
  int high = -1;
  for (const char c : hex) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) continue;
    if (high < 0) high = digit;
    else bytes.push_back(high * 16 + digit), high = -1;
  }
  std::string out;
  for (std::size_t line = 0; line < bytes.size(); line += 16) {
    out += fmt::format("{:04x} ", line);
    std::string ascii;
    for (std::size_t i = line; i < line + 16; ++i) {
      if (i < bytes.size()) {
        out += fmt::format(" {:02x}", bytes[i]);
        ascii += bytes[i] >= 0x20 && bytes[i] < 0x7F ? static_cast<char>(bytes[i]) : '.';
      } else {
        out += "   ";
      }
    }
    out += "  |" + ascii + "|\n";
  }
  return out;
}

std::string render_result_page(const json& detail, std::size_t index, const ResultPageLimits& limits) {
  const auto id = field_text(detail, "id", "(no id)");
  const auto verdict = field_text(detail, "verdict", "?");
  std::string body = "<header class=\"page-head\"><a class=\"back\" href=\"../index.html\">← all results</a>";
  body += fmt::format("<h1>{} <code>{}</code></h1>", badge(verdict), short_text(id));
  body += fmt::format("<p class=\"subtitle\">{} · {} · {} · {}</p></header>\n<main>\n",
                      short_text(field_text(detail, "subject")), short_text(field_text(detail, "role")),
                      short_text(field_text(detail, "transport")), short_text(field_text(detail, "title")));
  // What a reader needs first side by side: the verdict and what the case
  // checks; then the evidence, the ladder before the tables.
  body +=
      "<div class=\"top\">" + verdict_section(detail, index, limits) + identity_section(detail, limits) + "</div>\n";
  body += "<section id=\"ladder\"><h2>Sequence diagram</h2><div class=\"ladder-box\">" +
          ladder_svg(detail, limits.ladder_items) + "</div></section>\n";
  body += connections_section(detail, limits);
  body += transcript_section(detail, limits);
  body += events_section(detail);
  body += stderr_section(detail, limits);
  body += log_section(detail, limits);
  body += run_details_section(detail, index);
  body += "</main>\n";
  return page(fmt::format("{} {} — wsharness", verdict, id), body);
}

std::string render_unreadable_result_page(std::size_t index, const std::string& problem) {
  const auto body = fmt::format(
      "<header class=\"page-head\"><a class=\"back\" href=\"../index.html\">← all results</a><h1>Result "
      "{}</h1></header>"
      "<main><p class=\"unexpected\">results/{}.json could not be read: {}</p></main>",
      index, index, html_text(problem));
  return page(fmt::format("result {} — wsharness", index), body);
}

}  // namespace wsh::report
