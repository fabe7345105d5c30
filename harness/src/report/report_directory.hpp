#pragma once
// A run's report directory, written whole or not at all.

#include <filesystem>

#include "report/run_summary.hpp"

namespace wsh::report {

// Writes index.json, results/*.json, junit.xml and the HTML rendered from
// them (html_report.hpp) into a fresh temporary directory next to `dir`,
// then renames it into place, so a crash or Ctrl-C never leaves half a
// report over a good one. Throws std::runtime_error with
// the path on failure.
void write_report(const RunSummary& run, const std::filesystem::path& dir);

}  // namespace wsh::report
