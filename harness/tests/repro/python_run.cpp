#include "python_run.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace wsh::repro::testing {

bool python_available() {
#ifdef WSH_PYTHON3
  return true;
#else
  return false;
#endif
}

namespace {

std::string quoted(const std::string& word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

PythonRun run_python(const std::vector<std::string>& args) {
  PythonRun run;
#ifdef WSH_PYTHON3
  std::string command = "timeout 60 " + quoted(WSH_PYTHON3);
  for (const auto& arg : args) command += " " + quoted(arg);
  command += " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), got);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#else
  (void)args;
#endif
  return run;
}

namespace {

// One scratch root per test process, removed when the process exits so a
// test run leaves nothing behind in the temporary directory.
struct ScratchRoot {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("wsh-repro-test-" + std::to_string(::getpid()));
  ~ScratchRoot() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

std::filesystem::path scratch_dir(const std::string& name) {
  static const ScratchRoot root;
  const auto dir = root.path / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace wsh::repro::testing
