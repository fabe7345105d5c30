// wsharness report DIR: rebuilds the human-readable report from the JSON a
// run left in DIR (so shards can be merged and the HTML regenerated without
// rerunning anything). The HTML comes from the same renderer `run` uses.
// With --merge it combines shard report directories into one
// (report/merge_reports.hpp).

#include <cstdio>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "oracles/verdict.hpp"
#include "report/html_report.hpp"
#include "report/merge_reports.hpp"
#include "report/outcome_fields.hpp"

namespace wsh::cli {

CLI::App* add_report_command(CLI::App& app, ReportArgs& args) {
  auto* command = app.add_subcommand(
      "report",
      "rebuild the HTML report from the JSON in DIR, or merge shard reports: --merge DIR... --report-dir OUT");
  auto* dir = command->add_option("dir", args.dir, "a report directory written by `wsharness run`")
                  ->check(CLI::ExistingDirectory);
  auto* merge =
      command
          ->add_option("--merge", args.merge,
                       "report directories of shards (CI jobs that each ran part of the catalogue) to combine")
          ->expected(1, -1)
          ->check(CLI::ExistingDirectory)
          ->excludes(dir);
  command->add_option("--report-dir", args.report_dir, "where the merged report goes (with --merge)")->needs(merge);
  return command;
}

namespace {

int run_merge(const ReportArgs& args) {
  if (args.report_dir.empty()) {
    std::fprintf(stderr, "wsharness: report --merge needs --report-dir OUT\n");
    return kExitUsage;
  }
  std::vector<std::filesystem::path> shards(args.merge.begin(), args.merge.end());
  report::MergeOutcome outcome;
  try {
    outcome = report::merge_reports(shards, args.report_dir);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "wsharness: report --merge: %s\n", error.what());
    return kExitUsage;
  }
  const auto index_html = (std::filesystem::absolute(args.report_dir) / "index.html").lexically_normal();
  std::printf("%zu shard(s), %zu result(s), %zu unexpected; report: %s\n", shards.size(), outcome.results,
              outcome.unexpected, index_html.c_str());
  return outcome.unexpected == 0 ? kExitOk : kExitUnexpected;
}

}  // namespace

int run_report(const ReportArgs& args) {
  if (!args.merge.empty()) return run_merge(args);
  if (args.dir.empty()) {
    std::fprintf(stderr, "wsharness: report needs a report directory, or --merge DIR... --report-dir OUT\n");
    return kExitUsage;
  }
  const auto index_path = std::filesystem::path(args.dir) / "index.json";
  std::ifstream in(index_path);
  if (!in) {
    std::fprintf(stderr, "wsharness: %s: no index.json (is this a report directory?)\n", index_path.string().c_str());
    return kExitUsage;
  }
  const auto index = nlohmann::json::parse(in, nullptr, false);
  if (index.is_discarded() || !index.contains("results") || !index["results"].is_array()) {
    std::fprintf(stderr, "wsharness: %s is not a wsharness index.json\n", index_path.string().c_str());
    return kExitUsage;
  }
  try {
    report::rebuild_html(args.dir);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "wsharness: cannot write the HTML report: %s\n", error.what());
    return kExitUsage;
  }
  // The outcome each result was given when it ran; a hand-edited index must
  // not throw here (outcome_fields reads defensively).
  const auto& harness = index.contains("harness") && index["harness"].is_object() ? index["harness"] : nlohmann::json();
  const bool strict = harness.is_object() && harness.contains("strict") && harness["strict"] == true;
  std::size_t unexpected = 0;
  for (const auto& result : index["results"])
    if (result.is_object() && report::outcome_fails(result, strict)) ++unexpected;
  const auto index_html = (std::filesystem::absolute(args.dir) / "index.html").lexically_normal();
  std::printf("%zu result(s), %zu unexpected; report: %s\n", index["results"].size(), unexpected, index_html.c_str());
  return unexpected == 0 ? kExitOk : kExitUnexpected;
}

}  // namespace wsh::cli
