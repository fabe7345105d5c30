#pragma once
// The environment a subject starts with: the harness's own, plus the spec's
// extra variables, plus sanitizer defaults that make a sanitizer report
// visible to the harness.
//
// Why these defaults: a subject built with a sanitizer must (1) print its
// report on stderr, where the launcher scans for it, and (2) stop at the first
// report with a recognisable exit code, so the report is attributed to the
// case that triggered it and the subject never runs on in a corrupted state.
// abort_on_error=0 makes it exit with `exitcode` instead of raising SIGABRT,
// which would look like an ordinary crash (and may dump core). log_path is
// left alone: its default is stderr, and a user who redirects it chose to.
// A user's own value for any option always wins over these.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::launch {

// The exit code a subject's sanitizer uses with the harness's defaults.
inline constexpr int kSanitizerExitCode = 86;

struct SanitizerDefault {
  std::string_view variable;  // "ASAN_OPTIONS"
  std::string_view options;   // "halt_on_error=1:abort_on_error=0:..."
};

// ASAN_OPTIONS, LSAN_OPTIONS, UBSAN_OPTIONS, TSAN_OPTIONS defaults.
const std::vector<SanitizerDefault>& sanitizer_defaults();

// Sanitizer option strings are key=value pairs separated by ':' (or spaces or
// commas). Returns `user_options` with every option of `defaults` whose key it
// does not set added in front (the sanitizers let later options win, so the
// user's remain authoritative either way).
std::string merge_sanitizer_options(std::string_view user_options, std::string_view defaults);

// `inherited` is a NULL-terminated "NAME=value" array (environ). Returns the
// subject's environment as "NAME=value" strings.
std::vector<std::string> build_environment(const char* const* inherited,
                                           const std::map<std::string, std::string>& extra,
                                           bool add_sanitizer_defaults);

}  // namespace wsh::launch
