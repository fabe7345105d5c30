// A standalone main for compilers without libFuzzer (the gcc builds): runs
// LLVMFuzzerTestOneInput once over every file in the directories (or files)
// given, so ctest replays each target's seed corpus and every crash ever
// found (fuzz/regressions/<target>/). A property violation aborts, which
// fails the test; the file being run is printed first so the log names it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// Files that document a directory rather than being inputs to it.
bool is_documentation(const fs::path& file) {
  const std::string name = file.filename().string();
  return name == ".gitkeep" || name.rfind("README", 0) == 0;
}

std::vector<fs::path> inputs_under(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) return {root};
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && !is_documentation(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());  // the same order on every run
  return files;
}

bool run_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return false;
  }
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
  // A copy of exactly the file's size, so AddressSanitizer sees reads past it.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  std::size_t ran = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    if (!fs::exists(argv[i], ec)) {
      std::fprintf(stderr, "replay: %s does not exist\n", argv[i]);
      ok = false;
      continue;
    }
    for (const fs::path& file : inputs_under(argv[i])) {
      ok = run_file(file) && ok;
      ++ran;
    }
  }
  std::fprintf(stderr, "replay: %zu input(s) ran\n", ran);
  return ok ? 0 : 1;
}
