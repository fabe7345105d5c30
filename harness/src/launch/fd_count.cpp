#include "launch/fd_count.hpp"

#include <filesystem>
#include <string>
#include <system_error>

namespace wsh::launch {

std::optional<std::size_t> count_open_fds(pid_t pid) {
  const std::filesystem::path directory = "/proc/" + std::to_string(pid) + "/fd";
  std::error_code error;
  std::filesystem::directory_iterator entries(directory, error);
  if (error) return std::nullopt;
  std::size_t count = 0;
  for (const auto end = std::filesystem::directory_iterator(); entries != end; entries.increment(error)) ++count;
  if (error) return std::nullopt;  // increment() failed: the listing is incomplete
  return count;
}

}  // namespace wsh::launch
