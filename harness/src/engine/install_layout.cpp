#include "engine/install_layout.hpp"

#include <system_error>

namespace wsh::engine {
namespace {

// `relative` resolved against this executable's directory, when it exists.
std::filesystem::path installed_path(const std::filesystem::path& relative) {
  const auto directory = executable_directory();
  if (directory.empty()) return {};
  const auto candidate = (directory / relative).lexically_normal();
  std::error_code error;
  return std::filesystem::exists(candidate, error) ? candidate : std::filesystem::path{};
}

}  // namespace

std::filesystem::path executable_directory() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path{} : self.parent_path();
}

std::filesystem::path subject_executable(std::string_view file_name, const std::filesystem::path& build_tree_path) {
  auto path = installed_path(std::filesystem::path(WSH_INSTALL_SUBJECTS_DIR) / file_name);
  return path.empty() ? build_tree_path : path;
}

std::filesystem::path default_cases_directory(const std::filesystem::path& source_tree_cases) {
  auto path = installed_path(WSH_INSTALL_CASES_DIR);
  return path.empty() ? source_tree_cases : path;
}

}  // namespace wsh::engine
