#include "report/file_output.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace wsh::report {

void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

void fill_staging(const std::filesystem::path& staging, const std::function<void()>& fill) {
  try {
    fill();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(staging, ignored);
    throw;
  }
}

}  // namespace wsh::report
