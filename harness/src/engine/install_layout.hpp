#pragma once
// Where wsharness finds its catalogue and its built-in subjects: next to
// itself when it runs from an installed tree (`cmake --install`), else in the
// build tree it was compiled in. An installed copy never reads the build or
// source tree, so it keeps working once they are deleted or moved.
//
// Installed layout, relative to the directory of the running executable
// (bin/), fixed at configure time from GNUInstallDirs:
//   ../libexec/wsharness/wsh-subject-<name>
//   ../share/wsharness/cases/

#include <filesystem>
#include <string_view>

namespace wsh::engine {

// The directory holding the running executable (/proc/self/exe); empty when
// it cannot be read.
std::filesystem::path executable_directory();

// The installed subject executable `file_name` when it exists next to this
// wsharness, else `build_tree_path`.
std::filesystem::path subject_executable(std::string_view file_name, const std::filesystem::path& build_tree_path);

// The installed catalogue when it exists next to this wsharness, else
// `source_tree_cases`.
std::filesystem::path default_cases_directory(const std::filesystem::path& source_tree_cases);

}  // namespace wsh::engine
