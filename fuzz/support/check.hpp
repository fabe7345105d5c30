#pragma once
// A property violation in a fuzz target: say what broke, then abort so that
// libFuzzer (or the replay main) records the input as a crash.

#include <cstdio>
#include <cstdlib>

namespace wsh::fuzz {

[[noreturn]] inline void property_failed(const char* target, const char* what) {
  std::fprintf(stderr, "%s: property violated: %s\n", target, what);
  std::abort();
}

}  // namespace wsh::fuzz

#define WSH_FUZZ_CHECK(target, condition) \
  ((condition) ? static_cast<void>(0) : ::wsh::fuzz::property_failed(target, #condition))
