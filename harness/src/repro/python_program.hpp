#pragma once
// Renders a ReproPlan as one Python 3 program (standard library only): a
// docstring that says what the result is and how to run it, the recorded
// data as literals, and the replay engine (replay_runtime.py), the same in
// every program.

#include <string>

#include "repro/repro_plan.hpp"

namespace wsh::repro {

// Where the program came from, for its docstring.
struct Provenance {
  std::string harness_version;  // the version of wsharness that ran the case
  std::string run_started;      // the run's start (index.json), or empty
  std::string written;          // when the program was written (ISO 8601)
};

std::string python_program(const ReproPlan& plan, const Provenance& provenance);

// The replay engine's source (harness/src/repro/replay_runtime.py), embedded at build time.
std::string_view replay_runtime();

}  // namespace wsh::repro
