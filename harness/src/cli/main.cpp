// wsharness: the command line (README.md, "The command line"; a stable contract).
//   wsharness list   [--subject S] [--filter GLOB] [--json] | --faults
//   wsharness run    [--subject S | --subject-cmd CMD] [--role ...] [--transport ...] ...
//   wsharness report DIR
//   wsharness replay RESULT.json
//   wsharness repro  RESULT.json [--out FILE]
//   wsharness perf   [--subject S | --subject-cmd CMD] [--transport ...] [--connections N] [--churn-seconds S]
//   wsharness fuzz   [--subject S | --subject-cmd CMD] [--seconds N] [--seed N] ...
//   wsharness baseline check [FILE...] | baseline update REPORT_DIR [--allow-widen]
//   wsharness serve  [--port 9001] [--listen ADDR] [--transport ws|wss] [--filter GLOB] [--report-dir DIR]
// Exit codes: 0 every result as expected; 1 unexpected results; 2 usage,
// case-file or harness error.

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"wsharness: conformance and fault-injection harness for WebSocket (RFC 6455) close handling"};
  app.require_subcommand(1, 1);
  app.set_version_flag("--version", WSH_VERSION);

  wsh::cli::ListArgs list;
  wsh::cli::RunArgs run;
  wsh::cli::ReportArgs report;
  wsh::cli::ReplayArgs replay;
  wsh::cli::ReproArgs repro;
  wsh::cli::PerfArgs perf;
  wsh::cli::FuzzArgs fuzz;
  wsh::cli::BaselineArgs baseline;
  wsh::cli::ServeArgs serve;
  auto* list_command = wsh::cli::add_list_command(app, list);
  auto* run_command = wsh::cli::add_run_command(app, run);
  auto* report_command = wsh::cli::add_report_command(app, report);
  auto* replay_command = wsh::cli::add_replay_command(app, replay);
  auto* repro_command = wsh::cli::add_repro_command(app, repro);
  auto* perf_command = wsh::cli::add_perf_command(app, perf);

  auto* fuzz_command = wsh::cli::add_fuzz_command(app, fuzz);
  auto* baseline_command = wsh::cli::add_baseline_command(app, baseline);
  auto* serve_command = wsh::cli::add_serve_command(app, serve);

  run.command_line.assign(argv, argv + argc);
  perf.command_line.assign(argv, argv + argc);
  fuzz.command_line.assign(argv, argv + argc);
  serve.command_line.assign(argv, argv + argc);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 names the offending flag; usage errors exit 2 (help exits 0).
    const int code = app.exit(error);
    return code == 0 ? 0 : wsh::cli::kExitUsage;
  }

  try {
    if (list_command->parsed()) return wsh::cli::run_list(list);
    if (run_command->parsed()) return wsh::cli::run_catalogue_command(run);
    if (report_command->parsed()) return wsh::cli::run_report(report);
    if (replay_command->parsed()) return wsh::cli::run_replay(replay);
    if (repro_command->parsed()) return wsh::cli::run_repro(repro);
    if (perf_command->parsed()) return wsh::cli::run_perf(perf);
    if (fuzz_command->parsed()) return wsh::cli::run_fuzz_command(fuzz);
    if (baseline_command->parsed()) return wsh::cli::run_baseline_command(baseline);
    if (serve_command->parsed()) return wsh::cli::run_serve(serve);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "wsharness: %s\n", error.what());
    return wsh::cli::kExitUsage;
  }
  return wsh::cli::kExitUsage;
}
