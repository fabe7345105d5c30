#include "perf/perf_json.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>

namespace wsh::perf {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json spread_json(const Spread& spread) {
  return {{"count", spread.count},
          {"median_us", spread.median.count()},
          {"p99_us", spread.p99.count()},
          {"max_us", spread.max.count()}};
}

json counts_json(const PhaseCounts& counts) {
  json out = {{"attempted", counts.attempted},
              {"completed", counts.completed},
              {"failures", counts.failures},
              {"elapsed_ms", counts.elapsed.count()},
              {"cleanups",
               {{"connections", counts.cleanups.connections},
                {"cleanups", counts.cleanups.cleanups},
                {"missing", counts.cleanups.missing},
                {"extra", counts.cleanups.extra},
                {"exact", counts.cleanups.exact()}}}};
  if (!counts.first_failure.empty()) out["first_failure"] = counts.first_failure;
  if (!counts.stopped_early.empty()) out["stopped_early"] = counts.stopped_early;
  return out;
}

json subject_json(const SubjectPerf& subject) {
  json out = {{"subject", subject.subject},
              {"impl", subject.impl},
              {"version", subject.version},
              {"transport", subject.transport},
              {"command", subject.command},
              {"clean", subject.clean()},
              {"protocol_violations", subject.protocol_violations}};
  if (!subject.error.empty()) out["error"] = subject.error;
  if (!subject.exit.empty()) out["exit"] = subject.exit;
  if (subject.sanitizer_report) out["sanitizer_report"] = *subject.sanitizer_report;
  if (const auto& latency = subject.latency) {
    json phase = counts_json(latency->counts);
    phase["planned"] = latency->planned;
    phase["stages"] = {{"close_reply", spread_json(latency->close_reply)},
                       {"tcp_close", spread_json(latency->tcp_close)},
                       {"cleanup", spread_json(latency->cleanup)}};
    out["close_latency"] = std::move(phase);
  }
  if (const auto& churn = subject.churn) {
    json phase = counts_json(churn->counts);
    phase["planned_ms"] = churn->planned.count();
    phase["per_second"] = std::round(churn->per_second * 10) / 10;
    out["churn"] = std::move(phase);
  }
  return out;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || byte == 0x7f) ? '?' : c;
  }
  return out;
}

std::string ms(Micros micros) { return fmt::format("{:.3f}", static_cast<double>(micros.count()) / 1000.0); }

std::string median_p99(const Spread& spread) {
  return spread.count == 0 ? "—" : fmt::format("{}/{}", ms(spread.median), ms(spread.p99));
}

std::string cleanup_text(const CleanupTally& tally) {
  return tally.exact() ? "exact" : fmt::format("{} missing, {} extra", tally.missing, tally.extra);
}

void add_problems(std::string& out, const std::string& row, const std::string& phase, const PhaseCounts& counts) {
  for (const auto& [kind, count] : counts.failures) out += fmt::format("  {} {}: {} x {}\n", row, phase, count, kind);
  if (!counts.first_failure.empty())
    out += fmt::format("  {} {}: first: {}\n", row, phase, terminal_safe(counts.first_failure));
  if (!counts.stopped_early.empty())
    out += fmt::format("  {} {}: {}\n", row, phase, terminal_safe(counts.stopped_early));
  if (!counts.cleanups.exact())
    out += fmt::format("  {} {}: {} cleanup events for {} connections ({})\n", row, phase, counts.cleanups.cleanups,
                       counts.cleanups.connections, cleanup_text(counts.cleanups));
}

}  // namespace

nlohmann::json perf_json(const PerfReport& report) {
  json subjects = json::array();
  for (const auto& subject : report.subjects) subjects.push_back(subject_json(subject));
  return {{"harness",
           {{"version", report.harness_version}, {"started", report.started}, {"command_line", report.command_line}}},
          {"settings",
           {{"connections", report.settings.connections},
            {"churn_ms", report.settings.churn.count()},
            {"stage_timeout_ms", report.settings.stage_timeout.count()},
            {"max_failures", report.settings.limits.max_failures},
            {"seed", report.settings.seed}}},
          {"subjects", subjects}};
}

std::string perf_table(const PerfReport& report) {
  std::string out = fmt::format("{:<22} {:<4} {:>11} {:>17} {:>17} {:>17} {:>9} {:>10}\n", "subject", "tls",
                                "connections", "close reply ms", "tcp closed ms", "cleanup ms", "churn/s", "cleanups");
  out += fmt::format("{:<22} {:<4} {:>11} {:>17} {:>17} {:>17} {:>9} {:>10}\n", "", "", "done/asked", "median/p99",
                     "median/p99", "median/p99", "", "");
  std::string problems;
  for (const auto& subject : report.subjects) {
    const std::string row = terminal_safe(subject.subject) + " " + subject.transport;
    if (!subject.error.empty()) {
      out += fmt::format("{:<22} {:<4} {}\n", terminal_safe(subject.subject), subject.transport, "not measured");
      problems += fmt::format("  {}: {}\n", row, terminal_safe(subject.error));
      continue;
    }
    std::string connections = "—", reply = "—", tcp = "—", cleanup = "—", churn = "—";
    bool exact = true;
    if (const auto& latency = subject.latency) {
      connections = fmt::format("{}/{}", latency->counts.completed, latency->planned);
      reply = median_p99(latency->close_reply);
      tcp = median_p99(latency->tcp_close);
      cleanup = median_p99(latency->cleanup);
      exact = exact && latency->counts.cleanups.exact();
      add_problems(problems, row, "close latency", latency->counts);
    }
    if (const auto& phase = subject.churn) {
      churn = fmt::format("{:.1f}", phase->per_second);
      exact = exact && phase->counts.cleanups.exact();
      add_problems(problems, row, "churn", phase->counts);
    }
    out += fmt::format("{:<22} {:<4} {:>11} {:>17} {:>17} {:>17} {:>9} {:>10}\n", terminal_safe(subject.subject),
                       subject.transport, connections, reply, tcp, cleanup, churn, exact ? "exact" : "MISMATCH");
    if (!subject.exit.empty()) problems += fmt::format("  {}: the subject {}\n", row, terminal_safe(subject.exit));
    if (subject.sanitizer_report) problems += fmt::format("  {}: sanitizer report on stderr\n", row);
    if (subject.protocol_violations > 0)
      problems += fmt::format("  {}: {} subject protocol violation(s)\n", row, subject.protocol_violations);
  }
  if (!problems.empty()) out += "problems:\n" + problems;
  return out;
}

void write_perf_json(const PerfReport& report, const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path target = dir / "perf.json";
  const fs::path staging = dir / ".perf.json.tmp";
  {
    std::ofstream out(staging, std::ios::binary);
    // Subject text may be invalid UTF-8; never throw on it.
    out << perf_json(report).dump(1, ' ', false, json::error_handler_t::replace);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", staging.string()));
  }
  fs::rename(staging, target);
}

}  // namespace wsh::perf
