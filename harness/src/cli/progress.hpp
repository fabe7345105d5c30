#pragma once
// What a person sees while a run goes: on a terminal, a live counter and a
// line per result that departs from its baseline; elsewhere (CI) only those
// lines. Then a summary: verdict counts, outcomes (unexpected, XPASS, races
// not reproduced), timing, and the report's path. Every judgement is the
// result's `outcome`, computed by the engine; nothing here recomputes it.

#include <string>

#include "report/run_summary.hpp"

namespace wsh::cli {

class Progress {
 public:
  explicit Progress(bool enabled);
  void update(const engine::CaseResult& result, std::size_t done, std::size_t total);
  // Prints the summary; returns whether the run passes: no unexpected
  // result, and under --strict no XPASS either.
  bool finish(const report::RunSummary& summary, const std::string& report_dir);

 private:
  bool enabled_;
  bool terminal_;
};

// Subject text is untrusted: strip control characters before it reaches a
// terminal (an escape sequence in a close reason must not drive the terminal).
std::string terminal_safe(std::string_view text);

}  // namespace wsh::cli
