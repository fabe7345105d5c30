// wsharness report DIR: rebuilds the human-readable report from the JSON a
// run left in DIR (so shards can be merged and the HTML regenerated without
// rerunning anything).

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace wsh::cli {

CLI::App* add_report_command(CLI::App& app, ReportArgs& args) {
  auto* command = app.add_subcommand("report", "rebuild the report from the JSON in DIR");
  command->add_option("dir", args.dir, "a report directory written by `wsharness run`")->required()->check(CLI::ExistingDirectory);
  return command;
}

int run_report(const ReportArgs& args) {
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
  std::size_t unexpected = 0;
  for (const auto& result : index["results"])
    if (const auto verdict = result.value("verdict", ""); verdict != "SKIP" && verdict != result.value("expected", "PASS"))
      ++unexpected;
  std::printf("%zu result(s), %zu unexpected\n", index["results"].size(), unexpected);
  return unexpected == 0 ? kExitOk : kExitUnexpected;
}

}  // namespace wsh::cli
