#pragma once
// The subject flags `run` and `perf` share: --subject (repeatable built-ins),
// --subject-cmd / --subject-name (any program that speaks the subject
// protocol) and --subject-wrapper (valgrind, taskset, ...).

#include <string>
#include <vector>

#include "engine/subject_spec.hpp"

namespace CLI {
class App;
}

namespace wsh::cli {

struct SubjectFlags {
  std::vector<std::string> builtins;  // --subject (repeatable)
  std::vector<std::string> commands;  // --subject-cmd (repeatable)
  std::vector<std::string> names;     // --subject-name: the i-th names the i-th command
  std::string wrapper;                // --subject-wrapper
};

void add_subject_flags(CLI::App& command, SubjectFlags& flags);

// The subjects the flags name: the built-ins (every available one but the
// faulty control when none is named and no command is given), then each
// command, the wrapper in front of every one. A built-in that was not built
// is announced on stderr, loudly, and returned with `skipped` set so reports
// can say so; naming it is an error. Throws std::invalid_argument naming the
// flag at fault.
std::vector<engine::SubjectSpec> chosen_subjects(const SubjectFlags& flags);

}  // namespace wsh::cli
