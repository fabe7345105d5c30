#pragma once
// Loads case files: every *.toml under a directory (except expectations/ and
// found/, where `wsharness fuzz` writes its findings),
// validated strictly and expanded into one CaseInstance per matrix
// combination. All problems of all files are collected, so one run shows them
// all; the engine refuses to start a subject while any remains.

#include <filesystem>
#include <string>
#include <vector>

#include "cases/case_model.hpp"
#include "cases/load_error.hpp"
#include "cases/step_parser.hpp"

namespace wsh::cases {

struct Catalogue {
  std::vector<CaseInstance> cases;  // sorted by result id
  LoadErrors errors;
  bool ok() const { return errors.empty(); }
};

// `display_root` is what file names in errors are relative to (usually the
// directory given on the command line's parent, so errors read "cases/...").
Catalogue load_case_file(const std::filesystem::path& file, const std::filesystem::path& display_root,
                         const FaultValidator& validate_fault);
Catalogue load_catalogue(const std::filesystem::path& directory, const FaultValidator& validate_fault);
// For tests: parse case text as if it came from `name`.
Catalogue load_case_text(std::string_view text, const std::string& name, const FaultValidator& validate_fault);

}  // namespace wsh::cases
