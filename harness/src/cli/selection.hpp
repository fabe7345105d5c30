#pragma once
// What list and run share: finding the case files, loading them strictly,
// and turning --subject names into subjects.

#include <filesystem>
#include <string>
#include <vector>

#include "cases/case_loader.hpp"
#include "cli/commands.hpp"
#include "engine/subject_spec.hpp"

namespace wsh::cli {

// --cases, else $WSH_CASES_DIR, else the installed catalogue next to this
// binary (share/wsharness/cases), else the source tree's cases/ it was built
// from.
std::filesystem::path cases_directory(const std::string& flag);
// The --cases flag's help, which says that order.
inline constexpr const char* kCasesFlagHelp =
    "directory of case files (default: $WSH_CASES_DIR, else the installed catalogue, else the source tree's cases/)";

// Loads every case file; on any error prints them all (file:line:col) and
// returns nullopt: the caller exits 2 before touching a subject.
std::optional<cases::Catalogue> load_cases_or_report(const std::filesystem::path& dir);

// --subject names: built-in subjects by name ("beast", "faulty", "httplib"
// or "httplib@0.53.1"); none given: every available built-in subject except
// the faulty negative control. Throws std::invalid_argument naming an
// unknown subject and the known ones.
std::vector<engine::SubjectSpec> select_subjects(const std::vector<std::string>& names, bool include_skipped);

}  // namespace wsh::cli
