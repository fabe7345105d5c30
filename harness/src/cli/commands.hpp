#pragma once
// The commands of the CLI. Each add_* declares its flags on the app;
// each run_* does the work and returns the process exit code.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/subject_flags.hpp"
#include "cli/url_flags.hpp"

namespace wsh::cli {

inline constexpr int kExitOk = 0;          // every result as expected
inline constexpr int kExitUnexpected = 1;  // some result differs from its baseline
inline constexpr int kExitUsage = 2;       // usage, case-file or harness error

// Flags shared by list and run (run takes --subject through SubjectFlags).
struct SelectionArgs {
  std::vector<std::string> subjects;  // list's --subject (repeatable)
  std::vector<std::string> filters;   // --filter (repeatable globs)
  std::string cases_dir;              // --cases
};

struct ListArgs {
  SelectionArgs selection;
  bool json = false;
  bool faults = false;  // --faults: the fault registry instead of the catalogue
};

struct RunArgs {
  SelectionArgs selection;
  SubjectFlags subjects;
  UrlFlags url;                           // --url: a running server instead of subjects
  std::vector<std::string> command_line;  // argv as given, for the report
  std::string role = "all";
  std::string transport = "ws";
  int jobs = 0;  // 0: default_run_jobs()
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::string report_dir = "build/reports";
  int case_timeout_ms = 0;
  bool allow_non_loopback = false;
  int max_failures = 0;  // 0: never stop early
  bool quiet = false;
  bool strict = false;          // --strict: an XPASS fails the run
  std::string baseline;         // --baseline: the one subject's baseline file instead of cases/expectations/<name>.toml
  std::string autobahn_config;  // --autobahn-config: Autobahn's fuzzingclient spec
  bool include_wsharness_cases = false;  // with it: cases that have no Autobahn number too
};

struct FuzzArgs {
  std::vector<std::string> command_line;  // argv as given, for the found files
  std::string subject;                    // --subject (built-in)
  std::string subject_cmd;                // --subject-cmd
  std::string subject_name = "custom";
  std::string subject_wrapper;
  std::string role = "server";
  std::string transport = "ws";
  int seconds = 60;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::size_t max_cases = 100000;
  std::size_t max_found = 10;
  std::string out_dir;    // default: <cases dir>/found
  std::string cases_dir;  // the seeds' catalogue
  int jobs = 1;
  bool allow_non_loopback = false;
};

struct ReportArgs {
  std::string dir;
  std::vector<std::string> merge;  // --merge DIR...: shard report directories
  std::string report_dir;          // --report-dir: where the merged report goes
};

struct PerfArgs {
  std::vector<std::string> command_line;  // argv as given, for perf.json
  SubjectFlags subjects;
  std::string transport = "ws";
  std::size_t connections = 1000;
  double churn_seconds = 5;
  int stage_timeout_ms = 2000;
  std::size_t max_failures = 10;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::string report_dir = "build/reports";
};

struct BaselineArgs {
  std::string action;              // check | update
  std::vector<std::string> files;  // check: baseline files (default: all)
  std::string report_dir;          // update: the run to narrow from
  bool allow_widen = false;
  bool dry_run = false;
  std::string cases_dir;
};

struct ServeArgs {
  std::vector<std::string> command_line;  // argv as given, for the report
  int port = 9001;                        // Autobahn's fuzzingserver default
  std::string listen;                     // empty: 127.0.0.1
  std::string transport = "ws";
  std::vector<std::string> filters;
  std::vector<std::string> agent_baselines;  // AGENT=FILE
  std::string report_dir = "build/reports";
  std::string cases_dir;
  std::uint64_t seed = 0;
  bool seed_given = false;
  bool quiet = false;
};

struct ReplayArgs {
  std::string result_file;
  std::string cases_dir;
};

struct ReproArgs {
  std::string result_file;
  std::string out_file;  // empty: standard output
};

CLI::App* add_list_command(CLI::App& app, ListArgs& args);
CLI::App* add_run_command(CLI::App& app, RunArgs& args);
CLI::App* add_report_command(CLI::App& app, ReportArgs& args);
CLI::App* add_replay_command(CLI::App& app, ReplayArgs& args);
CLI::App* add_repro_command(CLI::App& app, ReproArgs& args);
CLI::App* add_perf_command(CLI::App& app, PerfArgs& args);
CLI::App* add_fuzz_command(CLI::App& app, FuzzArgs& args);
CLI::App* add_baseline_command(CLI::App& app, BaselineArgs& args);
CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);

int run_list(const ListArgs& args);
int run_catalogue_command(const RunArgs& args);
// run --autobahn-config FILE (cli/autobahn_config_run.cpp).
int run_autobahn_config(const RunArgs& args);
int run_report(const ReportArgs& args);
int run_replay(const ReplayArgs& args);
int run_repro(const ReproArgs& args);
int run_perf(const PerfArgs& args);
int run_fuzz_command(const FuzzArgs& args);
int run_baseline_command(const BaselineArgs& args);
int run_serve(const ServeArgs& args);

}  // namespace wsh::cli
