#pragma once
// perf.json (README.md, "Performance: `wsharness perf`", a stable contract: add fields,
// never rename) and the table `wsharness perf` prints. The HTML report reads
// perf.json back on its own (report/perf_section.cpp); nothing here renders
// HTML.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "perf/subject_perf.hpp"

namespace wsh::perf {

struct PerfReport {
  std::string harness_version;
  std::string started;  // ISO 8601 UTC
  std::vector<std::string> command_line;
  PerfSettings settings;
  std::vector<SubjectPerf> subjects;  // one per subject and transport
};

nlohmann::json perf_json(const PerfReport& report);

// A fixed-width table, one row per subject and transport, then one line per
// problem (failures, cleanup mismatches, how the subject ended). Subject
// text is stripped of control characters.
std::string perf_table(const PerfReport& report);

// Writes `dir`/perf.json through a temporary file and a rename, so a reader
// never sees half of it. Creates `dir` when missing. Throws
// std::runtime_error naming the path.
void write_perf_json(const PerfReport& report, const std::filesystem::path& dir);

}  // namespace wsh::perf
