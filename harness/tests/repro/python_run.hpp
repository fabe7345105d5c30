#pragma once
// Runs python3 on a file for the generator's tests: its exit code and what
// it printed. Tests that need Python skip when the build found none.

#include <filesystem>
#include <string>
#include <vector>

namespace wsh::repro::testing {

struct PythonRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

bool python_available();
// python3 ARGS... with a 60 s deadline (`timeout`), output captured.
PythonRun run_python(const std::vector<std::string>& args);
// A fresh directory for one test's files.
std::filesystem::path scratch_dir(const std::string& name);
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace wsh::repro::testing
