#pragma once
// Fake subjects for the launcher tests: tiny /bin/sh scripts written into a
// fresh temporary directory, each misbehaving in one particular way.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "launch/clock.hpp"
#include "launch/launch_spec.hpp"

namespace wsh::launch::fake {

// A valid hello line, as a script writes it.
inline constexpr std::string_view kHelloLine =
    R"({"event":"hello","impl":"fake","version":"1","roles":["server"],"features":[]})";

// A script body: print the hello line, then do `rest`.
inline std::string hello_then(std::string_view rest) {
  return "echo '" + std::string(kHelloLine) + "'\n" + std::string(rest);
}

// Generous: these tests check "did not hang", not speed, and run under
// sanitizers on a shared machine.
inline constexpr Millis kHangMargin{5000};

class ScriptDir {
 public:
  ScriptDir();
  ~ScriptDir();
  ScriptDir(const ScriptDir&) = delete;
  ScriptDir& operator=(const ScriptDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes "#!/bin/sh\n" + body as an executable file.
  std::filesystem::path write(std::string_view name, std::string_view body) const;
  // A spec that runs the script with /bin/sh (argv, no shell parsing).
  LaunchSpec spec(std::string_view name, std::string_view body) const;

 private:
  std::filesystem::path path_;
};

// Wall time since construction.
class Stopwatch {
 public:
  Millis elapsed() const { return millis_between(start_, Clock::now()); }

 private:
  Clock::time_point start_ = Clock::now();
};

// Polls `condition` every 10 ms until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& condition, Millis timeout);

// True when no live process has this pid (gone, or a zombie whose parent has
// not reaped it yet).
bool process_is_dead(pid_t pid);

// The state letter of /proc/PID/stat ('R', 'S', 'T' stopped, 'Z'), or '?'.
char process_state(pid_t pid);

// /proc/PID/comm without its newline, or "" when unreadable.
std::string process_name(pid_t pid);

}  // namespace wsh::launch::fake
