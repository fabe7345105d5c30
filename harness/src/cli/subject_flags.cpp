#include "cli/subject_flags.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <stdexcept>

#include "cli/selection.hpp"
#include "launch/command_line.hpp"

namespace wsh::cli {
namespace {

std::vector<std::string> split_flag(const char* flag, const std::string& text) {
  try {
    return launch::split_command_line(text);
  } catch (const launch::CommandLineError& error) {
    throw std::invalid_argument(fmt::format("{} {}: {}", flag, text, error.what()));
  }
}

}  // namespace

void add_subject_flags(CLI::App& command, SubjectFlags& flags) {
  command.add_option("--subject", flags.builtins,
                     "built-in subject: beast, httplib, faulty (repeatable; default: all available but faulty, "
                     "unless --subject-cmd is given)");
  auto* cmd = command.add_option("--subject-cmd", flags.commands,
                                 "command line of any subject that speaks the subject protocol (repeatable)");
  command
      .add_option("--subject-name", flags.names,
                  "name in reports of the --subject-cmd subject in the same position (default: custom, custom-2, ...)")
      ->needs(cmd);
  command.add_option("--subject-wrapper", flags.wrapper,
                     "prefix for every subject command, e.g. \"valgrind --error-exitcode=99 -q\"");
}

std::vector<engine::SubjectSpec> chosen_subjects(const SubjectFlags& flags) {
  if (flags.names.size() > flags.commands.size())
    throw std::invalid_argument(
        fmt::format("--subject-name given {} times for {} --subject-cmd", flags.names.size(), flags.commands.size()));
  const auto wrapper =
      flags.wrapper.empty() ? std::vector<std::string>{} : split_flag("--subject-wrapper", flags.wrapper);

  std::vector<engine::SubjectSpec> chosen;
  if (flags.commands.empty() || !flags.builtins.empty()) {
    for (auto& subject : select_subjects(flags.builtins, /*include_skipped=*/true)) {
      if (!subject.skipped.empty()) {
        // Loud, every time: a user who asked for it by name gets an error.
        std::fprintf(stderr, "wsharness: SKIPPING subject %s: %s\n", subject.name.c_str(), subject.skipped.c_str());
        if (!flags.builtins.empty())
          throw std::invalid_argument(fmt::format("--subject {}: not available: {}", subject.name, subject.skipped));
      }
      chosen.push_back(std::move(subject));
    }
  }
  for (std::size_t i = 0; i < flags.commands.size(); ++i) {
    engine::SubjectSpec custom;
    custom.name = i < flags.names.size() ? flags.names[i]
                  : i == 0               ? std::string("custom")
                                         : fmt::format("custom-{}", i + 1);
    custom.argv = split_flag("--subject-cmd", flags.commands[i]);
    chosen.push_back(std::move(custom));
  }
  for (auto& subject : chosen) subject.wrapper = wrapper;
  return chosen;
}

}  // namespace wsh::cli
