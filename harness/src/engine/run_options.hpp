#pragma once
// What `wsharness run` was asked to do, after the CLI parsed it.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_model.hpp"
#include "engine/result.hpp"
#include "engine/subject_spec.hpp"
#include "engine/url_target.hpp"

namespace wsh::engine {

struct RunOptions {
  std::filesystem::path cases_dir;      // cases/
  std::filesystem::path baselines_dir;  // cases/expectations/
  std::vector<SubjectSpec> subjects;
  std::vector<cases::Role> roles = {cases::Role::Server, cases::Role::Client, cases::Role::Pair};
  std::vector<Transport> transports = {Transport::Ws};
  std::vector<std::string> filters;  // globs on result ids; empty: all
  int jobs = 1;
  std::uint64_t seed = 0;
  std::optional<std::chrono::milliseconds> case_timeout;  // overrides every case's timeout_ms
  bool allow_non_loopback = false;
  int max_failures = 0;  // stop starting results after this many unexpected ones; 0: never
  // What each result took in an earlier run (duration_key -> ms), to start
  // the longest first; empty: ordered by what the cases declare.
  std::map<std::string, long> previous_duration_ms;
  bool verbose = false;  // replay: narrate every step
  // Servers the user started, tested by URL (`run --url`, an Autobahn
  // config's `servers`): use_url_targets() turns each into a subject.
  std::vector<UrlTarget> url_targets;
};

}  // namespace wsh::engine
