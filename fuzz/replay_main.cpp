// A standalone main for compilers without libFuzzer (the gcc builds): runs
// LLVMFuzzerTestOneInput once over every file in the directories (or files)
// given, so ctest replays each target's seed corpus and every crash ever
// found (fuzz/regressions/<target>/). A property violation aborts, which
// fails the test; the file being run is printed first so the log names it.
//
//   replay DIR_OR_FILE...                            every input must run cleanly
//   replay --expect-mismatch KIND DIR_OR_FILE...     and each one must also make
//                                                    the target record a KIND mismatch
//
// The second form replays a documented finding (fuzz/findings/): a
// disagreement between a subject and the harness that the target counts
// (support/mismatch_log.hpp) rather than crashes on. When an input no
// longer produces its mismatch, the replay says "no longer reproduces" and
// fails, so a fix upstream is noticed and the finding's entry updated.

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
// Defined by the targets that count mismatches (WSH_FUZZ_EXPORT_MISMATCH_COUNT
// in support/mismatch_log.hpp); null in the others.
extern "C" __attribute__((weak)) std::uint64_t wsh_fuzz_mismatch_count(const char* kind);

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

bool run_file(const fs::path& file, const std::string& expected_mismatch) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return false;
  }
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
  // A copy of exactly the file's size, so AddressSanitizer sees reads past it.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  if (expected_mismatch.empty()) {
    LLVMFuzzerTestOneInput(input.data(), input.size());
    return true;
  }
  const std::uint64_t before = wsh_fuzz_mismatch_count(expected_mismatch.c_str());
  LLVMFuzzerTestOneInput(input.data(), input.size());
  if (wsh_fuzz_mismatch_count(expected_mismatch.c_str()) > before) {
    std::fprintf(stderr, "replay: %s reproduces mismatch %s\n", file.c_str(), expected_mismatch.c_str());
    return true;
  }
  std::fprintf(stderr, "replay: %s no longer reproduces mismatch %s\n", file.c_str(), expected_mismatch.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  int first = 1;
  std::string expected_mismatch;
  if (argc > 2 && std::string(argv[1]) == "--expect-mismatch") {
    expected_mismatch = argv[2];
    first = 3;
    if (wsh_fuzz_mismatch_count == nullptr) {
      std::fprintf(stderr, "replay: %s counts no mismatches; --expect-mismatch is not for it\n", argv[0]);
      return 2;
    }
  }
  if (argc <= first) {
    std::fprintf(stderr, "usage: %s [--expect-mismatch KIND] DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  std::size_t ran = 0;
  bool ok = true;
  for (int i = first; i < argc; ++i) {
    std::error_code ec;
    if (!fs::exists(argv[i], ec)) {
      std::fprintf(stderr, "replay: %s does not exist\n", argv[i]);
      ok = false;
      continue;
    }
    for (const fs::path& file : inputs_under(argv[i])) {
      ok = run_file(file, expected_mismatch) && ok;
      ++ran;
    }
  }
  std::fprintf(stderr, "replay: %zu input(s) ran\n", ran);
  if (!expected_mismatch.empty() && ran == 0) ok = false;  // a finding with no input proves nothing
  return ok ? 0 : 1;
}
