#pragma once
// `wsharness report --merge DIR... --report-dir OUT`: one report from the
// report directories of shards that ran parts of the catalogue (CI jobs
// split by ctest label or --filter glob). index.json's results are
// concatenated with their per-result JSON renumbered, the subjects are
// united, the run's figures are recomputed (wall time: the longest shard;
// overhead: over all results), every shard's seed, start, wall time and
// command are kept under harness.shards, junit.xml holds every shard's
// test suite, perf.json files are united, and the HTML is rendered from the
// merged JSON. A result (id, subject, role, transport) present in two shards
// is an error naming both directories: the shards overlapped.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace wsh::report {

class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MergeOutcome {
  std::size_t results = 0;
  std::size_t unexpected = 0;  // results that differ from their baseline
};

// Writes the merged report into a staging directory beside `out`, then
// renames it into place (as `run` does). Throws MergeError naming the shard
// directory (and file) that is missing, malformed or overlaps another.
MergeOutcome merge_reports(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace wsh::report
