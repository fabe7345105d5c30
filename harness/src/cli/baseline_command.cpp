// wsharness baseline check [FILE...] / baseline update REPORT_DIR
// [--allow-widen]: the lifecycle of the per-subject baselines
// (cases/README.md, "Baselines"). `check` finds entries that no longer mean
// anything; `update` narrows a baseline to what a run saw and never widens
// one unless asked, printing the diff of what it wrote.

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unistd.h>

#include "cases/baseline_lint.hpp"
#include "cases/baseline_update.hpp"
#include "cases/baseline_writer.hpp"
#include "cli/commands.hpp"
#include "cli/selection.hpp"
#include "report/json_fields.hpp"
#include "report/outcome_fields.hpp"

namespace wsh::cli {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> baseline_files(const BaselineArgs& args, const fs::path& cases_dir) {
  std::vector<fs::path> files;
  for (const auto& file : args.files) files.emplace_back(file);
  if (!files.empty()) return files;
  for (const auto& entry : fs::directory_iterator(cases_dir / "expectations"))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Loads a baseline, printing its errors; nullopt when it does not parse.
std::optional<cases::Baseline> load_or_report(const fs::path& file, const fs::path& root) {
  if (!fs::exists(file)) {
    std::fprintf(stderr, "wsharness: %s does not exist\n", file.string().c_str());
    return std::nullopt;
  }
  auto baseline = cases::load_baseline(file, root);
  if (baseline.errors.empty()) return baseline;
  for (const auto& error : baseline.errors) std::fprintf(stderr, "%s\n", error.to_string().c_str());
  return std::nullopt;
}

int check(const BaselineArgs& args) {
  const auto cases_dir = cases_directory(args.cases_dir);
  const auto catalogue = load_cases_or_report(cases_dir);
  if (!catalogue) return kExitUsage;
  std::size_t problems = 0, entries = 0;
  const auto files = baseline_files(args, cases_dir);
  for (const auto& file : files) {
    const auto baseline = load_or_report(file, cases_dir.parent_path());
    if (!baseline) return kExitUsage;
    entries += baseline->entries.size();
    for (const auto& problem : cases::lint_baseline(*baseline, *catalogue)) {
      std::printf("%s\n", problem.to_string().c_str());
      ++problems;
    }
  }
  std::printf("%zu baseline file(s), %zu entries, %zu problem(s)\n", files.size(), entries, problems);
  return problems == 0 ? kExitOk : kExitUnexpected;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A unified diff of the old and new text, through diff(1).
void print_diff(const fs::path& file, const std::string& before, const std::string& after) {
  const auto old_copy = fs::temp_directory_path() / fmt::format("wsh-baseline-{}.old", ::getpid());
  std::ofstream(old_copy, std::ios::binary) << before;
  const auto new_copy = fs::temp_directory_path() / fmt::format("wsh-baseline-{}.new", ::getpid());
  std::ofstream(new_copy, std::ios::binary) << after;
  const auto command = fmt::format("diff -u --label '{0} (before)' --label '{0} (after)' '{1}' '{2}'", file.string(),
                                   old_copy.string(), new_copy.string());
  std::fflush(stdout);
  if (std::system(command.c_str()) == -1) std::printf("(diff(1) could not be run)\n");
  fs::remove(old_copy);
  fs::remove(new_copy);
}

int update(const BaselineArgs& args) {
  const auto cases_dir = cases_directory(args.cases_dir);
  const auto index_path = fs::path(args.report_dir) / "index.json";
  std::ifstream in(index_path);
  const auto index = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
  if (!index.is_object() || !index.contains("results") || !index["results"].is_array()) {
    std::fprintf(stderr, "wsharness: %s is not a wsharness index.json\n", index_path.string().c_str());
    return kExitUsage;
  }
  const auto& harness = report::field_object(index, "harness");
  if (harness.contains("incomplete") && harness["incomplete"] == true) {
    std::fprintf(stderr, "wsharness: %s is an interrupted run; a baseline is not narrowed from part of a run\n",
                 index_path.string().c_str());
    return kExitUsage;
  }
  const auto seen_in = fmt::format("the run of {} (seed {})", report::field_text(harness, "started", "?"),
                                   report::field_text(harness, "seed", "?"));

  std::map<std::string, std::vector<cases::ObservedResult>> by_subject;
  for (const auto& result : index["results"]) {
    if (!result.is_object()) continue;
    const auto subject = report::field_text(result, "subject");
    cases::ObservedResult observed;
    observed.id = report::field_text(result, "id");
    observed.role = report::field_text(result, "role");
    observed.transport = report::field_text(result, "transport");
    observed.version = cases::subject_version(subject);
    if (const auto at = subject.find('@'); at != std::string::npos) observed.version_text = subject.substr(at + 1);
    observed.verdict = report::field_text(result, "verdict");
    observed.outcome = report::result_outcome(result);
    observed.runs = static_cast<int>(report::field_int(report::field_object(result, "runs"), "attempted", 1));
    by_subject[cases::subject_base_name(subject)].push_back(std::move(observed));
  }

  bool refused = false;
  for (const auto& [subject, results] : by_subject) {
    const auto file = cases_dir / "expectations" / (subject + ".toml");
    cases::Baseline baseline;
    if (fs::exists(file)) {
      auto loaded = load_or_report(file, cases_dir.parent_path());
      if (!loaded) return kExitUsage;
      baseline = std::move(*loaded);
    }
    const auto result = cases::update_baseline(baseline, results, args.allow_widen, seen_in);
    for (const auto& change : result.changes) std::printf("%s: %s\n", subject.c_str(), change.c_str());
    for (const auto& note : result.notes) std::printf("%s: note: %s\n", subject.c_str(), note.c_str());
    for (const auto& widening : result.widenings)
      std::printf("%s: %s %s\n", subject.c_str(),
                  args.allow_widen ? "widened:" : "NOT widened (--allow-widen):", widening.c_str());
    refused = refused || (!args.allow_widen && !result.widenings.empty());
    if (result.changes.empty() && (result.widenings.empty() || !args.allow_widen)) continue;
    const auto before = fs::exists(file) ? read_text(file) : std::string();
    const auto after = cases::baseline_toml(result.updated);
    print_diff(file, before, after);
    if (args.dry_run) continue;
    const auto staging = fs::path(file.string() + ".tmp");
    std::ofstream(staging, std::ios::binary) << after;
    fs::rename(staging, file);
  }
  // Unexpected results left out of the baseline: the run still has surprises.
  return refused ? kExitUnexpected : kExitOk;
}

}  // namespace

CLI::App* add_baseline_command(CLI::App& app, BaselineArgs& args) {
  auto* command = app.add_subcommand("baseline", "check the per-subject baselines, or narrow them from a run");
  command->require_subcommand(1, 1);
  auto* check_command = command->add_subcommand(
      "check", "report stale, shadowed and over-broad entries, and version ranges no tested release falls in");
  check_command->add_option("files", args.files, "baseline files (default: every cases/expectations/*.toml)");
  check_command->add_option("--cases", args.cases_dir, kCasesFlagHelp);
  check_command->callback([&args] { args.action = "check"; });
  auto* update_command = command->add_subcommand(
      "update", "narrow each subject's baseline to what the run in REPORT_DIR saw; print the diff");
  update_command->add_option("report_dir", args.report_dir, "a report directory written by `wsharness run`")
      ->required();
  update_command->add_flag("--allow-widen", args.allow_widen,
                           "add an entry for each unexpected result (never done silently)");
  update_command->add_flag("--dry-run", args.dry_run, "print the diff, write nothing");
  update_command->add_option("--cases", args.cases_dir, kCasesFlagHelp);
  update_command->callback([&args] { args.action = "update"; });
  return command;
}

int run_baseline_command(const BaselineArgs& args) { return args.action == "check" ? check(args) : update(args); }

}  // namespace wsh::cli
