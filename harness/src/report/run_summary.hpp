#pragma once
// A whole run, as the reports see it.

#include <chrono>
#include <string>
#include <vector>

#include "results/case_result.hpp"

namespace wsh::report {

struct SubjectInfo {
  std::string name;     // "beast", "httplib@0.53.1", "custom"
  std::string impl;     // from hello
  std::string version;  // from hello
  std::vector<std::string> roles;
  std::vector<std::string> features;
  std::string command;   // how it was started
  std::string skipped;   // non-empty: why this subject did not run
  std::string timeouts;  // as the subject reported them in hello (JSON text)
};

struct RunSummary {
  std::string harness_version;
  std::uint64_t seed = 0;
  std::string started;  // ISO 8601 UTC
  std::chrono::milliseconds duration{0};
  int jobs = 0;         // results run in parallel (0: not recorded)
  bool strict = false;  // --strict: an XPASS fails the run
  std::vector<std::string> command_line;
  std::vector<SubjectInfo> subjects;
  std::vector<results::CaseResult> results;
  // The run stopped before its plan was done (SIGINT, SIGTERM, --max-failures):
  // `results` holds what finished; `not_run` results were not run.
  bool incomplete = false;
  std::string incomplete_reason;  // "interrupted by SIGTERM", "stopped after 3 failures (--max-failures 3)"
  std::size_t not_run = 0;
  // Black-box mode: the servers tested by URL, and whether one was allowed
  // off loopback (--allow-remote).
  std::vector<std::string> urls;
  bool allow_remote = false;
};

}  // namespace wsh::report
