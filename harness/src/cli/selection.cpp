#include "cli/selection.hpp"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <stdexcept>

#include "engine/engine.hpp"
#include "engine/install_layout.hpp"

namespace wsh::cli {

std::filesystem::path cases_directory(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("WSH_CASES_DIR"); env && *env) return env;
  return engine::default_cases_directory(WSH_DEFAULT_CASES_DIR);
}

std::optional<cases::Catalogue> load_cases_or_report(const std::filesystem::path& dir) {
  auto catalogue = cases::load_catalogue(dir, engine::fault_validator());
  if (catalogue.ok()) return catalogue;
  for (const auto& error : catalogue.errors) std::fprintf(stderr, "%s\n", error.to_string().c_str());
  std::fprintf(stderr, "wsharness: %zu problem(s) in the case files under %s; nothing was run\n",
               catalogue.errors.size(), dir.string().c_str());
  return std::nullopt;
}

std::vector<engine::SubjectSpec> select_subjects(const std::vector<std::string>& names, bool include_skipped) {
  auto builtin = engine::builtin_subjects();
  std::vector<engine::SubjectSpec> chosen;
  if (names.empty()) {
    for (auto& subject : builtin)
      if (subject.name != "faulty" && (include_skipped || subject.skipped.empty())) chosen.push_back(subject);
    return chosen;
  }
  for (const auto& name : names) {
    bool found = false;
    for (const auto& subject : builtin) {
      const auto base = subject.name.substr(0, subject.name.find('@'));
      if (subject.name == name || base == name) {
        chosen.push_back(subject);
        found = true;
      }
    }
    if (!found) {
      std::string known;
      for (const auto& subject : builtin) known += (known.empty() ? "" : ", ") + subject.name;
      throw std::invalid_argument(
          fmt::format("--subject: unknown subject '{}' (known: {}; or use --subject-cmd)", name, known));
    }
  }
  return chosen;
}

}  // namespace wsh::cli
