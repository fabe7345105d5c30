// wsharness repro RESULT.json [--out FILE]: writes one result as a
// standalone Python 3 program (standard library only) that replays the
// harness's side of the wire against a subject the user starts, so an
// upstream maintainer can reproduce a finding without wsharness. The
// program itself comes from repro/; this command only reads and writes files.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/timestamp.hpp"
#include "repro/python_program.hpp"
#include "repro/repro_plan.hpp"

namespace wsh::cli {
namespace {

namespace fs = std::filesystem;

// The run's version and start, from the index.json of the report the result
// belongs to (results/N.json -> ../index.json), when it is there.
repro::Provenance provenance_of(const fs::path& result_file) {
  repro::Provenance provenance{WSH_VERSION, {}, iso8601_now()};
  std::ifstream in(result_file.parent_path().parent_path() / "index.json");
  if (!in) return provenance;
  const auto index = nlohmann::json::parse(in, nullptr, false);
  if (index.is_discarded() || !index.contains("harness") || !index["harness"].is_object()) return provenance;
  const auto& harness = index["harness"];
  if (harness.contains("version") && harness["version"].is_string()) provenance.harness_version = harness["version"];
  if (harness.contains("started") && harness["started"].is_string()) provenance.run_started = harness["started"];
  return provenance;
}

}  // namespace

CLI::App* add_repro_command(CLI::App& app, ReproArgs& args) {
  auto* command = app.add_subcommand(
      "repro", "write one result as a standalone Python 3 program that replays the harness's side against a subject");
  command->add_option("result", args.result_file, "a per-result JSON file from a report's results/")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--out", args.out_file, "where the program goes (default: standard output)");
  return command;
}

int run_repro(const ReproArgs& args) {
  std::ifstream in(args.result_file, std::ios::binary);
  const auto result = nlohmann::json::parse(in, nullptr, false);
  if (result.is_discarded()) {
    std::fprintf(stderr, "wsharness: %s is not JSON\n", terminal_safe(args.result_file).c_str());
    return kExitUsage;
  }
  repro::ReproPlan plan;
  try {
    plan = repro::plan_repro(result);
  } catch (const repro::ReproError& error) {
    std::fprintf(stderr, "wsharness: %s: %s\n", terminal_safe(args.result_file).c_str(),
                 terminal_safe(error.what()).c_str());
    return kExitUsage;
  }
  const auto program = repro::python_program(plan, provenance_of(args.result_file));
  for (const auto& item : plan.inexact)
    std::fprintf(stderr, "wsharness: not replayed exactly: %s\n", terminal_safe(item).c_str());
  if (args.out_file.empty()) {
    std::fwrite(program.data(), 1, program.size(), stdout);
    return kExitOk;
  }
  std::ofstream out(args.out_file, std::ios::binary | std::ios::trunc);
  out << program;
  out.close();
  if (!out) {
    std::fprintf(stderr, "wsharness: cannot write %s\n", terminal_safe(args.out_file).c_str());
    return kExitUsage;
  }
  ::chmod(args.out_file.c_str(), 0755);
  std::fprintf(stderr, "wsharness: wrote %s (%s, %s role, %s): run it with python3\n",
               terminal_safe(args.out_file).c_str(), terminal_safe(plan.id).c_str(), plan.subject_role.c_str(),
               plan.transport.c_str());
  return kExitOk;
}

}  // namespace wsh::cli
