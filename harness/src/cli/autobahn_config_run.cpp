// wsharness run --autobahn-config fuzzingclient.json: Autobahn|Testsuite's
// fuzzingclient spec, read into the run options `run --url` takes, one run
// per server of the spec (README.md, "Test a server, Autobahn's way").

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "cases/autobahn_config.hpp"
#include "cli/commands.hpp"
#include "cli/selection.hpp"

namespace wsh::cli {
namespace {

// HOOKUP for `run --url` (black-box server testing, built separately): runs
// the result ids `ids` against `server` and writes the report to
// `report_dir`; returns run's exit code. It must fill exactly what
// `wsharness run --url SERVER.url --agent SERVER.agent --report-dir DIR
// --filter ID...` fills: RunArgs::url = server.url, RunArgs::agent =
// server.agent, selection.filters = ids (result ids match themselves as
// globs: '[' is literal), report_dir; then `return run_catalogue_command(copy)`
// with autobahn_config cleared. Until then it says what is missing, exit 2.
int run_server_by_url(const RunArgs& args, const cases::AutobahnServerSpec& server, const std::vector<std::string>& ids,
                      const std::string& report_dir) {
  (void)args;
  (void)ids;
  std::fprintf(stderr,
               "wsharness: --autobahn-config: server '%s' (%s) would run %zu case(s) into %s, but this build has no "
               "`run --url` mode to run them with\n",
               server.agent.c_str(), server.url.c_str(), ids.size(), report_dir.c_str());
  return kExitUsage;
}

}  // namespace

int run_autobahn_config(const RunArgs& args) {
  const auto loaded = cases::load_autobahn_config(args.autobahn_config);
  if (const auto* error = std::get_if<std::string>(&loaded)) {
    std::fprintf(stderr, "wsharness: %s\n", error->c_str());
    return kExitUsage;
  }
  const auto& config = std::get<cases::AutobahnConfig>(loaded);
  const auto cases_dir = cases_directory(args.selection.cases_dir);
  const auto catalogue = load_cases_or_report(cases_dir);
  if (!catalogue) return kExitUsage;
  const auto selection =
      cases::select_autobahn_cases(catalogue->cases, config, args.include_wsharness_cases, args.autobahn_config);
  if (!selection.error.empty()) {
    std::fprintf(stderr, "wsharness: %s\n", selection.error.c_str());
    return kExitUsage;
  }
  // Autobahn writes one report for all servers into outdir; here each
  // server gets its own report directory under it, named by its agent.
  const std::string outdir = config.outdir.empty() ? args.report_dir : config.outdir;
  int worst = kExitOk;
  for (const auto& server : config.servers) {
    const auto dir = config.servers.size() == 1 ? outdir : (std::filesystem::path(outdir) / server.agent).string();
    worst = std::max(worst, run_server_by_url(args, server, selection.result_ids, dir));
  }
  return worst;
}

}  // namespace wsh::cli
