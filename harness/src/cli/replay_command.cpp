// wsharness replay RESULT.json: reruns one result alone, with its seed, and
// prints the whole transcript, so a failure can be studied (or shown to an
// upstream maintainer) exactly as it happened.

#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/selection.hpp"
#include "engine/case_runner.hpp"
#include "report/json_report.hpp"
#include "report/report_directory.hpp"

namespace wsh::cli {

CLI::App* add_replay_command(CLI::App& app, ReplayArgs& args) {
  auto* command = app.add_subcommand("replay", "rerun one result with its seed and print its transcript");
  command->add_option("result", args.result_file, "a per-result JSON file from a report's results/")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--cases", args.cases_dir, kCasesFlagHelp);
  return command;
}

int run_replay(const ReplayArgs& args) {
  std::ifstream in(args.result_file);
  const auto detail = nlohmann::json::parse(in, nullptr, false);
  if (detail.is_discarded() || !detail.contains("id") || !detail.contains("seed")) {
    std::fprintf(stderr, "wsharness: %s is not a per-result JSON file of a wsharness report\n",
                 args.result_file.c_str());
    return kExitUsage;
  }
  const auto catalogue = load_cases_or_report(cases_directory(args.cases_dir));
  if (!catalogue) return kExitUsage;
  const auto id = detail.value("id", "");
  const auto found = std::find_if(catalogue->cases.begin(), catalogue->cases.end(),
                                  [&](const cases::CaseInstance& instance) { return instance.result_id == id; });
  if (found == catalogue->cases.end()) {
    std::fprintf(stderr, "wsharness: case '%s' is no longer in the catalogue\n", terminal_safe(id).c_str());
    return kExitUsage;
  }

  engine::SubjectSpec subject;
  subject.name = detail.value("subject", "replayed");
  subject.argv = detail.value("subject_command", std::vector<std::string>{});
  if (subject.argv.empty()) {
    std::fprintf(stderr, "wsharness: %s does not say how the subject was started\n", args.result_file.c_str());
    return kExitUsage;
  }
  std::vector<engine::SubjectSpec> subjects{subject};
  try {
    engine::probe_subjects(subjects);
  } catch (const engine::SetupError& error) {
    std::fprintf(stderr, "wsharness: %s\n", error.what());
    return kExitUsage;
  }

  engine::RunOptions options;
  options.verbose = true;
  const auto role = cases::parse_role(detail.value("role", "server")).value_or(cases::Role::Server);
  const auto transport = detail.value("transport", "ws") == "wss" ? engine::Transport::Wss : engine::Transport::Ws;
  engine::PlannedResult planned{&*found, &subjects.front(), role, transport, detail.value("seed", std::uint64_t{0})};
  std::optional<net::TlsMaterial> tls;
  std::filesystem::path pki_dir;
  if (transport == engine::Transport::Wss) {
    pki_dir = std::filesystem::temp_directory_path() / fmt::format("wsharness-replay-{}", getpid());
    std::filesystem::create_directories(pki_dir);
    tls = net::make_throwaway_pki(pki_dir);
  }
  const engine::RunContext context{options, tls ? &*tls : nullptr};
  // A repeated case's result records the seed of the run it reports (the
  // failing one): replay reruns that one run, not the whole series.
  if (detail.contains("runs") && detail["runs"].is_object()) {
    const auto& runs = detail["runs"];
    std::printf("replaying run %d of %d (seed %llu); a race may not recur on one run\n", runs.value("attempted", 0),
                runs.value("repeat", 0), static_cast<unsigned long long>(planned.seed));
  }
  const auto result = engine::run_case(planned, context);
  if (!pki_dir.empty()) std::filesystem::remove_all(pki_dir);

  const auto replayed = report::result_detail_json(result);
  for (const auto& record : replayed["transcript"]) std::printf("%s\n", terminal_safe(record.dump()).c_str());
  for (const auto& event : replayed["events"]) std::printf("event %s\n", terminal_safe(event.dump()).c_str());
  std::printf("%s (was %s): %s\n", std::string(oracles::verdict_name(result.verdict)).c_str(),
              detail.value("verdict", "?").c_str(), terminal_safe(result.reason).c_str());
  return oracles::verdict_name(result.verdict) == detail.value("verdict", "") ? kExitOk : kExitUnexpected;
}

}  // namespace wsh::cli
