// wsharness list: the catalogue's results and the subjects, including the
// ones this build had to skip (and why); with --faults, the faults a case
// step can inject, with their parameters.

#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cases/baseline.hpp"
#include "cli/commands.hpp"
#include "cli/selection.hpp"
#include "faults/fault_registry.hpp"

namespace wsh::cli {
namespace {

bool selected(const std::vector<std::string>& filters, std::string_view id) {
  if (filters.empty()) return true;
  for (const auto& glob : filters)
    if (cases::glob_match(glob, id)) return true;
  return false;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

std::vector<std::string> role_names(const std::vector<cases::Role>& roles) {
  std::vector<std::string> names;
  for (const auto role : roles) names.emplace_back(cases::role_name(role));
  return names;
}

// The fault registry as a case author needs it: each fault's help line,
// then one line per parameter (values allowed, default, meaning).
int print_faults() {
  for (const auto& info : faults::list_faults()) {
    std::printf("%s\n", faults::format_help_line(info).c_str());
    for (const auto& param : info.params) std::printf("    %s\n", faults::format_param_help(param).c_str());
  }
  std::printf("%zu fault(s)\n", faults::list_faults().size());
  return kExitOk;
}

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListArgs& args) {
  auto* command = app.add_subcommand("list", "list the catalogue's cases and the subjects");
  command->add_option("--subject", args.selection.subjects, "only this subject (repeatable)");
  command->add_option("--filter", args.selection.filters, "only result ids matching this glob (repeatable)");
  command->add_option("--cases", args.selection.cases_dir, kCasesFlagHelp);
  auto* json = command->add_flag("--json", args.json, "print JSON instead of text");
  command->add_flag("--faults", args.faults, "list the faults a case step can inject, with their parameters")
      ->excludes(json);
  return command;
}

int run_list(const ListArgs& args) {
  if (args.faults) return print_faults();
  const auto catalogue = load_cases_or_report(cases_directory(args.selection.cases_dir));
  if (!catalogue) return kExitUsage;
  const auto subjects = select_subjects(args.selection.subjects, /*include_skipped=*/true);

  if (args.json) {
    nlohmann::json out = {{"subjects", nlohmann::json::array()}, {"cases", nlohmann::json::array()}};
    for (const auto& subject : subjects) {
      nlohmann::json item = {{"name", subject.name}, {"available", subject.skipped.empty()}};
      if (!subject.skipped.empty()) item["skipped"] = subject.skipped;
      out["subjects"].push_back(item);
    }
    for (const auto& instance : catalogue->cases) {
      if (!selected(args.selection.filters, instance.result_id)) continue;
      nlohmann::json params = nlohmann::json::object();
      for (const auto& param : instance.params) params[param.name] = param.value;
      nlohmann::json item = {{"id", instance.result_id},
                             {"case", instance.case_id},
                             {"title", instance.title},
                             {"area", instance.area},
                             {"rfc", instance.rfc},
                             {"requirement", instance.requirement},
                             {"roles", role_names(instance.roles)},
                             {"transports", instance.transports},
                             {"autobahn", instance.autobahn},
                             {"requires", instance.requires_features},
                             {"params", params},
                             {"repeat", instance.repeat},
                             {"source", instance.where.to_string()}};
      if (instance.fleet) {
        item["connections"] = instance.fleet->connections;
        item["concurrency"] = cases::concurrency_name(instance.fleet->concurrency);
      }
      out["cases"].push_back(std::move(item));
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }

  for (const auto& subject : subjects) {
    if (subject.skipped.empty()) std::printf("subject %-16s available\n", subject.name.c_str());
    else std::printf("subject %-16s SKIPPED: %s\n", subject.name.c_str(), subject.skipped.c_str());
  }
  std::size_t count = 0;
  for (const auto& instance : catalogue->cases) {
    if (!selected(args.selection.filters, instance.result_id)) continue;
    ++count;
    std::printf("%-60s %-20s §%-8s %s\n", instance.result_id.c_str(), join(role_names(instance.roles), ",").c_str(),
                instance.rfc.c_str(),
                instance.autobahn.empty() ? "" : ("autobahn " + join(instance.autobahn, ",")).c_str());
  }
  std::printf("%zu case instance(s)\n", count);
  return kExitOk;
}

}  // namespace wsh::cli
