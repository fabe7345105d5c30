#pragma once
// Writing report files: whole files, and a staging directory that is
// removed again when what fills it fails, so no half-written report stays.

#include <filesystem>
#include <functional>
#include <string_view>

namespace wsh::report {

// Writes `text` to `path` (binary). Throws std::runtime_error with the path.
void write_file(const std::filesystem::path& path, std::string_view text);

// Runs `fill`, which builds `staging` and moves it (or what it holds) into
// place. When it throws, `staging` is removed and the exception passed on.
void fill_staging(const std::filesystem::path& staging, const std::function<void()>& fill);

}  // namespace wsh::report
