// wsharness fuzz: structure-aware network fuzzing of one live subject. Cases
// are generated from the catalogue's own steps, run and judged like any case
// (robust expectation: crash, sanitizer, hang, handler contract), and every
// finding is written as a case file that `wsharness run --cases DIR` replays.

#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <random>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/selection.hpp"
#include "launch/command_line.hpp"
#include "netfuzz/fuzz_session.hpp"
#include "netfuzz/seed_pool.hpp"

namespace wsh::cli {
namespace {

int usage(const std::string& message) {
  std::fprintf(stderr, "wsharness fuzz: %s\n", message.c_str());
  return kExitUsage;
}

std::string quoted_command(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& arg : argv) {
    const bool plain = !arg.empty() && arg.find_first_of(" \t\"'\\$`") == std::string::npos;
    text += (text.empty() ? "" : " ") + (plain ? arg : "'" + arg + "'");
  }
  return text;
}

}  // namespace

CLI::App* add_fuzz_command(CLI::App& app, FuzzArgs& args) {
  auto* command = app.add_subcommand(
      "fuzz", "mutate frame sequences sent to a live subject; write each crash, hang or oracle failure as a case file");
  auto* builtin = command->add_option("--subject", args.subject, "built-in subject: beast, httplib, faulty");
  auto* cmd =
      command
          ->add_option("--subject-cmd", args.subject_cmd, "command line of a subject that speaks the subject protocol")
          ->excludes(builtin);
  command->add_option("--subject-name", args.subject_name, "name of the --subject-cmd subject (default: custom)")
      ->needs(cmd);
  command->add_option("--subject-wrapper", args.subject_wrapper,
                      "prefix for the subject command, e.g. \"valgrind --error-exitcode=99 -q\"");
  command->add_option("--role", args.role, "the subject's role: server (default) or client")
      ->check(CLI::IsMember({"server", "client"}));
  command->add_option("--transport", args.transport, "ws (default) or wss")->check(CLI::IsMember({"ws", "wss"}));
  command->add_option("--seconds", args.seconds, "wall-clock budget (default 60)")->check(CLI::Range(1, 86400));
  command->add_option("--seed", args.seed, "seed of every generated case (default: random, printed)")
      ->each([&args](const std::string&) { args.seed_given = true; });
  command->add_option("--max-cases", args.max_cases, "stop after this many generated cases (default 100000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  command->add_option("--max-found", args.max_found, "stop after this many findings (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  command->add_option("--out", args.out_dir, "where found cases are written (default: found/ in the cases directory)");
  command->add_option("--cases", args.cases_dir, "the catalogue the seeds come from (default: as for run)");
  command->add_option("--jobs", args.jobs, "cases run in parallel (default 1)")->check(CLI::Range(1, 64));
  command->add_flag("--allow-non-loopback", args.allow_non_loopback,
                    "allow subjects on addresses outside 127.0.0.0/8 and ::1 (off: refused)");
  return command;
}

int run_fuzz_command(const FuzzArgs& args) {
  if (args.subject.empty() && args.subject_cmd.empty())
    return usage("name the subject: --subject S or --subject-cmd CMD");
  const auto cases_dir = cases_directory(args.cases_dir);
  const auto catalogue = load_cases_or_report(cases_dir);
  if (!catalogue) return kExitUsage;

  netfuzz::FuzzOptions options;
  if (!args.subject.empty()) {
    try {
      const auto chosen = select_subjects({args.subject}, /*include_skipped=*/true);
      options.subject = chosen.front();
    } catch (const std::invalid_argument& error) {
      return usage(error.what());
    }
    if (!options.subject.skipped.empty())
      return usage(fmt::format("--subject {}: not available: {}", args.subject, options.subject.skipped));
  } else {
    options.subject.name = args.subject_name;
    try {
      options.subject.argv = launch::split_command_line(args.subject_cmd);
    } catch (const launch::CommandLineError& error) {
      return usage(fmt::format("--subject-cmd {}: {}", args.subject_cmd, error.what()));
    }
  }
  if (!args.subject_wrapper.empty()) {
    try {
      options.subject.wrapper = launch::split_command_line(args.subject_wrapper);
    } catch (const launch::CommandLineError& error) {
      return usage(fmt::format("--subject-wrapper: {}", error.what()));
    }
  }
  options.role = *cases::parse_role(args.role);
  options.transport = args.transport == "wss" ? engine::Transport::Wss : engine::Transport::Ws;
  options.budget = std::chrono::seconds(args.seconds);
  options.seed = args.seed_given ? args.seed : std::random_device{}();
  options.max_cases = args.max_cases;
  options.max_found = args.max_found;
  options.jobs = args.jobs;
  options.allow_non_loopback = args.allow_non_loopback;
  options.out_dir = args.out_dir.empty() ? cases_dir / "found" : std::filesystem::path(args.out_dir);
  options.fuzz_command = quoted_command(args.command_line);

  std::vector<engine::SubjectSpec> probed{options.subject};
  try {
    engine::probe_subjects(probed);
  } catch (const engine::SetupError& error) {
    return usage(error.what());
  }
  options.subject = probed.front();
  if (!options.subject.supports_role(args.role))
    return usage(fmt::format("subject {} does not support the {} role (--role)", options.subject.name, args.role));
  if (options.transport == engine::Transport::Wss && !options.subject.has_feature("tls"))
    return usage(
        fmt::format("subject {} does not support wss:// (no \"tls\" feature; --transport)", options.subject.name));

  const auto seeds = netfuzz::collect_seeds(*catalogue, options.role);
  if (seeds.empty())
    return usage(
        fmt::format("no case under {} sends anything in the {} role to start from", cases_dir.string(), args.role));

  std::fprintf(stderr,
               "wsharness fuzz: subject %s, role %s, %s, %zu seed(s) from %s, seed %llu, %d s budget, %d job(s)\n",
               options.subject.name.c_str(), args.role.c_str(), args.transport.c_str(), seeds.size(),
               cases_dir.string().c_str(), static_cast<unsigned long long>(options.seed), args.seconds, options.jobs);
  netfuzz::FuzzSummary summary;
  try {
    summary = netfuzz::fuzz_subject(options, seeds, [](const netfuzz::FoundCase& found) {
      std::fprintf(stderr, "FOUND %s %s: %s\n      -> %s (reproduced: %s)\n",
                   std::string(oracles::verdict_name(found.verdict)).c_str(), found.oracle.c_str(),
                   terminal_safe(found.reason.substr(0, 300)).c_str(), found.file.string().c_str(),
                   found.reproduced ? "yes" : "no");
    });
  } catch (const std::exception& error) {
    return usage(error.what());
  }

  std::printf("fuzz summary: seed %llu, %zu case(s) in %.1f s, %.1f exec/s, %zu finding(s), %zu file(s) written\n",
              static_cast<unsigned long long>(options.seed), summary.cases_run, summary.elapsed.count() / 1000.0,
              summary.exec_per_second(), summary.findings, summary.written.size());
  for (const auto& [oracle, count] : summary.findings_by_oracle) std::printf("  %-28s %zu\n", oracle.c_str(), count);
  for (const auto& found : summary.written)
    std::printf("  wrote %s (%s %s, reproduced: %s)\n", found.file.string().c_str(),
                std::string(oracles::verdict_name(found.verdict)).c_str(), found.oracle.c_str(),
                found.reproduced ? "yes" : "no");
  if (summary.harness_errors)
    std::printf("  %zu case(s) not judged: the harness failed (first: %s)\n", summary.harness_errors,
                terminal_safe(summary.first_harness_error).c_str());
  std::fflush(stdout);
  return summary.findings == 0 ? kExitOk : kExitUnexpected;
}

}  // namespace wsh::cli
