#pragma once
// What to start and how much of its output to keep.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "launch/clock.hpp"

namespace wsh::launch {

// Bounds on what a subject can make the harness hold. A misbehaving subject
// hits a bound and gets a protocol violation; the harness never grows without
// limit because of it.
struct OutputLimits {
  std::size_t max_line_bytes = 64 * 1024;     // a longer stdout line is a violation
  std::size_t stderr_tail_bytes = 64 * 1024;  // the last bytes of stderr kept
  std::size_t max_events = 65536;             // later events are dropped (one violation)
  std::size_t max_violations = 256;           // later ones are only counted
  std::size_t violation_excerpt_bytes = 256;  // bytes of an offending line kept
  std::size_t sanitizer_report_lines = 40;    // first lines of a sanitizer report kept
};

struct LaunchSpec {
  // The subject and its arguments; argv[0] is looked up in PATH when it has
  // no '/'. Never run through a shell (see command_line.hpp).
  std::vector<std::string> argv;
  // Prepended to argv, e.g. {"valgrind", "--error-exitcode=99", "-q"}.
  std::vector<std::string> wrapper;
  // Added to the inherited environment, replacing variables of the same name.
  std::map<std::string, std::string> extra_env;
  // Add the harness's ASAN/LSAN/UBSAN/TSAN_OPTIONS defaults (environment.hpp)
  // for every option the environment does not already set.
  bool sanitizer_defaults = true;
  std::optional<std::filesystem::path> working_dir;
  // After the subject exits, how long its output may still take to arrive
  // when a surviving child keeps the pipes open (no EOF to wait for).
  Millis exit_drain_grace{200};
  OutputLimits limits;

  // wrapper + argv: what is actually executed.
  std::vector<std::string> command() const {
    std::vector<std::string> all = wrapper;
    all.insert(all.end(), argv.begin(), argv.end());
    return all;
  }
};

}  // namespace wsh::launch
