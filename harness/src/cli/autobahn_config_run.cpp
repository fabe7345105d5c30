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

// One server of the config, run as `wsharness run --url SERVER.url --agent
// SERVER.agent --filter ID... --report-dir DIR` would run it; the other flags
// of the command line (--tls-ca, --insecure, --allow-remote, --speaks-protocol,
// --probe-events, --baseline, --jobs, --seed, ...) apply to every server.
// Result ids match themselves as globs ('[' is literal).
int run_server_by_url(const RunArgs& args, const cases::AutobahnServerSpec& server, const std::vector<std::string>& ids,
                      const std::string& report_dir) {
  RunArgs one = args;
  one.autobahn_config.clear();
  one.url.url = server.url;
  one.url.agent = server.agent;
  one.selection.filters = ids;
  one.report_dir = report_dir;
  return run_catalogue_command(one);
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
