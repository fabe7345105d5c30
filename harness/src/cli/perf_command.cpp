// wsharness perf: close-handshake latency and connection churn against
// server subjects (perf/ does the measuring), a table on stdout and
// perf.json in --report-dir; when that directory already holds a run's
// report, its HTML is re-rendered so it shows the performance table.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <stdlib.h>

#include "cli/commands.hpp"
#include "cli/timestamp.hpp"
#include "net/tls_material.hpp"
#include "perf/perf_json.hpp"
#include "report/html_report.hpp"

namespace wsh::cli {
namespace {

namespace fs = std::filesystem;

// The subjects the flags name, as `run` takes them; throws
// std::invalid_argument naming the flag.
std::vector<perf::PerfSubject> perf_subjects(const SubjectFlags& flags) {
  std::vector<perf::PerfSubject> chosen;
  for (const auto& subject : chosen_subjects(flags))
    if (subject.skipped.empty()) chosen.push_back({subject.name, subject.argv, subject.wrapper});
  return chosen;
}

}  // namespace

CLI::App* add_perf_command(CLI::App& app, PerfArgs& args) {
  auto* command = app.add_subcommand(
      "perf", "close-handshake latency and connection churn of server subjects; writes perf.json into --report-dir");
  add_subject_flags(*command, args.subjects);
  command->add_option("--transport", args.transport, "ws | wss | both")->check(CLI::IsMember({"ws", "wss", "both"}));
  command
      ->add_option("--connections", args.connections,
                   "sequential connections whose close handshake is timed (default 1000; 0 skips the phase)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  command
      ->add_option("--churn-seconds", args.churn_seconds,
                   "seconds of open/handshake/close/cleanup cycles (default 5; 0 skips the phase)")
      ->check(CLI::Range(0.0, 3600.0));
  command
      ->add_option(
          "--stage-timeout-ms", args.stage_timeout_ms,
          "deadline of each stage of each connection: handshake, close reply, TCP close, cleanup (default 2000)")
      ->check(CLI::Range(1, 600000));
  command
      ->add_option("--max-failures", args.max_failures, "a phase stops after this many failed connections (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  command->add_option("--seed", args.seed, "seed of the handshake keys (default: random, recorded)")
      ->each([&args](const std::string&) { args.seed_given = true; });
  command->add_option("--report-dir", args.report_dir,
                      "where perf.json goes; an index.json there gets its HTML re-rendered with the figures");
  return command;
}

int run_perf(const PerfArgs& args) {
  std::vector<perf::PerfSubject> subjects;
  try {
    subjects = perf_subjects(args.subjects);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "wsharness: %s\n", error.what());
    return kExitUsage;
  }
  if (subjects.empty()) {
    std::fprintf(stderr, "wsharness: no subject to measure\n");
    return kExitUsage;
  }

  perf::PerfReport report;
  report.harness_version = WSH_VERSION;
  report.started = iso8601_now();
  report.command_line = args.command_line;
  auto& settings = report.settings;
  settings.connections = args.connections;
  settings.churn = std::chrono::milliseconds(static_cast<long>(args.churn_seconds * 1000));
  settings.stage_timeout = std::chrono::milliseconds(args.stage_timeout_ms);
  settings.limits.max_failures = args.max_failures;
  settings.seed = args.seed_given ? args.seed : std::random_device{}();

  std::vector<bool> transports;  // tls or not
  if (args.transport != "wss") transports.push_back(false);
  if (args.transport != "ws") transports.push_back(true);
  std::optional<net::ScopedPki> pki;
  if (args.transport != "ws") pki.emplace();

  for (const auto& subject : subjects) {
    for (const bool tls : transports) {
      std::fprintf(stderr, "wsharness: perf %s over %s: %zu connection(s), %.1f s churn\n", subject.name.c_str(),
                   tls ? "wss" : "ws", settings.connections, args.churn_seconds);
      report.subjects.push_back(perf::measure_subject(subject, tls ? &pki->material() : nullptr, settings));
    }
  }
  std::fputs(perf::perf_table(report).c_str(), stdout);

  const fs::path dir = args.report_dir;
  try {
    perf::write_perf_json(report, dir);
    if (fs::exists(dir / "index.json")) report::rebuild_html(dir);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "wsharness: cannot write the performance report: %s\n", error.what());
    return kExitUsage;
  }
  const auto where =
      fs::exists(dir / "index.json") ? fs::absolute(dir / "index.html") : fs::absolute(dir / "perf.json");
  std::fprintf(stderr, "seed %llu; report: %s\n", static_cast<unsigned long long>(settings.seed),
               where.lexically_normal().c_str());
  for (const auto& subject : report.subjects)
    if (!subject.clean()) return kExitUnexpected;
  return kExitOk;
}

}  // namespace wsh::cli
