#pragma once
// What a person sees while a run goes: on a terminal, a live counter and a
// line per result that departs from its baseline; elsewhere (CI) only those
// lines. Then a summary: verdict counts, outcomes (unexpected, XPASS, races
// not reproduced), timing, and the report's path. Every judgement is the
// result's `outcome`, computed by the engine; nothing here recomputes it.

#include <cstddef>
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
  // A broken subject shows itself as the same failure in every result: while
  // every result that ran so far failed the same oracle, say so.
  void track_streak(const engine::CaseResult& result);
  std::string streak_note() const;

  bool enabled_;
  bool terminal_;
  std::string streak_oracle_;  // the oracle every result so far failed; "" once one did not
  std::string streak_reason_;  // its reason, up to the first ':'
  std::size_t streak_length_ = 0;
  bool streak_broken_ = false;
  bool streak_announced_ = false;  // without a terminal: said once
};

// Subject text is untrusted: strip control characters before it reaches a
// terminal (an escape sequence in a close reason must not drive the terminal).
std::string terminal_safe(std::string_view text);

}  // namespace wsh::cli
