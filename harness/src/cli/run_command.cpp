// wsharness run: the catalogue against one or more subjects.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/interrupt_watcher.hpp"
#include "cli/progress.hpp"
#include "cli/selection.hpp"
#include "cli/timestamp.hpp"
#include "engine/engine.hpp"
#include "engine/url_target.hpp"
#include "launch/process_groups.hpp"
#include "report/json_report.hpp"
#include "report/report_directory.hpp"

namespace wsh::cli {
namespace {

// SIGTERM to every subject on SIGINT or SIGTERM, then SIGKILL after this.
constexpr std::chrono::milliseconds kInterruptGrace{1000};

// Results run in parallel by default. A result mostly waits (for a frame, a
// cleanup, a deadline the case sets), its subject and the harness idle: on 2
// cores the catalogue keeps the CPUs about a quarter busy at 2 jobs. So the
// number is set by how many of those waits can overlap, 4 per core, capped
// so that busy cases (fleets, floods) still get their time slices.
int default_run_jobs() {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::clamp(4 * cores, 4, 16);
}

std::vector<cases::Role> parse_roles(const std::string& role) {
  if (role == "all") return {cases::Role::Server, cases::Role::Client, cases::Role::Pair};
  return {*cases::parse_role(role)};
}

// What each result took in the report directory's previous run, so the
// longest start first. A missing or unreadable index.json means no figures.
std::map<std::string, long> previous_durations(const std::string& report_dir) {
  std::map<std::string, long> durations;
  std::ifstream in(std::filesystem::path(report_dir) / "index.json");
  if (!in) return durations;
  const auto index = nlohmann::json::parse(in, nullptr, false);
  if (index.is_discarded() || !index.contains("results") || !index["results"].is_array()) return durations;
  for (const auto& result : index["results"]) {
    if (!result.is_object()) continue;
    const auto role = cases::parse_role(result.value("role", ""));
    const auto transport = result.value("transport", "");
    if (!role || (transport != "ws" && transport != "wss")) continue;
    durations[engine::duration_key(result.value("subject", ""), *role,
                                   transport == "wss" ? engine::Transport::Wss : engine::Transport::Ws,
                                   result.value("id", ""))] = result.value("duration_ms", 0L);
  }
  return durations;
}

std::vector<engine::Transport> parse_transports(const std::string& transport) {
  if (transport == "both") return {engine::Transport::Ws, engine::Transport::Wss};
  return {transport == "wss" ? engine::Transport::Wss : engine::Transport::Ws};
}

}  // namespace

CLI::App* add_run_command(CLI::App& app, RunArgs& args) {
  auto* command = app.add_subcommand("run", "run the catalogue against subjects and write a report");
  add_subject_flags(*command, args.subjects);
  add_url_flags(*command, args.url);
  command->add_option("--role", args.role, "server | client | pair | all")
      ->check(CLI::IsMember({"server", "client", "pair", "all"}));
  command->add_option("--transport", args.transport, "ws | wss | both")->check(CLI::IsMember({"ws", "wss", "both"}));
  command->add_option("--filter", args.selection.filters, "only result ids matching this glob (repeatable)");
  command
      ->add_option("--jobs", args.jobs, "results run in parallel (default: 4 per core, 4 to 16: results mostly wait)")
      ->check(CLI::Range(1, 64));
  command->add_option("--seed", args.seed, "seed of every random choice (default: random, printed)")
      ->each([&args](const std::string&) { args.seed_given = true; });
  command->add_option("--report-dir", args.report_dir, "where index.json, junit.xml and index.html go");
  command->add_option("--case-timeout-ms", args.case_timeout_ms, "override every case's deadline")
      ->check(CLI::Range(1, 600000));
  command->add_option("--cases", args.selection.cases_dir, kCasesFlagHelp);
  command->add_flag("--allow-non-loopback", args.allow_non_loopback,
                    "allow subjects on addresses outside 127.0.0.0/8 and ::1 (off: refused)");
  command
      ->add_option("--max-failures", args.max_failures,
                   "start no new result after this many unexpected ones; the rest are reported as not run")
      ->check(CLI::Range(1, 1000000));
  command->add_flag("--quiet", args.quiet, "no progress output");
  command->add_option("--baseline", args.baseline,
                      "baseline file of the one subject run (default: <cases>/expectations/<subject>.toml; "
                      "with --url: none, PASS expected); for a subject whose baseline lives in its own project");
  command->add_flag("--strict", args.strict,
                    "an XPASS (an expected departure from PASS that passed) fails the run too; ctest runs this way");
  command->add_option("--autobahn-config", args.autobahn_config,
                      "Autobahn's fuzzingclient.json: its servers, by URL, with its cases and exclude-cases");
  command->add_flag("--include-wsharness-cases", args.include_wsharness_cases,
                    "with --autobahn-config: also the cases that have no Autobahn number");
  return command;
}

int run_catalogue_command(const RunArgs& args) {
  if (!args.autobahn_config.empty()) return run_autobahn_config(args);
  // Before any subject or thread starts (see interrupt_watcher.hpp).
  engine::RunStop stop;
  InterruptWatcher interrupts([&stop](int signal_number) {
    const char* name = signal_number == SIGINT ? "SIGINT" : "SIGTERM";
    std::fprintf(stderr, "\nwsharness: %s: stopping every subject, writing what finished\n", name);
    stop.interrupt(fmt::format("interrupted by {}", name));
    launch::process_groups::close_and_terminate(kInterruptGrace);
  });
  const auto cases_dir = cases_directory(args.selection.cases_dir);
  const auto catalogue = load_cases_or_report(cases_dir);
  if (!catalogue) return kExitUsage;

  engine::RunOptions options;
  options.cases_dir = cases_dir;
  options.baselines_dir = cases_dir / "expectations";
  options.roles = parse_roles(args.role);
  options.transports = parse_transports(args.transport);
  options.filters = args.selection.filters;
  options.jobs = args.jobs > 0 ? args.jobs : default_run_jobs();
  options.seed = args.seed_given ? args.seed : std::random_device{}();
  if (args.case_timeout_ms > 0) options.case_timeout = std::chrono::milliseconds(args.case_timeout_ms);
  options.allow_non_loopback = args.allow_non_loopback;
  options.max_failures = args.max_failures;
  options.previous_duration_ms = previous_durations(args.report_dir);

  std::vector<engine::SubjectSpec> all_subjects;
  try {
    if (args.url.given() && (!args.subjects.builtins.empty() || !args.subjects.commands.empty()))
      throw std::invalid_argument("--url tests a running server: it takes no --subject or --subject-cmd");
    all_subjects = args.url.given() ? url_subjects(args.url, options) : chosen_subjects(args.subjects);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "wsharness: %s\n", error.what());
    return kExitUsage;
  }
  for (const auto& subject : all_subjects)
    if (subject.skipped.empty()) options.subjects.push_back(subject);

  const auto started_at = std::chrono::steady_clock::now();
  report::RunSummary summary;
  summary.harness_version = WSH_VERSION;
  summary.seed = options.seed;
  summary.started = iso8601_now();
  std::map<std::string, cases::Baseline> baselines;
  try {
    // A baseline named by the user must be there: a missing file would make
    // every departure from PASS unexpected for a reason nobody reads.
    if (!args.baseline.empty()) {
      if (options.subjects.size() != 1)
        throw engine::SetupError(fmt::format("--baseline is the baseline of one subject; {} subjects are selected",
                                             options.subjects.size()));
      if (!std::filesystem::is_regular_file(args.baseline))
        throw engine::SetupError(fmt::format("--baseline {}: no such file", args.baseline));
    }
    engine::probe_subjects(options.subjects);
    for (const auto& subject : options.subjects) {
      // A server by URL has the --baseline it is given, or none (PASS expected).
      if (subject.url && args.baseline.empty()) continue;
      const auto path =
          args.baseline.empty() ? engine::baseline_path(options, subject) : std::filesystem::path(args.baseline);
      auto baseline = cases::load_baseline(path, args.baseline.empty() ? cases_dir.parent_path() : path.parent_path());
      if (!baseline.errors.empty()) {
        for (const auto& error : baseline.errors) std::fprintf(stderr, "%s\n", error.to_string().c_str());
        return kExitUsage;
      }
      baselines[cases::subject_base_name(subject.name)] = std::move(baseline);
    }
  } catch (const engine::SetupError& error) {
    std::fprintf(stderr, "wsharness: %s\n", error.what());
    if (const int signal_number = interrupts.signal_number()) return exit_status_for_signal(signal_number);
    return kExitUsage;
  }

  const auto plan = engine::plan_results(options, *catalogue);
  if (plan.empty()) {
    // A gate that selected nothing has checked nothing: never report it green.
    std::fprintf(stderr, "wsharness: the selection is empty: no result matches %s for the roles and transports asked\n",
                 options.filters.empty()
                     ? "the catalogue"
                     : fmt::format("--filter {}", fmt::join(options.filters, " --filter ")).c_str());
    return kExitUsage;
  }
  if (!args.quiet)
    std::fprintf(stderr, "wsharness: %zu result(s), %d job(s), seed %llu\n", plan.size(), options.jobs,
                 static_cast<unsigned long long>(options.seed));
  Progress progress(!args.quiet);
  summary.results = engine::execute(
      options, plan, baselines,
      [&](const engine::CaseResult& result, std::size_t done, std::size_t total) {
        progress.update(result, done, total);
      },
      &stop);
  summary.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_at);
  summary.command_line = args.command_line;
  summary.jobs = options.jobs;
  summary.strict = args.strict;
  if (stop.stopped()) {
    summary.incomplete = true;
    summary.incomplete_reason = stop.reason();
    summary.not_run = plan.size() - summary.results.size();
  }
  // The probed copies (options.subjects) carry impl, version, roles and
  // timeouts; the skipped ones are reported with their reason.
  for (const auto& subject : all_subjects) {
    const auto probed = std::find_if(options.subjects.begin(), options.subjects.end(),
                                     [&](const engine::SubjectSpec& s) { return s.name == subject.name; });
    const auto& shown = probed != options.subjects.end() ? *probed : subject;
    summary.subjects.push_back({shown.name, shown.impl, shown.version, shown.roles, shown.features,
                                shown.url ? "--url " + shown.url->url : fmt::format("{}", fmt::join(shown.argv, " ")),
                                shown.skipped, shown.timeouts_json});
    if (shown.url) {
      summary.urls.push_back(shown.url->url);
      summary.allow_remote = summary.allow_remote || shown.url->allow_remote;
    }
  }

  try {
    report::write_report(summary, args.report_dir);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "wsharness: cannot write the report: %s\n", error.what());
    return kExitUsage;
  }
  const bool all_expected = progress.finish(summary, args.report_dir);
  if (const int signal_number = interrupts.signal_number()) return exit_status_for_signal(signal_number);
  return all_expected && !summary.incomplete ? kExitOk : kExitUnexpected;
}

}  // namespace wsh::cli
